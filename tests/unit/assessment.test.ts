// Assessment rules, pure: the Tianmen figures, periods, rule versions and caps, ranking ties.
import { describe, expect, it } from 'vitest';
import { indicators, pct } from '../../domain/assessment/indicators.ts';
import { monthsOf, periodOf, periodTitle } from '../../domain/assessment/periods.ts';
import { applyRules, type ProblemFact, type RuleVersion } from '../../domain/assessment/rules.ts';
import { rank, type RankInput } from '../../domain/assessment/ranking.ts';
import { EMPTY_CALENDAR } from '../../domain/calendar.ts';

describe('standard indicators', () => {
  it('reproduces Tianmen, December 2016: 应结案 972, 结案 911 → 93.72%, 按期 737 → 75.82%', () => {
    const i = indicators({ filed: 1000, due: 972, closed: 911, onTime: 737, rework: 0, overdue: 972 - 737 });
    expect(pct(i.closeRate)).toBe(93.72);
    expect(pct(i.onTimeRate)).toBe(75.82);
    expect(pct(i.reworkRate)).toBe(0);
  });
  it('has no rates without 应结案, and a weighted composite', () => {
    expect(indicators({ filed: 3, due: 0, closed: 0, onTime: 0, rework: 0, overdue: 0 }).closeRate).toBeNull();
    const i = indicators({ filed: 10, due: 10, closed: 10, onTime: 5, rework: 2, overdue: 5 }, { closeRate: 1, onTimeRate: 1, reworkRate: 0 });
    expect(i.composite).toBe(75);
  });
});

describe('periods', () => {
  it('weeks start on Monday, quarters and years in China dates', () => {
    expect(periodOf('week', '2026-11-25')).toEqual({ kind: 'week', start: '2026-11-23', end: '2026-11-29' });
    expect(periodOf('quarter', '2026-11-25')).toEqual({ kind: 'quarter', start: '2026-10-01', end: '2026-12-31' });
    expect(monthsOf(periodOf('quarter', '2026-11-25'))).toEqual(['2026-10-01', '2026-11-01', '2026-12-01']);
    expect(periodTitle(periodOf('month', '2016-12-05'))).toBe('2016年12月');
    expect(periodTitle(periodOf('week', '2026-11-25'))).toBe('2026年第48周');
  });
});

const rule = (over: Partial<RuleVersion>): RuleVersion => ({
  id: 1,
  ruleKey: 'overdue',
  version: 1,
  regionCode: '350821100',
  name: '超期',
  eventKind: 'problem_overdue_day',
  subjectKind: 'community',
  points: -0.5,
  capPerPeriod: null,
  active: true,
  effectiveFrom: '2026-01-01',
  ...over,
});
const fact = (over: Partial<ProblemFact>): ProblemFact => ({
  id: 1,
  code: 'P1',
  townCode: '350821100',
  communityCode: '350821100010',
  unitId: 7,
  source: 'patrol',
  state: 'rectifying',
  createdOn: '2026-11-01',
  dispatched: true,
  dueDate: '2026-11-05',
  closedOn: null,
  closedOnTime: null,
  overdueEventId: 99,
  reworks: [],
  ...over,
});
const NOV = { start: '2026-11-01', end: '2026-11-30' };

describe('rules applied', () => {
  it('counts overdue working days and splits them by the version in force on each day', () => {
    const v1 = rule({});
    const v2 = rule({ id: 2, version: 2, points: -1, effectiveFrom: '2026-11-16' });
    const e = applyRules([fact({})], [v1, v2], NOV, '2026-11-20', EMPTY_CALENDAR);
    // Working days 6, 9-13 under v1 (6 days), 16-20 under v2 (5 days).
    expect(e.map((x) => [x.ruleVersion, x.quantity, x.points, x.onDate, x.causeEventId])).toEqual([
      [1, 6, -3, '2026-11-06', 99],
      [2, 5, -5, '2026-11-16', 99],
    ]);
  });
  it('a version from a later date leaves an earlier month identical', () => {
    const oct = { start: '2026-10-01', end: '2026-10-31' };
    const f = [fact({ dueDate: '2026-10-20', closedOn: '2026-10-28', closedOnTime: false, state: 'closed' })];
    const before = applyRules(f, [rule({})], oct, '2026-11-20', EMPTY_CALENDAR);
    const after = applyRules(f, [rule({}), rule({ id: 2, version: 2, points: -3, effectiveFrom: '2026-11-01' })], oct, '2026-11-20', EMPTY_CALENDAR);
    expect(after).toEqual(before);
    expect(before[0].quantity).toBe(6);
  });
  it('caps a subject per month: the crossing entry is cut, later ones count 0', () => {
    const r = rule({ eventKind: 'found_by_higher', points: -2, capPerPeriod: 5, ruleKey: 'higher' });
    const f = [1, 2, 3, 4].map((i) => fact({ id: i, code: `P${i}`, source: 'county_notice', createdOn: `2026-11-0${i}`, dueDate: null }));
    const e = applyRules(f, [r], NOV, '2026-11-20', EMPTY_CALENDAR);
    expect(e.map((x) => x.points)).toEqual([-2, -2, -1, 0]);
    expect(e[3].note).toContain('上限');
  });
  it('an inactive version stops a rule from its date', () => {
    const e = applyRules([fact({})], [rule({}), rule({ id: 2, version: 2, active: false, effectiveFrom: '2026-11-10' })], NOV, '2026-11-20', EMPTY_CALENDAR);
    expect(e.map((x) => x.quantity)).toEqual([2]);
  });
});

