// Append-only, hash-chained audit trail. A write inserts its audit row in
// its own transaction, without waiting for anyone: the row is committed with
// the change it records. A sealer (every second in the server, and before
// every verification) then takes the committed, unsealed rows in id order and
// chains them: each row gets the next `seq`, the previous row's hash and its
// own hash over its content. Editing or deleting a sealed row by hand breaks
// the chain from that row on; `verifyAudit()` finds the first broken row.
// Sealing after commit keeps concurrent writers from queueing behind one
// lock held across their commits (fsync), which would cap every write path
// of the system at one commit at a time.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/pool.ts';
import type { Actor } from '../../domain/permissions.ts';

const AUDIT_LOCK = 7_242_002;
const GENESIS = '0'.repeat(64);
const SECRET_FIELDS = new Set(['passwordHash', 'password_hash', 'password']);

/** JSON with sorted keys, secrets dropped, dates as ISO strings. */
export function canonical(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(normalise);
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) {
      if (SECRET_FIELDS.has(k)) continue;
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = normalise(x);
    }
    return out;
  }
  return v;
}

function rowHash(prev: string, r: { at: string; actorId: number | null; action: string; entity: string; entityId: string | null; regionCode: string | null; before: unknown; after: unknown }) {
  const body = canonical({ at: r.at, actorId: r.actorId, action: r.action, entity: r.entity, entityId: r.entityId, regionCode: r.regionCode, before: r.before, after: r.after });
  return crypto.createHash('sha256').update(prev).update('\n').update(body).digest('hex');
}

export interface AuditEntry {
  actor: Pick<Actor, 'personId' | 'name'> | null;
  action: string; // e.g. 'create', 'update', 'delete', 'login'
  entity: string; // e.g. 'place', 'person'
  entityId?: string | number | null;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
}

/** An audit entry's column values as stored (secrets dropped, keys sorted). */
export function auditValues(e: AuditEntry) {
  const before = e.before === undefined ? null : normalise(e.before);
  const after = e.after === undefined ? null : normalise(e.after);
  return {
    at: new Date().toISOString(), actorId: e.actor?.personId ?? null, actorName: e.actor?.name ?? null, action: e.action,
    entity: e.entity, entityId: e.entityId == null ? null : String(e.entityId), regionCode: e.regionCode ?? null,
    before: before === null ? null : JSON.stringify(before), after: after === null ? null : JSON.stringify(after),
  };
}

export async function audit(tx: Tx | Db, e: AuditEntry) {
  const before = e.before === undefined ? null : normalise(e.before);
  const after = e.after === undefined ? null : normalise(e.after);
  await tx.execute(sql`
    INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, region_code, before, after)
    VALUES (${new Date().toISOString()}, ${e.actor?.personId ?? null}, ${e.actor?.name ?? null}, ${e.action}, ${e.entity},
            ${e.entityId == null ? null : String(e.entityId)}, ${e.regionCode ?? null},
            ${before === null ? null : JSON.stringify(before)}::jsonb, ${after === null ? null : JSON.stringify(after)}::jsonb)`);
}

/** Chain the committed, unsealed rows (in id order). Returns how many were sealed. */
export async function sealAudit(db: Db, batch = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      // One sealer at a time (this lock); nothing else may update audit rows
      // (the trigger), so the rows need no row locks of their own.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`);
      const last = await tx.execute<{ seq: number; hash: string }>(sql`SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`);
      let prev = last.rows[0]?.hash ?? GENESIS;
      let seq = Number(last.rows[0]?.seq ?? 0);
      const rows = await tx.execute<any>(sql`
        SELECT id, at, actor_id, action, entity, entity_id, region_code, before, after
        FROM audit_log WHERE hash IS NULL ORDER BY id LIMIT ${batch}`);
      if (!rows.rows.length) return 0;
      const ids: number[] = [];
      const seqs: number[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const r of rows.rows) {
        seq++;
        const h = rowHash(prev, { at: new Date(r.at).toISOString(), actorId: r.actor_id, action: r.action, entity: r.entity, entityId: r.entity_id, regionCode: r.region_code, before: r.before, after: r.after });
        ids.push(Number(r.id)); seqs.push(seq); prevs.push(prev); hashes.push(h);
        prev = h;
      }
      await tx.execute(sql`
        UPDATE audit_log a SET seq = v.seq, prev_hash = v.prev, hash = v.hash
        FROM unnest(${sql.param(ids)}::bigint[], ${sql.param(seqs)}::bigint[], ${sql.param(prevs)}::text[], ${sql.param(hashes)}::text[]) AS v(id, seq, prev, hash)
        WHERE a.id = v.id`);
      return rows.rows.length;
    });
    total += n;
    if (n < batch) return total;
  }
}

/** Seal every second in the background; returns a stop function that seals once more. */
export function startAuditSealer(db: Db, onError: (e: unknown) => void = () => {}, everyMs = 1000) {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => sealAudit(db)).catch(onError);
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    await sealAudit(db).catch(onError);
  };
}

export type VerifyResult =
  | { ok: true; rows: number; sealed: number }
  | { ok: false; rows: number; sealed: number; brokenId: number; reason: string };

/** Seal what is pending, then walk the whole chain in seq order. */
export async function verifyAudit(db: Db): Promise<VerifyResult> {
  const sealed = await sealAudit(db);
  let prev = GENESIS;
  let lastSeq = 0;
  let rows = 0;
  for (;;) {
    const batch = await db.execute<any>(sql`
      SELECT id, seq, at, actor_id, action, entity, entity_id, region_code, before, after, prev_hash, hash
      FROM audit_log WHERE seq > ${lastSeq} ORDER BY seq LIMIT 5000`);
    if (batch.rows.length === 0) return { ok: true, rows, sealed };
    for (const r of batch.rows) {
      rows++;
      if (Number(r.seq) !== lastSeq + 1 || r.prev_hash !== prev) {
        return { ok: false, rows, sealed, brokenId: Number(r.id), reason: '与前一行的哈希链不连续（前一行被删除或修改）' };
      }
      const at = new Date(r.at).toISOString();
      const h = rowHash(prev, { at, actorId: r.actor_id, action: r.action, entity: r.entity, entityId: r.entity_id, regionCode: r.region_code, before: r.before, after: r.after });
      if (h !== r.hash) return { ok: false, rows, sealed, brokenId: Number(r.id), reason: '该行内容与其哈希不符（被修改）' };
      prev = r.hash;
      lastSeq = Number(r.seq);
    }
  }
}
