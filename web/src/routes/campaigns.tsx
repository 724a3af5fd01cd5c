// Clean-up campaigns, the 摸排 facility-gap survey and the campaign fund.
// One row per desk page: its path under the signed-in layout, the page (loaded lazily, so the
// desk's first download stays small) and the permission it needs; App.tsx renders every table.
import { lazy } from 'react';
import type { DeskRoute } from './types.ts';

const CampaignsPage = lazy(() => import('../pages/campaigns/CampaignsPage.tsx'));
const CampaignPage = lazy(() => import('../pages/campaigns/CampaignPage.tsx'));
const CampaignDayPage = lazy(() => import('../pages/campaigns/DayPage.tsx'));
const SurveysPage = lazy(() => import('../pages/surveys/SurveysPage.tsx'));
const DepartmentPage = lazy(() => import('../pages/surveys/DepartmentPage.tsx'));
const NeedPage = lazy(() => import('../pages/surveys/NeedPage.tsx'));
const FundPage = lazy(() => import('../pages/fund/FundPage.tsx'));
const FundProjectPage = lazy(() => import('../pages/fund/ProjectPage.tsx'));
const FundEntryPage = lazy(() => import('../pages/fund/EntryPage.tsx'));

export const campaignsRoutes: DeskRoute[] = [
  { path: 'campaigns', page: CampaignsPage, action: 'campaign.read' },
  { path: 'campaigns/:id', page: CampaignPage, action: 'campaign.read' },
  { path: 'campaigns/:id/days/:day', page: CampaignDayPage, action: 'campaign.read' },
  { path: 'surveys', page: SurveysPage, action: 'survey.read' },
  { path: 'surveys/department', page: DepartmentPage, action: 'survey.answer' },
  { path: 'surveys/:id', page: NeedPage },
  { path: 'fund', page: FundPage, action: 'fund.read' },
  { path: 'fund/projects/:id', page: FundProjectPage, action: 'fund.read' },
  { path: 'fund/entries/:id', page: FundEntryPage, action: 'fund.read' },
];
