// Webhooks cannot be pointed at this machine or the town's network (SSRF):
// refused when saved (400 with the reason) and again before each delivery,
// unless the admin allow-listed the host (an intranet chat robot over
// http://). Redirects are not followed; failed connections are logged as
// 连接失败 / 超时 only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, login, openTown } from '../helpers/town.ts';
import { emitWebhook } from '../../server/modules/webhooks/index.ts';
import { deliverWebhooks } from '../../server/modules/webhooks/delivery.ts';
import { postTo } from '../../server/modules/webhooks/target.ts';

let tdb: TestDb;
let app: FastifyInstance;
let server: http.Server;
let port: number;
const received: string[] = [];

beforeAll(async () => {
  ({ tdb, app } = await openTown());
  server = http.createServer((req, res) => {
    received.push(req.url!);
    req.resume();
    if (req.url === '/moved') res.writeHead(302, { location: `http://127.0.0.1:${port}/elsewhere` }).end();
    else res.writeHead(200).end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await closeTown(app, tdb);
});

const hook = (url: string) => ({ name: '内网机器人', url, events: ['problem.dispatch'] });
let seq = 0;
/** One delivery for this webhook only, sent now; its row after the attempt. */
async function deliverOne(webhookId: number) {
  await tdb.db.execute(sql`UPDATE webhooks SET active = (id = ${webhookId})`);
  await emitWebhook(tdb.db, '350821100', 'problem.dispatch', { id: ++seq }, `ssrf:${seq}`);
  await deliverWebhooks(tdb.db, new Date(Date.now() + 3600_000 * seq));
  return (await tdb.db.execute<any>(sql`SELECT * FROM webhook_deliveries WHERE webhook_id = ${webhookId} ORDER BY id DESC LIMIT 1`)).rows[0];
}

describe('webhook addresses (SSRF)', () => {
  it('refuses loopback, private, link-local and names resolving to them when saved, with the reason', async () => {
    const office = as(app, await login(app, 'office'));
    for (const url of [
      `https://127.0.0.1:${port}/x`,
      'https://10.1.2.3/x',
      'https://192.168.1.10/x',
      'https://100.64.1.1/x',
      'https://169.254.169.254/latest',
      `https://[::1]:${port}/x`,
      'https://[fd00::1]/x',
      'https://[::ffff:127.0.0.1]/x',
      'https://0.0.0.0/x',
      `https://localhost:${port}/x`,
      `http://127.0.0.1:${port}/x`,
      'http://8.8.8.8/x',
    ]) {
      const r = await office.post('/api/webhooks', hook(url));
      expect(r.statusCode, url).toBe(400);
      expect(r.json().error.fields[0].path, url).toBe('url');
      expect(r.json().error.fields[0].message, url).toMatch(/[\u4e00-\u9fa5]/);
    }
    const ok = await office.post('/api/webhooks', hook('https://8.8.8.8/hook')); // public: fine (never delivered here)
    expect(ok.statusCode).toBe(201);
    expect((await office.patch(`/api/webhooks/${ok.json().id}`, { url: 'https://10.0.0.1/x' })).statusCode).toBe(400);
    expect((await office.get('/api/webhooks/allowed-hosts')).statusCode).toBe(403);
    expect((await office.put('/api/webhooks/allowed-hosts', { hosts: ['127.0.0.1'] })).statusCode).toBe(403);
    await office.del(`/api/webhooks/${ok.json().id}`);
  });

  it('accepts an http:// intranet host the admin allow-listed, and refuses it again at delivery once removed', async () => {
    const admin = as(app, await login(app, 'admin'));
    const office = as(app, await login(app, 'office'));
    expect((await admin.put('/api/webhooks/allowed-hosts', { hosts: ['http://x/'] })).statusCode).toBe(400);
    expect((await admin.put('/api/webhooks/allowed-hosts', { hosts: ['127.0.0.1'] })).json()).toEqual({ hosts: ['127.0.0.1'] });
    expect((await admin.get('/api/webhooks/allowed-hosts')).json()).toEqual({ hosts: ['127.0.0.1'] });
    const r = await office.post('/api/webhooks', hook(`http://127.0.0.1:${port}/robot`));
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id;
    expect(await deliverOne(id)).toMatchObject({ state: 'delivered', last_status: 200 });
    expect(received).toContain('/robot');

    await admin.put('/api/webhooks/allowed-hosts', { hosts: [] });
    const before = received.length;
    const refused = await deliverOne(id);
    expect(refused).toMatchObject({ state: 'pending', last_status: null });
    expect(refused.last_error).toContain('地址不允许');
    expect(received.length).toBe(before); // nothing was sent

    // A row pointing at a name that resolves to loopback (saved before the rule, or edited in the database) is refused too.
    await tdb.db.execute(sql`UPDATE webhooks SET url = ${`https://localhost:${port}/robot`} WHERE id = ${id}`);
    expect((await deliverOne(id)).last_error).toContain('地址不允许');
    await tdb.db.execute(sql`UPDATE webhooks SET url = ${`https://[::1]:${port}/robot`} WHERE id = ${id}`);
    expect((await deliverOne(id)).last_error).toContain('地址不允许');
    expect(received.length).toBe(before);
  });

  it('connects to the address it checked, never asking DNS again (no rebinding)', async () => {
    // .invalid never resolves: reaching the receiver proves the connection used the checked address.
    const r = await postTo({ ok: true, url: new URL(`http://rebind.invalid:${port}/pinned`), address: '127.0.0.1', family: 4 }, {}, '{}', 5000);
    expect(r.status).toBe(200);
    expect(received).toContain('/pinned');
  });

  it('does not follow a redirect: the 302 is recorded and nothing else is called', async () => {
    const admin = as(app, await login(app, 'admin'));
    await admin.put('/api/webhooks/allowed-hosts', { hosts: ['127.0.0.1'] });
    const office = as(app, await login(app, 'office'));
    const id = (await office.post('/api/webhooks', hook(`http://127.0.0.1:${port}/moved`))).json().id;
    const row = await deliverOne(id);
    expect(row).toMatchObject({ state: 'pending', last_status: 302 });
    expect(received).not.toContain('/elsewhere');
  });
});
