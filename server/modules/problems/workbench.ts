// The office workbench: queue counts per state, overdue, due today, pending
// extension requests, and what needs the caller's action, overdue first.
// "Needs my action" follows the workflow parties (parties.ts): the office
// files/dispatches and decides extensions in its regions, the assignee
// accepts/rectifies for its units or community, the verifier verifies.
import type { Db } from '../../db/pool.ts';
import { authorize } from '../../platform/session.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { getCalendar, todayChina } from '../calendar/index.ts';
import { toItem } from './list.ts';
import { counts as queueCounts } from './problems.service.ts';
import { actionQueue, listRowsByIds, pendingCounts } from './workbench.repository.ts';

export async function workbench(db: Db, actor: Actor, limit = 20) {
  authorize(actor, 'problem.read');
  const today = todayChina();
  // Queue counts from the service's split region/rest aggregate (index-only on town_code, state, due_date).
  // What needs my action: the page's ids first (open problems only, read through the index), then their rows.
  const [counts, pending, queue, cal] = await Promise.all([
    queueCounts(db, actor, { openOnly: true }),
    pendingCounts(db, actor),
    actionQueue(db, actor, today, limit),
    getCalendar(db),
  ]);
  const items = await listRowsByIds(db, queue.ids);
  const { byState, overdue, dueToday } = counts;
  return {
    today,
    byState,
    overdue,
    dueToday,
    pendingExtensions: pending.pendingExtensions,
    awaitingVerification: byState.rectified,
    flagged: pending.flagged,
    myActions: { total: queue.total, items: items.map((p) => toItem(actor, p, today, cal)) },
  };
}
