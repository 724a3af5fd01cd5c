// SQL of community daily reports: the town's settings, the reports (one per
// community and day), the list and its keyset pages, the communities that owe
// reports, and the day's records a report's form is pre-filled from (read-only
// reporting queries over the registers' tables). No rules here.
import { sql, type SQL } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { inRegion, inRegions, type RegionScope } from '../../db/scope.ts';
import { overdueSql } from '../problems/index.ts';

export type SettingsRow = { town_code: string; cutoff: string; rest_days: boolean; draft_at: string; version: number };

export async function settings(q: Q, town: string): Promise<SettingsRow | null> {
  return (
    (await q.execute<SettingsRow>(sql`SELECT town_code, cutoff, rest_days, draft_at, version FROM report_settings WHERE town_code = ${town}`)).rows[0] ?? null
  );
}
export async function allSettings(q: Q): Promise<SettingsRow[]> {
  return (await q.execute<SettingsRow>(sql`SELECT town_code, cutoff, rest_days, draft_at, version FROM report_settings`)).rows;
}
/** Insert (expected version 0) or update at the expected version; false when stale. */
export async function saveSettings(q: Q, town: string, version: number, s: { cutoff: string; restDays: boolean; draftAt: string }) {
  if (version === 0) {
    const r =
      await q.execute(sql`INSERT INTO report_settings (town_code, cutoff, rest_days, draft_at) VALUES (${town}, ${s.cutoff}, ${s.restDays}, ${s.draftAt})
      ON CONFLICT (town_code) DO NOTHING RETURNING town_code`);
    return r.rows.length > 0;
  }
  const r = await q.execute(sql`UPDATE report_settings SET cutoff = ${s.cutoff}, rest_days = ${s.restDays}, draft_at = ${s.draftAt},
    version = version + 1, updated_at = now() WHERE town_code = ${town} AND version = ${version} RETURNING town_code`);
  return r.rows.length > 0;
}

export async function regionRow(q: Q, code: string): Promise<{ code: string; name: string; level: string } | null> {
  return (await q.execute<{ code: string; name: string; level: string }>(sql`SELECT code, name, level FROM regions WHERE code = ${code}`)).rows[0] ?? null;
}

/** The communities under a region prefix (a county, a town, or one community). */
export async function communities(q: Q, region: string): Promise<{ code: string; name: string }[]> {
  return (
    await q.execute<{ code: string; name: string }>(sql`SELECT code, name FROM regions WHERE level = 'community' AND code LIKE ${region + '%'} ORDER BY code`)
  ).rows;
}

/** The towns under a region prefix. */
export async function towns(q: Q, region: string): Promise<{ code: string; name: string }[]> {
  return (
    await q.execute<{ code: string; name: string }>(
      sql`SELECT code, name FROM regions WHERE level = 'town' AND code LIKE ${region.slice(0, 9) + '%'} ORDER BY code`,
    )
  ).rows;
}

export type DailyRow = {
  id: number;
  town_code: string;
  community_code: string;
  community_name: string | null;
  day: string;
  facts: unknown;
  body: string;
  submitted_by: number;
  submitted_by_name: string;
  submitted_at: Date;
  late: boolean;
  version: number;
};
const cols = sql`r.id, r.town_code, r.community_code, rg.name AS community_name, r.day::text AS day, r.facts, r.body, r.submitted_by,
  r.submitted_by_name, r.submitted_at, r.late, r.version`;
const from = sql`FROM community_daily_reports r LEFT JOIN regions rg ON rg.code = r.community_code`;
const regionCols = { town: sql`r.town_code`, region: sql`r.community_code` };

export async function byId(q: Q, id: number, scope: RegionScope): Promise<DailyRow | null> {
  return (await q.execute<DailyRow>(sql`SELECT ${cols} ${from} WHERE r.id = ${id} AND ${inRegions(scope, regionCols)}`)).rows[0] ?? null;
}
export async function byDay(q: Q, community: string, day: string): Promise<DailyRow | null> {
  return (await q.execute<DailyRow>(sql`SELECT ${cols} ${from} WHERE r.community_code = ${community} AND r.day = ${day}`)).rows[0] ?? null;
}

