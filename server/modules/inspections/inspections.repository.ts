// SQL for inspections: the rows the phone's sync writes, and what the phone
// and the desk read. Reads take a region scope and filter inside the query;
// nothing here knows roles, kinds or scoring.
import { sql, type SQL } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { RULES, type Actor } from '../../../domain/permissions.ts';
import { inRegion, inScope, type RegionScope } from '../../db/scope.ts';
import type { auditValues } from '../../platform/audit.ts';
import type { Grade, InspectionKind } from '../../../domain/inspections/vocab.ts';
import { STAMP_FORMAT } from '../../platform/cursor.ts';

/** An inspection's region columns, for server/db/scope.ts inRegion(s). */
export const INSPECTION_REGION = { town: sql`i.town_code`, region: sql`i.region_code` };

type AuditRow = ReturnType<typeof auditValues>;

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

// ---- writes (the sync) ----

export type ExistingInspection = {
  id: number;
  clientKey: string;
  state: string;
  kind: string;
  placeId: number | null;
  regionCode: string;
  townCode: string;
  checklistId: number | null;
  batch: string | null;
};

export async function inspectionsByKeys(q: Q, inspectorId: number, keys: string[]): Promise<Map<string, ExistingInspection>> {
  if (!keys.length) return new Map();
  const r = await q.execute<ExistingInspection>(sql`
    SELECT id, client_key AS "clientKey", state, kind, place_id AS "placeId", region_code AS "regionCode", town_code AS "townCode",
      checklist_id AS "checklistId", batch
    FROM inspections WHERE inspector_id = ${inspectorId} AND client_key = ANY(${sql.param(keys)}::text[])`);
  return new Map(r.rows.map((x) => [x.clientKey, x]));
}

/** Photos this person uploaded under these keys (a re-sent queue finds them). */
export async function photosByKeys(q: Q, personId: number, keys: string[]): Promise<Map<string, number>> {
  if (!keys.length) return new Map();
  const r = await q.execute<{ id: number; upload_key: string }>(sql`
    SELECT id, upload_key FROM problem_photos WHERE uploaded_by = ${personId} AND upload_key = ANY(${sql.param(keys)}::text[])`);
  return new Map(r.rows.map((x) => [x.upload_key, Number(x.id)]));
}

export async function problemsByIdempotencyKeys(q: Q, keys: string[]): Promise<Map<string, { id: number; code: string; reporterId: number | null }>> {
  if (!keys.length) return new Map();
  const r = await q.execute<{ id: number; code: string; reporter_id: number | null; idempotency_key: string }>(sql`
    SELECT id, code, reporter_id, idempotency_key FROM problems WHERE idempotency_key = ANY(${sql.param(keys)}::text[])`);
  return new Map(r.rows.map((x) => [x.idempotency_key, { id: Number(x.id), code: x.code, reporterId: x.reporter_id }]));
}

export async function problemCodes(q: Q, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const r = await q.execute<{ id: number; code: string }>(sql`SELECT id, code FROM problems WHERE id = ANY(${sql.param(ids)}::bigint[])`);
  return new Map(r.rows.map((x) => [Number(x.id), x.code]));
}

export interface GradeRow {
  itemId: number;
  grade: string | null;
  points: number;
  score: number | null;
  note: string | null;
  photoIds: number[];
}
export interface NewInspection {
  kind: string;
  state: 'in_progress' | 'finished';
  townCode: string;
  regionCode: string;
  placeId: number | null;
  checklistId: number | null;
  inspectorId: number;
  inspectorName: string;
  batch: string | null;
  onDate: string;
  startedAt: string;
  finishedAt: string | null;
  note: string | null;
  score: number | null;
  maxScore: number | null;
  lat: number | null;
  lng: number | null;
  track: unknown;
  clientKey: string;
}

const gradesJson = (grades: GradeRow[]) =>
  JSON.stringify(
    grades.map((g) => ({
      item_id: g.itemId,
      grade: g.grade,
      points: g.points,
      score: g.score,
      note: g.note,
      photo_ids: g.photoIds,
    })),
  );
