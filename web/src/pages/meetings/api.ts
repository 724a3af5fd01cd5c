// Queries of the meetings pages (server/modules/meetings); the shapes are the server's schemas (domain/api/meetings.ts).
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useCursorPages } from '../../api/pages.ts';
import type {
  CadenceAnswer,
  Decision,
  DecisionDetail,
  MeetingDetail,
  MeetingKind,
  MeetingListItem,
  StudyTrip,
  StudyTripDetail,
} from '../../../../domain/api/meetings.ts';
import type { Wire } from '../../../../domain/api/common.ts';
import type { reachableUnits } from '../../../../domain/api/units.ts';
export type {
  CadenceAnswer,
  Decision,
  DecisionDetail,
  MeetingDetail,
  MeetingKind,
  MeetingListItem,
  StudyTrip,
  StudyTripDetail,
} from '../../../../domain/api/meetings.ts';

type Query = Record<string, string | undefined>;

export const useKinds = () =>
  useQuery({
    queryKey: keys.meetings.kinds(),
    queryFn: () => api.get<{ items: MeetingKind[]; can: { manage: boolean } }>('/meetings/kinds'),
    staleTime: 60_000,
  });
export const useMeetings = (f: Query) => useCursorPages<MeetingListItem>(keys.meetings.list(f), '/meetings', { ...f, limit: 50 });
export const useMeeting = (id: number, enabled = true) =>
  useQuery({ queryKey: keys.meetings.detail(id), queryFn: () => api.get<MeetingDetail>(`/meetings/${id}`), enabled });
export const useDecisions = (f: Query) => useCursorPages<Decision>(keys.meetings.decisions(f), '/meetings/decisions', { ...f, limit: 50 });
export const useDecision = (id: number) =>
  useQuery({ queryKey: keys.meetings.decision(id), queryFn: () => api.get<DecisionDetail>(`/meetings/decisions/${id}`) });
export const useTrips = (f: Query) => useCursorPages<StudyTrip>(keys.meetings.trips(f), '/meetings/trips', { ...f, limit: 50 });
export const useTrip = (id: number, enabled = true) =>
  useQuery({ queryKey: keys.meetings.trip(id), queryFn: () => api.get<StudyTripDetail>(`/meetings/trips/${id}`), enabled });
export const useCadence = (year: number) =>
  useQuery({ queryKey: keys.meetings.cadence(year), queryFn: () => api.get<CadenceAnswer>('/meetings/cadence', { year: String(year) }) });
export const useOwnerUnits = (regionCode: string | null) =>
  useQuery({
    queryKey: keys.meetings.ownerUnits(regionCode),
    enabled: !!regionCode,
    queryFn: () => api.get<Wire<typeof reachableUnits>>('/meetings/owner-units', { regionCode: regionCode! }),
    staleTime: 60_000,
  });
