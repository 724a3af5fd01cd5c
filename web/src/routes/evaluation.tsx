// The national evaluation (全国文明城市测评): the 测评体系, the cycle and the materials.
// One row per desk page: its path under the signed-in layout, the page (loaded lazily, so the
// desk's first download stays small) and the permission it needs; App.tsx renders every table.
import { lazy } from 'react';
import type { DeskRoute } from './types.ts';

const NationalEvaluationPage = lazy(() => import('../pages/evaluation/EvaluationPage.tsx'));
const EvaluationMaterialsPage = lazy(() => import('../pages/evaluation/MaterialsPage.tsx'));
const EvaluationForecastPage = lazy(() => import('../pages/evaluation/ForecastPage.tsx'));

export const evaluationRoutes: DeskRoute[] = [
  { path: 'evaluation', page: NationalEvaluationPage, action: 'evaluation.read' },
  { path: 'evaluation/materials', page: EvaluationMaterialsPage, action: 'evaluation.read' },
  { path: 'evaluation/forecast', page: EvaluationForecastPage, action: 'evaluation.read' },
];
