// SQL of the 摸排 survey: needs (the list in keyset pages, one need, the map
// layer), the departments each is coordinated with and their answers, the
// history of moves, and the links to a plan or a problem. Every read takes
// the caller's region scope (or, on the department page, the caller's units).
import { sql, type SQL } from 'drizzle-orm';
import type { Q, Tx } from '../../db/pool.ts';
import { inRegion, inRegions, type RegionScope } from '../../db/scope.ts';

const cols = { town: sql`n.town_code`, region: sql`n.region_code` };

export interface ListFilter {
  regionCode?: string;
  state?: string;
  kindId?: number;
  unitId?: number;
  q?: string;
}

export function filterSql(f: ListFilter, scope: RegionScope): SQL {
  const conds: SQL[] = [inRegions(scope, cols)];
  if (f.regionCode) conds.push(inRegion(f.regionCode, cols));
  if (f.state) conds.push(sql`n.state = ${f.state}`);
  if (f.kindId) conds.push(sql`n.kind_id = ${f.kindId}`);
  if (f.unitId) conds.push(sql`EXISTS (SELECT 1 FROM survey_need_units x WHERE x.need_id = n.id AND x.unit_id = ${f.unitId})`);
  if (f.q) conds.push(sql`(n.description || ' ' || coalesce(n.address, '')) LIKE ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return sql.join(conds, sql` AND `);
}

const ITEM_COLS = sql`n.id, n.town_code AS "townCode", n.region_code AS "regionCode", rg.name AS "communityName",
  pl.id AS "placeId", pl.name AS "placeName", k.id AS "kindId", k.code AS "kindCode", k.name AS "kindName",
  n.description, n.address, n.lat, n.lng, n.quantity, n.size, n.found_by AS "foundBy", n.found_on::text AS "foundOn", n.state, n.defer_reason AS "deferReason",
  n.plan_id AS "planId", n.problem_id AS "problemId", pr.code AS "problemCode",
  coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name, 'answer', x.answer, 'answeredAt', x.answered_at, 'answeredByName', pe.name) ORDER BY u.name)
    FROM survey_need_units x JOIN units u ON u.id = x.unit_id LEFT JOIN people pe ON pe.id = x.answered_by WHERE x.need_id = n.id), '[]') AS units,
  (SELECT count(*)::int FROM file_links fl WHERE fl.owner_kind = 'survey_need' AND fl.owner_id = n.id AND fl.file_kind = 'photo') AS "photoCount"`;
const ITEM_FROM = sql`survey_needs n JOIN survey_need_kinds k ON k.id = n.kind_id LEFT JOIN regions rg ON rg.code = substr(n.region_code, 1, 12)
  LEFT JOIN places pl ON pl.id = n.place_id LEFT JOIN problems pr ON pr.id = n.problem_id`;

export interface ItemRow {
  id: number;
  townCode: string;
  regionCode: string;
  communityName: string | null;
  placeId: number | null;
  placeName: string | null;
  kindId: number;
  kindCode: string;
  kindName: string;
  description: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  quantity: number;
  size: string | null;
  foundBy: string;
  foundOn: string;
  state: string;
  deferReason: string | null;
  planId: number | null;
  problemId: number | null;
  problemCode: string | null;
  units: { id: number; name: string; answer: string | null; answeredAt: string | null; answeredByName: string | null }[];
  photoCount: number;
}
const row = (r: any): ItemRow => ({
  ...r,
  id: Number(r.id),
  planId: r.planId == null ? null : Number(r.planId),
  problemId: r.problemId == null ? null : Number(r.problemId),
});

/** One page, newest first (keyset on id). */
export async function listPage(q: Q, f: ListFilter, scope: RegionScope, after: number | null, limit: number): Promise<ItemRow[]> {
  return (
    await q.execute<any>(sql`SELECT ${ITEM_COLS} FROM ${ITEM_FROM} WHERE ${filterSql(f, scope)} ${after ? sql`AND n.id < ${after}` : sql``}
      ORDER BY n.id DESC LIMIT ${limit}`)
  ).rows.map(row);
}

export async function getNeed(q: Q, id: number, scope: RegionScope) {
  const r = (
    await q.execute<any>(sql`SELECT ${ITEM_COLS}, n.version, n.created_at AS "createdAt" FROM ${ITEM_FROM} WHERE n.id = ${id} AND ${inRegions(scope, cols)}`)
  ).rows[0];
  return r ? (row(r) as ItemRow & { version: number; createdAt: Date }) : null;
}

/** The needs listing one of `unitIds` (a department's page), newest first. */
export async function needsOfUnits(q: Q, unitIds: number[], limit: number): Promise<(ItemRow & { myAnswer: string | null })[]> {
  if (!unitIds.length) return [];
  return (
    await q.execute<any>(sql`SELECT ${ITEM_COLS}, (SELECT x.answer FROM survey_need_units x WHERE x.need_id = n.id AND x.unit_id = ANY(${sql.param(unitIds)}::int[])
      ORDER BY x.answered_at DESC NULLS LAST LIMIT 1) AS "myAnswer"
    FROM ${ITEM_FROM} WHERE EXISTS (SELECT 1 FROM survey_need_units x WHERE x.need_id = n.id AND x.unit_id = ANY(${sql.param(unitIds)}::int[]))
    ORDER BY (n.state IN ('done', 'deferred')), n.id DESC LIMIT ${limit}`)
  ).rows.map((r: any) => ({ ...row(r), myAnswer: r.myAnswer }));
}

export async function unitsOfNeed(q: Q, id: number): Promise<number[]> {
  return (await q.execute<{ unit_id: number }>(sql`SELECT unit_id FROM survey_need_units WHERE need_id = ${id}`)).rows.map((r) => Number(r.unit_id));
}

export async function eventsOf(q: Q, id: number) {
  return (
    await q.execute<any>(sql`SELECT from_state AS "fromState", to_state AS "toState", note, actor_name AS "actorName", at FROM survey_need_events
      WHERE need_id = ${id} ORDER BY id`)
  ).rows as { fromState: string | null; toState: string | null; note: string | null; actorName: string | null; at: Date }[];
}

/** Points of the needs in scope with a location (their own, else their place's), at most `limit`. */
export async function mapPoints(q: Q, f: ListFilter, scope: RegionScope, limit: number) {
  return (
    await q.execute<any>(sql`SELECT n.id, coalesce(n.lat, pl.lat) AS lat, coalesce(n.lng, pl.lng) AS lng, n.state, k.name AS "kindName", n.description
    FROM survey_needs n JOIN survey_need_kinds k ON k.id = n.kind_id LEFT JOIN places pl ON pl.id = n.place_id
    WHERE ${filterSql(f, scope)} AND coalesce(n.lat, pl.lat) IS NOT NULL AND coalesce(n.lng, pl.lng) IS NOT NULL ORDER BY n.id DESC LIMIT ${limit}`)
  ).rows.map((r: any) => ({ ...r, id: Number(r.id) })) as { id: number; lat: number; lng: number; state: string; kindName: string; description: string }[];
}

// ---- reference data ----

export async function communitiesOf(q: Q, town: string): Promise<{ code: string; name: string }[]> {
  return (await q.execute<any>(sql`SELECT code, name FROM regions WHERE parent_code = ${town} AND level = 'community' ORDER BY code`)).rows;
}
export async function regionLevel(q: Q, code: string): Promise<string | null> {
  return (await q.execute<any>(sql`SELECT level FROM regions WHERE code = ${code}`)).rows[0]?.level ?? null;
}
export async function placesOf(q: Q, town: string) {
  return (
    await q.execute<any>(
      sql`SELECT id, name, region_code AS "regionCode", lat, lng FROM places WHERE region_code LIKE ${town + '%'} ORDER BY region_code, name LIMIT 5000`,
    )
  ).rows as { id: number; name: string; regionCode: string; lat: number | null; lng: number | null }[];
}
export async function placeBrief(q: Q, id: number) {
  return ((await q.execute<any>(sql`SELECT id, name, region_code AS "regionCode" FROM places WHERE id = ${id}`)).rows[0] ?? null) as {
    id: number;
    name: string;
    regionCode: string;
  } | null;
}
/** The problem (and its plan) a need may be linked to, inside the town. */
export async function problemInTown(q: Q, id: number, town: string): Promise<{ id: number; planId: number | null } | null> {
  const r = (
    await q.execute<any>(sql`SELECT p.id, rp.id AS plan_id FROM problems p LEFT JOIN rectification_plans rp ON rp.problem_id = p.id
    WHERE p.id = ${id} AND p.town_code = ${town}`)
  ).rows[0];
  return r ? { id: Number(r.id), planId: r.plan_id == null ? null : Number(r.plan_id) } : null;
}
export async function planInTown(q: Q, id: number, town: string): Promise<{ id: number; problemId: number } | null> {
  const r = (
    await q.execute<any>(
      sql`SELECT rp.id, rp.problem_id FROM rectification_plans rp JOIN problems p ON p.id = rp.problem_id WHERE rp.id = ${id} AND p.town_code = ${town}`,
    )
  ).rows[0];
  return r ? { id: Number(r.id), problemId: Number(r.problem_id) } : null;
}

// ---- writes (the service writes the audit row in the same transaction) ----

export interface NeedFields {
  townCode: string;
  regionCode: string;
  placeId: number | null;
  kindId: number;
  description: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  quantity: number;
  size: string | null;
  foundBy: string;
  foundOn: string;
}

export async function insertNeed(tx: Tx, f: NeedFields, by: number, state = 'pending', deferReason: string | null = null): Promise<number> {
  const r = await tx.execute<{
    id: number;
  }>(sql`INSERT INTO survey_needs (town_code, region_code, place_id, kind_id, description, address, lat, lng, quantity, size,
      found_by, found_on, state, defer_reason, created_by)
    VALUES (${f.townCode}, ${f.regionCode}, ${f.placeId}, ${f.kindId}, ${f.description}, ${f.address}, ${f.lat}, ${f.lng}, ${f.quantity}, ${f.size},
      ${f.foundBy}, ${f.foundOn}::date, ${state}, ${deferReason}, ${by}) RETURNING id`);
  return Number(r.rows[0].id);
}

export async function updateNeed(tx: Tx, id: number, version: number, f: NeedFields): Promise<boolean> {
  const r =
    await tx.execute(sql`UPDATE survey_needs SET region_code = ${f.regionCode}, place_id = ${f.placeId}, kind_id = ${f.kindId}, description = ${f.description},
    address = ${f.address}, lat = ${f.lat}, lng = ${f.lng}, quantity = ${f.quantity}, size = ${f.size}, found_by = ${f.foundBy}, found_on = ${f.foundOn}::date,
    version = version + 1, updated_at = now() WHERE id = ${id} AND version = ${version} AND state <> 'done' RETURNING id`);
  return r.rows.length > 0;
}

/** Keep exactly these departments (answers of those kept stay). */
export async function setUnits(tx: Tx, id: number, unitIds: number[]) {
  await tx.execute(sql`DELETE FROM survey_need_units WHERE need_id = ${id} AND NOT (unit_id = ANY(${sql.param(unitIds)}::int[]))`);
  if (unitIds.length)
    await tx.execute(sql`INSERT INTO survey_need_units (need_id, unit_id) SELECT ${id}, unnest(${sql.param(unitIds)}::int[]) ON CONFLICT DO NOTHING`);
}

/** Compare-and-set a move; false when the version or the state moved on. */
export async function moveNeed(tx: Tx, id: number, version: number, from: string, to: string, deferReason: string | null): Promise<boolean> {
  const r = await tx.execute(sql`UPDATE survey_needs SET state = ${to}, defer_reason = ${deferReason}, version = version + 1, updated_at = now()
    WHERE id = ${id} AND version = ${version} AND state = ${from} RETURNING id`);
  return r.rows.length > 0;
}

export async function linkNeed(tx: Tx, id: number, version: number, planId: number | null, problemId: number | null): Promise<boolean> {
  const r = await tx.execute(sql`UPDATE survey_needs SET plan_id = ${planId}, problem_id = ${problemId}, version = version + 1, updated_at = now()
    WHERE id = ${id} AND version = ${version} RETURNING id`);
  return r.rows.length > 0;
}

export async function answer(tx: Tx, id: number, unitId: number, text: string, by: number): Promise<boolean> {
  const r = await tx.execute(sql`UPDATE survey_need_units SET answer = ${text}, answered_by = ${by}, answered_at = now()
    WHERE need_id = ${id} AND unit_id = ${unitId} RETURNING need_id`);
  return r.rows.length > 0;
}

/** A pending need some department answered becomes 已对接 (no version check: the answer is its own record). */
export async function markContacted(tx: Tx, id: number): Promise<boolean> {
  const r = await tx.execute(
    sql`UPDATE survey_needs SET state = 'contacted', version = version + 1, updated_at = now() WHERE id = ${id} AND state = 'pending' RETURNING id`,
  );
  return r.rows.length > 0;
}

export async function addEvent(tx: Tx, id: number, e: { from: string | null; to: string | null; note: string | null; actorId: number; actorName: string }) {
  await tx.execute(sql`INSERT INTO survey_need_events (need_id, from_state, to_state, note, actor_id, actor_name)
    VALUES (${id}, ${e.from}, ${e.to}, ${e.note}, ${e.actorId}, ${e.actorName})`);
}

/** Needs (with their state and community) by ids, in scope: a fund project's answered needs. */
export async function needsByIds(q: Q, ids: number[], scope: RegionScope) {
  if (!ids.length) return [];
  return (
    await q.execute<any>(sql`SELECT n.id, n.town_code AS "townCode", n.description, n.state, k.name AS "kindName" FROM survey_needs n JOIN survey_need_kinds k ON k.id = n.kind_id
      WHERE n.id = ANY(${sql.param(ids)}::bigint[]) AND ${inRegions(scope, cols)}`)
  ).rows.map((r: any) => ({ ...r, id: Number(r.id) })) as { id: number; townCode: string; description: string; state: string; kindName: string }[];
}

export async function unitNames(q: Q, ids: number[]): Promise<{ id: number; name: string }[]> {
  if (!ids.length) return [];
  return (await q.execute<any>(sql`SELECT id, name FROM units WHERE id = ANY(${sql.param(ids)}::int[]) ORDER BY name`)).rows;
}
