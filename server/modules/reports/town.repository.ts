// SQL of the town's own reports (daily and weekly): the reports with their
// revisions, the 期数 counters (locked in the publishing transaction, no gaps),
// and the read-only figures a draft is built from (problems by community and
// category, the worst places, patrol and supervision compliance, notices
// issued, the latest published red/black list, typical problems with photos).
import { sql, type SQL } from 'drizzle-orm';
import type { Q, Tx } from '../../db/pool.ts';
import { inRegions, type RegionScope } from '../../db/scope.ts';
import { overdueSql } from '../problems/index.ts';

export type TownReportRow = {
  id: number;
  kind: string;
  town_code: string;
  town_name: string | null;
  period_from: string;
  period_to: string;
  year: number;
  seq: number | null;
  revision: number;
  state: string;
  title: string;
  body: unknown;
  facts: unknown;
  correction_reason: string | null;
  previous_id: number | null;
  published_at: Date | null;
  version: number;
};
const cols = sql`t.id, t.kind, t.town_code, rg.name AS town_name, t.period_from::text AS period_from, t.period_to::text AS period_to, t.year, t.seq,
  t.revision, t.state, t.title, t.body, t.facts, t.correction_reason, t.previous_id, t.published_at, t.version`;
const from = sql`FROM town_reports t LEFT JOIN regions rg ON rg.code = t.town_code`;
const scoped = (scope: RegionScope) => inRegions(scope, { town: sql`t.town_code`, region: sql`t.town_code` });

export async function byId(q: Q, id: number, scope: RegionScope): Promise<TownReportRow | null> {
  return (await q.execute<TownReportRow>(sql`SELECT ${cols} ${from} WHERE t.id = ${id} AND ${scoped(scope)}`)).rows[0] ?? null;
}
export async function lock(q: Tx, id: number): Promise<TownReportRow | null> {
  return (await q.execute<TownReportRow>(sql`SELECT ${cols} ${from} WHERE t.id = ${id} FOR UPDATE OF t`)).rows[0] ?? null;
}
/** The latest revision of a town's report of a kind for a period. */
export async function latestFor(q: Q, town: string, kind: string, periodFrom: string): Promise<TownReportRow | null> {
  return (
    (
      await q.execute<TownReportRow>(
        sql`SELECT ${cols} ${from} WHERE t.town_code = ${town} AND t.kind = ${kind} AND t.period_from = ${periodFrom} ORDER BY t.revision DESC LIMIT 1`,
      )
    ).rows[0] ?? null
  );
}

export interface TownReportValues {
  kind: string;
  townCode: string;
  periodFrom: string;
  periodTo: string;
  year: number;
  seq: number | null;
  revision: number;
  state: string;
  title: string;
  body: unknown;
  facts: unknown;
  correctionReason: string | null;
  previousId: number | null;
  createdBy: number | null;
  publishedBy: number | null;
  publishedAt: Date | null;
}
/** Insert; null when the (town, kind, period, revision) exists already (a draft someone else made first). */
export async function insert(q: Q, v: TownReportValues): Promise<number | null> {
  const r = await q.execute<{
    id: number;
  }>(sql`INSERT INTO town_reports (kind, town_code, period_from, period_to, year, seq, revision, state, title, body, facts,
      correction_reason, previous_id, created_by, published_by, published_at)
    VALUES (${v.kind}, ${v.townCode}, ${v.periodFrom}, ${v.periodTo}, ${v.year}, ${v.seq}, ${v.revision}, ${v.state}, ${v.title}, ${JSON.stringify(v.body)}::jsonb,
      ${JSON.stringify(v.facts)}::jsonb, ${v.correctionReason}, ${v.previousId}, ${v.createdBy}, ${v.publishedBy}, ${v.publishedAt})
    ON CONFLICT DO NOTHING RETURNING id`);
  return r.rows[0]?.id ?? null;
}
export async function updateDraft(q: Q, id: number, version: number, v: { title: string; body: unknown; facts: unknown }): Promise<boolean> {
  const r = await q.execute(sql`UPDATE town_reports SET title = ${v.title}, body = ${JSON.stringify(v.body)}::jsonb, facts = ${JSON.stringify(v.facts)}::jsonb,
    version = version + 1, updated_at = now() WHERE id = ${id} AND version = ${version} AND state = 'draft' RETURNING id`);
  return r.rows.length > 0;
}
export async function markPublished(q: Q, id: number, seq: number, by: number, at: Date) {
  await q.execute(sql`UPDATE town_reports SET state = 'published', seq = ${seq}, published_by = ${by}, published_at = ${at}, version = version + 1, updated_at = now()
    WHERE id = ${id}`);
}
export async function markSuperseded(q: Q, id: number) {
  await q.execute(sql`UPDATE town_reports SET state = 'superseded', version = version + 1, updated_at = now() WHERE id = ${id}`);
}

