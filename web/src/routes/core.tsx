// The home page, the inbox, one's own profile and the directory (regions, units, people, audit).
// One row per desk page: its path under the signed-in layout, the page (loaded lazily, so the
// desk's first download stays small) and the permission it needs; App.tsx renders every table.
import { lazy } from 'react';
import type { DeskRoute } from './types.ts';

const HomePage = lazy(() => import('../pages/home/HomePage.tsx'));
const WorkbenchPage = lazy(() => import('../pages/workbench/WorkbenchPage.tsx'));
const MapPage = lazy(() => import('../pages/map/MapPage.tsx'));
const RegionsPage = lazy(() => import('../pages/regions/RegionsPage.tsx'));
const UnitsPage = lazy(() => import('../pages/units/UnitsPage.tsx'));
const PeoplePage = lazy(() => import('../pages/people/PeoplePage.tsx'));
const ProfilePage = lazy(() => import('../pages/profile/ProfilePage.tsx'));
const AuditPage = lazy(() => import('../pages/audit/AuditPage.tsx'));
const NotificationsPage = lazy(() => import('../pages/problems/NotificationsPage.tsx'));
const InboxPage = lazy(() => import('../pages/inbox/InboxPage.tsx'));

export const coreRoutes: DeskRoute[] = [
  { path: '', page: HomePage },
  { path: 'home', page: HomePage },
  { path: 'workbench', page: WorkbenchPage, action: 'problem.read' },
  { path: 'map', page: MapPage, action: 'problem.read' },
  { path: 'regions', page: RegionsPage, action: 'region.read' },
  { path: 'units', page: UnitsPage, action: 'unit.read' },
  { path: 'people', page: PeoplePage, action: 'person.read' },
  { path: 'profile', page: ProfilePage },
  { path: 'audit', page: AuditPage, action: 'audit.read' },
  { path: 'notifications', page: NotificationsPage },
  { path: 'inbox', page: InboxPage },
];
