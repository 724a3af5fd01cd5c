// Reward/punishment rules (奖惩办法) applied to the records: pure and
// deterministic. The same facts, rules and calendar always give the same
// entries in the same order, so a recompute replaces the ledger with an
// identical one. A rule is versioned by its effective date: each occurrence
// is scored by the version in force on the occurrence's own date, so a
// version that starts later never reaches back into an earlier period.
import { isWorkingDay, type WorkCalendar } from '../calendar.ts';
import { addDays } from '../dates.ts';
import { activityEntries, NO_ACTIVITIES, type ActivityFacts } from './activity-rules.ts';
import { dailyReportEntries, type DailyMissFact } from './report-rules.ts';

export const EVENT_KINDS = [
  'problem_overdue_day', // per working day a dispatched problem is past its deadline
  'rework', // each verification failure (返工)
  'found_by_higher', // a problem found by the county or province (sources below)
  'on_time_closure', // a problem closed within its deadline
  'red_list', // on the published red list
  'black_list', // on the published black list
  'missed_patrol', // a street chief's patrol slot recorded as missed (inspection_misses, kind patrol)
  'daily_report_missing', // a community day with no daily report (report-rules.ts)
  'activity_held', // an activity held (activities, state held): per activity, to its organiser or its community (activity-rules.ts)
  'activity_shortfall', // a finished month with fewer held activities than the rule's threshold (activity-rules.ts)
  'weekly_meeting_missed', // a full week in which the town held fewer 每周例会 than its cadence asks (meetings module, missedWeeksIn)
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  problem_overdue_day: '问题超期（每工作日）',
  rework: '整改返工',
  found_by_higher: '被县、省检查发现问题',
  on_time_closure: '按期办结',
  red_list: '上红榜',
  black_list: '上黑榜',
  missed_patrol: '未按要求巡查',
  daily_report_missing: '社区日报缺报（每日）',
  activity_held: '开展活动（每场）',
  activity_shortfall: '月度活动场次不足',
  weekly_meeting_missed: '未按要求召开每周例会',
};
/** Event kinds no record produces yet: rules may be defined, they score nothing until their module lands. */
export const RESERVED_EVENT_KINDS: EventKind[] = [];

export const SUBJECT_KINDS = ['community', 'unit', 'street_chief', 'town'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export const SUBJECT_KIND_LABELS: Record<SubjectKind, string> = { community: '社区', unit: '责任单位', street_chief: '街巷长', town: '乡镇' };

/** Problem sources that mean "found by the county or province". */
export const HIGHER_SOURCES = ['county_notice', 'county_weekly', 'higher_inspection'];

export interface RuleVersion {
  id: number;
  ruleKey: string;
  version: number;
  regionCode: string;
  name: string;
  eventKind: EventKind;
  subjectKind: SubjectKind;
  points: number;
  /** Largest total |points| per subject per calendar month; null = none. */
  capPerPeriod: number | null;
  /** A shortfall rule's minimum count per month (activity_shortfall); null otherwise. */
  threshold?: number | null;
  active: boolean;
  effectiveFrom: string;
}

export interface ProblemFact {
  id: number;
  code: string;
  townCode: string;
  communityCode: string;
  unitId: number | null;
  source: string;
  state: string;
  createdOn: string; // China date
  dispatched: boolean;
  dueDate: string | null;
  closedOn: string | null;
  closedOnTime: boolean | null;
  /** The deadline sweep's 'overdue' event for the current deadline, if written. */
  overdueEventId: number | null;
  reworks: { id: number; on: string }[];
}

/** A patrol slot the daily misses job recorded (inspection_misses, kind patrol): one street chief, one place, one day. */
export interface MissFact {
  id: number;
  townCode: string;
  communityCode: string;
  personId: number | null;
  personName: string | null;
  placeId: number | null;
  placeName: string | null;
  /** The slot's first day (the day itself for a daily patrol). */
  on: string;
  end: string;
}

/** A week the town's 例会 cadence was not met (derived: domain/meetings.ts missedWeeks), counted in the month its Sunday falls in. */
export interface WeekMissFact {
  townCode: string;
  townName: string | null;
  week: string;
  end: string;
  held: number;
  required: number;
}

export interface LedgerEntry {
  townCode: string;
  subjectKind: SubjectKind;
  subjectRef: string;
  onDate: string;
  points: number;
  quantity: number;
  eventKind: EventKind;
  ruleId: number;
  ruleKey: string;
  ruleVersion: number;
  causeKind: 'problem' | 'ranking' | 'miss' | 'activity' | 'activity_month' | 'meeting_week' | 'daily_report';
  causeId: number;
  causeRef: string;
  causeEventId: number | null;
  note: string;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Versions grouped by rule key, each list sorted by effective date. */
export function indexRules<V extends RuleVersion>(rules: V[]): Map<string, V[]> {
  const m = new Map<string, V[]>();
  for (const r of rules) (m.get(r.ruleKey) ?? m.set(r.ruleKey, []).get(r.ruleKey)!).push(r);
  for (const l of m.values()) l.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : a.version - b.version));
  return m;
}

