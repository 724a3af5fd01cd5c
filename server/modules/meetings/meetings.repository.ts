// SQL of meetings: kinds, meetings with their attendees, the list and its
// keyset pages, and the counts the figures read. Decisions, study trips and
// the cadence have their own repositories. No rules here.
import { sql, type SQL } from 'drizzle-orm';
import type { Q, Tx } from '../../db/pool.ts';
import { inRegion, inRegions, inScope, type RegionScope } from '../../db/scope.ts';

export type KindRow = { id: number; code: string | null; name: string; sort: number; active: boolean; version: number };

export async function kinds(q: Q): Promise<KindRow[]> {
  return (await q.execute<KindRow>(sql`SELECT id, code, name, sort, active, version FROM meeting_kinds ORDER BY sort, id`)).rows;
}
export async function kindById(q: Q, id: number): Promise<KindRow | null> {
  return (await q.execute<KindRow>(sql`SELECT id, code, name, sort, active, version FROM meeting_kinds WHERE id = ${id}`)).rows[0] ?? null;
}
export async function insertKind(q: Q, k: { name: string; sort: number }) {
  return (await q.execute<{ id: number }>(sql`INSERT INTO meeting_kinds (name, sort) VALUES (${k.name}, ${k.sort}) RETURNING id`)).rows[0].id;
}
export async function updateKind(q: Q, id: number, version: number, k: { name: string; sort: number; active: boolean }) {
  return (
    (
      await q.execute<{ id: number }>(sql`UPDATE meeting_kinds SET name = ${k.name}, sort = ${k.sort}, active = ${k.active}, version = version + 1
    WHERE id = ${id} AND version = ${version} RETURNING id`)
    ).rows.length > 0
  );
}

export type MeetingRow = {
  id: number;
  town_code: string;
  region_code: string;
  region_name: string | null;
  kind_id: number;
  kind_name: string;
  kind_code: string | null;
  title: string;
  starts_at: Date;
  day: string;
  place: string | null;
  chair_person_id: number | null;
  chair_name: string | null;
  agenda: string | null;
  minutes: string | null;
  relayed: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  present: number;
  absent: number;
  leave: number;
  decisions_open: number;
  decisions_done: number;
  decisions_overdue: number;
};

const cols = (today: string) => sql`m.id, m.town_code, m.region_code, rg.name AS region_name, m.kind_id, k.name AS kind_name, k.code AS kind_code, m.title,
  m.starts_at, m.day::text AS day, m.place, m.chair_person_id, m.chair_name, m.agenda, m.minutes, m.relayed, m.version, m.created_at, m.updated_at,
  (SELECT count(*) FILTER (WHERE a.status = 'present') FROM meeting_attendees a WHERE a.meeting_id = m.id)::int AS present,
  (SELECT count(*) FILTER (WHERE a.status = 'absent') FROM meeting_attendees a WHERE a.meeting_id = m.id)::int AS absent,
  (SELECT count(*) FILTER (WHERE a.status = 'leave') FROM meeting_attendees a WHERE a.meeting_id = m.id)::int AS leave,
  (SELECT count(*) FILTER (WHERE d.state = 'open') FROM meeting_decisions d WHERE d.meeting_id = m.id)::int AS decisions_open,
  (SELECT count(*) FILTER (WHERE d.state = 'done') FROM meeting_decisions d WHERE d.meeting_id = m.id)::int AS decisions_done,
  (SELECT count(*) FILTER (WHERE d.state = 'open' AND d.due_date < ${today}::date) FROM meeting_decisions d WHERE d.meeting_id = m.id)::int AS decisions_overdue`;
const from = sql`FROM meetings m JOIN meeting_kinds k ON k.id = m.kind_id LEFT JOIN regions rg ON rg.code = m.region_code`;
const scoped = (scope: RegionScope) => inRegions(scope, { town: sql`m.town_code`, region: sql`m.region_code` });

export interface MeetingFilter {
  region?: string;
  kindId?: number;
  kindCodes?: string[];
  from?: string;
  to?: string;
  q?: string;
  /** Keyset: (day, id) of the last row of the previous page, newest first. */
  after?: [string, number] | null;
  limit: number;
}

export function filterSql(scope: RegionScope, f: Omit<MeetingFilter, 'after' | 'limit'>): SQL {
  const parts: SQL[] = [scoped(scope)];
  if (f.region) parts.push(inRegion(f.region, { town: sql`m.town_code`, region: sql`m.region_code` }));
  if (f.kindId) parts.push(sql`m.kind_id = ${f.kindId}`);
  if (f.kindCodes)
    parts.push(
      f.kindCodes.length
        ? sql`k.code IN (${sql.join(
            f.kindCodes.map((c) => sql`${c}`),
            sql`, `,
          )})`
        : sql`false`,
    );
  if (f.from) parts.push(sql`m.day >= ${f.from}::date`);
  if (f.to) parts.push(sql`m.day <= ${f.to}::date`);
  if (f.q) parts.push(sql`(m.title LIKE ${'%' + f.q + '%'} OR m.place LIKE ${'%' + f.q + '%'})`);
  return sql.join(parts, sql` AND `);
}

export async function list(q: Q, scope: RegionScope, f: MeetingFilter, today: string): Promise<MeetingRow[]> {
  const after = f.after ? sql`AND (m.day, m.id) < (${f.after[0]}::date, ${f.after[1]})` : sql``;
  return (
    await q.execute<MeetingRow>(sql`SELECT ${cols(today)} ${from} WHERE ${filterSql(scope, f)} ${after}
    ORDER BY m.day DESC, m.id DESC LIMIT ${f.limit + 1}`)
  ).rows;
}

