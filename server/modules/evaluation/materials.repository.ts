// SQL of the departments' materials: the assignments with their materials,
// inserting a material, the one review decision, completeness inputs, and the
// evidence records of other registers (read only, within the town).
import { sql, type SQL } from 'drizzle-orm';
import type { Q, Tx } from '../../db/pool.ts';

export interface MaterialRow {
  id: number;
  assignmentId: number;
  nodeId: number;
  unitId: number;
  unitName: string;
  kind: string;
  title: string;
  dated: string;
  fileKind: string | null;
  fileId: number | null;
  fileName: string | null;
  evidenceType: string | null;
  evidenceId: number | null;
  evidenceRef: string | null;
  state: 'submitted' | 'accepted' | 'returned';
  reviewComment: string | null;
  reviewedByName: string | null;
  reviewedAt: Date | null;
  version: number;
  createdByName: string | null;
  createdAt: Date;
  townCode: string;
  cycleId: number;
}

const MATERIAL = sql`m.id, m.assignment_id AS "assignmentId", m.node_id AS "nodeId", m.unit_id AS "unitId", u.name AS "unitName", m.kind, m.title,
  m.dated::text AS dated, m.file_kind AS "fileKind", m.file_id AS "fileId",
  CASE WHEN m.file_kind = 'document' THEN (SELECT f.name FROM files f WHERE f.id = m.file_id) END AS "fileName",
  m.evidence_type AS "evidenceType", m.evidence_id AS "evidenceId", m.evidence_ref AS "evidenceRef", m.state, m.review_comment AS "reviewComment",
  rv.name AS "reviewedByName", m.reviewed_at AS "reviewedAt", m.version, cb.name AS "createdByName", m.created_at AS "createdAt",
  m.town_code AS "townCode", m.cycle_id AS "cycleId"`;
const MATERIAL_FROM = sql`evaluation_materials m JOIN units u ON u.id = m.unit_id
  LEFT JOIN people rv ON rv.id = m.reviewed_by LEFT JOIN people cb ON cb.id = m.created_by`;

export async function material(q: Q, id: number): Promise<MaterialRow | null> {
  const r = await q.execute<any>(sql`SELECT ${MATERIAL} FROM ${MATERIAL_FROM} WHERE m.id = ${id}`);
  return r.rows[0] ?? null;
}

export async function materialsOf(q: Q, assignmentIds: number[]): Promise<MaterialRow[]> {
  if (!assignmentIds.length) return [];
  const r = await q.execute<any>(sql`
    SELECT ${MATERIAL} FROM ${MATERIAL_FROM} WHERE m.assignment_id = ANY(${sql.param(assignmentIds)}::bigint[]) ORDER BY m.id`);
  return r.rows;
}

export interface AssignmentRow {
  id: number;
  cycleId: number;
  nodeId: number;
  code: string;
  name: string;
  path: string;
  points: number | null;
  kinds: string[];
  unitId: number;
  unitName: string;
  deadline: string;
  townCode: string;
  year: number;
  testMonth: string;
}

export interface AssignmentFilter {
  cycleId: number;
  /** null: every unit (the office); else only these (a liaison). */
  units: number[] | null;
  unitId?: number;
  id?: number;
  after?: number;
  limit: number;
}

export async function assignments(q: Q, f: AssignmentFilter): Promise<AssignmentRow[]> {
  const conds: SQL[] = [sql`a.cycle_id = ${f.cycleId}`];
  if (f.units) conds.push(sql`a.unit_id = ANY(${sql.param(f.units)}::int[])`);
  if (f.unitId) conds.push(sql`a.unit_id = ${f.unitId}`);
  if (f.id) conds.push(sql`a.id = ${f.id}`);
  if (f.after) conds.push(sql`a.id > ${f.after}`);
  const r = await q.execute<any>(sql`
    SELECT a.id, a.cycle_id AS "cycleId", a.node_id AS "nodeId", n.code, n.name, concat_ws(' / ', it.name, ct.name) AS path,
      n.points::float8 AS points, n.material_kinds AS kinds, a.unit_id AS "unitId", u.name AS "unitName", a.deadline::text AS deadline,
      a.town_code AS "townCode", c.year, to_char(c.test_month, 'YYYY-MM') AS "testMonth"
    FROM evaluation_assignments a JOIN evaluation_nodes n ON n.id = a.node_id JOIN units u ON u.id = a.unit_id
    JOIN evaluation_cycles c ON c.id = a.cycle_id
    LEFT JOIN evaluation_nodes ct ON ct.id = n.parent_id LEFT JOIN evaluation_nodes it ON it.id = ct.parent_id
    WHERE ${sql.join(conds, sql` AND `)} ORDER BY a.id LIMIT ${f.limit}`);
  return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
}

export async function assignmentById(q: Q, id: number): Promise<AssignmentRow | null> {
  const r = await q.execute<{ cycleId: number }>(sql`SELECT cycle_id AS "cycleId" FROM evaluation_assignments WHERE id = ${id}`);
  if (!r.rows[0]) return null;
  return (await assignments(q, { cycleId: r.rows[0].cycleId, units: null, id, limit: 1 }))[0] ?? null;
}

