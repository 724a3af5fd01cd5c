// SQL of the year-end summary: its editable text per region and year, and the
// read-only counts of the figures it adds to the seed's 27 (problems by tier,
// 回头看 done, 问责 decided, red/black lists published), read from the
// registers that keep them.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { inRegion } from '../../db/scope.ts';

export type YearendRow = { texts: Record<string, string>; version: number };

export async function texts(q: Q, region: string, year: number): Promise<YearendRow | null> {
  return (await q.execute<YearendRow>(sql`SELECT texts, version FROM yearend_docs WHERE region_code = ${region} AND year = ${year}`)).rows[0] ?? null;
}
/** Insert (expected version 0) or update at the expected version; false when stale. */
export async function saveTexts(q: Q, region: string, year: number, version: number, t: Record<string, string>, by: number): Promise<boolean> {
  const json = JSON.stringify(t);
  const r =
    version === 0
      ? await q.execute(sql`INSERT INTO yearend_docs (region_code, year, texts, updated_by) VALUES (${region}, ${year}, ${json}::jsonb, ${by})
          ON CONFLICT (region_code, year) DO NOTHING RETURNING id`)
      : await q.execute(sql`UPDATE yearend_docs SET texts = ${json}::jsonb, updated_by = ${by}, version = version + 1, updated_at = now()
          WHERE region_code = ${region} AND year = ${year} AND version = ${version} RETURNING id`);
  return r.rows.length > 0;
}

const day0 = (d: string) => sql`(${d}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`;
const day1 = (d: string) => sql`(${d}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`;

/** Problems reported in the period (not rejected or merged), by tier (随手整 / 社区整 / 集中整). */
export async function problemsByTier(q: Q, region: string, from: string, to: string): Promise<Record<string, number>> {
  const r = await q.execute<{ tier: string; n: number }>(sql`SELECT p.tier, count(*)::int AS n FROM problems p
    WHERE ${inRegion(region, { town: sql`p.town_code`, region: sql`p.region_code` })}
      AND p.created_at >= ${day0(from)} AND p.created_at < ${day1(to)} AND p.state NOT IN ('rejected', 'merged')
    GROUP BY p.tier`);
  return Object.fromEntries(r.rows.map((x) => [x.tier, x.n]));
}

/** 回头看 done (passed or recurred) in the period, by the problem's region. */
export async function reinspectionsDone(q: Q, region: string, from: string, to: string): Promise<number> {
  const r = await q.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM reinspections ri JOIN problems p ON p.id = ri.problem_id
    WHERE ${inRegion(region, { town: sql`p.town_code`, region: sql`p.region_code` })}
      AND ri.state IN ('passed', 'recurred') AND ri.done_at >= ${day0(from)} AND ri.done_at < ${day1(to)}`);
  return r.rows[0].n;
}

/** 问责 items decided in the period (a town's; a community counts none). */
export async function accountabilityDecided(q: Q, region: string, from: string, to: string): Promise<number> {
  if (region.length > 9) return 0;
  const r = await q.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM accountability_items a
    WHERE a.town_code LIKE ${region + '%'} AND a.state = 'decided' AND a.decision_date BETWEEN ${from}::date AND ${to}::date`);
  return r.rows[0].n;
}

/** Red/black lists published in the period: a town's of its communities (a community: its town's), a county's of its towns too. */
export async function rankingsPublished(q: Q, region: string, from: string, to: string): Promise<number> {
  const r = await q.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM rankings k
    WHERE k.region_code LIKE ${region.slice(0, 9) + '%'} AND k.published_at >= ${day0(from)} AND k.published_at < ${day1(to)}`);
  return r.rows[0].n;
}
