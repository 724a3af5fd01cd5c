// Shapes and queries of the problem views (server/modules/problems/
// views.routes.ts, list.ts, workbench.ts): the list filter as it appears in
// the URL, the workbench, the map, duplicate hints. The server is the authority.
import type { ProblemState, Source, Tier } from '../../../../domain/problems/vocab.ts';
import { PROBLEM_STATES, SOURCES, TIERS } from '../../../../domain/problems/vocab.ts';
import { POINT_TYPES, type PointType } from '../../../../domain/regions.ts';

/** The filter shared by the list, the map and the Excel export; every key is a URL query key. */
export interface ProblemFilter {
  state?: ProblemState[];
  categoryId?: number[];
  regionCode?: string;
  unitId?: number;
  source?: Source[];
  tier?: Tier[];
  /** At a place of these point types (a field standard's fix on the forecast page). */
  pointType?: PointType[];
  overdue?: boolean;
  flagged?: boolean;
  mine?: boolean;
  createdFrom?: string;
  createdTo?: string;
  /** The due date within (both included): 三日内到期 on the home page. */
  dueFrom?: string;
  dueTo?: string;
  q?: string;
}

export const SORTS = ['created', 'updated', 'due'] as const;
export type Sort = (typeof SORTS)[number];
export const SORT_LABELS: Record<Sort, string> = { created: '最新上报', updated: '最近更新', due: '整改期限最近' };

const list = (v: string | null) =>
  v
    ? v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** URL → filter, dropping anything malformed so a hand-edited link still opens. */
export function parseFilter(sp: URLSearchParams): ProblemFilter {
  const f: ProblemFilter = {};
  const states = list(sp.get('state')).filter((s): s is ProblemState => (PROBLEM_STATES as readonly string[]).includes(s));
  if (states.length) f.state = states;
  const cats = list(sp.get('categoryId'))
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  if (cats.length) f.categoryId = cats;
  const region = sp.get('regionCode');
  if (region && /^\d{6,15}$/.test(region)) f.regionCode = region;
  const unit = Number(sp.get('unitId'));
  if (Number.isInteger(unit) && unit > 0) f.unitId = unit;
  const sources = list(sp.get('source')).filter((s): s is Source => (SOURCES as readonly string[]).includes(s));
  if (sources.length) f.source = sources;
  const tiers = list(sp.get('tier')).filter((s): s is Tier => (TIERS as readonly string[]).includes(s));
  if (tiers.length) f.tier = tiers;
  const types = list(sp.get('pointType')).filter((s): s is PointType => (POINT_TYPES as readonly string[]).includes(s));
  if (types.length) f.pointType = types;
  if (sp.get('overdue') === '1') f.overdue = true;
  if (sp.get('flagged') === '1') f.flagged = true;
  if (sp.get('mine') === '1') f.mine = true;
  const from = sp.get('createdFrom');
  if (from && DAY.test(from)) f.createdFrom = from;
  const to = sp.get('createdTo');
  if (to && DAY.test(to)) f.createdTo = to;
  const dueFrom = sp.get('dueFrom');
  if (dueFrom && DAY.test(dueFrom)) f.dueFrom = dueFrom;
  const dueTo = sp.get('dueTo');
  if (dueTo && DAY.test(dueTo)) f.dueTo = dueTo;
  const q = sp.get('q')?.trim();
  if (q) f.q = q.slice(0, 100);
  return f;
}

export function parseSort(sp: URLSearchParams): Sort {
  const s = sp.get('sort');
  return (SORTS as readonly string[]).includes(s ?? '') ? (s as Sort) : 'created';
}

/** Filter → query object (for the API and for the URL), in a stable key order. */
export function filterQuery(f: ProblemFilter): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.q) q.q = f.q;
  if (f.state?.length) q.state = f.state.join(',');
  if (f.categoryId?.length) q.categoryId = f.categoryId.join(',');
  if (f.regionCode) q.regionCode = f.regionCode;
  if (f.unitId) q.unitId = String(f.unitId);
  if (f.source?.length) q.source = f.source.join(',');
  if (f.tier?.length) q.tier = f.tier.join(',');
  if (f.pointType?.length) q.pointType = f.pointType.join(',');
  if (f.overdue) q.overdue = '1';
  if (f.flagged) q.flagged = '1';
  if (f.mine) q.mine = '1';
  if (f.createdFrom) q.createdFrom = f.createdFrom;
  if (f.createdTo) q.createdTo = f.createdTo;
  if (f.dueFrom) q.dueFrom = f.dueFrom;
  if (f.dueTo) q.dueTo = f.dueTo;
  return q;
}

export function filterSearch(f: ProblemFilter, extra: Record<string, string | undefined> = {}): string {
  const sp = new URLSearchParams(filterQuery(f));
  for (const [k, v] of Object.entries(extra)) if (v) sp.set(k, v);
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export function isEmptyFilter(f: ProblemFilter): boolean {
  return Object.keys(filterQuery(f)).length === 0;
}

// ---- responses: the server's schemas (domain/api/problems.ts) ----

export type {
  DuplicateHints as DuplicateList,
  ProblemListItem as ListItem,
  ProblemList as ListPage,
  ProblemMap as MapResult,
  Workbench,
} from '../../../../domain/api/problems.ts';
import type { DuplicateHints, ProblemMap } from '../../../../domain/api/problems.ts';
export type MapCluster = ProblemMap['clusters'][number];
export type MapPoint = ProblemMap['points'][number];
export type DuplicateHint = DuplicateHints['items'][number];
export type { Followed as FollowResult } from '../../../../domain/api/problems.ts';
