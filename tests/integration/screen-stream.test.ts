// The 大屏's event stream (GET /api/screen/stream) on real PostgreSQL, read by the screen's own client
// (web/src/screen/stream.ts): a display gets its summary and map at once and each new problem event as it happens;
// the stream answers only an event-stream request (406 otherwise), and a revoked token ends it with the reason. Then
// the restart: a real server process is stopped (SIGTERM) and started again on the same port and database while the
// same client object stays connected in between — it notices the drop, connects again by itself and receives a
// summary computed by the new process, with no new client (the screen is not reloaded).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { createTestDb } from '../helpers/db.ts';
import { as, buildTown, closeTown, COMMUNITY_A, login, openTown, PASSWORD, TOWN } from '../helpers/town.ts';
import { problemIn } from '../helpers/problems.ts';
import { freePort, spawnServer, stopServer, waitHealthy, type ServerProc } from '../helpers/server-process.ts';
import { connectStream } from '../../web/src/screen/stream.ts';

/** A client of the stream that records what it hears, and waits for it. */
function listen(url: string, headers: Record<string, string>) {
  const heard: { name: string; data: any }[] = [];
  const log: string[] = [];
  let refusal: string | null = null;
  const stream = connectStream(
    { url: () => url, headers: () => headers, retryMs: 300, maxRetryMs: 1000 },
    {
      open: () => log.push('open'),
      down: () => log.push('down'),
      event: (name, data) => heard.push({ name, data: JSON.parse(data) }),
      refused: (m) => {
        refusal = m;
      },
    },
  );
  const until = async (what: string, ok: () => boolean, ms = 30_000) => {
    const end = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > end) throw new Error(`no ${what} within ${ms} ms; heard ${heard.map((h) => h.name).join(',')}; ${log.join(',')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { heard, log, refusal: () => refusal, until, close: () => stream.close() };
}

async function token(base: string, cookie: string, region = TOWN) {
  const r = await fetch(`${base}/api/screen/tokens`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ name: '大厅', regionCode: region }),
  });
  expect(r.status).toBe(200);
  return (await r.json()) as { id: number; token: string };
}

describe('the screen’s event stream', () => {
  let tdb: TestDb;
  let app: FastifyInstance;
  let base: string;
  let office: string;
  beforeAll(async () => {
    ({ tdb, app } = await openTown({ categories: true, calendar: true, checklists: true }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    office = await login(app, 'office');
  });
  afterAll(() => closeTown(app, tdb));

  it('answers only an event-stream request, and only to a display or a viewer with the screen', async () => {
    const t = await token(base, office);
    const plain = await app.inject({ method: 'GET', url: '/api/screen/stream', headers: { 'x-display-token': t.token } });
    expect(plain.statusCode).toBe(406);
    expect(plain.json().error.code).toBe('NOT_ACCEPTABLE');
    const anonymous = await app.inject({ method: 'GET', url: '/api/screen/stream', headers: { accept: 'text/event-stream' } });
    expect(anonymous.statusCode).toBe(401);
    const chief = await login(app, 'chief');
    expect((await as(app, chief).get('/api/screen/stream')).statusCode).toBe(403);
  });

  it('pushes the summary and map at once, each new event as it happens, and ends with the reason once revoked', async () => {
    const t = await token(base, office);
    const c = listen(`${base}/api/screen/stream`, { 'x-display-token': t.token });
    try {
      await c.until('summary and map', () => ['summary', 'map'].every((n) => c.heard.some((h) => h.name === n)));
      const summary = c.heard.find((h) => h.name === 'summary')!.data;
      expect(summary).toMatchObject({ region: TOWN, regionName: '汀州镇', displayName: '大厅' });
      expect(summary.ranking.computedAt).toEqual(expect.any(String));

      const p = await problemIn(tdb.db, 'reported', { region: COMMUNITY_A });
      const ev = await tdb.db.execute<{ id: number }>(sql`INSERT INTO problem_events (problem_id, action, from_state, to_state)
        VALUES (${p.id}, 'file', 'reported', 'filed') RETURNING id`);
      const id = Number(ev.rows[0].id);
      await c.until('the new event', () => c.heard.some((h) => h.name === 'feed' && h.data.items.some((i: { id: number }) => i.id === id)));
      const pushed = c.heard.find((h) => h.name === 'feed' && h.data.items.some((i: { id: number }) => i.id === id))!.data;
      expect(pushed.items.find((i: { id: number }) => i.id === id)).toMatchObject({ text: '立案 → 待派遣' });

      expect((await as(app, office).post(`/api/screen/tokens/${t.id}/revoke`)).statusCode).toBe(200);
      await c.until('the refusal', () => c.refusal() !== null);
      expect(c.refusal()).toContain('撤销');
    } finally {
      c.close();
    }
  });
});

describe('a server restart under an open screen', () => {
  const AUDIT_KEY = 'screen-stream-test-audit-key-0123456789abcdef';
  let tdb: TestDb;
  let dir: string;
  const servers: ServerProc[] = [];
  beforeAll(async () => {
    tdb = await createTestDb();
    await buildTown(tdb.db);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-screen-restart-'));
  });
  afterAll(async () => {
    for (const s of servers) await stopServer(s, 'SIGKILL');
    await tdb?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the same client connects again by itself and receives what the new server computes', async () => {
    const port = await freePort();
    const start = async () => {
      const s = spawnServer({ DATABASE_URL: tdb.url, AUDIT_KEY, DATA_DIR: dir, PORT: String(port), JOBS: '0' });
      servers.push(s);
      await waitHealthy(s, 120_000);
      return s;
    };
    const first = await start();
    const login = await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'office', password: PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const t = await token(first.url, cookie);
    const c = listen(`${first.url}/api/screen/stream`, { 'x-display-token': t.token });
    try {
      await c.until('the first summary', () => c.heard.some((h) => h.name === 'summary'));
      const before = c.heard.filter((h) => h.name === 'summary').at(-1)!.data.generatedAt as string;

      expect(await stopServer(first)).toBe(0);
      await c.until('the drop', () => c.log.includes('down'));
      const heardWhileDown = c.heard.length;

      const second = await start();
      await c.until('the stream again', () => c.log.filter((x) => x === 'open').length >= 2, 60_000);
      await c.until('a summary from the new server', () => c.heard.length > heardWhileDown && c.heard.slice(heardWhileDown).some((h) => h.name === 'summary'));
      const after = c.heard.slice(heardWhileDown).find((h) => h.name === 'summary')!.data;
      expect(after.region).toBe(TOWN);
      expect(Date.parse(after.generatedAt)).toBeGreaterThan(Date.parse(before));
      expect(c.refusal()).toBeNull();
      expect(await stopServer(second)).toBe(0);
    } finally {
      c.close();
    }
  }, 240_000);
});
