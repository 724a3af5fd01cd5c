// Cells and sheets of the campaign daily-record and survey-need imports and
// exports. Their refusal is the platform's one importRefusal
// (server/platform/xlsx-import.ts), re-exported here for the survey module.
import ExcelJS from 'exceljs';

export { importRefusal, XLSX_TYPE, type ImportError } from '../../platform/xlsx-import.ts';

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
