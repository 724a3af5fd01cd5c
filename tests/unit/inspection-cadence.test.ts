// Cadence, pure: which days, weeks and months expect an inspection around the
// 2026 National Day holiday (国庆 10-01..07, make-up working days 09-20 and
// 10-10), weekends and holidays counted or not, slot ownership at month
// boundaries, slot status and the rate; and missed patrols scored by the
// reward/punishment rules.
import { describe, expect, it } from 'vitest';
import type { WorkCalendar } from '../../domain/calendar.ts';
import {
  cadenceOn,
  cadenceSpans,
  DEFAULT_CADENCE,
  expectedSlots,
  slotStatus,
  tally,
  type Cadence,
  type CadenceVersion,
} from '../../domain/inspections/cadence.ts';
import { addDays } from '../../domain/dates.ts';
import { applyRules, type MissFact, type RuleVersion } from '../../domain/assessment/rules.ts';
import { buildSlots } from '../../server/modules/inspections/compliance.service.ts';
import { packageYear } from '../../server/modules/calendar/package-data.ts';

/** The calendar as the system keeps it: the package's weekday holidays and weekend working days. */
const pkg = packageYear(2026).days;
const CAL: WorkCalendar = {
  holidays: new Set(pkg.filter((d) => d.kind === 'holiday').map((d) => d.day)),
  workdays: new Set(pkg.filter((d) => d.kind === 'workday').map((d) => d.day)),
};
/** The same holiday written out day by day, weekend days of the holiday included. */
const NATIONAL_DAY: WorkCalendar = {
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']),
  workdays: new Set(['2026-09-20', '2026-10-10']),
};
const OCT = { start: '2026-10-01', end: '2026-10-31' };
const daily = (c: Partial<Cadence> = {}): Cadence => ({ ...DEFAULT_CADENCE.patrol, ...c });
const weekly = (c: Partial<Cadence> = {}): Cadence => ({ ...DEFAULT_CADENCE.supervision, ...c });
const keys = (xs: { key: string }[]) => xs.map((x) => x.key);

describe('daily patrol around 国庆 2026', () => {
  it('expects the working days only: no holiday, no weekend, but the make-up Saturday 10-10', () => {
    const s = expectedSlots(OCT, daily(), CAL);
    expect(s).toHaveLength(18); // 22 weekdays − 5 weekday holidays + 1 make-up Saturday
    expect(keys(s)).toContain('2026-10-10');
    expect(keys(s).some((k) => k >= '2026-10-01' && k <= '2026-10-07')).toBe(false);
    expect(keys(s)).not.toContain('2026-10-17'); // a plain Saturday
    expect(s[0]).toEqual({ key: '2026-10-08', start: '2026-10-08', end: '2026-10-08' });
    // The package and the day-by-day calendar agree when neither weekends nor holidays count.
    expect(keys(expectedSlots(OCT, daily(), NATIONAL_DAY))).toEqual(keys(s));
  });

  it('counts the make-up Sunday 09-20 in September', () => {
    const sep = expectedSlots({ start: '2026-09-01', end: '2026-09-30' }, daily(), CAL);
    expect(keys(sep)).toContain('2026-09-20');
    expect(keys(sep)).not.toContain('2026-09-25'); // 中秋
    expect(sep).toHaveLength(22); // 22 weekdays − 中秋 (09-25) + the make-up Sunday 09-20
  });

  it('counts weekends when told to, holidays only when told to', () => {
    expect(expectedSlots(OCT, daily({ countWeekends: true }), NATIONAL_DAY)).toHaveLength(24); // 31 − the 7 holiday days
    expect(expectedSlots(OCT, daily({ countWeekends: true, countHolidays: true }), NATIONAL_DAY)).toHaveLength(31);
    // Holidays counted but not weekends: the holiday comes back whole (its Saturday and Sunday are
    // holiday days too), the plain weekends stay out.
    const h = expectedSlots(OCT, daily({ countHolidays: true }), CAL);
    expect(keys(h)).toContain('2026-10-01');
    expect(keys(h)).toContain('2026-10-03');
    expect(keys(h)).not.toContain('2026-10-17');
    expect(h).toHaveLength(25);
  });

  it('reads the weekend inside a holiday as holiday although the calendar lists only its weekdays', () => {
    // The kept calendar (weekday holidays only) and the day-by-day one give the same slots in every setting.
    for (const c of [{ countWeekends: true }, { countHolidays: true }, { countWeekends: true, countHolidays: true }, {}]) {
      expect(keys(expectedSlots(OCT, daily(c), CAL))).toEqual(keys(expectedSlots(OCT, daily(c), NATIONAL_DAY)));
    }
    const weekendsOnly = keys(expectedSlots(OCT, daily({ countWeekends: true }), CAL));
    expect(weekendsOnly).not.toContain('2026-10-03'); // 国庆's Saturday is a holiday, not a plain weekend
    expect(weekendsOnly).toContain('2026-10-17');
    // 中秋 2026 (Friday 09-25) takes the weekend after it with it.
    const sep = keys(expectedSlots({ start: '2026-09-19', end: '2026-10-04' }, daily({ countWeekends: true }), CAL));
    expect(sep).not.toContain('2026-09-26');
    expect(sep).toContain('2026-09-20'); // make-up working Sunday
  });

  it('expects nothing for a period of none or zero times', () => {
    expect(expectedSlots(OCT, DEFAULT_CADENCE.mock_evaluation, CAL)).toEqual([]);
    expect(expectedSlots(OCT, daily({ times: 0 }), CAL)).toEqual([]);
  });
});

