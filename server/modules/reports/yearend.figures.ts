// The figures the year-end summary adds to the seed's 27 (domain/figures.ts,
// under "reports (issue 19)"): problems by tier, 回头看, 问责, red/black lists,
// served to the registry like every other figure, each with its drill-down.
import type { FigureProvider } from '../figures/index.ts';
import { drillQuery } from '../figures/index.ts';
import * as repo from './yearend.repository.ts';

const TIER: Record<string, string> = { 'problems.tier_on_spot': 'on_spot', 'problems.tier_community': 'community', 'problems.tier_centralized': 'centralized' };

export const yearendFigures: FigureProvider = {
  ids: ['problems.tier_on_spot', 'problems.tier_community', 'problems.tier_centralized', 'reinspections.held', 'accountability.items', 'rankings.published'],
  async compute(db, q, ids) {
    const out: Record<string, number> = {};
    if (ids.some((i) => TIER[i])) {
      const t = await repo.problemsByTier(db, q.region, q.from, q.to);
      for (const [id, tier] of Object.entries(TIER)) if (ids.includes(id as never)) out[id] = t[tier] ?? 0;
    }
    if (ids.includes('reinspections.held')) out['reinspections.held'] = await repo.reinspectionsDone(db, q.region, q.from, q.to);
    if (ids.includes('accountability.items')) out['accountability.items'] = await repo.accountabilityDecided(db, q.region, q.from, q.to);
    if (ids.includes('rankings.published')) out['rankings.published'] = await repo.rankingsPublished(db, q.region, q.from, q.to);
    return out;
  },
  drillUrl: (id, q) =>
    TIER[id]
      ? `/problems${drillQuery({ tier: TIER[id] }, q)}`
      : id === 'reinspections.held'
        ? `/reinspections${drillQuery({ state: 'done' }, q)}`
        : id === 'accountability.items'
          ? `/accountability${drillQuery({ state: 'decided' }, q)}`
          : `/assessment${drillQuery({ tab: 'rankings' }, q)}`,
};
