// Outbound webhooks, managed by the town office or the admin (webhook.manage)
// within their region: a webhook receives the events of problems in its
// region subtree. The secret is generated here and shown once (create and
// rotate); lists never carry it. Another region's webhook answers 404.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/pool.ts';
import { inScope } from '../../db/scope.ts';
import { AppError, notFound, fieldError } from '../../platform/errors.ts';
import { idCursor, pageOf } from '../../platform/cursor.ts';
import { audit } from '../../platform/audit.ts';
import { regionScope, type Actor } from '../../../domain/permissions.ts';
import { authorize } from '../../platform/session.ts';
import { deliverNow } from './delivery.ts';
import { ALLOWED_HOSTS_SETTING, allowedHosts, checkTarget, normalizeHost } from './target.ts';

export interface WebhookInput { name: string; url: string; events: string[]; active?: boolean; regionCode?: string | null }

const newSecret = () => 'whsec_' + crypto.randomBytes(24).toString('base64url');

function scopeOf(actor: Actor) {
  const scope = regionScope(actor, 'webhook.manage');
  if (scope !== 'all' && !scope.length) throw new AppError('FORBIDDEN');
  return scope;
}

const COLS = sql`w.id, w.region_code, w.name, w.url, w.events, w.active, w.created_at,
  (SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.state = 'pending') AS pending,
  (SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.state = 'failed') AS failed`;

function view(r: any) {
  return { id: r.id, regionCode: r.region_code, name: r.name, url: r.url, events: r.events, active: r.active, createdAt: r.created_at, pending: r.pending, failed: r.failed };
}

export async function list(db: Db, actor: Actor) {
  const scope = scopeOf(actor);
  const r = await db.execute<any>(sql`SELECT ${COLS} FROM webhooks w WHERE ${inScope(sql`w.region_code`, scope)} ORDER BY w.id`);
  return { items: r.rows.map(view) };
}

async function getScoped(db: Db | Tx, actor: Actor, id: number, forUpdate = false) {
  const r = await db.execute<any>(sql`SELECT ${COLS} FROM webhooks w WHERE w.id = ${id} AND ${inScope(sql`w.region_code`, scopeOf(actor))} ${forUpdate ? sql`FOR UPDATE OF w` : sql``}`);
  if (!r.rows[0]) throw notFound('该 Webhook 不存在或不在您的管辖范围内');
  return r.rows[0];
}

export async function get(db: Db, actor: Actor, id: number) {
  return view(await getScoped(db, actor, id));
}

/** Refuse (400 on the url field, with the reason) an address a webhook may not call. */
async function checkUrl(db: Db, url: string) {
  const t = await checkTarget(url, await allowedHosts(db));
  if (!t.ok) throw fieldError('url', t.reason);
}

export async function create(db: Db, actor: Actor, input: WebhookInput) {
  const scope = scopeOf(actor);
  await checkUrl(db, input.url);
  let region = input.regionCode ?? null;
  if (region === null) {
    if (scope !== 'all' && scope.length > 1) throw fieldError('regionCode', '您管辖多个区域，请选择 Webhook 所属的区域');
    region = scope === 'all' ? '' : scope[0];
  }
  if (scope !== 'all' && !scope.some((p) => region!.startsWith(p))) throw fieldError('regionCode', '只能为您管辖的区域设置 Webhook');
  const secret = newSecret();
  const id = await db.transaction(async (tx) => {
    const r = await tx.execute<{ id: number }>(sql`
      INSERT INTO webhooks (region_code, name, url, secret, events, active)
      VALUES (${region}, ${input.name}, ${input.url}, ${secret}, ${JSON.stringify(input.events)}::jsonb, ${input.active ?? true}) RETURNING id`);
    const id = r.rows[0].id;
    await audit(tx, { actor, action: 'create', entity: 'webhook', entityId: id, regionCode: region, after: { name: input.name, url: input.url, events: input.events, active: input.active ?? true } });
    return id;
  });
  return { ...(await get(db, actor, id)), secret };
}

export async function update(db: Db, actor: Actor, id: number, patch: Partial<Omit<WebhookInput, 'regionCode'>>) {
  if (patch.url !== undefined) await checkUrl(db, patch.url);
  await db.transaction(async (tx) => {
    const before = await getScoped(tx, actor, id, true);
    const set: ReturnType<typeof sql>[] = [];
    if (patch.name !== undefined) set.push(sql`name = ${patch.name}`);
    if (patch.url !== undefined) set.push(sql`url = ${patch.url}`);
    if (patch.events !== undefined) set.push(sql`events = ${JSON.stringify(patch.events)}::jsonb`);
    if (patch.active !== undefined) set.push(sql`active = ${patch.active}`);
    if (!set.length) return;
    await tx.execute(sql`UPDATE webhooks SET ${sql.join(set, sql`, `)} WHERE id = ${id}`);
    await audit(tx, { actor, action: 'update', entity: 'webhook', entityId: id, regionCode: before.region_code, before: { name: before.name, url: before.url, events: before.events, active: before.active }, after: patch });
  });
  return get(db, actor, id);
}