describe('weekly and monthly slots', () => {
  it('a week belongs to the month its Monday falls in, even when it ends in the next', () => {
    const oct = expectedSlots(OCT, weekly(), CAL);
    expect(keys(oct)).toEqual(['2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26']);
    expect(oct.at(-1)).toEqual({ key: '2026-10-26', start: '2026-10-26', end: '2026-11-01' });
    const sep = expectedSlots({ start: '2026-09-01', end: '2026-09-30' }, weekly(), CAL);
    expect(sep.at(-1)).toEqual({ key: '2026-09-28', start: '2026-09-28', end: '2026-10-04' });
    // The holiday week of 10-05: three days off, but Thursday, Friday and the make-up Saturday are worked.
    expect(keys(oct)).toContain('2026-10-05');
  });

  it('a week whose counted days are all holidays expects nothing (春节 2026-02-16..22)', () => {
    const feb = { start: '2026-02-01', end: '2026-02-28' };
    expect(keys(expectedSlots(feb, weekly(), CAL))).toEqual(['2026-02-02', '2026-02-09', '2026-02-23']);
    expect(keys(expectedSlots(feb, weekly({ countHolidays: true }), CAL))).toContain('2026-02-16');
  });

  it('a month belongs to a range that holds its first day', () => {
    const m = { ...DEFAULT_CADENCE.demo_visit };
    expect(expectedSlots({ start: '2026-10-15', end: '2026-11-30' }, m, CAL)).toEqual([{ key: '2026-11', start: '2026-11-01', end: '2026-11-30' }]);
    expect(expectedSlots(OCT, m, CAL)).toEqual([{ key: '2026-10', start: '2026-10-01', end: '2026-10-31' }]);
  });
});

describe('slot status and rate', () => {
  const week = { key: '2026-10-12', start: '2026-10-12', end: '2026-10-18' };
  it('done, missed, due, upcoming', () => {
    expect(slotStatus(week, 1, weekly(), '2026-10-20')).toBe('done');
    expect(slotStatus(week, 0, weekly(), '2026-10-20')).toBe('missed');
    expect(slotStatus(week, 0, weekly(), '2026-10-18')).toBe('due'); // the last day still runs
    expect(slotStatus(week, 0, weekly(), '2026-10-11')).toBe('upcoming');
    expect(slotStatus(week, 1, weekly({ times: 2 }), '2026-10-20')).toBe('missed'); // twice a week asked, once done
    expect(slotStatus(week, 2, weekly({ times: 2 }), '2026-10-14')).toBe('done');
  });

  it('the rate is done over done + missed; running and upcoming slots are not held against anyone', () => {
    expect(tally(['done', 'done', 'done', 'missed', 'due', 'upcoming'])).toEqual({ expected: 5, done: 3, missed: 1, due: 1, rate: 0.75 });
    expect(tally(['due', 'upcoming'])).toEqual({ expected: 1, done: 0, missed: 0, due: 1, rate: null });
    expect(tally(['done', 'missed', 'missed']).rate).toBe(0.3333);
  });
});

