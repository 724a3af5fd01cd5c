// Map markers with server-side clustering: the problems inside a bounding box
// (GiST index on point(lng, lat)), bucketed into a grid whose cell is about
// CLUSTER_PX screen pixels at the requested zoom. A cell carries its centroid,
// count, worst state and overdue count; cells with few problems (or any cell
// at a high zoom) come back as individual points instead.
// A problem without its own coordinates (found on a patrol or a mock
// evaluation: a place, no GPS) is drawn at its place's, read at query time
// (COALESCE), so stored rows keep saying where the report itself was.
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { NOT_ON_GROUND_STATES, PROBLEM_STATE_LABELS, type ProblemState } from '../../../domain/problems/vocab.ts';
import { todayChina } from '../calendar/index.ts';
import { filterConditions, filterQuery } from './list.ts';
import { intParam } from '../../../domain/input.ts';
import { overdueSql } from './overdue.ts';

const CLUSTER_PX = 60;
/** At this zoom and above every problem is a point. */
const POINTS_ZOOM = 17;
/** A cell with at most this many problems is sent as points. */
const SMALL_CELL = 3;
const MAX_POINTS = 2000;

export const mapQuery = filterQuery.extend({
  bbox: z.string().max(200, 'bbox 应为 最小经度,最小纬度,最大经度,最大纬度').transform((s, ctx) => {
    const n = s.split(',').map(Number);
    const ok = n.length === 4 && n.every(Number.isFinite) && n[0] < n[2] && n[1] < n[3] && Math.abs(n[1]) <= 90 && Math.abs(n[3]) <= 90;
    if (!ok) ctx.addIssue({ code: 'custom', message: 'bbox 应为 最小经度,最小纬度,最大经度,最大纬度' });
    return n as [number, number, number, number];
  }),
  zoom: intParam(1, 22).default(13),
});
export type MapQuery = z.infer<typeof mapQuery>;

/** Severity for "worst state" in a cluster: what needs attention first ranks highest. */
const STATE_RANK: Record<string, number> = { closed: 0, rejected: 0, merged: 0, rectified: 1, rectifying: 2, dispatched: 3, filed: 4, reported: 5 };
const RANK_STATE = ['closed', 'rectified', 'rectifying', 'dispatched', 'filed', 'reported'];


export async function mapView(db: Db, actor: Actor, q: MapQuery) {
  authorize(actor, 'problem.read');
  const [minLng, minLat, maxLng, maxLat] = q.bbox;
  if ((maxLng - minLng) * (maxLat - minLat) > 4) throw new AppError('VALIDATION_FAILED', '地图范围过大，请放大后再查看', [{ path: 'querystring.bbox', message: '范围过大' }]);
  const today = todayChina();
  const cell = (360 / 2 ** q.zoom) * (CLUSTER_PX / 256); // degrees per cell
  const conds = filterConditions(actor, q, today);
  const box = sql`box(point(${minLng}, ${minLat}), point(${maxLng}, ${maxLat}))`;
  if (!q.state?.length) conds.push(sql`p.state <> ALL(${sql.param(NOT_ON_GROUND_STATES)}::text[])`);
  const rank = sql`CASE p.state ${sql.join(Object.entries(STATE_RANK).map(([s, r]) => sql`WHEN ${s} THEN ${r}::int`), sql` `)} ELSE 0 END`;
  const overdue = overdueSql(today);
  const allPoints = q.zoom >= POINTS_ZOOM;
  const where = sql.join(conds, sql` AND `);
  // The problems in the box: those with their own point (the GiST index), and
  // those without one at their place's (places in the box, then the partial
  // index on place_id): two arms, so neither loses its index to an OR.
  const cols = (lat: SQL, lng: SQL) => sql`p.id, p.code, p.state, ${lat} AS lat, ${lng} AS lng, ${rank} AS rank, ${overdue} AS overdue,
             floor(${lng} / ${cell})::int AS gx, floor(${lat} / ${cell})::int AS gy`;
  // One pass: bucket, aggregate; points only for the small cells (or all at high zoom).
  const r = await db.execute<{ kind: string; gx: number; gy: number; n: number; lat: number; lng: number; worst: number; overdue: number; id: number | null; state: string | null; code: string | null }>(sql`
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
      WHERE NOT (${allPoints} OR n <= ${SMALL_CELL})
    UNION ALL
    (SELECT 'point', f.gx, f.gy, 1, f.lat, f.lng, f.rank, f.overdue::int, f.id, f.state, f.code FROM f JOIN c USING (gx, gy)
      WHERE ${allPoints} OR c.n <= ${SMALL_CELL} LIMIT ${MAX_POINTS})`);
  const clusters = [];
  const points = [];
  for (const x of r.rows) {
    if (x.kind === 'cluster') {
      const worst = RANK_STATE[Number(x.worst)] ?? 'closed';
      clusters.push({ lat: Number(x.lat), lng: Number(x.lng), count: Number(x.n), overdue: Number(x.overdue), worstState: worst as ProblemState, worstStateLabel: PROBLEM_STATE_LABELS[worst as ProblemState] });
    } else {
      points.push({ id: Number(x.id), code: x.code!, lat: Number(x.lat), lng: Number(x.lng), state: x.state as ProblemState, stateLabel: PROBLEM_STATE_LABELS[x.state as ProblemState], overdue: Number(x.overdue) > 0 });
    }
  }
  const total = clusters.reduce((s, c) => s + c.count, 0) + points.length;
  return { zoom: q.zoom, cellDegrees: cell, total, clusters, points, truncated: points.length >= MAX_POINTS };
}
