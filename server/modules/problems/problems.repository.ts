// SQL for problems. Every read takes a ProblemScope and filters inside the
// query (problems.scope.repository.ts); nothing here knows roles or workflow
// rules. Photos: problems.photos.repository.ts; the reference data read at
// intake: problems.lookups.repository.ts.
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db, Q, Tx } from '../../db/pool.ts';
import type { ProblemScope } from './parties.ts';
import { OPEN_STATES, type ProblemState, type RejectReason, type Source, type Tier } from '../../../domain/problems/vocab.ts';
import { overdueSql, runningSql } from './overdue.repository.ts';
import { assignedScopeSql, regionScopeSql, scopeSql } from './problems.scope.repository.ts';

const dialect = new PgDialect();

export const PROBLEM_COLUMNS = sql`
  p.id, p.code, p.town_code, p.region_code, rg.name AS region_name, p.grid_code, p.place_id, pl.name AS place_name,
  pl.lat AS place_lat, pl.lng AS place_lng, p.lat, p.lng, p.address, p.category_id, c.name AS category_name, c.code AS category_code, c.kind AS category_kind,
  p.tier, p.source, p.source_ref, p.source_id, p.description, p.state, p.responsible_unit_id, u.name AS unit_name,
  u.region_code AS unit_region, u.kind AS unit_kind, p.reporter_id, p.reporter_name, p.reporter_phone,
  p.due_date::text AS due_date, p.dispatched_at, p.rectified_at, p.closed_at, p.closed_on_time, p.rework_count,
  p.extension_count, p.return_count, p.reject_reason, p.merged_into_id, p.recurrence_of_id, p.version,
  p.created_at, p.updated_at`;

const FROM = sql`FROM problems p
  LEFT JOIN regions rg ON rg.code = p.region_code
  LEFT JOIN places pl ON pl.id = p.place_id
  LEFT JOIN categories c ON c.id = p.category_id
  LEFT JOIN units u ON u.id = p.responsible_unit_id`;

export type ProblemRow = {
  id: number;
  code: string;
  town_code: string;
  region_code: string;
  region_name: string | null;
  grid_code: string | null;
  place_id: number | null;
  place_name: string | null;
  place_lat: number | null;
  place_lng: number | null;
  lat: number | null;
  lng: number | null;
  address: string | null;
  category_id: number;
  category_name: string;
  category_code: string;
  category_kind: string;
  tier: Tier;
  source: Source;
  source_ref: string | null;
  source_id: number | null;
  description: string;
  state: ProblemState;
  responsible_unit_id: number | null;
  unit_name: string | null;
  unit_region: string | null;
  unit_kind: string | null;
  reporter_id: number | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  due_date: string | null;
  dispatched_at: Date | null;
  rectified_at: Date | null;
  closed_at: Date | null;
  closed_on_time: boolean | null;
  rework_count: number;
  extension_count: number;
  return_count: number;
  reject_reason: RejectReason | null;
  merged_into_id: number | null;
  recurrence_of_id: number | null;
  version: number;
  created_at: Date;
  updated_at: Date;
};

export async function getProblem(q: Q, id: number, scope: ProblemScope, forUpdate = false): Promise<ProblemRow | null> {
  const r = await q.execute<ProblemRow>(
    sql`SELECT ${PROBLEM_COLUMNS} ${FROM} WHERE p.id = ${id} AND ${scopeSql(scope)} ${forUpdate ? sql`FOR UPDATE OF p` : sql``}`,
  );
  return r.rows[0] ?? null;
}

/**
 * The problems with these codes that the scope may see, locked for update in
 * id order (one lock order for a writer of many rows: the Excel import).
 */
export async function lockByCodes(q: Q, codes: string[], scope: ProblemScope): Promise<ProblemRow[]> {
  if (!codes.length) return [];
  const r = await q.execute<ProblemRow>(sql`SELECT ${PROBLEM_COLUMNS} ${FROM}
    WHERE p.code = ANY(${sql.param(codes)}::text[]) AND ${scopeSql(scope)} ORDER BY p.id FOR UPDATE OF p`);
  return r.rows;
}

export interface InsertProblem {
  code: string;
  townCode: string;
  regionCode: string;
  gridCode: string | null;
  placeId: number | null;
  lat: number | null;
  lng: number | null;
  address: string | null;
  categoryId: number;
  tier: string;
  source: string;
  sourceRef: string | null;
  sourceId: number | null;
  description: string;
  state: string;
  responsibleUnitId: number | null;
  reporterId: number | null;
  reporterName: string | null;
  reporterPhone: string | null;
  dueDate: string | null;
  dispatchedAt: Date | null;
  closedAt: Date | null;
  closedOnTime: boolean | null;
  recurrenceOfId: number | null;
  idempotencyKey: string | null;
}

