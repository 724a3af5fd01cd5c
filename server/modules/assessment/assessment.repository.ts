// SQL of assessment: rules, the facts the rules read, the ledger, indicator
// aggregation and rankings. No domain rules here (domain/assessment/).
// Every query takes the region prefix it may touch; the service checks the
// caller may read or manage that region before calling.
import { readAll } from '../../db/reads.ts';
import { sql, type SQL } from 'drizzle-orm';
import type { Tx, Q } from '../../db/pool.ts';
import { addDays } from '../../../domain/dates.ts';
import { inRegion } from '../../db/scope.ts';
import type { IndicatorCounts } from '../../../domain/assessment/indicators.ts';
import type { LedgerEntry, MissFact, ProblemFact, RuleVersion } from '../../../domain/assessment/rules.ts';
import type { ActivityFacts } from '../../../domain/assessment/activity-rules.ts';
import { overdueSql } from '../problems/index.ts';

/** Start of a China date as an instant (timestamptz comparisons stay index-friendly). */
export const chinaStart = (d: string) => new Date(`${d}T00:00:00+08:00`);
const nextDay = (d: string) => addDays(d, 1);

/** Problems of a town (9 digits) or a whole county (6): a prefix on town_code. */
const townPrefix = (region: string): SQL => inRegion(region.slice(0, 9), { town: sql`p.town_code`, region: sql`p.region_code` });

const RULE_COLS = sql`id, rule_key AS "ruleKey", version, region_code AS "regionCode", name, event_kind AS "eventKind", subject_kind AS "subjectKind",
  points, cap_per_period AS "capPerPeriod", threshold, active, effective_from::text AS "effectiveFrom", note, created_at AS "createdAt"`;

export type RuleRow = RuleVersion & { threshold: number | null; note: string | null; createdAt: Date };

/** The regions that have reward/punishment rules of their own. */
export async function ruleRegions(q: Q): Promise<string[]> {
  return (await q.execute<{ r: string }>(sql`SELECT DISTINCT region_code AS r FROM assessment_rules ORDER BY 1`)).rows.map((x) => x.r);
}

/** Every version of the rules that can apply in `region`: its own, its ancestors' (county rules) and, for a county, its towns'. */
export async function rulesFor(q: Q, region: string): Promise<RuleRow[]> {
  const r = await q.execute<any>(sql`SELECT ${RULE_COLS} FROM assessment_rules
    WHERE ${region} LIKE region_code || '%' OR region_code LIKE ${region + '%'} ORDER BY rule_key, effective_from, version`);
  return r.rows;
}

export async function ruleVersions(q: Q, ruleKey: string): Promise<RuleRow[]> {
  return (await q.execute<any>(sql`SELECT ${RULE_COLS} FROM assessment_rules WHERE rule_key = ${ruleKey} ORDER BY version`)).rows;
}

export async function insertRule(q: Q, r: Omit<RuleVersion, 'id'> & { note: string | null; createdBy: number | null }): Promise<RuleRow> {
  const x = await q.execute<any>(sql`INSERT INTO assessment_rules
      (rule_key, version, region_code, name, event_kind, subject_kind, points, cap_per_period, threshold, active, effective_from, note, created_by)
    VALUES (${r.ruleKey}, ${r.version}, ${r.regionCode}, ${r.name}, ${r.eventKind}, ${r.subjectKind}, ${r.points}, ${r.capPerPeriod}, ${r.threshold ?? null}, ${r.active},
      ${r.effectiveFrom}, ${r.note}, ${r.createdBy}) RETURNING ${RULE_COLS}`);
  return x.rows[0];
}

/**
 * The facts one month of rules reads: problems of the region that were
 * found by the county in the month, closed in it, reworked in it, or were
 * past their deadline during it.
 */
