// Working-day rules (domain/calendar.ts) on China's real 2026 arrangement,
// as the chinese-days package publishes it and as the server loads it
// (server/modules/calendar/package-data.ts): 春节 Feb 15-23 off with
// Saturday Feb 14 and Saturday Feb 28 worked; 中秋 Sep 25-27; 国庆 Oct 1-7
// off with Sunday Sep 20 and Saturday Oct 10 worked.
import { describe, expect, it } from 'vitest';
import chineseDays from 'chinese-days';
import { addWorkingDays, chinaDate, EMPTY_CALENDAR, isWorkingDay, workingDaysBetween, type WorkCalendar } from '../../domain/calendar.ts';
import { closedOnTime, isOverdue, lateLabel, lateWorkingDays } from '../../domain/problems/overdue.ts';
import { packageYear } from '../../server/modules/calendar/package-data.ts';
import { todayChina } from '../../server/modules/calendar/calendar.service.ts';

function calendarOf(...years: number[]): WorkCalendar {
  const days = years.flatMap((y) => packageYear(y).days);
  return {
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.day)),
    workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.day)),
  };
}
const cal = calendarOf(2025, 2026);

describe('the package data the tests rely on', () => {
  it('matches chinese-days for the days asserted below', () => {
    for (const d of ['2026-02-15', '2026-02-16', '2026-02-20', '2026-02-23', '2026-10-01', '2026-10-05', '2026-10-07', '2026-09-25']) {
      expect(chineseDays.getDayDetail(d).work, d).toBe(false);
    }
    for (const d of ['2026-02-14', '2026-02-28', '2026-09-20', '2026-10-10', '2026-02-24', '2026-10-08']) {
      expect(chineseDays.getDayDetail(d).work, d).toBe(true);
    }
  });

  it('keeps only weekday days off and weekend working days, with Chinese names', () => {
    const { published, days } = packageYear(2026);
    expect(published).toBe(true);
    const byDay = new Map(days.map((d) => [d.day, d]));
    expect(byDay.get('2026-10-01')).toEqual({ day: '2026-10-01', kind: 'holiday', name: '国庆节' });
    expect(byDay.get('2026-02-16')).toEqual({ day: '2026-02-16', kind: 'holiday', name: '春节' });
    expect(byDay.get('2026-10-10')).toEqual({ day: '2026-10-10', kind: 'workday', name: '国庆节调休上班' });
    expect(byDay.get('2026-09-20')).toEqual({ day: '2026-09-20', kind: 'workday', name: '国庆节调休上班' });
    expect(byDay.get('2026-02-14')?.kind).toBe('workday');
    expect(byDay.get('2026-02-28')?.name).toBe('春节调休上班');
    // A weekend inside the holiday is a day off anyway: not stored.
    expect(byDay.has('2026-10-03')).toBe(false);
    expect(byDay.has('2026-02-21')).toBe(false);
    // 国庆 2026: Oct 1, 2, 5, 6, 7 are weekdays off (3 and 4 are the weekend).
    expect(days.filter((d) => d.day.startsWith('2026-10') && d.kind === 'holiday').map((d) => d.day)).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
  });

  it('reports a year the package has not published (2027 in chinese-days 1.5.7)', () => {
    const y = packageYear(2027);
    if (!y.published) expect(y.days).toEqual([]);
    else expect(y.days.length).toBeGreaterThan(0); // a newer package: data present
  });
});

describe('isWorkingDay', () => {
  it('follows 调休: weekend make-up days work, weekday holidays do not', () => {
    expect(isWorkingDay('2026-10-10', cal)).toBe(true); // Saturday, 国庆 make-up
    expect(isWorkingDay('2026-09-20', cal)).toBe(true); // Sunday, 国庆 make-up
    expect(isWorkingDay('2026-10-01', cal)).toBe(false);
    expect(isWorkingDay('2026-10-07', cal)).toBe(false); // Wednesday off
    expect(isWorkingDay('2026-10-08', cal)).toBe(true);
    expect(isWorkingDay('2026-02-14', cal)).toBe(true); // Saturday, 春节 make-up
    expect(isWorkingDay('2026-02-23', cal)).toBe(false); // Monday off
    expect(isWorkingDay('2026-02-21', cal)).toBe(false); // Saturday inside the holiday
    expect(isWorkingDay('2026-03-07', cal)).toBe(false); // an ordinary Saturday
  });
});

