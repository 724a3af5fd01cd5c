// Supervision: inspections, points, compliance, mock evaluations and assessment.
// One row per desk page: its path under the signed-in layout, the page (loaded lazily, so the
// desk's first download stays small) and the permission it needs; App.tsx renders every table.
import { lazy } from 'react';
import type { DeskRoute } from './types.ts';

const AssessmentPage = lazy(() => import('../pages/assessment/AssessmentPage.tsx'));
const InspectionsPage = lazy(() => import('../pages/inspections/InspectionsPage.tsx'));
const CompliancePage = lazy(() => import('../pages/inspections/CompliancePage.tsx'));
const EvaluationPage = lazy(() => import('../pages/inspections/EvaluationPage.tsx'));
const PointsPage = lazy(() => import('../pages/inspections/PointsPage.tsx'));
const PointPage = lazy(() => import('../pages/inspections/PointPage.tsx'));
const InspectionSettingsPage = lazy(() => import('../pages/inspections/SettingsPage.tsx'));
const InspectionPage = lazy(() => import('../pages/inspections/InspectionPage.tsx'));

export const inspectionsRoutes: DeskRoute[] = [
  { path: 'assessment', page: AssessmentPage, action: 'assessment.read' },
  { path: 'inspections', page: InspectionsPage, action: 'inspection.read' },
  { path: 'inspections/compliance', page: CompliancePage, action: 'inspection.read' },
  { path: 'inspections/evaluation', page: EvaluationPage, action: 'inspection.read' },
  { path: 'inspections/points', page: PointsPage, action: 'inspection.read' },
  { path: 'inspections/points/:placeId', page: PointPage, action: 'inspection.read' },
  { path: 'inspections/settings', page: InspectionSettingsPage, action: 'inspection.manage' },
  { path: 'inspections/:id', page: InspectionPage, action: 'inspection.read' },
];