/** Every assignment of the cycle (slots) and every accepted / submitted material (for completeness and what is owed). */
export async function slots(q: Q, cycleId: number, nodeIds?: number[]) {
  const nodes = nodeIds ? sql`AND a.node_id = ANY(${sql.param(nodeIds)}::int[])` : sql``;
  const r = await q.execute<{ id: number; nodeId: number; unitId: number; kinds: string[] }>(sql`
    SELECT a.id, a.node_id AS "nodeId", a.unit_id AS "unitId", n.material_kinds AS kinds
    FROM evaluation_assignments a JOIN evaluation_nodes n ON n.id = a.node_id WHERE a.cycle_id = ${cycleId} ${nodes}`);
  return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
}

export async function materialStates(q: Q, cycleId: number, nodeIds?: number[]) {
  const nodes = nodeIds ? sql`AND node_id = ANY(${sql.param(nodeIds)}::int[])` : sql``;
  const r = await q.execute<{ nodeId: number; unitId: number; kind: string; state: string; n: number }>(sql`
    SELECT node_id AS "nodeId", unit_id AS "unitId", kind, state, count(*)::int AS n
    FROM evaluation_materials WHERE cycle_id = ${cycleId} ${nodes} GROUP BY 1, 2, 3, 4`);
  return r.rows;
}

export async function insertMaterial(
  tx: Tx,
  v: {
    assignmentId: number;
    cycleId: number;
    nodeId: number;
    unitId: number;
    townCode: string;
    kind: string;
    title: string;
    dated: string;
    fileKind: string | null;
    fileId: number | null;
    evidenceType: string | null;
    evidenceId: number | null;
    evidenceRef: string | null;
    by: number;
  },
) {
  const r = await tx.execute<{ id: number }>(sql`
    INSERT INTO evaluation_materials (assignment_id, cycle_id, node_id, unit_id, town_code, kind, title, dated, file_kind, file_id,
      evidence_type, evidence_id, evidence_ref, created_by)
    VALUES (${v.assignmentId}, ${v.cycleId}, ${v.nodeId}, ${v.unitId}, ${v.townCode}, ${v.kind}, ${v.title}, ${v.dated}, ${v.fileKind}, ${v.fileId},
      ${v.evidenceType}, ${v.evidenceId}, ${v.evidenceRef}, ${v.by}) RETURNING id`);
  return Number(r.rows[0].id);
}

/** The one review decision: only a submitted material at the version the reviewer saw moves; anything else is null (a 409). */
export async function decide(tx: Tx, id: number, version: number, state: 'accepted' | 'returned', comment: string | null, by: number) {
  const r = await tx.execute<{ id: number }>(sql`
    UPDATE evaluation_materials SET state = ${state}, review_comment = ${comment}, reviewed_by = ${by}, reviewed_at = now(), version = version + 1
    WHERE id = ${id} AND state = 'submitted' AND version = ${version} RETURNING id`);
  return r.rows.length > 0;
}

/** A record of another register named as evidence: its title and day, if it is the town's. */
export async function evidenceRecord(q: Q, type: 'meeting' | 'activity' | 'notice' | 'campaign', id: number, townCode: string) {
  const like = `${townCode}%`;
  const query = {
    meeting: sql`SELECT title, day::text AS day FROM meetings WHERE id = ${id} AND town_code = ${townCode}`,
    activity: sql`SELECT title, on_date::text AS day FROM activities WHERE id = ${id} AND region_code LIKE ${like} AND state = 'held'`,
    notice: sql`SELECT title, issue_date::text AS day FROM notices WHERE id = ${id} AND town_code = ${townCode}`,
    campaign: sql`SELECT theme AS title, start_date::text AS day FROM campaigns WHERE id = ${id} AND town_code = ${townCode}`,
  }[type];
  const r = await q.execute<{ title: string; day: string }>(query);
  return r.rows[0] ?? null;
}

/** The material slots (standard × unit with its required kinds) of several cycles at once, each with its cycle. */
export async function slotsOfCycles(q: Q, cycleIds: number[]) {
  if (!cycleIds.length) return [];
  const r = await q.execute<{ cycleId: number; nodeId: number; unitId: number; kinds: string[] }>(sql`
    SELECT a.cycle_id AS "cycleId", a.node_id AS "nodeId", a.unit_id AS "unitId", n.material_kinds AS kinds
    FROM evaluation_assignments a JOIN evaluation_nodes n ON n.id = a.node_id WHERE a.cycle_id = ANY(${sql.param(cycleIds)}::int[])`);
  return r.rows;
}

/** materialStates() of several cycles at once (a county's figures), each row with its cycle. */
export async function statesOfCycles(q: Q, cycleIds: number[]) {
  if (!cycleIds.length) return [];
  const r = await q.execute<{ cycleId: number; nodeId: number; unitId: number; kind: string; state: string; n: number }>(sql`
    SELECT cycle_id AS "cycleId", node_id AS "nodeId", unit_id AS "unitId", kind, state, count(*)::int AS n
    FROM evaluation_materials WHERE cycle_id = ANY(${sql.param(cycleIds)}::int[]) GROUP BY 1, 2, 3, 4, 5`);
  return r.rows;
}

/** Each town's cycle a figure reads: under `region` (its town when a community), of `year`, else the town's latest before it. */
export async function cyclesForFigures(q: Q, region: string, year: number): Promise<{ id: number; townCode: string }[]> {
  const prefix = region.length > 9 ? region.slice(0, 9) : region;
  const r = await q.execute<{ id: number; townCode: string }>(sql`
    SELECT DISTINCT ON (town_code) id, town_code AS "townCode" FROM evaluation_cycles
    WHERE town_code LIKE ${`${prefix}%`} AND year <= ${year} ORDER BY town_code, year DESC`);
  return r.rows;
}
