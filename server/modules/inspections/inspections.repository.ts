// SQL for inspections as the phone and the desk read them (the phone's places
// and today, the history, one inspection). Reads take a region scope and
// filter inside the query; nothing here knows roles, kinds or scoring. What
// the phone's sync writes: inspections.sync.repository.ts; who patrols,
// supervises and keeps what: responsibility.repository.ts.
import { sql, type SQL } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { RULES, type Actor } from '../../../domain/permissions.ts';
import { inRegion, inScope, type RegionScope } from '../../db/scope.ts';
import type { Grade, InspectionKind } from '../../../domain/inspections/vocab.ts';
import { STAMP_FORMAT } from '../../platform/cursor.ts';

/** An inspection's region columns, for server/db/scope.ts inRegion(s). */
export const INSPECTION_REGION = { town: sql`i.town_code`, region: sql`i.region_code` };

export type PlaceRow = {
  id: number;
  kind: string;
  name: string;
  address: string | null;
  regionCode: string;
  communityCode: string;
  communityName: string | null;
  pointType: string | null;
  isDemoPoint: boolean;
  lat: number | null;
  lng: number | null;
  assigned: boolean;
};
const PLACE_COLUMNS = sql`pl.id, pl.kind, pl.name, pl.address, pl.region_code AS "regionCode", left(pl.region_code, 12) AS "communityCode",
  rc.name AS "communityName", pl.point_type AS "pointType", pl.is_demo_point AS "isDemoPoint", pl.lat, pl.lng`;

/** The places of a scope plus those assigned to the person (assigned first). */
export async function placesFor(q: Q, personId: number, scope: RegionScope): Promise<PlaceRow[]> {
  const r = await q.execute<PlaceRow>(sql`
    SELECT ${PLACE_COLUMNS}, (pa.person_id IS NOT NULL) AS assigned
    FROM places pl
    LEFT JOIN place_assignments pa ON pa.place_id = pl.id AND pa.person_id = ${personId} AND pa.valid_to IS NULL
    LEFT JOIN regions rc ON rc.code = left(pl.region_code, 12)
    WHERE ${inScope(sql`pl.region_code`, scope)} OR pa.person_id IS NOT NULL
    ORDER BY (pa.person_id IS NOT NULL) DESC, pl.region_code, CASE pl.kind WHEN 'street' THEN 0 WHEN 'compound' THEN 1 ELSE 2 END, pl.name, pl.id`);
  return r.rows;
}

export async function placesByIds(q: Q, ids: number[]): Promise<PlaceRow[]> {
  if (!ids.length) return [];
  const r = await q.execute<PlaceRow>(sql`
    SELECT ${PLACE_COLUMNS}, false AS assigned FROM places pl LEFT JOIN regions rc ON rc.code = left(pl.region_code, 12)
    WHERE pl.id = ANY(${sql.param(ids)}::int[])`);
  return r.rows;
}

export async function regionsByCodes(q: Q, codes: string[]): Promise<Map<string, { code: string; name: string; level: string }>> {
  if (!codes.length) return new Map();
  const r = await q.execute<{ code: string; name: string; level: string }>(
    sql`SELECT code, name, level FROM regions WHERE code = ANY(${sql.param(codes)}::text[])`,
  );
  return new Map(r.rows.map((x) => [x.code, x]));
}

export async function personCard(q: Q, id: number) {
  const r = await q.execute<{ id: number; name: string; title: string | null }>(sql`SELECT id, name, title FROM people WHERE id = ${id}`);
  return r.rows[0] ?? null;
}

/** Level-2 active categories with their group, as the phone's problem form lists them. */
export async function phoneCategories(q: Q) {
  const r = await q.execute<{ id: number; name: string; plainName: string | null; group: string | null; defaultTier: string }>(sql`
    SELECT c.id, c.name, c.plain_name AS "plainName", pc.name AS "group", c.default_tier AS "defaultTier"
    FROM categories c LEFT JOIN categories pc ON pc.id = c.parent_id
    WHERE c.level = 2 AND c.active ORDER BY c.kind DESC, pc.sort, c.sort, c.id`);
  return r.rows;
}

// ---- the phone's "today" ----