export interface DailyValues {
  townCode: string;
  communityCode: string;
  day: string;
  facts: unknown;
  body: string;
  submittedBy: number;
  submittedByName: string;
  submittedAt: Date;
  late: boolean;
}
/** The one report of a community's day; null when another was saved first (the unique index decides). */
export async function insert(q: Q, v: DailyValues): Promise<number | null> {
  const r = await q.execute<{ id: number }>(sql`INSERT INTO community_daily_reports
    (town_code, community_code, day, facts, body, submitted_by, submitted_by_name, submitted_at, late)
    VALUES (${v.townCode}, ${v.communityCode}, ${v.day}, ${JSON.stringify(v.facts)}::jsonb, ${v.body}, ${v.submittedBy}, ${v.submittedByName},
      ${v.submittedAt}, ${v.late})
    ON CONFLICT (community_code, day) DO NOTHING RETURNING id`);
  return r.rows[0]?.id ?? null;
}
export async function update(q: Q, id: number, version: number, body: string): Promise<boolean> {
  const r = await q.execute(
    sql`UPDATE community_daily_reports SET body = ${body}, version = version + 1, updated_at = now() WHERE id = ${id} AND version = ${version} RETURNING id`,
  );
  return r.rows.length > 0;
}

export interface DailyFilter {
  region?: string;
  from?: string;
  to?: string;
  late?: boolean;
  after?: [string, number] | null;
  limit: number;
}
export async function list(q: Q, scope: RegionScope, f: DailyFilter): Promise<DailyRow[]> {
  const parts: SQL[] = [inRegions(scope, regionCols)];
  if (f.region) parts.push(inRegion(f.region, regionCols));
  if (f.from) parts.push(sql`r.day >= ${f.from}::date`);
  if (f.to) parts.push(sql`r.day <= ${f.to}::date`);
  if (f.late !== undefined) parts.push(sql`r.late = ${f.late}`);
  if (f.after) parts.push(sql`(r.day, r.id) < (${f.after[0]}::date, ${f.after[1]})`);
  return (await q.execute<DailyRow>(sql`SELECT ${cols} ${from} WHERE ${sql.join(parts, sql` AND `)} ORDER BY r.day DESC, r.id DESC LIMIT ${f.limit + 1}`)).rows;
}

/** (community, day, late) of every report under `region` in [from, to]. */
export async function submitted(q: Q, region: string, from: string, to: string): Promise<{ community_code: string; day: string; late: boolean }[]> {
  return (
    await q.execute<{ community_code: string; day: string; late: boolean }>(
      sql`SELECT r.community_code, r.day::text AS day, r.late FROM community_daily_reports r
        WHERE ${inRegion(region, regionCols)} AND r.day BETWEEN ${from}::date AND ${to}::date`,
    )
  ).rows;
}

/** Figure ⑧: community daily reports submitted under `region` with their day in [from, to]. */
export async function countSubmitted(q: Q, region: string, from: string, to: string): Promise<number> {
  const r = await q.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM community_daily_reports r WHERE ${inRegion(region, regionCols)} AND r.day BETWEEN ${from}::date AND ${to}::date`,
  );
  return r.rows[0].n;
}

/** What a community did on `day`, from the registers' records (read-only). */
export async function dayFacts(q: Q, community: string, day: string): Promise<Record<string, number>> {
  const r = await q.execute<Record<string, number>>(sql`SELECT
    (SELECT count(*) FROM inspections i WHERE i.region_code LIKE ${community + '%'} AND i.on_date = ${day}::date AND i.kind = 'patrol' AND i.state = 'finished')::int AS "patrolsDone",
    (SELECT count(*) FROM inspection_misses m WHERE m.region_code LIKE ${community + '%'} AND m.kind = 'patrol' AND ${day}::date BETWEEN m.period_start AND m.period_end)::int AS "patrolsMissed",
    (SELECT count(*) FROM problems p WHERE p.region_code LIKE ${community + '%'} AND p.created_at >= ${day}::date::timestamp AT TIME ZONE 'Asia/Shanghai'
       AND p.created_at < (${day}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')::int AS "problemsFound",
    (SELECT count(*) FROM problems p WHERE p.region_code LIKE ${community + '%'} AND p.state = 'closed' AND p.closed_at >= ${day}::date::timestamp AT TIME ZONE 'Asia/Shanghai'
       AND p.closed_at < (${day}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')::int AS "problemsClosed",
    (SELECT count(*) FROM problems p WHERE p.region_code LIKE ${community + '%'} AND ${overdueSql(day)})::int AS "problemsOverdue",
    (SELECT count(*) FROM activities a WHERE a.region_code = ${community} AND a.state = 'held' AND a.on_date = ${day}::date)::int AS "activitiesHeld",
    (SELECT count(*) FROM meetings m WHERE m.region_code = ${community} AND m.day = ${day}::date)::int AS "meetingsHeld"`);
  return r.rows[0];
}
