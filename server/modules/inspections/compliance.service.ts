// Cadence compliance (DOMAIN.md §4, issue 5 item 6): expected vs done per
// kind, community, person and place for a region and a date range; one
// person's calendar; the list of recorded misses. The slots come from the
// town's cadence and the working calendar (domain/inspections/cadence.ts);
// the counting is set-based SQL (compliance.repository.ts).
// Access: inspection.read over the region (403 otherwise); a person's
// calendar also to the person themself (404 for a person one may not see).
import type { Db } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { isWorkingDay, type WorkCalendar } from '../../../domain/calendar.ts';
import { addDays } from '../../../domain/dates.ts';
import {
  CADENCE_PERIOD_LABELS,
  cadenceOn,
  cadenceSpans,
  expectedSlots,
  monthEnd,
  SLOT_STATUS_LABELS,
  slotStatus,
  tally,
  type Cadence,
  type CadenceVersion,
  type ComplianceFigures,
  type SlotStatus,
} from '../../../domain/inspections/cadence.ts';
import { INSPECTION_KIND_LABELS } from '../../../domain/inspections/vocab.ts';
import { getCalendar, todayChina } from '../calendar/index.ts';
import { cadenceHistoryOf } from './cadence.settings.ts';
import * as repo from './compliance.repository.ts';
import { decodeCursor, encodeCursor, isDay, pageOf, positiveId } from '../../platform/cursor.ts';
import { emptySlots, SCHEDULED_KINDS, type ScheduledKind, type SlotArrays, type SlotSource } from './compliance.repository.ts';

export interface Range {
  from: string;
  to: string;
}
/** One collator for every sort by Chinese name (localeCompare builds one per call). */
const ZH = new Intl.Collator('zh-CN');

/** Figures from counts: the rate is done ÷ (done + missed), as tally() defines it. */
export function fig(c: { expected: number; done: number; missed: number; due: number }): ComplianceFigures {
  const settled = c.done + c.missed;
  return { expected: c.expected, done: c.done, missed: c.missed, due: c.due, rate: settled > 0 ? Math.round((c.done / settled) * 10000) / 10000 : null };
}
const zero = () => ({ expected: 0, done: 0, missed: 0, due: 0 });
function add(into: { expected: number; done: number; missed: number; due: number }, c: { expected: number; done: number; missed: number; due: number }) {
  into.expected += c.expected;
  into.done += c.done;
  into.missed += c.missed;
  into.due += c.due;
}

/**
 * The slots owed in a range: for each town and kind, the slots of each
 * stretch of the range over which the town's cadence does not change, under
 * the cadence in force then (a slot belongs to the stretch its first day is
 * in). The one definition of "owed" that compliance, a person's calendar and
 * the misses sweep (hence the ledger) all use; which subject owes each slot
 * is joined in SQL (compliance.repository.ts). Towns sharing a cadence share
 * one computation (a county's towns usually all do).
 */
export function buildSlots(
  towns: string[],
  versions: readonly CadenceVersion[],
  range: Range,
  cal: WorkCalendar,
  kinds: readonly ScheduledKind[],
  endBefore?: string,
): Map<ScheduledKind, SlotArrays> {
  const out = new Map<ScheduledKind, SlotArrays>(kinds.map((k) => [k, emptySlots()]));
  const memo = new Map<string, ReturnType<typeof expectedSlots>>();
  for (const town of towns) {
    for (const span of cadenceSpans(versions, town, range)) {
      for (const kind of kinds) {
        const c: Cadence = span.cadence[kind];
        const mk = `${span.from}:${span.to}:${JSON.stringify(c)}`;
        let slots = memo.get(mk);
        if (!slots) memo.set(mk, (slots = expectedSlots({ start: span.from, end: span.to }, c, cal)));
        const a = out.get(kind)!;
        for (const s of slots) {
          if (endBefore && s.end >= endBefore) continue;
          a.town.push(town);
          a.period.push(c.period);
          a.key.push(s.key);
          a.start.push(s.start);
          a.end.push(s.end);
          a.times.push(Math.max(1, c.times));
        }
      }
    }
  }
  return out;
}

function checkRange(r: Range) {
  if (r.to < r.from) throw new AppError('VALIDATION_FAILED', '结束日期不能早于开始日期', [{ path: 'to', message: '结束日期不能早于开始日期' }]);
  if (addDays(r.from, 366) < r.to) throw new AppError('VALIDATION_FAILED', '统计期最长一年', [{ path: 'to', message: '统计期最长一年' }]);
}
export const monthRange = (month: string): Range => ({ from: `${month}-01`, to: monthEnd(`${month}-01`) });

async function regionOrFail(db: Db, actor: Actor, code: string) {
  if (![6, 9, 12].includes(code.length))
    throw new AppError('VALIDATION_FAILED', '请选择县、乡镇（街道）或社区', [{ path: 'regionCode', message: '请选择县、乡镇（街道）或社区' }]);
  authorize(actor, 'inspection.read', { regionCode: code });
  const r = await repo.region(db, code);
  if (!r) throw new AppError('NOT_FOUND', '区划不存在');
  return r;
}

