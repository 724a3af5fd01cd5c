// Deadline reminders and escalation (DOMAIN.md §3: "reminders before,
// escalation after"). Runs every 10 minutes; each run takes a bounded batch
// and is idempotent. Per problem and deadline it writes at most one timeline
// row ('remind' or 'overdue', carrying the due date: the sweep's cursor) and
// notifications with dedupe keys `remind:<id>:<due>` / `escalate:<id>:<due>`,
// so a second run, a retried job or a restarted server never notifies twice,
// while an extension (a new due date) reminds and escalates afresh.
// Overdue stays derived from due_date; nothing here stores it on the problem.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import { getSetting } from '../platform/bootstrap.ts';
import { addWorkingDays, chinaDate, workingDaysBetween } from '../../domain/calendar.ts';
import { OPEN_DISPATCHED_STATES } from '../../domain/problems/vocab.ts';
import { getCalendar } from '../modules/calendar/calendar.service.ts';
import { notify, unitPeople } from '../modules/notifications/index.ts';
import { emitWebhook } from '../modules/webhooks/index.ts';
import * as repo from '../modules/problems/problems.repository.ts';
import { overdueSql, runningSql } from '../modules/problems/index.ts';
import { lateLabel, lateWorkingDays } from '../../domain/problems/overdue.ts';
import { now as clockNow } from '../platform/clock.ts';

export const DEFAULT_BATCH = 500;
export const REMIND_SETTING = 'deadline.remind_working_days';

export interface DeadlineSweepResult {
  reminded: number;
  escalated: number;
  notifications: number;
  webhooks: number;
}

type Candidate = {
  id: number;
  code: string;
  state: string;
  region_code: string;
  due_date: string;
  responsible_unit_id: number | null;
  unit_name: string | null;
  category_name: string | null;
};

/** Working days before the deadline at which the assignee is reminded (settings, default 1). */
export async function remindWorkingDays(db: Db): Promise<number> {
  const v = await getSetting<unknown>(db, REMIND_SETTING);
  if (v === null || v === undefined) return 1;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 && n <= 30 ? n : 1;
}

const CANDIDATE_COLS = sql`p.id, p.code, p.state, p.region_code, p.due_date::text AS due_date, p.responsible_unit_id,
  u.name AS unit_name, c.name AS category_name`;

/** The timeline row for (problem, action, due date) exists: this deadline was already handled. */
const handled = (action: string) => sql`EXISTS (SELECT 1 FROM problem_events e
  WHERE e.problem_id = p.id AND e.action = ${action} AND e.data->>'dueDate' = p.due_date::text)`;

export async function runDeadlineSweep(db: Db, now: Date = clockNow(), batch = DEFAULT_BATCH): Promise<DeadlineSweepResult> {
  const today = chinaDate(now);
  const cal = await getCalendar(db);
  const days = await remindWorkingDays(db);
  // due < addWorkingDays(today, days + 1)  ⇔  at most `days` working days remain.
  const remindBefore = addWorkingDays(today, days + 1, cal);
  const out: DeadlineSweepResult = { reminded: 0, escalated: 0, notifications: 0, webhooks: 0 };

  const overdue = await db.execute<Candidate>(sql`
    SELECT ${CANDIDATE_COLS} FROM problems p LEFT JOIN units u ON u.id = p.responsible_unit_id LEFT JOIN categories c ON c.id = p.category_id
    WHERE ${overdueSql(today)} AND NOT ${handled('overdue')}
    ORDER BY p.due_date, p.id LIMIT ${batch}`);
  for (const p of overdue.rows) {
    const r = await handleOne(db, p, 'overdue', async (tx) => {
      const overdueDays = lateWorkingDays({ state: p.state, dueDate: p.due_date }, today, cal);
      const late = lateLabel(overdueDays);
      const people = [...(p.responsible_unit_id ? await unitPeople(tx, p.responsible_unit_id) : []), ...(await repo.officePeople(tx, p.region_code))];
      const n = await notify(tx, people, {
        kind: 'escalation',
        problemId: p.id,
        dedupeKey: `escalate:${p.id}:${p.due_date}`,
        title: `问题 ${p.code} ${late}（整改期限 ${p.due_date}）`,
        body: `${p.category_name ?? ''}${p.unit_name ? `，责任单位：${p.unit_name}` : ''}。请责任单位尽快整改，镇创城办督办。`,
      });
      const w = await emitWebhook(
        tx,
        p.region_code,
        'problem.overdue',
        {
          id: p.id,
          code: p.code,
          state: p.state,
          dueDate: p.due_date,
          overdueDays,
          unitId: p.responsible_unit_id,
          unitName: p.unit_name,
          regionCode: p.region_code,
        },
        `overdue:${p.id}:${p.due_date}`,
      );
      return { note: `已超过整改期限 ${p.due_date}`, data: { dueDate: p.due_date, overdueDays }, notifications: n, webhooks: w };
    });
    if (r) {
      out.escalated++;
      out.notifications += r.notifications;
      out.webhooks += r.webhooks;
    }
  }

  const soon = await db.execute<Candidate>(sql`
    SELECT ${CANDIDATE_COLS} FROM problems p LEFT JOIN units u ON u.id = p.responsible_unit_id LEFT JOIN categories c ON c.id = p.category_id
    WHERE ${runningSql()} AND p.due_date >= ${today}::date AND p.due_date < ${remindBefore}::date
      AND p.responsible_unit_id IS NOT NULL AND NOT ${handled('remind')}
    ORDER BY p.due_date, p.id LIMIT ${batch}`);
  for (const p of soon.rows) {
    const r = await handleOne(db, p, 'remind', async (tx) => {
      const left = workingDaysBetween(today, p.due_date, cal);
      const when = left === 0 ? '今天到期' : `还剩 ${left} 个工作日`;
      const n = await notify(tx, await unitPeople(tx, p.responsible_unit_id!), {
        kind: 'reminder',
        problemId: p.id,
        dedupeKey: `remind:${p.id}:${p.due_date}`,
        title: `问题 ${p.code} 将于 ${p.due_date} 到期（${when}），请抓紧整改`,
        body: p.category_name,
      });
      return { note: `整改期限 ${p.due_date}，${when}，已提醒责任单位`, data: { dueDate: p.due_date, workingDaysLeft: left }, notifications: n, webhooks: 0 };
    });
    if (r) {
      out.reminded++;
      out.notifications += r.notifications;
    }
  }
  return out;
}

type Work = (
  tx: Parameters<Parameters<Db['transaction']>[0]>[0],
) => Promise<{ note: string; data: Record<string, unknown>; notifications: number; webhooks: number }>;

/**
 * One problem in its own transaction: lock it, check that it is still in the
 * same state of the deadline and not yet handled (another runner may have
 * been first), then write the timeline row and the outbox rows together.
 */
async function handleOne(db: Db, p: Candidate, action: 'remind' | 'overdue', work: Work) {
  return db.transaction(async (tx) => {
    const cur = await tx.execute<{ state: string; due_date: string | null; done: boolean }>(sql`
      SELECT p.state, p.due_date::text AS due_date, ${handled(action)} AS done FROM problems p WHERE p.id = ${p.id} FOR UPDATE`);
    const c = cur.rows[0];
    if (!c || c.done || c.due_date !== p.due_date || !OPEN_DISPATCHED_STATES.includes(c.state as never)) return null;
    const r = await work(tx);
    await repo.insertEvent(tx, { problemId: p.id, actorId: null, actorName: '系统', action, fromState: c.state, toState: c.state, note: r.note, data: r.data });
    return r;
  });
}
