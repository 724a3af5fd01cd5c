// The SQL of imported region boundaries (region_boundaries) and the public
// community list. boundaries.ts checks and authorises; this reads and writes.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { inScope, type RegionScope } from '../../db/scope.ts';
import type { BBox } from '../../../domain/geo.ts';

/** The box of a town's places with coordinates, and its imported town boundary's box. */
export async function townExtentRows(q: Q, town: string) {
  const r = await q.execute<{ a: number | null; b: number | null; c: number | null; d: number | null; tb: BBox | null }>(sql`
    SELECT min(lng) AS a, min(lat) AS b, max(lng) AS c, max(lat) AS d,
      (SELECT bbox FROM region_boundaries WHERE region_code = ${town}) AS tb
    FROM places WHERE region_code LIKE ${town + '%'} AND lat IS NOT NULL AND lng IS NOT NULL`);
  return r.rows[0];
}

export async function regionOf(q: Q, code: string) {
  const r = await q.execute<{ code: string; name: string; level: string }>(sql`SELECT code, name, level FROM regions WHERE code = ${code}`);
  return r.rows[0] ?? null;
}

/** Boundaries inside the scope, and the outlines of these towns. */
export async function boundaryRows(q: Q, scope: RegionScope, towns: 'all' | string[]) {
  const r = await q.execute<{ region_code: string; region_name: string; geometry: any; bbox: BBox; updated_at: string }>(sql`
    SELECT b.region_code, rg.name AS region_name, b.geometry, b.bbox, b.updated_at::text AS updated_at
    FROM region_boundaries b JOIN regions rg ON rg.code = b.region_code
    WHERE ${inScope(sql`b.region_code`, scope)} OR ${towns === 'all' ? sql`true` : sql`b.region_code = ANY(${sql.param(towns)}::text[])`}
    ORDER BY b.region_code`);
  return r.rows;
}

export async function upsertBoundary(q: Q, code: string, geometry: unknown, bbox: BBox, importedBy: number) {
  await q.execute(sql`INSERT INTO region_boundaries (region_code, geometry, bbox, imported_by)
    VALUES (${code}, ${JSON.stringify(geometry)}::jsonb, ${JSON.stringify(bbox)}::jsonb, ${importedBy})
    ON CONFLICT (region_code) DO UPDATE SET geometry = EXCLUDED.geometry, bbox = EXCLUDED.bbox, imported_by = EXCLUDED.imported_by, updated_at = now()`);
}

/** False when the region had no boundary. */
export async function deleteBoundaryRow(q: Q, code: string): Promise<boolean> {
  return !!(await q.execute(sql`DELETE FROM region_boundaries WHERE region_code = ${code}`)).rowCount;
}

/** Every community of the towns this installation serves, with its town. */
export async function communityRows(q: Q) {
  const r = await q.execute<{ code: string; name: string; town_code: string; town_name: string }>(sql`
    SELECT c.code, c.name, t.code AS town_code, t.name AS town_name
    FROM regions c JOIN regions t ON t.code = c.parent_code AND t.level = 'town'
    WHERE c.level = 'community' ORDER BY t.code, c.code LIMIT 5000`);
  return r.rows;
}
