// SQL of residents' service orders (点单): insert, by tracking code, by id in
// the caller's scope, the list (keyset on id, newest first), the moves with
// optimistic concurrency, the public list of stations, the figures' counts.
import { sql, type SQL } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { inRegion, inRegions } from '../../db/scope.ts';
import { ledTeamSql, volScope, type AnyScope } from './members.repository.ts';

export interface OrderRow {
  id: number;
  code: string;
  stationId: number;
  stationName: string;
  townCode: string;
  regionCode: string;
  kind: string;
  wishedOn: string;
  wishedTime: string | null;
  place: string;
  contactName: string;
  contactPhone: string;
  details: string | null;
  state: string;
  teamId: number | null;
  teamName: string | null;
  activityId: number | null;
  returnReason: string | null;
  rating: number | null;
  ratingComment: string | null;
  createdAt: Date;
  createdDay: string;
  version: number;
}

const COLS = sql`o.id, o.code, o.station_id AS "stationId", st.name AS "stationName", o.town_code AS "townCode", o.region_code AS "regionCode",
  o.kind, o.wished_on::text AS "wishedOn", o.wished_time AS "wishedTime", o.place, o.contact_name AS "contactName", o.contact_phone AS "contactPhone",
  o.details, o.state, o.team_id AS "teamId", t.name AS "teamName", o.activity_id AS "activityId", o.return_reason AS "returnReason", o.rating,
  o.rating_comment AS "ratingComment", o.created_at AS "createdAt", (o.created_at AT TIME ZONE 'Asia/Shanghai')::date::text AS "createdDay", o.version`;
const FROM = sql`service_orders o JOIN units st ON st.id = o.station_id LEFT JOIN units t ON t.id = o.team_id`;
const num = (r: any): OrderRow => ({ ...r, activityId: r.activityId == null ? null : Number(r.activityId) });
/** An order in the caller's regions, or dispatched to a team they lead. */
const scopeSql = (scope: AnyScope) => {
  const { regions, teams } = volScope(scope);
  return teams.length
    ? sql`(${inRegions(regions, { town: sql`o.town_code`, region: sql`o.region_code` })} OR ${ledTeamSql(sql`o.team_id`, teams)})`
    : inRegions(regions, { town: sql`o.town_code`, region: sql`o.region_code` });
};

export interface NewOrder {
  code: string;
  stationId: number;
  townCode: string;
  regionCode: string;
  kind: string;
  wishedOn: string;
  wishedTime: string | null;
  place: string;
  contactName: string;
  contactPhone: string;
  details: string | null;
  /** The service's clock (injected in tests and the demo), so an order's age reads from the day it was made. */
  createdAt: Date;
}

export async function insertOrder(q: Q, o: NewOrder): Promise<number> {
  const r = await q.execute<{ id: number }>(sql`INSERT INTO service_orders (code, station_id, town_code, region_code, kind, wished_on, wished_time, place,
      contact_name, contact_phone, details, created_at, updated_at)
    VALUES (${o.code}, ${o.stationId}, ${o.townCode}, ${o.regionCode}, ${o.kind}, ${o.wishedOn}::date, ${o.wishedTime}, ${o.place}, ${o.contactName},
      ${o.contactPhone}, ${o.details}, ${o.createdAt}, ${o.createdAt}) RETURNING id`);
  return Number(r.rows[0].id);
}

export async function byCode(q: Q, code: string): Promise<OrderRow | null> {
  const r = (await q.execute<any>(sql`SELECT ${COLS} FROM ${FROM} WHERE o.code = ${code}`)).rows[0];
  return r ? num(r) : null;
}

export async function byId(q: Q, id: number, scope: AnyScope): Promise<OrderRow | null> {
  const r = (await q.execute<any>(sql`SELECT ${COLS} FROM ${FROM} WHERE o.id = ${id} AND ${scopeSql(scope)}`)).rows[0];
  return r ? num(r) : null;
}

export interface OrderFilter {
  stationId?: number;
  teamId?: number;
  regionCode?: string;
  state?: string;
  /** true: received or dispatched (nobody has taken it); false: taken. */
  unanswered?: boolean;
  /** Accepted or rated (the figure 'answered'). */
  answered?: boolean;
  from?: string;
  to?: string;
}