const INSERT_COLUMNS = sql.raw(`(code, town_code, region_code, grid_code, place_id, lat, lng, address, category_id, tier, source,
  source_ref, source_id, description, state, responsible_unit_id, reporter_id, reporter_name, reporter_phone, due_date,
  dispatched_at, closed_at, closed_on_time, recurrence_of_id, idempotency_key)`);

function insertValues(p: InsertProblem) {
  return sql`(${p.code}, ${p.townCode}, ${p.regionCode}, ${p.gridCode}, ${p.placeId}, ${p.lat}, ${p.lng}, ${p.address}, ${p.categoryId},
    ${p.tier}, ${p.source}, ${p.sourceRef}, ${p.sourceId}, ${p.description}, ${p.state}, ${p.responsibleUnitId}, ${p.reporterId},
    ${p.reporterName}, ${p.reporterPhone}, ${p.dueDate}, ${p.dispatchedAt}, ${p.closedAt}, ${p.closedOnTime}, ${p.recurrenceOfId},
    ${p.idempotencyKey})`;
}

/**
 * Insert a problem, its first history row and its audit row in one statement
 * (one round trip, atomic on its own or inside a transaction). Returns null
 * when the code or the idempotency key is already taken.
 */
export async function insertReported(
  q: Q,
  p: InsertProblem,
  ev: { actorId: number | null; actorName: string | null; data: unknown },
  au: ReturnType<typeof import('../../platform/audit.ts').auditValues>,
) {
  const query = dialect.sqlToQuery(sql`
    WITH p AS (
      INSERT INTO problems ${INSERT_COLUMNS} VALUES ${insertValues(p)}
      ON CONFLICT DO NOTHING
      RETURNING id),
    e AS (
      INSERT INTO problem_events (problem_id, actor_id, actor_name, action, from_state, to_state, data)
      SELECT id, ${ev.actorId}, ${ev.actorName}, 'report', NULL, 'reported', ${JSON.stringify(ev.data)}::jsonb FROM p
      RETURNING id),
    a AS (
      INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, region_code, before, after)
      SELECT ${au.at}, ${au.actorId}, ${au.actorName}, ${au.action}, ${au.entity}, p.id::text, ${au.regionCode}, ${au.before}::jsonb,
             jsonb_set(${au.after}::jsonb, '{id}', to_jsonb(p.id)) FROM p)
    SELECT p.id, e.id AS event_id FROM p, e`);
  // A named (prepared) statement: intake is the hottest write, and planning a
  // three-insert CTE on every report costs the database more than running it.
  const client = (q as any).session?.client ?? (q as Db).$client;
  const r = await client.query({ name: 'problems.insert_reported.v1', text: query.sql, values: query.params });
  return r.rows[0] ?? null;
}

export interface ImportedProblem {
  row: number;
  code: string;
  regionCode: string;
  placeId: number | null;
  address: string | null;
  categoryId: number;
  tier: string;
  source: string;
  sourceRef: string | null;
  description: string;
  state: 'reported' | 'filed';
}

/**
 * Many imported problems in two statements: the problems (rows whose code is
 * already taken are skipped), then for those inserted their 'report' history
 * row (and 'file' when filed at import) and their audit row, whose `after` is
 * the imported fields read back from the row (built in SQL: nothing per row
 * is sent twice). Returns the codes inserted with their ids, so the caller
 * draws new codes for the rest.
 */
