// The server's lifecycle under trouble (issue 11): SIGTERM with 10 writers
// at work (signal to exit, every acknowledged write kept), and PostgreSQL
// restarting under a running server (PostgreSQL ready again to the first
// healthy answer). The server runs on a PostgreSQL of the section's own
// (DATABASE_URL), which the section stops and starts. Each figure is the
// worst of RUNS runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, spawnServer, stopServer, waitHealthy, type ServerProc } from '../../tests/helpers/server-process.ts';
import { startWriters } from '../../tests/helpers/writers.ts';
import { startEmbedded, type EmbeddedHandle } from '../../server/db/embedded.ts';
import { createLogger } from '../../server/platform/logger.ts';
import { ADMIN_PASSWORD, CONCURRENCY, record, signIn } from '../lib.ts';

const RUNS = 3;
const AUDIT_KEY = 'bench-lifecycle-audit-key-0123456789abcdef';
const COMMUNITY = '350821100010'; // 水东街社区 of the demo town
const DEMO_PASSWORD = 'Demo@2026';

async function started(env: Record<string, string>): Promise<ServerProc> {
  const s = spawnServer({ ...env, PORT: String(await freePort()), LOG_LEVEL: 'info' });
  await waitHealthy(s, 300_000);
  // Health answers before the job queue is up; "started" is the last step.
  while (!s.output().includes('创城通已启动')) await new Promise((r) => setTimeout(r, 50));
  return s;
}

async function health(url: string) {
  try {
    const r = await fetch(`${url}/api/health`);
    await r.arrayBuffer();
    return r.status;
  } catch {
    return 0;
  }
}

export async function lifecycleBench() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-life-'));
  fs.chmodSync(dir, 0o755);
  fs.mkdirSync(path.join(dir, 'pg'));
  const pgPort = await freePort();
  const log = createLogger('warn');
  let db: EmbeddedHandle | null = await startEmbedded(path.join(dir, 'pg'), pgPort, log);
  const env = { DATABASE_URL: db.url, AUDIT_KEY, DATA_DIR: path.join(dir, 'data'), ADMIN_PASSWORD, DEMO: '1', DB_POOL_SIZE: String(CONCURRENCY) };
  const servers: ServerProc[] = [];
  try {
    const sigterm: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const s = await started(env);
      servers.push(s);
      const cookie = await signIn(s.url, 'office', DEMO_PASSWORD);
      const writers = startWriters(s.url, cookie, COMMUNITY, CONCURRENCY);
      await new Promise((r) => setTimeout(r, 2000));
      const t0 = performance.now();
      s.child.kill('SIGTERM');
      const code = await s.exited;
      sigterm.push(Math.round(performance.now() - t0));
      await writers.done;
      if (code !== 0) throw new Error(`SIGTERM: exit code ${code}`);
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      const found = await c.query(`SELECT count(*)::int AS n FROM places WHERE name = ANY($1::text[]) AND region_code = $2`, [writers.acknowledged, COMMUNITY]);
      await c.query(`DELETE FROM places WHERE name LIKE '写入%'`); // next run writes the same names
      await c.end();
      if (found.rows[0].n !== new Set(writers.acknowledged).size)
        throw new Error(`SIGTERM lost writes: ${found.rows[0].n} of ${writers.acknowledged.length} acknowledged`);
      console.log(`  sigterm run ${run + 1}: ${sigterm[run]} ms, ${writers.acknowledged.length} acknowledged writes kept`);
    }
    record({ name: 'server.sigterm_under_load_ms', value: Math.max(...sigterm), unit: 'ms' });

    const s = await started(env);
    servers.push(s);
    const reconnect: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await db.stop();
      db = null;
      while ((await health(s.url)) !== 503) await new Promise((r) => setTimeout(r, 20));
      db = await startEmbedded(path.join(dir, 'pg'), pgPort, log); // resolves when PostgreSQL accepts connections
      const t0 = performance.now();
      while ((await health(s.url)) !== 200) {
        if (performance.now() - t0 > 60_000) throw new Error('the server did not reconnect within 60 s');
        await new Promise((r) => setTimeout(r, 10));
      }
      reconnect.push(Math.round(performance.now() - t0));
      console.log(`  reconnect run ${run + 1}: ${reconnect[run]} ms`);
    }
    record({ name: 'server.reconnect_ms', value: Math.max(...reconnect), unit: 'ms' });
  } finally {
    for (const s of servers) await stopServer(s, 'SIGTERM');
    await db?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
