// Reports and the 大屏's display tokens.
// One row per desk page: its path under the signed-in layout, the page (loaded lazily, so the
// desk's first download stays small) and the permission it needs; App.tsx renders every table.
import { lazy } from 'react';
import type { DeskRoute } from './types.ts';

const DisplayTokensPage = lazy(() => import('../pages/screen/DisplayTokensPage.tsx'));
const DailyReportsPage = lazy(() => import('../pages/reports/DailyReportsPage.tsx'));
const TownReportsPage = lazy(() => import('../pages/reports/TownReportsPage.tsx'));
const TownReportPage = lazy(() => import('../pages/reports/TownReportPage.tsx'));
const YearendPage = lazy(() => import('../pages/reports/YearendPage.tsx'));

export const reportsRoutes: DeskRoute[] = [
  { path: 'screen-tokens', page: DisplayTokensPage, action: 'screen.tokens' },
  { path: 'reports/daily', page: DailyReportsPage, action: 'report.read' },
  { path: 'reports/town', page: TownReportsPage, action: 'report.read' },
  { path: 'reports/town/:id', page: TownReportPage, action: 'report.read' },
  { path: 'reports/yearend', page: YearendPage, action: 'report.read' },
];
