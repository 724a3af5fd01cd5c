// Publicity as Excel: articles, LED programmes, handouts, 入户宣传 sessions
// and facilities exported (the filtered list, in keyset batches) with the
// columns the import reads back, and imported all or nothing. Every row of
// an import is turned into the form's input and checked by the form's own
// checks (excel.rows.ts); any bad row rejects the whole file with {row,
// column, message} errors and an error report (.xlsx: the rows plus 错误说明)
// in details.report. A good file is written in one transaction, each record
// with its audit row. Import only adds: a row naming a 编号 is refused.
import ExcelJS from 'exceljs';
import type { Db, Tx } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { importWork, IMPORT_MAX_ROWS, readXlsx } from '../../platform/xlsx.ts';
import { authorize } from '../../platform/session.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { textProblem } from '../../../domain/input.ts';
import * as output from './output.service.ts';
import * as fac from './facilities.service.ts';
import { ensureSeeded } from './terms.service.ts';
import { EXPORT_ROW, nameIndex, PARSE, type Prepared, type Sheet } from './excel.rows.ts';
import { importRefusal, XLSX_TYPE, type ImportError, type ImportRow } from '../../platform/xlsx-import.ts';

export { XLSX_TYPE };
export type { Sheet };

/** Each sheet: its name, columns (the import reads the same headers; 编号 it refuses), and widths. */
export const SHEETS: Record<Sheet, { name: string; what: string; columns: string[]; widths: number[]; required: string[] }> = {
  articles: {
    name: '稿件清单',
    what: '篇稿件',
    columns: ['编号', '所属区划', '渠道', '渠道名称', '标题', '链接', '发布日期', '作者单位', '特色供稿', '采用媒体'],
    widths: [8, 16, 10, 18, 40, 36, 12, 24, 10, 24],
    required: ['所属区划', '渠道', '标题', '发布日期'],
  },
  led: {
    name: 'LED屏节目清单',
    what: '条节目',
    columns: ['编号', '所属区划', 'LED屏', '关联设施', '播放内容', '开始日期', '结束日期'],
    widths: [8, 16, 24, 24, 48, 12, 12],
    required: ['所属区划', 'LED屏', '播放内容', '开始日期', '结束日期'],
  },
  handouts: {
    name: '宣传品发放清单',
    what: '条发放记录',
    columns: ['编号', '所属区划', '种类', '名称', '数量', '发放日期', '发放地点', '发放单位'],
    widths: [8, 16, 10, 28, 10, 12, 24, 24],
    required: ['所属区划', '种类', '名称', '数量', '发放日期'],
  },
  door: {
    name: '入户宣传清单',
    what: '场入户宣传',
    columns: ['编号', '所在社区', '日期', '入户户数', '参加单位', '备注'],
    widths: [8, 16, 12, 10, 40, 40],
    required: ['所在社区', '日期', '入户户数'],
  },
  facilities: {
    name: '宣传设施清单',
    what: '处设施',
    columns: ['编号', '设施名称', '设施类别', '内容主题', '所在社区', '所属点位', '管理单位', '设置日期', '状况', '纬度', '经度', '备注'],
    widths: [8, 28, 12, 18, 16, 24, 24, 12, 10, 12, 12, 30],
    required: ['设施名称', '设施类别', '所在社区', '状况', '纬度', '经度'],
  },
};

/** The API path of each sheet (/api/publicity/<path>/export.xlsx and /import). */
export const SHEET_PATH: Record<Sheet, string> = { articles: 'articles', led: 'led', handouts: 'handouts', door: 'door-sessions', facilities: 'facilities' };

const EXPORT_MAX = 50_000;

/** The filtered list as rows of the sheet's columns. */
export async function exportRows(db: Db, actor: Actor, sheet: Sheet, filter: Record<string, unknown>): Promise<(string | number)[][]> {
  const rows: (string | number)[][] = [];
  let cursor: string | undefined;
  do {
    const page =
      sheet === 'facilities'
        ? await fac.list(db, actor, { ...filter, cursor, limit: 200 })
        : await output.list(db, actor, sheet, { ...filter, cursor, limit: 200 });
    for (const x of page.items) rows.push(EXPORT_ROW[sheet](x));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && rows.length < EXPORT_MAX);
  return rows;
}

