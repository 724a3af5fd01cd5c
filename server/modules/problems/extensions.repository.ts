// The SQL of deadline extension requests: one pending request per problem at
// a time, decided once by the office.
import { sql } from 'drizzle-orm';
import type { Q, Tx } from '../../db/pool.ts';

export type ExtensionRow = {
  id: number;
  days: number;
  reason: string;
  state: 'pending' | 'approved' | 'refused';
  decision_note: string | null;
  old_due_date: string | null;
  new_due_date: string | null;
  created_at: Date;
  decided_at: Date | null;
  requested_by_name: string | null;
  decided_by_name: string | null;
};

/** A problem's extension requests, oldest first, with who asked and who decided. */
export async function extensionRequests(q: Q, problemId: number): Promise<ExtensionRow[]> {
  const r =
    await q.execute<ExtensionRow>(sql`SELECT e.id, e.days, e.reason, e.state, e.decision_note, e.old_due_date::text, e.new_due_date::text, e.created_at, e.decided_at,
      rp.name AS requested_by_name, dp.name AS decided_by_name
      FROM extension_requests e LEFT JOIN people rp ON rp.id = e.requested_by LEFT JOIN people dp ON dp.id = e.decided_by
      WHERE e.problem_id = ${problemId} ORDER BY e.id`);
  return r.rows;
}

export async function hasPendingExtension(q: Q, problemId: number): Promise<boolean> {
  return (await q.execute(sql`SELECT 1 FROM extension_requests WHERE problem_id = ${problemId} AND state = 'pending'`)).rows.length > 0;
}

export async function insertExtensionRequest(
  tx: Tx,
  r: { problemId: number; requestedBy: number; days: number; reason: string; oldDueDate: string | null },
): Promise<number> {
  const x = await tx.execute<{ id: number }>(sql`
    INSERT INTO extension_requests (problem_id, requested_by, days, reason, old_due_date)
    VALUES (${r.problemId}, ${r.requestedBy}, ${r.days}, ${r.reason}, ${r.oldDueDate}) RETURNING id`);
  return x.rows[0].id;
}

/** The request, locked for its decision. */
export async function lockExtensionRequest(tx: Tx, requestId: number, problemId: number) {
  const r = await tx.execute<{ id: number; days: number; state: string; requested_by: number }>(sql`
    SELECT id, days, state, requested_by FROM extension_requests WHERE id = ${requestId} AND problem_id = ${problemId} FOR UPDATE`);
  return r.rows[0] ?? null;
}

export async function decideExtensionRequest(
  tx: Tx,
  requestId: number,
  d: { approve: boolean; decidedBy: number; note: string | null; newDueDate: string | null },
) {
  await tx.execute(sql`UPDATE extension_requests SET state = ${d.approve ? 'approved' : 'refused'}, decided_by = ${d.decidedBy}, decided_at = now(),
    decision_note = ${d.note}, new_due_date = ${d.newDueDate} WHERE id = ${requestId}`);
}
