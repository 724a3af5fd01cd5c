// The facilities as the map and the points see them: the map layer (a
// bounding box, clustered on a grid like the problem map), a point's
// facilities against its point type's current requirement, and the points
// of a region short of theirs.
import type { Db } from '../../db/pool.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { codeInScope } from '../../db/scope.ts';
import { authorize } from '../../platform/session.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { POINT_TYPE_LABELS, type PointType } from '../../../domain/regions.ts';
import { checkRequirement, type Condition } from '../../../domain/publicity.ts';
import { ensureSeeded, lineLabel, termNames } from './terms.service.ts';
import { facilityView, readScope } from './facilities.service.ts';
import * as repo from './facilities.repository.ts';
import * as terms from './terms.repository.ts';
import { readAll } from '../../db/reads.ts';

const CLUSTER_PX = 60;
/** At this zoom and above every facility is a point. */
const POINTS_ZOOM = 17;
const SMALL_CELL = 3;
const MAX_POINTS = 3000;
/** Largest number of points the short list answers (a county's worth). */
export const SHORT_MAX = 2000;

export interface MapQuery extends repo.FacilityFilter {
  bbox: [number, number, number, number];
  zoom: number;
}

export async function mapLayer(db: Db, actor: Actor, q: MapQuery) {
  authorize(actor, 'publicity.read');
  const [minLng, minLat, maxLng, maxLat] = q.bbox;
  if ((maxLng - minLng) * (maxLat - minLat) > 4)
    throw new AppError('VALIDATION_FAILED', '地图范围过大，请放大后再查看', [{ path: 'querystring.bbox', message: '范围过大' }]);
  const cell = (360 / 2 ** q.zoom) * (CLUSTER_PX / 256);
  const rows = await repo.mapRows(db, q, readScope(actor), {
    bbox: q.bbox,
    cell,
    allPoints: q.zoom >= POINTS_ZOOM,
    smallCell: SMALL_CELL,
    maxPoints: MAX_POINTS,
  });
  const clusters: { lat: number; lng: number; count: number; damaged: number }[] = [];
  const points: { id: number; lat: number; lng: number; kindId: number; condition: Condition; name: string }[] = [];
  for (const x of rows) {
    if (x.kind === 'cluster') clusters.push({ lat: Number(x.lat), lng: Number(x.lng), count: Number(x.n), damaged: Number(x.damaged) });
    else
      points.push({
        id: Number(x.id),
        lat: Number(x.lat),
        lng: Number(x.lng),
        kindId: Number(x.kindId),
        condition: x.condition as Condition,
        name: x.name ?? '',
      });
  }
  const total = clusters.reduce((s, c) => s + c.count, 0) + points.length;
  return { total, clusters, points, truncated: points.length >= MAX_POINTS };
}

const typeLabel = (t: string | null) => (t ? (POINT_TYPE_LABELS[t as PointType] ?? t) : null);

type Line = { kindId: number | null; themeId: number | null; minCount: number; have: number; short: number };
const lineView = (l: Line, names: Map<number, string>) => {
  const kind = l.kindId ? { id: l.kindId, name: names.get(l.kindId) ?? '' } : null;
  const theme = l.themeId ? { id: l.themeId, name: names.get(l.themeId) ?? '' } : null;
  return { kind, theme, minCount: l.minCount, label: lineLabel(kind?.name ?? null, theme?.name ?? null, l.minCount), have: l.have, short: l.short };
};

/** A point's facilities against its point type's current requirement. */
export async function pointPublicity(db: Db, actor: Actor, placeId: number) {
  authorize(actor, 'publicity.read');
  await ensureSeeded(db);
  const place = await repo.placeOf(db, placeId, readScope(actor));
  if (!place) throw notFound('该点位不存在或不在您的管辖范围内');
  const [facilities, current, names] = await readAll(db, [() => repo.facilitiesAtPlace(db, placeId), () => terms.currentRequirements(db), () => termNames(db)]);
  const req = place.pointType ? current.find((r) => r.pointType === place.pointType) : undefined;
  const checked = checkRequirement(
    facilities.map((f) => ({ kindId: f.kindId, themeId: f.themeId, condition: f.condition })),
    req?.items ?? [],
  );
  return {
    place: { id: place.id, name: place.name, pointType: place.pointType, pointTypeLabel: typeLabel(place.pointType), regionCode: place.regionCode },
    requirement: req ? { id: req.id, version: req.version } : null,
    lines: checked.lines.map((l) => lineView(l, names)),
    met: checked.met,
    short: checked.short,
    facilities: facilities.map((f) => facilityView(actor, f)),
  };
}

/** Every point of a town or community (the caller's own when there is one) short of its requirement. */
export async function shortPoints(db: Db, actor: Actor, regionCode?: string) {
  authorize(actor, 'publicity.read');
  await ensureSeeded(db);
  const scope = readScope(actor);
  let region = regionCode;
  if (!region) {
    if (scope === 'all' || scope.length !== 1) throw fieldError('querystring.regionCode', '请选择乡镇或社区');
    region = scope[0];
  }
  if (region.length < 9) throw fieldError('querystring.regionCode', '请选择乡镇或社区：县级请逐个乡镇查看');
  if (!codeInScope(region, scope) && !(scope !== 'all' && scope.some((s) => s.startsWith(region!)))) throw notFound('区划不存在或不在您的管辖范围内');
  const [rows, names] = await readAll(db, [() => repo.shortPoints(db, region, scope, SHORT_MAX + 1), () => termNames(db)]);
  const items = rows.slice(0, SHORT_MAX).map((r) => {
    const lines = r.lines.map((l) => ({ ...l, short: Math.max(0, l.minCount - l.have) }));
    return {
      place: {
        id: r.placeId,
        name: r.placeName,
        pointType: r.pointType,
        pointTypeLabel: typeLabel(r.pointType)!,
        regionCode: r.regionCode,
        regionName: r.regionName,
      },
      requirementVersion: r.requirementVersion,
      short: lines.reduce((s, l) => s + l.short, 0),
      lines: lines.map((l) => lineView(l, names)),
    };
  });
  return { items, truncated: rows.length > SHORT_MAX };
}
