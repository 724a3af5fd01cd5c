// The activity pages' reads: the list (keyset pages), one activity, the kinds,
// the planning form's choices, the year's calendar and the stations.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useCursorPages } from '../../api/pages.ts';
import type {
  ActivityCalendar, ActivityDetail, ActivityItem, ActivityKindList, ActivityOptions, StationList,
} from '../../../../domain/api/activities.ts';

/** The list's URL filter (the same names as GET /api/activities and the figures' drill-down). */
export interface ActivityFilter { regionCode?: string; unitId?: string; month?: string; from?: string; to?: string; kinds?: string; state?: string }

export function useActivities(f: ActivityFilter) {
  const query = { ...f, limit: 50 };
  return useCursorPages<ActivityItem>(keys.activities.list(query), '/activities', query);
}

export function useActivity(id: number) {
  return useQuery({ queryKey: keys.activities.detail(id), queryFn: () => api.get<ActivityDetail>(`/activities/${id}`) });
}

export function useKinds() {
  return useQuery({ queryKey: keys.activities.kinds(), queryFn: () => api.get<ActivityKindList>('/activities/kinds') });
}

export function useOptions(regionCode: string | null) {
  return useQuery({
    queryKey: keys.activities.options(regionCode), enabled: !!regionCode,
    queryFn: () => api.get<ActivityOptions>('/activities/options', { regionCode: regionCode ?? undefined }),
  });
}

export function useCalendar(year: number) {
  return useQuery({ queryKey: keys.activities.calendar(year), queryFn: () => api.get<ActivityCalendar>('/activities/calendar', { year }), staleTime: 3_600_000 });
}

export function useStations(regionCode?: string) {
  return useQuery({ queryKey: keys.activities.stations(regionCode), queryFn: () => api.get<StationList>('/activities/stations', { regionCode }) });
}
