// SQL for 回头看 rows: scheduled when a problem closes, listed, announced when
// due, locked and marked when the result is recorded. No rules here (who may
// read and record is reinspections.service.ts).
import { sql, type SQL } from 'drizzle-orm';
import type { Q, Tx } from '../../db/pool.ts';

/** A 回头看 due on `dueDate` for a problem that has just closed (once per problem). */
export async function schedule(q: Q, problemId: number, dueDate: string) {
  await q.execute(sql`INSERT INTO reinspections (problem_id, due_date) VALUES (${problemId}, ${dueDate}) ON CONFLICT (problem_id) DO NOTHING`);
}

export async function lockOne(q: Q, id: number) {
  return (
    (await q.execute<{ id: number; problem_id: number; state: string }>(sql`SELECT id, problem_id, state FROM reinspections WHERE id = ${id} FOR UPDATE`))
      .rows[0] ?? null
  );
}

export async function markResult(
  q: Q,
  id: number,
  r: { state: 'passed' | 'recurred'; at: Date; by: number; note: string | null; newProblemId?: number | null },
) {
  await q.execute(
    sql`UPDATE reinspections SET state = ${r.state}, done_at = ${r.at}, done_by = ${r.by}, note = ${r.note}, new_problem_id = ${r.newProblemId ?? null} WHERE id = ${id}`,
  );
}

export type ListRow = {
  id: number;
  problem_id: number;
  due_date: string;
  state: 'scheduled' | 'passed' | 'recurred';
  done_at: Date | null;
  note: string | null;
  new_problem_id: number | null;
  new_problem_code: string | null;
  code: string;
  region_code: string;
  region_name: string | null;
  category_name: string | null;
  place_name: string | null;
  address: string | null;
  closed_at: Date | null;
  tier: string;
  unit_name: string | null;
  done_by_name: string | null;
};

/**
 * Oldest due first: `limit + 1` rows under `scope` (the problems module's SQL over alias p) after the key
 * (due date, id) `after`; `dueBy`: only those still scheduled and due on or before that day.
 */
export async function list(q: Q, scope: SQL, f: { dueBy?: string; state?: string; after: [string, number] | null; limit: number }): Promise<ListRow[]> {
  const conds = [scope];
  if (f.dueBy) conds.push(sql`r.state = 'scheduled' AND r.due_date <= ${f.dueBy}::date`);
  if (f.state) conds.push(sql`r.state = ${f.state}`);
  if (f.after) conds.push(sql`(r.due_date, r.id) > (${f.after[0]}::date, ${f.after[1]})`);
  return (
    await q.execute<ListRow>(sql`
    SELECT r.id, r.problem_id, r.due_date::text AS due_date, r.state, r.done_at, r.note, r.new_problem_id, np.code AS new_problem_code,
      p.code, p.region_code, rg.name AS region_name, c.name AS category_name, pl.name AS place_name, p.address, p.closed_at,
      p.tier, u.name AS unit_name, dp.name AS done_by_name
    FROM reinspections r JOIN problems p ON p.id = r.problem_id
      LEFT JOIN units u ON u.id = p.responsible_unit_id LEFT JOIN categories c ON c.id = p.category_id
      LEFT JOIN places pl ON pl.id = p.place_id LEFT JOIN regions rg ON rg.code = p.region_code
      LEFT JOIN problems np ON np.id = r.new_problem_id LEFT JOIN people dp ON dp.id = r.done_by
    WHERE ${sql.join(conds, sql` AND `)}
    ORDER BY r.due_date, r.id LIMIT ${f.limit + 1}`)
  ).rows;
}

// ---- the daily announcement ----

/** Already announced: the problem's timeline has its 'reinspect_due' row. */
const announced = sql`EXISTS (SELECT 1 FROM problem_events e WHERE e.problem_id = r.problem_id AND e.action = 'reinspect_due'
  AND (e.data->>'reinspectionId')::int = r.id)`;

/** Scheduled 回头看 due by `today` and not yet announced, oldest first, with what the message names. */
export async function dueUnannounced(q: Q, today: string, batch: number) {
  return (
    await q.execute<{
      id: number;
      problem_id: number;
      due_date: string;
      code: string;
      region_code: string;
      state: string;
      category_name: string | null;
      place_name: string | null;
    }>(sql`
    SELECT r.id, r.problem_id, r.due_date::text AS due_date, p.code, p.region_code, p.state, c.name AS category_name, pl.name AS place_name
    FROM reinspections r JOIN problems p ON p.id = r.problem_id
      LEFT JOIN categories c ON c.id = p.category_id LEFT JOIN places pl ON pl.id = p.place_id
    WHERE r.state = 'scheduled' AND r.due_date <= ${today}::date AND NOT ${announced}
    ORDER BY r.due_date, r.id LIMIT ${batch}`)
  ).rows;
}

/** Locks the row; true while it is still scheduled and unannounced. */
export async function lockUnannounced(tx: Tx, id: number): Promise<boolean> {
  return !!(
    await tx.execute<{ open: boolean }>(sql`SELECT (r.state = 'scheduled' AND NOT ${announced}) AS open FROM reinspections r WHERE r.id = ${id} FOR UPDATE`)
  ).rows[0]?.open;
}