/** The next 期数 of a town's kind and year, the counter row locked until the caller's transaction ends. */
export async function nextSeq(q: Tx, town: string, kind: string, year: number): Promise<number> {
  const r = await q.execute<{ last: number }>(sql`INSERT INTO report_counters (town_code, kind, year, last) VALUES (${town}, ${kind}, ${year}, 1)
    ON CONFLICT (town_code, kind, year) DO UPDATE SET last = report_counters.last + 1 RETURNING last`);
  return r.rows[0].last;
}

export interface TownReportFilter {
  kind?: string;
  region?: string;
  from?: string;
  to?: string;
  state?: string;
  after?: [string, number] | null;
  limit: number;
}
export async function list(q: Q, scope: RegionScope, f: TownReportFilter): Promise<TownReportRow[]> {
  const parts: SQL[] = [scoped(scope)];
  if (f.kind) parts.push(sql`t.kind = ${f.kind}`);
  if (f.region) parts.push(sql`t.town_code LIKE ${f.region.slice(0, 9) + '%'}`);
  if (f.from) parts.push(sql`t.period_from >= ${f.from}::date`);
  if (f.to) parts.push(sql`t.period_from <= ${f.to}::date`);
  if (f.state) parts.push(sql`t.state = ${f.state}`);
  if (f.after) parts.push(sql`(t.period_from, t.id) < (${f.after[0]}::date, ${f.after[1]})`);
  return (
    await q.execute<TownReportRow>(sql`SELECT ${cols} ${from} WHERE ${sql.join(parts, sql` AND `)} ORDER BY t.period_from DESC, t.id DESC LIMIT ${f.limit + 1}`)
  ).rows;
}

/** Towns that have a daily report (any revision, any state) for `day`. */
export async function townsWithDaily(q: Q, day: string): Promise<Set<string>> {
  const r = await q.execute<{ town_code: string }>(sql`SELECT DISTINCT town_code FROM town_reports WHERE kind = 'daily' AND period_from = ${day}::date`);
  return new Set(r.rows.map((x) => x.town_code));
}

// ---- the figures a draft is built from (read-only) ----

const dayStart = (d: string) => sql`(${d}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`;
const dayEnd = (d: string) => sql`(${d}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`;

export type CountRow = { key: string; name: string; found: number; closed: number; overdue: number };

/** New, closed (in the period) and overdue (at its end) problems of a town, by community (12-digit prefix) or by top category. */
export async function problemCounts(q: Q, town: string, from: string, to: string, by: 'community' | 'category'): Promise<CountRow[]> {
  const key = by === 'community' ? sql`left(p.region_code, 12)` : sql`coalesce(c.parent_id, c.id)::text`;
  const name =
    by === 'community'
      ? sql`(SELECT name FROM regions WHERE code = left(p.region_code, 12))`
      : sql`(SELECT name FROM categories WHERE id = coalesce(c.parent_id, c.id))`;
  const r = await q.execute<CountRow>(sql`SELECT ${key} AS key, min(${name}) AS name,
      count(*) FILTER (WHERE p.created_at >= ${dayStart(from)} AND p.created_at < ${dayEnd(to)})::int AS found,
      count(*) FILTER (WHERE p.state = 'closed' AND p.closed_at >= ${dayStart(from)} AND p.closed_at < ${dayEnd(to)})::int AS closed,
      count(*) FILTER (WHERE ${overdueSql(to)})::int AS overdue
    FROM problems p JOIN categories c ON c.id = p.category_id
    WHERE p.town_code = ${town} AND (
      (p.created_at >= ${dayStart(from)} AND p.created_at < ${dayEnd(to)})
      OR (p.state = 'closed' AND p.closed_at >= ${dayStart(from)} AND p.closed_at < ${dayEnd(to)})
      OR ${overdueSql(to)})
    GROUP BY 1 ORDER BY found DESC, overdue DESC, 1`);
  return r.rows.map((x) => ({ ...x, name: x.name ?? x.key }));
}

