// Sending the webhook outbox (webhook_deliveries, written by notify.ts
// emitWebhook inside the transaction of each change). A run claims a bounded
// batch of due rows with a short lease (so two runners never send the same
// row at once and a crash only delays it), POSTs each one signed, and records
// the attempt: 2xx → delivered; otherwise retried with exponential backoff
// (1, 2, 4, 8 … minutes, capped at 6 h) until MAX_ATTEMPTS, then failed.
// Every attempt checks the address first (target.ts: SSRF) and connects to
// the address it checked; redirects are not followed. The log keeps the HTTP
// status, never the details of a failed connection (连接失败 / 超时 only).
//
// Receivers verify: HMAC-SHA256(secret, `${X-ChuangCheng-Timestamp}.${raw body}`)
// as lowercase hex equals the part after "sha256=" of X-ChuangCheng-Signature,
// and reject timestamps older than a few minutes (replay).
import crypto from 'node:crypto';
import type { Db } from '../../db/pool.ts';
import * as repo from './webhooks.repository.ts';
import { allowedHosts, checkTarget, postTo } from './target.ts';

export const MAX_ATTEMPTS = 8;
export const TIMEOUT_MS = 10_000;
export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_CAP_MS = 6 * 3600_000;
const LEASE_MS = 2 * 60_000;
const CONCURRENCY = 8;
export const DEFAULT_DELIVERY_BATCH = 500;

/** Delay before the next attempt after `attempts` failed ones (1 → 1 min, 2 → 2 min, 3 → 4 min …). */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_CAP_MS);
}

export function sign(secret: string, timestamp: string, body: string): string {
  return 'sha256=' + crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

type Claimed = repo.Claimed;

export interface DeliveryRunResult {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
}

export async function deliverWebhooks(db: Db, now: Date = new Date(), batch = DEFAULT_DELIVERY_BATCH): Promise<DeliveryRunResult> {
  const lease = new Date(now.getTime() + LEASE_MS);
  const claimed = await repo.claimDue(db, now, lease, batch);
  const out: DeliveryRunResult = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  const queue = [...claimed];
  const allowList = queue.length ? await allowedHosts(db) : [];
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const state = await attempt(db, row, now, allowList);
      out.attempted++;
      if (state === 'delivered') out.delivered++;
      else if (state === 'failed') out.failed++;
      else out.retrying++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  return out;
}

/** One attempt for one delivery now, whatever its state (manual retry from the delivery log). */
export async function deliverNow(db: Db, deliveryId: number, now: Date = new Date()): Promise<string | null> {
  const row = await repo.claimOne(db, deliveryId, new Date(now.getTime() + LEASE_MS));
  return row ? attempt(db, row, now, await allowedHosts(db)) : null;
}

/** The body the receiver gets: stable across attempts (only the timestamp and signature change). */
export function deliveryBody(row: { id: number; event: string; payload: unknown; created_at: Date }): string {
  return JSON.stringify({ id: String(row.id), event: row.event, occurredAt: new Date(row.created_at).toISOString(), data: row.payload });
}

async function attempt(db: Db, row: Claimed, now: Date, allowList: string[]): Promise<string> {
  const body = deliveryBody(row);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  let status: number | null = null;
  let error: string | null = null;
  // Checked again now: the allow-list may have changed, and the name may resolve elsewhere than at save time.
  const target = await checkTarget(row.url, allowList);
  if (!target.ok) {
    error = `地址不允许：${target.reason}`;
  } else {
    try {
      const res = await postTo(
        target,
        {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'ChuangCheng-Webhook/1',
          'x-chuangcheng-event': row.event,
          'x-chuangcheng-delivery': String(row.id),
          'x-chuangcheng-timestamp': timestamp,
          'x-chuangcheng-signature': sign(row.secret, timestamp, body),
        },
        body,
        TIMEOUT_MS,
      );
      status = res.status;
      if (status < 200 || status > 299)
        error = status >= 300 && status < 400 ? `HTTP ${status}：接收方要求跳转，系统不跟随跳转，请填写最终地址` : `HTTP ${status}`;
    } catch (e: any) {
      // Only a generic reason: details of a failed connection would let the log probe networks.
      error = e?.name === 'TimeoutError' ? `超时：${TIMEOUT_MS / 1000} 秒内没有响应` : '连接失败';
    }
  }
  const ok = error === null;
  const attempts = row.attempts + 1;
  const state = ok ? 'delivered' : attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
  const next = ok || state === 'failed' ? now : new Date(now.getTime() + backoffMs(attempts));
  await repo.recordAttempt(db, row.id, { status, error, state, next, deliveredAt: ok ? now : null });
  return state;
}
