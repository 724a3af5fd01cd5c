// SQL of webhooks and their outbox (webhooks, webhook_deliveries): the
// webhooks of a region scope, their delivery log, queueing an event, and the
// delivery job's claims and attempts. No rules here: who manages what is
// webhooks.service.ts, when and how to send is delivery.ts.
import { sql, type SQL } from 'drizzle-orm';
import type { Q, Tx } from '../../db/pool.ts';
import { inScope, type RegionScope } from '../../db/scope.ts';

export type WebhookRow = {
  id: number;
  region_code: string;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  created_at: Date;
  pending: number;
  failed: number;
};

const COLS = sql`w.id, w.region_code, w.name, w.url, w.events, w.active, w.created_at,
  (SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.state = 'pending') AS pending,
  (SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.state = 'failed') AS failed`;

export async function listWebhooks(q: Q, scope: RegionScope): Promise<WebhookRow[]> {
  return (await q.execute<WebhookRow>(sql`SELECT ${COLS} FROM webhooks w WHERE ${inScope(sql`w.region_code`, scope)} ORDER BY w.id`)).rows;
}

/** The webhook when it lies in `scope` (locked with `forUpdate`), or null. */
export async function webhookIn(q: Q, id: number, scope: RegionScope, forUpdate = false): Promise<WebhookRow | null> {
  return (
    (
      await q.execute<WebhookRow>(sql`SELECT ${COLS} FROM webhooks w WHERE w.id = ${id} AND ${inScope(sql`w.region_code`, scope)}
    ${forUpdate ? sql`FOR UPDATE OF w` : sql``}`)
    ).rows[0] ?? null
  );
}

export async function insertWebhook(
  tx: Tx,
  w: { regionCode: string; name: string; url: string; secret: string; events: string[]; active: boolean },
): Promise<number> {
  return (
    await tx.execute<{ id: number }>(sql`INSERT INTO webhooks (region_code, name, url, secret, events, active)
    VALUES (${w.regionCode}, ${w.name}, ${w.url}, ${w.secret}, ${JSON.stringify(w.events)}::jsonb, ${w.active}) RETURNING id`)
  ).rows[0].id;
}

/** Change the given fields; false when there was nothing to change. */
export async function updateWebhook(tx: Tx, id: number, patch: { name?: string; url?: string; events?: string[]; active?: boolean }): Promise<boolean> {
  const set: SQL[] = [];
  if (patch.name !== undefined) set.push(sql`name = ${patch.name}`);
  if (patch.url !== undefined) set.push(sql`url = ${patch.url}`);
  if (patch.events !== undefined) set.push(sql`events = ${JSON.stringify(patch.events)}::jsonb`);
  if (patch.active !== undefined) set.push(sql`active = ${patch.active}`);
  if (!set.length) return false;
  await tx.execute(sql`UPDATE webhooks SET ${sql.join(set, sql`, `)} WHERE id = ${id}`);
  return true;
}

/** The webhook and its delivery log. */
export async function deleteWebhook(tx: Tx, id: number) {
  await tx.execute(sql`DELETE FROM webhook_deliveries WHERE webhook_id = ${id}`);
  await tx.execute(sql`DELETE FROM webhooks WHERE id = ${id}`);
}

export async function setSecret(tx: Tx, id: number, secret: string) {
  await tx.execute(sql`UPDATE webhooks SET secret = ${secret} WHERE id = ${id}`);
}

// ---- the delivery log ----

export type DeliveryRow = {
  id: number;
  webhook_id: number;
  event: string;
  payload: unknown;
  dedupe_key: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: Date;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
};
const DELIVERY_COLS = sql`d.id, d.webhook_id, d.event, d.payload, d.dedupe_key, d.state, d.attempts, d.next_attempt_at, d.last_status,
  d.last_error, d.delivered_at, d.created_at`;

