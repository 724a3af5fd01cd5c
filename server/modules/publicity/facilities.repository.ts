// SQL of the publicity facilities: the list (keyset on id, newest first), one
// facility, its writes, the map layer (a bounding box on the GiST index of
// point(lng, lat), bucketed into a grid in one pass), a point's facilities,
// the points short of their requirement, and the figures' counts.
import { sql, type SQL } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { inRegion, inScope, type RegionScope } from '../../db/scope.ts';
import { COUNTED_CONDITIONS } from '../../../domain/publicity.ts';

export interface FacilityRow {
  id: number;
  townCode: string;
  regionCode: string;
  regionName: string | null;
  name: string;
  kindId: number;
  kindName: string;
  kindGroup: string | null;
  themeId: number | null;
  themeName: string | null;
  placeId: number | null;
  placeName: string | null;
  pointType: string | null;
  ownerUnitId: number | null;
  ownerUnitName: string | null;
  installedOn: string | null;
  condition: string;
  lat: number;
  lng: number;
  note: string | null;
  problemId: number | null;
  problemCode: string | null;
  problemState: string | null;
  photoCount: number;
  version: number;
  createdAt: Date;
}
const COLS = sql`f.id, f.town_code AS "townCode", f.region_code AS "regionCode", r.name AS "regionName", f.name,
  f.kind_id AS "kindId", k.name AS "kindName", k.grp AS "kindGroup", f.theme_id AS "themeId", t.name AS "themeName",
  f.place_id AS "placeId", p.name AS "placeName", p.point_type AS "pointType", f.owner_unit_id AS "ownerUnitId", u.name AS "ownerUnitName",
  f.installed_on::text AS "installedOn", f.condition, f.lat, f.lng, f.note, f.problem_id AS "problemId", pr.code AS "problemCode", pr.state AS "problemState",
  (SELECT count(*) FROM file_links fl WHERE fl.owner_kind = 'publicity_facility' AND fl.owner_id = f.id AND fl.file_kind = 'photo')::int AS "photoCount",
  f.version, f.created_at AS "createdAt"`;
const JOINS = sql`LEFT JOIN regions r ON r.code = f.region_code JOIN publicity_terms k ON k.id = f.kind_id LEFT JOIN publicity_terms t ON t.id = f.theme_id
  LEFT JOIN places p ON p.id = f.place_id LEFT JOIN units u ON u.id = f.owner_unit_id LEFT JOIN problems pr ON pr.id = f.problem_id`;

export interface FacilityFilter {
  regionCode?: string;
  kindId?: number;
  themeId?: number;
  group?: string;
  condition?: string;
  placeId?: number;
  ownerUnitId?: number;
  installedFrom?: string;
  installedTo?: string;
}

function conditions(f: FacilityFilter, scope: RegionScope): SQL[] {
  const c: SQL[] = [inScope(sql`f.region_code`, scope)];
  if (f.regionCode) c.push(inRegion(f.regionCode, { town: sql`f.town_code`, region: sql`f.region_code` }));
  if (f.kindId) c.push(sql`f.kind_id = ${f.kindId}`);
  if (f.themeId) c.push(sql`f.theme_id = ${f.themeId}`);
  if (f.group) c.push(sql`f.kind_id IN (SELECT id FROM publicity_terms WHERE list = 'kind' AND coalesce(grp, 'other') = ${f.group})`);
  if (f.condition) c.push(sql`f.condition = ${f.condition}`);
  if (f.placeId) c.push(sql`f.place_id = ${f.placeId}`);
  if (f.ownerUnitId) c.push(sql`f.owner_unit_id = ${f.ownerUnitId}`);
  if (f.installedFrom) c.push(sql`f.installed_on >= ${f.installedFrom}::date`);
  if (f.installedTo) c.push(sql`f.installed_on <= ${f.installedTo}::date`);
  return c;
}

