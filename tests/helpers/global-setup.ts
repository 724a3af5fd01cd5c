// One PostgreSQL for the whole run: DATABASE_URL when given (CI also runs the
// suite against Debian's PostgreSQL 15 this way), else an embedded server in
// a temporary directory. A template database is migrated once; each test
// file clones it (tests/helpers/db.ts), so files never see each other's rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbedded, type EmbeddedHandle } from '../../server/db/embedded.ts';
import { createPool } from '../../server/db/pool.ts';
import { runMigrations } from '../../server/db/migrate.ts';
import { createLogger } from '../../server/platform/logger.ts';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function withDatabase(url: string, db: string) {
  const u = new URL(url);
  u.pathname = '/' + db;
  return u.toString();
}

let embedded: EmbeddedHandle | null = null;
let tmpDir: string | null = null;

export default async function setup(project: TestProject) {
  let adminUrl = process.env.DATABASE_URL ?? null;
  if (!adminUrl) {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-test-'));
    fs.chmodSync(tmpDir, 0o755);
    embedded = await startEmbedded(tmpDir, await freePort(), createLogger('warn'));
    adminUrl = embedded.url;
  }
  const template = `cc_tmpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const pool = createPool(withDatabase(adminUrl, template), 2);
  await runMigrations(pool);
  await pool.end();
  await admin.end();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  project.provide('pgEmbedded', !!embedded);

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl! });
    await c.connect();
    // Drop what the run created (per-file databases are dropped by their files; this catches crashes).
    const dbs = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'cc_t_${process.pid}_%' OR datname = $1`, [template]);
    for (const d of dbs.rows) await c.query(`DROP DATABASE IF EXISTS ${d.datname} WITH (FORCE)`).catch(() => {});
    await c.end();
    if (embedded) await embedded.stop();
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    pgEmbedded: boolean;
  }
}