/** A meeting under `scope` (null: none, or not the caller's). */
export async function byId(q: Q, id: number, scope: RegionScope, today: string): Promise<MeetingRow | null> {
  return (await q.execute<MeetingRow>(sql`SELECT ${cols(today)} ${from} WHERE m.id = ${id} AND ${scoped(scope)}`)).rows[0] ?? null;
}

export async function lock(tx: Tx, id: number, scope: RegionScope) {
  return (
    (
      await tx.execute<{ id: number; version: number; town_code: string; region_code: string; day: string }>(sql`
    SELECT m.id, m.version, m.town_code, m.region_code, m.day::text AS day FROM meetings m WHERE m.id = ${id} AND ${scoped(scope)} FOR UPDATE`)
    ).rows[0] ?? null
  );
}

export interface MeetingValues {
  townCode: string;
  regionCode: string;
  kindId: number;
  title: string;
  startsAt: string;
  day: string;
  place: string | null;
  chairPersonId: number | null;
  chairName: string | null;
  agenda: string | null;
  minutes: string | null;
  relayed: string | null;
}

export async function insert(q: Q, v: MeetingValues, by: number | null): Promise<number> {
  return (
    await q.execute<{ id: number }>(sql`INSERT INTO meetings (town_code, region_code, kind_id, title, starts_at, day, place, chair_person_id, chair_name,
      agenda, minutes, relayed, created_by)
    VALUES (${v.townCode}, ${v.regionCode}, ${v.kindId}, ${v.title}, ${v.startsAt}, ${v.day}::date, ${v.place}, ${v.chairPersonId}, ${v.chairName},
      ${v.agenda}, ${v.minutes}, ${v.relayed}, ${by}) RETURNING id`)
  ).rows[0].id;
}

export async function update(q: Q, id: number, v: MeetingValues) {
  await q.execute(sql`UPDATE meetings SET region_code = ${v.regionCode}, kind_id = ${v.kindId}, title = ${v.title}, starts_at = ${v.startsAt}, day = ${v.day}::date,
    place = ${v.place}, chair_person_id = ${v.chairPersonId}, chair_name = ${v.chairName}, agenda = ${v.agenda}, minutes = ${v.minutes},
    relayed = ${v.relayed}, version = version + 1, updated_at = now() WHERE id = ${id}`);
}

export type AttendeeRow = { id: number; person_id: number | null; name: string; org: string | null; status: string };
export async function attendees(q: Q, meetingId: number): Promise<AttendeeRow[]> {
  return (await q.execute<AttendeeRow>(sql`SELECT id, person_id, name, org, status FROM meeting_attendees WHERE meeting_id = ${meetingId} ORDER BY id`)).rows;
}
export async function setAttendees(q: Q, meetingId: number, list: { personId: number | null; name: string; org: string | null; status: string }[]) {
  await q.execute(sql`DELETE FROM meeting_attendees WHERE meeting_id = ${meetingId}`);
  if (!list.length) return;
  const rows = list.map((a) => sql`(${meetingId}, ${a.personId}, ${a.name}, ${a.org}, ${a.status})`);
  await q.execute(sql`INSERT INTO meeting_attendees (meeting_id, person_id, name, org, status) VALUES ${sql.join(rows, sql`, `)}`);
}

/** People of the directory by id with their home region (attendees, chair, leaders must be people the town may name). */
export async function peopleBrief(q: Q, ids: number[]) {
  if (!ids.length) return [];
  return (
    await q.execute<{ id: number; name: string; region_code: string }>(sql`SELECT id, name, region_code FROM people
    WHERE id IN (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`)
  ).rows;
}

export async function regionExists(q: Q, code: string): Promise<boolean> {
  return (await q.execute(sql`SELECT 1 FROM regions WHERE code = ${code}`)).rows.length > 0;
}

/** Meetings held by kind code over a region prefix and dates (the figures ①-④). */
export async function countByKindCode(q: Q, region: string, fromDay: string, toDay: string) {
  return (
    await q.execute<{ code: string; n: number }>(sql`SELECT k.code, count(*)::int AS n FROM meetings m JOIN meeting_kinds k ON k.id = m.kind_id
    WHERE ${inRegion(region, { town: sql`m.town_code`, region: sql`m.region_code` })} AND m.day BETWEEN ${fromDay}::date AND ${toDay}::date AND k.code IS NOT NULL
    GROUP BY k.code`)
  ).rows;
}

/** Days of the town's meetings of a kind code between two days (the weekly cadence). */
export async function heldDays(q: Q, towns: string[], code: string, fromDay: string, toDay: string) {
  if (!towns.length) return [];
  return (
    await q.execute<{ town_code: string; day: string }>(sql`SELECT m.town_code, m.day::text AS day FROM meetings m JOIN meeting_kinds k ON k.id = m.kind_id
    WHERE m.town_code IN (${sql.join(
      towns.map((t) => sql`${t}`),
      sql`, `,
    )}) AND k.code = ${code} AND m.day BETWEEN ${fromDay}::date AND ${toDay}::date`)
  ).rows;
}

/** The meeting's town of a meeting id, whatever the scope (file visibility asks through the service). */
export async function regionOf(q: Q, id: number) {
  return (await q.execute<{ town_code: string; region_code: string }>(sql`SELECT town_code, region_code FROM meetings WHERE id = ${id}`)).rows[0] ?? null;
}

/** Towns and communities under a scope, by name (the import's 召开单位). */
export async function regionsIn(q: Q, scope: RegionScope) {
  return (
    await q.execute<{ code: string; name: string; level: string }>(sql`SELECT r.code, r.name, r.level FROM regions r
    WHERE r.level IN ('town', 'community') AND ${inScope(sql`r.code`, scope)} ORDER BY r.code`)
  ).rows;
}
