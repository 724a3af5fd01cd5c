// A fresh database per test file, cloned from the migrated template.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, createPool, type Db } from '../../server/db/pool.ts';
import { CHECKPOINT_FILE, type AuditChain } from '../../server/platform/audit-key.ts';

export interface TestDb {
  db: Db;
  pool: pg.Pool;
  url: string;
  name: string;
  embedded: boolean;
  /** This database's audit key and checkpoint, in a directory of its own. */
  audit: AuditChain;
  auditDir: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, db: string) {
  const u = new URL(url);
  u.pathname = '/' + db;
  return u.toString();
}

export async function createTestDb(): Promise<TestDb> {
  const adminUrl = inject('pgAdminUrl');
  const template = inject('pgTemplate');
  const ppid = template.replace('cc_tmpl_', '');
  const name = `cc_t_${ppid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // CREATE DATABASE ... TEMPLATE needs the template to be idle; retry briefly if another file is cloning.
  for (let i = 0; ; i++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      break;
    } catch (e: any) {
      if (e.code !== '55006' || i > 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const pool = createPool(url, 5);
  const db = createDb(pool);
  const auditDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-audit-'));
  const audit: AuditChain = { key: crypto.randomBytes(32), checkpointFile: path.join(auditDir, CHECKPOINT_FILE) };
  return {
    db,
    pool,
    url,
    name,
    embedded: inject('pgEmbedded'),
    audit,
    auditDir,
    async drop() {
      await pool.end();
      fs.rmSync(auditDir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
