// Append-only, hash-chained audit trail. A write inserts its audit row in
// its own transaction, without waiting for anyone: the row is committed with
// the change it records. A sealer (every second in the server, and before
// every verification) then takes the committed, unsealed rows in id order and
// chains them: each row gets the next `seq`, the previous row's hash and its
// own hash over its content. Editing or deleting a sealed row by hand breaks
// the chain from that row on; `verifyAudit()` (audit-verify.ts) finds the
// first broken row. Sealing after commit keeps concurrent writers from
// queueing behind one lock held across their commits (fsync), which would cap
// every write path of the system at one commit at a time.
//
// Two chain formats. Rows from `audit_chain.keyed_from_seq` on (every row of
// a database created since) are keyed: HMAC-SHA256 with a key kept outside
// the database (audit-key.ts) over every column, `at` as PostgreSQL stores it
// (microseconds, UTC) and before/after as PostgreSQL's jsonb text. Rows sealed
// before that migration keep their plain SHA-256 chain (`at` in milliseconds,
// no actor_name). The first keyed row's hash covers the last plain row's hash,
// so the keyed chain also pins everything before it.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/pool.ts';
import type { Actor } from '../../domain/permissions.ts';
import { readCheckpoint, writeCheckpoint, type AuditChain, type Checkpoint } from './audit-key.ts';

const AUDIT_LOCK = 7_242_002;
export const GENESIS = '0'.repeat(64);
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

/** The columns both chain formats read, as the sealer and the verifier select them. */
export const HASHED_COLUMNS = sql`id, seq, at, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_text,
  actor_id, actor_name, action, entity, entity_id, region_code, before, after, before::text AS before_text, after::text AS after_text`;

export type HashedRow = {
  id: number | string;
  at: Date | string;
  at_text: string;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  region_code: string | null;
  before: unknown;
  after: unknown;
  before_text: string | null;
  after_text: string | null;
};

/** The plain SHA-256 chain of rows sealed before the keyed chain (unchanged format). */
function plainHash(prev: string, r: HashedRow) {
  const body = canonical({
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    regionCode: r.region_code,
    before: r.before,
    after: r.after,
  });
  return crypto.createHash('sha256').update(prev).update('\n').update(body).digest('hex');
}

/** The keyed chain: every column, exactly as stored. */
function keyedHash(key: Buffer, prev: string, seq: number, r: HashedRow) {
  const body = JSON.stringify([
    seq,
    Number(r.id),
    r.at_text,
    r.actor_id,
    r.actor_name,
    r.action,
    r.entity,
    r.entity_id,
    r.region_code,
    r.before_text,
    r.after_text,
  ]);
  return crypto.createHmac('sha256', key).update(prev).update('\n').update(body).digest('hex');
}

/** The hash a row at `seq` must carry, in the format its position calls for. */
export function chainHash(key: Buffer, keyedFromSeq: number, prev: string, seq: number, r: HashedRow) {
  return seq >= keyedFromSeq ? keyedHash(key, prev, seq, r) : plainHash(prev, r);
}

