// Figures ⑱-㉖ of the seed (definitions in domain/figures.ts): person-times
// and results summed over the daily records dated in the period, of the
// campaigns in the region (a community: the campaigns whose areas include
// it), and ㉒ the 环境卫生集中整治 campaigns that started in the period. Each
// drills down to the campaign list with the filters that hold the counted
// records (region and the period; ㉒ also the kind and the start dates).
import type { Db } from '../../db/pool.ts';
import { DEFAULT_CAMPAIGN_KIND, SANITATION_FIGURE, TALLY_FIGURES } from '../../../domain/campaigns.ts';
import type { FigureId } from '../../../domain/figures.ts';
import { drillQuery, type FigureProvider, type FigureQuery } from '../figures/index.ts';
import * as repo from './campaigns.repository.ts';
import { readAll } from '../../db/reads.ts';

export const CAMPAIGN_FIGURES = [...(Object.keys(TALLY_FIGURES) as (keyof typeof TALLY_FIGURES)[]), SANITATION_FIGURE] as const;
export type CampaignFigureId = (typeof CAMPAIGN_FIGURES)[number];

export function drillDown(id: FigureId, q: FigureQuery): string {
  return `/campaigns${drillQuery(id === SANITATION_FIGURE ? { kind: DEFAULT_CAMPAIGN_KIND, started: '1' } : {}, q)}`;
}

export async function campaignFigureValues(db: Db, region: string, from: string, to: string): Promise<Record<CampaignFigureId, number>> {
  const [sums, started] = await readAll(db, [() => repo.tallySums(db, region, from, to), () => repo.startedByKind(db, region, from, to)]);
  const out = {} as Record<CampaignFigureId, number>;
  for (const [fig, code] of Object.entries(TALLY_FIGURES)) out[fig as CampaignFigureId] = sums.get(code) ?? 0;
  out[SANITATION_FIGURE] = started.find((k) => k.code === DEFAULT_CAMPAIGN_KIND)?.campaigns ?? 0;
  return out;
}

export const campaignFigures: FigureProvider = {
  ids: CAMPAIGN_FIGURES,
  compute: (db, q) => campaignFigureValues(db, q.region, q.from, q.to),
  drillUrl: drillDown,
};
