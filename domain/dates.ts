// Calendar dates as the product writes them: 'YYYY-MM-DD' strings, in China
// time (UTC+8, no DST). The one home of date arithmetic; working days (the
// holiday calendar) are in calendar.ts, overdue in problems/overdue.ts.

/** YYYY-MM-DD of an instant in China Standard Time. */
export function chinaDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** An instant's wall clock in China: year, month (1-12), day, hour, minute (the same on any device's time zone). */
export function chinaClock(d: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const c = new Date(d.getTime() + 8 * 3600_000);
  return { year: c.getUTCFullYear(), month: c.getUTCMonth() + 1, day: c.getUTCDate(), hour: c.getUTCHours(), minute: c.getUTCMinutes() };
}

const utc = (iso: string) => new Date(iso + 'T00:00:00Z');
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** `n` calendar days after (or before, when negative) `day`. */
export function addDays(day: string, n: number): string {
  const d = utc(day);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}

/** The first day of the month `n` months after `day`'s month. */
export function addMonths(day: string, n: number): string {
  const d = utc(day.slice(0, 7) + '-01');
  d.setUTCMonth(d.getUTCMonth() + n);
  return iso(d);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: string): number {
  return utc(day).getUTCDay();
}

/** The last day of `day`'s month. */
export function monthEnd(day: string): string {
  return addDays(addMonths(day, 1), -1);
}
