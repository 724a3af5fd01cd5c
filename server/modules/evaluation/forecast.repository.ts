// SQL of the forecast: the towns' cycles under a region with their weights,
// the standards of their versions, the mock evaluations' latest result per
// place (by checklist item and as a whole) with the places of each point type,
// and the material slots with the kinds accepted as of a day.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';

export interface ForecastCycle {
  id: number;
  townCode: string;
  townName: string;
  year: number;
  systemId: number;
  testMonth: string;
  weights: { field: number; material: number; survey: number };
}

/** Each town's cycle under `prefix` (a county, a town, a community's town): of `year`, else its latest before. */
export async function cycles(q: Q, prefix: string, year: number): Promise<ForecastCycle[]> {
  const r = await q.execute<any>(sql`
    SELECT DISTINCT ON (c.town_code) c.id, c.town_code AS "townCode", COALESCE(rg.name, c.town_code) AS "townName", c.year, c.system_id AS "systemId",
      to_char(c.test_month, 'YYYY-MM') AS "testMonth",
      json_build_object('field', c.weight_field, 'material', c.weight_material, 'survey', c.weight_survey) AS weights
    FROM evaluation_cycles c LEFT JOIN regions rg ON rg.code = c.town_code
    WHERE c.town_code LIKE ${`${prefix.slice(0, 9)}%`} AND c.year <= ${year} ORDER BY c.town_code, c.year DESC`);
  return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
}

export interface StandardRow {
  id: number;
  systemId: number;
  code: string;
  name: string;
  methods: string[];
  points: number;
  pointTypes: string[];
  checklistItems: string[];
}

export async function standards(q: Q, systemIds: number[]): Promise<StandardRow[]> {
  if (!systemIds.length) return [];
  const r = await q.execute<any>(sql`
    SELECT id, system_id AS "systemId", code, name, methods, COALESCE(points, 0)::float8 AS points, point_types AS "pointTypes",
      checklist_items AS "checklistItems"
    FROM evaluation_nodes WHERE system_id = ANY(${sql.param(systemIds)}::int[]) AND level = 'standard' ORDER BY system_id, sort`);
  return r.rows;
}

/** Per community and point type: the places, those with a mock evaluation in [from, to], and their latest scores summed. */
export type PlaceRow = {
  community: string;
  pointType: string;
  places: number;
  evaluated: number;
  score: number;
  max: number;
};
/** Per community, point type and checklist item: the latest evaluations' item scores summed (items 不涉及 left out). */
export type ItemRow = {
  community: string;
  pointType: string;
  item: string;
  score: number;
  points: number;
};

const LATEST = (prefix: string, from: string, to: string) => sql`
  SELECT DISTINCT ON (i.place_id) i.id, i.place_id, i.score, i.max_score
  FROM inspections i
  WHERE i.kind = 'mock_evaluation' AND i.state = 'finished' AND i.place_id IS NOT NULL
    AND i.region_code LIKE ${`${prefix}%`} AND i.on_date BETWEEN ${from} AND ${to}
  ORDER BY i.place_id, i.on_date DESC, i.id DESC`;

export async function fieldResults(q: Q, prefix: string, from: string, to: string): Promise<{ places: PlaceRow[]; items: ItemRow[] }> {
  const places = await q.execute<PlaceRow>(sql`
    WITH latest AS (${LATEST(prefix, from, to)})
    SELECT p.region_code AS community, p.point_type AS "pointType", count(*)::int AS places, count(l.id)::int AS evaluated,
      COALESCE(sum(l.score), 0)::float8 AS score, COALESCE(sum(l.max_score), 0)::float8 AS max
    FROM places p LEFT JOIN latest l ON l.place_id = p.id
    WHERE p.region_code LIKE ${`${prefix}%`} AND p.point_type IS NOT NULL GROUP BY 1, 2`);
  const items = await q.execute<ItemRow>(sql`
    WITH latest AS (${LATEST(prefix, from, to)})
    SELECT p.region_code AS community, p.point_type AS "pointType", ci.code AS item, sum(g.score)::float8 AS score, sum(g.points)::float8 AS points
    FROM latest l JOIN places p ON p.id = l.place_id JOIN inspection_grades g ON g.inspection_id = l.id JOIN checklist_items ci ON ci.id = g.item_id
    WHERE g.score IS NOT NULL AND p.point_type IS NOT NULL GROUP BY 1, 2, 3`);
  return { places: places.rows, items: items.rows };
}

/** The kinds accepted per standard by the end of `asOf` (a China date), or now (null). */
export async function acceptedAsOf(q: Q, cycleIds: number[], asOf: string | null) {
  if (!cycleIds.length) return [];
  const by = asOf ? sql`AND reviewed_at < (${asOf}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'` : sql``;
  const r = await q.execute<{ cycleId: number; nodeId: number; unitId: number; kind: string }>(sql`
    SELECT DISTINCT cycle_id AS "cycleId", node_id AS "nodeId", unit_id AS "unitId", kind FROM evaluation_materials
    WHERE cycle_id = ANY(${sql.param(cycleIds)}::int[]) AND state = 'accepted' ${by}`);
  return r.rows;
}

/** The communities under a town or a county (a community: itself), with their names. */
export async function communities(q: Q, prefix: string) {
  const r = await q.execute<{ code: string; name: string }>(sql`
    SELECT code, name FROM regions WHERE code LIKE ${`${prefix}%`} AND level = 'community' ORDER BY code`);
  return r.rows;
}

export interface WaveRow {
  id: number;
  townCode: string;
  townName: string;
  name: string;
  endsOn: string;
}

/** The closed survey waves of the towns under a region (read, the polls module's), oldest first. */
export async function closedWaves(q: Q, region: string): Promise<WaveRow[]> {
  const r = await q.execute<any>(sql`
    SELECT w.id, w.town_code AS "townCode", COALESCE(rg.name, w.town_code) AS "townName", w.name, w.ends_on::text AS "endsOn"
    FROM poll_waves w LEFT JOIN regions rg ON rg.code = w.town_code
    WHERE w.state = 'closed' AND w.town_code LIKE ${`${region.slice(0, 9)}%`} ORDER BY w.ends_on, w.id`);
  return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
}
