// Outbound webhooks against a real HTTP receiver on 127.0.0.1: management
// scoped by region, the secret shown once, signed delivery, retry with
// exponential backoff, failed after the last attempt, the delivery log and
// a manual retry. No address other than 127.0.0.1 (allow-listed) is ever called.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, COMMUNITY_B, login, openTown } from '../helpers/town.ts';
import { emitWebhook } from '../../server/modules/webhooks/index.ts';
import { backoffMs, deliverWebhooks, MAX_ATTEMPTS } from '../../server/modules/webhooks/delivery.ts';

let tdb: TestDb;
let app: FastifyInstance;
let server: http.Server;
let base: string;
interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
const received: Received[] = [];
const statuses: Record<string, number[]> = {}; // path → statuses to answer, in order (then 200)

beforeAll(async () => {
  ({ tdb, app } = await openTown());
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url!, headers: req.headers, body });
      const status = statuses[req.url!]?.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'receiver broken');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The receiver is on this machine: the admin allows it (else loopback is refused, see webhooks-ssrf.test.ts).
  const admin = as(app, await login(app, 'admin'));
  expect((await admin.put('/api/webhooks/allowed-hosts', { hosts: ['127.0.0.1'] })).statusCode).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await new Promise((r) => server?.close(r));
  await tdb?.drop();
});

const verify = (secret: string, r: Received) => {
  const expected = 'sha256=' + crypto.createHmac('sha256', secret).update(`${r.headers['x-chuangcheng-timestamp']}.${r.body}`).digest('hex');
  return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(String(r.headers['x-chuangcheng-signature'])));
};
const delivery = async (id: number) => (await tdb.db.execute<any>(sql`SELECT * FROM webhook_deliveries WHERE id = ${id}`)).rows[0];

describe('managing webhooks', () => {
  it('office creates within its town, sees the secret once; other towns get 404, a street chief 403', async () => {
    const office = as(app, await login(app, 'office'));
    const bad = await office.post('/api/webhooks', { name: '坏地址', url: 'ftp://127.0.0.1/x', events: ['problem.dispatch'] });
    expect(bad.statusCode).toBe(400);
    expect((await office.post('/api/webhooks', { name: '未知事件', url: `${base}/x`, events: ['problem.explode'] })).statusCode).toBe(400);

    const r = await office.post('/api/webhooks', { name: '县数字城管平台', url: `${base}/hook`, events: ['problem.dispatch', 'problem.overdue'] });
    expect(r.statusCode, r.body).toBe(201);
    const hook = r.json();
    expect(hook.secret).toMatch(/^whsec_/);
    expect(hook.regionCode).toBe('350821100');
    const list = (await office.get('/api/webhooks')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0].secret).toBeUndefined();
    expect(JSON.stringify(list)).not.toContain(hook.secret);

    const office2 = as(app, await login(app, 'office2'));
    expect((await office2.get('/api/webhooks')).json().items).toHaveLength(0);
    expect((await office2.get(`/api/webhooks/${hook.id}`)).statusCode).toBe(404);
    expect((await office2.patch(`/api/webhooks/${hook.id}`, { active: false })).statusCode).toBe(404);
    expect((await office2.del(`/api/webhooks/${hook.id}`)).statusCode).toBe(404);
    expect((await office2.post(`/api/webhooks/${hook.id}/rotate-secret`)).statusCode).toBe(404);
    expect((await office2.get(`/api/webhooks/${hook.id}/deliveries`)).statusCode).toBe(404);
    expect((await as(app, await login(app, 'chief')).get('/api/webhooks')).statusCode).toBe(403);
    expect((await office2.post('/api/webhooks', { name: 'x', url: `${base}/x`, events: ['problem.dispatch'], regionCode: '350821100' })).statusCode).toBe(400);

    const patched = await office.patch(`/api/webhooks/${hook.id}`, { name: '县平台' });
    expect(patched.json()).toMatchObject({ name: '县平台', active: true });
    const audit = await tdb.db.execute<any>(sql`SELECT action, after FROM audit_log WHERE entity = 'webhook' ORDER BY id`);
    expect(audit.rows.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.stringify(audit.rows)).not.toContain(hook.secret);
    const events = (await office.get('/api/webhooks/events')).json();
    expect(events.events.map((e: any) => e.event)).toEqual(
      expect.arrayContaining(['problem.dispatch', 'problem.overdue', 'problem.reinspection_recurred', 'accountability.opened']),
    );
  });
});

