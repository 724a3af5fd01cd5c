// The webhook outbox, written inside the transaction of the change it reports;
// the delivery job (delivery.ts) sends each row later with its signature,
// retries and a log.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';

/** Queue a webhook event for every active webhook of a region that covers `regionCode`. */
export async function emitWebhook(q: Q, regionCode: string, event: string, payload: unknown, dedupeKey: string): Promise<number> {
  const r = await q.execute(sql`
    INSERT INTO webhook_deliveries (webhook_id, event, payload, dedupe_key)
    SELECT w.id, ${event}, ${JSON.stringify(payload)}::jsonb, ${dedupeKey} FROM webhooks w
    WHERE w.active AND ${regionCode} LIKE w.region_code || '%' AND w.events ? ${event}
    ON CONFLICT (webhook_id, dedupe_key) DO NOTHING`);
  return r.rowCount ?? 0;
}
