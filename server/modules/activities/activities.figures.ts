// Figures ⑮ and ⑯ of the seed (definitions in domain/figures.ts): activities
// held in a region over a period, all kinds, and those of the 主题宣讲/先进评选/
// 志愿服务 kinds. Each drills down to the activity list with exactly the
// filters that produce the counted records (state held, the region, the
// period's days, and for ⑯ the kinds), so the list shows what the figure counts.
import type { Db } from '../../db/pool.ts';
import { FEATURED_KIND_CODES } from '../../../domain/activities.ts';
import { drillQuery, type FigureProvider } from '../figures/index.ts';
import * as repo from './activities.repository.ts';

export const ACTIVITY_FIGURES = ['activities.held', 'activities.featured'] as const;
export type ActivityFigureId = (typeof ACTIVITY_FIGURES)[number];

/** The list page's URL that shows exactly the records a figure counts (region, from, to as the registry's drillQuery writes them). */
export function drillDown(id: ActivityFigureId, region: string, from: string, to: string): string {
  const filters: Record<string, string> = { state: 'held' };
  if (id === 'activities.featured') filters.kinds = FEATURED_KIND_CODES.join(',');
  return `/activities${drillQuery(filters, { region, from, to })}`;
}

/** Both figures' values for a region (county, town or community code) and a period of days. */
export async function activityFigureValues(db: Db, region: string, from: string, to: string): Promise<Record<ActivityFigureId, number>> {
  const c = await repo.heldCounts(db, region, from, to, FEATURED_KIND_CODES);
  return { 'activities.held': c.held, 'activities.featured': c.featured };
}

export const activityFigures: FigureProvider = {
  ids: ACTIVITY_FIGURES,
  compute: (db, q) => activityFigureValues(db, q.region, q.from, q.to),
  drillUrl: (id, q) => drillDown(id as ActivityFigureId, q.region, q.from, q.to),
};
