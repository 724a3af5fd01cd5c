// The audit chain against someone who can write the database but holds
// neither the key nor this server's files: each kind of tampering issue 11
// names is found, and `audit verify` says which row and which check.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { audit, canonical, sealAudit } from '../../server/platform/audit.ts';
import { verifyAudit } from '../../server/platform/audit-verify.ts';
import { loadAuditChain, readCheckpoint } from '../../server/platform/audit-key.ts';
import { StartupError } from '../../server/platform/logger.ts';

const dbs: TestDb[] = [];
afterAll(async () => {
  for (const d of dbs) await d.drop();
});

/** A database with `n` sealed audit rows (checkpoint written), like a server after a while. */
async function chainOf(n: number, opts: { keyedFromSeq?: number } = {}) {
  const t = await createTestDb();
  dbs.push(t);
  if (opts.keyedFromSeq) await t.db.execute(sql`UPDATE audit_chain SET keyed_from_seq = ${opts.keyedFromSeq}`);
  for (let i = 1; i <= n; i++) {
    await audit(t.db, {
      actor: { personId: i, name: `办事员${i}` },
      action: 'update',
      entity: 'place',
      entityId: i,
      regionCode: '350821100010',
      before: { name: `旧${i}` },
      after: { name: `新${i}` },
    });
  }
  await sealAudit(t.db, t.audit);
  return t;
}

async function rows(t: TestDb) {
  return (await t.db.execute<{ id: number; seq: number }>(sql`SELECT id, seq FROM audit_log ORDER BY seq`)).rows.map((r) => ({
    id: Number(r.id),
    seq: Number(r.seq),
  }));
}

/** What a database writer does by hand: the append-only trigger off, then anything. */
async function tamper(t: TestDb, fn: () => Promise<unknown>) {
  await t.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
  await fn();
  await t.db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
}

/** The attacker's best effort without the key: the keyed body, hashed with plain SHA-256, from row `fromSeq` on. */
async function recomputeWithoutKey(t: TestDb, fromSeq: number) {
  const r = await t.db.execute<any>(sql`
    SELECT id, seq, prev_hash, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_text, actor_id, actor_name, action, entity,
           entity_id, region_code, before::text AS before_text, after::text AS after_text
    FROM audit_log WHERE seq >= ${fromSeq} ORDER BY seq`);
  let prev = r.rows[0].prev_hash;
  for (const x of r.rows) {
    const body = JSON.stringify([
      Number(x.seq),
      Number(x.id),
      x.at_text,
      x.actor_id,
      x.actor_name,
      x.action,
      x.entity,
      x.entity_id,
      x.region_code,
      x.before_text,
      x.after_text,
    ]);
    const h = crypto.createHash('sha256').update(prev).update('\n').update(body).digest('hex');
    await t.db.execute(sql`UPDATE audit_log SET prev_hash = ${prev}, hash = ${h} WHERE id = ${x.id}`);
    prev = h;
  }
}

