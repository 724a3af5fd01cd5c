// Plane geometry the map needs, pure and shared by server and web: the convex
// hull of a community's places (drawn as its area when no boundary has been
// imported), bounding boxes, and the reading of an imported GeoJSON boundary
// (refused whole, with the reason in Chinese, when it is not one).
// Coordinates are WGS84 [lng, lat] as GeoJSON writes them.

export type Position = [number, number];
/** [minLng, minLat, maxLng, maxLat] */
export type BBox = [number, number, number, number];
export type Polygon = Position[][];
export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: Polygon[];
}

/** Convex hull (Andrew's monotone chain), counter-clockwise, not closed; fewer than 3 distinct points come back as they are. */
export function convexHull(points: readonly Position[]): Position[] {
  const ps = [...new Map(points.map((p) => [`${p[0]},${p[1]}`, p])).values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (ps.length < 3) return ps;
  const cross = (o: Position, a: Position, b: Position) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Position[] = [];
  for (const p of ps) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Position[] = [];
  for (let i = ps.length - 1; i >= 0; i--) {
    const p = ps[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

export function bboxOf(points: Iterable<Position>): BBox | null {
  let b: BBox | null = null;
  for (const [x, y] of points) {
    if (!b) b = [x, y, x, y];
    else b = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
  }
  return b;
}

export function unionBBox(a: BBox | null, b: BBox | null): BBox | null {
  if (!a) return b;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/** Do the boxes meet once `a` is grown by `pad` degrees on every side? */
export function bboxNear(a: BBox, b: BBox, pad: number): boolean {
  return b[0] <= a[2] + pad && b[2] >= a[0] - pad && b[1] <= a[3] + pad && b[3] >= a[1] - pad;
}

/** Limits of an imported boundary. */
export const BOUNDARY_LIMITS = {
  /** Vertices over all rings. */
  vertices: 200_000,
  /** Width or height in degrees (about 110 km): no town or community is larger. */
  spanDegrees: 1,
  /** How far (degrees, about 11 km) outside the town's known extent (its places, its imported boundary) a boundary may reach. */
  nearDegrees: 0.1,
} as const;

export class BoundaryError extends Error {}

const fail = (message: string): never => {
  throw new BoundaryError(message);
};

function readRing(ring: unknown, where: string, count: { n: number }): Position[] {
  if (!Array.isArray(ring) || ring.length < 4) fail(`${where}：每个环至少要有 4 个坐标点（首尾相同）`);
  const out: Position[] = [];
  for (const p of ring as unknown[]) {
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))
      fail(`${where}：坐标应为 [经度, 纬度] 数字`);
    const [lng, lat] = p as number[];
    if (Math.abs(lng) > 180 || Math.abs(lat) > 90) fail(`${where}：坐标 [${lng}, ${lat}] 超出经纬度范围（应为 WGS84 经纬度，不是投影坐标）`);
    out.push([lng, lat]);
    if (++count.n > BOUNDARY_LIMITS.vertices) fail(`边界的坐标点过多（超过 ${BOUNDARY_LIMITS.vertices} 个），请简化后再导入`);
  }
  const [f, l] = [out[0], out[out.length - 1]];
  if (f[0] !== l[0] || f[1] !== l[1]) fail(`${where}：环的首尾坐标应相同（闭合）`);
  return out;
}

function readGeometry(g: unknown, where: string, count: { n: number }): Polygon[] {
  const geom = g as { type?: unknown; coordinates?: unknown } | null;
  if (!geom || typeof geom !== 'object') fail(`${where}：缺少几何图形（geometry）`);
  if (geom!.type === 'Polygon') {
    if (!Array.isArray(geom!.coordinates) || !geom!.coordinates.length) fail(`${where}：面（Polygon）没有坐标`);
    return [(geom!.coordinates as unknown[]).map((r, i) => readRing(r, `${where}第 ${i + 1} 个环`, count))];
  }
  if (geom!.type === 'MultiPolygon') {
    if (!Array.isArray(geom!.coordinates) || !geom!.coordinates.length) fail(`${where}：多面（MultiPolygon）没有坐标`);
    return (geom!.coordinates as unknown[]).flatMap((poly, j) => {
      if (!Array.isArray(poly) || !poly.length) fail(`${where}第 ${j + 1} 个面没有坐标`);
      return [(poly as unknown[]).map((r, i) => readRing(r, `${where}第 ${j + 1} 个面第 ${i + 1} 个环`, count))];
    });
  }
  return fail(`${where}：几何类型为 ${typeof geom!.type === 'string' ? geom!.type.slice(0, 30) : '未知'}，边界只能是面（Polygon）或多面（MultiPolygon）`);
}

/**
 * A boundary from GeoJSON text: a Polygon or MultiPolygon geometry, a Feature
 * of one, or a FeatureCollection of them (merged). Throws BoundaryError with
 * the reason; nothing of a bad file is kept.
 */
export function parseBoundary(text: string): { geometry: MultiPolygon; bbox: BBox } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return fail('文件不是有效的 GeoJSON（JSON 格式错误），请检查后重新导入');
  }
  const d = doc as { type?: unknown; features?: unknown; geometry?: unknown } | null;
  const count = { n: 0 };
  let polys: Polygon[];
  if (d && d.type === 'FeatureCollection') {
    if (!Array.isArray(d.features) || !d.features.length) fail('要素集合（FeatureCollection）中没有要素');
    polys = (d.features as unknown[]).flatMap((f, i) => readGeometry((f as { geometry?: unknown } | null)?.geometry, `第 ${i + 1} 个要素`, count));
  } else if (d && d.type === 'Feature') {
    polys = readGeometry(d.geometry, '要素', count);
  } else if (d && typeof d === 'object') {
    polys = readGeometry(d, '边界', count);
  } else {
    return fail('文件不是 GeoJSON 对象');
  }
  const bbox = bboxOf(polys.flatMap((p) => p[0]))!;
  if (bbox[2] - bbox[0] > BOUNDARY_LIMITS.spanDegrees || bbox[3] - bbox[1] > BOUNDARY_LIMITS.spanDegrees) {
    fail(`边界范围过大（东西或南北超过约 ${Math.round(BOUNDARY_LIMITS.spanDegrees * 111)} 公里），不像一个乡镇或社区的边界`);
  }
  return { geometry: { type: 'MultiPolygon', coordinates: polys }, bbox };
}