export async function problemFacts(q: Q, region: string, month: { start: string; end: string }): Promise<ProblemFact[]> {
  const from = chinaStart(month.start);
  const to = chinaStart(nextDay(month.end));
  const r = await q.execute<any>(sql`
    SELECT p.id, p.code, p.town_code AS "townCode", substr(p.region_code, 1, 12) AS "communityCode", p.responsible_unit_id AS "unitId",
           p.source, p.state, to_char(p.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "createdOn",
           p.dispatched_at IS NOT NULL AS dispatched, p.due_date::text AS "dueDate",
           to_char(p.closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "closedOn", p.closed_on_time AS "closedOnTime",
           (SELECT e.id FROM problem_events e WHERE e.problem_id = p.id AND e.action = 'overdue' AND e.data->>'dueDate' = p.due_date::text
             ORDER BY e.id LIMIT 1) AS "overdueEventId",
           CASE WHEN p.rework_count > 0 THEN (SELECT coalesce(json_agg(json_build_object('id', e.id, 'on', to_char(e.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')) ORDER BY e.id), '[]')
             FROM problem_events e WHERE e.problem_id = p.id AND e.action = 'verify_fail' AND e.at >= ${from} AND e.at < ${to}) ELSE '[]' END AS reworks
    FROM problems p
    WHERE ${townPrefix(region)} AND p.state NOT IN ('reported', 'rejected', 'merged')
      AND ((p.created_at >= ${from} AND p.created_at < ${to})
        OR (p.closed_at >= ${from} AND p.closed_at < ${to})
        OR (p.dispatched_at IS NOT NULL AND p.due_date < ${month.end}::date AND (p.closed_at IS NULL OR p.closed_at >= ${from}))
        OR p.rework_count > 0 AND p.updated_at >= ${from})
    ORDER BY p.id`);
  return r.rows;
}

/** The patrols recorded as missed (inspection_misses, by the daily job) whose day falls in the month. */
export async function missFacts(q: Q, region: string, month: { start: string; end: string }): Promise<MissFact[]> {
  const r = await q.execute<any>(sql`
    SELECT m.id, m.town_code AS "townCode", substr(m.region_code, 1, 12) AS "communityCode", m.person_id AS "personId", pe.name AS "personName",
           m.place_id AS "placeId", pl.name AS "placeName", m.period_start::text AS "on", m.period_end::text AS "end"
    FROM inspection_misses m LEFT JOIN people pe ON pe.id = m.person_id LEFT JOIN places pl ON pl.id = m.place_id
    WHERE m.kind = 'patrol' AND m.region_code LIKE ${region + '%'} AND m.period_start BETWEEN ${month.start}::date AND ${month.end}::date
    ORDER BY m.id`);
  return r.rows;
}

/**
 * What the activity rules read for one month (domain/assessment/activity-rules.ts):
 * the activities held in it, and the subjects a shortfall rule counts (the
 * region's communities, practice institute/stations and towns).
 */
export async function activityFacts(q: Q, region: string, month: { start: string; end: string }): Promise<ActivityFacts> {
  const inTown = inRegion(region.slice(0, 9), { town: sql`a.town_code`, region: sql`a.region_code` });
  const [held, communities, stations, towns] = await readAll(q, [
    () =>
      q.execute<any>(sql`SELECT a.id::int AS id, a.town_code AS "townCode", substr(a.region_code, 1, 12) AS "communityCode", a.organizer_unit_id AS "unitId",
        u.name AS "unitName", a.title, a.on_date::text AS "on"
      FROM activities a JOIN units u ON u.id = a.organizer_unit_id
      WHERE a.state = 'held' AND ${inTown} AND a.on_date BETWEEN ${month.start}::date AND ${month.end}::date ORDER BY a.id`),
    () => q.execute<any>(sql`SELECT code, name FROM regions WHERE level = 'community' AND code LIKE ${region + '%'} ORDER BY code`),
    () =>
      q.execute<any>(sql`SELECT id, name, region_code AS "regionCode" FROM units WHERE kind IN ('practice_station', 'practice_institute')
      AND region_code LIKE ${region.slice(0, 9) + '%'} ORDER BY id`),
    () => q.execute<any>(sql`SELECT code, name FROM regions WHERE level = 'town' AND code LIKE ${region.slice(0, 9) + '%'} ORDER BY code`),
  ]);
  return { held: held.rows, subjects: { communities: communities.rows, stations: stations.rows, towns: towns.rows } };
}

