// Reminders before the materials' deadline (issue 20 item 3), run daily by the
// job runner: an assignment whose deadline is within its cycle's reminder days
// (working days, by the town calendar) and whose standard still lacks a kind
// tells the people who read its inbox item — once per assignment and deadline
// (the notification key), so a second run, a retried job or a restarted
// server writes nothing new, and a moved deadline is reminded again.
import type { Db } from '../../db/pool.ts';
import { addDays, chinaDate } from '../../../domain/dates.ts';
import { workingDaysBetween } from '../../../domain/calendar.ts';
import { MATERIAL_KIND_LABELS, type MaterialKind } from '../../../domain/evaluation.ts';
import { now as clockNow } from '../../platform/clock.ts';
import { getCalendar } from '../calendar/index.ts';
import { ownerPeople } from '../inbox/index.ts';
import { notify } from '../notifications/index.ts';
import * as repo from './reminders.repository.ts';

/** The reminder days allowed (cycles.remind_days is checked to 0…30); 30 working days are well within 60 calendar days. */
const LOOKAHEAD_DAYS = 60;

export async function runEvaluationReminders(db: Db, now: Date = clockNow()): Promise<{ due: number; reminded: number; notifications: number }> {
  const today = chinaDate(now);
  const cal = await getCalendar(db);
  const due = (await repo.dueAssignments(db, today, addDays(today, LOOKAHEAD_DAYS))).filter((a) => workingDaysBetween(today, a.deadline, cal) <= a.remindDays);
  const out = { due: due.length, reminded: 0, notifications: 0 };
  for (const a of due) {
    const left = workingDaysBetween(today, a.deadline, cal);
    const kinds = a.owed.map((k) => (k === '*' ? '任一类型材料' : (MATERIAL_KIND_LABELS[k as MaterialKind] ?? k))).join('、');
    const n = await notify(db, await ownerPeople(db, { unitId: a.unitId }), {
      kind: 'evaluation_reminder',
      title: `【测评材料催报】${a.year}年度 ${a.code} ${a.name.length > 30 ? `${a.name.slice(0, 30)}…` : a.name}：还缺${kinds}，${left > 0 ? `${a.deadline} 截止（还剩 ${left} 个工作日）` : '今天截止'}`,
      dedupeKey: `evaluation_reminder:${a.id}:${a.deadline}`,
    });
    if (n) out.reminded++;
    out.notifications += n;
  }
  return out;
}
