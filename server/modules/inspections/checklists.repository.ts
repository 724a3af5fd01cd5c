// SQL for checklists. Checklists are town-independent reference data (like
// the category tree), so reads need no region scope; writes are the admin's.
import { SEED_CHECKLISTS } from '../../../domain/inspections/checklists.ts';
import { sql } from 'drizzle-orm';
import type { Tx, Q } from '../../db/pool.ts';

export type ChecklistItemRow = {
  id: number;
  seq: number;
  code: string;
  title: string;
  criterion: string;
  points: number;
  categoryKey: string | null;
  categoryId: number | null;
};
export type ChecklistRow = {
  id: number;
  pointType: string;
  version: number;
  title: string;
  current: boolean;
  note: string | null;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
  items: ChecklistItemRow[];
};

// Items as one JSON array per checklist, the category key ('event:0201')
// resolved to the category's id so the phone can file a finding directly.
const ITEMS = sql`COALESCE((
  SELECT json_agg(json_build_object('id', it.id, 'seq', it.seq, 'code', it.code, 'title', it.title, 'criterion', it.criterion,
    'points', it.points, 'categoryKey', it.category_key, 'categoryId', cat.id) ORDER BY it.seq)
  FROM checklist_items it
  LEFT JOIN categories cat ON it.category_key IS NOT NULL AND cat.kind = split_part(it.category_key, ':', 1)
    AND cat.code = split_part(it.category_key, ':', 2) AND cat.level = 2 AND cat.active
  WHERE it.checklist_id = c.id), '[]'::json)`;

const COLUMNS = sql`c.id, c.point_type AS "pointType", c.version, c.title, c.current, c.note, c.created_by AS "createdBy",
  pe.name AS "createdByName", to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`;

/** The current version of every point type, with items. */
export async function currentChecklists(q: Q): Promise<ChecklistRow[]> {
  const r = await q.execute<ChecklistRow>(sql`
    SELECT ${COLUMNS}, ${ITEMS} AS items FROM checklists c LEFT JOIN people pe ON pe.id = c.created_by
    WHERE c.current ORDER BY c.point_type`);
  return r.rows;
}

/** Checklists by id (any version), with items. */
export async function checklistsByIds(q: Q, ids: number[]): Promise<ChecklistRow[]> {
  if (!ids.length) return [];
  const r = await q.execute<ChecklistRow>(sql`
    SELECT ${COLUMNS}, ${ITEMS} AS items FROM checklists c LEFT JOIN people pe ON pe.id = c.created_by
    WHERE c.id = ANY(${sql.param(ids)}::int[])`);
  return r.rows;
}

/** Every version of a point type, newest first, without items. */
export async function versions(q: Q, pointType: string) {
  const r = await q.execute<Omit<ChecklistRow, 'items'> & { itemCount: number; totalPoints: number; inspections: number }>(sql`
    SELECT ${COLUMNS},
      (SELECT count(*) FROM checklist_items it WHERE it.checklist_id = c.id)::int AS "itemCount",
      (SELECT coalesce(sum(it.points), 0) FROM checklist_items it WHERE it.checklist_id = c.id)::float8 AS "totalPoints",
      (SELECT count(*) FROM inspections i WHERE i.checklist_id = c.id)::int AS inspections
    FROM checklists c LEFT JOIN people pe ON pe.id = c.created_by
    WHERE c.point_type = ${pointType} ORDER BY c.version DESC`);
  return r.rows;
}

/** Lock the point type's versions and return the highest version number (0 when none). */
export async function lockLatestVersion(tx: Tx, pointType: string): Promise<number> {
  // A transaction-level advisory lock per point type: two admins publishing at
  // once get consecutive versions instead of a unique-violation.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(7242010, hashtext(${pointType}))`);
  const r = await tx.execute<{ v: number | null }>(sql`SELECT max(version) AS v FROM checklists WHERE point_type = ${pointType}`);
  return Number(r.rows[0]?.v ?? 0);
}

export async function insertVersion(
  tx: Tx,
  c: { pointType: string; version: number; title: string; note: string | null; createdBy: number },
  items: { code: string; title: string; criterion: string; points: number; categoryKey: string | null }[],
): Promise<number> {
  await tx.execute(sql`UPDATE checklists SET current = false WHERE point_type = ${c.pointType} AND current`);
  const r = await tx.execute<{ id: number }>(sql`
    INSERT INTO checklists (point_type, version, title, current, note, created_by)
    VALUES (${c.pointType}, ${c.version}, ${c.title}, true, ${c.note}, ${c.createdBy}) RETURNING id`);
  const id = r.rows[0].id;
  await tx.execute(sql`
    INSERT INTO checklist_items (checklist_id, seq, code, title, criterion, points, category_key)
    SELECT ${id}, it.seq, it.code, it.title, it.criterion, it.points, it.category_key
    FROM jsonb_to_recordset(${JSON.stringify(items.map((it, i) => ({ seq: i + 1, code: it.code, title: it.title, criterion: it.criterion, points: it.points, category_key: it.categoryKey })))}::jsonb)
      AS it(seq int, code text, title text, criterion text, points float8, category_key text)`);
  return id;
}

/** Which of these category keys ('kind:code') name an active level-2 category. */
export async function knownCategoryKeys(q: Q, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const r = await q.execute<{ k: string }>(sql`
    SELECT kind || ':' || code AS k FROM categories WHERE level = 2 AND active AND (kind || ':' || code) = ANY(${sql.param(keys)}::text[])`);
  return new Set(r.rows.map((x) => x.k));
}

// Seed the point types' checklists (domain/inspections/checklists.ts) as
// version 1 at start-up, like the category tree. Idempotent: a point type that
// already has any version is left alone, so an admin's later versions (and
// the choice of which is current) survive every restart. One statement, so a
// test file or a fresh server pays one round trip. No audit rows: shipped
// reference data, like a migration.
export async function seedChecklists(db: Q): Promise<{ inserted: number }> {
  const data = SEED_CHECKLISTS.map((c) => ({
    point_type: c.pointType,
    title: c.title,
    items: c.items.map((it, i) => ({
      seq: i + 1,
      code: it.code,
      title: it.title,
      criterion: it.criterion,
      points: it.points,
      category_key: it.category ?? null,
    })),
  }));
  const r = await db.execute<{ n: number }>(sql`
    WITH s AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(data)}::jsonb) AS s(point_type text, title text, items jsonb)),
    c AS (
      INSERT INTO checklists (point_type, version, title, current, note)
      SELECT s.point_type, 1, s.title, true, '初始版本（按全国文明城市测评体系实地考察标准）' FROM s
      WHERE NOT EXISTS (SELECT 1 FROM checklists x WHERE x.point_type = s.point_type)
      ON CONFLICT DO NOTHING
      RETURNING id, point_type),
    i AS (
      INSERT INTO checklist_items (checklist_id, seq, code, title, criterion, points, category_key)
      SELECT c.id, it.seq, it.code, it.title, it.criterion, it.points, it.category_key
      FROM c JOIN s ON s.point_type = c.point_type
      CROSS JOIN LATERAL jsonb_to_recordset(s.items) AS it(seq int, code text, title text, criterion text, points float8, category_key text)
      RETURNING 1)
    SELECT (SELECT count(*) FROM c) AS n`);
  return { inserted: Number(r.rows[0]?.n ?? 0) };
}
