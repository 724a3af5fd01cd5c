// Issue 10: the route-table fuzzer's throughput, for the record.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { keptServer, record } from '../lib.ts';
import { runFuzz } from '../../tests/helpers/fuzz-run.ts';
import { DEMO_PASSWORD } from '../../server/demo/accounts.ts';

/**
 * security.fuzz_requests_per_s: the suite's route-table fuzzer
 * (tests/helpers/fuzz.ts, fuzz-run.ts) as anonymous and as the demo's office,
 * 10 + 20 requests per route plus the office's one-per-field sweep, against
 * the app built in-process on a fresh demo database (the fuzzer changes what
 * it may, so the data dir is made anew each run). Also printed: failures
 * (5xx, undocumented error bodies, hangs), which the test keeps at 0.
 */
export async function securityBench() {
  const { buildApp } = await import('../../server/app.ts');
  const { loadConfig } = await import('../../server/platform/config.ts');
  const { loadAuditChain } = await import('../../server/platform/audit-key.ts');
  const dir = path.join(import.meta.dirname, '..', 'tmp', 'security');
  fs.rmSync(dir, { recursive: true, force: true });
  const { db, stop } = await keptServer('security', { env: { DEMO: '1' }, poolSize: 10 });
  try {
    const config = { ...loadConfig({ DATA_DIR: path.join(dir, 'data') }, []), webDist: '/nonexistent' };
    const app = await buildApp({ db, config, embedded: true, audit: loadAuditChain(config) });
    await app.ready();
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'office', password: DEMO_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`office login failed: ${res.statusCode} ${res.body}`);
    let cookie = `cc_sid=${res.cookies.find((c) => c.name === 'cc_sid')!.value}`;
    const known = (await db.execute<{ code: string }>(sql`SELECT code FROM regions WHERE code LIKE '350821%' ORDER BY length(code), code LIMIT 8`)).rows.map(
      (r) => r.code,
    );
    const run = await runFuzz(app, {
      seed: 20261206,
      known,
      callers: [
        { name: 'anonymous', cookie: () => null, count: 10 },
        { name: 'office', cookie: () => cookie, count: 20, sweep: true },
      ],
      afterRoute: async () => {
        // Signed out or reset by the fuzzer: sign in again, so the office keeps reaching the routes.
        if ((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode === 200) return;
        const again = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: `10.200.${Math.floor(Math.random() * 250)}.1`,
          payload: { login: 'office', password: DEMO_PASSWORD },
        });
        const c = again.cookies.find((x) => x.name === 'cc_sid');
        if (c) cookie = `cc_sid=${c.value}`;
      },
    });
    await app.close();
    console.log(`security fuzz: ${run.requests} requests over ${app.routeTable.length} routes, ${run.failures.length} failures`);
    for (const f of run.failures.slice(0, 20)) console.log(`  ${f.slice(0, 300)}`);
    record({ name: 'security.fuzz_requests_per_s', value: Math.round(run.requests / run.seconds), unit: 'req/s' });
  } finally {
    await stop();
  }
}
