// A fresh database per test file, cloned from the migrated template.
import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, createPool, type Db } from '../../server/db/pool.ts';

export interface TestDb {
  db: Db;
  pool: pg.Pool;
  url: string;
  name: string;
  embedded: boolean;
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
  return {
    db, pool, url, name, embedded: inject('pgEmbedded'),
    async drop() {
      await pool.end();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
