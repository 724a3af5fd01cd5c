// Seed the point types' checklists (domain/inspections/checklists.ts) as
// version 1 at start-up, like the category tree. Idempotent: a point type that
// already has any version is left alone, so an admin's later versions (and
// the choice of which is current) survive every restart. One statement, so a
// test file or a fresh server pays one round trip. No audit rows: shipped
// reference data, like a migration.
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/pool.ts';
import { SEED_CHECKLISTS } from '../../../domain/inspections/checklists.ts';

export async function seedChecklists(db: Db | Tx): Promise<{ inserted: number }> {
  const data = SEED_CHECKLISTS.map((c) => ({
    point_type: c.pointType,
    title: c.title,
    items: c.items.map((it, i) => ({ seq: i + 1, code: it.code, title: it.title, criterion: it.criterion, points: it.points, category_key: it.category ?? null })),
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
