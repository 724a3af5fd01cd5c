// SQL of the package (网上申报材料包): a cycle's materials in the tree's order
// with where each file lies in the store, and the town's name for the folder.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';

export interface PackageRow {
  id: number;
  itemCode: string;
  itemName: string;
  contentCode: string;
  contentName: string;
  nodeId: number;
  code: string;
  name: string;
  points: number | null;
  kind: string;
  title: string;
  dated: string;
  unitId: number;
  unitName: string;
  state: string;
  fileKind: string | null;
  /** The file store's kind of a document (pdf, docx, xlsx); photos are JPEG. */
  docKind: string | null;
  /** Relative to STORAGE_DIR. */
  path: string | null;
  evidenceType: string | null;
  evidenceId: number | null;
  evidenceRef: string | null;
  reviewedByName: string | null;
  /** As the driver gives it (a string from raw SQL). */
  reviewedAt: string | Date | null;
}

/** The cycle's materials in `states`, of `units` (null: all), in the tree's order, then by kind and id. */
export async function packageRows(q: Q, cycleId: number, states: string[], units: number[] | null): Promise<PackageRow[]> {
  const unitCond = units ? sql`AND m.unit_id = ANY(${sql.param(units)}::int[])` : sql``;
  const r = await q.execute<any>(sql`
    SELECT m.id, it.code AS "itemCode", it.name AS "itemName", ct.code AS "contentCode", ct.name AS "contentName",
      n.id AS "nodeId", n.code, n.name, n.points::float8 AS points, m.kind, m.title, m.dated::text AS dated,
      m.unit_id AS "unitId", u.name AS "unitName", m.state, m.file_kind AS "fileKind",
      f.kind AS "docKind", COALESCE(f.path, ph.path) AS path,
      m.evidence_type AS "evidenceType", m.evidence_id AS "evidenceId", m.evidence_ref AS "evidenceRef",
      rv.name AS "reviewedByName", m.reviewed_at AS "reviewedAt"
    FROM evaluation_materials m
    JOIN evaluation_nodes n ON n.id = m.node_id
    LEFT JOIN evaluation_nodes ct ON ct.id = n.parent_id LEFT JOIN evaluation_nodes it ON it.id = ct.parent_id
    JOIN units u ON u.id = m.unit_id
    LEFT JOIN files f ON m.file_kind = 'document' AND f.id = m.file_id
    LEFT JOIN problem_photos ph ON m.file_kind = 'photo' AND ph.id = m.file_id
    LEFT JOIN people rv ON rv.id = m.reviewed_by
    WHERE m.cycle_id = ${cycleId} AND m.state = ANY(${sql.param(states)}::text[]) ${unitCond}
    ORDER BY n.sort, array_position(n.material_kinds, m.kind), m.kind, m.id`);
  return r.rows.map((x) => ({ ...x, id: Number(x.id), evidenceId: x.evidenceId == null ? null : Number(x.evidenceId) }));
}

export async function regionName(q: Q, code: string): Promise<string> {
  const r = await q.execute<{ name: string }>(sql`SELECT name FROM regions WHERE code = ${code}`);
  return r.rows[0]?.name ?? code;
}
