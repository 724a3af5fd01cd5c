// What every bench section shares: the result list and its printer, the
// server and timing helpers, the fixed admin password and load settings.
import fs from 'node:fs';
import { spawnServer, waitHealthy, type ServerProc } from '../tests/helpers/server-process.ts';

export interface Result { name: string; value: number; unit: string; baseline?: number; ratio?: number }
export const results: Result[] = [];
export const ADMIN_PASSWORD = 'BenchAdmin2026';
export const CONCURRENCY = 10;
export const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;

export function record(r: Result) {
  results.push(r);
  console.log(`${r.name.padEnd(24)} ${String(r.value).padStart(10)} ${r.unit}${r.baseline !== undefined ? `  (baseline ${r.baseline}, ratio ${r.ratio})` : ''}`);
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
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < until) {
      await fn();
      done++;
    }
  }));
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
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
  if (r.status !== 200) throw new Error(`login ${login} failed: ${r.status}`);
  return r.headers.get('set-cookie')!.split(';')[0];
}
