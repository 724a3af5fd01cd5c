// `audit verify`: seal what is pending, walk the whole chain in seq order and
// compare its head with the checkpoint kept outside the database. Every check
// made is reported, passed or not, so an operator sees what was proven:
//   1. no gaps: seqs run 1, 2, 3 … and each row names its predecessor's hash;
//   2. the plain SHA-256 chain of the rows sealed before the keyed chain;
//   3. the keyed chain (HMAC-SHA256, key outside the database) from its first seq;
//   4. the checkpoint: the row it names still exists with the hash it recorded,
//      and the keyed chain still starts where it recorded (so deleting the
//      newest rows, or rewriting the chain without the key, is found).
import { sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import { chainHash, GENESIS, HASHED_COLUMNS, keyedFromSeq, sealAudit, type HashedRow } from './audit.ts';
import { readCheckpoint, type AuditChain } from './audit-key.ts';

export interface AuditCheck {
  name: 'sequence' | 'plain_chain' | 'keyed_chain' | 'checkpoint';
  ok: boolean;
  /** One Chinese sentence: what was checked and what was found. */
  detail: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Sealed rows walked, and how many the verification itself sealed first. */
  rows: number;
  sealed: number;
  keyedFromSeq: number;
  checks: AuditCheck[];
  /** The first broken row (its id and seq), when one row can be named. */
  brokenId?: number;
  brokenSeq?: number;
  reason?: string;
}

interface Walk {
  rows: number;
  plain: number;
  keyed: number;
  lastSeq: number;
  lastHash: string;
  broken?: { id: number; seq: number; reason: string; check: AuditCheck['name'] };
}

async function walk(db: Db, key: Buffer, keyedFrom: number): Promise<Walk> {
  const w: Walk = { rows: 0, plain: 0, keyed: 0, lastSeq: 0, lastHash: GENESIS };
  for (;;) {
    const batch = await db.execute<HashedRow & { seq: number; prev_hash: string; hash: string }>(sql`
      SELECT ${HASHED_COLUMNS}, prev_hash, hash FROM audit_log WHERE seq > ${w.lastSeq} ORDER BY seq LIMIT 5000`);
    if (batch.rows.length === 0) return w;
    for (const r of batch.rows) {
      const seq = Number(r.seq);
      const at = { id: Number(r.id), seq };
      if (seq !== w.lastSeq + 1) {
        w.broken = { ...at, check: 'sequence', reason: `序号 ${w.lastSeq + 1}${seq - 1 > w.lastSeq + 1 ? `–${seq - 1}` : ''} 缺失（行被删除）` };
        return w;
      }
      if (r.prev_hash !== w.lastHash) {
        w.broken = { ...at, check: 'sequence', reason: '与前一行的哈希链不连续（前一行被删除或修改）' };
        return w;
      }
      if (chainHash(key, keyedFrom, w.lastHash, seq, r) !== r.hash) {
        const keyed = seq >= keyedFrom;
        w.broken = {
          ...at,
          check: keyed ? 'keyed_chain' : 'plain_chain',
          reason: keyed ? '该行内容与其带密钥的哈希不符（被修改，或哈希由不持有密钥者重算）' : '该行内容与其哈希不符（被修改）',
        };
        return w;
      }
      w.rows++;
      if (seq >= keyedFrom) w.keyed++;
      else w.plain++;
      w.lastSeq = seq;
      w.lastHash = r.hash;
    }
  }
}

/** Seal what is pending, then check everything listed in the header. */
export async function verifyAudit(db: Db, chain: AuditChain): Promise<VerifyResult> {
  const { sealed } = await sealAudit(db, chain);
  const keyedFrom = await keyedFromSeq(db);
  const w = await walk(db, chain.key, keyedFrom);
  const checks: AuditCheck[] = [];
  const failedAt = (name: AuditCheck['name']) => w.broken?.check === name;
  const plainRange = keyedFrom > 1 ? `序号 1–${keyedFrom - 1}` : '无（全部为带密钥的链）';
  checks.push({
    name: 'sequence',
    ok: !failedAt('sequence'),
    detail: failedAt('sequence') ? `序号与前后链接：在第 ${w.broken!.id} 行断开，${w.broken!.reason}` : `序号与前后链接：序号 1–${w.lastSeq} 连续，无缺行`,
  });
  checks.push({
    name: 'plain_chain',
    ok: !failedAt('plain_chain'),
    detail: failedAt('plain_chain')
      ? `普通哈希链（SHA-256，${plainRange}）：第 ${w.broken!.id} 行不符`
      : `普通哈希链（SHA-256）：${plainRange}，${w.plain} 行一致`,
  });
  checks.push({
    name: 'keyed_chain',
    ok: !failedAt('keyed_chain'),
    detail: failedAt('keyed_chain')
      ? `带密钥的哈希链（HMAC-SHA256，自序号 ${keyedFrom} 起）：第 ${w.broken!.id} 行不符`
      : `带密钥的哈希链（HMAC-SHA256）：自序号 ${keyedFrom} 起，${w.keyed} 行一致`,
  });
  const result: VerifyResult = { ok: !w.broken, rows: w.rows, sealed, keyedFromSeq: keyedFrom, checks };
  if (w.broken) Object.assign(result, { brokenId: w.broken.id, brokenSeq: w.broken.seq, reason: w.broken.reason });

  const cp = readCheckpoint(chain.checkpointFile);
  if (!cp) {
    checks.push({ name: 'checkpoint', ok: true, detail: `检查点：尚无检查点文件（${chain.checkpointFile ?? '未配置'}），无法检查最新的行是否被删除` });
    return result;
  }
  let problem: string | null = null;
  let named: { id?: number; seq: number } | null = null;
  if (cp.keyedFromSeq !== keyedFrom) {
    problem = `带密钥链的起点被改动：检查点记录自序号 ${cp.keyedFromSeq} 起，数据库中为 ${keyedFrom}`;
    named = { seq: Math.min(cp.keyedFromSeq, keyedFrom) };
  } else {
    const r = await db.execute<{ id: number; hash: string }>(sql`SELECT id, hash FROM audit_log WHERE seq = ${cp.seq}`);
    const maxSeq = Number((await db.execute<{ m: number | null }>(sql`SELECT max(seq) AS m FROM audit_log`)).rows[0].m ?? 0);
    if (!r.rows.length) {
      problem = `检查点记录到序号 ${cp.seq}（${cp.at}），表中最新序号只有 ${maxSeq}：最新的行被删除`;
      named = { seq: maxSeq + 1 };
    } else if (r.rows[0].hash !== cp.hash) {
      problem = `序号 ${cp.seq} 的哈希与检查点（${cp.at}）不符：该行或其之前的行被改写`;
      named = { id: Number(r.rows[0].id), seq: cp.seq };
    }
  }
  if (!problem) {
    checks.push({ name: 'checkpoint', ok: true, detail: `检查点：序号 ${cp.seq} 的哈希与检查点（${cp.at}）一致，带密钥链起点一致` });
    return result;
  }
  checks.push({ name: 'checkpoint', ok: false, detail: `检查点：${problem}（若确实更换了数据库，请删除 ${chain.checkpointFile}）` });
  if (result.ok) {
    result.ok = false;
    result.brokenSeq = named!.seq;
    if (named!.id) result.brokenId = named!.id;
    result.reason = problem;
  }
  return result;
}
