// The figures reports serve to the registry: ⑧ community daily reports
// submitted, ⑨ town daily reports published (a corrected issue counts once),
// ㉗ the town's 督查通报 and 暗访情况通报 published (both kinds), each with the
// desk list that shows exactly the counted records.
import type { FigureProvider } from '../figures/index.ts';
import { drillQuery } from '../figures/index.ts';
import * as drepo from './daily.repository.ts';
import * as frepo from './figures.repository.ts';

export const reportFigures: FigureProvider = {
  ids: ['reports.community_daily', 'reports.town_daily', 'notices.town_published'],
  async compute(db, q, ids) {
    const out: Record<string, number> = {};
    for (const id of ids) {
      if (id === 'reports.community_daily') out[id] = await drepo.countSubmitted(db, q.region, q.from, q.to);
      if (id === 'reports.town_daily') out[id] = await frepo.publishedTownReports(db, 'daily', q.region, q.from, q.to);
      if (id === 'notices.town_published') out[id] = await frepo.publishedNotices(db, q.region, q.from, q.to);
    }
    return out;
  },
  drillUrl: (id, q) =>
    id === 'reports.community_daily'
      ? `/reports/daily${drillQuery({}, q)}`
      : id === 'reports.town_daily'
        ? `/reports/town${drillQuery({ kind: 'daily', state: 'published' }, q)}`
        : `/notices${drillQuery({ tab: 'issued', state: 'published', kind: 'supervision,unannounced_visit' }, q)}`,
};