/** The version of a rule in force on `date` (the latest effective_from ≤ date), or null. */
export function versionOn<V extends RuleVersion>(versions: V[], date: string): V | null {
  let hit: V | null = null;
  for (const v of versions) if (v.effectiveFrom <= date) hit = v;
  return hit;
}

function subjectRef(kind: SubjectKind, p: ProblemFact): string | null {
  switch (kind) {
    case 'community':
      return p.communityCode;
    case 'town':
      return p.townCode;
    case 'unit':
      return p.unitId === null ? null : String(p.unitId);
    case 'street_chief':
      return null; // a problem names no street chief; missed patrols do (missRef)
  }
}

function missRef(kind: SubjectKind, m: MissFact): string | null {
  switch (kind) {
    case 'community':
      return m.communityCode;
    case 'town':
      return m.townCode;
    case 'street_chief':
      return m.personId === null ? null : String(m.personId);
    case 'unit':
      return null; // a patrol is owed by the street chief, not by the place's unit
  }
}

interface Occurrence {
  kind: EventKind;
  on: string;
  qty: number;
  eventId: number | null;
  note: string /** overdue days, for grouping by version */;
  days?: string[];
}

/** What a problem did in the month [start, end], before any rule is applied. */
export function occurrences(p: ProblemFact, month: { start: string; end: string }, today: string, workdays: string[]): Occurrence[] {
  const out: Occurrence[] = [];
  const inMonth = (d: string | null) => d !== null && d >= month.start && d <= month.end && d <= today;
  if (HIGHER_SOURCES.includes(p.source) && inMonth(p.createdOn) && p.state !== 'rejected' && p.state !== 'merged') {
    out.push({ kind: 'found_by_higher', on: p.createdOn, qty: 1, eventId: null, note: `问题来源：${p.source}` });
  }
  if (p.closedOnTime && inMonth(p.closedOn))
    out.push({ kind: 'on_time_closure', on: p.closedOn!, qty: 1, eventId: null, note: `期限 ${p.dueDate ?? '—'}，${p.closedOn} 结案` });
  for (const r of p.reworks) if (inMonth(r.on)) out.push({ kind: 'rework', on: r.on, qty: 1, eventId: r.id, note: '核查不通过，返工' });
  if (p.dispatched && p.dueDate && p.state !== 'rejected' && p.state !== 'merged') {
    // Overdue working days: after the deadline, up to the closure day (or today), inside the month.
    const lo = addDays(p.dueDate, 1);
    const hi = p.closedOn && p.closedOn < today ? p.closedOn : today;
    const days = workdays.filter((d) => d >= lo && d <= hi);
    if (days.length) out.push({ kind: 'problem_overdue_day', on: days[0], qty: days.length, eventId: p.overdueEventId, note: `期限 ${p.dueDate}`, days });
  }
  return out;
}

