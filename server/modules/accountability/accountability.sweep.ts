// Daily: open 问责 items where a threshold is crossed. Each item has a dedupe
// key per cause, subject and period (unique in the table), so it opens once
// however often the sweep runs:
//   rework:<problemId>                              返工 ≥ reworkPerProblem
//   overdue:<problemId>                             open and overdue > overdueWorkingDays working days
//   unit_overdue:<unitId>:<YYYY-MM>:<townCode>      ≥ unitOverduePerMonth problems of the unit due that
//                                                   month and overdue (still open past the deadline,
//                                                   or closed late); the town is part of the key because
//                                                   a county department works in several towns and each
//                                                   town office decides its own items.
// The subject is the responsible unit. The town office is notified.
import type { Db, Tx } from '../../db/pool.ts';
import { chinaDate } from '../../../domain/calendar.ts';
import { getCalendar } from '../calendar/index.ts';
import { openItem } from '../inbox/index.ts';
import { notify } from '../notifications/index.ts';
import { emitWebhook } from '../webhooks/index.ts';
import * as repo from '../problems/index.ts';
import { getThresholds } from './thresholds.ts';
import { overdueSql } from '../problems/index.ts';
import { lateWorkingDays } from '../../../domain/problems/overdue.ts';
import { now as clockNow } from '../../platform/clock.ts';
import * as store from './accountability.repository.ts';

export const CAUSE_LABELS: Record<string, string> = {
  rework: '同一问题多次返工',
  overdue_days: '问题严重超期',
  unit_overdue_month: '单位当月超期问题过多',
};

interface NewItem {
  townCode: string;
  unitId: number;
  cause: keyof typeof CAUSE_LABELS;
  period: string | null;
  problemIds: number[];
  dedupeKey: string;
  detail: string;
}

export async function runAccountabilitySweep(db: Db, now: Date = clockNow(), batch = 500): Promise<{ opened: number }> {
  const today = chinaDate(now);
  const cal = await getCalendar(db);
  const t = await getThresholds(db);
  const items: NewItem[] = [];

  const rework = await store.reworked(db, t.reworkPerProblem, batch);
  for (const p of rework) {
    items.push({
      townCode: p.town_code,
      unitId: p.unit_id,
      cause: 'rework',
      period: null,
      problemIds: [p.id],
      dedupeKey: `rework:${p.id}`,
      detail: `问题 ${p.code} 已返工 ${p.rework_count} 次`,
    });
  }

  // A working day is at least a calendar day: due more than N calendar days ago is a cheap pre-filter.
  const overdue = await store.longOverdue(db, overdueSql(today), today, t.overdueWorkingDays, batch);
  for (const p of overdue) {
    const days = lateWorkingDays({ state: 'dispatched', dueDate: p.due_date }, today, cal);
    if (days <= t.overdueWorkingDays) continue;
    items.push({
      townCode: p.town_code,
      unitId: p.unit_id,
      cause: 'overdue_days',
      period: null,
      problemIds: [p.id],
      dedupeKey: `overdue:${p.id}`,
      detail: `问题 ${p.code} 已超期 ${days} 个工作日（期限 ${p.due_date}）`,
    });
  }

  // This month and the last one (a late sweep still sees last month's count).
  const firstOfLastMonth = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 2, 1)).toISOString().slice(0, 10);
  const units = await store.unitOverdueMonths(db, overdueSql(today), firstOfLastMonth, t.unitOverduePerMonth, batch);
  for (const u of units) {
    const ids = u.ids.map(Number);
    items.push({
      townCode: u.town_code,
      unitId: u.unit_id,
      cause: 'unit_overdue_month',
      period: u.period,
      problemIds: ids,
      dedupeKey: `unit_overdue:${u.unit_id}:${u.period}:${u.town_code}`,
      detail: `${u.period} 到期的问题中有 ${ids.length} 件超期`,
    });
  }

  let opened = 0;
  for (const it of items) if (await open(db, it)) opened++;
  return { opened };
}

/** Insert (or, for a still-open monthly item, refresh its cause list); notify and emit only when new. */
async function open(db: Db, it: NewItem): Promise<boolean> {
  return db.transaction(async (tx: Tx) => {
    const row = await store.upsertItem(tx, it);
    if (!row?.inserted) return false;
    const unit = await repo.unitById(tx, it.unitId);
    const title = `问责提示：${unit?.name ?? '责任单位'}，${CAUSE_LABELS[it.cause]}`;
    await openItem(tx, {
      kind: 'accountability_decision',
      regionCode: it.townCode,
      owner: { role: 'town_leader', regionCode: it.townCode },
      subjectId: row.id,
      title: `${title}：${it.detail}`,
    });
    await notify(tx, await repo.officePeople(tx, it.townCode), {
      kind: 'accountability',
      title,
      body: it.detail,
      problemId: it.problemIds.length === 1 ? it.problemIds[0] : null,
      dedupeKey: `accountability:${row.id}`,
    });
    await emitWebhook(
      tx,
      it.townCode,
      'accountability.opened',
      {
        id: row.id,
        townCode: it.townCode,
        unitId: it.unitId,
        unitName: unit?.name ?? null,
        cause: it.cause,
        period: it.period,
        problemIds: it.problemIds,
        detail: it.detail,
      },
      `accountability:${row.id}`,
    );
    return true;
  });
}
