// Daily: tell the town office and the supervisors which 回头看 became due.
// One timeline row 'reinspect_due' on the closed problem per reinspection is
// the cursor; the notification key `reinspect_due:<id>` makes a second run
// (or a retried job, or a restarted server) write nothing new.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/pool.ts';
import { chinaDate } from '../../../domain/calendar.ts';
import { notify } from '../notifications/index.ts';
import { peopleWithRoles } from '../notifications/index.ts';
import * as repo from '../problems/index.ts';
import { now as clockNow } from '../../platform/clock.ts';

const announced = sql`EXISTS (SELECT 1 FROM problem_events e WHERE e.problem_id = r.problem_id AND e.action = 'reinspect_due'
  AND (e.data->>'reinspectionId')::int = r.id)`;

export async function runReinspectionSweep(db: Db, now: Date = clockNow(), batch = 500): Promise<{ announced: number; notifications: number }> {
  const today = chinaDate(now);
  const due = await db.execute<{ id: number; problem_id: number; due_date: string; code: string; region_code: string; state: string; category_name: string | null; place_name: string | null }>(sql`
    SELECT r.id, r.problem_id, r.due_date::text AS due_date, p.code, p.region_code, p.state, c.name AS category_name, pl.name AS place_name
    FROM reinspections r JOIN problems p ON p.id = r.problem_id
      LEFT JOIN categories c ON c.id = p.category_id LEFT JOIN places pl ON pl.id = p.place_id
    WHERE r.state = 'scheduled' AND r.due_date <= ${today}::date AND NOT ${announced}
    ORDER BY r.due_date, r.id LIMIT ${batch}`);
  const out = { announced: 0, notifications: 0 };
  for (const x of due.rows) {
    const n = await db.transaction(async (tx) => {
      const still = await tx.execute<{ open: boolean }>(sql`SELECT (r.state = 'scheduled' AND NOT ${announced}) AS open FROM reinspections r WHERE r.id = ${x.id} FOR UPDATE`);
      if (!still.rows[0]?.open) return null;
      await repo.insertEvent(tx, { problemId: x.problem_id, actorId: null, actorName: '系统', action: 'reinspect_due', fromState: x.state, toState: x.state, note: `回头看到期（${x.due_date}）`, data: { reinspectionId: x.id, dueDate: x.due_date } });
      return notify(tx, await peopleWithRoles(tx, x.region_code, ['office_staff', 'supervisor']), {
        kind: 'reinspection_due', problemId: x.problem_id, dedupeKey: `reinspect_due:${x.id}`,
        title: `问题 ${x.code} 已到回头看时间（${x.due_date}），请安排复查`,
        body: [x.category_name, x.place_name].filter(Boolean).join('，') || null,
      });
    });
    if (n !== null) { out.announced++; out.notifications += n; }
  }
  return out;
}
