// Boundaries an admin imports as GeoJSON for a town or a community. A file is
// read whole (domain/geo.ts parseBoundary) and refused whole with the reason
// (BOUNDARY_INVALID) when it does not parse, is not a Polygon/MultiPolygon,
// or lies far outside the town's known extent: its places and, once
// imported, the town's own boundary (townExtent() is what other checks use).
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/pool.ts';
import { inScope } from '../../db/scope.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { regionScope } from '../../../domain/permissions.ts';
import { regionLevelOf } from '../../../domain/regions.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { audit } from '../../platform/audit.ts';
import { BOUNDARY_LIMITS, BoundaryError, bboxNear, parseBoundary, unionBBox, type BBox } from '../../../domain/geo.ts';

const refuse = (message: string) => new AppError('BOUNDARY_INVALID', `边界未导入：${message}`, [{ path: 'body.geojson', message }]);

/** The town's extent: the box of its places with coordinates, grown by its imported town boundary. */
export async function townExtent(db: Db, town: string): Promise<BBox | null> {
  const r = await db.execute<{ a: number | null; b: number | null; c: number | null; d: number | null; tb: BBox | null }>(sql`
    SELECT min(lng) AS a, min(lat) AS b, max(lng) AS c, max(lat) AS d,
      (SELECT bbox FROM region_boundaries WHERE region_code = ${town}) AS tb
    FROM places WHERE region_code LIKE ${town + '%'} AND lat IS NOT NULL AND lng IS NOT NULL`);
  const x = r.rows[0];
  const places: BBox | null = x.a == null ? null : [Number(x.a), Number(x.b), Number(x.c), Number(x.d)];
  return unionBBox(places, x.tb);
}

async function regionOf(db: Db, code: string) {
  const r = await db.execute<{ code: string; name: string; level: string }>(sql`SELECT code, name, level FROM regions WHERE code = ${code}`);
  return r.rows[0] ?? null;
}

export async function listBoundaries(db: Db, actor: Actor) {
  authorize(actor, 'region.read');
  const scope = regionScope(actor, 'region.read');
  // A community's person sees its own community and its town's outline.
  const towns = scope === 'all' ? 'all' as const : [...new Set(scope.map((c) => c.slice(0, 9)))];
  const r = await db.execute<{ region_code: string; region_name: string; geometry: any; bbox: BBox; updated_at: string }>(sql`
    SELECT b.region_code, rg.name AS region_name, b.geometry, b.bbox, b.updated_at::text AS updated_at
    FROM region_boundaries b JOIN regions rg ON rg.code = b.region_code
    WHERE ${inScope(sql`b.region_code`, scope)} OR ${towns === 'all' ? sql`true` : sql`b.region_code = ANY(${sql.param(towns)}::text[])`}
    ORDER BY b.region_code`);
  return { items: r.rows.map((x) => ({ regionCode: x.region_code, regionName: x.region_name, level: x.region_code.length === 9 ? 'town' as const : 'community' as const, geometry: x.geometry, bbox: x.bbox, updatedAt: new Date(x.updated_at).toISOString() })) };
}

export async function importBoundary(db: Db, actor: Actor, code: string, geojson: string) {
  authorize(actor, 'map.manage', { regionCode: code });
  const level = regionLevelOf(code);
  if (level !== 'town' && level !== 'community') throw refuse('只能为乡镇（街道）或社区导入边界');
  const region = await regionOf(db, code);
  if (!region) throw notFound('未找到该乡镇或社区');
  let parsed: ReturnType<typeof parseBoundary>;
  try {
    parsed = parseBoundary(geojson);
  } catch (e) {
    if (e instanceof BoundaryError) throw refuse(e.message);
    throw e;
  }
  const extent = await townExtent(db, code.slice(0, 9));
  if (extent && !bboxNear(extent, parsed.bbox, BOUNDARY_LIMITS.nearDegrees)) {
    const c = (b: BBox) => `东经 ${((b[0] + b[2]) / 2).toFixed(3)}°、北纬 ${((b[1] + b[3]) / 2).toFixed(3)}°`;
    throw refuse(`边界位于${c(parsed.bbox)}附近，离本镇的点位（${c(extent)}附近）太远，可能是坐标系或文件选错了（应为 WGS84 经纬度）`);
  }
  await db.transaction(async (tx) => {
    await tx.execute(sql`INSERT INTO region_boundaries (region_code, geometry, bbox, imported_by)
      VALUES (${code}, ${JSON.stringify(parsed.geometry)}::jsonb, ${JSON.stringify(parsed.bbox)}::jsonb, ${actor.personId})
      ON CONFLICT (region_code) DO UPDATE SET geometry = EXCLUDED.geometry, bbox = EXCLUDED.bbox, imported_by = EXCLUDED.imported_by, updated_at = now()`);
    await audit(tx, { actor, action: 'update', entity: 'region_boundary', entityId: code, regionCode: code, after: { bbox: parsed.bbox, polygons: parsed.geometry.coordinates.length } });
  });
  const items = (await listBoundaries(db, actor)).items;
  return items.find((b) => b.regionCode === code)!;
}

export async function deleteBoundary(db: Db, actor: Actor, code: string) {
  authorize(actor, 'map.manage', { regionCode: code });
  const r = await db.execute(sql`DELETE FROM region_boundaries WHERE region_code = ${code}`);
  if (!r.rowCount) throw notFound('该区域没有导入的边界');
  await audit(db, { actor, action: 'delete', entity: 'region_boundary', entityId: code, regionCode: code });
}

/** The resident page's community picker: every community of the towns this installation serves. */
export async function publicCommunities(db: Db) {
  const r = await db.execute<{ code: string; name: string; town_code: string; town_name: string }>(sql`
    SELECT c.code, c.name, t.code AS town_code, t.name AS town_name
    FROM regions c JOIN regions t ON t.code = c.parent_code AND t.level = 'town'
    WHERE c.level = 'community' ORDER BY t.code, c.code LIMIT 5000`);
  return { items: r.rows.map((x) => ({ code: x.code, name: x.name, townCode: x.town_code, townName: x.town_name })) };
}
