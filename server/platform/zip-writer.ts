// A zip written as a stream (the evaluation package, issue 20): entries are
// stored (the package's files are PDFs, Office packages and JPEGs, all
// compressed already) or, when a source asks, deflated by node's zlib (an
// Office package's XML parts, notices/docx.ts); each entry's bytes pass
// through once, their CRC-32 computed on the way and written after them with
// both sizes in a data descriptor, and the central directory is written at
// the end. Only the directory (a hundred-odd
// bytes per entry) is kept in memory, never an entry's bytes: a 1 GB package
// costs what its file list costs. Offsets past 4 GB switch to ZIP64 records.
// Names are UTF-8 (general purpose flag bit 11). The reader is zip.ts.
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

export interface ZipSource {
  /** The path inside the archive ('/'-separated). */
  name: string;
  /** The bytes: a buffer, or chunks pulled one at a time (a file read stream). */
  data: Buffer | AsyncIterable<Buffer>;
  modified?: Date;
  /** Deflate the entry (method 8) instead of storing it. */
  deflate?: boolean;
}

const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const CENTRAL = 0x02014b50;
const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const LOCATOR64 = 0x07064b50;
const MAX32 = 0xffffffff;
const FLAGS = 0x0808; // bit 3: sizes and CRC follow the data; bit 11: UTF-8 names

/** MS-DOS date and time (local fields, read as China time by the people who open the package). */
function dosTime(d: Date): { time: number; date: number } {
  const c = new Date(d.getTime() + 8 * 3600_000);
  const year = Math.max(1980, c.getUTCFullYear());
  return {
    time: (c.getUTCHours() << 11) | (c.getUTCMinutes() << 5) | Math.floor(c.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((c.getUTCMonth() + 1) << 5) | c.getUTCDate(),
  };
}

interface Written {
  name: Buffer;
  method: number;
  crc: number;
  /** Bytes written (compressed), and the entry's own. */
  csize: number;
  size: number;
  offset: number;
  time: number;
  date: number;
}

/**
 * The zip of `sources`, pulled lazily: the next source is opened only when the
 * reader wants more bytes. `zip64At` (tests only) lowers the 4 GB threshold.
 */
export function zipWriter(sources: AsyncIterable<ZipSource> | Iterable<ZipSource>, o: { zip64At?: number } = {}): Readable {
  const limit = o.zip64At ?? MAX32;
  async function* gen() {
    const entries: Written[] = [];
    let offset = 0;
    for await (const s of sources) {
      const name = Buffer.from(s.name, 'utf8');
      const { time, date } = dosTime(s.modified ?? new Date());
      const h = Buffer.alloc(30);
      h.writeUInt32LE(LOCAL, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(FLAGS, 6);
      const method = s.deflate ? 8 : 0;
      h.writeUInt16LE(method, 8);
      h.writeUInt16LE(time, 10);
      h.writeUInt16LE(date, 12);
      // CRC and sizes (14-25) stay 0: they are in the descriptor.
      h.writeUInt16LE(name.length, 26);
      const start = offset;
      yield h;
      yield name;
      offset += 30 + name.length;
      let crc = 0;
      let size = 0;
      let csize = 0;
      const source: AsyncIterable<Buffer> | Iterable<Buffer> = Buffer.isBuffer(s.data) ? [s.data] : s.data;
      async function* read() {
        for await (const chunk of source) {
          crc = zlib.crc32(chunk, crc);
          size += chunk.length;
          yield chunk;
        }
      }
      let out: AsyncIterable<Buffer> | Iterable<Buffer> = read();
      if (s.deflate && Buffer.isBuffer(s.data)) {
        // A part already in memory is deflated in one call (native, no stream's round trips).
        [crc, size, out] = [zlib.crc32(s.data), s.data.length, [zlib.deflateRawSync(s.data)]];
      } else if (s.deflate) out = Readable.from(read()).pipe(zlib.createDeflateRaw());
      for await (const chunk of out) {
        csize += chunk.length;
        yield chunk;
      }
      if (size >= MAX32 || csize >= MAX32) throw new Error(`${s.name}: entries of 4 GB or more are not written`);
      offset += csize;
      const d = Buffer.alloc(16);
      d.writeUInt32LE(DESCRIPTOR, 0);
      d.writeUInt32LE(crc, 4);
      d.writeUInt32LE(csize, 8);
      d.writeUInt32LE(size, 12);
      yield d;
      offset += 16;
      entries.push({ name, method, crc, csize, size, offset: start, time, date });
    }
    const cdStart = offset;
    for (const e of entries) {
      const far = e.offset >= limit;
      const extra = far ? Buffer.alloc(12) : Buffer.alloc(0);
      if (far) {
        extra.writeUInt16LE(0x0001, 0); // ZIP64 extended information: the local header's offset only
        extra.writeUInt16LE(8, 2);
        extra.writeBigUInt64LE(BigInt(e.offset), 4);
      }
      const c = Buffer.alloc(46);
      c.writeUInt32LE(CENTRAL, 0);
      c.writeUInt16LE(far ? 45 : 20, 4); // made by (MS-DOS attributes)
      c.writeUInt16LE(far ? 45 : 20, 6); // needed
      c.writeUInt16LE(FLAGS, 8);
      c.writeUInt16LE(e.method, 10);
      c.writeUInt16LE(e.time, 12);
      c.writeUInt16LE(e.date, 14);
      c.writeUInt32LE(e.crc, 16);
      c.writeUInt32LE(e.csize, 20);
      c.writeUInt32LE(e.size, 24);
      c.writeUInt16LE(e.name.length, 28);
      c.writeUInt16LE(extra.length, 30);
      c.writeUInt32LE(far ? MAX32 : e.offset, 42);
      yield Buffer.concat([c, e.name, extra]);
      offset += 46 + e.name.length + extra.length;
    }
    const cdSize = offset - cdStart;
    const big = cdStart >= limit || entries.length >= 0xffff;
    if (big) {
      const r = Buffer.alloc(56);
      r.writeUInt32LE(EOCD64, 0);
      r.writeBigUInt64LE(44n, 4); // size of the rest of the record
      r.writeUInt16LE(45, 12);
      r.writeUInt16LE(45, 14);
      r.writeBigUInt64LE(BigInt(entries.length), 24);
      r.writeBigUInt64LE(BigInt(entries.length), 32);
      r.writeBigUInt64LE(BigInt(cdSize), 40);
      r.writeBigUInt64LE(BigInt(cdStart), 48);
      const l = Buffer.alloc(20);
      l.writeUInt32LE(LOCATOR64, 0);
      l.writeBigUInt64LE(BigInt(offset), 8);
      l.writeUInt32LE(1, 16);
      yield r;
      yield l;
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(EOCD, 0);
    end.writeUInt16LE(big ? 0xffff : entries.length, 8);
    end.writeUInt16LE(big ? 0xffff : entries.length, 10);
    end.writeUInt32LE(big ? MAX32 : cdSize, 12);
    end.writeUInt32LE(big ? MAX32 : cdStart, 16);
    yield end;
  }
  return Readable.from(gen(), { objectMode: false, highWaterMark: 256 * 1024 });
}
