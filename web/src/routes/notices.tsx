// 督查通报 and the county's notices.
// One row per desk page: its path under the signed-in layout, the page (loaded lazily, so the
// desk's first download stays small) and the permission it needs; App.tsx renders every table.
import { lazy } from 'react';
import type { DeskRoute } from './types.ts';

const NoticesPage = lazy(() => import('../pages/notices/NoticesPage.tsx'));
const ComposeNoticePage = lazy(() => import('../pages/notices/ComposeNoticePage.tsx'));
const ReceivedNoticePage = lazy(() => import('../pages/notices/ReceivedNoticePage.tsx'));
const CountyNoticesPage = lazy(() => import('../pages/notices/county/CountyNoticesPage.tsx'));
const CountyComposePage = lazy(() => import('../pages/notices/county/CountyComposePage.tsx'));
const CountyNoticePage = lazy(() => import('../pages/notices/county/CountyNoticePage.tsx'));
const NoticePage = lazy(() => import('../pages/notices/NoticePage.tsx'));

export const noticesRoutes: DeskRoute[] = [
  { path: 'notices', page: NoticesPage, action: 'notice.read' },
  { path: 'notices/new', page: ComposeNoticePage, action: 'notice.draft' },
  { path: 'notices/received/new', page: ReceivedNoticePage, action: 'notice.compose' },
  { path: 'notices/county', page: CountyNoticesPage, action: 'notice.county_issue' },
  { path: 'notices/county/new', page: CountyComposePage, action: 'notice.county_issue' },
  { path: 'notices/county/:id', page: CountyNoticePage, action: 'notice.county_issue' },
  { path: 'notices/:id', page: NoticePage, action: 'notice.read' },
  { path: 'notices/:id/edit', page: ComposeNoticePage, action: 'notice.draft' },
];