const dayOf = sql`(o.created_at AT TIME ZONE 'Asia/Shanghai')::date`;

export async function listPage(q: Q, f: OrderFilter, scope: AnyScope, afterId: number | null, limit: number): Promise<OrderRow[]> {
  const c: SQL[] = [scopeSql(scope)];
  if (f.stationId) c.push(sql`o.station_id = ${f.stationId}`);
  if (f.teamId) c.push(sql`o.team_id = ${f.teamId}`);
  if (f.regionCode) c.push(inRegion(f.regionCode, { town: sql`o.town_code`, region: sql`o.region_code` }));
  if (f.state) c.push(sql`o.state = ${f.state}`);
  if (f.unanswered === true) c.push(sql`o.state IN ('received', 'dispatched')`);
  if (f.unanswered === false || f.answered) c.push(sql`o.state IN ('accepted', 'rated')`);
  if (f.from) c.push(sql`${dayOf} >= ${f.from}::date`);
  if (f.to) c.push(sql`${dayOf} <= ${f.to}::date`);
  if (afterId) c.push(sql`o.id < ${afterId}`);
  const r = await q.execute<any>(sql`SELECT ${COLS} FROM ${FROM} WHERE ${sql.join(c, sql` AND `)} ORDER BY o.id DESC LIMIT ${limit}`);
  return r.rows.map(num);
}

export interface Move {
  state: string;
  teamId?: number | null;
  activityId?: number | null;
  returnReason?: string | null;
  rating?: number;
  ratingComment?: string | null;
  stamp?: 'dispatched_at' | 'accepted_at' | 'rated_at';
}

/** Move an order from `from` at `version`; false when it changed meanwhile (stale version or state). */
export async function move(q: Q, id: number, from: string, version: number | null, m: Move): Promise<boolean> {
  const sets: SQL[] = [sql`state = ${m.state}`, sql`version = version + 1`, sql`updated_at = now()`];
  if (m.teamId !== undefined) sets.push(sql`team_id = ${m.teamId}`);
  if (m.activityId !== undefined) sets.push(sql`activity_id = ${m.activityId}`);
  if (m.returnReason !== undefined) sets.push(sql`return_reason = ${m.returnReason}`);
  if (m.rating !== undefined) sets.push(sql`rating = ${m.rating}`, sql`rating_comment = ${m.ratingComment ?? null}`);
  if (m.stamp) sets.push(sql`${sql.identifier(m.stamp)} = now()`);
  const r = await q.execute(sql`UPDATE service_orders SET ${sql.join(sets, sql`, `)}
    WHERE id = ${id} AND state = ${from} ${version === null ? sql`` : sql`AND version = ${version}`}`);
  return (r.rowCount ?? 0) > 0;
}

/** Practice institutes and stations of the towns this installation serves (the resident's choice). */
export async function publicStations(q: Q) {
  return (
    await q.execute<any>(sql`SELECT u.id, u.name, u.region_code AS "regionCode", r.name AS "regionName" FROM units u
    LEFT JOIN regions r ON r.code = u.region_code WHERE u.kind IN ('practice_institute', 'practice_station')
    ORDER BY u.region_code, u.kind DESC, u.name LIMIT 2000`)
  ).rows as { id: number; name: string; regionCode: string; regionName: string | null }[];
}

export async function station(q: Q, id: number): Promise<{ id: number; name: string; regionCode: string } | null> {
  return (
    (await q.execute<any>(sql`SELECT id, name, region_code AS "regionCode" FROM units WHERE id = ${id} AND kind IN ('practice_institute', 'practice_station')`))
      .rows[0] ?? null
  );
}

/** Figures: orders of a region created in the period, answered (taken) and rated among them. */
export async function figureCounts(q: Q, region: string, from: string, to: string) {
  const r = await q.execute<any>(sql`SELECT count(*)::int AS received, count(*) FILTER (WHERE o.state IN ('accepted', 'rated'))::int AS answered,
      count(*) FILTER (WHERE o.state = 'rated')::int AS rated
    FROM service_orders o WHERE ${inRegion(region, { town: sql`o.town_code`, region: sql`o.region_code` })}
      AND ${dayOf} BETWEEN ${from}::date AND ${to}::date`);
  return r.rows[0] as { received: number; answered: number; rated: number };
}
