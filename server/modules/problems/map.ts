// Map markers with server-side clustering: the problems inside a bounding box
// (GiST index on point(lng, lat)), bucketed into a grid whose cell is about
// CLUSTER_PX screen pixels at the requested zoom. A cell carries its centroid,
// count, worst state and overdue count; cells with few problems (or any cell
// at a high zoom) come back as individual points instead.
// A problem without its own coordinates (found on a patrol or a mock
// evaluation: a place, no GPS) is drawn at its place's, read at query time
// (COALESCE), so stored rows keep saying where the report itself was.
import { z } from 'zod';
import type { Db } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { PROBLEM_STATE_LABELS, type ProblemState } from '../../../domain/problems/vocab.ts';
import { todayChina } from '../calendar/index.ts';
import { filterQuery } from './list.ts';
import { mapRows, RANK_STATE } from './map.repository.ts';
import { intParam } from '../../../domain/input.ts';

const CLUSTER_PX = 60;
/** At this zoom and above every problem is a point. */
const POINTS_ZOOM = 17;
/** A cell with at most this many problems is sent as points. */
const SMALL_CELL = 3;
const MAX_POINTS = 2000;

export const mapQuery = filterQuery.extend({
  bbox: z
    .string()
    .max(200, 'bbox 应为 最小经度,最小纬度,最大经度,最大纬度')
    .transform((s, ctx) => {
      const n = s.split(',').map(Number);
      const ok = n.length === 4 && n.every(Number.isFinite) && n[0] < n[2] && n[1] < n[3] && Math.abs(n[1]) <= 90 && Math.abs(n[3]) <= 90;
      if (!ok) ctx.addIssue({ code: 'custom', message: 'bbox 应为 最小经度,最小纬度,最大经度,最大纬度' });
      return n as [number, number, number, number];
    }),
  zoom: intParam(1, 22).default(13),
});
export type MapQuery = z.infer<typeof mapQuery>;

export async function mapView(db: Db, actor: Actor, q: MapQuery) {
  authorize(actor, 'problem.read');
  const [minLng, minLat, maxLng, maxLat] = q.bbox;
  if ((maxLng - minLng) * (maxLat - minLat) > 4)
    throw new AppError('VALIDATION_FAILED', '地图范围过大，请放大后再查看', [{ path: 'querystring.bbox', message: '范围过大' }]);
  const cell = (360 / 2 ** q.zoom) * (CLUSTER_PX / 256); // degrees per cell
  const rows = await mapRows(db, actor, q, {
    bbox: q.bbox,
    cell,
    allPoints: q.zoom >= POINTS_ZOOM,
    smallCell: SMALL_CELL,
    maxPoints: MAX_POINTS,
    today: todayChina(),
  });
  const clusters = [];
  const points = [];
  for (const x of rows) {
    if (x.kind === 'cluster') {
      const worst = RANK_STATE[Number(x.worst)] ?? 'closed';
      clusters.push({
        lat: Number(x.lat),
        lng: Number(x.lng),
        count: Number(x.n),
        overdue: Number(x.overdue),
        worstState: worst as ProblemState,
        worstStateLabel: PROBLEM_STATE_LABELS[worst as ProblemState],
      });
    } else {
      points.push({
        id: Number(x.id),
        code: x.code!,
        lat: Number(x.lat),
        lng: Number(x.lng),
        state: x.state as ProblemState,
        stateLabel: PROBLEM_STATE_LABELS[x.state as ProblemState],
        overdue: Number(x.overdue) > 0,
      });
    }
  }
  const total = clusters.reduce((s, c) => s + c.count, 0) + points.length;
  return { zoom: q.zoom, cellDegrees: cell, total, clusters, points, truncated: points.length >= MAX_POINTS };
}
