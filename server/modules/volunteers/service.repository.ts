// SQL of service records: the register (keyset pages by day), one record,
// inserts (recorded, imported, checked out, corrections), confirm/reject,
// totals per person and team, the certificate's and the national upload's
// rows, and the figures' sums. A record is in the caller's scope when its
// activity's community or its team's region is. "Counted" means confirmed
// and not superseded by a correction.
import { sql, type SQL } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { inRegion, inScope } from '../../db/scope.ts';
import { executePrepared } from '../../db/prepared.ts';
import { ledTeamSql, volScope, type AnyScope } from './members.repository.ts';

export const COUNTED = sql`s.status = 'confirmed' AND s.superseded_by IS NULL`;

/** A record visible in `scope` (alias s): its activity's region or its team's in the regions, or its team led by the caller. */
const recordInScope = (scope: AnyScope): SQL => {
  const { regions, teams } = volScope(scope);
  if (regions === 'all') return sql`true`;
  const led = ledTeamSql(sql`s.team_id`, teams);
  if (!regions.length) return led;
  return sql`(${sql.join(
    regions.map((r) => inRegion(r, { town: sql`s.town_code`, region: sql`s.region_code` })),
    sql` OR `,
  )} OR EXISTS (SELECT 1 FROM units tt WHERE tt.id = s.team_id AND ${inScope(sql`tt.region_code`, regions)}) OR ${led})`;
};

export interface ServiceFilter {
  teamId?: number;
  personId?: number;
  activityId?: number;
  regionCode?: string;
  from?: string;
  to?: string;
  status?: string;
  /** Only what totals count (confirmed, not superseded). */
  counted?: boolean;
}

export interface ServiceRow {
  id: number;
  personId: number;
  personName: string;
  phone: string | null;
  teamId: number | null;
  teamName: string | null;
  activityId: number;
  activityTitle: string;
  organizerName: string;
  regionCode: string;
  onDate: string;
  startedAt: Date | null;
  endedAt: Date | null;
  minutes: number;
  content: string | null;
  status: string;
  source: string;
  correctsId: number | null;
  supersededBy: number | null;
  reason: string | null;
  recordedByName: string | null;
  confirmedByName: string | null;
  confirmedAt: Date | null;
  createdAt: Date;
}

const COLS = sql`s.id, s.person_id AS "personId", p.name AS "personName", p.phone, s.team_id AS "teamId", t.name AS "teamName",
  s.activity_id AS "activityId", a.title AS "activityTitle", o.name AS "organizerName", s.region_code AS "regionCode", s.on_date::text AS "onDate",
  s.started_at AS "startedAt", s.ended_at AS "endedAt", s.minutes, s.content, s.status, s.source, s.corrects_id AS "correctsId",
  s.superseded_by AS "supersededBy", s.reason, rb.name AS "recordedByName", cb.name AS "confirmedByName", s.confirmed_at AS "confirmedAt", s.created_at AS "createdAt"`;
const FROM = sql`volunteer_service s JOIN people p ON p.id = s.person_id LEFT JOIN units t ON t.id = s.team_id
  JOIN activities a ON a.id = s.activity_id JOIN units o ON o.id = a.organizer_unit_id
  LEFT JOIN people rb ON rb.id = s.recorded_by LEFT JOIN people cb ON cb.id = s.confirmed_by`;

const num = (r: any): ServiceRow => ({
  ...r,
  id: Number(r.id),
  activityId: Number(r.activityId),
  correctsId: r.correctsId == null ? null : Number(r.correctsId),
  supersededBy: r.supersededBy == null ? null : Number(r.supersededBy),
});

