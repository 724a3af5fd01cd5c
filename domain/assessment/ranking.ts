// Rankings and red/black lists. Order (documented tie-breaking):
//   1. score (base + ledger points of the period), higher first
//   2. 按期结案率, higher first (no 应结案 counts as lowest)
//   3. 结案率, higher first (same)
//   4. 超期数, fewer first
//   5. region code, ascending (stable and public: never a coin toss)
// Red list: the first `redSize`; black list: the last `blackSize` of those not on the red list.
// A list size of 0 disables that list. `minRedScore`/`maxBlackScore` are optional thresholds:
// a subject joins the red list only at or above, the black list only at or below.
// The region code orders the table but never decides a list: subjects equal on
// keys 1-4 are listed together (a tie at the edge of a list joins it), the red
// list holds only subjects better than the last one and the black list only
// subjects worse than the first, so a period where everyone ties lists no one.
// A subject with no assessable records in the period (nothing filed, nothing
// due, no ledger points) is 无数据: it is not ranked and makes neither list.
import type { Indicators } from './indicators.ts';

export interface RankInput {
  code: string;
  name: string;
  score: number;
  points: number;
  indicators: Indicators;
}
export interface RankedRow extends RankInput {
  /** null: 无数据 (nothing to assess in the period). */
  rank: number | null;
  list: 'red' | 'black' | null;
  noData: boolean;
}

/** Nothing to assess: nothing filed, nothing due and no ledger points in the period. */
export function hasNoData(r: RankInput): boolean {
  return r.indicators.filed === 0 && r.indicators.due === 0 && r.points === 0;
}
export interface ListConfig {
  redSize: number;
  blackSize: number;
  minRedScore?: number | null;
  maxBlackScore?: number | null;
}
export const DEFAULT_LISTS: ListConfig = { redSize: 3, blackSize: 3, minRedScore: null, maxBlackScore: null };

const rate = (r: number | null) => (r === null ? -1 : r);

export function compareRows(a: RankInput, b: RankInput): number {
  return (
    b.score - a.score ||
    rate(b.indicators.onTimeRate) - rate(a.indicators.onTimeRate) ||
    rate(b.indicators.closeRate) - rate(a.indicators.closeRate) ||
    a.indicators.overdue - b.indicators.overdue ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

/** Equal on every ranking key except the region code. */
function tied(a: RankInput, b: RankInput): boolean {
  return compareRows(a, { ...b, code: a.code }) === 0;
}

export function rank(all: RankInput[], cfg: ListConfig): RankedRow[] {
  const rows = all.filter((r) => !hasNoData(r));
  const idle: RankedRow[] = all
    .filter(hasNoData)
    .sort((a, b) => (a.code < b.code ? -1 : 1))
    .map((r) => ({ ...r, rank: null, list: null, noData: true }));
  const sorted = [...rows].sort(compareRows);
  const n = sorted.length;
  if (!n) return idle;
  let red = Math.min(Math.max(0, cfg.redSize), n);
  while (red > 0 && red < n && tied(sorted[red], sorted[red - 1])) red++; // a tie at the edge joins
  let blackFrom = Math.max(red, n - Math.max(0, cfg.blackSize));
  while (blackFrom < n && blackFrom > red && tied(sorted[blackFrom - 1], sorted[blackFrom])) blackFrom--;
  const best = sorted[0];
  const worst = sorted[n - 1];
  const ranked = sorted.map((r, i): RankedRow => {
    let list: RankedRow['list'] = null;
    if (i < red && !tied(r, worst) && (cfg.minRedScore == null || r.score >= cfg.minRedScore)) list = 'red';
    else if (i >= blackFrom && !tied(r, best) && (cfg.maxBlackScore == null || r.score <= cfg.maxBlackScore)) list = 'black';
    return { ...r, rank: i + 1, list, noData: false };
  });
  return [...ranked, ...idle];
}
