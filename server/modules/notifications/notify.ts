// Writers for the two outboxes, called inside the transaction of the change
// they report: in-app notifications (one row per person, deduplicated by
// key so a retried job never notifies twice) and webhook deliveries (sent
// later by the delivery job with signature, retries and a log).
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

/** Queue a webhook event for every active webhook of a region that covers `regionCode`. */
export async function emitWebhook(q: Q, regionCode: string, event: string, payload: unknown, dedupeKey: string): Promise<number> {
  const r = await q.execute(sql`
    INSERT INTO webhook_deliveries (webhook_id, event, payload, dedupe_key)
    SELECT w.id, ${event}, ${JSON.stringify(payload)}::jsonb, ${dedupeKey} FROM webhooks w
    WHERE w.active AND ${regionCode} LIKE w.region_code || '%' AND w.events ? ${event}
    ON CONFLICT (webhook_id, dedupe_key) DO NOTHING`);
  return r.rowCount ?? 0;
}
