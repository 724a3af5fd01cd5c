// Serving the configured .pmtiles archive from DATA_DIR with HTTP byte ranges
// (the pmtiles client reads the header, directories and tiles by Range). Only
// the file the setting names is served; a bad or unsatisfiable range is 416.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, notFound } from '../../platform/errors.ts';

/** The byte range a Range header asks of a file of `size` bytes: null for the whole file, 'bad' when unsatisfiable. */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | null | 'bad' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'bad';
  let start: number, end: number;
  if (m[1] === '') {
    // suffix: the last N bytes
    const n = Number(m[2]);
    if (n === 0) return 'bad';
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start > end || start >= size) return 'bad';
  return { start, end };
}

export async function sendPmtiles(req: FastifyRequest, reply: FastifyReply, dataDir: string, file: string) {
  const full = path.join(dataDir, file);
  let size: number;
  try {
    const st = await fs.promises.stat(full);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw notFound('底图文件不存在');
  }
  reply.header('accept-ranges', 'bytes').header('content-type', 'application/octet-stream').header('cache-control', 'private, max-age=300');
  const r = byteRange(req.headers.range, size);
  if (r === 'bad') {
    reply.header('content-range', `bytes */${size}`);
    throw new AppError('RANGE_NOT_SATISFIABLE', `请求的字节范围无效（文件共 ${size} 字节）`);
  }
  if (!r) return reply.header('content-length', size).send(fs.createReadStream(full));
  return reply
    .status(206)
    .header('content-range', `bytes ${r.start}-${r.end}/${size}`)
    .header('content-length', r.end - r.start + 1)
    .send(fs.createReadStream(full, { start: r.start, end: r.end }));
}
