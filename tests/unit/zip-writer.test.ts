// The streamed zip writer: what it writes opens back, names and bytes intact,
// in a reader that trusts only the central directory (JSZip) and in the
// project's own strict reader; ZIP64 records when the offsets pass the limit.
import crypto from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { zipWriter } from '../../server/platform/zip-writer.ts';
import { entryBytes, entryText, zipEntries } from '../../server/platform/zip.ts';

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

  it('deflates the entries a source asks to, from a buffer or from chunks, readable by JSZip and by our reader', async () => {
    const xml = Buffer.from(`<w:document>${'<w:p><w:r><w:t>创建全国文明城市</w:t></w:r></w:p>'.repeat(5000)}</w:document>`, 'utf8');
    const zip = await buffer(
      zipWriter([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>'), deflate: true },
        { name: 'word/document.xml', data: chunked(xml, 4096), deflate: true },
        { name: 'word/media/1.jpg', data: big },
        { name: 'word/empty.xml', data: Buffer.alloc(0), deflate: true },
      ]),
    );
    expect(zip.length).toBeLessThan(big.length + xml.length / 10);
    const entries = zipEntries(zip, 10);
    expect(entries.map((e) => [e.name, e.method, e.usize])).toEqual([
      ['[Content_Types].xml', 8, 8],
      ['word/document.xml', 8, xml.length],
      ['word/media/1.jpg', 0, big.length],
      ['word/empty.xml', 8, 0],
    ]);
    expect(await entryText(zip, entries[1])).toBe(xml.toString('utf8'));
    expect(entryBytes(zip, entries[1]).equals(xml)).toBe(true);
    expect(entryBytes(zip, entries[2]).equals(big)).toBe(true);
    // A declared size that lies: inflating stops there.
    let lied: unknown;
    try {
      entryBytes(zip, { ...entries[1], usize: 1000 });
    } catch (e) {
      lied = e;
    }
    expect(lied).toMatchObject({ kind: 'too_large' });
    const z = await JSZip.loadAsync(zip, { checkCRC32: true });
    expect((await z.file('word/document.xml')!.async('nodebuffer')).equals(xml)).toBe(true);
    expect(await z.file('[Content_Types].xml')!.async('string')).toBe('<Types/>');
    expect((await z.file('word/media/1.jpg')!.async('nodebuffer')).equals(big)).toBe(true);
    expect(await z.file('word/empty.xml')!.async('string')).toBe('');
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
