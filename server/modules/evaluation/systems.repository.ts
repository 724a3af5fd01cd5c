// SQL of the 测评体系 versions and their trees. A version and its nodes are
// inserted once and never updated: a change is a new version.
import { sql } from 'drizzle-orm';
import type { Q, Tx } from '../../db/pool.ts';

export interface SystemRow {
  id: number;
  townCode: string;
  version: number;
  name: string;
  source: 'seed' | 'import';
  standards: number;
  points: number;
  createdAt: Date;
  createdByName: string | null;
  cycles: number[];
}

const SYSTEM_COLUMNS = sql`s.id, s.town_code AS "townCode", s.version, s.name, s.source, s.created_at AS "createdAt", pe.name AS "createdByName",
  (SELECT count(*)::int FROM evaluation_nodes n WHERE n.system_id = s.id AND n.level = 'standard') AS standards,
  (SELECT COALESCE(sum(n.points), 0)::float8 FROM evaluation_nodes n WHERE n.system_id = s.id AND n.level = 'standard') AS points,
  COALESCE((SELECT array_agg(c.year ORDER BY c.year) FROM evaluation_cycles c WHERE c.system_id = s.id), '{}') AS cycles`;

export async function systems(q: Q, townCode: string): Promise<SystemRow[]> {
  const r = await q.execute<any>(sql`
    SELECT ${SYSTEM_COLUMNS} FROM evaluation_systems s LEFT JOIN people pe ON pe.id = s.created_by
    WHERE s.town_code = ${townCode} ORDER BY s.version DESC`);
  return r.rows;
}

export async function system(q: Q, id: number): Promise<SystemRow | null> {
  const r = await q.execute<any>(sql`
    SELECT ${SYSTEM_COLUMNS} FROM evaluation_systems s LEFT JOIN people pe ON pe.id = s.created_by WHERE s.id = ${id}`);
  return r.rows[0] ?? null;
}

export interface NodeRow {
  id: number;
  parentId: number | null;
  level: 'item' | 'content' | 'standard';
  code: string;
  name: string;
  methods: string[];
  points: number | null;
  departmentNames: string[];
  units: { id: number; name: string }[];
  pointTypes: string[];
  checklistItems: string[];
  materialKinds: string[];
}

export async function nodes(q: Q, systemId: number): Promise<NodeRow[]> {
  const r = await q.execute<any>(sql`
    SELECT n.id, n.parent_id AS "parentId", n.level, n.code, n.name, n.methods, n.points::float8 AS points,
      n.department_names AS "departmentNames", n.point_types AS "pointTypes", n.checklist_items AS "checklistItems",
      n.material_kinds AS "materialKinds",
      COALESCE((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name)
        FROM evaluation_node_units nu JOIN units u ON u.id = nu.unit_id WHERE nu.node_id = n.id), '[]'::json) AS units
    FROM evaluation_nodes n WHERE n.system_id = ${systemId} ORDER BY n.sort`);
  return r.rows;
}

/** The town's next version number (the town's versions locked against a concurrent import). */
export async function nextVersion(tx: Tx, townCode: string): Promise<number> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('evaluation_systems'), ${Number(townCode.slice(-6))})`);
  const r = await tx.execute<{ v: number }>(sql`SELECT COALESCE(max(version), 0)::int + 1 AS v FROM evaluation_systems WHERE town_code = ${townCode}`);
  return r.rows[0].v;
}

export async function insertSystem(tx: Tx, v: { townCode: string; version: number; name: string; source: string; createdBy: number }) {
  const r = await tx.execute<{ id: number }>(sql`
    INSERT INTO evaluation_systems (town_code, version, name, source, created_by)
    VALUES (${v.townCode}, ${v.version}, ${v.name}, ${v.source}, ${v.createdBy}) RETURNING id`);
  return Number(r.rows[0].id);
}

export interface NewNode {
  level: 'item' | 'content' | 'standard';
  code: string;
  name: string;
  methods: string[];
  points: number | null;
  departmentNames: string[];
  unitIds: number[];
  pointTypes: string[];
  checklistItems: string[];
  materialKinds: string[];
  /** Index of the parent in the same list (items: null). */
  parent: number | null;
}

/** The nodes in order (parents before children); returns their ids. */
export async function insertNodes(tx: Tx, systemId: number, list: NewNode[]): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, n] of list.entries()) {
    const r = await tx.execute<{ id: number }>(sql`
      INSERT INTO evaluation_nodes (system_id, parent_id, level, code, name, sort, methods, points, department_names, point_types, checklist_items, material_kinds)
      VALUES (${systemId}, ${n.parent == null ? null : ids[n.parent]}, ${n.level}, ${n.code}, ${n.name}, ${i},
        ${sql.param(n.methods)}::text[], ${n.points}, ${sql.param(n.departmentNames)}::text[], ${sql.param(n.pointTypes)}::text[],
        ${sql.param(n.checklistItems)}::text[], ${sql.param(n.materialKinds)}::text[])
      RETURNING id`);
    ids.push(Number(r.rows[0].id));
    for (const u of n.unitIds) await tx.execute(sql`INSERT INTO evaluation_node_units (node_id, unit_id) VALUES (${ids[i]}, ${u}) ON CONFLICT DO NOTHING`);
  }
  return ids;
}

/** Checklist items of the current checklists, by code (the link a field standard keeps is the code). */
export async function checklistItemsByCode(q: Q): Promise<Map<string, { pointType: string; title: string }>> {
  const r = await q.execute<{ code: string; pointType: string; title: string }>(sql`
    SELECT it.code, c.point_type AS "pointType", it.title FROM checklist_items it JOIN checklists c ON c.id = it.checklist_id WHERE c.current`);
  return new Map(r.rows.map((x) => [x.code, { pointType: x.pointType, title: x.title }]));
}
