// Where a problem is: a WGS84 point resolved to the community (and grid) of
// the nearest known place and to the nearest place (street, compound or
// evaluation point) within PLACE_MATCH_METERS. Among places within
// TIE_METERS of the nearest, a street or compound (an area the report is
// inside) wins over a point-like place (a practice station, a bus stop) that
// merely stands nearby. The reporter may correct every part of it.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { regionLevelOf } from '../../../domain/regions.ts';


export interface LocationInput {
  lat?: number | null;
  lng?: number | null;
  regionCode?: string | null; // community or grid, when the reporter chose it
  placeId?: number | null;
}

export interface ResolvedLocation {
  regionCode: string; // community (12) or grid (15)
  communityCode: string;
  townCode: string;
  gridCode: string | null;
  placeId: number | null;
  placeName: string | null;
  placeDistanceM: number | null;
}

/** A location known by its region (community or grid) and, optionally, its place: no spatial matching. */
export function locationAt(regionCode: string, placeId: number | null = null): ResolvedLocation {
  return {
    regionCode, communityCode: regionCode.slice(0, 12), townCode: regionCode.slice(0, 9), gridCode: regionCode.length === 15 ? regionCode : null,
    placeId, placeName: null, placeDistanceM: null,
  };
}

const DIST = (lat: number, lng: number) => sql`(6371000 * 2 * asin(sqrt(
  power(sin(radians(pl.lat - ${lat}) / 2), 2) + cos(radians(${lat})) * cos(radians(pl.lat)) * power(sin(radians(pl.lng - ${lng}) / 2), 2))))`;

/** Places this much farther than the nearest one still count as "as near" (GPS noise). */
export const TIE_METERS = 15;
/** Area-like places first: streets and compounds, and points that are a street or a compound. */
const AREA_FIRST = sql`CASE WHEN pl.kind IN ('street', 'compound') OR pl.point_type IN ('back_street', 'main_road', 'compound') THEN 0 ELSE 1 END`;

type Near = { id: number; name: string; region_code: string; d: number };

/**
 * The place a point is at, within `meters`: the nearest, except that among
 * those within TIE_METERS of the nearest an area-like place is preferred
 * (then the nearer one, then the lower id, so the answer is stable).
 */
async function nearest(q: Q, lat: number, lng: number, meters: number, within: string | null): Promise<Near | null> {
  const dLat = meters / 111_000;
  const dLng = meters / (111_000 * Math.max(0.2, Math.cos((lat * Math.PI) / 180)));
  const r = await q.execute<Near & { area: number }>(sql`
    WITH c AS (
      SELECT pl.id, pl.name, pl.region_code, ${DIST(lat, lng)} AS d, ${AREA_FIRST} AS area FROM places pl
      WHERE pl.lat BETWEEN ${lat - dLat} AND ${lat + dLat} AND pl.lng BETWEEN ${lng - dLng} AND ${lng + dLng}
        ${within ? sql`AND pl.region_code LIKE ${within + '%'}` : sql``}
    ), w AS (SELECT * FROM c WHERE d <= ${meters})
    SELECT id, name, region_code, d, area FROM w WHERE d <= (SELECT min(d) FROM w) + ${TIE_METERS}
    ORDER BY area, d, id LIMIT 1`);
  return r.rows[0] ?? null;
}

export async function resolveLocation(q: Q, input: LocationInput, cfg: { placeMatchMeters: number; communityMatchMeters: number }): Promise<ResolvedLocation> {
  let regionCode: string | null = null;
  let placeId: number | null = null;
  let placeName: string | null = null;
  let placeDistanceM: number | null = null;
  if (input.placeId) {
    const r = await q.execute<{ id: number; name: string; region_code: string }>(sql`SELECT id, name, region_code FROM places WHERE id = ${input.placeId}`);
    if (!r.rows[0]) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'placeId', message: '所选点位不存在' }]);
    placeId = r.rows[0].id;
    placeName = r.rows[0].name;
    regionCode = r.rows[0].region_code;
  }
  if (input.regionCode) {
    const level = regionLevelOf(input.regionCode);
    if (level !== 'community' && level !== 'grid') {
      throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'regionCode', message: '请选择问题所在的社区或网格' }]);
    }
    const r = await q.execute(sql`SELECT 1 FROM regions WHERE code = ${input.regionCode}`);
    if (!r.rows.length) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'regionCode', message: `区划 ${input.regionCode} 不存在` }]);
    regionCode = input.regionCode;
  }
  const hasPoint = input.lat != null && input.lng != null;
  if (hasPoint && !placeId) {
    const within = regionCode ? regionCode.slice(0, 12) : null;
    const point = await nearest(q, input.lat!, input.lng!, cfg.placeMatchMeters, within);
    if (point) {
      placeId = point.id;
      placeName = point.name;
      placeDistanceM = Math.round(point.d);
      regionCode ??= point.region_code;
    }
  }
  if (!regionCode && hasPoint) {
    const any = await nearest(q, input.lat!, input.lng!, cfg.communityMatchMeters, null);
    if (any) regionCode = any.region_code;
  }
  if (!regionCode) {
    throw new AppError('VALIDATION_FAILED', '无法根据位置确定问题所在社区，请在地图上选点或选择社区', [{ path: 'regionCode', message: '请选择问题所在的社区' }]);
  }
  const communityCode = regionCode.slice(0, 12);
  return {
    regionCode, communityCode, townCode: regionCode.slice(0, 9), gridCode: regionCode.length === 15 ? regionCode : null,
    placeId, placeName, placeDistanceM,
  };
}
