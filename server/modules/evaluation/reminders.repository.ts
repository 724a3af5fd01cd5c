// SQL of the deadline reminders: the assignments due between two days whose
// cycle reminds, with the kinds their standard still has nothing submitted or
// accepted for (across its units: one department's material serves the standard).
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';

export interface DueAssignment {
  id: number;
  unitId: number;
  townCode: string;
  code: string;
  name: string;
  year: number;
  deadline: string;
  remindDays: number;
  owed: string[];
}

export async function dueAssignments(q: Q, from: string, to: string): Promise<DueAssignment[]> {
  const r = await q.execute<any>(sql`
    SELECT a.id, a.unit_id AS "unitId", a.town_code AS "townCode", n.code, n.name, c.year, a.deadline::text AS deadline,
      c.remind_days AS "remindDays",
      ARRAY(
        SELECT k FROM unnest(CASE WHEN cardinality(n.material_kinds) = 0 THEN ARRAY['*'] ELSE n.material_kinds END) k
        WHERE NOT EXISTS (
          SELECT 1 FROM evaluation_materials m WHERE m.cycle_id = a.cycle_id AND m.node_id = a.node_id AND m.state <> 'returned' AND (k = '*' OR m.kind = k))
      ) AS owed
    FROM evaluation_assignments a JOIN evaluation_cycles c ON c.id = a.cycle_id JOIN evaluation_nodes n ON n.id = a.node_id
    WHERE a.deadline BETWEEN ${from} AND ${to} AND c.remind_days > 0
    ORDER BY a.deadline, a.id`);
  return r.rows.map((x) => ({ ...x, id: Number(x.id) })).filter((x) => x.owed.length > 0);
}
