// Queries of the county office's own notices (server/modules/notices/county.ts).
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { keys } from '../../../api/keys.ts';
import type { CountyNotice, CountyNoticeSummary } from '../../../../../domain/api/county-notices.ts';
export type { CountyNotice, CountyNoticeSummary } from '../../../../../domain/api/county-notices.ts';

export const useCountyNotices = () =>
  useInfiniteQuery({
    queryKey: keys.notices.county,
    queryFn: ({ pageParam }) => api.get<{ items: CountyNoticeSummary[]; nextCursor: string | null }>('/notices/county', { cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
export const useCountyNotice = (id: number) =>
  useQuery({ queryKey: keys.notices.countyDetail(id), queryFn: () => api.get<CountyNotice>(`/notices/county/${id}`) });