export async function insertImported(q: Q, rows: ImportedProblem[], actor: { personId: number; name: string }, at: string) {
  const arr = <T>(xs: T[]) => sql.param(xs);
  const ins = await q.execute<{ id: number; code: string }>(sql`
    INSERT INTO problems (code, town_code, region_code, grid_code, place_id, address, category_id, tier, source, source_ref,
      description, state, reporter_id, reporter_name)
    SELECT code, substr(region_code, 1, 9), region_code, CASE WHEN length(region_code) = 15 THEN region_code END, place_id, address,
      category_id, tier, source, source_ref, description, state, ${actor.personId}::int, ${actor.name}
    FROM unnest(${arr(rows.map((r) => r.code))}::text[], ${arr(rows.map((r) => r.regionCode))}::text[], ${arr(rows.map((r) => r.placeId))}::int[],
      ${arr(rows.map((r) => r.address))}::text[], ${arr(rows.map((r) => r.categoryId))}::int[], ${arr(rows.map((r) => r.tier))}::text[],
      ${arr(rows.map((r) => r.source))}::text[], ${arr(rows.map((r) => r.sourceRef))}::text[], ${arr(rows.map((r) => r.description))}::text[],
      ${arr(rows.map((r) => r.state))}::text[]) WITH ORDINALITY
      AS v(code, region_code, place_id, address, category_id, tier, source, source_ref, description, state, n)
    ORDER BY n
    ON CONFLICT DO NOTHING
    RETURNING id, code`);
  const ids = new Map(ins.rows.map((x) => [x.code, Number(x.id)]));
  const done = rows.filter((r) => ids.has(r.code)).map((r) => ({ ...r, id: ids.get(r.code)! }));
  if (!done.length) return [];
  const filed = done.filter((r) => r.state === 'filed');
  await q.execute(sql`
    WITH e AS (
      INSERT INTO problem_events (problem_id, actor_id, actor_name, action, from_state, to_state, note, data)
      SELECT id, ${actor.personId}::int, ${actor.name}, action, from_state, to_state, note, data FROM (
        SELECT id, 1 AS k, 'report' AS action, NULL AS from_state, 'reported' AS to_state, NULL AS note,
               jsonb_build_object('imported', true, 'row', row_no) AS data
        FROM unnest(${arr(done.map((r) => r.id))}::bigint[], ${arr(done.map((r) => r.row))}::int[]) AS v(id, row_no)
        UNION ALL
        SELECT id, 2, 'file', 'reported', 'filed', 'Excel 导入时立案', NULL FROM unnest(${arr(filed.map((r) => r.id))}::bigint[]) AS f(id)) x
      ORDER BY id, k)
    INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, region_code, before, after)
    SELECT ${at}, ${actor.personId}::int, ${actor.name}, 'problem.import', 'problem', p.id::text, p.region_code, NULL,
      jsonb_build_object('id', p.id, 'row', v.row_no, 'code', p.code, 'state', p.state, 'source', p.source, 'sourceRef', p.source_ref,
        'categoryId', p.category_id, 'tier', p.tier, 'regionCode', p.region_code, 'placeId', p.place_id, 'address', p.address,
        'description', p.description)
    FROM unnest(${arr(done.map((r) => r.id))}::bigint[], ${arr(done.map((r) => r.row))}::int[]) AS v(id, row_no)
    JOIN problems p ON p.id = v.id ORDER BY p.id`);
  return done.map((r) => ({ id: r.id, code: r.code }));
}

/** Insert; returns null when the code (or idempotency key) is already taken. */
export async function insertProblem(q: Q, p: InsertProblem): Promise<number | null> {
  const r = await q.execute<{ id: number }>(sql`
    INSERT INTO problems ${INSERT_COLUMNS} VALUES ${insertValues(p)}
    ON CONFLICT DO NOTHING
    RETURNING id`);
  return r.rows[0]?.id ?? null;
}

export async function findByIdempotencyKey(q: Q, key: string): Promise<{ id: number; code: string; reporter_id: number | null } | null> {
  const r = await q.execute<{ id: number; code: string; reporter_id: number | null }>(
    sql`SELECT id, code, reporter_id FROM problems WHERE idempotency_key = ${key}`,
  );
  return r.rows[0] ?? null;
}

/** What intake answers about a problem it has just written or found again. */
export async function problemHead(q: Q, id: number): Promise<{ state: string; version: number; dueDate: string | null; unitId: number | null }> {
  const r = await q.execute<{ state: string; version: number; due_date: string | null; unit_id: number | null }>(sql`
    SELECT state, version, due_date::text AS due_date, responsible_unit_id AS unit_id FROM problems WHERE id = ${id}`);
  const x = r.rows[0];
  return { state: x.state, version: Number(x.version), dueDate: x.due_date, unitId: x.unit_id };
}

/** Compare-and-set update: returns false when the version moved (someone else acted first). */
export async function updateProblem(q: Q, id: number, version: number, set: Record<string, unknown>): Promise<boolean> {
  const cols = Object.entries(set).map(([k, v]) => sql`${sql.identifier(k)} = ${v as any}`);
  cols.push(sql`version = version + 1`, sql`updated_at = now()`);
  const r = await q.execute(sql`UPDATE problems SET ${sql.join(cols, sql`, `)} WHERE id = ${id} AND version = ${version}`);
  return (r.rowCount ?? 0) === 1;
}

export async function insertEvent(
  q: Q,
  e: {
    problemId: number;
    actorId: number | null;
    actorName: string | null;
    action: string;
    fromState: string | null;
    toState: string | null;
    note?: string | null;
    data?: unknown;
  },
) {
  const r = await q.execute<{ id: number }>(sql`
    INSERT INTO problem_events (problem_id, actor_id, actor_name, action, from_state, to_state, note, data)
    VALUES (${e.problemId}, ${e.actorId}, ${e.actorName}, ${e.action}, ${e.fromState}, ${e.toState}, ${e.note ?? null},
      ${e.data === undefined ? null : JSON.stringify(e.data)}::jsonb)
    RETURNING id`);
  return r.rows[0].id;
}

