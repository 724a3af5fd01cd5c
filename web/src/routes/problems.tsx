// The problem loop: list, report, detail, re-inspections, accountability.
// One row per desk page: its path under the signed-in layout, the page (loaded lazily, so the
// desk's first download stays small) and the permission it needs; App.tsx renders every table.
import { lazy } from 'react';
import type { DeskRoute } from './types.ts';

const ProblemsPage = lazy(() => import('../pages/problems/ProblemsPage.tsx'));
const NewProblemPage = lazy(() => import('../pages/problems/NewProblemPage.tsx'));
const ProblemPage = lazy(() => import('../pages/problems/ProblemPage.tsx'));
const ReinspectionsPage = lazy(() => import('../pages/problems/ReinspectionsPage.tsx'));
const AccountabilityPage = lazy(() => import('../pages/problems/AccountabilityPage.tsx'));

export const problemsRoutes: DeskRoute[] = [
  { path: 'problems', page: ProblemsPage, action: 'problem.read' },
  { path: 'problems/new', page: NewProblemPage, action: 'problem.report' },
  { path: 'problems/:id', page: ProblemPage, action: 'problem.read' },
  { path: 'reinspections', page: ReinspectionsPage, action: 'problem.read' },
  { path: 'accountability', page: AccountabilityPage },
];
