// The volunteers' ID numbers (证件号码) at rest: AES-256-GCM with a key kept
// outside the database, so a copy of the database alone does not reveal them.
// The key is VOLUNTEER_ID_KEY (64 hex characters, required to be the same on
// every server of one database), else DATA_DIR/volunteer-id.key, generated on
// first use (mode 0600; back it up with the data directory: without it the
// stored numbers cannot be read). A stored value is `v1:<iv>:<tag>:<data>`
// (base64url). Only the national-upload export decrypts.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../platform/errors.ts';

export const ID_KEY_FILE = 'volunteer-id.key';

let source: { key: string | null; dataDir: string } | null = null;
let cached: Buffer | null = null;

/** Where the key comes from (the app calls it at build; before that, the process environment). */
export function setIdKeySource(s: { volunteerIdKey: string | null; dataDir: string }) {
  source = { key: s.volunteerIdKey, dataDir: s.dataDir };
  cached = null;
}

function key(): Buffer {
  if (cached) return cached;
  const s = source ?? { key: process.env.VOLUNTEER_ID_KEY || null, dataDir: path.resolve(process.env.DATA_DIR || './data') };
  let hex = s.key;
  if (!hex) {
    const file = path.join(s.dataDir, ID_KEY_FILE);
    try {
      fs.mkdirSync(s.dataDir, { recursive: true });
      // 'wx': two processes starting at once end up with the one file.
      fs.writeFileSync(file, `${crypto.randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (e: any) {
      if (e.code !== 'EEXIST') throw new AppError('INTERNAL', `证件号码密钥文件 ${file} 无法写入`);
    }
    hex = fs.readFileSync(file, 'utf8').trim();
  }
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new AppError('INTERNAL', '证件号码密钥无效：应为 64 位十六进制字符');
  cached = Buffer.from(hex, 'hex');
  return cached;
}

export function encryptId(plain: string): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key(), iv);
  const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
}

/** The clear ID number, or null when the value cannot be read with this key (a wrong or lost key: the export says so). */
export function decryptId(stored: string): string | null {
  const [v, iv, tag, data] = stored.split(':');
  if (v !== 'v1' || !iv || !tag || !data) return null;
  try {
    const d = crypto.createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(data, 'base64url')), d.final()]).toString('utf8');
  } catch {
    return null;
  }
}