/** Kinds counted for a region: a community owes no town leader's visit. */
const kindsFor = (region: string): ScheduledKind[] => SCHEDULED_KINDS.filter((k) => !(k === 'unannounced_visit' && region.length > 9));

export async function compliance(db: Db, actor: Actor, regionCode: string, range: Range, today = todayChina()) {
  checkRange(range);
  const region = await regionOrFail(db, actor, regionCode);
  const towns = await repo.townsOf(db, regionCode);
  const [versions, cal] = await Promise.all([
    cadenceHistoryOf(
      db,
      towns.map((t) => t.code),
    ),
    getCalendar(db),
  ]);
  const kinds = kindsFor(regionCode);
  const slots = buildSlots(
    towns.map((t) => t.code),
    versions,
    range,
    cal,
    kinds,
  );
  const rows = await repo.figures(
    db,
    kinds.map((kind): SlotSource => ({ kind, slots: slots.get(kind)!, prefix: regionCode })),
    today,
  );

  const byKind = new Map(kinds.map((k) => [k, zero()]));
  const communities = new Map<
    string,
    { code: string; name: string; total: ReturnType<typeof zero>; kinds: Partial<Record<ScheduledKind, ReturnType<typeof zero>>> }
  >();
  const townAgg = new Map<string, { total: ReturnType<typeof zero>; kinds: Partial<Record<ScheduledKind, ReturnType<typeof zero>>> }>();
  const people = new Map<
    string,
    {
      personId: number;
      name: string;
      kind: ScheduledKind;
      townCode: string;
      communityCode: string;
      communityName: string | null;
      places: number;
      f: ReturnType<typeof zero>;
    }
  >();
  const places = new Map<
    string,
    {
      placeId: number;
      name: string;
      kind: ScheduledKind;
      communityCode: string;
      communityName: string | null;
      people: { id: number; name: string }[];
      f: ReturnType<typeof zero>;
    }
  >();
  for (const r of rows) {
    add(byKind.get(r.kind)!, r);
    const t = townAgg.get(r.town) ?? townAgg.set(r.town, { total: zero(), kinds: {} }).get(r.town)!;
    add(t.total, r);
    add((t.kinds[r.kind] ??= zero()), r);
    if (r.community.length === 12) {
      const c =
        communities.get(r.community) ??
        communities.set(r.community, { code: r.community, name: r.communityName ?? r.community, total: zero(), kinds: {} }).get(r.community)!;
      add(c.total, r);
      add((c.kinds[r.kind] ??= zero()), r);
    }
    if (r.personId !== null) {
      const k = `${r.kind}:${r.personId}`;
      const p =
        people.get(k) ??
        people
          .set(k, {
            personId: r.personId,
            name: r.personName ?? '',
            kind: r.kind,
            townCode: r.town,
            communityCode: r.community,
            communityName: r.communityName,
            places: 0,
            f: zero(),
          })
          .get(k)!;
      add(p.f, r);
      if (r.placeId !== null) p.places++;
    }
    if (r.placeId !== null) {
      const k = `${r.kind}:${r.placeId}`;
      const p =
        places.get(k) ??
        places
          .set(k, {
            placeId: r.placeId,
            name: r.placeName ?? '',
            kind: r.kind,
            communityCode: r.community,
            communityName: r.communityName,
            people: [],
            f: zero(),
          })
          .get(k)!;
      add(p.f, r);
      if (r.personId !== null) p.people.push({ id: r.personId, name: r.personName ?? '' });
    }
  }
  const withKinds = (x: { total: ReturnType<typeof zero>; kinds: Partial<Record<ScheduledKind, ReturnType<typeof zero>>> }) => ({
    total: fig(x.total),
    kinds: Object.fromEntries(Object.entries(x.kinds).map(([k, v]) => [k, fig(v!)])) as Partial<Record<ScheduledKind, ComplianceFigures>>,
  });
  const townNames = new Map(towns.map((t) => [t.code, t.name]));
  const byName = (a: { name: string }, b: { name: string }) => ZH.compare(a.name, b.name);
  return {
    region,
    range,
    today,
    kinds: kinds.map((k) => {
      // The period shown is the one in force at the range's end (the figures follow each day's own).
      const c = towns[0] ? cadenceOn(versions, towns[0].code, range.to).cadence[k] : undefined;
      return {
        kind: k,
        label: INSPECTION_KIND_LABELS[k],
        period: c?.period ?? null,
        periodLabel: c ? CADENCE_PERIOD_LABELS[c.period] : null,
        ...fig(byKind.get(k)!),
      };
    }),
    towns: regionCode.length === 6 ? towns.map((t) => ({ code: t.code, name: t.name, ...withKinds(townAgg.get(t.code) ?? { total: zero(), kinds: {} }) })) : [],
    communities: [...communities.values()].sort((a, b) => (a.code < b.code ? -1 : 1)).map((c) => ({ code: c.code, name: c.name, ...withKinds(c) })),
    people: [...people.values()]
      .sort((a, b) => (a.communityCode < b.communityCode ? -1 : a.communityCode > b.communityCode ? 1 : byName(a, b) || a.personId - b.personId))
      .map(({ f, ...p }) => ({ ...p, townName: townNames.get(p.townCode) ?? null, kindLabel: INSPECTION_KIND_LABELS[p.kind], ...fig(f) })),
    places: [...places.values()]
      .sort((a, b) => (a.communityCode < b.communityCode ? -1 : a.communityCode > b.communityCode ? 1 : byName(a, b) || a.placeId - b.placeId))
      .map(({ f, ...p }) => ({ ...p, kindLabel: INSPECTION_KIND_LABELS[p.kind], ...fig(f) })),
    can: { manage: can(actor, 'inspection.manage', { regionCode }) },
  };
}

