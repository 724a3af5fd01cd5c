// The in-app notifications outbox, written inside the transaction of the change
// it reports: one row per person, deduplicated by key so a retried job never
// notifies twice. (Webhook deliveries are the webhooks module's: outbox.ts.)
import type { Q } from '../../db/pool.ts';
import { insertForPeople } from './notifications.repository.ts';

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
  return insertForPeople(q, ids, { kind: n.kind, title: n.title, body: n.body ?? null, problemId: n.problemId ?? null, dedupeKey: n.dedupeKey ?? null });
}
