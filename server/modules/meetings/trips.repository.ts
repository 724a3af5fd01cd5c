// SQL of study trips (学习考察) and their participants, and of the weekly 例会 cadence. No rules here.
import { sql, type SQL } from 'drizzle-orm';
import type { Q, Tx } from '../../db/pool.ts';
import { inRegion, inRegions, type RegionScope } from '../../db/scope.ts';

export type TripRow = {
  id: number;
  town_code: string;
  region_code: string;
  region_name: string | null;
  day: string;
  destination: string;
  leader_person_id: number | null;
  leader_name: string;
  head_count: number;
  purpose: string | null;
  learned: string | null;
  shared_meeting_id: number | null;
  shared_meeting_title: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
};
const COLS = sql`t.id, t.town_code, t.region_code, rg.name AS region_name, t.day::text AS day, t.destination, t.leader_person_id, t.leader_name, t.head_count,
  t.purpose, t.learned, t.shared_meeting_id, m.title AS shared_meeting_title, t.version, t.created_at, t.updated_at`;
const FROM = sql`FROM study_trips t LEFT JOIN regions rg ON rg.code = t.region_code LEFT JOIN meetings m ON m.id = t.shared_meeting_id`;
const scoped = (scope: RegionScope) => inRegions(scope, { town: sql`t.town_code`, region: sql`t.region_code` });

export async function list(q: Q, scope: RegionScope, f: { region?: string; from?: string; to?: string; after?: [string, number] | null; limit: number }) {
  const parts: SQL[] = [scoped(scope)];
  if (f.region) parts.push(inRegion(f.region, { town: sql`t.town_code`, region: sql`t.region_code` }));
  if (f.from) parts.push(sql`t.day >= ${f.from}::date`);
  if (f.to) parts.push(sql`t.day <= ${f.to}::date`);
  if (f.after) parts.push(sql`(t.day, t.id) < (${f.after[0]}::date, ${f.after[1]})`);
  return (await q.execute<TripRow>(sql`SELECT ${COLS} ${FROM} WHERE ${sql.join(parts, sql` AND `)} ORDER BY t.day DESC, t.id DESC LIMIT ${f.limit + 1}`)).rows;
}

export async function byId(q: Q, id: number, scope: RegionScope): Promise<TripRow | null> {
  return (await q.execute<TripRow>(sql`SELECT ${COLS} ${FROM} WHERE t.id = ${id} AND ${scoped(scope)}`)).rows[0] ?? null;
}

export async function lock(tx: Tx, id: number, scope: RegionScope) {
  return (
    (
      await tx.execute<{ id: number; version: number; town_code: string; region_code: string }>(sql`
    SELECT t.id, t.version, t.town_code, t.region_code FROM study_trips t WHERE t.id = ${id} AND ${scoped(scope)} FOR UPDATE`)
    ).rows[0] ?? null
  );
}

export interface TripValues {
  townCode: string;
  regionCode: string;
  day: string;
  destination: string;
  leaderPersonId: number | null;
  leaderName: string;
  headCount: number;
  purpose: string | null;
  learned: string | null;
  sharedMeetingId: number | null;
}

export async function insert(q: Q, v: TripValues, by: number | null): Promise<number> {
  return (
    await q.execute<{ id: number }>(sql`INSERT INTO study_trips (town_code, region_code, day, destination, leader_person_id, leader_name, head_count,
      purpose, learned, shared_meeting_id, created_by)
    VALUES (${v.townCode}, ${v.regionCode}, ${v.day}::date, ${v.destination}, ${v.leaderPersonId}, ${v.leaderName}, ${v.headCount}, ${v.purpose}, ${v.learned},
      ${v.sharedMeetingId}, ${by}) RETURNING id`)
  ).rows[0].id;
}

