// Cadence (DOMAIN.md §4: 街巷长每日一巡查、督查组每周一督查、示范点每月一考察,
// town leaders' weekly unannounced visit): which periods expect an inspection,
// and whether one was done. Configurable per kind, including whether weekends
// and statutory holidays count. Pure: the working calendar is data.
//
// A period is expected when it holds at least one counted day inside the
// asked range (a counted day: a working day, or a weekend/holiday when the
// cadence says they count). Weeks run Monday to Sunday and belong to the
// range their Monday falls in; months are calendar months. An inspection done
// on any day of an expected period counts for it.
//
// The cadence itself is versioned by effective date (cadenceOn, cadenceSpans):
// a slot is owed under the cadence in force on its first day, so a past period
// keeps the cadence it had and a change applies from its date only.
import { addDays, monthEnd, weekday } from '../dates.ts';
import { isWorkingDay, type WorkCalendar } from '../calendar.ts';
import type { InspectionKind } from './vocab.ts';

export const CADENCE_PERIODS = ['day', 'week', 'month', 'none'] as const;
export type CadencePeriod = (typeof CADENCE_PERIODS)[number];
export const CADENCE_PERIOD_LABELS: Record<CadencePeriod, string> = { day: '每日', week: '每周', month: '每月', none: '不定期' };

export interface Cadence {
  period: CadencePeriod;
  /** Inspections expected per period (per subject). */
  times: number;
  /** Saturdays and Sundays that are not make-up working days count. */
  countWeekends: boolean;
  /** Statutory holidays count. */
  countHolidays: boolean;
}
export type CadenceConfig = Record<InspectionKind, Cadence>;

export const DEFAULT_CADENCE: CadenceConfig = {
  patrol: { period: 'day', times: 1, countWeekends: false, countHolidays: false },
  supervision: { period: 'week', times: 1, countWeekends: false, countHolidays: false },
  unannounced_visit: { period: 'week', times: 1, countWeekends: false, countHolidays: false },
  demo_visit: { period: 'month', times: 1, countWeekends: false, countHolidays: false },
  mock_evaluation: { period: 'none', times: 0, countWeekends: true, countHolidays: true },
};

/** Who or what each kind's cadence is owed by. */
export const CADENCE_SUBJECT: Record<InspectionKind, 'person_place' | 'community' | 'person' | 'place' | null> = {
  patrol: 'person_place', // each street chief, each assigned place
  supervision: 'community', // each community
  unannounced_visit: 'person', // each town leader
  demo_visit: 'place', // each demo point
  mock_evaluation: null,
};

// ---- cadence history (versioned by effective date, like the assessment rules) ----

/** One stored version of a region's cadence (a town, a county for its towns, or '' everywhere). */
export type CadenceVersion = { regionCode: string; version: number; effectiveFrom: string; cadence: Partial<CadenceConfig> };

/** A stored cadence completed with the defaults for the kinds it lacks. */
export function completeCadence(v: Partial<CadenceConfig> | null | undefined): CadenceConfig {
  return Object.fromEntries((Object.keys(DEFAULT_CADENCE) as InspectionKind[]).map((k) => [k, { ...DEFAULT_CADENCE[k], ...(v?.[k] ?? {}) }])) as CadenceConfig;
}

/** Where a region's cadence is looked up, most specific first: itself, its county (for a town), everywhere. */
export function cadenceChain(region: string): string[] {
  return region.length >= 9 ? [region.slice(0, 9), region.slice(0, 6), ''] : region.length === 6 ? [region, ''] : [''];
}

export type CadenceSource = 'own' | 'county' | 'global' | 'default';

/**
 * The cadence in force for a region on a date: the latest version (by
 * effective date, then version) of the most specific level of its chain that
 * has one in force then; the defaults when none has.
 */
export function cadenceOn(
  versions: readonly CadenceVersion[],
  region: string,
  date: string,
): { cadence: CadenceConfig; version: CadenceVersion | null; inheritedFrom: CadenceSource } {
  const chain = cadenceChain(region);
  for (let level = 0; level < chain.length; level++) {
    let hit: CadenceVersion | null = null;
    for (const v of versions) {
      if (v.regionCode !== chain[level] || v.effectiveFrom > date) continue;
      if (!hit || v.effectiveFrom > hit.effectiveFrom || (v.effectiveFrom === hit.effectiveFrom && v.version > hit.version)) hit = v;
    }
    if (hit) {
      const from: CadenceSource = level === 0 ? 'own' : chain[level] === '' ? 'global' : 'county';
      return { cadence: completeCadence(hit.cadence), version: hit, inheritedFrom: from };
    }
  }
  return { cadence: completeCadence(null), version: null, inheritedFrom: 'default' };
}

/**
 * The stretches of [from, to] over which a town's cadence does not change,
 * each with the cadence in force (a version of its chain takes over on its
 * effective date). Consecutive stretches never overlap, so slots built per
 * stretch add up: the slots of two adjacent ranges are those of their union.
 */
