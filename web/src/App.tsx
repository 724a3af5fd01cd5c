// Routes. Everything but /login sits behind the session check; pages load
// lazily so a phone downloads only what it opens.
import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Spin } from 'antd';
import { setPasswordChangeHandler, setUnauthorizedHandler } from './api/client.ts';
import { AppLayout } from './shell/AppLayout.tsx';
import { RequireMe } from './shell/RequireMe.tsx';
import type { Action } from '../../domain/permissions.ts';
import { meKey, useMe } from './api/queries.ts';

// antd's Result carries its 403/404/500 illustrations: loaded only when a page is refused.
const NoAccess = lazy(() => import('./components/NoAccess.tsx').then((m) => ({ default: m.NoAccess })));
const LoginPage = lazy(() => import('./pages/login/LoginPage.tsx'));
const HomePage = lazy(() => import('./pages/home/HomePage.tsx'));
const RegionsPage = lazy(() => import('./pages/regions/RegionsPage.tsx'));
const UnitsPage = lazy(() => import('./pages/units/UnitsPage.tsx'));
const PeoplePage = lazy(() => import('./pages/people/PeoplePage.tsx'));
const ProfilePage = lazy(() => import('./pages/profile/ProfilePage.tsx'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage.tsx'));
const ProblemsPage = lazy(() => import('./pages/problems/ProblemsPage.tsx'));
const NewProblemPage = lazy(() => import('./pages/problems/NewProblemPage.tsx'));
const ProblemPage = lazy(() => import('./pages/problems/ProblemPage.tsx'));
const NotificationsPage = lazy(() => import('./pages/problems/NotificationsPage.tsx'));
const InboxPage = lazy(() => import('./pages/inbox/InboxPage.tsx'));
const ReinspectionsPage = lazy(() => import('./pages/problems/ReinspectionsPage.tsx'));
const AccountabilityPage = lazy(() => import('./pages/problems/AccountabilityPage.tsx'));
const CategoriesPage = lazy(() => import('./pages/admin/CategoriesPage.tsx'));
const DispatchRulesPage = lazy(() => import('./pages/admin/DispatchRulesPage.tsx'));
const CalendarPage = lazy(() => import('./pages/admin/CalendarPage.tsx'));
const MapSettingsPage = lazy(() => import('./pages/admin/MapSettingsPage.tsx'));
const WebhookHostsPage = lazy(() => import('./pages/admin/WebhookHostsPage.tsx'));
const WorkbenchPage = lazy(() => import('./pages/workbench/WorkbenchPage.tsx'));
const MapPage = lazy(() => import('./pages/map/MapPage.tsx'));
const NoticesPage = lazy(() => import('./pages/notices/NoticesPage.tsx'));
const ActivitiesPage = lazy(() => import('./pages/activities/ActivitiesPage.tsx'));
const ActivityPage = lazy(() => import('./pages/activities/ActivityPage.tsx'));
const PublicityPage = lazy(() => import('./pages/publicity/PublicityPage.tsx'));
const VolunteersPage = lazy(() => import('./pages/volunteers/VolunteersPage.tsx'));
const VolunteerPage = lazy(() => import('./pages/volunteers/VolunteerPage.tsx'));
const CertificatePage = lazy(() => import('./pages/volunteers/CertificatePage.tsx'));
const CheckinPage = lazy(() => import('./pages/volunteers/CheckinPage.tsx'));
const OrderPage = lazy(() => import('./pages/volunteers/OrderPage.tsx'));
const ComposeNoticePage = lazy(() => import('./pages/notices/ComposeNoticePage.tsx'));
const NoticePage = lazy(() => import('./pages/notices/NoticePage.tsx'));
const ReceivedNoticePage = lazy(() => import('./pages/notices/ReceivedNoticePage.tsx'));
const CountyNoticesPage = lazy(() => import('./pages/notices/county/CountyNoticesPage.tsx'));
const CountyComposePage = lazy(() => import('./pages/notices/county/CountyComposePage.tsx'));
const CountyNoticePage = lazy(() => import('./pages/notices/county/CountyNoticePage.tsx'));
const AssessmentPage = lazy(() => import('./pages/assessment/AssessmentPage.tsx'));
const PublicRankingsPage = lazy(() => import('./pages/assessment/PublicRankingsPage.tsx'));
const InspectionsPage = lazy(() => import('./pages/inspections/InspectionsPage.tsx'));
const InspectionPage = lazy(() => import('./pages/inspections/InspectionPage.tsx'));
const PointsPage = lazy(() => import('./pages/inspections/PointsPage.tsx'));
const PointPage = lazy(() => import('./pages/inspections/PointPage.tsx'));
const CompliancePage = lazy(() => import('./pages/inspections/CompliancePage.tsx'));
const EvaluationPage = lazy(() => import('./pages/inspections/EvaluationPage.tsx'));
const InspectionSettingsPage = lazy(() => import('./pages/inspections/SettingsPage.tsx'));
const ChecklistsPage = lazy(() => import('./pages/inspections/ChecklistsPage.tsx'));
const MeetingsPage = lazy(() => import('./pages/meetings/MeetingsPage.tsx'));
const NationalEvaluationPage = lazy(() => import('./pages/evaluation/EvaluationPage.tsx'));
const EvaluationMaterialsPage = lazy(() => import('./pages/evaluation/MaterialsPage.tsx'));
const CampaignsPage = lazy(() => import('./pages/campaigns/CampaignsPage.tsx'));
const CampaignPage = lazy(() => import('./pages/campaigns/CampaignPage.tsx'));
const SurveysPage = lazy(() => import('./pages/surveys/SurveysPage.tsx'));
const NeedPage = lazy(() => import('./pages/surveys/NeedPage.tsx'));
const DepartmentPage = lazy(() => import('./pages/surveys/DepartmentPage.tsx'));
const FundPage = lazy(() => import('./pages/fund/FundPage.tsx'));
const FundProjectPage = lazy(() => import('./pages/fund/ProjectPage.tsx'));
const DisplayTokensPage = lazy(() => import('./pages/screen/DisplayTokensPage.tsx'));
const MeetingPage = lazy(() => import('./pages/meetings/MeetingPage.tsx'));
const MeetingFormPage = lazy(() => import('./pages/meetings/MeetingFormPage.tsx'));
const DecisionsPage = lazy(() => import('./pages/meetings/DecisionsPage.tsx'));
const DecisionPage = lazy(() => import('./pages/meetings/DecisionPage.tsx'));
const TripsPage = lazy(() => import('./pages/meetings/TripsPage.tsx'));
const TripPage = lazy(() => import('./pages/meetings/TripPage.tsx'));
const MeetingCadencePage = lazy(() => import('./pages/meetings/CadencePage.tsx'));
const DailyReportsPage = lazy(() => import('./pages/reports/DailyReportsPage.tsx'));
const TownReportsPage = lazy(() => import('./pages/reports/TownReportsPage.tsx'));
const TownReportPage = lazy(() => import('./pages/reports/TownReportPage.tsx'));
const YearendPage = lazy(() => import('./pages/reports/YearendPage.tsx'));

export function PageSpin() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
    </div>
  );
}