export async function update(q: Q, id: number, v: TripValues) {
  await q.execute(sql`UPDATE study_trips SET region_code = ${v.regionCode}, day = ${v.day}::date, destination = ${v.destination},
    leader_person_id = ${v.leaderPersonId}, leader_name = ${v.leaderName}, head_count = ${v.headCount}, purpose = ${v.purpose}, learned = ${v.learned},
    shared_meeting_id = ${v.sharedMeetingId}, version = version + 1, updated_at = now() WHERE id = ${id}`);
}

export async function participants(q: Q, tripId: number) {
  return (
    await q.execute<{ id: number; person_id: number | null; name: string }>(sql`SELECT id, person_id, name FROM study_trip_participants
    WHERE trip_id = ${tripId} ORDER BY id`)
  ).rows;
}
export async function setParticipants(q: Q, tripId: number, list: { personId: number | null; name: string }[]) {
  await q.execute(sql`DELETE FROM study_trip_participants WHERE trip_id = ${tripId}`);
  if (!list.length) return;
  await q.execute(
    sql`INSERT INTO study_trip_participants (trip_id, person_id, name) VALUES ${sql.join(
      list.map((p) => sql`(${tripId}, ${p.personId}, ${p.name})`),
      sql`, `,
    )}`,
  );
}

/** Participants (head counts) of trips over a region prefix and dates: figure ⑥. */
export async function headCount(q: Q, region: string, fromDay: string, toDay: string): Promise<number> {
  return Number(
    (
      await q.execute<{ n: number }>(sql`SELECT coalesce(sum(t.head_count), 0)::int AS n FROM study_trips t
    WHERE ${inRegion(region, { town: sql`t.town_code`, region: sql`t.region_code` })} AND t.day BETWEEN ${fromDay}::date AND ${toDay}::date`)
    ).rows[0].n,
  );
}

// ---- the weekly 例会 cadence ----

export type CadenceRow = {
  town_code: string;
  town_name: string | null;
  per_week: number;
  effective_from: string;
  version: number;
  updated_at: Date | null;
  updated_by_name: string | null;
};

/** The towns under a region prefix (or scope) with their cadence, or null columns where none is set. */
export async function cadences(q: Q, scope: RegionScope, region?: string): Promise<CadenceRow[]> {
  const filters: SQL[] = [inRegions(scope, { town: sql`r.code`, region: sql`r.code` })];
  if (region) filters.push(sql`(r.code LIKE ${region.slice(0, 9) + '%'})`);
  return (
    await q.execute<CadenceRow>(sql`SELECT r.code AS town_code, r.name AS town_name, coalesce(c.per_week, 0) AS per_week,
      coalesce(c.effective_from::text, '') AS effective_from, coalesce(c.version, 0) AS version, c.updated_at, pe.name AS updated_by_name
    FROM regions r LEFT JOIN meeting_cadences c ON c.town_code = r.code LEFT JOIN people pe ON pe.id = c.updated_by
    WHERE r.level = 'town' AND ${sql.join(filters, sql` AND `)} ORDER BY r.code`)
  ).rows;
}

export async function setCadence(q: Q, townCode: string, v: { perWeek: number; effectiveFrom: string; by: number; version: number }) {
  const r = await q.execute<{ town_code: string }>(sql`INSERT INTO meeting_cadences (town_code, per_week, effective_from, updated_by)
    VALUES (${townCode}, ${v.perWeek}, ${v.effectiveFrom}::date, ${v.by})
    ON CONFLICT (town_code) DO UPDATE SET per_week = EXCLUDED.per_week, effective_from = EXCLUDED.effective_from, updated_by = EXCLUDED.updated_by,
      version = meeting_cadences.version + 1, updated_at = now()
    WHERE meeting_cadences.version = ${v.version} RETURNING town_code`);
  return r.rows.length > 0;
}

/** The trips shared at a meeting. */
export async function sharedAt(q: Q, meetingId: number) {
  return (
    await q.execute<{ id: number; destination: string; day: string }>(sql`SELECT id, destination, day::text AS day FROM study_trips
    WHERE shared_meeting_id = ${meetingId} ORDER BY day, id`)
  ).rows;
}
