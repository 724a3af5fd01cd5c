// The SQL of locating a report: the place nearest a WGS84 point within a
// radius (area-like places preferred among the nearly nearest), and a place by id.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';

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
export async function nearest(q: Q, lat: number, lng: number, meters: number, within: string | null): Promise<Near | null> {
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

/** A place's name and region, or null. */
export async function placeById(q: Q, id: number) {
  const r = await q.execute<{ id: number; name: string; region_code: string }>(sql`SELECT id, name, region_code FROM places WHERE id = ${id}`);
  return r.rows[0] ?? null;
}