/** Name and home region of a person (a street chief's "why"). */
export async function personBrief(q: Q, id: number): Promise<{ name: string; regionCode: string } | null> {
  return (await q.execute<any>(sql`SELECT name, region_code AS "regionCode" FROM people WHERE id = ${id}`)).rows[0] ?? null;
}

// An entry's content as one string, built the same way in JS and in SQL (float8 and
// JS numbers both print the shortest exact form), so the difference is taken on two columns.
const entryKey = (e: LedgerEntry) =>
  [
    e.townCode,
    e.subjectKind,
    e.subjectRef,
    e.onDate,
    e.points,
    e.quantity,
    e.eventKind,
    e.ruleId,
    e.ruleKey,
    e.ruleVersion,
    e.causeKind,
    e.causeId,
    e.causeRef ?? '',
    e.causeEventId ?? '',
    e.note ?? '',
  ].join('|');
const ENTRY_KEY_SQL = sql`concat_ws('|', town_code, subject_kind, subject_ref, on_date::text, points::text, quantity::text, event_kind, rule_id::text, rule_key,
  rule_version::text, cause_kind, cause_id::text, coalesce(cause_ref, ''), coalesce(cause_event_id::text, ''), coalesce(note, ''))`;

/** One recompute of a month at a time (a town's and its county's overlap): the difference is taken under this lock. */
export async function lockMonth(tx: Tx, month: { start: string }): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(7242006, hashtext(${month.start}))`);
}

/** The derived entries of a month in the region, as content key → ids. */
export async function existingKeys(tx: Tx, region: string, month: { start: string; end: string }): Promise<Map<string, number[]>> {
  const prefix = inRegion(region.slice(0, 9), { town: sql`town_code`, region: sql`region_code` });
  const existing = await tx.execute<{ id: number; k: string }>(sql`SELECT id, ${ENTRY_KEY_SQL} AS k FROM points_ledger
    WHERE derived AND ${prefix} AND on_date BETWEEN ${month.start}::date AND ${month.end}::date`);
  const byKey = new Map<string, number[]>();
  for (const r of existing.rows) (byKey.get(r.k) ?? byKey.set(r.k, []).get(r.k)!).push(r.id);
  return byKey;
}

/**
 * Make the derived entries of a month in the region (ranking entries stay)
 * equal to `entries`, given what is there (existingKeys, read under
 * lockMonth in the same transaction). Applied as a difference: rows no longer
 * derived are deleted, new ones inserted, unchanged ones kept — the same set
 * as delete-all-and-insert, with a fraction of the writes and dead rows when
 * a recompute finds little changed (the usual case).
 */
export async function applyDiff(tx: Tx, byKey: Map<string, number[]>, entries: LedgerEntry[]): Promise<{ deleted: number; inserted: number }> {
  const insert: LedgerEntry[] = [];
  for (const e of entries) {
    const ids = byKey.get(entryKey(e));
    if (ids?.length) ids.pop();
    else insert.push(e);
  }
  const stale = [...byKey.values()].flat();
  if (stale.length) await tx.execute(sql`DELETE FROM points_ledger WHERE id = ANY(${sql.param(stale)}::bigint[])`);
  await insertEntries(tx, insert, true);
  return { deleted: stale.length, inserted: insert.length };
}

export async function insertEntries(tx: Tx, entries: LedgerEntry[], derived: boolean): Promise<void> {
  // One JSON parameter per chunk, expanded by json_to_recordset: far cheaper
  // to send and parse than one array parameter per column.
  const CHUNK = 25_000;
  for (let i = 0; i < entries.length; i += CHUNK) {
    const json = JSON.stringify(entries.slice(i, i + CHUNK));
    await tx.execute(sql`INSERT INTO points_ledger (town_code, subject_kind, subject_ref, on_date, points, quantity, event_kind, rule_id, rule_key,
        rule_version, cause_kind, cause_id, cause_ref, cause_event_id, note, derived)
      SELECT t."townCode", t."subjectKind", t."subjectRef", t."onDate", t.points, t.quantity, t."eventKind", t."ruleId", t."ruleKey",
        t."ruleVersion", t."causeKind", t."causeId", t."causeRef", t."causeEventId", t.note, ${derived}
      FROM json_to_recordset(${json}::json) AS t("townCode" text, "subjectKind" text, "subjectRef" text, "onDate" date, points float8, quantity int,
        "eventKind" text, "ruleId" int, "ruleKey" text, "ruleVersion" int, "causeKind" text, "causeId" bigint, "causeRef" text, "causeEventId" bigint, note text)`);
  }
}

export interface EntryRow extends LedgerEntry {
  id: number;
  derived: boolean;
}

const ENTRY_COLS = sql`id, town_code AS "townCode", subject_kind AS "subjectKind", subject_ref AS "subjectRef", on_date::text AS "onDate", points, quantity,
  event_kind AS "eventKind", rule_id AS "ruleId", rule_key AS "ruleKey", rule_version AS "ruleVersion", cause_kind AS "causeKind", cause_id AS "causeId",
  cause_ref AS "causeRef", cause_event_id AS "causeEventId", note, derived`;

/** The whole ledger of a region and range in its canonical order (for comparisons and exports). */
export async function ledgerOf(q: Q, region: string, p: { start: string; end: string }, only: { derived?: boolean } = {}): Promise<EntryRow[]> {
  const prefix = inRegion(region.slice(0, 9), { town: sql`town_code`, region: sql`region_code` });
  const derived = only.derived === undefined ? sql`` : sql`AND derived = ${only.derived}`;
  return (
    await q.execute<any>(sql`SELECT ${ENTRY_COLS} FROM points_ledger WHERE ${prefix} ${derived} AND on_date BETWEEN ${p.start}::date AND ${p.end}::date
    ORDER BY on_date, cause_id, event_kind, rule_key, rule_version, subject_kind, subject_ref, id`)
  ).rows;
}

/** Sum of points per subject of one kind in the region and range. */
export async function pointsBySubject(q: Q, region: string, subjectKind: string, p: { start: string; end: string }): Promise<Map<string, number>> {
  const prefix = inRegion(region.slice(0, 9), { town: sql`town_code`, region: sql`region_code` });
  const r = await q.execute<{ ref: string; points: number }>(sql`SELECT subject_ref AS ref, round(sum(points)::numeric, 2) AS points FROM points_ledger
    WHERE ${prefix} AND subject_kind = ${subjectKind} AND on_date BETWEEN ${p.start}::date AND ${p.end}::date GROUP BY subject_ref`);
  return new Map(r.rows.map((x) => [x.ref, Number(x.points)]));
}

export type GroupBy = 'community' | 'town' | 'unit';
const GROUP: Record<GroupBy, SQL> = {
  community: sql`substr(p.region_code, 1, 12)`,
  town: sql`p.town_code`,
  unit: sql`p.responsible_unit_id::text`,
};

/** Indicator counts per group (definitions in domain/assessment/indicators.ts). */
export async function indicatorCounts(
  q: Q,
  region: string,
  groupBy: GroupBy,
  p: { start: string; end: string },
  today: string,
): Promise<Map<string, IndicatorCounts>> {
  const from = chinaStart(p.start);
  const to = chinaStart(nextDay(p.end));
  const inDue = sql`(p.dispatched_at IS NOT NULL AND p.due_date BETWEEN ${p.start}::date AND ${p.end}::date)`;
  const r = await q.execute<any>(sql`
    SELECT ${GROUP[groupBy]} AS g,
      count(*) FILTER (WHERE p.created_at >= ${from} AND p.created_at < ${to}) AS filed,
      count(*) FILTER (WHERE ${inDue}) AS due,
      count(*) FILTER (WHERE ${inDue} AND p.state = 'closed') AS closed,
      count(*) FILTER (WHERE ${inDue} AND p.closed_on_time) AS "onTime",
      count(*) FILTER (WHERE ${inDue} AND p.rework_count > 0) AS rework,
      count(*) FILTER (WHERE ${inDue} AND (p.closed_on_time IS FALSE OR ${overdueSql(today)})) AS overdue
    FROM problems p
    WHERE ${townPrefix(region)} AND ${region.length > 9 ? sql`p.region_code LIKE ${region + '%'}` : sql`true`}
      AND p.state NOT IN ('reported', 'rejected', 'merged')
      AND ((p.created_at >= ${from} AND p.created_at < ${to}) OR ${inDue})
      ${groupBy === 'unit' ? sql`AND p.responsible_unit_id IS NOT NULL` : sql``}
    GROUP BY 1`);
  return new Map(r.rows.map(({ g, ...c }: { g: string } & IndicatorCounts) => [g, c] as const));
}

export async function childRegions(q: Q, parent: string, level: 'community' | 'town'): Promise<{ code: string; name: string }[]> {
  return (await q.execute<{ code: string; name: string }>(sql`SELECT code, name FROM regions WHERE parent_code = ${parent} AND level = ${level} ORDER BY code`))
    .rows;
}

export async function regionName(q: Q, code: string): Promise<string | null> {
  return (await q.execute<{ name: string }>(sql`SELECT name FROM regions WHERE code = ${code}`)).rows[0]?.name ?? null;
}

export async function unitsByIds(q: Q, ids: number[]): Promise<Map<string, { name: string; regionCode: string }>> {
  if (!ids.length) return new Map();
  const r = await q.execute<{ id: number; name: string; region_code: string }>(
    sql`SELECT id, name, region_code FROM units WHERE id = ANY(${sql.param(ids)}::int[])`,
  );
  return new Map(r.rows.map((u) => [String(u.id), { name: u.name, regionCode: u.region_code }]));
}

export interface RankingRow {
  id: number;
  regionCode: string;
  level: string;
  periodKind: string;
  periodStart: string;
  periodEnd: string;
  title: string;
  rows: unknown;
  config: unknown;
  state: string;
  version: number;
  preparedBy: number | null;
  preparedAt: Date | null;
  approvedBy: number | null;
  approvedAt: Date | null;
  rejectNote: string | null;
  publishedAt: Date | null;
  publishedBy: number | null;
}
const RANKING_COLS = sql`id, region_code AS "regionCode", level, period_kind AS "periodKind", period_start::text AS "periodStart",
  period_end::text AS "periodEnd", title, rows, config, state, version, prepared_by AS "preparedBy", prepared_at AS "preparedAt",
  approved_by AS "approvedBy", approved_at AS "approvedAt", reject_note AS "rejectNote", published_at AS "publishedAt", published_by AS "publishedBy"`;

export type NewRanking = Pick<RankingRow, 'regionCode' | 'level' | 'periodKind' | 'periodStart' | 'periodEnd' | 'title' | 'rows' | 'config' | 'state'>;

/** A period's ranking in any state (one per region, level and period). */
export async function insertRanking(tx: Tx, r: NewRanking, by: number, at: Date): Promise<RankingRow> {
  const published = r.state === 'published';
  return (
    await tx.execute<any>(sql`INSERT INTO rankings (region_code, level, period_kind, period_start, period_end, title, rows, config, state,
      prepared_by, prepared_at, published_at, published_by)
    VALUES (${r.regionCode}, ${r.level}, ${r.periodKind}, ${r.periodStart}, ${r.periodEnd}, ${r.title}, ${JSON.stringify(r.rows)}::jsonb,
      ${JSON.stringify(r.config)}::jsonb, ${r.state}, ${by}, ${at}, ${published ? at : null}, ${published ? by : null}) RETURNING ${RANKING_COLS}`)
  ).rows[0];
}

/** Move a ranking on (compare-and-set on its version); null when someone else moved it first. */
export async function updateRanking(
  tx: Tx,
  id: number,
  version: number,
  set: Partial<{
    rows: unknown;
    config: unknown;
    title: string;
    state: string;
    preparedBy: number;
    approvedBy: number;
    publishedBy: number;
    rejectNote: string | null;
    preparedAt: Date;
    approvedAt: Date;
    publishedAt: Date;
  }>,
): Promise<RankingRow | null> {
  const parts = [sql`version = version + 1`];
  if (set.rows !== undefined) parts.push(sql`rows = ${JSON.stringify(set.rows)}::jsonb`);
  if (set.config !== undefined) parts.push(sql`config = ${JSON.stringify(set.config)}::jsonb`);
  if (set.title !== undefined) parts.push(sql`title = ${set.title}`);
  if (set.state !== undefined) parts.push(sql`state = ${set.state}`);
  if (set.preparedBy !== undefined) parts.push(sql`prepared_by = ${set.preparedBy}`);
  if (set.preparedAt) parts.push(sql`prepared_at = ${set.preparedAt}`);
  if (set.approvedBy !== undefined) parts.push(sql`approved_by = ${set.approvedBy}`);
  if (set.approvedAt) parts.push(sql`approved_at = ${set.approvedAt}`);
  if (set.publishedBy !== undefined) parts.push(sql`published_by = ${set.publishedBy}`);
  if (set.publishedAt) parts.push(sql`published_at = ${set.publishedAt}`);
  if (set.rejectNote !== undefined) parts.push(sql`reject_note = ${set.rejectNote}`);
  return (
    (await tx.execute<any>(sql`UPDATE rankings SET ${sql.join(parts, sql`, `)} WHERE id = ${id} AND version = ${version} RETURNING ${RANKING_COLS}`)).rows[0] ??
    null
  );
}

/** The period's ranking whatever its state (locked for update inside a transaction when asked). */
export async function periodRanking(
  q: Q,
  region: string,
  level: string,
  periodKind: string,
  periodStart: string,
  forUpdate = false,
): Promise<RankingRow | null> {
  return (
    (
      await q.execute<any>(sql`SELECT ${RANKING_COLS} FROM rankings WHERE region_code = ${region} AND level = ${level}
    AND period_kind = ${periodKind} AND period_start = ${periodStart}::date ${forUpdate ? sql`FOR UPDATE` : sql``}`)
    ).rows[0] ?? null
  );
}

export async function rankingById(q: Q, id: number, forUpdate = false): Promise<RankingRow | null> {
  return (await q.execute<any>(sql`SELECT ${RANKING_COLS} FROM rankings WHERE id = ${id} ${forUpdate ? sql`FOR UPDATE` : sql``}`)).rows[0] ?? null;
}

export async function latestRanking(q: Q, region: string, level: string): Promise<RankingRow | null> {
  return (
    (
      await q.execute<any>(sql`SELECT ${RANKING_COLS} FROM rankings WHERE region_code = ${region} AND level = ${level} AND state = 'published'
    ORDER BY published_at DESC, id DESC LIMIT 1`)
    ).rows[0] ?? null
  );
}

/** The towns with a published ranking of their communities, and the newest one's title (the public page's town list). */
export async function publishedTowns(q: Q): Promise<{ code: string; name: string; title: string; publishedAt: Date | null }[]> {
  return (
    await q.execute<any>(sql`SELECT DISTINCT ON (k.region_code) k.region_code AS code, coalesce(rg.name, k.region_code) AS name, k.title, k.published_at AS "publishedAt"
    FROM rankings k LEFT JOIN regions rg ON rg.code = k.region_code
    WHERE k.level = 'community' AND k.state = 'published' ORDER BY k.region_code, k.published_at DESC, k.id DESC`)
  ).rows;
}

/** Active town leaders covering `town`: who approves its rankings. */
export async function townLeaders(q: Q, town: string): Promise<number[]> {
  const r = await q.execute<{ id: number }>(sql`SELECT DISTINCT p.id FROM role_grants g JOIN people p ON p.id = g.person_id
    WHERE g.role = 'town_leader' AND p.active AND ${town} LIKE g.scope_region_code || '%'`);
  return r.rows.map((x) => Number(x.id));
}

export async function rankingHistory(q: Q, region: string, level: string, periodKind: string, limit = 24): Promise<RankingRow[]> {
  return (
    await q.execute<any>(sql`SELECT * FROM (SELECT ${RANKING_COLS} FROM rankings WHERE region_code = ${region} AND level = ${level}
    AND period_kind = ${periodKind} AND state = 'published' ORDER BY period_start DESC LIMIT ${limit}) x ORDER BY "periodStart"`)
  ).rows;
}
