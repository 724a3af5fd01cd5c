// The refusal of an all-or-nothing import (campaign daily records, survey
// needs): IMPORT_INVALID naming the first error, every {row, column, message}
// in details.errors, and the rows again with 错误说明 as an .xlsx in
// details.report, which the shared 导入 dialog offers for download.
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ImportError {
  row: number;
  column: string;
  message: string;
}

export async function importRefusal(header: string[], rows: { row: number; raw: string[] }[], errors: ImportError[], filename: string) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('错误清单');
  ws.columns = [...header, '错误说明'].map((_, i) => ({ width: i === header.length ? 50 : 16 }));
  const byRow = new Map<number, string[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), `【${e.column}】${e.message}`]);
  ws.addRow([...header, byRow.get(1)?.join('；') ?? '错误说明']).font = { bold: true };
  for (const r of rows) {
    const x = ws.addRow([...r.raw, (byRow.get(r.row) ?? []).join('；')]);
    if (byRow.has(r.row)) x.getCell(header.length + 1).font = { color: { argb: 'FFC00000' } };
  }
  const report = Buffer.from(await wb.xlsx.writeBuffer());
  const first = errors[0];
  return new AppError(
    'IMPORT_INVALID',
    `第 ${first.row} 行【${first.column}】${first.message}${errors.length > 1 ? `（共 ${errors.length} 处错误）` : ''}；整个文件未导入，请按错误清单修改后重新上传`,
    undefined,
    { errors, report: { filename, contentType: XLSX_TYPE, base64: report.toString('base64') } },
  );
}

/** A non-negative integer typed in a cell ('' reads 0), or the reason it is not one. */
export function countCell(s: string, max: number): number | string {
  if (s === '') return 0;
  if (!/^\d+$/.test(s)) return `“${s}”不是非负整数`;
  const n = Number(s);
  return n > max ? `不能超过 ${max}` : n;
}

/** A simple .xlsx of one sheet: the header (bold, frozen) and rows. */
export async function workbook(sheet: string, header: string[], rows: (string | number)[][], widths: number[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '创城通';
  const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = header.map((h, i) => ({ header: h, key: String(i), width: widths[i] ?? Math.max(10, h.length * 2 + 2) }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