export async function listPage(q: Q, f: FacilityFilter, scope: RegionScope, afterId: number | null, limit: number): Promise<FacilityRow[]> {
  const c = conditions(f, scope);
  if (afterId) c.push(sql`f.id < ${afterId}`);
  return (await q.execute<any>(sql`SELECT ${COLS} FROM publicity_facilities f ${JOINS} WHERE ${sql.join(c, sql` AND `)} ORDER BY f.id DESC LIMIT ${limit}`))
    .rows;
}

export async function getFacility(q: Q, id: number, scope: RegionScope): Promise<FacilityRow | null> {
  return (
    (await q.execute<any>(sql`SELECT ${COLS} FROM publicity_facilities f ${JOINS} WHERE f.id = ${id} AND ${inScope(sql`f.region_code`, scope)}`)).rows[0] ??
    null
  );
}

export async function facilitiesAtPlace(q: Q, placeId: number): Promise<FacilityRow[]> {
  return (await q.execute<any>(sql`SELECT ${COLS} FROM publicity_facilities f ${JOINS} WHERE f.place_id = ${placeId} ORDER BY f.kind_id, f.id LIMIT 500`)).rows;
}

export async function facilityTown(q: Q, id: number): Promise<{ townCode: string } | null> {
  return (await q.execute<any>(sql`SELECT town_code AS "townCode" FROM publicity_facilities WHERE id = ${id}`)).rows[0] ?? null;
}

export type FacilityColumns = {
  town_code: string;
  region_code: string;
  name: string;
  kind_id: number;
  theme_id: number | null;
  place_id: number | null;
  owner_unit_id: number | null;
  installed_on: string | null;
  condition: string;
  lat: number;
  lng: number;
  note: string | null;
  created_by?: number | null;
};

export async function insertFacilities(q: Q, rows: FacilityColumns[]): Promise<number[]> {
  if (!rows.length) return [];
  const values = rows.map(
    (r) => sql`(${r.town_code}, ${r.region_code}, ${r.name}, ${r.kind_id}, ${r.theme_id}, ${r.place_id}, ${r.owner_unit_id}, ${r.installed_on}::date,
      ${r.condition}, ${r.lat}, ${r.lng}, ${r.note}, ${r.created_by ?? null})`,
  );
  const r = await q.execute<{ id: number }>(sql`INSERT INTO publicity_facilities
    (town_code, region_code, name, kind_id, theme_id, place_id, owner_unit_id, installed_on, condition, lat, lng, note, created_by)
    VALUES ${sql.join(values, sql`, `)} RETURNING id`);
  return r.rows.map((x) => Number(x.id));
}

export async function updateFacility(q: Q, id: number, version: number, r: Omit<FacilityColumns, 'created_by'>): Promise<boolean> {
  const x = await q.execute(sql`UPDATE publicity_facilities SET town_code = ${r.town_code}, region_code = ${r.region_code}, name = ${r.name},
    kind_id = ${r.kind_id}, theme_id = ${r.theme_id}, place_id = ${r.place_id}, owner_unit_id = ${r.owner_unit_id}, installed_on = ${r.installed_on}::date,
    condition = ${r.condition}, lat = ${r.lat}, lng = ${r.lng}, note = ${r.note}, version = version + 1, updated_at = now()
    WHERE id = ${id} AND version = ${version} RETURNING id`);
  return x.rows.length > 0;
}

/** Marked damaged from a report: the condition and the problem it opened (whatever the version: a report never conflicts). */
export async function markDamaged(q: Q, id: number, problemId: number) {
  await q.execute(
    sql`UPDATE publicity_facilities SET condition = 'damaged', problem_id = ${problemId}, version = version + 1, updated_at = now() WHERE id = ${id}`,
  );
}

/** The problem category a damaged facility is reported in: 部件 0302 宣传栏/公益广告牌, else 0392 公益广告缺失或破损 (active subcategories). */
export async function damageCategory(q: Q): Promise<number | null> {
  const r = await q.execute<{ id: number }>(sql`SELECT id FROM categories WHERE active AND level = 2 AND kind = 'component' AND code IN ('0302', '0392')
    ORDER BY code LIMIT 1`);
  return r.rows[0]?.id ?? null;
}

