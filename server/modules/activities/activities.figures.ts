// Figures ⑮ and ⑯ of the seed (issue 19's definitions): activities held in
// a region over a period, all kinds, and those of the 主题宣讲/先进评选/志愿服务
// kinds. Each drills down to the activity list with exactly the filters that
// produce the counted records (state held, the region, the period's days,
// and for ⑯ the kinds), so the list's count is the figure.
import type { Db } from '../../db/pool.ts';
import { FEATURED_KIND_CODES } from '../../../domain/activities.ts';
import * as repo from './activities.repository.ts';

export const ACTIVITY_FIGURE_DEFS = [
  {
    id: 'activities_held', seed: '⑮', name: '创城系列活动', unit: '场',
    definition: '期间内已开展（状态为已开展，按开展日期）的活动场次，所有类别；区域按活动地点所在社区',
  },
  {
    id: 'activities_featured', seed: '⑯', name: '主题宣讲、先进评选、志愿服务等活动', unit: '场',
    definition: '期间内已开展的主题宣讲、先进评选、志愿服务类活动场次（按开展日期）；区域按活动地点所在社区',
  },
] as const;
export type ActivityFigureId = (typeof ACTIVITY_FIGURE_DEFS)[number]['id'];

/** The list page's URL that shows exactly the records a figure counts. */
export function drillDown(id: ActivityFigureId, region: string, from: string, to: string): string {
  const q = new URLSearchParams({ regionCode: region, from, to, state: 'held' });
  if (id === 'activities_featured') q.set('kinds', FEATURED_KIND_CODES.join(','));
  return `/activities?${q}`;
}

/** Both figures' values for a region (county, town or community code) and a period of days. */
export async function activityFigureValues(db: Db, region: string, from: string, to: string): Promise<Record<ActivityFigureId, number>> {
  const c = await repo.heldCounts(db, region, from, to, FEATURED_KIND_CODES);
  return { activities_held: c.held, activities_featured: c.featured };
}
