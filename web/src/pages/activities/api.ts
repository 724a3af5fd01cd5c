// The activity pages' reads: the list (keyset pages), one activity, the kinds,
// the planning form's choices, the year's calendar and the stations.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useCursorPages } from '../../api/pages.ts';
import type { ActivityCalendar, ActivityDetail, ActivityItem, ActivityKindList, ActivityOptions, StationList } from '../../../../domain/api/activities.ts';

/** The page's URL filter (the figures' drill-down writes these: region, from, to, state, kinds). */
export interface ActivityFilter {
  region?: string;
  unitId?: string;
  month?: string;
  from?: string;
  to?: string;
  kinds?: string;
  state?: string;
}

/** The URL filter as GET /api/activities (and its export) takes it: `region` is the API's regionCode. */
export function apiFilter({ region, ...rest }: ActivityFilter): Record<string, string | undefined> {
  return { ...rest, regionCode: region };
}

export function useActivities(f: ActivityFilter) {
  const query = { ...apiFilter(f), limit: 50 };
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
    queryKey: keys.activities.options(regionCode),
    enabled: !!regionCode,
    queryFn: () => api.get<ActivityOptions>('/activities/options', { regionCode: regionCode ?? undefined }),
  });
}

export function useCalendar(year: number) {
  return useQuery({
    queryKey: keys.activities.calendar(year),
    queryFn: () => api.get<ActivityCalendar>('/activities/calendar', { year }),
    staleTime: 3_600_000,
  });
}

export function useStations(regionCode?: string) {
  return useQuery({ queryKey: keys.activities.stations(regionCode), queryFn: () => api.get<StationList>('/activities/stations', { regionCode }) });
}
