// What the audit chain keeps outside the database: the HMAC key and the
// checkpoint of the latest sealed row. Someone who can write the database but
// not this server's files (or environment) cannot recompute keyed hashes, and
// cannot delete the newest rows unnoticed: the checkpoint still names them.
//
// The key comes from AUDIT_KEY (required with DATABASE_URL, so that every
// server on one database seals with the same key), else it is generated once
// into DATA_DIR/audit.key (mode 0600) for the embedded database. The
// checkpoint is DATA_DIR/audit-checkpoint.json, rewritten atomically by the
// sealer after each sealing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StartupError } from './logger.ts';

export interface AuditChain {
  key: Buffer;
  /** Where the checkpoint lives; null keeps none (a test that wants none). */
  checkpointFile: string | null;
}

export interface Checkpoint {
  /** The latest sealed row's seq and hash when the checkpoint was written. */
  seq: number;
  hash: string;
  /** Where the keyed chain starts (audit_chain.keyed_from_seq). */
  keyedFromSeq: number;
  at: string;
}

export const AUDIT_KEY_MIN = 32;
export const KEY_FILE = 'audit.key';
export const CHECKPOINT_FILE = 'audit-checkpoint.json';

export function auditKeyFromEnv(v: string | undefined): string | null {
  if (v === undefined || v === '') return null;
  if (v.length < AUDIT_KEY_MIN)
    throw new Error(`CONFIG_INVALID: AUDIT_KEY 至少需要 ${AUDIT_KEY_MIN} 个字符（例如 openssl rand -hex 32 的输出），当前只有 ${v.length} 个`);
  return v;
}

/** The key and checkpoint of this server (or CLI): see the header. */
export function loadAuditChain(config: { auditKey: string | null; databaseUrl: string | null; dataDir: string }): AuditChain {
  if (!config.auditKey && config.databaseUrl) {
    throw new StartupError(
      'E_CONFIG',
      `使用 DATABASE_URL 时必须设置 AUDIT_KEY（审计链密钥，至少 ${AUDIT_KEY_MIN} 个字符，例如 openssl rand -hex 32 的输出）；同一数据库的所有服务器须使用同一个值，并妥善保管在数据库之外`,
    );
  }
  try {
    fs.mkdirSync(config.dataDir, { recursive: true });
  } catch {
    throw new StartupError('E_DATA_DIR', `数据目录 ${config.dataDir} 无法创建，请检查 DATA_DIR 或目录权限`);
  }
  const checkpointFile = path.join(config.dataDir, CHECKPOINT_FILE);
  if (config.auditKey) return { key: Buffer.from(config.auditKey, 'utf8'), checkpointFile };
  return { key: keyFromFile(path.join(config.dataDir, KEY_FILE)), checkpointFile };
}

function keyFromFile(file: string): Buffer {
  try {
    // 'wx': a CLI and a server starting at once both end up with the one file.
    fs.writeFileSync(file, crypto.randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (e: any) {
    if (e.code !== 'EEXIST') throw new StartupError('E_DATA_DIR', `无法写入审计链密钥文件 ${file}：${e.code ?? e.message}`);
  }
  const text = fs.readFileSync(file, 'utf8').trim();
  if (text.length < AUDIT_KEY_MIN) throw new StartupError('E_CONFIG', `审计链密钥文件 ${file} 内容无效（少于 ${AUDIT_KEY_MIN} 个字符）；请从备份恢复该文件`);
  return Buffer.from(text, 'utf8');
}

export function readCheckpoint(file: string | null): Checkpoint | null {
  if (!file) return null;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e: any) {
    if (e.code === 'ENOENT') return null;
    throw e;
  }
  const c = JSON.parse(text);
  return { seq: Number(c.seq), hash: String(c.hash), keyedFromSeq: Number(c.keyedFromSeq), at: String(c.at) };
}

/** Write to a temporary file, fsync, rename: a crash leaves the old or the new checkpoint, never half of one. */
export async function writeCheckpoint(file: string, c: Omit<Checkpoint, 'at'>) {
  const tmp = `${file}.tmp-${process.pid}`;
  const fh = await fs.promises.open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(JSON.stringify({ ...c, at: new Date().toISOString() }) + '\n');
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.promises.rename(tmp, file);
}
