// The inbox's reads: counts (the header badge, the home cards, the filter) and keyset pages.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import type { InboxCounts, InboxPage } from '../../../../domain/api/inbox.ts';

/** Open items per kind; refreshed every minute and whenever a page shows it. */
export function useInboxCounts(enabled = true) {
  return useQuery({
    queryKey: keys.inbox.counts(),
    queryFn: () => api.get<InboxCounts>('/inbox/counts'),
    enabled,
    refetchInterval: 60_000,
    refetchOnMount: 'always',
    retry: false,
  });
}

export function useInboxList(kind: string | undefined, state: string, overdue: boolean) {
  return useInfiniteQuery({
    queryKey: keys.inbox.list(kind, state, overdue),
    queryFn: ({ pageParam }) => api.get<InboxPage>('/inbox', { kind, state, overdue: overdue ? '1' : undefined, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchOnMount: 'always',
  });
}