const GRADE_SET = (json: string) =>
  sql`jsonb_to_recordset(${json}::jsonb) AS g(item_id int, grade text, points float8, score float8, note text, photo_ids jsonb)`;
const PHOTO_ARRAY = sql`CASE WHEN jsonb_array_length(g.photo_ids) = 0 THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(g.photo_ids)::bigint) END`;

/**
 * Insert an inspection, its grades, the link of its grade photos and its
 * audit row in one statement (atomic without a transaction, one round
 * trip). Returns null when the person already has an inspection with this key.
 */
export async function insertInspection(q: Q, i: NewInspection, grades: GradeRow[], au: AuditRow): Promise<number | null> {
  const photoIds = grades.flatMap((g) => g.photoIds);
  const r = await q.execute<{ id: number }>(sql`
    WITH i AS (
      INSERT INTO inspections (kind, state, town_code, region_code, place_id, checklist_id, inspector_id, inspector_name, batch, on_date,
        started_at, finished_at, note, score, max_score, lat, lng, track, client_key)
      VALUES (${i.kind}, ${i.state}, ${i.townCode}, ${i.regionCode}, ${i.placeId}, ${i.checklistId}, ${i.inspectorId}, ${i.inspectorName},
        ${i.batch}, ${i.onDate}, ${i.startedAt}, ${i.finishedAt}, ${i.note}, ${i.score}, ${i.maxScore}, ${i.lat}, ${i.lng},
        ${i.track == null ? null : JSON.stringify(i.track)}::jsonb, ${i.clientKey})
      ON CONFLICT (inspector_id, client_key) DO NOTHING
      RETURNING id),
    g AS (
      INSERT INTO inspection_grades (inspection_id, item_id, grade, points, score, note, photo_ids)
      SELECT i.id, g.item_id, g.grade, g.points, g.score, g.note, ${PHOTO_ARRAY} FROM i, ${GRADE_SET(gradesJson(grades))}),
    ph AS (
      UPDATE problem_photos SET inspection_id = i.id FROM i
      WHERE problem_photos.id = ANY(${sql.param(photoIds)}::bigint[]) AND problem_photos.uploaded_by = ${i.inspectorId}),
    a AS (
      INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, region_code, before, after)
      SELECT ${au.at}, ${au.actorId}, ${au.actorName}, ${au.action}, ${au.entity}, i.id::text, ${au.regionCode}, NULL,
        jsonb_set(${au.after}::jsonb, '{id}', to_jsonb(i.id)) FROM i)
    SELECT id FROM i`);
  return r.rows[0] ? Number(r.rows[0].id) : null;
}

/**
 * Finish an in-progress inspection in one statement: state, time, score,
 * grades (when given, they replace the set), grade photos, audit. Returns
 * false when it was not in progress any more (finished by an earlier send).
 */
export async function finishInspection(
  q: Q,
  id: number,
  f: {
    finishedAt: string;
    note: string | null;
    score: number | null;
    maxScore: number | null;
    lat: number | null;
    lng: number | null;
    track: unknown;
  },
  grades: GradeRow[] | null,
  inspectorId: number,
  au: AuditRow,
): Promise<boolean> {
  const photoIds = (grades ?? []).flatMap((g) => g.photoIds);
  const itemIds = (grades ?? []).map((g) => g.itemId);
  const gradeParts = grades
    ? sql`,
    d AS (DELETE FROM inspection_grades WHERE inspection_id IN (SELECT id FROM u) AND item_id <> ALL(${sql.param(itemIds)}::int[])),
    g AS (
      INSERT INTO inspection_grades (inspection_id, item_id, grade, points, score, note, photo_ids)
      SELECT u.id, g.item_id, g.grade, g.points, g.score, g.note, ${PHOTO_ARRAY} FROM u, ${GRADE_SET(gradesJson(grades))}
      ON CONFLICT (inspection_id, item_id) DO UPDATE SET grade = EXCLUDED.grade, points = EXCLUDED.points, score = EXCLUDED.score,
        note = EXCLUDED.note, photo_ids = EXCLUDED.photo_ids),
    ph AS (
      UPDATE problem_photos SET inspection_id = u.id FROM u
      WHERE problem_photos.id = ANY(${sql.param(photoIds)}::bigint[]) AND problem_photos.uploaded_by = ${inspectorId})`
    : sql``;
  const r = await q.execute<{ id: number }>(sql`
    WITH u AS (
      UPDATE inspections SET state = 'finished', finished_at = ${f.finishedAt}, note = coalesce(${f.note}, note),
        score = ${f.score}, max_score = ${f.maxScore}, lat = coalesce(${f.lat}, lat), lng = coalesce(${f.lng}, lng),
        track = coalesce(${f.track == null ? null : JSON.stringify(f.track)}::jsonb, track), version = version + 1, updated_at = now()
      WHERE id = ${id} AND state = 'in_progress'
      RETURNING id)${gradeParts},
    a AS (
      INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, region_code, before, after)
      SELECT ${au.at}, ${au.actorId}, ${au.actorName}, ${au.action}, ${au.entity}, u.id::text, ${au.regionCode}, ${au.before}::jsonb, ${au.after}::jsonb FROM u)
    SELECT id FROM u`);
  return r.rows.length === 1;
}

