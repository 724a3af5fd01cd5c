// SQL of the forecast: the towns' cycles under a region with their weights,
// the standards of their versions, the places of each point type and the mock
// evaluations of a span with their item grades (the latest per place as of a
// day is worked out in forecast.field.ts), and the material slots with the
// kinds accepted as of a day.
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

/** A place of a point type under the region. */
export interface FieldPlace {
  id: number;
  community: string;
  pointType: string;
}
/** A finished mock evaluation of a place of a point type, with its scored checklist items (不涉及 left out). */
export interface FieldEvaluation {
  id: number;
  placeId: number;
  onDate: string;
  score: number | null;
  max: number | null;
  /** The place's community and point type. */
  community: string;
  pointType: string;
  grades: { item: string; score: number; points: number }[];
}
/** What the field pillar reads over a span: the places, and every evaluation in it, oldest first per place (forecast.field.ts). */
export interface FieldHistory {
  places: FieldPlace[];
  evaluations: FieldEvaluation[];
}

/** The places of a point type under `prefix`, and the mock evaluations made under it in [from, to] with their item grades. */
export async function fieldHistory(q: Q, prefix: string, from: string, to: string): Promise<FieldHistory> {
  const places = await q.execute<any>(sql`
    SELECT id, region_code AS community, point_type AS "pointType" FROM places WHERE region_code LIKE ${`${prefix}%`} AND point_type IS NOT NULL`);
  // The place's community and type come with the evaluation: a place outside the region still counts in its items.
  const evals = sql`
    SELECT i.id, i.place_id, i.on_date, i.score, i.max_score, p.region_code, p.point_type
    FROM inspections i JOIN places p ON p.id = i.place_id
    WHERE i.kind = 'mock_evaluation' AND i.state = 'finished' AND i.region_code LIKE ${`${prefix}%`} AND i.on_date BETWEEN ${from} AND ${to}
      AND p.point_type IS NOT NULL`;
  const list = await q.execute<any>(sql`
    SELECT e.id, e.place_id AS "placeId", e.on_date::text AS "onDate", e.score, e.max_score AS max, e.region_code AS community, e.point_type AS "pointType"
    FROM (${evals}) e ORDER BY e.place_id, e.on_date, e.id`);
  const grades = await q.execute<{ id: number; item: string; score: number; points: number }>(sql`
    SELECT g.inspection_id AS id, ci.code AS item, g.score, g.points
    FROM (${evals}) e JOIN inspection_grades g ON g.inspection_id = e.id JOIN checklist_items ci ON ci.id = g.item_id
    WHERE g.score IS NOT NULL ORDER BY g.inspection_id, g.item_id`);
  const by = new Map<number, FieldEvaluation>();
  const evaluations: FieldEvaluation[] = list.rows.map((r) => {
    const e = { ...r, id: Number(r.id), placeId: Number(r.placeId), grades: [] };
    by.set(e.id, e);
    return e;
  });
  for (const g of grades.rows) by.get(Number(g.id))?.grades.push({ item: g.item, score: g.score, points: g.points });
  return { places: places.rows.map((p) => ({ ...p, id: Number(p.id) })), evaluations };
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
