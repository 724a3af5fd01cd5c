// The one reading of an uploaded sheet every import uses (server/platform/xlsx.ts readXlsx): a header is matched
// without its required mark or spaces (姓名*, “ 手 机 号 ”), each row's cells come by that key as the user typed
// them (trimmed, dates as YYYY-MM-DD), a column without a header is left out, and empty rows are skipped.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { headerKey, readXlsx } from '../../server/platform/xlsx.ts';

async function book(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('readXlsx', () => {
  it('keys each row by its header without the required mark or spaces', async () => {
    const buf = await book([
      ['姓名*', ' 手 机 号 ', '', '日期＊'],
      [' 张三 ', '13800000000', '无表头的列', new Date('2026-03-01T00:00:00Z')],
      [],
      ['李四', '', '', ''],
    ]);
    const s = await readXlsx(buf, { notXlsx: '不是表格' });
    expect(s.header).toEqual(['姓名*', '手 机 号', '', '日期＊']);
    expect(s.keys).toEqual(['姓名', '手机号', '', '日期']);
    expect(s.rows.map((r) => [r.row, r.values])).toEqual([
      [2, { 姓名: '张三', 手机号: '13800000000', 日期: '2026-03-01' }],
      [4, { 姓名: '李四', 手机号: '', 日期: '' }],
    ]);
    expect(s.rows[0].cells[2]).toBe('无表头的列');
  });

  it('matches a header the way the templates write it', () => {
    expect(['会议类别*', '会议 名称', '召开时间＊', '\t备注\n'].map(headerKey)).toEqual(['会议类别', '会议名称', '召开时间', '备注']);
  });
});
