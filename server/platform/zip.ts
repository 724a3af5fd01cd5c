// An untrusted zip (an .xlsx) read without trusting it.
//
// 1. The central directory is read from the buffer (nothing inflated) and
//    every declared size is checked against the limits: a zip bomb declaring
//    gigabytes is refused before a byte is inflated.
// 2. The entries the caller needs are handed on as a fresh zip *stream* in the
//    caller's order, each entry inflated here, streaming, and re-emitted as a
//    stored entry: inflating stops with an error the moment an entry exceeds
//    its declared size, so a header that lies cannot inflate further either.
//    Nothing else in the file is ever inflated.
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  csize: number;
  usize: number;
  local: number;
}

export class ZipError extends Error {
  constructor(
    readonly kind: 'corrupt' | 'too_large',
    message: string,
  ) {
    super(message);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The central directory's entries; throws ZipError('corrupt') when the buffer is not a zip this reader accepts. */
export function zipEntries(buf: Buffer, maxEntries: number): ZipEntry[] {
  const corrupt = (why: string) => new ZipError('corrupt', why);
  // The end record is in the last 22 + 65,535 (comment) bytes.
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw corrupt('no end of central directory');
  const count = buf.readUInt16LE(end + 10);
  const cdSize = buf.readUInt32LE(end + 12);
  const cdStart = buf.readUInt32LE(end + 16);
  if (count === 0xffff || cdStart === 0xffffffff) throw new ZipError('too_large', 'zip64');
  if (count > maxEntries) throw new ZipError('too_large', `${count} entries`);
  if (cdStart + cdSize > end) throw corrupt('central directory out of bounds');
  const out: ZipEntry[] = [];
  let p = cdStart;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || buf.readUInt32LE(p) !== CENTRAL) throw corrupt('bad central directory entry');
    const nameLen = buf.readUInt16LE(p + 28);
    const e: ZipEntry = {
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      crc: buf.readUInt32LE(p + 16),
      csize: buf.readUInt32LE(p + 20),
      usize: buf.readUInt32LE(p + 24),
      local: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    };
    if (e.csize === 0xffffffff || e.usize === 0xffffffff || e.local === 0xffffffff) throw new ZipError('too_large', 'zip64');
    if (e.local + 30 > cdStart || buf.readUInt32LE(e.local) !== LOCAL) throw corrupt(`bad local header for ${e.name}`);
    out.push(e);
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

/** Where an entry's data starts (after its local header) and ends. */
function dataOf(buf: Buffer, e: ZipEntry) {
  const start = e.local + 30 + buf.readUInt16LE(e.local + 26) + buf.readUInt16LE(e.local + 28);
  if (start + e.csize > buf.length) throw new ZipError('corrupt', `${e.name} out of bounds`);
  return buf.subarray(start, start + e.csize);
}

/** One entry inflated, streaming, in chunks; ZipError('too_large') past its declared size. */
export async function* inflate(buf: Buffer, e: ZipEntry): AsyncGenerator<Buffer> {
  if (e.flags & 1) throw new ZipError('corrupt', `${e.name} is encrypted`);
  const data = dataOf(buf, e);
  if (e.method === 0) {
    if (e.csize !== e.usize) throw new ZipError('corrupt', `${e.name} sizes differ`);
    yield data;
    return;
  }
  if (e.method !== 8) throw new ZipError('corrupt', `${e.name} uses method ${e.method}`);
  // Fed 4 KB at a time: deflate expands at most ~1,000×, so no single step
  // can produce more than a few MB before the size check sees it.
  const slices = (function* () {
    for (let i = 0; i < data.length; i += 4096) yield data.subarray(i, i + 4096);
  })();
  const inflater = Readable.from(slices).pipe(zlib.createInflateRaw({ chunkSize: 64 * 1024 }));
  let n = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      n += chunk.length;
      if (n > e.usize) throw new ZipError('too_large', `${e.name} inflates beyond its declared ${e.usize} bytes`);
      yield chunk;
    }
  } catch (err) {
    throw err instanceof ZipError ? err : new ZipError('corrupt', `${e.name}: ${(err as Error).message}`);
  } finally {
    inflater.destroy();
  }
  if (n !== e.usize) throw new ZipError('corrupt', `${e.name} inflates to ${n}, not ${e.usize} bytes`);
}

function localHeader(name: string, size: number, crc: number) {
  const nameBuf = Buffer.from(name, 'utf8');
  const h = Buffer.alloc(30);
  h.writeUInt32LE(LOCAL, 0);
  h.writeUInt16LE(20, 4); // version needed
  h.writeUInt16LE(0x800, 6); // UTF-8 names; sizes known (no data descriptor)
  h.writeUInt16LE(0, 8); // stored
  h.writeUInt32LE(crc, 14);
  h.writeUInt32LE(size, 18);
  h.writeUInt32LE(size, 22);
  h.writeUInt16LE(nameBuf.length, 26);
  return Buffer.concat([h, nameBuf]);
}

/**
 * A zip stream of `parts` in this order: an entry of `buf` (under `as`, or its
 * own name), or literal content. Read by a sequential unzipper (exceljs's).
 */
export function zipStream(buf: Buffer, parts: ({ entry: ZipEntry; as?: string } | { name: string; content: string })[]): Readable {
  return Readable.from(
    (async function* () {
      for (const part of parts) {
        if ('content' in part) {
          const body = Buffer.from(part.content, 'utf8');
          yield localHeader(part.name, body.length, zlib.crc32(body));
          yield body;
          continue;
        }
        yield localHeader(part.as ?? part.entry.name, part.entry.usize, part.entry.crc);
        yield* inflate(buf, part.entry);
      }
    })(),
    { objectMode: false },
  );
}

/** One entry inflated whole in one call (native, no stream), never past its declared size: for a small or trusted zip. */
export function entryBytes(buf: Buffer, e: ZipEntry): Buffer {
  if (e.flags & 1) throw new ZipError('corrupt', `${e.name} is encrypted`);
  const data = dataOf(buf, e);
  if (e.method === 0 && e.csize === e.usize) return data;
  if (e.method !== 8) throw new ZipError('corrupt', `${e.name} uses method ${e.method} or sizes differ`);
  let out: Buffer;
  try {
    out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.usize) });
  } catch (err) {
    throw new ZipError((err as Error).name === 'RangeError' ? 'too_large' : 'corrupt', `${e.name}: ${(err as Error).message}`);
  }
  if (out.length !== e.usize) throw new ZipError('corrupt', `${e.name} inflates to ${out.length}, not ${e.usize} bytes`);
  return out;
}

/** One (small) entry inflated whole, for reading before streaming the rest. */
export async function entryText(buf: Buffer, e: ZipEntry): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of inflate(buf, e)) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}
