// SQL of the kept live ranking (live_rankings): one row per region and period,
// computeRanking's rows as last computed and when.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import type { RankedRow } from '../../../domain/assessment/ranking.ts';

export interface KeptRanking {
  level: 'community' | 'town';
  rows: RankedRow[];
  config: unknown;
  computedAt: Date;
}

export async function keptRanking(q: Q, region: string, kind: string, start: string): Promise<KeptRanking | null> {
  const r = await q.execute<{ level: 'community' | 'town'; rows: RankedRow[]; config: unknown; computed_at: Date }>(sql`
    SELECT level, rows, config, computed_at FROM live_rankings WHERE region_code = ${region} AND period_kind = ${kind} AND period_start = ${start}`);
  const x = r.rows[0];
  return x ? { level: x.level, rows: x.rows, config: x.config, computedAt: new Date(x.computed_at) } : null;
}

/** Keep a computed ranking; an older computation never overwrites a newer one. */
export async function keepRanking(q: Q, region: string, kind: string, start: string, r: KeptRanking): Promise<void> {
  await q.execute(sql`INSERT INTO live_rankings (region_code, period_kind, period_start, level, rows, config, computed_at)
    VALUES (${region}, ${kind}, ${start}, ${r.level}, ${JSON.stringify(r.rows)}::jsonb, ${JSON.stringify(r.config)}::jsonb, ${r.computedAt.toISOString()})
    ON CONFLICT (region_code, period_kind, period_start) DO UPDATE
      SET level = excluded.level, rows = excluded.rows, config = excluded.config, computed_at = excluded.computed_at
      WHERE live_rankings.computed_at <= excluded.computed_at`);
}
