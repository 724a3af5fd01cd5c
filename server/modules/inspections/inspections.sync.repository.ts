// SQL for what the phone's sync writes (sync.service.ts): what a queue already
// stored (by key, one query per table), an inspection started or finished with
// its grades and audit row in one statement, the checklist findings, and the
// problems_found recount.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import type { auditValues } from '../../platform/audit.ts';

type AuditRow = ReturnType<typeof auditValues>;

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

/** Which checklist item a problem found on an inspection belongs to (a re-send writes nothing twice). */
export async function insertFinding(q: Q, f: { problemId: number; inspectionId: number; itemId: number }) {
  await q.execute(
    sql`INSERT INTO inspection_findings (problem_id, inspection_id, item_id) VALUES (${f.problemId}, ${f.inspectionId}, ${f.itemId}) ON CONFLICT DO NOTHING`,
  );
}
