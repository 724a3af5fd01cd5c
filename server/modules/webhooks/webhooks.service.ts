// Outbound webhooks, managed by the town office or the admin (webhook.manage)
// within their region: a webhook receives the events of problems in its
// region subtree. The secret is generated here and shown once (create and
// rotate); lists never carry it. Another region's webhook answers 404.
import crypto from 'node:crypto';
import type { Db, Tx } from '../../db/pool.ts';
import { AppError, notFound, fieldError } from '../../platform/errors.ts';
import { idCursor, pageOf } from '../../platform/cursor.ts';
import { audit } from '../../platform/audit.ts';
import { regionScope, type Actor } from '../../../domain/permissions.ts';
import { authorize } from '../../platform/session.ts';
import { deliverNow } from './delivery.ts';
import { ALLOWED_HOSTS_SETTING, allowedHosts, checkTarget, normalizeHost } from './target.ts';
import { setSetting } from '../../platform/bootstrap.ts';
import * as repo from './webhooks.repository.ts';

export interface WebhookInput {
  name: string;
  url: string;
  events: string[];
  active?: boolean;
  regionCode?: string | null;
}

const newSecret = () => 'whsec_' + crypto.randomBytes(24).toString('base64url');

function scopeOf(actor: Actor) {
  const scope = regionScope(actor, 'webhook.manage');
  if (scope !== 'all' && !scope.length) throw new AppError('FORBIDDEN');
  return scope;
}

function view(r: repo.WebhookRow) {
  return {
    id: r.id,
    regionCode: r.region_code,
    name: r.name,
    url: r.url,
    events: r.events,
    active: r.active,
    createdAt: r.created_at,
    pending: r.pending,
    failed: r.failed,
  };
}

export async function list(db: Db, actor: Actor) {
  const scope = scopeOf(actor);
  return { items: (await repo.listWebhooks(db, scope)).map(view) };
}

async function getScoped(db: Db | Tx, actor: Actor, id: number, forUpdate = false) {
  const w = await repo.webhookIn(db, id, scopeOf(actor), forUpdate);
  if (!w) throw notFound('该 Webhook 不存在或不在您的管辖范围内');
  return w;
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
    const id = await repo.insertWebhook(tx, {
      regionCode: region!,
      name: input.name,
      url: input.url,
      secret,
      events: input.events,
      active: input.active ?? true,
    });
    await audit(tx, {
      actor,
      action: 'create',
      entity: 'webhook',
      entityId: id,
      regionCode: region,
      after: { name: input.name, url: input.url, events: input.events, active: input.active ?? true },
    });
    return id;
  });
  return { ...(await get(db, actor, id)), secret };
}

export async function update(db: Db, actor: Actor, id: number, patch: Partial<Omit<WebhookInput, 'regionCode'>>) {
  if (patch.url !== undefined) await checkUrl(db, patch.url);
  await db.transaction(async (tx) => {
    const before = await getScoped(tx, actor, id, true);
    if (!(await repo.updateWebhook(tx, id, patch))) return;
    await audit(tx, {
      actor,
      action: 'update',
      entity: 'webhook',
      entityId: id,
      regionCode: before.region_code,
      before: { name: before.name, url: before.url, events: before.events, active: before.active },
      after: patch,
    });
  });
  return get(db, actor, id);
}

export async function remove(db: Db, actor: Actor, id: number) {
  await db.transaction(async (tx) => {
    const before = await getScoped(tx, actor, id, true);
    await repo.deleteWebhook(tx, id);
    await audit(tx, {
      actor,
      action: 'delete',
      entity: 'webhook',
      entityId: id,
      regionCode: before.region_code,
      before: { name: before.name, url: before.url, events: before.events },
    });
  });
}

export async function rotateSecret(db: Db, actor: Actor, id: number) {
  const secret = newSecret();
  await db.transaction(async (tx) => {
    const before = await getScoped(tx, actor, id, true);
    await repo.setSecret(tx, id, secret);
    await audit(tx, { actor, action: 'rotate_secret', entity: 'webhook', entityId: id, regionCode: before.region_code });
  });
  return { ...(await get(db, actor, id)), secret };
}

function deliveryView(d: repo.DeliveryRow) {
  return {
    id: d.id,
    webhookId: d.webhook_id,
    event: d.event,
    payload: d.payload,
    state: d.state,
    attempts: d.attempts,
    nextAttemptAt: d.state === 'pending' ? d.next_attempt_at : null,
    lastStatus: d.last_status,
    lastError: d.last_error,
    deliveredAt: d.delivered_at,
    createdAt: d.created_at,
  };
}

export async function deliveries(db: Db, actor: Actor, webhookId: number, f: { state?: string; cursor?: string; limit?: number }) {
  await getScoped(db, actor, webhookId);
  const limit = f.limit ?? 50;
  const before = f.cursor ? idCursor.decode(f.cursor) : null;
  const rows = await repo.listDeliveries(db, webhookId, { state: f.state, before, limit });
  return pageOf(rows.map(deliveryView), limit, (last) => idCursor.encode(last.id));
}

/** Send one delivery again now (the admin fixed the receiver); the result is in the answer. */
export async function retry(db: Db, actor: Actor, deliveryId: number) {
  const region = await repo.deliveryRegionIn(db, deliveryId, scopeOf(actor));
  if (region === null) throw notFound('该投递记录不存在或不在您的管辖范围内');
  await deliverNow(db, deliveryId, new Date());
  await audit(db, { actor, action: 'retry', entity: 'webhook_delivery', entityId: deliveryId, regionCode: region });
  return deliveryView((await repo.deliveryById(db, deliveryId))!);
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
    await setSetting(tx, ALLOWED_HOSTS_SETTING, next);
    await audit(tx, {
      actor,
      action: 'update',
      entity: 'setting',
      entityId: ALLOWED_HOSTS_SETTING,
      regionCode: '',
      before: { hosts: before },
      after: { hosts: next },
    });
  });
  return { hosts: next };
}
