// Reading one uploaded file (multipart/form-data) with its byte limit
// enforced every time. Every upload route goes through here: photos (staff and
// resident) and the .xlsx imports.
//
// Why not `file.toBuffer()` alone: busboy cuts a file at `fileSize`, marks the
// stream `truncated` and emits 'limit'; @fastify/multipart's toBuffer() only
// looks at `truncated` when a chunk arrives after the cut. When the cut falls
// exactly on a chunk boundary no such chunk comes, and toBuffer() returns the
// first `fileSize` bytes as if they were the whole file: a 20 MB photo got in
// as its first 15 MB about one time in eight. The `truncated` flag is checked
// here after reading, so the answer is 413 FILE_TOO_LARGE, always.
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

export interface Upload {
  buf: Buffer;
  filename: string;
  fields: Record<string, string>;
}

export const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/**
 * The request's one file (and its text fields, in any order). `tooLarge`
 * words the 413 for this route; `missing` the 400 when no file was sent.
 */
export async function readUpload(req: FastifyRequest, o: { maxBytes: number; missing: string; tooLarge: (filename: string) => string }): Promise<Upload> {
  const fields: Record<string, string> = {};
  let file: { buf: Buffer; filename: string } | null = null;
  let filename = '文件';
  if (!req.isMultipart()) throw new AppError('BAD_REQUEST', o.missing);
  try {
    for await (const part of req.parts({ limits: { fileSize: o.maxBytes, files: 1 } })) {
      if (part.type !== 'file') {
        fields[part.fieldname] = String(part.value ?? '');
        continue;
      }
      filename = part.filename || filename;
      const buf = await part.toBuffer();
      if (part.file.truncated || buf.length > o.maxBytes) throw new AppError('FILE_TOO_LARGE', o.tooLarge(filename));
      file = { buf, filename };
    }
  } catch (e) {
    // Anything else the multipart parser throws is a malformed body: 400, never 500.
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string })?.code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILE_TOO_LARGE', o.tooLarge(filename));
    if (code === 'FST_FILES_LIMIT') throw new AppError('BAD_REQUEST', '一次只能上传一个文件');
    throw new AppError('BAD_REQUEST', '上传的内容不完整或格式不正确，请重新上传');
  }
  if (!file) throw new AppError('BAD_REQUEST', o.missing);
  return { ...file, fields };
}
