// Untrusted .xlsx imports, bounded before they are parsed. Every import (the
// problem list, people, county notices received) reads its sheet here:
//   bytes         ≤ 15 MB (the upload limit, server/platform/uploads.ts);
//   uncompressed  ≤ 100 MB in total, from the zip's declared sizes, before
//                 anything is inflated; then each part read is inflated
//                 (once, streaming) with a hard stop at its declared size
//                 (server/platform/zip.ts), so lying headers gain nothing;
//   rows          ≤ the caller's limit (50,000 by default): the rows holding
//                 a value are counted by a byte scan of the sheet before
//                 anything is parsed, and a file over the limit is refused
//                 with IMPORT_TOO_LARGE; the sheet is then parsed streaming
//                 (exceljs WorkbookReader), counting exactly again, before any
//                 row is checked or stored.
// Only the parts a sheet needs are parsed (relationships, workbook, shared
// strings, styles, the one worksheet): other sheets, images and the rest are
// never inflated. `importWork` runs one import at a time per process.
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from './errors.ts';
import { Semaphore } from './semaphore.ts';
import { mb } from './uploads.ts';
import { entryText, inflate, zipEntries, zipStream, ZipError, type ZipEntry } from './zip.ts';

export const XLSX_MAX_BYTES = 15 * 1024 * 1024;
export const XLSX_MAX_UNCOMPRESSED = 100 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 50_000;
const MAX_ENTRIES = 2000;
const MAX_PART_BYTES = 4 * 1024 * 1024; // workbook.xml and its relationships, read whole

/** How import routes read their upload (server/platform/uploads.ts). */
export const XLSX_UPLOAD = {
  maxBytes: XLSX_MAX_BYTES,
  missing: '请选择要导入的 .xlsx 文件',
  tooLarge: () => `文件超过 ${mb(XLSX_MAX_BYTES)}，请分批导入`,
};

/** One import at a time per process (parsing and inserting 50,000 rows is heavy); up to 4 wait, more get BUSY. */
export const importWork = new Semaphore(1, 4, '服务器正在处理其他导入，请稍后再试');

/** A cell as the text a user typed (dates as YYYY-MM-DD, formulas as their result, links as their text). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in v) return cellText((v as { text: ExcelJS.CellValue }).text);
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('error' in v) return '';
  }
  return String(v).trim();
}

export interface Sheet {
  name: string;
  /** Row 1's cells as text (column A first). */
  header: string[];
  /** Row 1's cells as the importers match them (headerKey: 姓名* and “ 姓 名 ” read 姓名); '' for a column without one. */
  keys: string[];
  /** The non-empty rows below the header, each as many cells as the header has, and the same cells by their key. */
  rows: { row: number; cells: string[]; values: Record<string, string> }[];
}

/** A header cell as the importers match it: the required mark (* or ＊) and spaces dropped. */
export const headerKey = (h: string) => h.replace(/[*＊\s]/g, '');

export interface ReadOptions {
  /** Refuse with IMPORT_TOO_LARGE when there are more data rows than this. */
  maxRows?: number;
  /** What the rows are, for the message: 条 (problems), 人, 个问题. */
  unit?: string;
  /** Read this sheet when the workbook has it, else the first. */
  sheet?: string;
  /** The 415 message for a file that is not an .xlsx. */
  notXlsx: string;
}

const ATTR = (tag: string, name: string) => new RegExp(`\\s(?:\\w+:)?${name}="([^"]*)"`).exec(tag)?.[1];
const unescapeXml = (s: string) => s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e as 'lt']);

/** Which worksheet entry holds the sheet (by name, else the first tab), from workbook.xml and its relationships. */
async function pickSheet(buf: Buffer, byName: Map<string, ZipEntry>, want?: string): Promise<{ entry: ZipEntry; name: string } | null> {
  const wb = byName.get('xl/workbook.xml');
  const rels = byName.get('xl/_rels/workbook.xml.rels');
  if (wb && rels && wb.usize <= MAX_PART_BYTES && rels.usize <= MAX_PART_BYTES) {
    const targets = new Map<string, string>();
    for (const [tag] of (await entryText(buf, rels)).matchAll(/<Relationship\b[^>]*>/g)) {
      const id = ATTR(tag, 'Id');
      const target = ATTR(tag, 'Target');
      if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    }
    const sheets = [...(await entryText(buf, wb)).matchAll(/<sheet\b[^>]*>/g)]
      .map(([tag]) => ({
        name: unescapeXml(ATTR(tag, 'name') ?? ''),
        entry: byName.get(targets.get(ATTR(tag, 'id') ?? '') ?? ''),
      }))
      .filter((s): s is { name: string; entry: ZipEntry } => !!s.entry);
    const found = sheets.find((s) => s.name === want) ?? sheets[0];
    if (found) return found;
  }
  const n = (e: ZipEntry) => Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(e.name)?.[1] ?? NaN);
  const first = [...byName.values()].filter((e) => !Number.isNaN(n(e))).sort((a, b) => n(a) - n(b))[0];
  return first ? { entry: first, name: '' } : null;
}

