// SQL of the office's inspection reads: a point's page and the
// mock-evaluation report. No rules here (scoring and grade coefficients live
// in domain/inspections/); every query takes the caller's read scope and
// filters inside the query, so a row outside it never leaves the database.
import { sql, type SQL } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { inScope, type RegionScope } from '../../db/scope.ts';
import type { Grade, InspectionKind } from '../../../domain/inspections/vocab.ts';

const TERMINAL = sql`('rejected', 'merged', 'closed')`;

// ---- a point's page ----

export type PlaceRow = {
  id: number;
  kind: string;
  name: string;
  region_code: string;
  point_type: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  is_demo_point: boolean;
  responsible_unit_id: number | null;
  unit_name: string | null;
  community_name: string | null;
  town_name: string | null;
  assignees: { id: number; name: string; title: string | null }[];
};

export async function place(q: Q, placeId: number, scope: RegionScope): Promise<PlaceRow | null> {
  const r = await q.execute<PlaceRow>(sql`
    SELECT pl.id, pl.kind, pl.name, pl.region_code, pl.point_type, pl.address, pl.lat, pl.lng, pl.is_demo_point, pl.responsible_unit_id,
           u.name AS unit_name, rc.name AS community_name, rt.name AS town_name,
           COALESCE((SELECT json_agg(json_build_object('id', pe.id, 'name', pe.name, 'title', pe.title) ORDER BY pe.name)
             FROM place_assignments pa JOIN people pe ON pe.id = pa.person_id WHERE pa.place_id = pl.id AND pa.valid_to IS NULL AND pe.active), '[]') AS assignees
    FROM places pl
    LEFT JOIN units u ON u.id = pl.responsible_unit_id
    LEFT JOIN regions rc ON rc.code = left(pl.region_code, 12)
    LEFT JOIN regions rt ON rt.code = left(pl.region_code, 9)
    WHERE pl.id = ${placeId} AND ${inScope(sql`pl.region_code`, scope)}`);
  return r.rows[0] ?? null;
}

export type InspectionHead = {
  id: number;
  kind: InspectionKind;
  state: string;
  on_date: string;
  finished_at: Date | null;
  inspector_name: string;
  batch: string | null;
  score: number | null;
  max_score: number | null;
  problems_found: number;
  checklist_id: number | null;
  checklist_version: number | null;
  checklist_title: string | null;
  point_type: string | null;
};

const HEAD = sql`i.id, i.kind, i.state, i.on_date::text AS on_date, i.finished_at, i.inspector_name, i.batch, i.score, i.max_score,
  i.problems_found, i.checklist_id, c.version AS checklist_version, c.title AS checklist_title, c.point_type`;

/** The latest finished inspection of the place that graded at least one item of a checklist. */
export async function latestGraded(q: Q, placeId: number, scope: RegionScope): Promise<InspectionHead | null> {
  const r = await q.execute<InspectionHead>(sql`SELECT ${HEAD} FROM inspections i JOIN checklists c ON c.id = i.checklist_id
    WHERE i.place_id = ${placeId} AND i.state = 'finished' AND ${inScope(sql`i.region_code`, scope)}
      AND EXISTS (SELECT 1 FROM inspection_grades g WHERE g.inspection_id = i.id AND g.grade IS NOT NULL)
    ORDER BY i.on_date DESC, i.finished_at DESC NULLS LAST, i.id DESC LIMIT 1`);
  return r.rows[0] ?? null;
}

export type GradeRow = {
  item_id: number;
  seq: number;
  code: string;
  title: string;
  criterion: string;
  points: number;
  grade: Grade | null;
  score: number | null;
  note: string | null;
};

/** Every item of the inspection's checklist version, with its grade (null: not graded or 不涉及). */
export async function grades(q: Q, inspectionId: number, checklistId: number): Promise<GradeRow[]> {
  const r = await q.execute<GradeRow>(sql`SELECT ci.id AS item_id, ci.seq, ci.code, ci.title, ci.criterion, ci.points, g.grade, g.score, g.note
    FROM checklist_items ci LEFT JOIN inspection_grades g ON g.item_id = ci.id AND g.inspection_id = ${inspectionId}
    WHERE ci.checklist_id = ${checklistId} ORDER BY ci.seq, ci.id`);
  return r.rows;
}

