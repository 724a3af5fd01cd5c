// Boundaries an admin imports as GeoJSON for a town or a community. A file is
// read whole (domain/geo.ts parseBoundary) and refused whole with the reason
// (BOUNDARY_INVALID) when it does not parse, is not a Polygon/MultiPolygon,
// or lies far outside the town's known extent: its places and, once
// imported, the town's own boundary (townExtent() is what other checks use).
import type { Db } from '../../db/pool.ts';
import { boundaryRows, communityRows, deleteBoundaryRow, regionOf, townExtentRows, upsertBoundary } from './boundaries.repository.ts';
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
  const x = await townExtentRows(db, town);
  const places: BBox | null = x.a == null ? null : [Number(x.a), Number(x.b), Number(x.c), Number(x.d)];
  return unionBBox(places, x.tb);
}

export async function listBoundaries(db: Db, actor: Actor) {
  authorize(actor, 'region.read');
  const scope = regionScope(actor, 'region.read');
  // A community's person sees its own community and its town's outline.
  const towns = scope === 'all' ? ('all' as const) : [...new Set(scope.map((c) => c.slice(0, 9)))];
  const rows = await boundaryRows(db, scope, towns);
  return {
    items: rows.map((x) => ({
      regionCode: x.region_code,
      regionName: x.region_name,
      level: x.region_code.length === 9 ? ('town' as const) : ('community' as const),
      geometry: x.geometry,
      bbox: x.bbox,
      updatedAt: new Date(x.updated_at).toISOString(),
    })),
  };
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
    await upsertBoundary(tx, code, parsed.geometry, parsed.bbox, actor.personId);
    await audit(tx, {
      actor,
      action: 'update',
      entity: 'region_boundary',
      entityId: code,
      regionCode: code,
      after: { bbox: parsed.bbox, polygons: parsed.geometry.coordinates.length },
    });
  });
  const items = (await listBoundaries(db, actor)).items;
  return items.find((b) => b.regionCode === code)!;
}

export async function deleteBoundary(db: Db, actor: Actor, code: string) {
  authorize(actor, 'map.manage', { regionCode: code });
  if (!(await deleteBoundaryRow(db, code))) throw notFound('该区域没有导入的边界');
  await audit(db, { actor, action: 'delete', entity: 'region_boundary', entityId: code, regionCode: code });
}

/** The resident page's community picker: every community of the towns this installation serves. */
export async function publicCommunities(db: Db) {
  const rows = await communityRows(db);
  return { items: rows.map((x) => ({ code: x.code, name: x.name, townCode: x.town_code, townName: x.town_name })) };
}
