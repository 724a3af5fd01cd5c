// Settings an admin keeps: categories, dispatch rules, the calendar, the map, webhook hosts, checklists.
// One row per desk page: its path under the signed-in layout, the page (loaded lazily, so the
// desk's first download stays small) and the permission it needs; App.tsx renders every table.
import { lazy } from 'react';
import type { DeskRoute } from './types.ts';

const CategoriesPage = lazy(() => import('../pages/admin/CategoriesPage.tsx'));
const DispatchRulesPage = lazy(() => import('../pages/admin/DispatchRulesPage.tsx'));
const CalendarPage = lazy(() => import('../pages/admin/CalendarPage.tsx'));
const MapSettingsPage = lazy(() => import('../pages/admin/MapSettingsPage.tsx'));
const WebhookHostsPage = lazy(() => import('../pages/admin/WebhookHostsPage.tsx'));
const ChecklistsPage = lazy(() => import('../pages/inspections/ChecklistsPage.tsx'));

export const adminRoutes: DeskRoute[] = [
  { path: 'admin/categories', page: CategoriesPage, action: 'category.manage' },
  { path: 'admin/dispatch-rules', page: DispatchRulesPage, action: 'routing.manage' },
  { path: 'admin/calendar', page: CalendarPage, action: 'calendar.manage' },
  { path: 'admin/map', page: MapSettingsPage, action: 'map.manage' },
  { path: 'admin/webhook-hosts', page: WebhookHostsPage, action: 'webhook.allow_hosts' },
  { path: 'admin/checklists', page: ChecklistsPage, action: 'checklist.manage' },
];
