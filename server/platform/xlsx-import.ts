// One refusal for every all-or-nothing .xlsx import (problems, activities,
// meetings, people, publicity, campaigns, survey needs, the 测评体系):
// IMPORT_INVALID naming the first error, every {row, column, message} in
// details.errors, and — when the caller passes the rows — the rows again with
// a 错误说明 column as an .xlsx in details.report, which the shared 导入
// dialog (web/src/components/ImportDialog.tsx) offers for download.
import ExcelJS from 'exceljs';
import { AppError } from './errors.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One error of an import: the sheet row (1 = the header), the column's title, what is wrong. */
export interface ImportError {
  row: number;
  column: string;
  message: string;
}

/** The uploaded rows, each with its sheet row and its cells as read. */
export interface ImportRow {
  row: number;
  raw: string[];
}

/** 【column】 before a message, or nothing when the error is the row's as a whole. */
const cell = (e: ImportError) => (e.column ? `【${e.column}】` : '');

/** Each row's errors as one 错误说明 text, by sheet row. */
export function errorsByRow(errors: ImportError[]): Map<number, string> {
  const byRow = new Map<number, string[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), `${cell(e)}${e.message}`]);
  return new Map([...byRow].map(([row, msgs]) => [row, msgs.join('；')]));
}

/** The 错误清单 workbook: the header and rows again, 错误说明 last, rows in error in red. */
async function errorWorkbook(header: string[], rows: ImportRow[], errors: ImportError[], width?: (column: string) => number | undefined): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('错误清单');
  ws.columns = [...header, '错误说明'].map((h, i) => ({ width: i === header.length ? 50 : (width?.(h) ?? 16) }));
  const byRow = errorsByRow(errors);
  ws.addRow([...header, byRow.get(1) ?? '错误说明']).font = { bold: true };
  for (const r of rows) {
    const x = ws.addRow([...r.raw, byRow.get(r.row) ?? '']);
    if (byRow.has(r.row)) x.getCell(header.length + 1).font = { color: { argb: 'FFC00000' } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The error that refuses a whole import. With `report`, the rows go back as
 * the 错误清单 .xlsx (`filename`, e.g. 活动导入错误清单.xlsx).
 */
export async function importRefusal(
  errors: ImportError[],
  report?: { header: string[]; rows: ImportRow[]; filename: string; width?: (column: string) => number | undefined },
): Promise<AppError> {
  const first = errors[0];
  const more = errors.length > 1 ? `（共 ${errors.length} 处错误）` : '';
  const message = `第 ${first.row} 行${cell(first)}${first.message}${more}；整个文件未导入，请${report ? '按错误清单' : ''}修改后重新上传`;
  if (!report) return new AppError('IMPORT_INVALID', message, undefined, { errors });
  const file = await errorWorkbook(report.header, report.rows, errors, report.width);
  return new AppError('IMPORT_INVALID', message, undefined, {
    errors,
    report: { filename: report.filename, contentType: XLSX_TYPE, base64: file.toString('base64') },
  });
}