export function filterSql(f: ServiceFilter, scope: AnyScope): SQL {
  const c: SQL[] = [recordInScope(scope)];
  if (f.teamId) c.push(sql`s.team_id = ${f.teamId}`);
  if (f.personId) c.push(sql`s.person_id = ${f.personId}`);
  if (f.activityId) c.push(sql`s.activity_id = ${f.activityId}`);
  if (f.regionCode) c.push(inRegion(f.regionCode, { town: sql`s.town_code`, region: sql`s.region_code` }));
  if (f.from) c.push(sql`s.on_date >= ${f.from}::date`);
  if (f.to) c.push(sql`s.on_date <= ${f.to}::date`);
  if (f.status) c.push(sql`s.status = ${f.status}`);
  if (f.counted) c.push(COUNTED);
  return sql.join(c, sql` AND `);
}

/** One page, newest first, after the key (on_date, id). Prepared: planning its six joins cost more than running it (registers.service_list_p95_ms). */
export async function listPage(q: Q, f: ServiceFilter, scope: AnyScope, after: [string, number] | null, limit: number): Promise<ServiceRow[]> {
  const keyset = after ? sql`AND (s.on_date, s.id) < (${after[0]}::date, ${after[1]})` : sql``;
  const r = await executePrepared<any>(
    q,
    'volunteer_service_page',
    sql`SELECT ${COLS} FROM ${FROM} WHERE ${filterSql(f, scope)} ${keyset} ORDER BY s.on_date DESC, s.id DESC LIMIT ${limit}`,
  );
  return r.rows.map(num);
}

export async function getRecord(q: Q, id: number, scope: AnyScope): Promise<ServiceRow | null> {
  const r = (await q.execute<any>(sql`SELECT ${COLS} FROM ${FROM} WHERE s.id = ${id} AND ${recordInScope(scope)}`)).rows[0];
  return r ? num(r) : null;
}

/** Locks the record for a change (confirm, reject, correct). */
export async function lockRecord(q: Q, id: number): Promise<{ status: string; supersededBy: number | null } | null> {
  const r = (await q.execute<any>(sql`SELECT status, superseded_by AS "supersededBy" FROM volunteer_service WHERE id = ${id} FOR UPDATE`)).rows[0];
  return r ? { status: r.status, supersededBy: r.supersededBy == null ? null : Number(r.supersededBy) } : null;
}

export interface NewRecord {
  personId: number;
  teamId: number | null;
  activityId: number;
  townCode: string;
  regionCode: string;
  onDate: string;
  startedAt: Date | null;
  endedAt: Date | null;
  minutes: number;
  content: string | null;
  status: string;
  source: string;
  correctsId: number | null;
  reason: string | null;
  recordedBy: number | null;
  confirmedBy: number | null;
}

export async function insertRecords(q: Q, rows: NewRecord[]): Promise<number[]> {
  if (!rows.length) return [];
  const values = rows.map(
    (r) => sql`(${r.personId}, ${r.teamId}, ${r.activityId}, ${r.townCode}, ${r.regionCode}, ${r.onDate}::date, ${r.startedAt}, ${r.endedAt},
      ${r.minutes}, ${r.content}, ${r.status}, ${r.source}, ${r.correctsId}, ${r.reason}, ${r.recordedBy}, ${r.confirmedBy},
      ${r.confirmedBy ? sql`now()` : sql`NULL`})`,
  );
  const r = await q.execute<{ id: number }>(sql`INSERT INTO volunteer_service (person_id, team_id, activity_id, town_code, region_code, on_date,
      started_at, ended_at, minutes, content, status, source, corrects_id, reason, recorded_by, confirmed_by, confirmed_at)
    VALUES ${sql.join(values, sql`, `)} RETURNING id`);
  return r.rows.map((x) => Number(x.id));
}

export async function decide(q: Q, id: number, status: 'confirmed' | 'rejected', by: number, reason: string | null) {
  await q.execute(sql`UPDATE volunteer_service SET status = ${status}, confirmed_by = ${by}, confirmed_at = now(), reason = coalesce(${reason}, reason)
    WHERE id = ${id} AND status = 'pending'`);
}

