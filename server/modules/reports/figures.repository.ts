// SQL of the figures reports serve that are not the community reports' own
// count: the town's published reports, and the town's published notices (read
// from the notices register: issued, both kinds, by issue date).
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { inScope } from '../../db/scope.ts';
import { ISSUED_KINDS } from '../../../domain/notices/vocab.ts';

/** Published issues (a correction replaces its issue: counted once) of a kind, by their period's first day. */
export async function publishedTownReports(q: Q, kind: string, region: string, from: string, to: string): Promise<number> {
  if (region.length > 9) return 0; // the town's own reports: a community writes none
  const r = await q.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM town_reports t
    WHERE t.kind = ${kind} AND t.state = 'published' AND ${inScope(sql`t.town_code`, [region])}
      AND t.period_from BETWEEN ${from}::date AND ${to}::date`);
  return r.rows[0].n;
}

/** ㉗: notices a town issued and published, 督查通报 and 暗访情况通报, by issue date. A community's region counts none (they are the town's). */
export async function publishedNotices(q: Q, region: string, from: string, to: string): Promise<number> {
  if (region.length > 9) return 0;
  const r = await q.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM notices n
    WHERE n.direction = 'issued' AND n.state = 'published' AND n.kind IN (${sql.join(
      ISSUED_KINDS.map((k) => sql`${k}`),
      sql`, `,
    )})
      AND ${inScope(sql`n.town_code`, [region])} AND n.issue_date BETWEEN ${from}::date AND ${to}::date`);
  return r.rows[0].n;
}
