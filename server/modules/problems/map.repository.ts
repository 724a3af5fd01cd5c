// The SQL of the problem map: the problems inside a bounding box (the GiST
// index on point(lng, lat), and those without their own point at their
// place's), bucketed into grid cells in one pass. map.ts validates the
// request and shapes the reply.
import { sql, type SQL } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { NOT_ON_GROUND_STATES } from '../../../domain/problems/vocab.ts';
import { filterConditions } from './list.repository.ts';
import type { FilterQuery } from './list.ts';
import { overdueSql } from './overdue.repository.ts';

/** Severity for "worst state" in a cluster: what needs attention first ranks highest. */
const STATE_RANK: Record<string, number> = { closed: 0, rejected: 0, merged: 0, rectified: 1, rectifying: 2, dispatched: 3, filed: 4, reported: 5 };
export const RANK_STATE = ['closed', 'rectified', 'rectifying', 'dispatched', 'filed', 'reported'];

export type MapRow = {
  kind: string;
  gx: number;
  gy: number;
  n: number;
  lat: number;
  lng: number;
  worst: number;
  overdue: number;
  id: number | null;
  state: string | null;
  code: string | null;
};

export interface MapCells {
  bbox: [number, number, number, number];
  /** Degrees per grid cell. */
  cell: number;
  /** Every problem as a point (a high zoom). */
  allPoints: boolean;
  /** A cell with at most this many problems is sent as points. */
  smallCell: number;
  maxPoints: number;
  today: string;
}

/** Cells (with their count, centroid, worst state and overdue count) and points, in one pass. */
export async function mapRows(q: Q, actor: Actor, f: FilterQuery & { state?: string[] }, c: MapCells): Promise<MapRow[]> {
  const [minLng, minLat, maxLng, maxLat] = c.bbox;
  const conds = filterConditions(actor, f, c.today);
  const box = sql`box(point(${minLng}, ${minLat}), point(${maxLng}, ${maxLat}))`;
  if (!f.state?.length) conds.push(sql`p.state <> ALL(${sql.param(NOT_ON_GROUND_STATES)}::text[])`);
  const rank = sql`CASE p.state ${sql.join(
    Object.entries(STATE_RANK).map(([s, r]) => sql`WHEN ${s} THEN ${r}::int`),
    sql` `,
  )} ELSE 0 END`;
  const overdue = overdueSql(c.today);
  const cell = c.cell;
  const allPoints = c.allPoints;
  const where = sql.join(conds, sql` AND `);
  // The problems in the box: those with their own point (the GiST index), and
  // those without one at their place's (places in the box, then the partial
  // index on place_id): two arms, so neither loses its index to an OR.
  const cols = (lat: SQL, lng: SQL) => sql`p.id, p.code, p.state, ${lat} AS lat, ${lng} AS lng, ${rank} AS rank, ${overdue} AS overdue,
             floor(${lng} / ${cell})::int AS gx, floor(${lat} / ${cell})::int AS gy`;
  // One pass: bucket, aggregate; points only for the small cells (or all at high zoom).
  const r = await q.execute<MapRow>(sql`
    WITH f AS (
      SELECT ${cols(sql`p.lat`, sql`p.lng`)}
      FROM problems p LEFT JOIN units u ON u.id = p.responsible_unit_id
      WHERE ${where} AND p.lat IS NOT NULL AND p.lng IS NOT NULL AND point(p.lng, p.lat) <@ ${box}
      UNION ALL
      SELECT ${cols(sql`pl.lat`, sql`pl.lng`)}
      FROM places pl JOIN problems p ON p.place_id = pl.id AND (p.lat IS NULL OR p.lng IS NULL)
        LEFT JOIN units u ON u.id = p.responsible_unit_id
      WHERE ${where} AND pl.lat IS NOT NULL AND pl.lng IS NOT NULL AND point(pl.lng, pl.lat) <@ ${box}),
    c AS (
      SELECT gx, gy, count(*)::int AS n, avg(lat) AS lat, avg(lng) AS lng, max(rank) AS worst, count(*) FILTER (WHERE overdue)::int AS overdue
      FROM f GROUP BY gx, gy)
    SELECT 'cluster' AS kind, gx, gy, n, lat, lng, worst, overdue, NULL::bigint AS id, NULL AS state, NULL AS code FROM c
      WHERE NOT (${allPoints} OR n <= ${c.smallCell})
    UNION ALL
    (SELECT 'point', f.gx, f.gy, 1, f.lat, f.lng, f.rank, f.overdue::int, f.id, f.state, f.code FROM f JOIN c USING (gx, gy)
      WHERE ${allPoints} OR c.n <= ${c.smallCell} LIMIT ${c.maxPoints})`);
  return r.rows;
}
