// A wave's results as an .xlsx workbook (the wave page's 导出 Excel): the
// items with their rates and 95 % intervals, each community's sample, quotas
// and rate, every community × item cell, and the weak items with what they
// became. The same numbers as GET /api/polls/waves/:id/results in one view
// (scope applied there: a community cadre gets their own community only).
import ExcelJS from 'exceljs';
import type { Db } from '../../db/pool.ts';
import type { Actor } from '../../../domain/permissions.ts';
import type { ResultView } from '../../../domain/polls.ts';
import { results } from './waves.service.ts';

const pct = (v: number) => Math.round(v * 1000) / 10;

function sheet(wb: ExcelJS.Workbook, name: string, columns: [string, number][], rows: (string | number)[][]) {
  const ws = wb.addWorksheet(name);
  ws.columns = columns.map(([header, width]) => ({ header, width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) ws.addRow(r);
}

export async function exportResults(db: Db, actor: Actor, id: number, view?: ResultView): Promise<{ name: string; buf: Buffer }> {
  const d = await results(db, actor, id, view);
  const wb = new ExcelJS.Workbook();
  const interval = [
    ['回答数', 10],
    ['肯定数', 10],
    ['比率 %', 10],
    ['置信下限 %', 12],
    ['置信上限 %', 12],
  ] as [string, number][];
  const iv = (r: { n: number; positive: number; rate: number; low: number; high: number }) =>
    r.n ? [r.n, r.positive, pct(r.rate), pct(r.low), pct(r.high)] : [0, 0, '', '', ''];
  sheet(
    wb,
    '各题目',
    [['题号', 8], ['题目', 48], ['指标', 10], ['测评标准', 12], ...interval, ['薄弱', 8]],
    d.items.map((it) => [it.code, it.text, it.indicatorLabel, it.standardCode, ...iv(it), it.weak ? '薄弱' : '']),
  );
  sheet(
    wb,
    '各社区',
    [
      ['社区', 24],
      ['计划样本', 10],
      ['配额内', 10],
      ['超配额', 10],
      ['完成率 %', 10],
      ...d.quota.bands.map((b) => [`${b.label}（已有/配额）`, 16] as [string, number]),
      ...d.quota.sexes.map((s) => [`${s.label}（已有/配额）`, 14] as [string, number]),
      ...interval,
    ],
    d.communities.map((c) => [
      c.name,
      c.planned,
      c.inQuota,
      c.outOfQuota,
      pct(c.fulfilment),
      ...c.bands.map((b) => `${b.have}/${b.quota}`),
      ...c.sexes.map((s) => `${s.have}/${s.quota}`),
      ...iv(c),
    ]),
  );
  const community = new Map(d.communities.map((c) => [c.code, c.name]));
  const item = new Map(d.items.map((i) => [i.code, i]));
  sheet(
    wb,
    '社区×题目',
    [['社区', 24], ['题号', 8], ['题目', 40], ['指标', 10], ...interval, ['薄弱', 8]],
    d.cells
      .slice()
      .sort((a, b) => a.communityCode.localeCompare(b.communityCode) || a.itemCode.localeCompare(b.itemCode))
      .map((c) => [
        community.get(c.communityCode) ?? c.communityCode,
        c.itemCode,
        item.get(c.itemCode)?.text ?? '',
        item.get(c.itemCode)?.indicatorLabel ?? '',
        ...iv(c),
        c.weak ? '薄弱' : '',
      ]),
  );
  sheet(
    wb,
    '薄弱项',
    [['社区', 24], ['题号', 8], ['题目', 40], ['指标', 10], ...interval, ['处理', 16]],
    d.weak.map((x) => [
      x.communityName,
      x.itemCode,
      x.text,
      x.indicatorLabel,
      ...iv(x),
      x.followups.map((f) => (f.kind === 'task' ? '已交办社区' : '已安排活动')).join('、') || '未处理',
    ]),
  );
  const w = d.wave;
  sheet(
    wb,
    '说明',
    [
      ['项目', 16],
      ['内容', 80],
    ],
    [
      ['调查批次', w.name],
      ['调查时间', `${w.startsOn} 至 ${w.endsOn}（${w.stateLabel}）`],
      ['统计口径', d.sourceLabel],
      ['问卷', w.questionnaires.map((q) => `${q.code} ${q.name}（${q.groupLabel}，第 ${q.version} 版）`).join('、')],
      ['计划样本', `${d.quota.planned} 份（${w.communities} 个社区）`],
      ['自助答卷计入比率', w.selfCounts ? '是' : '否'],
      ['薄弱项判定', `比率的 95% 置信区间上限仍低于 ${pct(d.target)}%`],
    ],
  );
  return { name: `${w.name}-调查结果.xlsx`, buf: Buffer.from(await wb.xlsx.writeBuffer()) };
}