export async function storedGrades(q: Q, inspectionId: number): Promise<{ itemId: number; grade: string | null; points: number }[]> {
  const r = await q.execute<{ itemId: number; grade: string | null; points: number }>(sql`
    SELECT item_id AS "itemId", grade, points FROM inspection_grades WHERE inspection_id = ${inspectionId}`);
  return r.rows;
}

/** problems_found = the problems filed from each inspection (by its inspector: the reporter index finds them). */
export async function recountProblemsFound(q: Q, ids: number[]) {
  if (!ids.length) return;
  await q.execute(sql`
    UPDATE inspections i SET problems_found = c.n, updated_at = now()
    FROM (SELECT i2.id, (SELECT count(*) FROM problems p WHERE p.reporter_id = i2.inspector_id AND p.source_id = i2.id
            AND p.source IN ('patrol', 'supervision', 'unannounced_visit', 'demo_visit', 'mock_evaluation'))::int AS n
          FROM inspections i2 WHERE i2.id = ANY(${sql.param(ids)}::bigint[])) c
    WHERE i.id = c.id AND i.problems_found IS DISTINCT FROM c.n`);
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

// ---- responsibility: who patrols, supervises and keeps what ----

/** The town's communities with the people supervising each. */
export async function supervisionOf(q: Q, townCode: string) {
  const r = await q.execute<{ code: string; name: string; supervisors: { id: number; name: string }[] }>(sql`
    SELECT rg.code, rg.name, COALESCE((SELECT json_agg(json_build_object('id', pe.id, 'name', pe.name) ORDER BY pe.name)
      FROM supervision_assignments sa JOIN people pe ON pe.id = sa.person_id AND pe.active WHERE sa.community_code = rg.code), '[]') AS supervisors
    FROM regions rg WHERE rg.parent_code = ${townCode} AND rg.level = 'community' ORDER BY rg.code`);
  return r.rows;
}

/** People holding one of these roles over (part of) the town, with the town's communities they supervise. */
export async function peopleWithRoles(q: Q, townCode: string, roles: string[]) {
  const r = await q.execute<{ id: number; name: string; title: string | null; roles: string[]; communities: { code: string; name: string }[] }>(sql`
    SELECT pe.id, pe.name, pe.title, array_agg(DISTINCT g.role) AS roles,
      COALESCE((SELECT json_agg(json_build_object('code', rg.code, 'name', rg.name) ORDER BY rg.code)
        FROM supervision_assignments sa JOIN regions rg ON rg.code = sa.community_code
        WHERE sa.person_id = pe.id AND sa.community_code LIKE ${townCode + '%'}), '[]') AS communities
    FROM people pe JOIN role_grants g ON g.person_id = pe.id
    WHERE pe.active AND g.role = ANY(${sql.param(roles)}::text[])
      AND (g.scope_region_code LIKE ${townCode + '%'} OR ${townCode} LIKE g.scope_region_code || '%')
    GROUP BY pe.id ORDER BY pe.name, pe.id`);
  return r.rows;
}

export async function personRoles(q: Q, ids: number[]) {
  if (!ids.length) return new Map<number, { name: string; roles: string[] }>();
  const r = await q.execute<{ id: number; name: string; roles: string[] }>(sql`
    SELECT pe.id, pe.name, array_remove(array_agg(g.role), NULL) AS roles FROM people pe LEFT JOIN role_grants g ON g.person_id = pe.id
    WHERE pe.id = ANY(${sql.param(ids)}::int[]) AND pe.active GROUP BY pe.id`);
  return new Map(r.rows.map((x) => [x.id, { name: x.name, roles: x.roles }]));
}

/** Replace a person's supervised communities inside a town (the rest of their list stays). */
export async function replaceSupervision(q: Q, personId: number, townCode: string, codes: string[]) {
  await q.execute(sql`DELETE FROM supervision_assignments WHERE person_id = ${personId} AND community_code LIKE ${townCode + '%'}
    AND community_code <> ALL(${sql.param(codes)}::text[])`);
  if (codes.length) {
    await q.execute(
      sql`INSERT INTO supervision_assignments (person_id, community_code) SELECT ${personId}, unnest(${sql.param(codes)}::text[]) ON CONFLICT DO NOTHING`,
    );
  }
}

/** Street chiefs (and anyone else holding places) of a town with their places. */
export async function placeHolders(q: Q, townCode: string) {
  const r = await q.execute<{
    id: number;
    name: string;
    title: string | null;
    places: { id: number; name: string; kind: string; communityName: string | null }[];
  }>(sql`
    SELECT pe.id, pe.name, pe.title,
      COALESCE(json_agg(json_build_object('id', pl.id, 'name', pl.name, 'kind', pl.kind, 'communityName', rc.name) ORDER BY pl.region_code, pl.kind, pl.name)
        FILTER (WHERE pl.id IS NOT NULL), '[]') AS places
    FROM people pe
    LEFT JOIN place_assignments pa ON pa.person_id = pe.id AND pa.valid_to IS NULL
    LEFT JOIN places pl ON pl.id = pa.place_id AND pl.region_code LIKE ${townCode + '%'}
    LEFT JOIN regions rc ON rc.code = left(pl.region_code, 12)
    WHERE pe.active AND (EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = pe.id AND g.role = 'street_chief' AND g.scope_region_code LIKE ${townCode + '%'})
      OR EXISTS (SELECT 1 FROM place_assignments pa2 JOIN places pl2 ON pl2.id = pa2.place_id WHERE pa2.person_id = pe.id AND pa2.valid_to IS NULL AND pl2.region_code LIKE ${townCode + '%'}))
    GROUP BY pe.id ORDER BY min(pl.region_code), pe.name`);
  return r.rows;
}

export async function demoPoints(q: Q, townCode: string) {
  const r = await q.execute<{
    id: number;
    name: string;
    pointType: string | null;
    communityCode: string;
    communityName: string | null;
    unitId: number | null;
    unitName: string | null;
  }>(sql`
    SELECT pl.id, pl.name, pl.point_type AS "pointType", left(pl.region_code, 12) AS "communityCode", rc.name AS "communityName",
      u.id AS "unitId", u.name AS "unitName"
    FROM places pl LEFT JOIN regions rc ON rc.code = left(pl.region_code, 12) LEFT JOIN units u ON u.id = pl.responsible_unit_id
    WHERE pl.is_demo_point AND pl.region_code LIKE ${townCode + '%'} ORDER BY pl.region_code, pl.name`);
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

/** Which checklist item a problem found on an inspection belongs to (a re-send writes nothing twice). */
export async function insertFinding(q: Q, f: { problemId: number; inspectionId: number; itemId: number }) {
  await q.execute(
    sql`INSERT INTO inspection_findings (problem_id, inspection_id, item_id) VALUES (${f.problemId}, ${f.inspectionId}, ${f.itemId}) ON CONFLICT DO NOTHING`,
  );
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