describe('audit chain: every tampering is found', () => {
  it('an intact chain passes every check, keyed from the first row on a database created with the key', async () => {
    const t = await chainOf(6);
    const r = await verifyAudit(t.db, t.audit);
    expect(r).toMatchObject({ ok: true, rows: 6, keyedFromSeq: 1 });
    expect(r.checks.map((c) => [c.name, c.ok])).toEqual([
      ['sequence', true],
      ['plain_chain', true],
      ['keyed_chain', true],
      ['checkpoint', true],
    ]);
    expect(r.checks.find((c) => c.name === 'keyed_chain')!.detail).toContain('自序号 1 起，6 行一致');
    expect(readCheckpoint(t.audit.checkpointFile)).toMatchObject({ seq: 6, keyedFromSeq: 1 });
  });

  it('an edited actor_name', async () => {
    const t = await chainOf(6);
    const target = (await rows(t))[2];
    await tamper(t, () => t.db.execute(sql`UPDATE audit_log SET actor_name = '别人' WHERE id = ${target.id}`));
    const r = await verifyAudit(t.db, t.audit);
    expect(r).toMatchObject({ ok: false, brokenId: target.id, brokenSeq: target.seq });
    expect(r.checks.find((c) => c.name === 'keyed_chain')!.ok).toBe(false);
  });

  it('a time moved by one microsecond', async () => {
    const t = await chainOf(6);
    const target = (await rows(t))[4];
    await tamper(t, () => t.db.execute(sql`UPDATE audit_log SET at = at + interval '1 microsecond' WHERE id = ${target.id}`));
    expect(await verifyAudit(t.db, t.audit)).toMatchObject({ ok: false, brokenId: target.id });
  });

  it('the newest rows deleted (no gap left behind), even after new rows reuse their seqs', async () => {
    const t = await chainOf(8);
    await tamper(t, () => t.db.execute(sql`DELETE FROM audit_log WHERE seq > 5`));
    const r = await verifyAudit(t.db, t.audit);
    expect(r).toMatchObject({ ok: false, brokenSeq: 6 });
    expect(r.checks.map((c) => [c.name, c.ok])).toEqual([
      ['sequence', true],
      ['plain_chain', true],
      ['keyed_chain', true],
      ['checkpoint', false],
    ]);
    expect(r.reason).toContain('最新的行被删除');

    // New writes are sealed as seq 6, 7, 8, 9: the checkpoint is kept as evidence, not overwritten.
    for (let i = 0; i < 4; i++) await audit(t.db, { actor: null, action: 'login', entity: 'session' });
    const again = await verifyAudit(t.db, t.audit);
    expect(again.ok).toBe(false);
    expect(again.reason).toContain('序号 8 的哈希与检查点');
    expect(readCheckpoint(t.audit.checkpointFile)!.seq).toBe(8);
  });

  it('a row edited and every later hash recomputed with plain SHA-256 (no key)', async () => {
    const t = await chainOf(6);
    const target = (await rows(t))[1];
    await tamper(t, async () => {
      await t.db.execute(sql`UPDATE audit_log SET after = '{"name":"篡改"}' WHERE id = ${target.id}`);
      await recomputeWithoutKey(t, target.seq);
    });
    const r = await verifyAudit(t.db, t.audit);
    expect(r).toMatchObject({ ok: false, brokenId: target.id });
    expect(r.checks.find((c) => c.name === 'sequence')!.ok).toBe(true); // the links are consistent: only the key tells
    expect(r.checks.find((c) => c.name === 'keyed_chain')!.ok).toBe(false);
  });

  it('the keyed start moved past the end and the whole chain rewritten in the plain format', async () => {
    const t = await chainOf(4);
    await tamper(t, async () => {
      await t.db.execute(sql`UPDATE audit_log SET actor_name = '别人' WHERE seq = 2`);
      await t.db.execute(sql`UPDATE audit_chain SET keyed_from_seq = 1000`);
      // The plain format, correctly recomputed for every row (the old, published formula).
      const chain = { key: Buffer.alloc(0), checkpointFile: null };
      await t.db.execute(sql`UPDATE audit_log SET seq = NULL, prev_hash = NULL, hash = NULL`);
      await sealAudit(t.db, chain);
    });
    const r = await verifyAudit(t.db, t.audit);
    expect(r.ok).toBe(false);
    expect(r.checks.find((c) => c.name === 'checkpoint')!.detail).toContain('带密钥链的起点被改动');
  });

  it('a different key does not verify: the key, not the database, is the authority', async () => {
    const t = await chainOf(3);
    const r = await verifyAudit(t.db, { ...t.audit, key: crypto.randomBytes(32) });
    expect(r).toMatchObject({ ok: false, brokenSeq: 1 });
  });

  it('rows sealed before the keyed chain keep their plain chain, and verify says where the keyed chain starts', async () => {
    const t = await chainOf(6, { keyedFromSeq: 4 });
    const r = await verifyAudit(t.db, t.audit);
    expect(r).toMatchObject({ ok: true, keyedFromSeq: 4 });
    expect(r.checks.find((c) => c.name === 'plain_chain')!.detail).toContain('序号 1–3，3 行一致');
    expect(r.checks.find((c) => c.name === 'keyed_chain')!.detail).toContain('自序号 4 起，3 行一致');
    // An edit in the plain part with the plain hashes after it recomputed (that
    // formula needs no key) breaks the first keyed row, whose HMAC covers them.
    await tamper(t, async () => {
      await t.db.execute(sql`UPDATE audit_log SET entity = 'x' WHERE seq = 2`);
      const r2 = (await t.db.execute<any>(sql`SELECT * FROM audit_log WHERE seq BETWEEN 1 AND 4 ORDER BY seq`)).rows;
      let prev = r2[0].hash;
      for (const x of r2.slice(1, 3)) {
        const body = canonical({
          at: new Date(x.at).toISOString(),
          actorId: x.actor_id,
          action: x.action,
          entity: x.entity,
          entityId: x.entity_id,
          regionCode: x.region_code,
          before: x.before,
          after: x.after,
        });
        const h = crypto.createHash('sha256').update(prev).update('\n').update(body).digest('hex');
        await t.db.execute(sql`UPDATE audit_log SET prev_hash = ${prev}, hash = ${h} WHERE id = ${x.id}`);
        prev = h;
      }
      await t.db.execute(sql`UPDATE audit_log SET prev_hash = ${prev} WHERE seq = 4`);
    });
    const bad = await verifyAudit(t.db, t.audit);
    expect(bad).toMatchObject({ ok: false, brokenSeq: 4 });
    expect(bad.checks.find((c) => c.name === 'plain_chain')!.ok).toBe(true);
    expect(bad.checks.find((c) => c.name === 'keyed_chain')!.ok).toBe(false);
  });
});

describe('audit key and checkpoint location', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-auditkey-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('generates the embedded default key once into DATA_DIR, readable by its owner only', () => {
    const a = loadAuditChain({ auditKey: null, databaseUrl: null, dataDir: dir });
    const b = loadAuditChain({ auditKey: null, databaseUrl: null, dataDir: dir });
    expect(a.key.equals(b.key)).toBe(true);
    expect(fs.statSync(path.join(dir, 'audit.key')).mode & 0o777).toBe(0o600);
    expect(a.checkpointFile).toBe(path.join(dir, 'audit-checkpoint.json'));
  });

  it('requires AUDIT_KEY with DATABASE_URL, saying what to set', () => {
    let err: unknown;
    try {
      loadAuditChain({ auditKey: null, databaseUrl: 'postgres://x@127.0.0.1/db', dataDir: dir });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StartupError);
    expect((err as StartupError).code).toBe('E_CONFIG');
    expect((err as StartupError).message).toContain('AUDIT_KEY');
    const k = 'k'.repeat(40);
    expect(loadAuditChain({ auditKey: k, databaseUrl: 'postgres://x@127.0.0.1/db', dataDir: dir }).key.toString()).toBe(k);
  });
});