/** Finished scored inspections of the place since `from`, oldest first. */
export async function scoreTrend(q: Q, placeId: number, kinds: readonly string[], from: string, scope: RegionScope): Promise<InspectionHead[]> {
  const r = await q.execute<InspectionHead>(sql`SELECT ${HEAD} FROM inspections i LEFT JOIN checklists c ON c.id = i.checklist_id
    WHERE i.place_id = ${placeId} AND i.state = 'finished' AND i.kind = ANY(${sql.param([...kinds])}::text[]) AND i.max_score > 0
      AND i.on_date >= ${from}::date AND ${inScope(sql`i.region_code`, scope)}
    ORDER BY i.on_date, i.finished_at NULLS LAST, i.id`);
  return r.rows;
}

export async function countsByKind(q: Q, placeId: number, scope: RegionScope): Promise<{ kind: string; count: number; last_on: string }[]> {
  const r = await q.execute<{ kind: string; count: number; last_on: string }>(sql`SELECT i.kind, count(*)::int AS count, max(i.on_date)::text AS last_on
    FROM inspections i WHERE i.place_id = ${placeId} AND i.state = 'finished' AND ${inScope(sql`i.region_code`, scope)} GROUP BY i.kind`);
  return r.rows;
}

export async function recentInspections(q: Q, placeId: number, scope: RegionScope, limit = 20): Promise<InspectionHead[]> {
  const r = await q.execute<InspectionHead>(sql`SELECT ${HEAD} FROM inspections i LEFT JOIN checklists c ON c.id = i.checklist_id
    WHERE i.place_id = ${placeId} AND ${inScope(sql`i.region_code`, scope)}
    ORDER BY i.on_date DESC, i.started_at DESC, i.id DESC LIMIT ${limit}`);
  return r.rows;
}

export type ProblemRow = {
  id: number;
  code: string;
  state: string;
  source: string;
  source_id: number | null;
  region_code: string;
  community_code: string;
  community_name: string | null;
  place_name: string | null;
  category_name: string | null;
  description: string;
  tier: string;
  due_date: string | null;
  created_at: Date;
};
const PROBLEM_COLS = sql`p.id, p.code, p.state, p.source, p.source_id, p.region_code, left(p.region_code, 12) AS community_code,
  rc.name AS community_name, pl.name AS place_name, cat.name AS category_name, p.description, p.tier, p.due_date::text AS due_date, p.created_at`;
const PROBLEM_JOINS = sql`LEFT JOIN regions rc ON rc.code = left(p.region_code, 12) LEFT JOIN places pl ON pl.id = p.place_id
  LEFT JOIN categories cat ON cat.id = p.category_id`;

/** Problems at the place that are not closed, rejected or merged. */
export async function openProblemsAt(q: Q, placeId: number, scope: RegionScope): Promise<ProblemRow[]> {
  const r = await q.execute<ProblemRow>(sql`SELECT ${PROBLEM_COLS} FROM problems p ${PROBLEM_JOINS}
    WHERE p.place_id = ${placeId} AND p.state NOT IN ${TERMINAL} AND ${inScope(sql`p.region_code`, scope)}
    ORDER BY p.due_date NULLS LAST, p.id LIMIT 500`);
  return r.rows;
}

// ---- the mock-evaluation report ----

export interface EvalFilter {
  region: string;
  kind: string;
  batch?: string | null;
  from?: string | null;
  to?: string | null;
}

function evalWhere(f: EvalFilter, scope: RegionScope): SQL {
  const conds = [sql`i.kind = ${f.kind}`, sql`i.state = 'finished'`, sql`i.region_code LIKE ${f.region + '%'}`, inScope(sql`i.region_code`, scope)];
  if (f.batch) conds.push(sql`i.batch = ${f.batch}`);
  if (f.from) conds.push(sql`i.on_date >= ${f.from}::date`);
  if (f.to) conds.push(sql`i.on_date <= ${f.to}::date`);
  return sql.join(conds, sql` AND `);
}

export type EvalInspection = {
  id: number;
  community_code: string;
  place_id: number | null;
  place_name: string | null;
  point_type: string;
  on_date: string;
  inspector_name: string;
  score: number | null;
  max_score: number | null;
  problems_found: number;
};

