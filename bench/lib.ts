// What every bench section shares: the result list and its printer, the
// server and timing helpers, the fixed admin password and load settings.
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { freePort, spawnServer, stopServer, waitHealthy, type ServerProc } from '../tests/helpers/server-process.ts';
import { PG_PASSWORD, PG_USER } from '../server/db/embedded.ts';
import { createDb, createPool, type Db } from '../server/db/pool.ts';

export interface Result {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
}
export const results: Result[] = [];
export const ADMIN_PASSWORD = 'BenchAdmin2026';
export const CONCURRENCY = 10;
export const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;

export function record(r: Result) {
  results.push(r);
  console.log(
    `${r.name.padEnd(24)} ${String(r.value).padStart(10)} ${r.unit}${r.baseline !== undefined ? `  (baseline ${r.baseline}, ratio ${r.ratio})` : ''}`,
  );
}

export async function timed(env: Record<string, string>): Promise<{ server: ServerProc; ms: number }> {
  const t0 = performance.now();
  const server = spawnServer(env);
  await waitHealthy(server, 120_000);
  return { server, ms: Math.round(performance.now() - t0) };
}

export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
  return Math.round(kb / 102.4) / 10;
}

/** Run `fn` from CONCURRENCY loops for DURATION_MS; returns completed calls per second. */
export async function throughput(fn: () => Promise<void>): Promise<number> {
  // Warm up.
  for (let i = 0; i < 50; i++) await fn();
  let done = 0;
  const until = performance.now() + DURATION_MS;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        await fn();
        done++;
      }
    }),
  );
  return Math.round(done / ((performance.now() - t0) / 1000));
}

export function p95(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] * 10) / 10;
}

export async function timeMany(n: number, fn: () => Promise<void>) {
  for (let i = 0; i < 5; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return p95(xs);
}

export async function signIn(url: string, login: string, password: string) {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (r.status !== 200) throw new Error(`login ${login} failed: ${r.status}`);
  return r.headers.get('set-cookie')!.split(';')[0];
}

/** Two distinct free ports (the database's and the server's): freePort() may hand out the same one twice. */
export async function twoPorts(): Promise<[number, number]> {
  const a = await freePort();
  for (;;) {
    const b = await freePort();
    if (b !== a) return [a, b];
  }
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)] * 10) / 10;
};

export interface KeptServer {
  server: ServerProc;
  pool: pg.Pool;
  db: Db;
  stop(): Promise<void>;
}

/**
 * A server (jobs off) on a data dir kept under bench/tmp/<name>, so later runs
 * skip generating its data, and a pool on its embedded database. `generate`
 * runs once: a `generated` marker file in the dir records that it finished.
 */
export async function keptServer(
  name: string,
  o: { env?: Record<string, string>; poolSize: number; generate?: (db: Db) => Promise<void> },
): Promise<KeptServer> {
  const dir = path.join(import.meta.dirname, 'tmp', name);
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  const [pgPort, port] = await twoPorts();
  const server = spawnServer({
    DATA_DIR: path.join(dir, 'data'),
    EMBEDDED_PG_PORT: String(pgPort),
    ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
    JOBS: '0',
    ...o.env,
    PORT: String(port),
  });
  await waitHealthy(server, 600_000); // a new migration may build indexes over the whole data set
  const pool = createPool(`postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${pgPort}/postgres`, o.poolSize);
  pool.on('error', () => {});
  const db = createDb(pool);
  const stop = async () => {
    await pool.end();
    await stopServer(server);
  };
  try {
    const marker = path.join(dir, 'generated');
    if (o.generate && !fs.existsSync(marker)) {
      await o.generate(db);
      fs.writeFileSync(marker, new Date().toISOString());
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { server, pool, db, stop };
}