describe('delivery', () => {
  it('signs the POST; a 500 is retried after a minute and a 200 delivers it', async () => {
    const office = as(app, await login(app, 'office'));
    const hook = (await office.post('/api/webhooks', { name: '签名测试', url: `${base}/signed`, events: ['problem.dispatch'] })).json();
    // Emitted in the town: both town webhooks subscribed to problem.dispatch get it; another event does not.
    expect(await emitWebhook(tdb.db, COMMUNITY_B, 'problem.dispatch', { id: 1, code: '2611250001' }, 'event:1')).toBe(2);
    expect(await emitWebhook(tdb.db, COMMUNITY_B, 'problem.dispatch', { id: 1, code: '2611250001' }, 'event:1')).toBe(0);
    expect(await emitWebhook(tdb.db, COMMUNITY_B, 'problem.submit', { id: 1 }, 'event:2')).toBe(0);
    expect(await emitWebhook(tdb.db, '350821101001', 'problem.dispatch', { id: 2 }, 'event:3')).toBe(0); // another town
    const d = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM webhook_deliveries WHERE webhook_id = ${hook.id}`)).rows[0];
    await tdb.db.execute(sql`UPDATE webhooks SET active = false WHERE id <> ${hook.id}`);

    statuses['/signed'] = [500];
    // Clocks ahead of the database's now() (deliveries are due from their insert time), on a whole second.
    const t0 = new Date(Math.ceil(Date.now() / 1000) * 1000 + 3600_000);
    const r1 = await deliverWebhooks(tdb.db, t0);
    expect(r1).toMatchObject({ attempted: 1, retrying: 1 });
    let row = await delivery(d.id);
    expect(row).toMatchObject({ state: 'pending', attempts: 1, last_status: 500 });
    expect(row.last_error).toContain('HTTP 500');
    expect(new Date(row.next_attempt_at).getTime() - t0.getTime()).toBe(60_000);

    const req1 = received.filter((x) => x.path === '/signed')[0];
    expect(req1.headers['x-chuangcheng-event']).toBe('problem.dispatch');
    expect(req1.headers['x-chuangcheng-delivery']).toBe(String(d.id));
    expect(req1.headers['x-chuangcheng-timestamp']).toBe(String(t0.getTime() / 1000));
    expect(req1.headers['content-type']).toContain('application/json');
    expect(verify(hook.secret, req1)).toBe(true);
    expect(JSON.parse(req1.body)).toMatchObject({ id: String(d.id), event: 'problem.dispatch', data: { id: 1, code: '2611250001' } });

    expect((await deliverWebhooks(tdb.db, new Date(t0.getTime() + 30_000))).attempted).toBe(0); // not yet due
    const r2 = await deliverWebhooks(tdb.db, new Date(t0.getTime() + 60_000));
    expect(r2).toMatchObject({ attempted: 1, delivered: 1 });
    row = await delivery(d.id);
    expect(row).toMatchObject({ state: 'delivered', attempts: 2, last_status: 200, last_error: null });
    const reqs = received.filter((x) => x.path === '/signed');
    expect(reqs).toHaveLength(2);
    expect(reqs[1].body).toBe(reqs[0].body); // same body, fresh timestamp and signature
    expect(verify(hook.secret, reqs[1])).toBe(true);
    expect((await deliverWebhooks(tdb.db, new Date(t0.getTime() + 3600_000))).attempted).toBe(0);

    // A rotated secret signs the next delivery; the old one no longer verifies.
    const rotated = (await office.post(`/api/webhooks/${hook.id}/rotate-secret`)).json();
    expect(rotated.secret).not.toBe(hook.secret);
    await emitWebhook(tdb.db, COMMUNITY_A, 'problem.dispatch', { id: 3 }, 'event:4');
    await deliverWebhooks(tdb.db, new Date(t0.getTime() + 7200_000));
    const last = received.filter((x) => x.path === '/signed').at(-1)!;
    expect(verify(rotated.secret, last)).toBe(true);
    expect(verify(hook.secret, last)).toBe(false);
  });

  it('backs off 1, 2, 4 … minutes, fails after the last attempt, logs it, and can be retried by hand', async () => {
    const office = as(app, await login(app, 'office'));
    const hook = (await office.post('/api/webhooks', { name: '总是失败', url: `${base}/down`, events: ['problem.overdue'] })).json();
    await emitWebhook(tdb.db, COMMUNITY_A, 'problem.overdue', { id: 9 }, 'overdue:9:2026-11-20');
    const id = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM webhook_deliveries WHERE webhook_id = ${hook.id}`)).rows[0].id;
    statuses['/down'] = Array(MAX_ATTEMPTS).fill(500);
    let now = new Date(Math.ceil(Date.now() / 1000) * 1000 + 86400_000);
    const gaps: number[] = [];
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      expect((await deliverWebhooks(tdb.db, now)).attempted).toBe(1);
      const row = await delivery(id);
      expect(row.attempts).toBe(i);
      if (i < MAX_ATTEMPTS) {
        expect(row.state).toBe('pending');
        const gap = new Date(row.next_attempt_at).getTime() - now.getTime();
        gaps.push(gap / 60_000);
        // One millisecond early: still waiting.
        expect((await deliverWebhooks(tdb.db, new Date(now.getTime() + gap - 1))).attempted).toBe(0);
        now = new Date(now.getTime() + gap);
      } else {
        expect(row).toMatchObject({ state: 'failed', last_status: 500 });
      }
    }
    expect(gaps).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(backoffMs(20)).toBe(6 * 3600_000); // capped at 6 h
    expect((await deliverWebhooks(tdb.db, new Date(now.getTime() + 86400_000))).attempted).toBe(0); // failed stays failed

    const log = (await office.get(`/api/webhooks/${hook.id}/deliveries`)).json();
    expect(log.items[0]).toMatchObject({ id, event: 'problem.overdue', state: 'failed', attempts: MAX_ATTEMPTS, lastStatus: 500 });
    expect((await office.get(`/api/webhooks/${hook.id}/deliveries?state=failed`)).json().items).toHaveLength(1);

    // The receiver is fixed; the office retries by hand.
    expect((await as(app, await login(app, 'office2')).post(`/api/webhooks/deliveries/${id}/retry`)).statusCode).toBe(404);
    const retried = await office.post(`/api/webhooks/deliveries/${id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ state: 'delivered', attempts: MAX_ATTEMPTS + 1, lastStatus: 200 });
  });

  it('records a refused connection and deletes a webhook with its log', async () => {
    const office = as(app, await login(app, 'office'));
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const hook = (await office.post('/api/webhooks', { name: '没人听', url: `http://127.0.0.1:${port}/x`, events: ['accountability.opened'] })).json();
    await emitWebhook(tdb.db, '350821100', 'accountability.opened', { id: 1 }, 'accountability:1');
    await deliverWebhooks(tdb.db, new Date(Date.now() + 2 * 86400_000));
    const row = (await tdb.db.execute<any>(sql`SELECT * FROM webhook_deliveries WHERE webhook_id = ${hook.id}`)).rows[0];
    expect(row).toMatchObject({ state: 'pending', attempts: 1, last_status: null });
    expect(row.last_error).toBe('连接失败'); // nothing about the network beyond that
    expect((await office.del(`/api/webhooks/${hook.id}`)).statusCode).toBe(204);
    expect((await tdb.db.execute(sql`SELECT 1 FROM webhook_deliveries WHERE webhook_id = ${hook.id}`)).rows).toHaveLength(0);
    expect((await office.get(`/api/webhooks/${hook.id}`)).statusCode).toBe(404);
  });
});
