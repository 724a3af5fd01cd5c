// The fund pages' reads: the ledger (keyset pages), the balance, the
// projects, one project and the forms' choices.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useCursorPages } from '../../api/pages.ts';
import type { FundBalance, FundEntry, FundEntryDetail, FundOptions, FundProjectDetail, FundProjectList } from '../../../../domain/api/fund.ts';

export function useEntries(f: Record<string, string | undefined>) {
  const query = { ...f, limit: 50 };
  return useCursorPages<FundEntry>(keys.fund.entries(query), '/fund/entries', query);
}

export function useBalance(period: string) {
  return useQuery({ queryKey: keys.fund.balance(period), queryFn: () => api.get<FundBalance>('/fund/balance', { period }) });
}

export function useProjects() {
  return useQuery({ queryKey: keys.fund.projects(), queryFn: () => api.get<FundProjectList>('/fund/projects') });
}

export function useProject(id: number) {
  return useQuery({ queryKey: keys.fund.project(id), queryFn: () => api.get<FundProjectDetail>(`/fund/projects/${id}`) });
}

export function useFundOptions(regionCode: string | null) {
  return useQuery({
    queryKey: keys.fund.options(regionCode),
    enabled: !!regionCode,
    queryFn: () => api.get<FundOptions>('/fund/options', { regionCode: regionCode ?? undefined }),
  });
}

/** Fen as 元 with two decimals and thousands separators (integer arithmetic, like the server's). */
export { yuan } from '../../../../domain/fund.ts';

export function useEntry(id: number) {
  return useQuery({ queryKey: keys.fund.entry(id), queryFn: () => api.get<FundEntryDetail>(`/fund/entries/${id}`) });
}