type DayType = 'workday' | 'weekend' | 'holiday' | 'makeup';
function dayType(d: string, cal: WorkCalendar): DayType {
  if (cal.workdays.has(d)) return 'makeup';
  if (cal.holidays.has(d)) return 'holiday';
  return isWorkingDay(d, cal) ? 'workday' : 'weekend';
}

/** One person's month: every slot with its status, and per day what was due, done and missed, with the places. */
export async function personCalendar(db: Db, actor: Actor, personId: number, month: string, today = todayChina()) {
  const p = await repo.person(db, personId);
  if (!p || !(actor.personId === personId || can(actor, 'inspection.read', { regionCode: p.regionCode }))) throw new AppError('NOT_FOUND');
  const range = monthRange(month);
  const towns = await repo.personTowns(db, personId, range);
  const [versions, cal] = await Promise.all([cadenceHistoryOf(db, towns), getCalendar(db)]);
  const kinds: ScheduledKind[] = ['patrol', 'unannounced_visit'];
  const slots = buildSlots(towns, versions, range, cal, kinds);
  const [rows, perDay, assigned] = await Promise.all([
    repo.personSlots(
      db,
      kinds.map((kind) => ({ kind, slots: slots.get(kind)!, prefix: '', personId })),
    ),
    repo.inspectionsPerDay(db, personId, range.from, addDays(range.to, 6)),
    repo.personPlaces(db, personId, range),
  ]);
  const list = rows.map((r) => {
    const status: SlotStatus = slotStatus(
      { key: r.key, start: r.start, end: r.end },
      r.n,
      { period: r.period, times: r.times, countWeekends: true, countHolidays: true },
      today,
    );
    return {
      kind: r.kind,
      kindLabel: INSPECTION_KIND_LABELS[r.kind],
      period: r.period,
      key: r.key,
      start: r.start,
      end: r.end,
      placeId: r.placeId,
      placeName: r.placeName,
      done: r.n,
      times: r.times,
      status,
      statusLabel: SLOT_STATUS_LABELS[status],
    };
  });
  const days = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) {
    const own = list.filter((s) => s.period === 'day' && s.start === d);
    const t = tally(own.map((s) => s.status));
    days.push({
      date: d,
      dayType: dayType(d, cal),
      inspections: perDay.get(d) ?? 0,
      ...t,
      places: own.map((s) => ({ placeId: s.placeId, name: s.placeName, kind: s.kind, status: s.status, statusLabel: s.statusLabel, done: s.done })),
    });
  }
  const totals: Partial<Record<ScheduledKind, ComplianceFigures>> = {};
  for (const k of kinds) if (list.some((s) => s.kind === k)) totals[k] = tally(list.filter((s) => s.kind === k).map((s) => s.status));
  return {
    person: { id: p.id, name: p.name, regionCode: p.regionCode, roles: p.roles, active: p.active },
    month,
    range,
    today,
    places: assigned,
    totals,
    days,
    slots: list,
  };
}

const isMissKey = (k: unknown[]): k is repo.MissKey => k.length === 3 && isDay(k[0]) && typeof k[1] === 'string' && /^\d{1,15}$/.test(k[1]) && positiveId(k[2]);

/** The recorded misses, newest period first, one keyset page at a time. */
export async function misses(db: Db, actor: Actor, regionCode: string, f: Range & { kind?: ScheduledKind; cursor?: string; limit: number }) {
  checkRange(f);
  await regionOrFail(db, actor, regionCode);
  const rows = await repo.listMisses(db, regionCode, { ...f, after: f.cursor ? decodeCursor(f.cursor, isMissKey) : null });
  const page = pageOf(rows, f.limit, (m) => encodeCursor([m.periodStart, m.regionCode, m.id]));
  return { items: page.items.map((m) => ({ ...m, kindLabel: INSPECTION_KIND_LABELS[m.kind] })), nextCursor: page.nextCursor };
}