describe('slots of several towns (compliance service)', () => {
  it('each town with its own cadence; only ended slots when asked', () => {
    const cadences: CadenceVersion[] = [
      { regionCode: '350821101', version: 1, effectiveFrom: '2020-01-01', cadence: { patrol: daily({ countWeekends: true, countHolidays: true }) } },
    ];
    const s = buildSlots(['350821100', '350821101'], cadences, { from: '2026-10-01', to: '2026-10-31' }, CAL, ['patrol', 'supervision']);
    const patrol = s.get('patrol')!;
    expect(patrol.town.filter((t) => t === '350821100')).toHaveLength(18);
    expect(patrol.town.filter((t) => t === '350821101')).toHaveLength(31);
    expect(s.get('supervision')!.key).toHaveLength(8);
    const ended = buildSlots(['350821100'], cadences, { from: '2026-10-01', to: '2026-10-31' }, CAL, ['supervision'], '2026-10-26');
    expect(ended.get('supervision')!.key).toEqual(['2026-10-05', '2026-10-12', '2026-10-19']);
  });

  it("a cadence version applies from its date only; the county's is inherited until the town has its own", () => {
    const v: CadenceVersion[] = [
      { regionCode: '350821', version: 1, effectiveFrom: '2026-01-01', cadence: { patrol: daily({ countWeekends: true, countHolidays: true }) } },
      {
        regionCode: '350821100',
        version: 1,
        effectiveFrom: '2026-10-15',
        cadence: { patrol: { period: 'week', times: 2, countWeekends: false, countHolidays: false } },
      },
    ];
    expect(cadenceOn(v, '350821100', '2025-12-31')).toMatchObject({ inheritedFrom: 'default', version: null });
    expect(cadenceOn(v, '350821100', '2026-10-14')).toMatchObject({ inheritedFrom: 'county', cadence: { patrol: { period: 'day', countWeekends: true } } });
    expect(cadenceOn(v, '350821100', '2026-10-15')).toMatchObject({ inheritedFrom: 'own', cadence: { patrol: { period: 'week', times: 2 } } });
    expect(cadenceSpans(v, '350821100', { from: '2026-10-01', to: '2026-10-31' }).map((x) => [x.from, x.to, x.cadence.patrol.period])).toEqual([
      ['2026-10-01', '2026-10-14', 'day'],
      ['2026-10-15', '2026-10-31', 'week'],
    ]);
    const s = buildSlots(['350821100'], v, { from: '2026-10-01', to: '2026-10-31' }, CAL, ['patrol']).get('patrol')!;
    // Every day 1-14 (daily, weekends and holidays counting), then the weeks whose Monday is on or after the 15th.
    expect(s.key).toEqual([...Array.from({ length: 14 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`), '2026-10-19', '2026-10-26']);
    expect(s.times.slice(-2)).toEqual([2, 2]);
  });

  it('adds up over ranges: the slots of two adjacent ranges are those of their union, whatever the versions', () => {
    const v: CadenceVersion[] = [
      {
        regionCode: '350821100',
        version: 1,
        effectiveFrom: '2026-11-18',
        cadence: { supervision: { period: 'day', times: 1, countWeekends: false, countHolidays: false } },
      },
      {
        regionCode: '350821100',
        version: 2,
        effectiveFrom: '2026-12-09',
        cadence: { supervision: { period: 'month', times: 1, countWeekends: false, countHolidays: false } },
      },
    ];
    const keys = (from: string, to: string) => buildSlots(['350821100'], v, { from, to }, CAL, ['supervision', 'patrol']);
    for (const cut of ['2026-11-30', '2026-11-17', '2026-11-20', '2026-12-08', '2026-12-10']) {
      const whole = keys('2026-11-01', '2026-12-31');
      const a = keys('2026-11-01', cut),
        b = keys(addDays(cut, 1), '2026-12-31');
      for (const k of ['supervision', 'patrol'] as const) expect([...a.get(k)!.key, ...b.get(k)!.key], `${k} cut after ${cut}`).toEqual(whole.get(k)!.key);
    }
  });
});

describe('missed patrols in the points ledger', () => {
  const NOV = { start: '2026-11-01', end: '2026-11-30' };
  const rule = (r: Partial<RuleVersion>): RuleVersion => ({
    id: 1,
    ruleKey: 'k-chief',
    version: 1,
    regionCode: '350821100',
    name: '未按要求巡查',
    eventKind: 'missed_patrol',
    subjectKind: 'street_chief',
    points: -0.5,
    capPerPeriod: null,
    active: true,
    effectiveFrom: '2026-01-01',
    ...r,
  });
  const miss = (id: number, on: string, m: Partial<MissFact> = {}): MissFact => ({
    id,
    townCode: '350821100',
    communityCode: '350821100010',
    personId: 7,
    personName: '街巷长甲',
    placeId: 3,
    placeName: '店头街',
    on,
    end: on,
    ...m,
  });

  it('scores each missed day for the street chief, the community and the town the rules name', () => {
    const rules = [
      rule({}),
      rule({ id: 2, ruleKey: 'k-comm', subjectKind: 'community' }),
      rule({ id: 3, ruleKey: 'k-town', subjectKind: 'town', points: -0.1 }),
      rule({ id: 4, ruleKey: 'k-unit', subjectKind: 'unit' }),
    ];
    const e = applyRules([], rules, NOV, '2026-11-20', CAL, [miss(1, '2026-11-03'), miss(2, '2026-11-04')]);
    expect(e.map((x) => [x.subjectKind, x.subjectRef, x.onDate, x.points])).toEqual([
      ['street_chief', '7', '2026-11-03', -0.5],
      ['community', '350821100010', '2026-11-03', -0.5],
      ['town', '350821100', '2026-11-03', -0.1],
      ['street_chief', '7', '2026-11-04', -0.5],
      ['community', '350821100010', '2026-11-04', -0.5],
      ['town', '350821100', '2026-11-04', -0.1],
    ]);
    expect(e[0]).toMatchObject({ eventKind: 'missed_patrol', causeKind: 'miss', causeId: 1, causeRef: '店头街', note: '街巷长甲 2026-11-03 未巡查 店头街' });
    // The same facts give the same entries in the same order.
    expect(applyRules([], rules, NOV, '2026-11-20', CAL, [miss(2, '2026-11-04'), miss(1, '2026-11-03')])).toEqual(e);
  });

  it('uses the version in force on the missed day, skips other months and other regions, applies the cap', () => {
    const rules = [rule({ capPerPeriod: 1 }), rule({ id: 2, version: 2, points: -1, capPerPeriod: 1, effectiveFrom: '2026-11-10' })];
    const e = applyRules([], rules, NOV, '2026-11-20', CAL, [
      miss(1, '2026-11-03'),
      miss(2, '2026-11-12'),
      miss(3, '2026-11-13'),
      miss(4, '2026-10-30'),
      miss(5, '2026-11-25'),
      miss(6, '2026-11-05', { townCode: '350821101', communityCode: '350821101001' }),
    ]);
    expect(e.map((x) => [x.causeId, x.ruleVersion, x.points])).toEqual([
      [1, 1, -0.5],
      [2, 2, -0.5],
      [3, 2, 0],
    ]);
    expect(e[1].note).toContain('本月已达上限 1 分');
  });
});
