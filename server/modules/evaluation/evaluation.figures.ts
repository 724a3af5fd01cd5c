// The figures the evaluation serves (issue 20): completeness, materials
// accepted / returned / missing and the departments not yet complete, over each
// town's cycle of the period's last year (else its latest before), by the one
// completeness definition of domain/evaluation.ts.
import type { FigureProvider } from '../figures/index.ts';
import { drillQuery } from '../figures/index.ts';
import { completeness, missingSlots } from '../../../domain/evaluation.ts';
import * as repo from './materials.repository.ts';

export const EVALUATION_FIGURES = [
  'evaluation.completeness',
  'evaluation.materials_accepted',
  'evaluation.materials_returned',
  'evaluation.materials_missing',
  'evaluation.departments_incomplete',
] as const;

/** The pooled figures of a region's cycles. */
export async function regionFigures(db: Parameters<FigureProvider['compute']>[0], region: string, year: number) {
  let required = 0;
  let accepted = 0;
  let acceptedN = 0;
  let returnedN = 0;
  let missing = 0;
  let incomplete = 0;
  const cycles = await repo.cyclesForFigures(db, region, year);
  const ids = cycles.map((c) => c.id);
  const allSlots = await repo.slotsOfCycles(db, ids);
  const allStates = await repo.statesOfCycles(db, ids);
  for (const cy of cycles) {
    const slots = allSlots.filter((s) => s.cycleId === cy.id);
    const states = allStates.filter((s) => s.cycleId === cy.id);
    const c = completeness(
      slots,
      states.filter((s) => s.state === 'accepted'),
    );
    required += c.overall.required;
    accepted += c.overall.accepted;
    acceptedN += states.filter((s) => s.state === 'accepted').reduce((n, s) => n + s.n, 0);
    returnedN += states.filter((s) => s.state === 'returned').reduce((n, s) => n + s.n, 0);
    missing += missingSlots(c.perStandard, states);
    for (const u of c.perUnit.values()) if (u.accepted < u.required) incomplete++;
  }
  return {
    'evaluation.completeness': required ? Math.round((accepted / required) * 1000) / 10 : 0,
    'evaluation.materials_accepted': acceptedN,
    'evaluation.materials_returned': returnedN,
    'evaluation.materials_missing': missing,
    'evaluation.departments_incomplete': incomplete,
  };
}

export const evaluationFigures: FigureProvider = {
  ids: EVALUATION_FIGURES,
  async compute(db, q, ids) {
    const all = await regionFigures(db, q.region, Number(q.to.slice(0, 4)));
    return Object.fromEntries(ids.map((id) => [id, all[id as (typeof EVALUATION_FIGURES)[number]] ?? 0]));
  },
  drillUrl: (_id, q) => `/evaluation/materials${drillQuery({}, q)}`,
};