/** The places with the most new problems in the period. */
export async function worstPlaces(q: Q, town: string, from: string, to: string, limit: number) {
  const r = await q.execute<{ place_id: number; name: string; community_name: string | null; problems: number }>(sql`SELECT pl.id AS place_id, pl.name,
      (SELECT name FROM regions WHERE code = left(pl.region_code, 12)) AS community_name, count(*)::int AS problems
    FROM problems p JOIN places pl ON pl.id = p.place_id
    WHERE p.town_code = ${town} AND p.created_at >= ${dayStart(from)} AND p.created_at < ${dayEnd(to)}
    GROUP BY pl.id ORDER BY problems DESC, pl.id LIMIT ${limit}`);
  return r.rows.map((x) => ({ placeId: x.place_id, name: x.name, communityName: x.community_name, problems: x.problems }));
}

/** Inspections of a kind done in the period and recorded misses overlapping it. */
export async function compliance(q: Q, town: string, from: string, to: string, kind: 'patrol' | 'supervision') {
  const r = await q.execute<{ done: number; missed: number }>(sql`SELECT
    (SELECT count(*) FROM inspections i WHERE i.town_code = ${town} AND i.kind = ${kind} AND i.state = 'finished' AND i.on_date BETWEEN ${from}::date AND ${to}::date)::int AS done,
    (SELECT count(*) FROM inspection_misses m WHERE m.town_code = ${town} AND m.kind = ${kind} AND m.period_start <= ${to}::date AND m.period_end >= ${from}::date)::int AS missed`);
  return r.rows[0];
}

/** Notices the town issued and published with an issue date in the period (both kinds). */
export async function noticesIssued(q: Q, town: string, from: string, to: string): Promise<number> {
  const r = await q.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM notices n WHERE n.town_code = ${town} AND n.direction = 'issued'
    AND n.state = 'published' AND n.issue_date BETWEEN ${from}::date AND ${to}::date`);
  return r.rows[0].n;
}

/** The town's latest published ranking of its communities up to `to`: its period and the names on each list. */
export async function latestRanking(q: Q, town: string, to: string) {
  const r = await q.execute<{ title: string; red: string[] | null; black: string[] | null }>(sql`SELECT k.title,
      (SELECT array_agg(x->>'name') FROM jsonb_array_elements(k.rows) x WHERE x->>'list' = 'red') AS red,
      (SELECT array_agg(x->>'name') FROM jsonb_array_elements(k.rows) x WHERE x->>'list' = 'black') AS black
    FROM rankings k WHERE k.region_code = ${town} AND k.level = 'community' AND k.published_at IS NOT NULL AND k.period_end <= ${to}::date
    ORDER BY k.period_end DESC, k.id DESC LIMIT 1`);
  const k = r.rows[0];
  return k ? { period: k.title, red: k.red ?? [], black: k.black ?? [] } : null;
}

/** Typical problems of the period: the ones with a photo, overdue and reworked first. */
export async function typicalProblems(q: Q, town: string, from: string, to: string, limit: number) {
  const r = await q.execute<{
    id: number;
    code: string;
    description: string;
    address: string | null;
    photo_ids: number[];
  }>(sql`SELECT p.id, p.code, p.description,
      coalesce((SELECT name FROM places WHERE id = p.place_id), p.address) AS address,
      (SELECT array_agg(ph.id ORDER BY ph.id) FROM problem_photos ph WHERE ph.problem_id = p.id AND coalesce(ph.kind, 'before') = 'before') AS photo_ids
    FROM problems p
    WHERE p.town_code = ${town} AND p.created_at >= ${dayStart(from)} AND p.created_at < ${dayEnd(to)}
      AND EXISTS (SELECT 1 FROM problem_photos ph WHERE ph.problem_id = p.id)
    ORDER BY ${overdueSql(to)} DESC, p.rework_count DESC, p.created_at DESC, p.id DESC LIMIT ${limit}`);
  return r.rows.map((x) => ({ id: Number(x.id), code: x.code, description: x.description, address: x.address, photoIds: (x.photo_ids ?? []).map(Number) }));
}

/** Storage paths of problem photos (for the .docx), in the order asked. */
export async function photoPaths(q: Q, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const r = await q.execute<{ id: number; path: string }>(
    sql`SELECT id, path FROM problem_photos WHERE id IN (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  return new Map(r.rows.map((x) => [Number(x.id), x.path]));
}
