// The publicity pages' reads: the four output registers and the facilities
// (keyset pages, and one record), the kinds and themes, the requirements,
// the points short.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useCursorPages } from '../../api/pages.ts';
import type { Facility, FacilityDetail, PublicityRequirementList, PublicityTermList, ShortPointList } from '../../../../domain/api/publicity.ts';

export type Register = 'articles' | 'led' | 'handouts' | 'door';
/** The API path of each register (入户宣传 is door-sessions). */
export const REGISTER_PATH: Record<Register, string> = { articles: 'articles', led: 'led', handouts: 'handouts', door: 'door-sessions' };

/** The URL filter (the figures' drill-downs write region, from, to and the register's own). */
export type Filter = Record<string, string | undefined>;

/** The URL filter as the API takes it: `region` is the API's regionCode. */
export function apiFilter({ region, ...rest }: Filter): Record<string, string | undefined> {
  return { ...rest, regionCode: region };
}

export function useRegister<T>(reg: Register, f: Filter) {
  const query = { ...apiFilter(f), limit: 50 };
  return useCursorPages<T>(keys.publicity.list(reg, query), `/publicity/${REGISTER_PATH[reg]}`, query);
}

export function useFacilities(f: Filter) {
  const query = { ...apiFilter(f), limit: 50 };
  return useCursorPages<Facility>(keys.publicity.list('facilities', query), '/publicity/facilities', query);
}

/** The tabs that are registers (their detail page is /publicity/<tab>/:id). */
export const isRegister = (tab: string | undefined): tab is Register => !!tab && tab in REGISTER_PATH;

export function useRecord<T>(reg: Register, id: number) {
  return useQuery({ queryKey: keys.publicity.one(reg, id), queryFn: () => api.get<T>(`/publicity/${REGISTER_PATH[reg]}/${id}`), enabled: id > 0 });
}

export function useFacility(id: number) {
  return useQuery({ queryKey: keys.publicity.one('facilities', id), queryFn: () => api.get<FacilityDetail>(`/publicity/facilities/${id}`), enabled: id > 0 });
}

export function useTerms() {
  return useQuery({ queryKey: keys.publicity.terms(), queryFn: () => api.get<PublicityTermList>('/publicity/terms') });
}

export function useRequirements() {
  return useQuery({ queryKey: keys.publicity.requirements(), queryFn: () => api.get<PublicityRequirementList>('/publicity/requirements') });
}

export function useShortPoints(regionCode: string | null) {
  return useQuery({
    queryKey: keys.publicity.short(regionCode),
    enabled: !!regionCode,
    queryFn: () => api.get<ShortPointList>('/publicity/short-points', { regionCode: regionCode ?? undefined }),
  });
}