export function cadenceSpans(
  versions: readonly CadenceVersion[],
  town: string,
  range: { from: string; to: string },
): { from: string; to: string; cadence: CadenceConfig }[] {
  if (range.to < range.from) return [];
  const chain = new Set(cadenceChain(town));
  const cuts = [
    ...new Set(versions.filter((v) => chain.has(v.regionCode) && v.effectiveFrom > range.from && v.effectiveFrom <= range.to).map((v) => v.effectiveFrom)),
  ].sort();
  const starts = [range.from, ...cuts];
  return starts.map((from, i) => ({
    from,
    to: i + 1 < starts.length ? addDays(starts[i + 1], -1) : range.to,
    cadence: cadenceOn(versions, town, from).cadence,
  }));
}

const dow = weekday;

/**
 * Is this day off part of a statutory holiday? The calendar lists only the
 * weekdays off, but the weekend days inside a holiday run (国庆 2026: 10-01 to
 * 10-07 with Saturday 10-03 and Sunday 10-04) are holiday too, as the State
 * Council announces them ("放假调休，共7天"). A day off belongs to a holiday
 * when its run of consecutive days off holds a listed holiday.
 */
export function isHolidayPeriod(iso: string, cal: WorkCalendar): boolean {
  if (cal.holidays.has(iso)) return true;
  if (isWorkingDay(iso, cal)) return false;
  for (const step of [-1, 1]) {
    for (let d = addDays(iso, step), n = 0; n < 10 && !isWorkingDay(d, cal); d = addDays(d, step), n++) {
      if (cal.holidays.has(d)) return true;
    }
  }
  return false;
}

/** Does this day count for the cadence? */
export function isCountedDay(iso: string, c: Cadence, cal: WorkCalendar): boolean {
  if (isWorkingDay(iso, cal)) return true;
  if (isHolidayPeriod(iso, cal)) return c.countHolidays;
  return c.countWeekends; // a plain weekend day
}

export interface Slot {
  key: string;
  start: string;
  end: string;
}

/** Monday of the week holding `iso`. */
export function weekStart(iso: string): string {
  return addDays(iso, -((dow(iso) + 6) % 7));
}
export { monthEnd };

/** The periods of [start, end] (inclusive ISO dates) that expect an inspection. */
export function expectedSlots(range: { start: string; end: string }, c: Cadence, cal: WorkCalendar): Slot[] {
  if (c.period === 'none' || c.times <= 0 || range.end < range.start) return [];
  const out: Slot[] = [];
  const counted = (s: string, e: string) => {
    for (let d = s; d <= e; d = addDays(d, 1)) if (isCountedDay(d, c, cal)) return true;
    return false;
  };
  if (c.period === 'day') {
    for (let d = range.start; d <= range.end; d = addDays(d, 1)) if (isCountedDay(d, c, cal)) out.push({ key: d, start: d, end: d });
    return out;
  }
  if (c.period === 'week') {
    let w = weekStart(range.start);
    if (w < range.start) w = addDays(w, 7); // a week belongs to the range its Monday is in
    for (; w <= range.end; w = addDays(w, 7)) {
      const e = addDays(w, 6);
      if (counted(w, e)) out.push({ key: w, start: w, end: e });
    }
    return out;
  }
  let m = range.start.slice(0, 7) + '-01';
  if (m < range.start) {
    const d = new Date(m + 'T00:00:00Z');
    d.setUTCMonth(d.getUTCMonth() + 1);
    m = d.toISOString().slice(0, 10);
  }
  for (; m <= range.end; ) {
    const e = monthEnd(m);
    if (counted(m, e)) out.push({ key: m.slice(0, 7), start: m, end: e });
    const d = new Date(m + 'T00:00:00Z');
    d.setUTCMonth(d.getUTCMonth() + 1);
    m = d.toISOString().slice(0, 10);
  }
  return out;
}

export type SlotStatus = 'done' | 'missed' | 'due' | 'upcoming';
export const SLOT_STATUS_LABELS: Record<SlotStatus, string> = { done: '已完成', missed: '未完成', due: '待完成', upcoming: '未到期' };

/**
 * A slot's status on `today`: done when enough inspections fall in it;
 * otherwise missed once it has ended, due while it runs, upcoming before.
 */
export function slotStatus(slot: Slot, doneCount: number, c: Cadence, today: string): SlotStatus {
  if (doneCount >= Math.max(1, c.times)) return 'done';
  if (slot.end < today) return 'missed';
  if (slot.start <= today) return 'due';
  return 'upcoming';
}

export interface ComplianceFigures {
  expected: number;
  done: number;
  missed: number;
  due: number;
  rate: number | null;
}

/** Sum slot statuses: the rate is done ÷ (done + missed): slots still running are not held against anyone. */
export function tally(statuses: SlotStatus[]): ComplianceFigures {
  let done = 0,
    missed = 0,
    due = 0,
    expected = 0;
  for (const s of statuses) {
    if (s === 'upcoming') continue;
    expected++;
    if (s === 'done') done++;
    else if (s === 'missed') missed++;
    else due++;
  }
  const settled = done + missed;
  return { expected, done, missed, due, rate: settled > 0 ? Math.round((done / settled) * 10000) / 10000 : null };
}
