// .xlsx files for the import limits (tests and bench): big valid problem
// lists written streaming, and zip bombs built by hand.
import { PassThrough } from 'node:stream';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/** A problem list of `n` valid rows (the export's headers) in one community, written streaming. */
export async function problemSheet(n: number, community: string, category = '机动车乱停放'): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('问题清单');
  ws.addRow(['来源', '来源编号', '问题类别', '整改层级', '所在社区', '点位', '地址', '问题描述']).commit();
  for (let i = 1; i <= n; i++) ws.addRow(['街巷长巡查', '', category, '', community, '', `中山路 ${i % 300} 号`, `批量导入第 ${i} 条 店门口乱停放`]).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

/** A zip of deflated entries; `declared` overrides an entry's uncompressed size in its headers (a lying bomb). */
export function zipOf(files: { name: string; data: Buffer; declared?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const packed = zlib.deflateRawSync(f.data, { level: 1 });
    const crc = zlib.crc32(f.data);
    const size = f.declared ?? f.data.length;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x800, 6);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(packed.length, 18);
    lh.writeUInt32LE(size, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x800, 8);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(packed.length, 20);
    ch.writeUInt32LE(size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, packed);
    central.push(ch, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * A small .xlsx whose sheet XML inflates to `bytes` (whitespace inside
 * sheetData after one header row). `lie`: its headers declare 2 KB instead.
 */
export async function sheetBomb(bytes: number, lie = false): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('问题清单').addRow(['来源', '问题类别', '所在社区', '问题描述']);
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const files: { name: string; data: Buffer; declared?: number }[] = [];
  for (const name of Object.keys(zip.files)) {
    if (zip.files[name].dir) continue;
    files.push({ name, data: await zip.files[name].async('nodebuffer') });
  }
  const sheet = files.find((f) => f.name === 'xl/worksheets/sheet1.xml')!;
  const xml = sheet.data.toString('utf8');
  const at = xml.indexOf('</sheetData>');
  const head = Buffer.from(xml.slice(0, at));
  const tail = Buffer.from(xml.slice(at));
  const big = Buffer.alloc(Math.max(bytes, head.length + tail.length), ' ');
  head.copy(big, 0);
  tail.copy(big, big.length - tail.length);
  sheet.data = big;
  if (lie) sheet.declared = 2048;
  return zipOf(files);
}
