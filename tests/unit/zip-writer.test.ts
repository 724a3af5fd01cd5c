// The streamed zip writer: what it writes opens back, names and bytes intact,
// in a reader that trusts only the central directory (JSZip) and in the
// project's own strict reader; ZIP64 records when the offsets pass the limit.
import crypto from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { zipWriter } from '../../server/platform/zip-writer.ts';
import { zipEntries } from '../../server/platform/zip.ts';

async function* chunked(buf: Buffer, size: number) {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

describe('zipWriter', () => {
  const big = crypto.randomBytes(300_000);
  const sources = () => [
    { name: '材料目录.xlsx', data: Buffer.from('index') },
    { name: '1 城乡环境卫生/1.2 市容市貌/1.2.3-规范文件-1-方案.pdf', data: chunked(big, 65_536) },
    { name: '空文件.txt', data: Buffer.alloc(0) },
  ];

  it('writes entries that open back with their names and bytes', async () => {
    const zip = await buffer(zipWriter(sources()));
    const z = await JSZip.loadAsync(zip);
    expect(Object.keys(z.files)).toEqual(['材料目录.xlsx', '1 城乡环境卫生/1.2 市容市貌/1.2.3-规范文件-1-方案.pdf', '空文件.txt']);
    expect((await z.file('1 城乡环境卫生/1.2 市容市貌/1.2.3-规范文件-1-方案.pdf')!.async('nodebuffer')).equals(big)).toBe(true);
    expect(await z.file('材料目录.xlsx')!.async('string')).toBe('index');
    const entries = zipEntries(zip, 10);
    expect(entries.map((e) => [e.name, e.usize, e.method])).toEqual([
      ['材料目录.xlsx', 5, 0],
      ['1 城乡环境卫生/1.2 市容市貌/1.2.3-规范文件-1-方案.pdf', big.length, 0],
      ['空文件.txt', 0, 0],
    ]);
  });

  it('switches to ZIP64 records for offsets past the limit, still readable', async () => {
    const zip = await buffer(zipWriter(sources(), { zip64At: 1000 }));
    expect(zip.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true); // the ZIP64 end record
    const z = await JSZip.loadAsync(zip);
    expect((await z.file('空文件.txt')!.async('nodebuffer')).length).toBe(0);
    expect((await z.file('1 城乡环境卫生/1.2 市容市貌/1.2.3-规范文件-1-方案.pdf')!.async('nodebuffer')).equals(big)).toBe(true);
  });

  it('opens a source only when the reader gets to it', async () => {
    const opened: string[] = [];
    function* lazy() {
      for (const n of ['a', 'b']) {
        opened.push(n);
        yield { name: n, data: Buffer.alloc(10, n) };
      }
    }
    const s = zipWriter(lazy());
    expect(opened).toEqual([]);
    await buffer(s);
    expect(opened).toEqual(['a', 'b']);
  });
});
