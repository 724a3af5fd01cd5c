// SQL for 回头看 rows: scheduled when a problem closes, locked and marked when
// the result is recorded. (The list's query lives with the list in the service.)
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';

/** A 回头看 due on `dueDate` for a problem that has just closed (once per problem). */
export async function schedule(q: Q, problemId: number, dueDate: string) {
  await q.execute(sql`INSERT INTO reinspections (problem_id, due_date) VALUES (${problemId}, ${dueDate}) ON CONFLICT (problem_id) DO NOTHING`);
}

export async function lockOne(q: Q, id: number) {
  return (await q.execute<{ id: number; problem_id: number; state: string }>(sql`SELECT id, problem_id, state FROM reinspections WHERE id = ${id} FOR UPDATE`)).rows[0] ?? null;
}

export async function markResult(q: Q, id: number, r: { state: 'passed' | 'recurred'; at: Date; by: number; note: string | null; newProblemId?: number | null }) {
  await q.execute(sql`UPDATE reinspections SET state = ${r.state}, done_at = ${r.at}, done_by = ${r.by}, note = ${r.note}, new_problem_id = ${r.newProblemId ?? null} WHERE id = ${id}`);
}