// ---- the map layer ----

export type MapRow = {
  kind: 'cluster' | 'point';
  n: number;
  lat: number;
  lng: number;
  damaged: number;
  id: number | null;
  kindId: number | null;
  condition: string | null;
  name: string | null;
};

/** Cells (count, centroid, damaged count) and, for small cells or a high zoom, the facilities themselves. */
export async function mapRows(
  q: Q,
  f: FacilityFilter,
  scope: RegionScope,
  c: { bbox: [number, number, number, number]; cell: number; allPoints: boolean; smallCell: number; maxPoints: number },
): Promise<MapRow[]> {
  const [minLng, minLat, maxLng, maxLat] = c.bbox;
  const conds = conditions(f, scope);
  if (!f.condition) conds.push(sql`f.condition <> 'removed'`);
  const r = await q.execute<MapRow>(sql`
    WITH x AS (
      SELECT f.id, f.kind_id, f.condition, f.name, f.lat, f.lng, floor(f.lng / ${c.cell})::int AS gx, floor(f.lat / ${c.cell})::int AS gy
      FROM publicity_facilities f
      WHERE point(f.lng, f.lat) <@ box(point(${minLng}, ${minLat}), point(${maxLng}, ${maxLat})) AND ${sql.join(conds, sql` AND `)}),
    g AS (SELECT gx, gy, count(*)::int AS n, avg(lat) AS lat, avg(lng) AS lng, count(*) FILTER (WHERE condition = 'damaged')::int AS damaged FROM x GROUP BY gx, gy)
    SELECT 'cluster' AS kind, n, lat, lng, damaged, NULL::bigint AS id, NULL::int AS "kindId", NULL AS condition, NULL AS name FROM g
      WHERE NOT (${c.allPoints} OR n <= ${c.smallCell})
    UNION ALL
    (SELECT 'point', 1, x.lat, x.lng, (x.condition = 'damaged')::int, x.id, x.kind_id, x.condition, x.name FROM x JOIN g USING (gx, gy)
      WHERE ${c.allPoints} OR g.n <= ${c.smallCell} LIMIT ${c.maxPoints})`);
  return r.rows;
}

// ---- points and their requirement ----

export interface PlaceRow {
  id: number;
  name: string;
  pointType: string | null;
  regionCode: string;
}
export async function placeOf(q: Q, id: number, scope: RegionScope): Promise<PlaceRow | null> {
  return (
    (
      await q.execute<any>(
        sql`SELECT id, name, point_type AS "pointType", region_code AS "regionCode" FROM places WHERE id = ${id} AND ${inScope(sql`region_code`, scope)}`,
      )
    ).rows[0] ?? null
  );
}

export interface ShortRow {
  placeId: number;
  placeName: string;
  pointType: string;
  regionCode: string;
  regionName: string | null;
  requirementVersion: number;
  lines: { kindId: number | null; themeId: number | null; minCount: number; have: number }[];
}

/**
 * The points (places with a point type that has a current requirement) under
 * `region` whose facilities fall short of a line of it, at most `limit`.
 * A line counts the point's facilities in a counted condition of its kind
 * and/or theme (domain/publicity.ts matchesLine, the same rule).
 */
