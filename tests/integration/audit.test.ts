import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { as, buildTown, COMMUNITY_A, login, closeTown, openTown } from '../helpers/town.ts';
import { sealAudit } from '../../server/platform/audit.ts';
import { verifyAudit } from '../../server/platform/audit-verify.ts';

let tdb: TestDb;
let app: FastifyInstance;

beforeAll(async () => {
  ({ tdb, app } = await openTown());
});
afterAll(() => closeTown(app, tdb));

describe('audit trail', () => {
  it('records who, what, before and after for every write', async () => {
    const office = as(app, await login(app, 'office'));
    const p = (await office.post('/api/places', { kind: 'compound', regionCode: COMMUNITY_A, name: '汀江花园' })).json();
    await office.patch(`/api/places/${p.id}`, { version: p.version, name: '汀江花园小区' });
    await office.del(`/api/places/${p.id}`);
    const rows = (
      await tdb.db.execute<any>(sql`SELECT actor_name, action, before, after FROM audit_log WHERE entity = 'place' AND entity_id = ${String(p.id)} ORDER BY id`)
    ).rows;
    expect(rows.map((r) => r.action)).toEqual(['create', 'update', 'delete']);
    expect(rows.every((r) => r.actor_name === '镇创城办甲')).toBe(true);
    expect(rows[1].before.name).toBe('汀江花园');
    expect(rows[1].after.name).toBe('汀江花园小区');
    expect(rows[2].after).toBeNull();
  });

  it('reads the log newest first in keyset pages, within the documented page size', async () => {
    const admin = as(app, await login(app, 'admin'));
    const url = '/api/audit?entity=place&limit=2';
    const first = (await admin.get(url)).json();
    expect(first.items.map((r: any) => r.action)).toEqual(['delete', 'update']);
    const second = (await admin.get(`${url}&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((r: any) => r.action)).toEqual(['create']);
    expect(second.nextCursor).toBeNull();
    expect((await admin.get('/api/audit?limit=201')).statusCode).toBe(400);
    expect((await admin.get('/api/audit?cursor=WyJ4Il0')).statusCode).toBe(400);
  });

  it('never stores password hashes', async () => {
    const admin = as(app, await login(app, 'admin'));
    await admin.post('/api/people', { name: '新人', phone: '13900000099', roles: [] });
    const r = await tdb.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log WHERE after::text LIKE '%argon2%' OR before::text LIKE '%argon2%'`);
    expect(Number(r.rows[0].n)).toBe(0);
  });

  it('is append-only: the database refuses UPDATE and DELETE, and a second sealing of a row', async () => {
    await sealAudit(tdb.db, tdb.audit);
    await expect(tdb.db.execute(sql`UPDATE audit_log SET action = 'x' WHERE id = 1`)).rejects.toThrow();
    await expect(tdb.db.execute(sql`DELETE FROM audit_log WHERE id = 1`)).rejects.toThrow();
    await expect(tdb.db.execute(sql`UPDATE audit_log SET hash = 'x', seq = seq WHERE id = 1`)).rejects.toThrow();
  });

  it('seals concurrent writers into one unbroken chain', async () => {
    const office = as(app, await login(app, 'office'));
    await Promise.all(Array.from({ length: 20 }, (_, i) => office.post('/api/places', { kind: 'street', regionCode: COMMUNITY_A, name: `并发巷${i}` })));
    const pending = await tdb.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log WHERE hash IS NULL`);
    expect(Number(pending.rows[0].n)).toBeGreaterThanOrEqual(20);
    const r = await verifyAudit(tdb.db, tdb.audit);
    expect(r).toMatchObject({ ok: true });
    expect(r.sealed).toBeGreaterThanOrEqual(20);
    const seqs = (await tdb.db.execute<{ seq: number }>(sql`SELECT seq FROM audit_log ORDER BY seq`)).rows.map((x) => Number(x.seq));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('verifies OK, then finds the first row edited by hand', async () => {
    const ok = await verifyAudit(tdb.db, tdb.audit);
    expect(ok.ok).toBe(true);
    const admin = as(app, await login(app, 'admin'));
    expect((await admin.get('/api/audit/verify')).json()).toMatchObject({ ok: true });
    expect((await as(app, await login(app, 'office')).get('/api/audit/verify')).statusCode).toBe(403);

    const target = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM audit_log ORDER BY id OFFSET 5 LIMIT 1`)).rows[0].id;
    await tdb.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
    await tdb.db.execute(sql`UPDATE audit_log SET after = '{"name":"篡改"}' WHERE id = ${target}`);
    await tdb.db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
    const bad = await verifyAudit(tdb.db, tdb.audit);
    expect(bad).toMatchObject({ ok: false, brokenId: Number(target) });
  });

  it('finds a row deleted by hand through the broken chain', async () => {
    const t2 = await createTestDb();
    try {
      await buildTown(t2.db);
      await sealAudit(t2.db, t2.audit); // the server's sealer runs every second
      const ids = (await t2.db.execute<{ id: number }>(sql`SELECT id FROM audit_log ORDER BY seq LIMIT 3`)).rows.map((r) => Number(r.id));
      await t2.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
      await t2.db.execute(sql`DELETE FROM audit_log WHERE id = ${ids[1]}`);
      const bad = await verifyAudit(t2.db, t2.audit);
      expect(bad).toMatchObject({ ok: false, brokenId: ids[2] });
    } finally {
      await t2.drop();
    }
  });
});