/** The finished inspections of the report (with a checklist), oldest first: later rows are a point's later results. */
export async function evaluationInspections(q: Q, f: EvalFilter, scope: RegionScope): Promise<EvalInspection[]> {
  const r = await q.execute<EvalInspection>(sql`SELECT i.id, left(i.region_code, 12) AS community_code, i.place_id, pl.name AS place_name, c.point_type,
      i.on_date::text AS on_date, i.inspector_name, i.score, i.max_score, i.problems_found
    FROM inspections i JOIN checklists c ON c.id = i.checklist_id LEFT JOIN places pl ON pl.id = i.place_id
    WHERE ${evalWhere(f, scope)} ORDER BY i.on_date, i.finished_at NULLS LAST, i.id`);
  return r.rows;
}

export type GradeCount = {
  community_code: string;
  point_type: string;
  code: string;
  grade: string;
  n: number;
  title: string;
  criterion: string;
  points: number;
};

/**
 * How often each item (followed across checklist versions by its code) got
 * each grade in the report's inspections, per community. The wording shown
 * is the newest version's.
 */
export async function gradeCounts(q: Q, f: EvalFilter, scope: RegionScope): Promise<GradeCount[]> {
  const r = await q.execute<GradeCount>(sql`SELECT left(i.region_code, 12) AS community_code, c.point_type, ci.code, g.grade, count(*)::int AS n,
      (array_agg(ci.title ORDER BY c.version DESC))[1] AS title, (array_agg(ci.criterion ORDER BY c.version DESC))[1] AS criterion,
      (array_agg(ci.points ORDER BY c.version DESC))[1] AS points
    FROM inspections i JOIN inspection_grades g ON g.inspection_id = i.id JOIN checklist_items ci ON ci.id = g.item_id
    JOIN checklists c ON c.id = ci.checklist_id
    WHERE ${evalWhere(f, scope)} AND g.grade IS NOT NULL
    GROUP BY 1, 2, 3, 4`);
  return r.rows;
}

/** Problems the report's inspections raised (filed with the kind's source and the inspection as source_id). */
export async function problemsRaised(q: Q, f: EvalFilter, source: string, scope: RegionScope): Promise<(ProblemRow & { inspection_id: number })[]> {
  const r = await q.execute<ProblemRow & { inspection_id: number }>(sql`SELECT ${PROBLEM_COLS}, i.id AS inspection_id
    FROM inspections i JOIN problems p ON p.source_id = i.id AND p.source = ${source} ${PROBLEM_JOINS}
    WHERE ${evalWhere(f, scope)} AND ${inScope(sql`p.region_code`, scope)}
    ORDER BY left(p.region_code, 12), p.created_at, p.id`);
  return r.rows;
}

export type BatchRow = {
  batch: string;
  from: string;
  to: string;
  points: number;
  inspections: number;
  communities: number;
  inspectors: string[];
  in_progress: number;
};

/** Named batches of a kind in the region, newest first. */
export async function batches(q: Q, region: string, kind: string, scope: RegionScope): Promise<BatchRow[]> {
  const r = await q.execute<BatchRow>(sql`SELECT i.batch, min(i.on_date)::text AS "from", max(i.on_date)::text AS "to",
      count(DISTINCT coalesce(i.place_id::text, 'i' || i.id)) FILTER (WHERE i.state = 'finished')::int AS points,
      count(*) FILTER (WHERE i.state = 'finished')::int AS inspections,
      count(*) FILTER (WHERE i.state <> 'finished')::int AS in_progress,
      count(DISTINCT left(i.region_code, 12))::int AS communities,
      array_agg(DISTINCT i.inspector_name ORDER BY i.inspector_name) AS inspectors
    FROM inspections i
    WHERE i.kind = ${kind} AND i.batch IS NOT NULL AND i.region_code LIKE ${region + '%'} AND ${inScope(sql`i.region_code`, scope)}
    GROUP BY i.batch ORDER BY max(i.on_date) DESC, i.batch LIMIT 200`);
  return r.rows;
}

export async function regionNames(q: Q, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const r = await q.execute<{ code: string; name: string }>(sql`SELECT code, name FROM regions WHERE code = ANY(${sql.param(codes)}::text[])`);
  return new Map(r.rows.map((x) => [x.code, x.name]));
}