export async function exportSheet(db: Db, actor: Actor, sheet: Sheet, filter: Record<string, unknown>): Promise<Buffer> {
  authorize(actor, 'publicity.read');
  const s = SHEETS[sheet];
  const wb = new ExcelJS.Workbook();
  wb.creator = '创城通';
  const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = s.columns.map((h, i) => ({ header: h, key: h, width: s.widths[i] }));
  ws.getRow(1).font = { bold: true };
  for (const r of await exportRows(db, actor, sheet, filter)) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function importSheet(db: Db, actor: Actor, sheet: Sheet, buf: Buffer) {
  authorize(actor, 'publicity.manage');
  await ensureSeeded(db);
  return importWork.run(() => importRows(db, actor, sheet, buf));
}

async function importRows(db: Db, actor: Actor, sheet: Sheet, buf: Buffer) {
  const s = SHEETS[sheet];
  const read = await readXlsx(buf, {
    sheet: s.name,
    unit: s.what,
    maxRows: IMPORT_MAX_ROWS,
    notXlsx: `无法读取该文件，请上传 .xlsx 格式的 Excel 文件（可先导出${s.name}作为模板）`,
  });
  const header = read.keys;
  const rows = read.rows.map(({ row, cells, values }) => ({ row, values, raw: cells }));
  const errors: ImportError[] = [];
  for (const h of s.required) if (!header.includes(h)) errors.push({ row: 1, column: h, message: `缺少必需的表头“${h}”，请使用导出的${s.name}作为模板` });
  if (!errors.length && !rows.length) errors.push({ row: 2, column: s.required[0], message: '文件中没有数据行' });
  if (errors.length) throw await invalid(s, header, rows, errors);

  const idx = await nameIndex(db, actor);
  const look = fac.lookups(db, true);
  const good: { row: number; prepared: Prepared }[] = [];
  for (const { row, values } of rows) {
    const n0 = errors.length;
    const err = (column: string, message: string) => errors.push({ row, column, message });
    const cell = (c: string) => values[c] ?? '';
    if (cell('编号')) err('编号', `已登记的记录（编号 ${cell('编号')}）不能重复导入：导入只新增，请删去该行或清空编号`);
    for (const c of s.columns) {
      const p = textProblem(cell(c));
      if (p) err(c, p);
    }
    const prepared = await PARSE[sheet]({ db, actor, idx, look, cell, err, failed: () => errors.length > n0 });
    if (prepared && errors.length === n0) good.push({ row, prepared });
  }
  if (errors.length)
    throw await invalid(
      s,
      header,
      rows,
      errors.sort((a, b) => a.row - b.row),
    );
  const items = await db.transaction(async (tx: Tx) => {
    const out: { id: number; row: number }[] = [];
    for (const { row, prepared: p } of good) {
      const id =
        sheet === 'facilities'
          ? await fac.insertImported(tx, actor, p.row as Parameters<typeof fac.insertImported>[2])
          : await output.insertImported(tx, actor, sheet, p.row, p.unitIds);
      await audit(tx, {
        actor,
        action: 'publicity.import',
        entity: sheet === 'facilities' ? 'publicity_facility' : output.ENTITY[sheet],
        entityId: id,
        regionCode: String(p.row.region_code),
        after: { ...(p.input as object), row },
      });
      out.push({ id, row });
    }
    return out;
  });
  return { created: items.length, items };
}

/** The refusal, with the rows again as <register>导入错误清单.xlsx. */
function invalid(s: (typeof SHEETS)[Sheet], header: string[], rows: ImportRow[], errors: ImportError[]) {
  const head = header.length ? header : s.columns;
  return importRefusal(errors, { header: head, rows, filename: `${s.name}导入错误清单.xlsx`, width: (h) => s.widths[s.columns.indexOf(h)] });
}
