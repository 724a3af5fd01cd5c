// The fund's ledger as .xlsx: every entry of a town (or county) over a period
// in date order with a running balance from the opening one, amounts in 元
// computed from integer fen (the sheet's numbers are fen / 100 rounded to two
// decimals, exact for every fen amount), then income by source and each
// project's budget, spending and remainder.
import type { Db } from '../../db/pool.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { DIRECTION_LABELS, INCOME_SOURCE_LABELS, yuan, type Direction, type IncomeSource } from '../../../domain/fund.ts';
import { workbook } from '../campaigns/index.ts';
import { balance, readScope, regionPeriod } from './fund.service.ts';
import * as repo from './fund.repository.ts';

const MAX_ROWS = 50_000;

export async function ledgerXlsx(db: Db, actor: Actor, regionText: string | undefined, periodText: string | undefined) {
  const { region, from, to } = regionPeriod(actor, regionText, periodText);
  const b = await balance(db, actor, region, `${from}..${to}`);
  const rows: (string | number)[][] = [['', '', '', '', '期初余额', '', '', yuan(b.openingFen), '']];
  let running = b.openingFen;
  let after: [string, number] | null = null;
  let n = 0;
  while (n < MAX_ROWS) {
    const page = await repo.entryPage(db, { regionCode: region, from, to }, readScope(actor), after, 1000, true);
    for (const e of page) {
      running += e.direction === 'income' ? e.amountFen : -e.amountFen;
      rows.push([
        e.id,
        e.onDate,
        DIRECTION_LABELS[e.direction as Direction],
        e.source ? INCOME_SOURCE_LABELS[e.source as IncomeSource] : '',
        e.note,
        e.projectName ?? '',
        yuan(e.amountFen),
        yuan(running),
        e.reversesId ? `冲正 ${e.reversesId}` : e.reversedById ? `已被 ${e.reversedById} 冲正` : '',
      ]);
    }
    n += page.length;
    if (page.length < 1000) break;
    after = [page[page.length - 1].onDate, page[page.length - 1].id];
  }
  rows.push(['', '', '', '', '本期收入合计', '', yuan(b.incomeFen), '', '']);
  rows.push(['', '', '', '', '本期支出合计', '', yuan(b.spendFen), '', '']);
  rows.push(['', '', '', '', '期末余额', '', '', yuan(b.closingFen), '']);
  for (const s of b.bySource) rows.push(['', '', '收入来源', s.label, '', '', yuan(s.amountFen), '', '']);
  for (const p of b.byProject)
    rows.push([
      '',
      '',
      '项目',
      '',
      `预算 ${yuan(p.budgetFen)}，累计支出 ${yuan(p.spentFen)}，剩余 ${yuan(p.remainingFen)}`,
      p.name,
      yuan(p.spentInPeriodFen),
      '',
      '',
    ]);
  const buf = await workbook(
    '基金台账',
    ['编号', '日期', '收支', '收入来源', '摘要', '项目', '金额（元）', '余额（元）', '冲正'],
    rows,
    [8, 12, 8, 14, 40, 24, 16, 16, 14],
  );
  return { buf, filename: `创城工作基金台账-${from}至${to}.xlsx` };
}