/** Working days of a month, for occurrences(). */
export function monthWorkdays(month: { start: string; end: string }, cal: WorkCalendar): string[] {
  const out: string[] = [];
  // At most 31 days, whatever the strings say (a date past 9999 would never compare greater).
  for (let d = month.start, n = 0; d <= month.end && n < 31; d = addDays(d, 1), n++) if (isWorkingDay(d, cal)) out.push(d);
  return out;
}

const rulesFor = (byKind: Map<EventKind, RuleVersion[][]>, kind: EventKind, region: string) =>
  (byKind.get(kind) ?? []).filter((versions) => region.startsWith(versions[0].regionCode));

/** Group the rule keys by event kind (each key's versions share kind, subject and region). */
export function rulesByKind(rules: RuleVersion[]): Map<EventKind, RuleVersion[][]> {
  const m = new Map<EventKind, RuleVersion[][]>();
  for (const versions of indexRules(rules).values()) {
    const k = versions[0].eventKind;
    (m.get(k) ?? m.set(k, []).get(k)!).push(versions);
  }
  for (const l of m.values()) l.sort((a, b) => (a[0].ruleKey < b[0].ruleKey ? -1 : 1));
  return m;
}

/**
 * The ledger entries of one month for these problems and missed patrols,
 * caps applied, in a stable order.
 */