export async function remove(db: Db, actor: Actor, id: number) {
  await db.transaction(async (tx) => {
    const before = await getScoped(tx, actor, id, true);
    await tx.execute(sql`DELETE FROM webhook_deliveries WHERE webhook_id = ${id}`);
    await tx.execute(sql`DELETE FROM webhooks WHERE id = ${id}`);
    await audit(tx, { actor, action: 'delete', entity: 'webhook', entityId: id, regionCode: before.region_code, before: { name: before.name, url: before.url, events: before.events } });
  });
}

export async function rotateSecret(db: Db, actor: Actor, id: number) {
  const secret = newSecret();
  await db.transaction(async (tx) => {
    const before = await getScoped(tx, actor, id, true);
    await tx.execute(sql`UPDATE webhooks SET secret = ${secret} WHERE id = ${id}`);
    await audit(tx, { actor, action: 'rotate_secret', entity: 'webhook', entityId: id, regionCode: before.region_code });
  });
  return { ...(await get(db, actor, id)), secret };
}

const DELIVERY_COLS = sql`d.id, d.webhook_id, d.event, d.payload, d.dedupe_key, d.state, d.attempts, d.next_attempt_at, d.last_status,
  d.last_error, d.delivered_at, d.created_at`;

function deliveryView(d: any) {
  return {
    id: d.id as number, webhookId: d.webhook_id, event: d.event, payload: d.payload, state: d.state, attempts: d.attempts,
    nextAttemptAt: d.state === 'pending' ? d.next_attempt_at : null, lastStatus: d.last_status, lastError: d.last_error,
    deliveredAt: d.delivered_at, createdAt: d.created_at,
  };
}

export async function deliveries(db: Db, actor: Actor, webhookId: number, f: { state?: string; cursor?: string; limit?: number }) {
  await getScoped(db, actor, webhookId);
  const limit = f.limit ?? 50;
  const before = f.cursor ? idCursor.decode(f.cursor) : null;
  const r = await db.execute<any>(sql`SELECT ${DELIVERY_COLS} FROM webhook_deliveries d WHERE d.webhook_id = ${webhookId}
    ${f.state ? sql`AND d.state = ${f.state}` : sql``} ${before ? sql`AND d.id < ${before}` : sql``}
    ORDER BY d.id DESC LIMIT ${limit + 1}`);
  return pageOf(r.rows.map(deliveryView), limit, (last) => idCursor.encode(last.id));
}

/** Send one delivery again now (the admin fixed the receiver); the result is in the answer. */
export async function retry(db: Db, actor: Actor, deliveryId: number) {
  const r = await db.execute<any>(sql`SELECT d.id, w.region_code FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
    WHERE d.id = ${deliveryId} AND ${inScope(sql`w.region_code`, scopeOf(actor))}`);
  if (!r.rows[0]) throw notFound('该投递记录不存在或不在您的管辖范围内');
  await deliverNow(db, deliveryId, new Date());
  await audit(db, { actor, action: 'retry', entity: 'webhook_delivery', entityId: deliveryId, regionCode: r.rows[0].region_code });
  const d = await db.execute<any>(sql`SELECT ${DELIVERY_COLS} FROM webhook_deliveries d WHERE d.id = ${deliveryId}`);
  return deliveryView(d.rows[0]);
}

/** The hosts webhooks may reach over http:// or at private addresses (admin only). */
export async function getAllowedHosts(db: Db, actor: Actor) {
  authorize(actor, 'webhook.allow_hosts');
  return { hosts: await allowedHosts(db) };
}

export async function setAllowedHosts(db: Db, actor: Actor, hosts: string[]) {
  authorize(actor, 'webhook.allow_hosts');
  const next = [...new Set(hosts.map(normalizeHost).filter(Boolean))];
  await db.transaction(async (tx) => {
    const before = await allowedHosts(tx);
    await tx.execute(sql`INSERT INTO settings (key, value) VALUES (${ALLOWED_HOSTS_SETTING}, ${JSON.stringify(next)}::jsonb)
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`);
    await audit(tx, { actor, action: 'update', entity: 'setting', entityId: ALLOWED_HOSTS_SETTING, regionCode: '', before: { hosts: before }, after: { hosts: next } });
  });
  return { hosts: next };
}