/** The person's assigned places with whether they patrolled each today and when last. */
export async function assignedPlacesOn(q: Q, personId: number, day: string) {
  const r = await q.execute<PlaceRow & { doneToday: boolean; lastInspectedOn: string | null }>(sql`
    SELECT ${PLACE_COLUMNS}, true AS assigned,
      EXISTS (SELECT 1 FROM inspections i WHERE i.inspector_id = ${personId} AND i.on_date = ${day} AND i.place_id = pl.id
        AND i.kind = 'patrol' AND i.state = 'finished') AS "doneToday",
      (SELECT max(i.on_date)::text FROM inspections i WHERE i.inspector_id = ${personId} AND i.place_id = pl.id AND i.state = 'finished') AS "lastInspectedOn"
    FROM place_assignments pa JOIN places pl ON pl.id = pa.place_id
    LEFT JOIN regions rc ON rc.code = left(pl.region_code, 12)
    WHERE pa.person_id = ${personId} AND pa.valid_from <= ${day}::date AND (pa.valid_to IS NULL OR pa.valid_to > ${day}::date)
    ORDER BY pl.region_code, CASE pl.kind WHEN 'street' THEN 0 WHEN 'compound' THEN 1 ELSE 2 END, pl.name, pl.id`);
  return r.rows;
}

export async function inspectionsOfPersonOn(q: Q, personId: number, day: string) {
  const r = await q.execute<{
    id: number;
    kind: InspectionKind;
    state: string;
    placeId: number | null;
    placeName: string | null;
    regionName: string | null;
    startedAt: string;
    finishedAt: string | null;
    problemsFound: number;
    score: number | null;
    maxScore: number | null;
  }>(sql`
    SELECT i.id, i.kind, i.state, i.place_id AS "placeId", pl.name AS "placeName", rg.name AS "regionName", i.started_at AS "startedAt",
      i.finished_at AS "finishedAt", i.problems_found AS "problemsFound", i.score, i.max_score AS "maxScore"
    FROM inspections i LEFT JOIN places pl ON pl.id = i.place_id LEFT JOIN regions rg ON rg.code = i.region_code
    WHERE i.inspector_id = ${personId} AND i.on_date = ${day}
    ORDER BY i.started_at DESC, i.id DESC`);
  return r.rows;
}

/** Open problems at these places, or reported by this person from an inspection, visible to the caller. */
export async function openProblemsFor(q: Q, placeIds: number[], communities: string[], personId: number, visible: SQL) {
  const r = await q.execute<{ id: number; code: string; state: string; categoryName: string; placeName: string | null; dueDate: string | null }>(sql`
    SELECT p.id, p.code, p.state, c.name AS "categoryName", pl.name AS "placeName", p.due_date::text AS "dueDate"
    FROM problems p JOIN categories c ON c.id = p.category_id LEFT JOIN places pl ON pl.id = p.place_id
    WHERE ((${inScope(sql`p.region_code`, communities)} AND p.place_id = ANY(${sql.param(placeIds)}::int[]))
           OR (p.reporter_id = ${personId} AND p.source IN ('patrol', 'supervision', 'unannounced_visit', 'demo_visit', 'mock_evaluation')))
      AND p.state NOT IN ('rejected', 'merged', 'closed') AND ${visible}
    ORDER BY p.due_date NULLS LAST, p.id DESC LIMIT 200`);
  return r.rows;
}

// ---- history and detail ----

export interface ListFilters {
  kind?: string;
  regionCode?: string;
  placeId?: number;
  inspectorId?: number;
  from?: string;
  to?: string;
  state?: string;
  batch?: string;
}
const LIST_COLUMNS = sql`i.id, i.kind, i.state, i.on_date::text AS "onDate", i.started_at AS "startedAt", i.finished_at AS "finishedAt",
  i.region_code AS "regionCode", rg.name AS "regionName", left(i.region_code, 12) AS "communityCode", rc.name AS "communityName",
  i.place_id AS "placeId", pl.name AS "placeName", pl.kind AS "placeKind", pl.point_type AS "pointType",
  i.inspector_id AS "inspectorId", i.inspector_name AS "inspectorName", i.batch, i.score, i.max_score AS "maxScore",
  i.problems_found AS "problemsFound", i.checklist_id AS "checklistId",
  (SELECT count(*) FROM inspection_grades g WHERE g.inspection_id = i.id AND g.grade IS NOT NULL)::int AS "gradedItems"`;
const LIST_FROM = sql`FROM inspections i LEFT JOIN places pl ON pl.id = i.place_id
  LEFT JOIN regions rg ON rg.code = i.region_code LEFT JOIN regions rc ON rc.code = left(i.region_code, 12)`;
export type ListRow = {
  id: number;
  kind: string;
  state: string;
  onDate: string;
  startedAt: string;
  finishedAt: string | null;
  regionCode: string;
  regionName: string | null;
  communityCode: string;
  communityName: string | null;
  placeId: number | null;
  placeName: string | null;
  placeKind: string | null;
  pointType: string | null;
  inspectorId: number;
  inspectorName: string;
  batch: string | null;
  score: number | null;
  maxScore: number | null;
  problemsFound: number;
  checklistId: number | null;
  gradedItems: number;
};