/** The move a person made on a problem with a phone's key (transition's clientKey), if any. */
export async function eventByClientKey(q: Q, problemId: number, actorId: number, key: string): Promise<{ action: string; to_state: string } | null> {
  const r = await q.execute<{ action: string; to_state: string }>(sql`SELECT action, to_state FROM problem_events
    WHERE problem_id = ${problemId} AND actor_id = ${actorId} AND data->>'clientKey' = ${key} ORDER BY id LIMIT 1`);
  return r.rows[0] ?? null;
}

export async function events(q: Q, problemId: number) {
  const r = await q.execute<any>(
    sql`SELECT id, at, actor_id, actor_name, action, from_state, to_state, note, data FROM problem_events WHERE problem_id = ${problemId} ORDER BY id`,
  );
  return r.rows;
}

export async function addFollower(q: Q, problemId: number, key: string) {
  await q.execute(sql`INSERT INTO problem_followers (problem_id, key) VALUES (${problemId}, ${key}) ON CONFLICT DO NOTHING`);
}

export async function unitById(q: Q, id: number) {
  const r = await q.execute<{ id: number; name: string; kind: string; region_code: string }>(
    sql`SELECT id, name, kind, region_code FROM units WHERE id = ${id}`,
  );
  return r.rows[0] ?? null;
}

/** The town's office staff, for notifications to "the office". */
export async function officePeople(q: Q, regionCode: string): Promise<number[]> {
  const r = await q.execute<{ person_id: number }>(sql`
    SELECT DISTINCT g.person_id FROM role_grants g JOIN people pe ON pe.id = g.person_id AND pe.active
    WHERE g.role = 'office_staff' AND ${regionCode} LIKE g.scope_region_code || '%'`);
  return r.rows.map((x) => x.person_id);
}

/** A resident's rating of a closed problem (once; 不满意 flags it for the office). */
export async function recordRating(q: Q, id: number, r: { rating: string; comment: string | null; flagged: boolean }) {
  await q.execute(sql`UPDATE problems SET satisfaction = ${r.rating}, satisfaction_comment = ${r.comment}, rated_at = now(),
    flagged = flagged OR ${r.flagged}, version = version + 1, updated_at = now() WHERE id = ${id}`);
}

/** A pending extension request ends when the problem leaves its unit (撤回, 改派): refused with the reason. */
export async function closePendingExtensions(q: Q, problemId: number, note: string, by: number) {
  await q.execute(sql`UPDATE extension_requests SET state = 'refused', decided_by = ${by}, decided_at = now(), decision_note = ${note}
    WHERE problem_id = ${problemId} AND state = 'pending'`);
}

// ---- queue counts and notice listing (problems.service.ts) ----

/**
 * Problems per state, overdue and due today in a scope. The region part and
 * the rest are counted apart (the rest excluding the region), so the big part
 * is an index-only scan on (town_code, state, due_date); `openOnly` (the
 * workbench's queues) skips the closed history, since the index is led by town and state.
 */
export async function stateCounts(q: Q, scope: ProblemScope, today: string, openOnly: boolean) {
  const open = openOnly
    ? sql` AND p.state IN (${sql.join(
        OPEN_STATES.map((s) => sql`${s}`),
        sql`, `,
      )})`
    : sql``;
  const agg = sql`p.state, count(*) AS n,
      count(*) FILTER (WHERE ${overdueSql(today)}) AS overdue,
      count(*) FILTER (WHERE ${runningSql()} AND p.due_date = ${today}::date) AS due_today`;
  const region = regionScopeSql(scope);
  const query = !region
    ? sql`SELECT ${agg} FROM problems p WHERE ${assignedScopeSql(scope)}${open} GROUP BY p.state`
    : scope.regions === 'all'
      ? sql`SELECT ${agg} FROM problems p WHERE true${open} GROUP BY p.state`
      : sql`SELECT state, sum(n) AS n, sum(overdue) AS overdue, sum(due_today) AS due_today FROM (
          SELECT ${agg} FROM problems p WHERE ${region}${open} GROUP BY p.state
          UNION ALL
          SELECT ${agg} FROM problems p WHERE ${assignedScopeSql(scope)} AND NOT ${region}${open} GROUP BY p.state) x GROUP BY state`;
  return (await q.execute<{ state: string; n: number; overdue: number; due_today: number }>(query)).rows;
}

/** A notice becomes the problem's source when it had none (its history records the listing). */
export async function markListedInNotice(tx: Tx, problemId: number, noticeId: number, docNumber: string) {
  await tx.execute(sql`UPDATE problems SET source_ref = coalesce(source_ref, ${docNumber}), source_id = coalesce(source_id, ${noticeId}),
    version = version + 1, updated_at = now() WHERE id = ${problemId}`);
}
