// SQL of the surveys' rates outside a wave's own page: per 问卷调查 standard
// and community (the forecast's survey pillar) and per indicator (the
// figures), over the answers that count toward the rates, and the answer
// counts of a period.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';

/** The answers that count toward the rates: the interviewers', and the self-served ones of a wave that counts them. */
const COUNTED = sql`(pr.source = 'interviewer' OR cw.self_counts)`;

/**
 * standardRates' query: positive ÷ all counted answers per 问卷调查
 * standard and community, of one wave or of each town's latest closed wave
 * under `regionCode`.
 */
export async function standardRates(q: Q, regionCode: string, waveId?: number) {
  const waveSet = waveId
    ? sql`SELECT id FROM poll_waves WHERE id = ${waveId} AND town_code LIKE ${regionCode.slice(0, 9) + '%'}`
    : sql`SELECT DISTINCT ON (town_code) id FROM poll_waves WHERE state = 'closed' AND town_code LIKE ${regionCode.slice(0, 9) + '%'}
          ORDER BY town_code, ends_on DESC, id DESC`;
  const r = await q.execute<any>(sql`
    SELECT i.standard_id AS "standardId", i.standard_code AS "standardCode", pr.community_code AS "communityCode",
      count(*)::int AS n, count(*) FILTER (WHERE a.positive)::int AS positive
    FROM poll_responses pr JOIN poll_waves cw ON cw.id = pr.wave_id JOIN poll_answers a ON a.response_id = pr.id JOIN poll_items i ON i.id = a.item_id
    WHERE pr.wave_id IN (${waveSet}) AND ${COUNTED} AND pr.community_code LIKE ${regionCode + '%'}
    GROUP BY i.standard_id, i.standard_code, pr.community_code ORDER BY pr.community_code, i.standard_id`);
  return r.rows as { standardId: number; standardCode: string; communityCode: string; n: number; positive: number }[];
}

/** Pooled positive ÷ all counted answers per indicator over the latest closed wave of each town under `region`, ended in the period. */
export async function indicatorTotals(q: Q, region: string, from: string, to: string) {
  const r = await q.execute<any>(sql`
    WITH w AS (SELECT DISTINCT ON (town_code) id FROM poll_waves
      WHERE state = 'closed' AND ends_on <= ${to} AND ends_on >= ${from} AND town_code LIKE ${region.slice(0, 9) + '%'}
      ORDER BY town_code, ends_on DESC, id DESC)
    SELECT i.indicator, count(*)::int AS n, count(*) FILTER (WHERE a.positive)::int AS positive
    FROM poll_responses pr JOIN poll_waves cw ON cw.id = pr.wave_id JOIN poll_answers a ON a.response_id = pr.id JOIN poll_items i ON i.id = a.item_id
    WHERE pr.wave_id IN (SELECT id FROM w) AND ${COUNTED} AND pr.community_code LIKE ${region + '%'}
    GROUP BY i.indicator`);
  return r.rows as { indicator: string; n: number; positive: number }[];
}

export async function responseCount(q: Q, region: string, from: string, to: string) {
  const r = await q.execute<any>(sql`
    SELECT count(*) FILTER (WHERE source = 'interviewer')::int AS interviewer, count(*) FILTER (WHERE source = 'self')::int AS self
    FROM poll_responses WHERE community_code LIKE ${region + '%'} AND answered_at >= ${from}::date AND answered_at < ${to}::date + 1`);
  return r.rows[0] as { interviewer: number; self: number };
}
