// The pure rules of activities (issue 16): the publicity link, the year's
// calendar, and the two activity rules of the 奖惩办法 (domain/assessment/activity-rules.ts).
import { describe, expect, it } from 'vitest';
import { publicityUrlProblem, yearCalendar } from '../../domain/activities.ts';
import { applyRules, type RuleVersion } from '../../domain/assessment/rules.ts';
import type { ActivityFacts } from '../../domain/assessment/activity-rules.ts';
import type { WorkCalendar } from '../../domain/calendar.ts';

describe('publicity link', () => {
  it('takes an http(s) address with a host and refuses the rest, saying why', () => {
    expect(publicityUrlProblem('https://mp.weixin.qq.com/s/AbC_123')).toBeNull();
    expect(publicityUrlProblem('http://www.changting.gov.cn/xwzx/1.html')).toBeNull();
    for (const bad of [
      'javascript:alert(1)',
      'mp.weixin.qq.com/s/x',
      'ftp://a.cn/x',
      'https://u:p@a.cn/x',
      'https://localhost/x',
      `https://a.cn/${'x'.repeat(500)}`,
    ]) {
      expect(publicityUrlProblem(bad), bad).toMatch(/链接/);
    }
  });
});

describe('the year’s calendar', () => {
  it('has a theme per month, fixed festivals on their day and lunar ones where the lookup puts them', () => {
    const cal = yearCalendar(2026, (l) => (({ '2026-05-05': '2026-06-19', '2026-08-15': '2026-09-25' }) as Record<string, string>)[l] ?? null, '2026-04-05');
    expect(cal.filter((e) => e.kind === 'theme')).toHaveLength(12);
    expect(cal.find((e) => e.name === '植树节')).toMatchObject({ month: 3, onDate: '2026-03-12' });
    expect(cal.find((e) => e.name === '端午节')).toMatchObject({ month: 6, onDate: '2026-06-19' });
    expect(cal.find((e) => e.name === '清明节')).toMatchObject({ month: 4 });
    expect(cal.find((e) => e.name === '重阳节')).toBeUndefined(); // the lookup knew no date: left out, never guessed
  });
});

describe('activity rules', () => {
  const rule = (id: number, over: Partial<RuleVersion>): RuleVersion => ({
    id,
    ruleKey: `r${id}`,
    version: 1,
    regionCode: '350821100',
    name: '规则',
    eventKind: 'activity_held',
    subjectKind: 'community',
    points: 0.5,
    capPerPeriod: null,
    threshold: null,
    active: true,
    effectiveFrom: '2026-01-01',
    ...over,
  });
  const facts: ActivityFacts = {
    held: [
      { id: 1, townCode: '350821100', communityCode: '350821100010', unitId: 7, unitName: '水东街实践站', title: '宣讲', on: '2026-03-05' },
      { id: 2, townCode: '350821100', communityCode: '350821100010', unitId: 7, unitName: '水东街实践站', title: '植树', on: '2026-03-12' },
      { id: 3, townCode: '350821100', communityCode: '350821100020', unitId: 8, unitName: '东门街实践站', title: '劝导', on: '2026-03-20' },
    ],
    subjects: {
      communities: [
        { code: '350821100010', name: '水东街社区' },
        { code: '350821100020', name: '东门街社区' },
      ],
      stations: [
        { id: 7, name: '水东街实践站', regionCode: '350821100010' },
        { id: 8, name: '东门街实践站', regionCode: '350821100020' },
      ],
      towns: [{ code: '350821100', name: '汀州镇' }],
    },
  };
  const march = { start: '2026-03-01', end: '2026-03-31' };
  const cal: WorkCalendar = { holidays: new Set<string>(), workdays: new Set<string>() };

  it('activity_held scores each held activity once, to its community or its organiser', () => {
    const rules = [rule(1, {}), rule(2, { ruleKey: 'r2', subjectKind: 'unit', points: 1 })];
    const e = applyRules([], rules, march, '2026-04-10', cal, [], facts);
    expect(e.filter((x) => x.ruleId === 1).map((x) => [x.subjectRef, x.points])).toEqual([
      ['350821100010', 0.5],
      ['350821100010', 0.5],
      ['350821100020', 0.5],
    ]);
    expect(e.filter((x) => x.ruleId === 2).map((x) => x.subjectRef)).toEqual(['7', '7', '8']);
  });

  it('activity_shortfall scores a finished month below the minimum, once per subject, and not before the month is over', () => {
    const rules = [rule(3, { eventKind: 'activity_shortfall', subjectKind: 'unit', points: -2, threshold: 2 })];
    const done = applyRules([], rules, march, '2026-04-01', cal, [], facts);
    expect(done.map((x) => [x.subjectRef, x.onDate, x.points, x.causeKind])).toEqual([['8', '2026-03-31', -2, 'activity_month']]);
    expect(applyRules([], rules, march, '2026-03-31', cal, [], facts)).toEqual([]);
    // A version from April on does not reach back into March.
    const later = [rule(4, { eventKind: 'activity_shortfall', subjectKind: 'community', points: -1, threshold: 5, effectiveFrom: '2026-04-01' })];
    expect(applyRules([], later, march, '2026-04-01', cal, [], facts)).toEqual([]);
  });
});
