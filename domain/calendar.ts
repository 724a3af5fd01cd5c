// Working days in China: weekdays are working days except statutory
// holidays; some weekend days are make-up working days (调休). Deadlines
// count working days after the clock starts. Pure: the calendar is data.
import { addDays } from './dates.ts';
export interface WorkCalendar {
  /** ISO dates (YYYY-MM-DD) that are days off although they may be weekdays. */
  holidays: ReadonlySet<string>;
  /** ISO dates that are working days although they fall on a weekend (调休). */
  workdays: ReadonlySet<string>;
}

export const EMPTY_CALENDAR: WorkCalendar = { holidays: new Set(), workdays: new Set() };

export { chinaDate } from './dates.ts';

export function isWorkingDay(iso: string, cal: WorkCalendar): boolean {
  if (cal.workdays.has(iso)) return true;
  if (cal.holidays.has(iso)) return false;
  const dow = new Date(iso + 'T00:00:00Z').getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * The due date `n` working days after `start` (the start day itself does not
 * count): dispatched on a Friday with 1 working day → due Monday.
 * n = 0 means due the same day.
 */
export function addWorkingDays(start: string, n: number, cal: WorkCalendar): string {
  let d = start;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) left--;
  }
  return d;
}

/** Working days strictly after `from` up to and including `to` (0 if to ≤ from). */
export function workingDaysBetween(from: string, to: string, cal: WorkCalendar): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n++;
  return n;
}
