// SQL of a town's evaluation cycles and the assignments they make: each
// 材料审核 standard of the cycle's version × each of its units.
import { sql } from 'drizzle-orm';
import type { Q, Tx } from '../../db/pool.ts';

export interface CycleRow {
  id: number;
  townCode: string;
  year: number;
  systemId: number;
  systemVersion: number;
  systemName: string;
  testMonth: string;
  deadline: string;
  remindDays: number;
  weights: { field: number; material: number; survey: number };
  version: number;
  assignments: number;
  updatedAt: Date;
}

const CYCLE = sql`c.id, c.town_code AS "townCode", c.year, c.system_id AS "systemId", s.version AS "systemVersion", s.name AS "systemName",
  to_char(c.test_month, 'YYYY-MM') AS "testMonth", c.deadline::text AS deadline, c.remind_days AS "remindDays",
  json_build_object('field', c.weight_field, 'material', c.weight_material, 'survey', c.weight_survey) AS weights, c.version, c.updated_at AS "updatedAt",
  (SELECT count(*)::int FROM evaluation_assignments a WHERE a.cycle_id = c.id) AS assignments`;

export async function cycles(q: Q, townCode: string): Promise<CycleRow[]> {
  const r = await q.execute<any>(sql`
    SELECT ${CYCLE} FROM evaluation_cycles c JOIN evaluation_systems s ON s.id = c.system_id WHERE c.town_code = ${townCode} ORDER BY c.year DESC`);
  return r.rows;
}

export async function cycle(q: Q, id: number): Promise<CycleRow | null> {
  const r = await q.execute<any>(sql`SELECT ${CYCLE} FROM evaluation_cycles c JOIN evaluation_systems s ON s.id = c.system_id WHERE c.id = ${id}`);
  return r.rows[0] ?? null;
}

export async function cycleForUpdate(tx: Tx, townCode: string, year: number) {
  const r = await tx.execute<{ id: number; version: number; systemId: number }>(sql`
    SELECT id, version, system_id AS "systemId" FROM evaluation_cycles WHERE town_code = ${townCode} AND year = ${year} FOR UPDATE`);
  return r.rows[0] ?? null;
}

export interface CycleSettings {
  systemId: number;
  testMonth: string;
  deadline: string;
  remindDays: number;
  weights: { field: number; material: number; survey: number };
}

export async function insertCycle(tx: Tx, v: CycleSettings & { townCode: string; year: number; by: number }) {
  const r = await tx.execute<{ id: number }>(sql`
    INSERT INTO evaluation_cycles (town_code, year, system_id, test_month, deadline, remind_days, weight_field, weight_material, weight_survey, created_by)
    VALUES (${v.townCode}, ${v.year}, ${v.systemId}, ${`${v.testMonth}-01`}, ${v.deadline}, ${v.remindDays}, ${v.weights.field}, ${v.weights.material},
      ${v.weights.survey}, ${v.by})
    ON CONFLICT (town_code, year) DO NOTHING RETURNING id`);
  return r.rows[0] ? Number(r.rows[0].id) : null;
}

export async function updateCycle(tx: Tx, id: number, v: CycleSettings) {
  await tx.execute(sql`
    UPDATE evaluation_cycles SET system_id = ${v.systemId}, test_month = ${`${v.testMonth}-01`}, deadline = ${v.deadline},
      remind_days = ${v.remindDays}, weight_field = ${v.weights.field}, weight_material = ${v.weights.material}, weight_survey = ${v.weights.survey},
      version = version + 1, updated_at = now() WHERE id = ${id}`);
}

export async function materialCount(q: Q, cycleId: number): Promise<number> {
  const r = await q.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM evaluation_materials WHERE cycle_id = ${cycleId}`);
  return r.rows[0].n;
}

/** The (standard, unit) pairs the cycle's version asks materials of, and those the cycle already has. */
export async function wantedAssignments(q: Q, cycleId: number) {
  const r = await q.execute<{ nodeId: number; unitId: number; unitRegion: string; name: string; code: string; existing: number | null }>(sql`
    SELECT n.id AS "nodeId", nu.unit_id AS "unitId", u.region_code AS "unitRegion", n.name, n.code, a.id AS existing
    FROM evaluation_cycles c
    JOIN evaluation_nodes n ON n.system_id = c.system_id AND n.level = 'standard' AND 'material' = ANY(n.methods)
    JOIN evaluation_node_units nu ON nu.node_id = n.id
    JOIN units u ON u.id = nu.unit_id
    LEFT JOIN evaluation_assignments a ON a.cycle_id = c.id AND a.node_id = n.id AND a.unit_id = nu.unit_id
    WHERE c.id = ${cycleId} ORDER BY n.sort, nu.unit_id`);
  return r.rows;
}

/** Assignments of the cycle whose standard is not in its version any more (the version was switched before any material). */
export async function staleAssignments(q: Q, cycleId: number): Promise<number[]> {
  const r = await q.execute<{ id: number }>(sql`
    SELECT a.id FROM evaluation_assignments a JOIN evaluation_cycles c ON c.id = a.cycle_id
    JOIN evaluation_nodes n ON n.id = a.node_id WHERE a.cycle_id = ${cycleId} AND n.system_id <> c.system_id`);
  return r.rows.map((x) => Number(x.id));
}

export async function deleteAssignments(tx: Tx, ids: number[]) {
  if (ids.length) await tx.execute(sql`DELETE FROM evaluation_assignments WHERE id = ANY(${sql.param(ids)}::bigint[])`);
}

export async function insertAssignment(tx: Tx, v: { cycleId: number; nodeId: number; unitId: number; townCode: string; deadline: string }) {
  const r = await tx.execute<{ id: number }>(sql`
    INSERT INTO evaluation_assignments (cycle_id, node_id, unit_id, town_code, deadline)
    VALUES (${v.cycleId}, ${v.nodeId}, ${v.unitId}, ${v.townCode}, ${v.deadline}) ON CONFLICT DO NOTHING RETURNING id`);
  return r.rows[0] ? Number(r.rows[0].id) : null;
}

/** A new default deadline moves the assignments that still had the old one. */
export async function moveDeadlines(tx: Tx, cycleId: number, from: string, to: string) {
  const r = await tx.execute<{ id: number; unitId: number; code: string; name: string }>(sql`
    UPDATE evaluation_assignments a SET deadline = ${to} FROM evaluation_nodes n
    WHERE a.cycle_id = ${cycleId} AND a.deadline = ${from} AND n.id = a.node_id
    RETURNING a.id, a.unit_id AS "unitId", n.code, n.name`);
  return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
}
