// Figures of volunteers and orders (issue 17): seed ⑤ volunteers.teams (the
// town and community volunteer teams that exist, by the catalogue's
// definition in domain/figures.ts), members, service hours and person-times
// per period, orders received, answered and rated. Each drills down to the
// desk page that lists the counted records.
import type { Db } from '../../db/pool.ts';
import type { FigureId } from '../../../domain/figures.ts';
import { hoursOf } from '../../../domain/volunteers.ts';
import { drillQuery, type FigureProvider } from '../figures/index.ts';
import * as mrepo from './members.repository.ts';
import * as srepo from './service.repository.ts';
import * as orepo from './orders.repository.ts';

export const VOLUNTEER_FIGURES = [
  'volunteers.teams',
  'volunteers.members',
  'volunteers.hours',
  'volunteers.person_times',
  'orders.received',
  'orders.answered',
  'orders.rated',
] as const satisfies readonly FigureId[];
export type VolunteerFigureId = (typeof VOLUNTEER_FIGURES)[number];

export function drillDown(id: VolunteerFigureId, region: string, from: string, to: string): string {
  const q = { region, from, to };
  switch (id) {
    case 'volunteers.teams':
      return `/volunteers/teams${drillQuery({}, q)}`;
    case 'volunteers.members':
      return `/volunteers${drillQuery({}, q)}`;
    case 'volunteers.hours':
    case 'volunteers.person_times':
      return `/volunteers/service${drillQuery({ status: 'confirmed' }, q)}`;
    case 'orders.received':
      return `/volunteers/orders${drillQuery({}, q)}`;
    case 'orders.answered':
      return `/volunteers/orders${drillQuery({ answered: '1' }, q)}`;
    case 'orders.rated':
      return `/volunteers/orders${drillQuery({ state: 'rated' }, q)}`;
  }
}

export async function volunteerFigureValues(db: Db, region: string, from: string, to: string, ids: readonly FigureId[] = VOLUNTEER_FIGURES) {
  const want = (x: string) => ids.includes(x as FigureId);
  const out: Partial<Record<VolunteerFigureId, number>> = {};
  if (want('volunteers.teams')) out['volunteers.teams'] = await mrepo.teamCount(db, region, to);
  if (want('volunteers.members')) out['volunteers.members'] = await mrepo.memberCount(db, region, from, to);
  if (want('volunteers.hours') || want('volunteers.person_times')) {
    const s = await srepo.figureSums(db, region, from, to);
    out['volunteers.hours'] = hoursOf(s.minutes);
    out['volunteers.person_times'] = s.records;
  }
  if (want('orders.received') || want('orders.answered') || want('orders.rated')) {
    const o = await orepo.figureCounts(db, region, from, to);
    Object.assign(out, { 'orders.received': o.received, 'orders.answered': o.answered, 'orders.rated': o.rated });
  }
  return out;
}

export const volunteerFigures: FigureProvider = {
  ids: VOLUNTEER_FIGURES,
  compute: (db, q, ids) => volunteerFigureValues(db, q.region, q.from, q.to, ids),
  drillUrl: (id, q) => drillDown(id as VolunteerFigureId, q.region, q.from, q.to),
};