export async function keyedFromSeq(db: Db | Tx): Promise<number> {
  const r = await db.execute<{ k: number }>(sql`SELECT keyed_from_seq AS k FROM audit_chain WHERE id = 1`);
  if (!r.rows.length) throw new Error('audit_chain has no row: the keyed audit chain migration did not run');
  return Number(r.rows[0].k);
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
    at: new Date().toISOString(),
    actorId: e.actor?.personId ?? null,
    actorName: e.actor?.name ?? null,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId == null ? null : String(e.entityId),
    regionCode: e.regionCode ?? null,
    before: before === null ? null : JSON.stringify(before),
    after: after === null ? null : JSON.stringify(after),
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

export interface SealResult {
  sealed: number;
  /** The chain's head after sealing (null: the table has no sealed row). */
  head: { seq: number; hash: string } | null;
  keyedFromSeq: number;
  /** Set when the checkpoint file was not advanced because it no longer matches the table. */
  checkpointRefused?: string;
}

/** Chain the committed, unsealed rows (in id order), then advance the checkpoint. */
export async function sealAudit(db: Db, chain: AuditChain, batch = 5000): Promise<SealResult> {
  let sealed = 0;
  let head: SealResult['head'] = null;
  let keyedFrom = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      // One sealer at a time (this lock); nothing else may update audit rows
      // (the trigger), so the rows need no row locks of their own.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`);
      keyedFrom = await keyedFromSeq(tx);
      const last = await tx.execute<{ seq: number; hash: string }>(sql`SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`);
      let prev = last.rows[0]?.hash ?? GENESIS;
      let seq = Number(last.rows[0]?.seq ?? 0);
      head = last.rows.length ? { seq, hash: prev } : null;
      const rows = await tx.execute<HashedRow>(sql`SELECT ${HASHED_COLUMNS} FROM audit_log WHERE hash IS NULL ORDER BY id LIMIT ${batch}`);
      if (!rows.rows.length) return 0;
      const ids: number[] = [];
      const seqs: number[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const r of rows.rows) {
        seq++;
        const h = chainHash(chain.key, keyedFrom, prev, seq, r);
        ids.push(Number(r.id));
        seqs.push(seq);
        prevs.push(prev);
        hashes.push(h);
        prev = h;
      }
      await tx.execute(sql`
        UPDATE audit_log a SET seq = v.seq, prev_hash = v.prev, hash = v.hash
        FROM unnest(${sql.param(ids)}::bigint[], ${sql.param(seqs)}::bigint[], ${sql.param(prevs)}::text[], ${sql.param(hashes)}::text[]) AS v(id, seq, prev, hash)
        WHERE a.id = v.id`);
      head = { seq, hash: prev };
      return rows.rows.length;
    });
    sealed += n;
    if (n < batch) break;
  }
  const result: SealResult = { sealed, head, keyedFromSeq: keyedFrom };
  const cp = chain.checkpointFile ? readCheckpoint(chain.checkpointFile) : null;
  if (head && chain.checkpointFile && (sealed > 0 || !cp)) {
    const refused = await checkpointStillHolds(db, cp, head);
    if (refused) result.checkpointRefused = refused;
    else await writeCheckpoint(chain.checkpointFile, { ...(head as { seq: number; hash: string }), keyedFromSeq: keyedFrom });
  }
  return result;
}

/**
 * A checkpoint only moves forward along the same chain: if the row it names
 * is gone or changed (rows deleted and their seqs reused by new rows), it is
 * kept as evidence and verification reports it.
 */
async function checkpointStillHolds(db: Db, cp: Checkpoint | null, head: { seq: number; hash: string }): Promise<string | null> {
  if (!cp) return null;
  if (cp.seq > head.seq) return `检查点记录到序号 ${cp.seq}，表中最新序号为 ${head.seq}`;
  const r = await db.execute<{ hash: string }>(sql`SELECT hash FROM audit_log WHERE seq = ${cp.seq}`);
  if (r.rows[0]?.hash !== cp.hash) return `序号 ${cp.seq} 的哈希与检查点不符`;
  return null;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Seal every second in the background; returns a stop function that seals
 * once more. The checkpoint also goes to the log once a day, a second copy
 * outside the database (and outside DATA_DIR).
 */
export function startAuditSealer(db: Db, chain: AuditChain, log: { info(o: object, m: string): void; error(o: object, m: string): void }, everyMs = 1000) {
  let running: Promise<unknown> = Promise.resolve();
  let loggedAt = 0;
  let refusedLogged = false;
  const once = async () => {
    const r = await sealAudit(db, chain);
    if (r.checkpointRefused && !refusedLogged) {
      refusedLogged = true;
      log.error({ reason: r.checkpointRefused, file: chain.checkpointFile }, '审计链检查点与数据库不符，检查点未更新；请运行 npm run cli -- audit verify');
    }
    if (r.head && Date.now() - loggedAt >= DAY_MS) {
      loggedAt = Date.now();
      log.info({ auditCheckpoint: { ...r.head, keyedFromSeq: r.keyedFromSeq } }, '审计链检查点');
    }
  };
  const onError = (e: unknown) => log.error({ err: e }, '审计链封存出错');
  const timer = setInterval(() => {
    running = running.then(once).catch(onError);
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    await once().catch(onError);
  };
}
