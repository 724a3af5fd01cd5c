// Overdue, defined once (issue 12). A dispatched, rectifying or rectified
// problem is overdue once its due date has passed: from 00:00 China time of
// the next calendar day, whatever that day is. How late it is counts working
// days of the holiday calendar after the due date, so a problem due Friday is
// overdue on Saturday by 0 working days (shown as 已超期) and by 1 on Monday.
// Reminders, escalation, accountability thresholds and assessment rules count
// those working days. 按期 means closed on or before the due date.
// The SQL twin is server/modules/problems/overdue.ts, built from the same
// OPEN_DISPATCHED_STATES.
import { workingDaysBetween, type WorkCalendar } from '../calendar.ts';
import { OPEN_DISPATCHED_STATES, type ProblemState } from './vocab.ts';

export interface Dated {
  state: string;
  dueDate: string | null;
}

/** Is the problem overdue on `today` (China date, YYYY-MM-DD)? */
export function isOverdue(p: Dated, today: string): boolean {
  return p.dueDate != null && today > p.dueDate && OPEN_DISPATCHED_STATES.includes(p.state as ProblemState);
}

/** Working days after the due date up to `today`; 0 when not overdue (and on the weekend right after a Friday due date). */
export function lateWorkingDays(p: Dated, today: string, cal: WorkCalendar): number {
  return isOverdue(p, today) ? workingDaysBetween(p.dueDate!, today, cal) : 0;
}

/** Closed on or before the due date (按期). A problem without a deadline is on time. */
export function closedOnTime(dueDate: string | null, closedOn: string): boolean {
  return dueDate == null || closedOn <= dueDate;
}

/** How late, in words: 已超期 on the weekend after a Friday due date, 已超期 N 个工作日 after that. */
export function lateLabel(workingDaysLate: number): string {
  return workingDaysLate > 0 ? `已超期 ${workingDaysLate} 个工作日` : '已超期';
}
