// A JSON answer computed once and sent many times (the OpenAPI document, the
// 大屏's map): kept as its text, its gzip (made once, off the event loop) and an
// ETag of its content. Sending it is a write of the kept bytes: gzipped when
// the client accepts gzip, 304 with no body when the client already holds
// this version (If-None-Match), the plain text otherwise. The gzipped bytes
// carry their own ETag (…-gz"), as a strong validator names one representation.
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const gzip = promisify(zlib.gzip);

export interface KeptBody {
  json: string;
  gzip: Buffer;
  etag: string;
}

export async function keptBody(json: string, level = zlib.constants.Z_DEFAULT_COMPRESSION): Promise<KeptBody> {
  const etag = `"${crypto.createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  return { json, gzip: await gzip(json, { level }), etag };
}

export function sendKept(req: FastifyRequest, reply: FastifyReply, b: KeptBody) {
  const gzipped = /\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''));
  const etag = gzipped ? `${b.etag.slice(0, -1)}-gz"` : b.etag;
  reply.header('etag', etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
  if (req.headers['if-none-match'] === etag) return reply.code(304).send();
  reply.type('application/json; charset=utf-8');
  return gzipped ? reply.header('content-encoding', 'gzip').send(b.gzip) : reply.send(b.json);
}
