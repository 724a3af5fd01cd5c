import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as base from './schema.ts';
import * as problemSchema from './schema-problems.ts';
import * as assessmentSchema from './schema-assessment.ts';
import * as noticeSchema from './schema-notices.ts';
import * as inspectionSchema from './schema-inspections.ts';
import * as inboxSchema from './schema-inbox.ts';

const schema = { ...base, ...problemSchema, ...assessmentSchema, ...noticeSchema, ...inspectionSchema, ...inboxSchema };

// bigint (COUNT, bigserial) as JS number: our counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// numeric as number for reporting queries.
pg.types.setTypeParser(1700, (v) => Number(v));

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** A query runner: the pool, or a transaction (every repository function takes one). */
export type Q = Db | Tx;

export function createPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30000 });
  // PostgreSQL restarting (or a backend terminated) must not crash the server:
  // an idle client's error is reported to the pool, which drops it; a client
  // checked out but between two queries (inside a transaction) would emit an
  // unhandled 'error' without its own listener. Either way the dead client is
  // discarded on release and the pool opens new connections when the
  // database answers again.
  pool.on('error', () => {
    /* a dropped idle client; the next query reports it */
  });
  pool.on('connect', (client) =>
    client.on('error', () => {
      /* its current or next query fails; released, it is discarded */
    }),
  );
  return pool;
}

export function createDb(pool: pg.Pool): Db {
  return drizzle(pool, { schema }) as Db;
}
