// The webhook outbox, written inside the transaction of the change it reports;
// the delivery job (delivery.ts) sends each row later with its signature,
// retries and a log.
import type { Q } from '../../db/pool.ts';
import { queueEvent } from './webhooks.repository.ts';

/** Queue a webhook event for every active webhook of a region that covers `regionCode`. */
export async function emitWebhook(q: Q, regionCode: string, event: string, payload: unknown, dedupeKey: string): Promise<number> {
  return queueEvent(q, regionCode, event, payload, dedupeKey);
}
