// The mobilisation registers: meetings, activities, volunteers, publicity.
// One row per desk page: its path under the signed-in layout, the page (loaded lazily, so the
// desk's first download stays small) and the permission it needs; App.tsx renders every table.
import { lazy } from 'react';
import type { DeskRoute } from './types.ts';

const MeetingsPage = lazy(() => import('../pages/meetings/MeetingsPage.tsx'));
const MeetingFormPage = lazy(() => import('../pages/meetings/MeetingFormPage.tsx'));
const DecisionsPage = lazy(() => import('../pages/meetings/DecisionsPage.tsx'));
const DecisionPage = lazy(() => import('../pages/meetings/DecisionPage.tsx'));
const TripsPage = lazy(() => import('../pages/meetings/TripsPage.tsx'));
const TripPage = lazy(() => import('../pages/meetings/TripPage.tsx'));
const MeetingCadencePage = lazy(() => import('../pages/meetings/CadencePage.tsx'));
const MeetingPage = lazy(() => import('../pages/meetings/MeetingPage.tsx'));
const ActivitiesPage = lazy(() => import('../pages/activities/ActivitiesPage.tsx'));
const ActivityPage = lazy(() => import('../pages/activities/ActivityPage.tsx'));
const PublicityPage = lazy(() => import('../pages/publicity/PublicityPage.tsx'));
const PublicityRecordPage = lazy(() => import('../pages/publicity/RecordPage.tsx'));
const FacilityPage = lazy(() => import('../pages/publicity/FacilityPage.tsx'));
const VolunteersPage = lazy(() => import('../pages/volunteers/VolunteersPage.tsx'));
const OrderPage = lazy(() => import('../pages/volunteers/OrderPage.tsx'));
const CheckinPage = lazy(() => import('../pages/volunteers/CheckinPage.tsx'));
const VolunteerPage = lazy(() => import('../pages/volunteers/VolunteerPage.tsx'));
const CertificatePage = lazy(() => import('../pages/volunteers/CertificatePage.tsx'));

export const registersRoutes: DeskRoute[] = [
  { path: 'meetings', page: MeetingsPage, action: 'meeting.read' },
  { path: 'meetings/new', page: MeetingFormPage, action: 'meeting.manage' },
  { path: 'meetings/decisions', page: DecisionsPage, action: 'meeting.read' },
  // A decision's owner (a department's liaison) opens it from the inbox without reading meetings.
  { path: 'meetings/decisions/:id', page: DecisionPage },
  { path: 'meetings/trips', page: TripsPage, action: 'meeting.read' },
  { path: 'meetings/trips/:id', page: TripPage, action: 'meeting.read' },
  { path: 'meetings/cadence', page: MeetingCadencePage, action: 'meeting.read' },
  { path: 'meetings/:id', page: MeetingPage, action: 'meeting.read' },
  { path: 'meetings/:id/edit', page: MeetingFormPage, action: 'meeting.manage' },
  { path: 'activities', page: ActivitiesPage, action: 'activity.read' },
  { path: 'activities/:id', page: ActivityPage, action: 'activity.read' },
  { path: 'publicity/:tab?', page: PublicityPage, action: 'publicity.read' },
  { path: 'publicity/facilities/:id', page: FacilityPage, action: 'publicity.read' },
  { path: 'publicity/:tab/:id', page: PublicityRecordPage, action: 'publicity.read' },
  { path: 'volunteers', page: VolunteersPage, action: 'volunteer.read' },
  { path: 'volunteers/service', page: VolunteersPage, action: 'volunteer.read' },
  { path: 'volunteers/teams', page: VolunteersPage, action: 'volunteer.read' },
  { path: 'volunteers/orders', page: VolunteersPage, action: 'order.read' },
  { path: 'volunteers/orders/:id', page: OrderPage, action: 'order.read' },
  { path: 'volunteers/activities/:id', page: CheckinPage, action: 'volunteer.read' },
  { path: 'volunteers/:id', page: VolunteerPage, action: 'volunteer.read' },
  { path: 'volunteers/:id/certificate', page: CertificatePage, action: 'volunteer.read' },
];