describe('addWorkingDays', () => {
  it('skips the 国庆 week and counts the make-up Saturday', () => {
    expect(addWorkingDays('2026-09-30', 1, cal)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3, cal)).toBe('2026-10-10'); // Oct 8, 9, Sat 10
    expect(addWorkingDays('2026-09-30', 4, cal)).toBe('2026-10-12');
    // Without the calendar the same deadline would fall in the holiday.
    expect(addWorkingDays('2026-09-30', 1, EMPTY_CALENDAR)).toBe('2026-10-01');
  });

  it('counts the Sunday make-up day before 国庆 and skips 中秋', () => {
    expect(addWorkingDays('2026-09-18', 1, cal)).toBe('2026-09-20'); // Fri → Sun (worked)
    expect(addWorkingDays('2026-09-24', 1, cal)).toBe('2026-09-28'); // 中秋 Fri 25 off, weekend
  });

  it('skips 春节 and counts both make-up Saturdays', () => {
    expect(addWorkingDays('2026-02-13', 1, cal)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-13', 2, cal)).toBe('2026-02-24'); // Feb 15-23 off
    expect(addWorkingDays('2026-02-24', 4, cal)).toBe('2026-02-28');
    expect(addWorkingDays('2026-02-24', 5, cal)).toBe('2026-03-02');
  });

  it('an ordinary week: Friday + 1 is Monday; 0 is the same day', () => {
    expect(addWorkingDays('2026-03-06', 1, cal)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-06', 0, cal)).toBe('2026-03-06');
  });

  it('crosses a year boundary (元旦 2026: Jan 1-3 off, Sunday Jan 4 worked)', () => {
    expect(addWorkingDays('2025-12-31', 1, cal)).toBe('2026-01-04');
  });
});

describe('workingDaysBetween, and overdue (domain/problems/overdue.ts)', () => {
  it('counts working days after `from` up to `to`', () => {
    expect(workingDaysBetween('2026-09-30', '2026-10-12', cal)).toBe(4); // 8, 9, 10, 12
    expect(workingDaysBetween('2026-02-13', '2026-02-28', cal)).toBe(6); // 14, 24-28
    expect(workingDaysBetween('2026-10-01', '2026-10-07', cal)).toBe(0);
    expect(workingDaysBetween('2026-10-12', '2026-10-08', cal)).toBe(0);
  });

  const open = (dueDate: string) => ({ state: 'rectifying', dueDate });

  it('is overdue from the next calendar day, whatever that day is; how late counts working days', () => {
    // Due Friday 4 December 2026: on time that day, overdue on Saturday by 0 working days, by 1 on Monday.
    expect(isOverdue(open('2026-12-04'), '2026-12-04')).toBe(false);
    expect(isOverdue(open('2026-12-04'), '2026-12-05')).toBe(true);
    expect(lateWorkingDays(open('2026-12-04'), '2026-12-05', cal)).toBe(0);
    expect(lateLabel(lateWorkingDays(open('2026-12-04'), '2026-12-06', cal))).toBe('已超期');
    expect(lateWorkingDays(open('2026-12-04'), '2026-12-07', cal)).toBe(1);
    expect(lateLabel(1)).toBe('已超期 1 个工作日');
  });

  it('across 国庆: overdue all week, late by working days only after it; the 调休 Saturday counts', () => {
    expect(isOverdue(open('2026-09-30'), '2026-10-01')).toBe(true);
    expect(lateWorkingDays(open('2026-09-30'), '2026-10-07', cal)).toBe(0);
    expect(lateWorkingDays(open('2026-09-30'), '2026-10-08', cal)).toBe(1);
    expect(lateWorkingDays(open('2026-09-30'), '2026-10-10', cal)).toBe(3); // Sat 10 Oct is a make-up working day
    expect(lateWorkingDays(open('2026-02-13'), '2026-02-24', cal)).toBe(2); // Sat 14 (调休) and Tue 24
  });

  it('only a running problem is overdue: not before dispatch, not once closed, not without a deadline', () => {
    for (const state of ['dispatched', 'rectifying', 'rectified']) expect(isOverdue({ state, dueDate: '2026-12-04' }, '2026-12-10')).toBe(true);
    for (const state of ['reported', 'filed', 'closed', 'rejected', 'merged']) expect(isOverdue({ state, dueDate: '2026-12-04' }, '2026-12-10')).toBe(false);
    expect(isOverdue({ state: 'rectifying', dueDate: null }, '2026-12-10')).toBe(false);
    expect(lateWorkingDays({ state: 'closed', dueDate: '2026-12-04' }, '2026-12-10', cal)).toBe(0);
  });

  it('按期 means closed on or before the due date', () => {
    expect(closedOnTime('2026-12-04', '2026-12-04')).toBe(true);
    expect(closedOnTime('2026-12-04', '2026-12-05')).toBe(false);
    expect(closedOnTime(null, '2026-12-05')).toBe(true);
  });
});

describe('todayChina', () => {
  it('is the date in China (UTC+8), not the server’s', () => {
    expect(todayChina(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(todayChina(new Date('2026-09-30T15:59:59Z'))).toBe('2026-09-30');
    expect(chinaDate(new Date('2026-02-16T00:00:00+08:00'))).toBe('2026-02-16');
  });
});
