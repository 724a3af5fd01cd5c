// The server as a process when PostgreSQL goes away and comes back, and when
// it is told to stop under load: it reconnects by itself (health 503 with a
// reason but no SQL meanwhile), and on SIGTERM it exits 0 having kept every
// write it acknowledged.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { freePort, spawnServer, stopServer, waitHealthy, type ServerProc } from '../helpers/server-process.ts';
import { startWriters } from '../helpers/writers.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { buildTown, COMMUNITY_A, PASSWORD } from '../helpers/town.ts';
import { startEmbedded, type EmbeddedHandle } from '../../server/db/embedded.ts';
import { createLogger } from '../../server/platform/logger.ts';
import { verifyAudit } from '../../server/platform/audit-verify.ts';
import { CHECKPOINT_FILE } from '../../server/platform/audit-key.ts';

const AUDIT_KEY = 'recovery-test-audit-key-0123456789abcdef';
let dir: string;
const servers: ServerProc[] = [];
let pg: EmbeddedHandle | null = null;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-recovery-'));
  fs.chmodSync(dir, 0o755);
});
afterAll(async () => {
  for (const s of servers) await stopServer(s, 'SIGKILL');
  await pg?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function signIn(url: string, login: string, password: string) {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  expect(r.status).toBe(200);
  return r.headers.get('set-cookie')!.split(';')[0];
}

async function healthUntil(s: ServerProc, status: number, ms = 30_000) {
  const until = Date.now() + ms;
  for (;;) {
    const r = await fetch(`${s.url}/api/health`).catch(() => null);
    if (r?.status === status) return r.text();
    if (Date.now() > until || s.child.exitCode !== null) throw new Error(`health never answered ${status}; last ${r?.status}; server output: ${s.output()}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

describe('PostgreSQL restarts under a running server', () => {
  it('answers 503 without SQL while the database is down, then 200 again by itself; writes and sealing resume', async () => {
    const pgDir = path.join(dir, 'pg-own');
    fs.mkdirSync(pgDir);
    const pgPort = await freePort();
    const log = createLogger('warn');
    pg = await startEmbedded(pgDir, pgPort, log);
    const s = spawnServer({
      DATABASE_URL: pg.url,
      AUDIT_KEY,
      DATA_DIR: path.join(dir, 'srv1'),
      ADMIN_PASSWORD: 'Recovery2026pw',
      PORT: String(await freePort()),
      LOG_LEVEL: 'info',
    });
    servers.push(s);
    await waitHealthy(s);
    // Fully started, job queue included (it starts after HTTP answers).
    while (!s.output().includes('创城通已启动')) await new Promise((r) => setTimeout(r, 100));

    await pg.stop();
    const down = await healthUntil(s, 503);
    const body = JSON.parse(down);
    expect(body).toMatchObject({ status: 'unavailable' });
    expect(body.reason).toMatch(/^数据库不可用/);
    expect(down).not.toMatch(/SELECT|current_setting|ECONN|127\.0\.0\.1|postgres:\/\//);

    pg = await startEmbedded(pgDir, pgPort, log);
    await healthUntil(s, 200);
    expect(s.child.exitCode).toBeNull(); // the same process, never restarted

    // The pool serves writes again, and the sealer's timer survived the outage.
    await signIn(s.url, 'admin', 'Recovery2026pw');
    const c = new (await import('pg')).default.Client({ connectionString: pg.url });
    await c.connect();
    try {
      const until = Date.now() + 15_000;
      let unsealed = 1;
      while (unsealed > 0 && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 300));
        unsealed = Number((await c.query(`SELECT count(*) AS n FROM audit_log WHERE hash IS NULL`)).rows[0].n);
      }
      expect(unsealed).toBe(0);
    } finally {
      await c.end();
    }
    expect(await stopServer(s)).toBe(0);
  }, 120_000);
});

describe('SIGTERM under load', () => {
  let tdb: TestDb;
  beforeAll(async () => {
    tdb = await createTestDb();
    await buildTown(tdb.db);
  });
  afterAll(() => tdb?.drop());

  it('exits 0 with every acknowledged write in the database and the audit chain sealed', async () => {
    const dataDir = path.join(dir, 'srv2');
    const s = spawnServer({ DATABASE_URL: tdb.url, AUDIT_KEY, DATA_DIR: dataDir, PORT: String(await freePort()) });
    servers.push(s);
    await waitHealthy(s);
    const cookie = await signIn(s.url, 'office', PASSWORD);
    const writers = startWriters(s.url, cookie, COMMUNITY_A, 10);
    const until = Date.now() + 20_000;
    while (writers.acknowledged.length < 30 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(writers.acknowledged.length).toBeGreaterThanOrEqual(30);

    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    await writers.done;

    const names = writers.acknowledged;
    const found = await tdb.db.execute<{ name: string }>(sql`SELECT name FROM places WHERE name = ANY(${sql.param(names)}::text[])`);
    expect(new Set(found.rows.map((r) => r.name))).toEqual(new Set(names));
    // Refused requests were refused cleanly (503 or a closed socket), never 500.
    expect([...writers.statuses.keys()].filter((k) => k >= 500 && k !== 503)).toEqual([]);
    // The last writes were sealed before the pool closed.
    const unsealed = await tdb.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log WHERE hash IS NULL`);
    expect(Number(unsealed.rows[0].n)).toBe(0);
    const v = await verifyAudit(tdb.db, { key: Buffer.from(AUDIT_KEY), checkpointFile: path.join(dataDir, CHECKPOINT_FILE) });
    expect(v).toMatchObject({ ok: true });
    expect(v.checks.find((c) => c.name === 'checkpoint')!.detail).toMatch(/一致/);
  }, 90_000);
});