/** A webhook's deliveries, newest first: `limit + 1` with ids below `before`. */
export async function listDeliveries(q: Q, webhookId: number, f: { state?: string; before: number | null; limit: number }): Promise<DeliveryRow[]> {
  return (
    await q.execute<DeliveryRow>(sql`SELECT ${DELIVERY_COLS} FROM webhook_deliveries d WHERE d.webhook_id = ${webhookId}
    ${f.state ? sql`AND d.state = ${f.state}` : sql``} ${f.before ? sql`AND d.id < ${f.before}` : sql``}
    ORDER BY d.id DESC LIMIT ${f.limit + 1}`)
  ).rows;
}

export async function deliveryById(q: Q, id: number): Promise<DeliveryRow | null> {
  return (await q.execute<DeliveryRow>(sql`SELECT ${DELIVERY_COLS} FROM webhook_deliveries d WHERE d.id = ${id}`)).rows[0] ?? null;
}

/** The region of the delivery's webhook when it lies in `scope`, or null. */
export async function deliveryRegionIn(q: Q, id: number, scope: RegionScope): Promise<string | null> {
  return (
    (
      await q.execute<{ region_code: string }>(sql`SELECT w.region_code FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
    WHERE d.id = ${id} AND ${inScope(sql`w.region_code`, scope)}`)
    ).rows[0]?.region_code ?? null
  );
}

// ---- the outbox and the delivery job ----

/** Queue an event for every active webhook subscribed to it whose region covers `regionCode`; the number queued. */
export async function queueEvent(q: Q, regionCode: string, event: string, payload: unknown, dedupeKey: string): Promise<number> {
  const r = await q.execute(sql`
    INSERT INTO webhook_deliveries (webhook_id, event, payload, dedupe_key)
    SELECT w.id, ${event}, ${JSON.stringify(payload)}::jsonb, ${dedupeKey} FROM webhooks w
    WHERE w.active AND ${regionCode} LIKE w.region_code || '%' AND w.events ? ${event}
    ON CONFLICT (webhook_id, dedupe_key) DO NOTHING`);
  return r.rowCount ?? 0;
}

export type Claimed = {
  id: number;
  webhook_id: number;
  event: string;
  payload: unknown;
  attempts: number;
  created_at: Date;
  url: string;
  secret: string;
};
const CLAIM_COLS = sql`d.id, d.webhook_id, d.event, d.payload, d.attempts, d.created_at, w.url, w.secret`;

/** Up to `batch` due pending deliveries of active webhooks, leased until `lease` (skipping rows another runner holds). */
export async function claimDue(q: Q, now: Date, lease: Date, batch: number): Promise<Claimed[]> {
  return (
    await q.execute<Claimed>(sql`
    WITH due AS (
      SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id AND w.active
      WHERE d.state = 'pending' AND d.next_attempt_at <= ${now}
      ORDER BY d.next_attempt_at, d.id LIMIT ${batch}
      FOR UPDATE OF d SKIP LOCKED)
    UPDATE webhook_deliveries d SET next_attempt_at = ${lease} FROM due, webhooks w
    WHERE d.id = due.id AND w.id = d.webhook_id
    RETURNING ${CLAIM_COLS}`)
  ).rows;
}

/** One delivery, whatever its state, leased until `lease`. */
export async function claimOne(q: Q, id: number, lease: Date): Promise<Claimed | null> {
  return (
    (
      await q.execute<Claimed>(sql`
    UPDATE webhook_deliveries d SET next_attempt_at = ${lease} FROM webhooks w
    WHERE d.id = ${id} AND w.id = d.webhook_id RETURNING ${CLAIM_COLS}`)
    ).rows[0] ?? null
  );
}

export async function recordAttempt(q: Q, id: number, a: { status: number | null; error: string | null; state: string; next: Date; deliveredAt: Date | null }) {
  await q.execute(sql`
    UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = ${a.status}, last_error = ${a.error}, state = ${a.state},
      next_attempt_at = ${a.next}, delivered_at = ${a.deliveredAt ? sql`${a.deliveredAt}` : sql`delivered_at`}
    WHERE id = ${id}`);
}
