// The campaign pages' reads: the list (keyset pages), one campaign, its linked
// problems, its summary, the kinds and the form's choices.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useCursorPages } from '../../api/pages.ts';
import type { CampaignDetail, CampaignItem, CampaignKinds, CampaignOptions, CampaignSummary, CampaignTotals } from '../../../../domain/api/campaigns.ts';
import type { LinkedProblemList } from '../../../../domain/api/campaigns.ts';

/** The page's URL filter (figures ⑱-㉖ drill down with region, from, to; ㉒ adds kind and started). */
export interface CampaignFilter {
  region?: string;
  from?: string;
  to?: string;
  state?: string;
  kind?: string;
  started?: string;
}

export function apiFilter({ region, ...rest }: CampaignFilter): Record<string, string | undefined> {
  return { ...rest, regionCode: region };
}

export function useCampaigns(f: CampaignFilter) {
  const query = { ...apiFilter(f), limit: 50 };
  return useCursorPages<CampaignItem>(keys.campaigns.list(query), '/campaigns', query);
}

export function useCampaign(id: number) {
  return useQuery({ queryKey: keys.campaigns.detail(id), queryFn: () => api.get<CampaignDetail>(`/campaigns/${id}`) });
}

/** The problems the campaign closed; with `on`, those closed that day. */
export function useLinked(id: number, on?: string) {
  const query = { limit: 50, on };
  return useCursorPages<LinkedProblemList['items'][number]>(keys.campaigns.linked(id, on), `/campaigns/${id}/problems`, query);
}

export function useSummary(id: number) {
  return useQuery({ queryKey: keys.campaigns.summary(id), queryFn: () => api.get<CampaignSummary>(`/campaigns/${id}/summary`) });
}

export function useCampaignKinds() {
  return useQuery({ queryKey: keys.campaigns.kinds(), queryFn: () => api.get<CampaignKinds>('/campaigns/kinds') });
}

export function useCampaignOptions(regionCode: string | null) {
  return useQuery({
    queryKey: keys.campaigns.options(regionCode),
    enabled: !!regionCode,
    queryFn: () => api.get<CampaignOptions>('/campaigns/options', { regionCode: regionCode ?? undefined }),
  });
}

export function useCampaignTotals(period: string) {
  return useQuery({ queryKey: keys.campaigns.totals(period), queryFn: () => api.get<CampaignTotals>('/campaigns/totals', { period }) });
}
