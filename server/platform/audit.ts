// Append-only, hash-chained audit trail. Each row's hash covers its content
// and the previous row's hash, so editing or deleting any row by hand breaks
// the chain from that row on; `verifyAudit()` finds the first broken row.
// Rows are chained in id order under a transaction-scoped advisory lock.
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

export async function audit(tx: Tx | Db, e: AuditEntry) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const last = await tx.execute<{ hash: string }>(sql`SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`);
  const prev = last.rows[0]?.hash ?? GENESIS;
  const at = new Date().toISOString();
  const before = e.before === undefined ? null : normalise(e.before);
  const after = e.after === undefined ? null : normalise(e.after);
  const row = {
    at,
    actorId: e.actor?.personId ?? null,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId == null ? null : String(e.entityId),
    regionCode: e.regionCode ?? null,
    before,
    after,
  };
  const hash = rowHash(prev, row);
  await tx.execute(sql`
    INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, region_code, before, after, prev_hash, hash)
    VALUES (${at}, ${row.actorId}, ${e.actor?.name ?? null}, ${row.action}, ${row.entity}, ${row.entityId}, ${row.regionCode},
            ${before === null ? null : JSON.stringify(before)}::jsonb, ${after === null ? null : JSON.stringify(after)}::jsonb, ${prev}, ${hash})`);
}

export type VerifyResult = { ok: true; rows: number } | { ok: false; rows: number; brokenId: number; reason: string };

export async function verifyAudit(db: Db): Promise<VerifyResult> {
  let prev = GENESIS;
  let lastId = 0;
  let rows = 0;
  for (;;) {
    const batch = await db.execute<any>(sql`
      SELECT id, at, actor_id, action, entity, entity_id, region_code, before, after, prev_hash, hash
      FROM audit_log WHERE id > ${lastId} ORDER BY id LIMIT 5000`);
    if (batch.rows.length === 0) return { ok: true, rows };
    for (const r of batch.rows) {
      rows++;
      if (r.prev_hash !== prev) return { ok: false, rows, brokenId: Number(r.id), reason: '与前一行的哈希链不连续（前一行被删除或修改）' };
      const at = new Date(r.at).toISOString();
      const h = rowHash(prev, { at, actorId: r.actor_id, action: r.action, entity: r.entity, entityId: r.entity_id, regionCode: r.region_code, before: r.before, after: r.after });
      if (h !== r.hash) return { ok: false, rows, brokenId: Number(r.id), reason: '该行内容与其哈希不符（被修改）' };
      prev = r.hash;
      lastId = Number(r.id);
    }
  }
}