describe('ranking', () => {
  const row = (code: string, score: number, onTimeRate: number | null, closeRate: number | null, overdue: number): RankInput => ({
    code,
    name: code,
    score,
    points: score - 100,
    indicators: { filed: 0, due: 10, closed: 0, onTime: 0, rework: 0, overdue, closeRate, onTimeRate, reworkRate: 0, composite: null },
  });
  it('breaks ties by 按期结案率, 结案率, fewer 超期, then code', () => {
    const r = rank(
      [
        row('E', 90, 0.5, 0.9, 1),
        row('D', 95, 0.5, 0.9, 1),
        row('C', 95, 0.5, 0.9, 2),
        row('B', 95, 0.5, 0.95, 3),
        row('A', 95, 0.6, 0.5, 9),
        row('F', 95, 0.5, 0.9, 1),
      ],
      { redSize: 2, blackSize: 2 },
    );
    expect(r.map((x) => x.code)).toEqual(['A', 'B', 'D', 'F', 'C', 'E']);
    expect(r.map((x) => x.list)).toEqual(['red', 'red', null, null, 'black', 'black']);
  });
  it('never decides a list by region code: ties at an edge join the list, and a full tie lists no one', () => {
    const edge = rank(
      [row('A', 100, 1, 1, 0), row('B', 99, 1, 1, 0), row('C', 99, 1, 1, 0), row('D', 98, 1, 1, 0), row('E', 97, 1, 1, 0), row('F', 96, 1, 1, 0)],
      { redSize: 2, blackSize: 1 },
    );
    expect(edge.map((x) => x.list)).toEqual(['red', 'red', 'red', null, null, 'black']);
    const blackEdge = rank([row('A', 100, 1, 1, 0), row('B', 99, 1, 1, 0), row('C', 98, 1, 1, 0), row('D', 98, 1, 1, 0)], { redSize: 1, blackSize: 1 });
    expect(blackEdge.map((x) => x.list)).toEqual(['red', null, 'black', 'black']);
    const all = rank(
      ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((c) => row(c, 100, null, null, 0)),
      { redSize: 3, blackSize: 3 },
    );
    expect(all.map((x) => x.list)).toEqual([null, null, null, null, null, null, null]);
  });
  it('shows a subject with nothing to assess as 无数据: unranked, after the others, on neither list', () => {
    const idle = (code: string): RankInput => ({
      code,
      name: code,
      score: 100,
      points: 0,
      indicators: { filed: 0, due: 0, closed: 0, onTime: 0, rework: 0, overdue: 0, closeRate: null, onTimeRate: null, reworkRate: null, composite: null },
    });
    const r = rank([idle('A'), row('B', 99, 0.5, 0.5, 1), idle('C'), row('D', 95, 0.2, 0.2, 3), row('E', 98, 0.4, 0.4, 2)], { redSize: 1, blackSize: 1 });
    expect(r.map((x) => [x.code, x.rank, x.list, x.noData])).toEqual([
      ['B', 1, 'red', false],
      ['E', 2, null, false],
      ['D', 3, 'black', false],
      ['A', null, null, true],
      ['C', null, null, true],
    ]);
    // Six communities with no records at all used to tie at 100 and all make the red list.
    expect(rank(['A', 'B', 'C', 'D', 'E', 'F'].map(idle), { redSize: 3, blackSize: 3 }).every((x) => x.list === null && x.rank === null)).toBe(true);
  });
  it('never puts one subject on both lists, and honours thresholds', () => {
    const r = rank([row('A', 100, 1, 1, 0), row('B', 99, 1, 1, 0), row('C', 98, 1, 1, 0)], { redSize: 2, blackSize: 2, maxBlackScore: 98.5 });
    expect(r.map((x) => x.list)).toEqual(['red', 'red', 'black']);
  });
});