/** The list's sort key: day, start (to the microsecond, as stored), id; newest first. */
export type InspectionKey = [onDate: string, startedAt: string, id: number];

/** `visible`: SQL over alias i (the caller's scope). Newest first, `limit + 1` rows after `after`, each with its sort key. */
export async function listInspections(q: Q, f: ListFilters, visible: SQL, after: InspectionKey | null, limit: number) {
  const w: SQL[] = [visible];
  if (f.kind) w.push(sql`i.kind = ${f.kind}`);
  if (f.regionCode) w.push(inRegion(f.regionCode, INSPECTION_REGION));
  if (f.placeId) w.push(sql`i.place_id = ${f.placeId}`);
  if (f.inspectorId) w.push(sql`i.inspector_id = ${f.inspectorId}`);
  if (f.from) w.push(sql`i.on_date >= ${f.from}`);
  if (f.to) w.push(sql`i.on_date <= ${f.to}`);
  if (f.state) w.push(sql`i.state = ${f.state}`);
  if (f.batch) w.push(sql`i.batch = ${f.batch}`);
  if (after) w.push(sql`(i.on_date, i.started_at, i.id) < (${after[0]}::date, ${after[1]}::timestamptz, ${after[2]})`);
  const r = await q.execute<ListRow & { sortAt: string }>(sql`SELECT ${LIST_COLUMNS},
      to_char(i.started_at AT TIME ZONE 'UTC', ${STAMP_FORMAT}) AS "sortAt" ${LIST_FROM}
    WHERE ${sql.join(w, sql` AND `)} ORDER BY i.on_date DESC, i.started_at DESC, i.id DESC LIMIT ${limit + 1}`);
  return r.rows;
}

export async function getInspection(q: Q, id: number, visible: SQL) {
  const r = await q.execute<
    ListRow & { note: string | null; lat: number | null; lng: number | null; track: [number, number, number][] | null; townCode: string }
  >(sql`
    SELECT ${LIST_COLUMNS}, i.note, i.lat, i.lng, i.track, i.town_code AS "townCode" ${LIST_FROM} WHERE i.id = ${id} AND ${visible}`);
  return r.rows[0] ?? null;
}

export async function gradesOf(q: Q, id: number) {
  const r = await q.execute<{ itemId: number; grade: Grade | null; points: number; score: number | null; note: string | null; photoIds: number[] | null }>(sql`
    SELECT item_id AS "itemId", grade, points, score, note, photo_ids AS "photoIds" FROM inspection_grades WHERE inspection_id = ${id}`);
  return r.rows;
}

/** Problems filed from an inspection (by its inspector: the reporter index finds them). */
export async function problemsOf(q: Q, id: number, inspectorId: number) {
  const r = await q.execute<{
    id: number;
    code: string;
    state: string;
    tier: string;
    categoryName: string;
    description: string;
    dueDate: string | null;
    closedAt: string | null;
    itemId: number | null;
    itemCode: string | null;
    itemTitle: string | null;
  }>(sql`
    SELECT p.id, p.code, p.state, p.tier, c.name AS "categoryName", p.description, p.due_date::text AS "dueDate", p.closed_at AS "closedAt",
      f.item_id AS "itemId", ci.code AS "itemCode", ci.title AS "itemTitle"
    FROM problems p JOIN categories c ON c.id = p.category_id
    LEFT JOIN inspection_findings f ON f.problem_id = p.id LEFT JOIN checklist_items ci ON ci.id = f.item_id
    WHERE p.reporter_id = ${inspectorId} AND p.source_id = ${id}
      AND p.source IN ('patrol', 'supervision', 'unannounced_visit', 'demo_visit', 'mock_evaluation') ORDER BY p.id`);
  return r.rows;
}

export async function photoInspection(q: Q, photoId: number): Promise<number | null> {
  const r = await q.execute<{ inspection_id: number | null }>(sql`SELECT inspection_id FROM problem_photos WHERE id = ${photoId}`);
  return r.rows[0]?.inspection_id == null ? null : Number(r.rows[0].inspection_id);
}

/**
 * Which inspections the caller may read (SQL over alias i): the regions of
 * their inspection.read grants, except that a street chief reads only their
 * own; everyone reads their own.
 */
export function visibleSql(actor: Actor): SQL {
  const parts: SQL[] = [sql`i.inspector_id = ${actor.personId}`];
  for (const g of actor.grants) {
    if (!RULES['inspection.read'].includes(g.role) || g.role === 'street_chief') continue;
    if (g.regionCode === null) return sql`true`;
    parts.push(inRegion(g.regionCode, INSPECTION_REGION));
  }
  return sql`(${sql.join(parts, sql` OR `)})`;
}
