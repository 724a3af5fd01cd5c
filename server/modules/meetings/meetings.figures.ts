// The figures meetings serve (seed ①-④: meetings held by kind; ⑥: study-trip
// participants), each with the desk list that shows exactly the counted records.
import type { FigureProvider } from '../figures/index.ts';
import { drillQuery } from '../figures/index.ts';
import { kindsOfFigure, MEETING_FIGURES } from '../../../domain/meetings.ts';
import * as repo from './meetings.repository.ts';
import * as trepo from './trips.repository.ts';

export const meetingFigures: FigureProvider = {
  ids: MEETING_FIGURES,
  async compute(db, q, ids) {
    const byCode = new Map((await repo.countByKindCode(db, q.region, q.from, q.to)).map((r) => [r.code, r.n]));
    return Object.fromEntries(ids.map((id) => [id, kindsOfFigure(id).reduce((n, code) => n + (byCode.get(code) ?? 0), 0)]));
  },
  drillUrl: (id, q) => `/meetings${drillQuery({ kind: kindsOfFigure(id).join(',') }, q)}`,
};

export const tripFigures: FigureProvider = {
  ids: ['study_trips.participants'],
  compute: async (db, q) => ({ 'study_trips.participants': await trepo.headCount(db, q.region, q.from, q.to) }),
  drillUrl: (_id, q) => `/meetings/trips${drillQuery({}, q)}`,
};
