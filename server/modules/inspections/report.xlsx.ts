// The mock-evaluation report as a workbook, the form county offices pass
// around: 汇总 (community × point type score rates), 失分项 (the worst items
// per community) and 问题清单 (problems raised). Rates are numbers formatted
// as percentages, so the sheet can be re-sorted and summed.
import ExcelJS from 'exceljs';
import { GRADES } from '../../../domain/inspections/vocab.ts';
import type { EvaluationReport } from './report.service.ts';

const PCT = '0.00%';
const SCORE = '0.00';
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

/** Title row across the sheet, then a note row, then the header row (row 3). */
function sheet(wb: ExcelJS.Workbook, name: string, title: string, note: string, headers: string[], widths: number[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = widths.map((width) => ({ width }));
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, headers.length);
  const t = ws.getCell(1, 1);
  t.font = { bold: true, size: 14 };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 26;
  ws.addRow([note]);
  ws.mergeCells(2, 1, 2, headers.length);
  ws.getCell(2, 1).font = { color: { argb: 'FF666666' } };
  const h = ws.addRow(headers);
  h.font = { bold: true };
  h.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  h.eachCell((c) => {
    c.fill = HEAD_FILL;
    c.border = THIN;
  });
  return ws;
}

function border(row: ExcelJS.Row, n: number) {
  for (let i = 1; i <= n; i++) row.getCell(i).border = THIN;
}

export async function evaluationWorkbook(r: EvaluationReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '创城通';
  const title = `${r.town.name}${r.region.code !== r.town.code ? r.region.name : ''}${r.filter.kindLabel}报告（${r.filter.period}）`;
  const note = `评分方法：状态描述法（A 100%、B 66%、C 33%、C# 0%）；每个点位取本期最近一次结果，社区得分率按点位类型合并计算。`;

  // 汇总: one row per community, a column per point type, then the overall rate.
  const types = r.pointTypes;
  const sumHeaders = ['社区', '测评点位数', ...types.map((t) => `${t.label}得分率`), '综合得分率', '发现问题数'];
  const ws = sheet(wb, '汇总', title, note, sumHeaders, [18, 11, ...types.map(() => 14), 12, 11]);
  const rateCells = (byType: { pointType: string; rate: number | null }[]) => types.map((t) => byType.find((b) => b.pointType === t.pointType)?.rate ?? null);
  for (const c of r.communities) {
    const row = ws.addRow([c.name, c.pointsEvaluated, ...rateCells(c.byType), c.overall, c.problems.total]);
    border(row, sumHeaders.length);
  }
  const total = ws.addRow(['合计', r.total.pointsEvaluated, ...rateCells(r.total.byType), r.total.overall, r.total.problems.total]);
  total.font = { bold: true };
  border(total, sumHeaders.length);
  for (let i = 3; i <= 2 + types.length + 1; i++) ws.getColumn(i).numFmt = PCT;

  // 失分项: per community, the items with the lowest average grade.
  const worstHeaders = ['社区', '点位类型', '编号', '测评项目', '测评标准', '分值', '评价次数', ...GRADES.map((g) => `${g}次数`), '平均得分系数', '失分合计'];
  const ww = sheet(
    wb,
    '失分项',
    title,
    '平均得分系数 = 各次评价等级系数的平均值（A 1、B 0.66、C 0.33、C# 0），越低失分越多。',
    worstHeaders,
    [16, 14, 8, 16, 44, 7, 9, 7, 7, 7, 7, 12, 10],
  );
  for (const c of r.communities) {
    for (const it of c.worstItems) {
      const row = ww.addRow([
        c.name,
        it.pointTypeLabel,
        it.code,
        it.title,
        it.criterion,
        it.points,
        it.graded,
        ...GRADES.map((g) => it.counts[g]),
        it.avgCoefficient,
        it.lostPoints,
      ]);
      row.alignment = { vertical: 'top', wrapText: true };
      border(row, worstHeaders.length);
    }
  }
  ww.getColumn(12).numFmt = SCORE;
  ww.getColumn(13).numFmt = SCORE;

  // 问题清单: every problem the inspections raised.
  const probHeaders = ['社区', '问题编号', '点位', '问题类别', '问题描述', '处置方式', '状态', '整改期限', '是否超期'];
  const pw = sheet(wb, '问题清单', title, `共 ${r.total.problems.total} 个问题。`, probHeaders, [16, 14, 18, 16, 44, 16, 10, 12, 10]);
  for (const c of r.communities) {
    for (const p of c.problems.items) {
      const row = pw.addRow([
        c.name,
        p.code,
        p.placeName ?? '',
        p.categoryName ?? '',
        p.description,
        p.tierLabel,
        p.stateLabel,
        p.dueDate ?? '',
        p.overdue ? `超期 ${p.overdueDays} 个工作日` : '否',
      ]);
      row.alignment = { vertical: 'top', wrapText: true };
      border(row, probHeaders.length);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function workbookName(r: EvaluationReport): string {
  return `${r.region.name}-${r.filter.period.replace(/\s+/g, '')}-${r.filter.kindLabel}报告.xlsx`;
}
