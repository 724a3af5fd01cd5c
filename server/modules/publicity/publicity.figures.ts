// Figures ⑦ ⑩ ⑪ ⑫ ⑬ ⑭ ⑰ of the seed and the product's own LED and households
// figures (definitions in domain/figures.ts, what each counts in
// domain/publicity.ts). Each drills down to the desk list with exactly the
// filters that give the counted records.
import type { Db } from '../../db/pool.ts';
import type { FigureId } from '../../../domain/figures.ts';
import { drillQuery, type FigureProvider, type FigureQuery } from '../figures/index.ts';
import * as out from './output.repository.ts';
import * as fac from './facilities.repository.ts';
import { readAll } from '../../db/reads.ts';

export const PUBLICITY_FIGURES = [
  'publicity.articles',
  'publicity.featured',
  'facilities.boards',
  'facilities.ads',
  'publicity.flyers',
  'publicity.items',
  'publicity.door_to_door',
  'publicity.led',
  'publicity.households',
] as const satisfies readonly FigureId[];
type Id = (typeof PUBLICITY_FIGURES)[number];

const DRILL: Record<Id, { path: string; filters: Record<string, string>; facility?: boolean }> = {
  'publicity.articles': { path: '/publicity/articles', filters: { channel: 'wechat' } },
  'publicity.featured': { path: '/publicity/articles', filters: { featured: '1' } },
  'facilities.boards': { path: '/publicity/facilities', filters: { group: 'boards' }, facility: true },
  'facilities.ads': { path: '/publicity/facilities', filters: { group: 'ads' }, facility: true },
  'publicity.flyers': { path: '/publicity/handouts', filters: { kind: 'flyer' } },
  'publicity.items': { path: '/publicity/handouts', filters: { kind: 'item' } },
  'publicity.door_to_door': { path: '/publicity/door', filters: {} },
  'publicity.led': { path: '/publicity/led', filters: {} },
  'publicity.households': { path: '/publicity/door', filters: {} },
};

/** The list page's URL that shows exactly the records a figure counts (facilities: by their installation day). */
export function drillDown(id: Id, q: FigureQuery): string {
  const d = DRILL[id];
  if (d.facility) return `${d.path}?${new URLSearchParams({ ...d.filters, region: q.region, installedFrom: q.from, installedTo: q.to })}`;
  return `${d.path}${drillQuery(d.filters, q)}`;
}

export async function publicityFigureValues(db: Db, q: FigureQuery, ids: readonly FigureId[]): Promise<Partial<Record<Id, number>>> {
  const wantFacilities = ids.some((i) => i.startsWith('facilities.'));
  const wantOutput = ids.some((i) => !i.startsWith('facilities.'));
  const [o, g] = await readAll(db, [
    async () => (wantOutput ? out.outputCounts(db, q.region, q.from, q.to) : null),
    async () => (wantFacilities ? fac.installedByGroup(db, q.region, q.from, q.to) : null),
  ]);
  return {
    ...(o && {
      'publicity.articles': o.wechat,
      'publicity.featured': o.featured,
      'publicity.flyers': o.flyers,
      'publicity.items': o.items,
      'publicity.door_to_door': o.sessions,
      'publicity.led': o.led,
      'publicity.households': o.households,
    }),
    ...(g && { 'facilities.boards': g.boards ?? 0, 'facilities.ads': g.ads ?? 0 }),
  };
}

export const publicityFigures: FigureProvider = {
  ids: PUBLICITY_FIGURES,
  compute: (db, q, ids) => publicityFigureValues(db, q, ids),
  drillUrl: (id, q) => drillDown(id as Id, q),
};
