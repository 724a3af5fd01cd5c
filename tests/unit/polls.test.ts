// The survey rules of domain/polls.ts: eligibility, quotas, the 95 % Wilson
// interval and what makes an item weak.
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUOTAS, ageBand, ineligibility, isPositive, isWeak, quotaCount, quotaExcess, quotasProblem, wilson } from '../../domain/polls.ts';

describe('eligibility (asked first)', () => {
  it('admits 18-65 year olds living there at least 6 months, and says why others are refused', () => {
    expect(ineligibility(18, 6)).toBeNull();
    expect(ineligibility(65, 600)).toBeNull();
    expect(ineligibility(17, 24)).toContain('未满 18 周岁');
    expect(ineligibility(66, 24)).toContain('超过 65 周岁');
    expect(ineligibility(30, 5)).toContain('不满 6 个月');
  });
  it('puts ages in their band', () => {
    expect([18, 34, 35, 49, 50, 65].map(ageBand)).toEqual(['18-34', '18-34', '35-49', '35-49', '50-65', '50-65']);
  });
});

describe('quotas', () => {
  const plan = { perCommunity: 20, quotas: DEFAULT_QUOTAS };
  it('rounds a quota up and checks that shares add to 100', () => {
    expect(quotaCount(20, 35)).toBe(7);
    expect(quotaCount(20, 30)).toBe(6);
    expect(quotasProblem(DEFAULT_QUOTAS)).toBeNull();
    expect(quotasProblem({ ...DEFAULT_QUOTAS, sex: { male: 50, female: 40 } })).toContain('100%');
  });
  it('names the first quota a respondent would exceed: the sample, the age band, the sex', () => {
    const r = { ageBand: '35-49' as const, sex: 'female' as const };
    expect(quotaExcess(plan, { total: 5, band: 3, sex: 3 }, r)).toBeNull();
    expect(quotaExcess(plan, { total: 20, band: 0, sex: 0 }, r)).toContain('样本已满');
    expect(quotaExcess(plan, { total: 10, band: 7, sex: 0 }, r)).toContain('35-49 岁配额已满（7 份）');
    expect(quotaExcess(plan, { total: 10, band: 0, sex: 10 }, r)).toContain('女性配额已满');
  });
});

describe('the 95 % Wilson interval', () => {
  it('matches the textbook values and stays inside 0..1', () => {
    const w = wilson(8, 10);
    expect(w.rate).toBe(0.8);
    expect(w.low).toBeCloseTo(0.4902, 3);
    expect(w.high).toBeCloseTo(0.9433, 3);
    expect(wilson(0, 10).low).toBe(0);
    expect(wilson(10, 10).high).toBe(1);
    expect(wilson(0, 0)).toEqual({ rate: 0, low: 0, high: 1 });
  });
  it('calls an item weak only when even the upper end is under the target', () => {
    expect(isWeak(wilson(8, 10))).toBe(false);
    expect(isWeak(wilson(10, 20))).toBe(true);
    expect(isWeak(wilson(1, 2))).toBe(false); // two answers prove nothing
  });
  it('counts 满意 and 比较满意 as satisfied, 说不清 against every rate', () => {
    expect([0, 1, 2, 3, 4].map((v) => isPositive('satisfaction', v))).toEqual([true, true, false, false, false]);
    expect([0, 1].map((v) => isPositive('awareness', v))).toEqual([true, false]);
    expect([0, 3].map((v) => isPositive('support', v))).toEqual([true, false]);
  });
});