export async function supersede(q: Q, id: number, by: number) {
  await q.execute(sql`UPDATE volunteer_service SET superseded_by = ${by} WHERE id = ${id} AND superseded_by IS NULL`);
}

/** Counted records of a person at an activity (one organiser record per person and activity). */
export async function countedAt(q: Q, activityId: number, personIds: number[]): Promise<number[]> {
  if (!personIds.length) return [];
  const r = await q.execute<{ person_id: number }>(sql`SELECT DISTINCT s.person_id FROM volunteer_service s
    WHERE s.activity_id = ${activityId} AND s.person_id = ANY(${sql.param(personIds)}::int[]) AND s.status <> 'rejected' AND s.superseded_by IS NULL`);
  return r.rows.map((x) => Number(x.person_id));
}

// ---- totals ----

export interface Totals {
  records: number;
  minutes: number;
  people: number;
}

/** Per person (or per team) over the filter, counted records only, most hours first. */
export async function totalsBy(q: Q, by: 'person' | 'team', f: ServiceFilter, scope: AnyScope, limit: number) {
  const key = by === 'person' ? sql`s.person_id` : sql`s.team_id`;
  const name = by === 'person' ? sql`(SELECT name FROM people WHERE id = s.person_id)` : sql`(SELECT name FROM units WHERE id = s.team_id)`;
  const r = await q.execute<any>(sql`SELECT ${key} AS id, ${name} AS name, count(*)::int AS records, sum(s.minutes)::int AS minutes,
      count(DISTINCT s.person_id)::int AS people
    FROM volunteer_service s WHERE ${filterSql({ ...f, counted: true }, scope)} GROUP BY ${key} ORDER BY minutes DESC, id LIMIT ${limit}`);
  return r.rows as ({ id: number | null; name: string | null } & Totals)[];
}

export async function totals(q: Q, f: ServiceFilter, scope: AnyScope): Promise<Totals> {
  const r = await q.execute<any>(sql`SELECT count(*)::int AS records, coalesce(sum(s.minutes), 0)::int AS minutes, count(DISTINCT s.person_id)::int AS people
    FROM volunteer_service s WHERE ${filterSql({ ...f, counted: true }, scope)}`);
  return r.rows[0];
}

/** The certificate's and the upload's rows: counted records, oldest first, with the activity and its organiser. */
export async function countedRows(q: Q, f: ServiceFilter, scope: AnyScope, limit: number) {
  const r = await q.execute<any>(sql`SELECT s.id, s.person_id AS "personId", p.name AS "personName", p.phone, s.on_date::text AS "onDate", s.minutes,
      a.title AS "activityTitle", o.name AS "organizerName", t.name AS "teamName"
    FROM volunteer_service s JOIN people p ON p.id = s.person_id JOIN activities a ON a.id = s.activity_id
      JOIN units o ON o.id = a.organizer_unit_id LEFT JOIN units t ON t.id = s.team_id
    WHERE ${filterSql({ ...f, counted: true }, scope)} ORDER BY s.on_date, s.id LIMIT ${limit}`);
  return r.rows.map((x: any) => ({ ...x, id: Number(x.id) })) as {
    id: number;
    personId: number;
    personName: string;
    phone: string | null;
    onDate: string;
    minutes: number;
    activityTitle: string;
    organizerName: string;
    teamName: string | null;
  }[];
}

/** Figures: counted minutes and records of a region over a period (by service day). */
export async function figureSums(q: Q, region: string, from: string, to: string): Promise<{ minutes: number; records: number }> {
  const r = await q.execute<any>(sql`SELECT coalesce(sum(s.minutes), 0)::int AS minutes, count(*)::int AS records FROM volunteer_service s
    WHERE ${inRegion(region, { town: sql`s.town_code`, region: sql`s.region_code` })} AND s.on_date BETWEEN ${from}::date AND ${to}::date AND ${COUNTED}`);
  return r.rows[0];
}
