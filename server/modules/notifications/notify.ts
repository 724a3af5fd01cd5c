// The in-app notifications outbox, written inside the transaction of the change
// it reports: one row per person, deduplicated by key so a retried job never
// notifies twice. (Webhook deliveries are the webhooks module's: outbox.ts.)
import { sql } from 'drizzle-orm';
import type { Db, Tx, Q } from '../../db/pool.ts';


export interface NotificationInput {
  kind: string;
  title: string;
  body?: string | null;
  problemId?: number | null;
  /** Same key for the same person → one notification, however often it is written. */
  dedupeKey?: string | null;
}

export async function notify(q: Q, personIds: number[], n: NotificationInput): Promise<number> {
  const ids = [...new Set(personIds)];
  if (!ids.length) return 0;
  const r = await q.execute(sql`
    INSERT INTO notifications (person_id, kind, title, body, problem_id, dedupe_key)
    SELECT unnest(${sql.param(ids)}::int[]), ${n.kind}, ${n.title}, ${n.body ?? null}, ${n.problemId ?? null}, ${n.dedupeKey ?? null}
    ON CONFLICT (person_id, dedupe_key) DO NOTHING`);
  return r.rowCount ?? 0;
}
