// Hot statements run as named prepared statements (server/db/prepared.ts):
// the same rows as an ordinary execute (drizzle's type parsers: timestamps as
// text), one statement per SQL shape of a call site, inside a transaction as
// on the pool, and past the cap of shapes a call still answers (unprepared).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { executePrepared, MAX_SHAPES } from '../../server/db/prepared.ts';

let tdb: TestDb;
beforeAll(async () => {
  tdb = await createTestDb();
}, 120_000);
afterAll(async () => {
  await tdb?.drop();
});

describe('executePrepared', () => {
  it('answers as execute does, and prepares one statement per SQL shape', async () => {
    const q = (n: number, withName: boolean) => sql`SELECT ${n}::int AS n, now() AS at, ${'2026-12-06'}::date AS day ${withName ? sql`, 'x' AS name` : sql``}`;
    const plain = (await tdb.db.execute<any>(q(1, false))).rows[0];
    // One connection, so that the statements it prepared can be listed on it.
    await tdb.db.transaction(async (tx) => {
      const a = (await executePrepared<any>(tx, 'prepared_test', q(1, false))).rows[0];
      const b = (await executePrepared<any>(tx, 'prepared_test', q(2, false))).rows[0];
      const c = (await executePrepared<any>(tx, 'prepared_test', q(3, true))).rows[0];
      expect(a).toEqual({ n: 1, at: expect.any(String), day: plain.day });
      expect(typeof plain.at).toBe('string');
      expect(b.n).toBe(2);
      expect(c).toMatchObject({ n: 3, name: 'x' });
      const names = (await tx.execute<{ name: string }>(sql`SELECT name FROM pg_prepared_statements WHERE name LIKE 'prepared_test%' ORDER BY name`)).rows;
      expect(names.map((r) => r.name)).toEqual(['prepared_test', 'prepared_test_2']);
    });
  });

  it('past the cap of shapes of one name, a new shape still answers', async () => {
    for (let i = 0; i <= MAX_SHAPES + 1; i++) {
      const r = await executePrepared<{ n: number }>(tdb.db, 'prepared_cap', sql`SELECT ${sql.raw(String(i))}::int AS n`);
      expect(r.rows[0].n).toBe(i);
    }
  });
});
