// The 摸排 pages' reads: the needs (keyset pages), one need, the map layer,
// the kinds, the form's choices and a department's page.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useCursorPages } from '../../api/pages.ts';
import type { DepartmentNeeds, NeedDetail, NeedItem, NeedKindList, NeedMap, NeedOptions } from '../../../../domain/api/surveys.ts';

export interface NeedFilter {
  region?: string;
  state?: string;
  kindId?: string;
  unitId?: string;
  q?: string;
}

export function apiFilter({ region, ...rest }: NeedFilter): Record<string, string | undefined> {
  return { ...rest, regionCode: region };
}

export function useNeeds(f: NeedFilter) {
  const query = { ...apiFilter(f), limit: 50 };
  return useCursorPages<NeedItem>(keys.surveys.list(query), '/surveys/needs', query);
}

export function useNeedMap(f: NeedFilter, enabled: boolean) {
  const query = apiFilter(f);
  return useQuery({ queryKey: keys.surveys.map(query), enabled, queryFn: () => api.get<NeedMap>('/surveys/needs/map', query) });
}

export function useNeed(id: number) {
  return useQuery({ queryKey: keys.surveys.detail(id), queryFn: () => api.get<NeedDetail>(`/surveys/needs/${id}`) });
}

export function useNeedKinds() {
  return useQuery({ queryKey: keys.surveys.kinds(), queryFn: () => api.get<NeedKindList>('/surveys/kinds') });
}

export function useNeedOptions(regionCode: string | null) {
  return useQuery({
    queryKey: keys.surveys.options(regionCode),
    enabled: !!regionCode,
    queryFn: () => api.get<NeedOptions>('/surveys/options', { regionCode: regionCode ?? undefined }),
  });
}

export function useDepartment(unitId?: number) {
  return useQuery({ queryKey: keys.surveys.department(unitId), queryFn: () => api.get<DepartmentNeeds>('/surveys/department', { unitId }) });
}