/** Read one sheet of an untrusted .xlsx within the limits above. */
export async function readXlsx(buf: Buffer, o: ReadOptions): Promise<Sheet> {
  const maxRows = o.maxRows ?? IMPORT_MAX_ROWS;
  const tooLarge = (why: string) => new AppError('IMPORT_TOO_LARGE', `${why}，请分批导入`);
  const unzipTooLarge = () => tooLarge(`文件解压后超过 ${mb(XLSX_MAX_UNCOMPRESSED)}`);
  if (buf.length > XLSX_MAX_BYTES) throw new AppError('FILE_TOO_LARGE', XLSX_UPLOAD.tooLarge());
  try {
    const entries = zipEntries(buf, MAX_ENTRIES);
    if (entries.reduce((n, e) => n + e.usize, 0) > XLSX_MAX_UNCOMPRESSED) throw unzipTooLarge();
    const byName = new Map(entries.map((e) => [e.name, e]));
    const picked = await pickSheet(buf, byName, o.sheet);
    if (!picked) throw new AppError('IMPORT_INVALID', '文件中没有工作表');
    // The parts exceljs needs, relationships and shared strings before the
    // sheet so it parses the sheet as it streams (no temporary file).
    const parts: Parameters<typeof zipStream>[1] = [];
    const rels = byName.get('xl/_rels/workbook.xml.rels');
    parts.push(
      rels
        ? { entry: rels }
        : { name: 'xl/_rels/workbook.xml.rels', content: '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>' },
    );
    for (const name of ['xl/workbook.xml', 'xl/styles.xml']) if (byName.has(name)) parts.push({ entry: byName.get(name)! });
    const sst = byName.get('xl/sharedStrings.xml');
    parts.push(sst ? { entry: sst } : { name: 'xl/sharedStrings.xml', content: '<sst/>' });
    parts.push({ entry: picked.entry, as: 'xl/worksheets/sheet1.xml' });
    const tooMany = () => tooLarge(`一次最多导入 ${maxRows.toLocaleString('en-US')} ${o.unit ?? '行'}`);
    // Rows counted before anything is parsed (the header row allowed for);
    // parseSheet counts exactly again as it reads.
    if ((await rowsWithValues(buf, picked.entry, maxRows + 2)) > maxRows + 1) throw tooMany();
    return await parseSheet(zipStream(buf, parts), picked.name, maxRows, tooMany);
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof ZipError && e.kind === 'too_large') throw unzipTooLarge();
    throw new AppError('UNSUPPORTED_FILE', o.notXlsx);
  }
}

/**
 * How many <row> elements of the sheet hold a value (<v> or an inline
 * string), up to `stop`, from a byte scan of the inflated XML: no parse, no
 * shared strings, no cell objects. An upper bound of the rows parseSheet
 * keeps (a value may be an empty string), so a file over the limit is refused
 * before its shared strings or rows are read.
 */
async function rowsWithValues(buf: Buffer, sheet: ZipEntry, stop: number): Promise<number> {
  const TAG = /<(?:\w+:)?(row|v|is)[\s>/]/g;
  const KEEP = 24; // a tag split across two chunks is matched in the next one
  let carry = '';
  let rows = 0;
  let pending = false;
  const scan = (text: string, upTo: number) => {
    TAG.lastIndex = 0;
    for (let m = TAG.exec(text); m && m.index < upTo; m = TAG.exec(text)) {
      if (m[1] !== 'row') pending = true;
      else if (pending) {
        rows++;
        pending = false;
      }
    }
  };
  for await (const chunk of inflate(buf, sheet)) {
    const text = carry + chunk.toString('latin1');
    scan(text, text.length - KEEP);
    carry = text.slice(-KEEP);
    if (rows >= stop) return rows;
  }
  scan(carry, carry.length);
  return rows + (pending ? 1 : 0);
}

/**
 * The sheet's rows, streaming. The source stream fails (ZipError) when a part
 * inflates past its declared size; exceljs would then wait for the rest of
 * its input forever, so that failure ends the read here instead.
 */
async function parseSheet(stream: Readable, name: string, maxRows: number, tooMany: () => AppError): Promise<Sheet> {
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream as any, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const read = async (): Promise<Sheet> => {
    let header: string[] = [];
    let keys: string[] = [];
    const rows: Sheet['rows'] = [];
    for await (const ws of reader) {
      for await (const r of ws as AsyncIterable<ExcelJS.Row>) {
        const values = r.values as ExcelJS.CellValue[];
        if (r.number === 1) {
          header = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1]));
          keys = header.map(headerKey);
          continue;
        }
        const cells = header.map((_, i) => cellText(values[i + 1]));
        if (cells.every((c) => c === '')) continue;
        if (rows.length >= maxRows) throw tooMany();
        const byKey: Record<string, string> = {};
        keys.forEach((k, i) => {
          if (k) byKey[k] = cells[i];
        });
        rows.push({ row: r.number, cells, values: byKey });
      }
      break; // the one sheet
    }
    return { name, header, keys, rows };
  };
  try {
    return await Promise.race([read(), failed]);
  } finally {
    stream.destroy();
  }
}