function Allowed({ action, children }: { action: Action; children: React.ReactNode }) {
  const me = useMe().data;
  if (!me) return null;
  return me.can[action] ? children : <NoAccess />;
}

/** A 401 from any request ends the session in the UI and goes to the sign-in page. */
function UnauthorizedRedirect() {
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (window.location.pathname === '/login') return;
      qc.clear();
      navigate('/login', { replace: true, state: { from: window.location.pathname + window.location.search } });
    });
    setPasswordChangeHandler(() => void qc.invalidateQueries({ queryKey: meKey }));
    return () => {
      setUnauthorizedHandler(null);
      setPasswordChangeHandler(null);
    };
  }, [navigate, qc, location.key]);
  return null;
}

export function AppRoutes() {
  return (
    <>
      <UnauthorizedRedirect />
      <Suspense fallback={<PageSpin />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/public/rankings" element={<PublicRankingsPage />} />
          <Route
            element={
              <RequireMe>
                <AppLayout />
              </RequireMe>
            }
          >
            <Route index element={<HomePage />} />
            <Route path="home" element={<HomePage />} />
            <Route
              path="workbench"
              element={
                <Allowed action="problem.read">
                  <WorkbenchPage />
                </Allowed>
              }
            />
            <Route
              path="map"
              element={
                <Allowed action="problem.read">
                  <MapPage />
                </Allowed>
              }
            />
            <Route
              path="regions"
              element={
                <Allowed action="region.read">
                  <RegionsPage />
                </Allowed>
              }
            />
            <Route
              path="units"
              element={
                <Allowed action="unit.read">
                  <UnitsPage />
                </Allowed>
              }
            />
            <Route
              path="people"
              element={
                <Allowed action="person.read">
                  <PeoplePage />
                </Allowed>
              }
            />
            <Route path="profile" element={<ProfilePage />} />
            <Route
              path="audit"
              element={
                <Allowed action="audit.read">
                  <AuditPage />
                </Allowed>
              }
            />
            <Route
              path="problems"
              element={
                <Allowed action="problem.read">
                  <ProblemsPage />
                </Allowed>
              }
            />
            <Route
              path="problems/new"
              element={
                <Allowed action="problem.report">
                  <NewProblemPage />
                </Allowed>
              }
            />
            <Route
              path="problems/:id"
              element={
                <Allowed action="problem.read">
                  <ProblemPage />
                </Allowed>
              }
            />
            <Route path="notifications" element={<NotificationsPage />} />
            <Route path="inbox" element={<InboxPage />} />
            <Route
              path="reinspections"
              element={
                <Allowed action="problem.read">
                  <ReinspectionsPage />
                </Allowed>
              }
            />
            <Route path="accountability" element={<AccountabilityPage />} />
            <Route
              path="admin/categories"
              element={
                <Allowed action="category.manage">
                  <CategoriesPage />
                </Allowed>
              }
            />
            <Route
              path="admin/dispatch-rules"
              element={
                <Allowed action="routing.manage">
                  <DispatchRulesPage />
                </Allowed>
              }
            />
            <Route
              path="admin/calendar"
              element={
                <Allowed action="calendar.manage">
                  <CalendarPage />
                </Allowed>
              }
            />
            <Route
              path="admin/map"
              element={
                <Allowed action="map.manage">
                  <MapSettingsPage />
                </Allowed>
              }
            />
            <Route
              path="admin/webhook-hosts"
              element={
                <Allowed action="webhook.allow_hosts">
                  <WebhookHostsPage />
                </Allowed>
              }
            />
            <Route
              path="campaigns"
              element={
                <Allowed action="campaign.read">
                  <CampaignsPage />
                </Allowed>
              }
            />
            <Route
              path="campaigns/:id"
              element={
                <Allowed action="campaign.read">
                  <CampaignPage />
                </Allowed>
              }
            />
            <Route
              path="surveys"
              element={
                <Allowed action="survey.read">
                  <SurveysPage />
                </Allowed>
              }
            />
            <Route
              path="surveys/department"
              element={
                <Allowed action="survey.answer">
                  <DepartmentPage />
                </Allowed>
              }
            />
            <Route
              path="surveys/:id"
              element={
                <>
                  <NeedPage />
                </>
              }
            />
            <Route
              path="fund"
              element={
                <Allowed action="fund.read">
                  <FundPage />
                </Allowed>
              }
            />
            <Route
              path="fund/projects/:id"
              element={
                <Allowed action="fund.read">
                  <FundProjectPage />
                </Allowed>
              }
            />
            <Route
              path="screen-tokens"
              element={
                <Allowed action="screen.tokens">
                  <DisplayTokensPage />
                </Allowed>
              }
            />
            <Route
              path="reports/daily"
              element={
                <Allowed action="report.read">
                  <DailyReportsPage />
                </Allowed>
              }
            />
            <Route
              path="reports/town"
              element={
                <Allowed action="report.read">
                  <TownReportsPage />
                </Allowed>
              }
            />
            <Route
              path="reports/town/:id"
              element={
                <Allowed action="report.read">
                  <TownReportPage />
                </Allowed>
              }
            />
            <Route
              path="reports/yearend"
              element={
                <Allowed action="report.read">
                  <YearendPage />
                </Allowed>
              }
            />
            <Route
              path="evaluation"
              element={
                <Allowed action="evaluation.read">
                  <NationalEvaluationPage />
                </Allowed>
              }
            />
            <Route
              path="evaluation/materials"
              element={
                <Allowed action="evaluation.read">
                  <EvaluationMaterialsPage />
                </Allowed>
              }
            />
            <Route
              path="meetings"
              element={
                <Allowed action="meeting.read">
                  <MeetingsPage />
                </Allowed>
              }
            />
            <Route
              path="meetings/new"
              element={
                <Allowed action="meeting.manage">
                  <MeetingFormPage />
                </Allowed>
              }
            />
            <Route
              path="meetings/decisions"
              element={
                <Allowed action="meeting.read">
                  <DecisionsPage />
                </Allowed>
              }
            />
            {/* A decision's owner (a department's liaison) opens it from the inbox without reading meetings. */}
            <Route path="meetings/decisions/:id" element={<DecisionPage />} />
            <Route
              path="meetings/trips"
              element={
                <Allowed action="meeting.read">
                  <TripsPage />
                </Allowed>
              }
            />
            <Route
              path="meetings/trips/:id"
              element={
                <Allowed action="meeting.read">
                  <TripPage />
                </Allowed>
              }
            />
            <Route
              path="meetings/cadence"
              element={
                <Allowed action="meeting.read">
                  <MeetingCadencePage />
                </Allowed>
              }
            />
            <Route
              path="meetings/:id"
              element={
                <Allowed action="meeting.read">
                  <MeetingPage />
                </Allowed>
              }
            />
            <Route
              path="meetings/:id/edit"
              element={
                <Allowed action="meeting.manage">
                  <MeetingFormPage />
                </Allowed>
              }
            />
            <Route
              path="notices"
              element={
                <Allowed action="notice.read">
                  <NoticesPage />
                </Allowed>
              }
            />
            <Route
              path="notices/new"
              element={
                <Allowed action="notice.draft">
                  <ComposeNoticePage />
                </Allowed>
              }
            />
            <Route
              path="notices/received/new"
              element={
                <Allowed action="notice.compose">
                  <ReceivedNoticePage />
                </Allowed>
              }
            />
            <Route
              path="notices/county"
              element={
                <Allowed action="notice.county_issue">
                  <CountyNoticesPage />
                </Allowed>
              }
            />
            <Route
              path="notices/county/new"
              element={
                <Allowed action="notice.county_issue">
                  <CountyComposePage />
                </Allowed>
              }
            />
            <Route
              path="notices/county/:id"
              element={
                <Allowed action="notice.county_issue">
                  <CountyNoticePage />
                </Allowed>
              }
            />
            <Route
              path="notices/:id"
              element={
                <Allowed action="notice.read">
                  <NoticePage />
                </Allowed>
              }
            />
            <Route
              path="notices/:id/edit"
              element={
                <Allowed action="notice.draft">
                  <ComposeNoticePage />
                </Allowed>
              }
            />
            <Route
              path="activities"
              element={
                <Allowed action="activity.read">
                  <ActivitiesPage />
                </Allowed>
              }
            />
            <Route
              path="activities/:id"
              element={
                <Allowed action="activity.read">
                  <ActivityPage />
                </Allowed>
              }
            />
            <Route
              path="publicity/:tab?"
              element={
                <Allowed action="publicity.read">
                  <PublicityPage />
                </Allowed>
              }
            />
            <Route
              path="volunteers"
              element={
                <Allowed action="volunteer.read">
                  <VolunteersPage />
                </Allowed>
              }
            />
            <Route
              path="volunteers/service"
              element={
                <Allowed action="volunteer.read">
                  <VolunteersPage />
                </Allowed>
              }
            />
            <Route
              path="volunteers/teams"
              element={
                <Allowed action="volunteer.read">
                  <VolunteersPage />
                </Allowed>
              }
            />
            <Route
              path="volunteers/orders"
              element={
                <Allowed action="order.read">
                  <VolunteersPage />
                </Allowed>
              }
            />
            <Route
              path="volunteers/orders/:id"
              element={
                <Allowed action="order.read">
                  <OrderPage />
                </Allowed>
              }
            />
            <Route
              path="volunteers/activities/:id"
              element={
                <Allowed action="volunteer.read">
                  <CheckinPage />
                </Allowed>
              }
            />
            <Route
              path="volunteers/:id"
              element={
                <Allowed action="volunteer.read">
                  <VolunteerPage />
                </Allowed>
              }
            />
            <Route
              path="volunteers/:id/certificate"
              element={
                <Allowed action="volunteer.read">
                  <CertificatePage />
                </Allowed>
              }
            />
            <Route
              path="assessment"
              element={
                <Allowed action="assessment.read">
                  <AssessmentPage />
                </Allowed>
              }
            />
            <Route
              path="inspections"
              element={
                <Allowed action="inspection.read">
                  <InspectionsPage />
                </Allowed>
              }
            />
            <Route
              path="inspections/compliance"
              element={
                <Allowed action="inspection.read">
                  <CompliancePage />
                </Allowed>
              }
            />
            <Route
              path="inspections/evaluation"
              element={
                <Allowed action="inspection.read">
                  <EvaluationPage />
                </Allowed>
              }
            />
            <Route
              path="inspections/points"
              element={
                <Allowed action="inspection.read">
                  <PointsPage />
                </Allowed>
              }
            />
            <Route
              path="inspections/points/:placeId"
              element={
                <Allowed action="inspection.read">
                  <PointPage />
                </Allowed>
              }
            />
            <Route
              path="inspections/settings"
              element={
                <Allowed action="inspection.manage">
                  <InspectionSettingsPage />
                </Allowed>
              }
            />
            <Route
              path="inspections/:id"
              element={
                <Allowed action="inspection.read">
                  <InspectionPage />
                </Allowed>
              }
            />
            <Route
              path="admin/checklists"
              element={
                <Allowed action="checklist.manage">
                  <ChecklistsPage />
                </Allowed>
              }
            />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Route>
        </Routes>
      </Suspense>
    </>
  );
}
