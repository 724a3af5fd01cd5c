// The current-state problem figures of the registry (domain/figures.ts, 问题现状): new and closed in the period, open,
// overdue, due soon and awaiting verification as of today, and the period's 按期结案率, 结案率, 返工率. The home pages
// and the 大屏 read them through figures(), so both show the same numbers; each drills down to the problem list
// filtered to exactly the counted problems.
import type { Db } from '../../db/pool.ts';
import { todayChina } from '../../platform/clock.ts';
import type { FigureId } from '../../../domain/figures.ts';
import { addWorkingDays } from '../../../domain/calendar.ts';
import { indicators, pct, type IndicatorCounts } from '../../../domain/assessment/indicators.ts';
import { OPEN_STATES, OPEN_DISPATCHED_STATES } from '../../../domain/problems/vocab.ts';
import type { FigureProvider, FigureQuery } from '../figures/index.ts';
import { getCalendar } from '../calendar/index.ts';
import { indicatorCounts } from '../assessment/index.ts';
import * as repo from './home.repository.ts';
import { readAll } from '../../db/reads.ts';

/** "Due soon": running (dispatched, rectifying, rectified) and due from today through this many working days after it. */
export const DUE_SOON_WORKING_DAYS = 3;

/** The last day of the due-soon window: the third working day after `today` (today itself always in the window). */
export async function dueSoonTo(db: Db, today: string): Promise<string> {
  return addWorkingDays(today, DUE_SOON_WORKING_DAYS, await getCalendar(db));
}

export const PROBLEM_FIGURES = [
  'problems.new',
  'problems.closed',
  'problems.open',
  'problems.overdue',
  'problems.due_soon',
  'problems.awaiting_verification',
  'problems.on_time_rate',
  'problems.close_rate',
  'problems.rework_rate',
] as const satisfies readonly FigureId[];
type ProblemFigure = (typeof PROBLEM_FIGURES)[number];

const NOW: readonly FigureId[] = ['problems.open', 'problems.overdue', 'problems.due_soon', 'problems.awaiting_verification'];
const RATES: readonly FigureId[] = ['problems.on_time_rate', 'problems.close_rate', 'problems.rework_rate'];

/** The indicator counts of a region (county, town or community) summed over its groups. */
async function regionIndicators(db: Db, q: FigureQuery, today: string) {
  const groups = await indicatorCounts(db, q.region, q.region.length > 9 ? 'community' : 'town', { start: q.from, end: q.to }, today);
  const sum: IndicatorCounts = { filed: 0, due: 0, closed: 0, onTime: 0, rework: 0, overdue: 0 };
  for (const c of groups.values()) for (const k of Object.keys(sum) as (keyof IndicatorCounts)[]) sum[k] += Number(c[k]);
  return indicators(sum);
}

// The due-soon window's last day as last computed (drillUrl is synchronous; figures() computes before it links).
let window = { today: '', to: '' };

export const problemFigures: FigureProvider = {
  ids: PROBLEM_FIGURES,
  async compute(db, q, ids) {
    const today = todayChina();
    const want = (list: readonly FigureId[]) => ids.some((i) => list.includes(i));
    const [now, flows, rates] = await readAll(db, [
      async () =>
        want(NOW)
          ? dueSoonTo(db, today).then((to) => {
              window = { today, to };
              return repo.problemsNow(db, repo.inRegionSql(q.region), today, to);
            })
          : null,
      async () => (want(['problems.new', 'problems.closed']) ? repo.problemFlows(db, repo.inRegionSql(q.region), q.from, q.to) : null),
      async () => (want(RATES) ? regionIndicators(db, q, today) : null),
    ]);
    const out: Partial<Record<FigureId, number | null>> = {};
    if (flows) Object.assign(out, { 'problems.new': flows.created, 'problems.closed': flows.closed });
    if (now)
      Object.assign(out, {
        'problems.open': now.open,
        'problems.overdue': now.overdue,
        'problems.due_soon': now.dueSoon,
        'problems.awaiting_verification': now.awaiting,
      });
    if (rates)
      Object.assign(out, {
        'problems.on_time_rate': pct(rates.onTimeRate),
        'problems.close_rate': pct(rates.closeRate),
        'problems.rework_rate': pct(rates.reworkRate),
      });
    return out;
  },
  drillUrl: (id, q) => `/problems?${new URLSearchParams({ regionCode: q.region, ...drillFilter(id as ProblemFigure, q) })}`,
};

function drillFilter(id: ProblemFigure, q: FigureQuery): Record<string, string> {
  switch (id) {
    case 'problems.new':
      return { createdFrom: q.from, createdTo: q.to };
    case 'problems.closed':
      return { state: 'closed', closedFrom: q.from, closedTo: q.to };
    case 'problems.open':
      return { state: OPEN_STATES.join(',') };
    case 'problems.overdue':
      return { overdue: '1' };
    case 'problems.due_soon': {
      const today = todayChina();
      return { state: OPEN_DISPATCHED_STATES.join(','), dueFrom: today, ...(window.today === today ? { dueTo: window.to } : {}), sort: 'due' };
    }
    case 'problems.awaiting_verification':
      return { state: 'rectified' };
    default:
      // The rates are over the problems due in the period (应结案): the list of those.
      return { dueFrom: q.from, dueTo: q.to, sort: 'due' };
  }
}
