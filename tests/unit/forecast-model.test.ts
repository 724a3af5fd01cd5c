// A county's forecast losses (server/modules/evaluation/forecast.model.ts
// meanLosses): each town has its own tree, so one handbook code is a
// different node in each town. The county's row names the town losing most
// and carries that town's node, whose point types its fix link lists.
import { describe, expect, it } from 'vitest';
import { forecastOf, meanLosses, type ForecastStandard } from '../../server/modules/evaluation/forecast.model.ts';

const weights = { field: 40, material: 40, survey: 20 };
const town = (code: string, standardId: number, rate: number) => {
  const s: ForecastStandard[] = [{ id: standardId, code: 'A1.1', name: `农贸市场（${code}）`, pillar: 'field', points: 10 }];
  return { code, forecast: forecastOf(s, new Map([[standardId, { rate, coverage: 1, n: 3 }]]), weights) };
};

describe('a county’s losses', () => {
  it('carry the node of the town losing most, whichever town comes first', () => {
    const towns = [town('350821100', 11, 0.9), town('350821101', 22, 0.5), town('350821102', 33, 0.7)];
    const [l] = meanLosses(towns);
    expect(l).toMatchObject({ code: 'A1.1', worst: '350821101', standardId: 22, name: '农贸市场（350821101）' });
    // The sum over the towns with a score, over their number: (4 + 20 + 12) / 3.
    expect(l.lost).toBe(12);
    expect(l.rate).toBe(0.7);
  });
});
