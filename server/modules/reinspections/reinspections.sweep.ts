// Daily: tell the town office and the supervisors which 回头看 became due.
// One timeline row 'reinspect_due' on the closed problem per reinspection is
// the cursor; the notification key `reinspect_due:<id>` makes a second run
// (or a retried job, or a restarted server) write nothing new.
import type { Db } from '../../db/pool.ts';
import { chinaDate } from '../../../domain/calendar.ts';
import { notify } from '../notifications/index.ts';
import { peopleWithRoles } from '../notifications/index.ts';
import * as repo from '../problems/index.ts';
import { now as clockNow } from '../../platform/clock.ts';
import * as reinspections from './reinspections.repository.ts';

export async function runReinspectionSweep(db: Db, now: Date = clockNow(), batch = 500): Promise<{ announced: number; notifications: number }> {
  const today = chinaDate(now);
  const due = await reinspections.dueUnannounced(db, today, batch);
  const out = { announced: 0, notifications: 0 };
  for (const x of due) {
    const n = await db.transaction(async (tx) => {
      if (!(await reinspections.lockUnannounced(tx, x.id))) return null;
      await repo.insertEvent(tx, {
        problemId: x.problem_id,
        actorId: null,
        actorName: '系统',
        action: 'reinspect_due',
        fromState: x.state,
        toState: x.state,
        note: `回头看到期（${x.due_date}）`,
        data: { reinspectionId: x.id, dueDate: x.due_date },
      });
      return notify(tx, await peopleWithRoles(tx, x.region_code, ['office_staff', 'supervisor']), {
        kind: 'reinspection_due',
        problemId: x.problem_id,
        dedupeKey: `reinspect_due:${x.id}`,
        title: `问题 ${x.code} 已到回头看时间（${x.due_date}），请安排复查`,
        body: [x.category_name, x.place_name].filter(Boolean).join('，') || null,
      });
    });
    if (n !== null) {
      out.announced++;
      out.notifications += n;
    }
  }
  return out;
}
