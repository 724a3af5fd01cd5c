// The figures the resident surveys serve (issue 21): interviewer and
// self-served answers in the period, and 知晓率 / 支持率 / 满意度 pooled over
// the interviewer answers of each town's latest wave completed in the period.
import type { FigureProvider } from '../figures/index.ts';
import { drillQuery } from '../figures/index.ts';
import * as repo from './rates.repository.ts';

export const POLL_FIGURES = ['polls.responses', 'polls.self_responses', 'polls.awareness', 'polls.support', 'polls.satisfaction'] as const;

const pct = (r: { n: number; positive: number } | undefined) => (r && r.n ? Math.round((r.positive / r.n) * 1000) / 10 : null);

export const pollFigures: FigureProvider = {
  ids: POLL_FIGURES,
  async compute(db, q, ids) {
    const out: Record<string, number | null> = {};
    if (ids.includes('polls.responses') || ids.includes('polls.self_responses')) {
      const c = await repo.responseCount(db, q.region, q.from, q.to);
      out['polls.responses'] = c.interviewer;
      out['polls.self_responses'] = c.self;
    }
    if (ids.some((id) => id === 'polls.awareness' || id === 'polls.support' || id === 'polls.satisfaction')) {
      const t = await repo.indicatorTotals(db, q.region, q.from, q.to);
      for (const k of ['awareness', 'support', 'satisfaction']) out[`polls.${k}`] = pct(t.find((x) => x.indicator === k));
    }
    return Object.fromEntries(ids.map((id) => [id, out[id] ?? null]));
  },
  drillUrl: (_id, q) => `/polls${drillQuery({}, q)}`,
};
