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
import { sql, type SQL } from 'drizzle-orm';
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

export const CAUSE_LABELS: Record<string, string> = {
  rework: '同一问题多次返工',
  overdue_days: '问题严重超期',
  unit_overdue_month: '单位当月超期问题过多',
};

interface NewItem { townCode: string; unitId: number; cause: keyof typeof CAUSE_LABELS; period: string | null; problemIds: number[]; dedupeKey: string; detail: string }

const exists = (key: SQL) => sql`EXISTS (SELECT 1 FROM accountability_items a WHERE a.dedupe_key = ${key})`;

export async function runAccountabilitySweep(db: Db, now: Date = clockNow(), batch = 500): Promise<{ opened: number }> {
  const today = chinaDate(now);
  const cal = await getCalendar(db);
  const t = await getThresholds(db);
  const items: NewItem[] = [];

  const rework = await db.execute<{ id: number; code: string; town_code: string; unit_id: number; rework_count: number }>(sql`
    SELECT p.id, p.code, p.town_code, p.responsible_unit_id AS unit_id, p.rework_count FROM problems p
    WHERE p.rework_count >= ${t.reworkPerProblem} AND p.responsible_unit_id IS NOT NULL AND NOT ${exists(sql`'rework:' || p.id`)}
    ORDER BY p.id LIMIT ${batch}`);
  for (const p of rework.rows) {
    items.push({ townCode: p.town_code, unitId: p.unit_id, cause: 'rework', period: null, problemIds: [p.id], dedupeKey: `rework:${p.id}`, detail: `问题 ${p.code} 已返工 ${p.rework_count} 次` });
  }

  // A working day is at least a calendar day: due more than N calendar days ago is a cheap pre-filter.
  const overdue = await db.execute<{ id: number; code: string; town_code: string; unit_id: number; due_date: string }>(sql`
    SELECT p.id, p.code, p.town_code, p.responsible_unit_id AS unit_id, p.due_date::text AS due_date FROM problems p
    WHERE ${overdueSql(today)} AND p.responsible_unit_id IS NOT NULL
      AND p.due_date < ${today}::date - ${t.overdueWorkingDays}::int AND NOT ${exists(sql`'overdue:' || p.id`)}
    ORDER BY p.due_date, p.id LIMIT ${batch}`);
  for (const p of overdue.rows) {
    const days = lateWorkingDays({ state: 'dispatched', dueDate: p.due_date }, today, cal);
    if (days <= t.overdueWorkingDays) continue;
    items.push({ townCode: p.town_code, unitId: p.unit_id, cause: 'overdue_days', period: null, problemIds: [p.id], dedupeKey: `overdue:${p.id}`, detail: `问题 ${p.code} 已超期 ${days} 个工作日（期限 ${p.due_date}）` });
  }

  // This month and the last one (a late sweep still sees last month's count).
  const firstOfLastMonth = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 2, 1)).toISOString().slice(0, 10);
  const units = await db.execute<{ town_code: string; unit_id: number; period: string; ids: number[] }>(sql`
    SELECT p.town_code, p.responsible_unit_id AS unit_id, to_char(p.due_date, 'YYYY-MM') AS period, array_agg(p.id ORDER BY p.id) AS ids
    FROM problems p
    WHERE p.responsible_unit_id IS NOT NULL AND p.due_date >= ${firstOfLastMonth}::date
      AND (${overdueSql(today)} OR (p.state = 'closed' AND p.closed_on_time = false))
    GROUP BY 1, 2, 3 HAVING count(*) >= ${t.unitOverduePerMonth}
    ORDER BY 3, 1, 2 LIMIT ${batch}`);
  for (const u of units.rows) {
    const ids = u.ids.map(Number);
    items.push({ townCode: u.town_code, unitId: u.unit_id, cause: 'unit_overdue_month', period: u.period, problemIds: ids, dedupeKey: `unit_overdue:${u.unit_id}:${u.period}:${u.town_code}`, detail: `${u.period} 到期的问题中有 ${ids.length} 件超期` });
  }

  let opened = 0;
  for (const it of items) if (await open(db, it)) opened++;
  return { opened };
}

/** Insert (or, for a still-open monthly item, refresh its cause list); notify and emit only when new. */
async function open(db: Db, it: NewItem): Promise<boolean> {
  return db.transaction(async (tx: Tx) => {
    const r = await tx.execute<{ id: number; inserted: boolean }>(sql`
      INSERT INTO accountability_items (town_code, subject_kind, subject_id, cause, period, problem_ids, dedupe_key)
      VALUES (${it.townCode}, 'unit', ${it.unitId}, ${it.cause}, ${it.period}, ${JSON.stringify(it.problemIds)}::jsonb, ${it.dedupeKey})
      ON CONFLICT (dedupe_key) DO UPDATE SET problem_ids = EXCLUDED.problem_ids
        WHERE accountability_items.state = 'open' AND accountability_items.cause = 'unit_overdue_month'
          AND accountability_items.problem_ids IS DISTINCT FROM EXCLUDED.problem_ids
      RETURNING id, (xmax = 0) AS inserted`);
    const row = r.rows[0];
    if (!row?.inserted) return false;
    const unit = await repo.unitById(tx, it.unitId);
    const title = `问责提示：${unit?.name ?? '责任单位'}，${CAUSE_LABELS[it.cause]}`;
    await openItem(tx, { kind: 'accountability_decision', regionCode: it.townCode, owner: { role: 'town_leader', regionCode: it.townCode }, subjectId: row.id, title: `${title}：${it.detail}` });
    await notify(tx, await repo.officePeople(tx, it.townCode), { kind: 'accountability', title, body: it.detail, problemId: it.problemIds.length === 1 ? it.problemIds[0] : null, dedupeKey: `accountability:${row.id}` });
    await emitWebhook(tx, it.townCode, 'accountability.opened', { id: row.id, townCode: it.townCode, unitId: it.unitId, unitName: unit?.name ?? null, cause: it.cause, period: it.period, problemIds: it.problemIds, detail: it.detail }, `accountability:${row.id}`);
    return true;
  });
}
