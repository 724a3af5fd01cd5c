// The SQL twin of domain/problems/overdue.ts isOverdue(): the one condition
// every query, sweep, ledger and export uses for "overdue on `today`".
import { sql, type SQL } from 'drizzle-orm';
import { OPEN_DISPATCHED_STATES } from '../../../domain/problems/vocab.ts';

// The states as a literal list (our own constants), so the planner sees them as it sees an index predicate.
const RUNNING = sql.raw(OPEN_DISPATCHED_STATES.map((s) => `'${s.replace(/[^a-z_]/g, '')}'`).join(', '));

/** Running (dispatched, rectifying, rectified): the states a deadline applies to. `p` is the problems alias. */
export function runningSql(p = sql.raw('p')): SQL {
  return sql`${p}.state IN (${RUNNING})`;
}

/** Overdue on `today`: running and past its due date. Never NULL, so NOT(...) is "not overdue". */
export function overdueSql(today: string, p = sql.raw('p')): SQL {
  return sql`(${runningSql(p)} AND ${p}.due_date IS NOT NULL AND ${p}.due_date < ${today}::date)`;
}
