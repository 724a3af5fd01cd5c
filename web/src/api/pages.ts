// One way to read a keyset list (issue 13): the server answers
// `{ items, nextCursor }` and takes the previous page's `nextCursor` as
// `cursor`; the page shows the rows read so far and a "加载更多" button while
// there are more. The key is the list's filter, so a new filter starts over.
import { keepPreviousData, useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { api } from './client.ts';

type Query = Record<string, string | number | undefined>;

/** `Page`: the list's whole answer when it says more than its rows (say, what the caller may do), read from `data.pages[0]`. */
export function useCursorPages<T, Page extends { items: T[]; nextCursor: string | null } = { items: T[]; nextCursor: string | null }>(
  queryKey: QueryKey,
  path: string,
  query: Query | null,
) {
  const q = useInfiniteQuery({
    enabled: query !== null,
    queryKey,
    queryFn: ({ pageParam }) => api.get<Page>(path, { ...query, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  return { ...q, items: q.data?.pages.flatMap((p) => p.items) ?? [] };
}
