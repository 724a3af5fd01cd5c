// The SQL of the problem list's Excel files: the columns an export reads, and
// what an import's cells may name (active 小类, the importer's communities,
// grids and places).
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { inScope, type RegionScope } from '../../db/scope.ts';

/** Only what the sheet shows, times already as China-time text: parsing is most of the cost per row. */
export const EXPORT_SQL = sql`p.id, p.code, p.source, p.source_ref, c.name AS category_name, p.tier, p.region_code, rg.name AS region_name,
  pl.name AS place_name, p.address, p.description, u.name AS unit_name, p.state, p.due_date::text AS due_date, p.rework_count, p.version,
  p.reporter_phone, to_char(p.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS created,
  to_char(p.closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS closed,
  (SELECT string_agg(ph.id::text, ',' ORDER BY ph.id) FROM problem_photos ph WHERE ph.problem_id = p.id) AS photo_ids`;
export type ExportRow = {
  id: number;
  code: string;
  source: string;
  source_ref: string | null;
  category_name: string;
  tier: string;
  region_code: string;
  region_name: string | null;
  place_name: string | null;
  address: string | null;
  description: string;
  unit_name: string | null;
  state: string;
  due_date: string | null;
  rework_count: number;
  version: number;
  reporter_phone: string | null;
  created: string | null;
  closed: string | null;
  photo_ids: string | null;
  sort_key: string;
};

export type CategoryRef = { id: number; code: string; kind: string; name: string; default_tier: string };
export type PlaceRef = { id: number; name: string; region_code: string };

/** What an import's cells may name, within the importer's report scope. */
export async function refRows(q: Q, scope: RegionScope) {
  // One after the other: the import reads them inside its transaction, where queries cannot overlap.
  const cats = await q.execute<CategoryRef>(sql`SELECT id, code, kind, name, default_tier FROM categories WHERE level = 2 AND active`);
  const regions = await q.execute<{ code: string; name: string }>(sql`
    SELECT code, name FROM regions WHERE level IN ('community', 'grid') AND ${inScope(sql`code`, scope)}`);
  const places = await q.execute<PlaceRef>(sql`SELECT id, name, region_code FROM places WHERE ${inScope(sql`region_code`, scope)} ORDER BY id`);
  return { cats: cats.rows, regions: regions.rows, places: places.rows };
}