export async function shortPoints(q: Q, region: string, scope: RegionScope, limit: number): Promise<ShortRow[]> {
  const r = await q.execute<any>(sql`
    WITH req AS (
      SELECT r.point_type, r.version, i.seq, i.kind_id, i.theme_id, i.min_count
      FROM publicity_requirements r JOIN publicity_requirement_items i ON i.requirement_id = r.id WHERE r.current),
    pts AS (
      SELECT p.id, p.name, p.point_type, p.region_code FROM places p
      WHERE p.region_code LIKE ${region + '%'} AND ${inScope(sql`p.region_code`, scope)} AND p.point_type IN (SELECT point_type FROM req)),
    have AS (
      SELECT f.place_id, f.kind_id, f.theme_id, count(*)::int AS n FROM publicity_facilities f JOIN pts ON pts.id = f.place_id
      WHERE f.condition <> 'removed' AND f.condition = ANY(${sql.param(COUNTED_CONDITIONS)}::text[])
      GROUP BY f.place_id, f.kind_id, f.theme_id),
    lines AS (
      SELECT pts.id, pts.name, pts.point_type, pts.region_code, req.version, req.seq, req.kind_id, req.theme_id, req.min_count, coalesce(sum(h.n), 0)::int AS have
      FROM pts JOIN req ON req.point_type = pts.point_type
        LEFT JOIN have h ON h.place_id = pts.id AND (req.kind_id IS NULL OR h.kind_id = req.kind_id) AND (req.theme_id IS NULL OR h.theme_id = req.theme_id)
      GROUP BY pts.id, pts.name, pts.point_type, pts.region_code, req.version, req.seq, req.kind_id, req.theme_id, req.min_count),
    short AS (SELECT id FROM lines GROUP BY id HAVING bool_or(have < min_count) ORDER BY id LIMIT ${limit})
    SELECT l.id AS "placeId", l.name AS "placeName", l.point_type AS "pointType", l.region_code AS "regionCode", rg.name AS "regionName",
      l.version AS "requirementVersion",
      json_agg(json_build_object('kindId', l.kind_id, 'themeId', l.theme_id, 'minCount', l.min_count, 'have', l.have) ORDER BY l.seq) AS lines
    FROM lines l JOIN short s ON s.id = l.id LEFT JOIN regions rg ON rg.code = substr(l.region_code, 1, 12)
    GROUP BY l.id, l.name, l.point_type, l.region_code, rg.name, l.version ORDER BY l.region_code, l.name, l.id`);
  return r.rows;
}

// ---- the figures ----

/** Facilities installed in the period under `region`, by their kind's group. */
export async function installedByGroup(q: Q, region: string, from: string, to: string): Promise<Record<string, number>> {
  const r = await q.execute<{ grp: string; n: number }>(sql`SELECT coalesce(k.grp, 'other') AS grp, count(*)::int AS n
    FROM publicity_facilities f JOIN publicity_terms k ON k.id = f.kind_id
    WHERE ${inRegion(region, { town: sql`f.town_code`, region: sql`f.region_code` })} AND f.installed_on BETWEEN ${from}::date AND ${to}::date
    GROUP BY 1`);
  return Object.fromEntries(r.rows.map((x) => [x.grp, Number(x.n)]));
}

export interface HistoryRow {
  at: Date;
  actorName: string | null;
  action: string;
  fromCondition: string | null;
  toCondition: string | null;
  problemId: number | null;
  problemCode: string | null;
  problemState: string | null;
}

/**
 * A facility's history from its audit rows (recorded, imported, changed,
 * reported damaged), oldest first, each with the condition before and after
 * and the problem a damage report opened.
 */
export async function facilityHistory(q: Q, id: number): Promise<HistoryRow[]> {
  return (
    await q.execute<any>(sql`SELECT a.at, a.actor_name AS "actorName", a.action, a.before->>'condition' AS "fromCondition",
      coalesce(a.after->>'condition', CASE WHEN a.action = 'publicity.mark_damaged' THEN 'damaged' END) AS "toCondition",
      pr.id AS "problemId", pr.code AS "problemCode", pr.state AS "problemState"
    FROM audit_log a LEFT JOIN problems pr ON a.action = 'publicity.mark_damaged' AND pr.id = (a.after->>'problemId')::bigint
    WHERE a.entity = 'publicity_facility' AND a.entity_id = ${String(id)} ORDER BY a.id LIMIT 500`)
  ).rows.map((r) => ({ ...r, problemId: r.problemId == null ? null : Number(r.problemId) }));
}
