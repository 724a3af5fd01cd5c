// Start-up (cold and warm), the idle server's RSS, and authenticated GET /api/me vs SELECT 1.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import autocannon from 'autocannon';
import { freePort, stopServer } from '../../tests/helpers/server-process.ts';
import { PG_USER as EMBEDDED_PG_USER, PG_PASSWORD as EMBEDDED_PG_PASSWORD } from '../../server/db/embedded.ts';
import { ADMIN_PASSWORD, CONCURRENCY, DURATION_MS, record, rssMb, throughput, timed } from '../lib.ts';

export async function startupBench() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-'));
  fs.chmodSync(dir, 0o755);
  const pgPort = await freePort();
  const env = {
    DATA_DIR: path.join(dir, 'data'),
    EMBEDDED_PG_PORT: String(pgPort),
    ADMIN_PASSWORD,
    DEMO: '1',
    LOG_LEVEL: 'warn',
    DB_POOL_SIZE: String(CONCURRENCY),
  };
  try {
    const cold = await timed({ ...env, PORT: String(await freePort()) });
    record({ name: 'startup.cold_ms', value: cold.ms, unit: 'ms' });
    await stopServer(cold.server);

    const warm = await timed({ ...env, PORT: String(await freePort()) });
    record({ name: 'startup.warm_ms', value: warm.ms, unit: 'ms' });
    const server = warm.server;

    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password: ADMIN_PASSWORD }),
    });
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
    const select1 = await throughput(async () => {
      await pool.query('SELECT 1');
    });
    await pool.end();
    record({ name: 'api.me_rps', value: me, unit: 'req/s', baseline: select1, ratio: Math.round((me / select1) * 100) / 100 });

    await stopServer(server);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
