// Where a problem is: a WGS84 point resolved to the community (and grid) of
// the nearest known place and to the nearest place (street, compound or
// evaluation point) within PLACE_MATCH_METERS. Among places within
// TIE_METERS of the nearest, a street or compound (an area the report is
// inside) wins over a point-like place (a practice station, a bus stop) that
// merely stands nearby. The reporter may correct every part of it.
import type { Q } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { regionLevelOf } from '../../../domain/regions.ts';
import { nearest, placeById } from './location.repository.ts';
import { regionExistsRow } from './problems.lookups.repository.ts';

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
    regionCode,
    communityCode: regionCode.slice(0, 12),
    townCode: regionCode.slice(0, 9),
    gridCode: regionCode.length === 15 ? regionCode : null,
    placeId,
    placeName: null,
    placeDistanceM: null,
  };
}

export async function resolveLocation(q: Q, input: LocationInput, cfg: { placeMatchMeters: number; communityMatchMeters: number }): Promise<ResolvedLocation> {
  let regionCode: string | null = null;
  let placeId: number | null = null;
  let placeName: string | null = null;
  let placeDistanceM: number | null = null;
  if (input.placeId) {
    const place = await placeById(q, input.placeId);
    if (!place) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'placeId', message: '所选点位不存在' }]);
    placeId = place.id;
    placeName = place.name;
    regionCode = place.region_code;
  }
  if (input.regionCode) {
    const level = regionLevelOf(input.regionCode);
    if (level !== 'community' && level !== 'grid') {
      throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'regionCode', message: '请选择问题所在的社区或网格' }]);
    }
    if (!(await regionExistsRow(q, input.regionCode)))
      throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'regionCode', message: `区划 ${input.regionCode} 不存在` }]);
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
    throw new AppError('VALIDATION_FAILED', '无法根据位置确定问题所在社区，请在地图上选点或选择社区', [
      { path: 'regionCode', message: '请选择问题所在的社区' },
    ]);
  }
  const communityCode = regionCode.slice(0, 12);
  return {
    regionCode,
    communityCode,
    townCode: regionCode.slice(0, 9),
    gridCode: regionCode.length === 15 ? regionCode : null,
    placeId,
    placeName,
    placeDistanceM,
  };
}