export function applyRules(
  facts: ProblemFact[],
  rules: RuleVersion[],
  month: { start: string; end: string },
  today: string,
  cal: WorkCalendar,
  misses: MissFact[] = [],
  activities: ActivityFacts = NO_ACTIVITIES,
  weekMisses: WeekMissFact[] = [],
  dailyMisses: DailyMissFact[] = [],
): LedgerEntry[] {
  const byKind = rulesByKind(rules);
  const workdays = monthWorkdays(month, cal);
  const raw: LedgerEntry[] = [];
  const cache = new Map<string, RuleVersion[][]>();
  const applicable = (kind: EventKind, community: string) => {
    const k = `${kind}|${community}`;
    let hit = cache.get(k);
    if (!hit) cache.set(k, (hit = rulesFor(byKind, kind, community)));
    return hit;
  };
  for (const p of facts) {
    for (const o of occurrences(p, month, today, workdays)) {
      for (const versions of applicable(o.kind, p.communityCode)) {
        // Split by the version in force on each counted day (overdue days may straddle a new version).
        const groups = new Map<RuleVersion, string[]>();
        for (const d of o.days ?? [o.on]) {
          const v = versionOn(versions, d);
          if (v && v.active) (groups.get(v) ?? groups.set(v, []).get(v)!).push(d);
        }
        for (const [v, days] of groups) {
          const ref = subjectRef(v.subjectKind, p);
          if (ref === null) continue;
          const qty = o.days ? days.length : o.qty;
          raw.push({
            townCode: p.townCode,
            subjectKind: v.subjectKind,
            subjectRef: ref,
            onDate: days[0],
            points: round2(v.points * qty),
            quantity: qty,
            eventKind: o.kind,
            ruleId: v.id,
            ruleKey: v.ruleKey,
            ruleVersion: v.version,
            causeKind: 'problem',
            causeId: p.id,
            causeRef: p.code,
            causeEventId: o.eventId,
            note: o.kind === 'problem_overdue_day' ? `${o.note}，本月超期 ${qty} 个工作日` : o.note,
          });
        }
      }
    }
  }
  // Each missed patrol scores once per rule, by the version in force on the missed day.
  for (const m of misses) {
    if (m.on < month.start || m.on > month.end || m.on > today) continue;
    for (const versions of applicable('missed_patrol', m.communityCode)) {
      const v = versionOn(versions, m.on);
      if (!v || !v.active) continue;
      const ref = missRef(v.subjectKind, m);
      if (ref === null) continue;
      const place = m.placeName ?? `地点 ${m.placeId ?? '—'}`;
      raw.push({
        townCode: m.townCode,
        subjectKind: v.subjectKind,
        subjectRef: ref,
        onDate: m.on,
        points: round2(v.points),
        quantity: 1,
        eventKind: 'missed_patrol',
        ruleId: v.id,
        ruleKey: v.ruleKey,
        ruleVersion: v.version,
        causeKind: 'miss',
        causeId: m.id,
        causeRef: place,
        causeEventId: null,
        note: `${m.personName ?? '街巷长'} ${m.on === m.end ? m.on : `${m.on} 至 ${m.end}`} 未巡查 ${place}`,
      });
    }
  }
  raw.push(...activityEntries(activities, (kind, region) => applicable(kind, region), month, today));
  // Each missed 例会 week scores its town once per rule, by the version in force on the week's Sunday.
  for (const w of weekMisses) {
    if (w.end < month.start || w.end > month.end || w.end > today) continue;
    for (const versions of applicable('weekly_meeting_missed', w.townCode)) {
      const v = versionOn(versions, w.end);
      if (!v || !v.active || v.subjectKind !== 'town') continue;
      raw.push({
        townCode: w.townCode,
        subjectKind: 'town',
        subjectRef: w.townCode,
        onDate: w.end,
        points: round2(v.points),
        quantity: 1,
        eventKind: 'weekly_meeting_missed',
        ruleId: v.id,
        ruleKey: v.ruleKey,
        ruleVersion: v.version,
        causeKind: 'meeting_week',
        causeId: Number(w.week.replaceAll('-', '')),
        causeRef: `${w.week} 至 ${w.end}`,
        causeEventId: null,
        note: `${w.townName ?? w.townCode} ${w.week} 至 ${w.end} 召开每周例会 ${w.held} 次，要求 ${w.required} 次`,
      });
    }
  }
  raw.push(...dailyReportEntries(dailyMisses, (kind, region) => applicable(kind, region), month, today));
  return applyCaps(sortEntries(raw), rules);
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** The canonical order: date, cause, event kind, rule and version, subject. */
export function sortEntries(e: LedgerEntry[]): LedgerEntry[] {
  return [...e].sort(
    (a, b) =>
      cmpStr(a.onDate, b.onDate) ||
      a.causeId - b.causeId ||
      cmpStr(a.causeKind, b.causeKind) ||
      cmpStr(a.eventKind, b.eventKind) ||
      cmpStr(a.ruleKey, b.ruleKey) ||
      a.ruleVersion - b.ruleVersion ||
      cmpStr(a.subjectKind, b.subjectKind) ||
      cmpStr(a.subjectRef, b.subjectRef),
  );
}

/**
 * Caps per subject, rule and month, in entry order: the entry that crosses the
 * cap is cut to what is left, later ones count 0 and say so (kept, so the
 * "why" page shows them).
 */
export function applyCaps(entries: LedgerEntry[], rules: RuleVersion[]): LedgerEntry[] {
  const capById = new Map(rules.map((r) => [r.id, r.capPerPeriod]));
  const used = new Map<string, number>();
  return entries.map((e) => {
    const cap = capById.get(e.ruleId);
    if (cap === null || cap === undefined) return e;
    const k = `${e.ruleKey}|${e.subjectKind}|${e.subjectRef}|${e.onDate.slice(0, 7)}`;
    const u = used.get(k) ?? 0;
    const left = Math.max(0, Math.abs(cap) - u);
    const abs = Math.abs(e.points);
    if (abs <= left) {
      used.set(k, u + abs);
      return e;
    }
    used.set(k, u + left);
    return { ...e, points: round2(Math.sign(e.points) * left) || 0, note: `${e.note}（本月已达上限 ${Math.abs(cap)} 分）` };
  });
}
