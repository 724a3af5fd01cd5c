// The forecast's arithmetic (issue 21 item 4), the one definition, no I/O:
// each standard of the tree belongs to the pillar of its first method; a
// pillar's rate is its standards' rates weighted by their points, over the
// standards that have data, and its coverage the share of its points (field:
// times the share of the points' places evaluated) that have data. The total
// is the weighted pillars' rate over the weight that has data, with that
// weight as its coverage: a pillar without data is incomplete and the total
// partial — never as if the missing pillar scored zero. A standard's loss is
// what it costs the 100-point total: weight × its share of the pillar's
// points × (1 − rate). A county is the mean of its towns: each figure over
// the towns that have it, a standard's loss its towns' losses summed over the
// towns that have a score.
import type { EvalMethod } from '../../../domain/evaluation.ts';

export type Pillar = EvalMethod; // field | material | survey
export const PILLARS: Pillar[] = ['field', 'material', 'survey'];
export type Weights = Record<Pillar, number>;

export interface ForecastStandard {
  id: number;
  code: string;
  name: string;
  pillar: Pillar;
  points: number;
}
/** A standard's rate (0…1) and how much of it is known (field: share of its places evaluated; else 1 when there is a rate). */
export interface StandardRate {
  rate: number;
  coverage: number;
  /** Respondents (survey), places evaluated (field), kinds required (material). */
  n: number;
}

export interface PillarResult {
  points: number;
  rate: number | null;
  coverage: number;
  /** The pillar's points of the 100-point total it is expected to earn (weight × rate), null without data. */
  score: number | null;
  state: 'complete' | 'partial' | 'incomplete';
}
export interface Loss {
  standardId: number;
  code: string;
  name: string;
  pillar: Pillar;
  rate: number;
  lost: number;
}
export interface ForecastResult {
  pillars: Record<Pillar, PillarResult>;
  total: { score: number | null; coverage: number; partial: boolean };
  /** Every standard with data, most lost first (a standard at its full rate loses 0). */
  losses: Loss[];
}
export type Summary = Pick<ForecastResult, 'pillars' | 'total'>;

const r1 = (v: number) => Math.round(v * 10) / 10;
const r3 = (v: number) => Math.round(v * 1000) / 1000;

export function forecastOf(standards: ForecastStandard[], rates: Map<number, StandardRate>, weights: Weights): ForecastResult {
  const pillars = {} as Record<Pillar, PillarResult>;
  const losses: Loss[] = [];
  let weighted = 0;
  let knownWeight = 0;
  let coveredWeight = 0;
  let allWeight = 0;
  for (const p of PILLARS) {
    const list = standards.filter((s) => s.pillar === p && s.points > 0);
    const points = list.reduce((n, s) => n + s.points, 0);
    let withData = 0;
    let earned = 0;
    let covered = 0;
    for (const s of list) {
      const r = rates.get(s.id);
      if (!r) continue;
      withData += s.points;
      earned += s.points * r.rate;
      covered += s.points * r.coverage;
    }
    const rate = withData ? earned / withData : null;
    const coverage = points ? covered / points : 0;
    pillars[p] = {
      points: r1(points),
      rate: rate == null ? null : r3(rate),
      coverage: r3(coverage),
      score: rate == null ? null : r1(weights[p] * rate),
      state: rate == null ? 'incomplete' : coverage >= 0.999 ? 'complete' : 'partial',
    };
    if (!points) continue;
    allWeight += weights[p];
    coveredWeight += weights[p] * coverage;
    if (rate != null) {
      weighted += weights[p] * rate;
      knownWeight += weights[p];
    }
    for (const s of list) {
      const r = rates.get(s.id);
      if (r)
        losses.push({ standardId: s.id, code: s.code, name: s.name, pillar: p, rate: r3(r.rate), lost: r3((weights[p] * s.points * (1 - r.rate)) / points) });
    }
  }
  losses.sort((a, b) => b.lost - a.lost || a.code.localeCompare(b.code, undefined, { numeric: true }));
  const coverage = allWeight ? coveredWeight / allWeight : 0;
  return {
    pillars,
    total: { score: knownWeight ? r1((weighted / knownWeight) * 100) : null, coverage: r3(coverage), partial: coverage < 0.999 },
    losses,
  };
}

/** Rates of several parts (communities) pooled: each rate weighted by its n, coverage by its n (field: places) over all places. */
export function pool(parts: StandardRate[], total?: number): StandardRate | null {
  const n = parts.reduce((s, p) => s + p.n, 0);
  if (!n) return null;
  const rate = parts.reduce((s, p) => s + p.rate * p.n, 0) / n;
  return { rate, coverage: total ? Math.min(1, n / total) : 1, n };
}

const mean3 = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x != null);
  return v.length ? r3(v.reduce((a, b) => a + b, 0) / v.length) : null;
};

/** Mean of several regions' forecasts (a county over its towns): each figure averaged over the regions that have it. */
export function meanOf(list: Summary[]): Summary {
  const pillars = {} as Summary['pillars'];
  for (const p of PILLARS) {
    const xs = list.map((f) => f.pillars[p]);
    const rate = mean3(xs.map((x) => x.rate));
    const coverage = mean3(xs.map((x) => x.coverage)) ?? 0;
    pillars[p] = {
      points: mean3(xs.map((x) => x.points)) ?? 0,
      rate,
      coverage,
      score: mean3(xs.map((x) => x.score)),
      state: rate == null ? 'incomplete' : coverage >= 0.999 ? 'complete' : 'partial',
    };
  }
  const coverage = mean3(list.map((f) => f.total.coverage)) ?? 0;
  const score = mean3(list.map((f) => f.total.score));
  return { pillars, total: { score: score == null ? null : r1(score), coverage, partial: coverage < 0.999 } };
}

/**
 * A county's losses from its towns' (each town's `losses`, every standard with data): per standard (by
 * handbook code), its towns' losses summed over the towns with a score (the county's total is their mean),
 * its rate the mean of theirs; `worst` is the town losing most on it (where its fix is), and the row's
 * standardId and name are that town's node (a field fix reads the node's point types).
 */
export function meanLosses(towns: { code: string; forecast: ForecastResult }[]): (Loss & { worst: string })[] {
  const scored = towns.filter((t) => t.forecast.total.score != null).length;
  if (!scored) return [];
  const by = new Map<string, { loss: Loss; lost: number; rates: number[]; worst: string; worstLost: number }>();
  for (const t of towns) {
    if (t.forecast.total.score == null) continue;
    for (const l of t.forecast.losses) {
      const key = `${l.pillar}|${l.code}`;
      const g = by.get(key) ?? { loss: l, lost: 0, rates: [], worst: t.code, worstLost: -1 };
      g.lost += l.lost;
      g.rates.push(l.rate);
      // The row is the worst town's standard (each town has its own tree): its id is what the fix link reads.
      if (l.lost > g.worstLost) [g.loss, g.worst, g.worstLost] = [l, t.code, l.lost];
      by.set(key, g);
    }
  }
  return [...by.values()]
    .map((g) => ({ ...g.loss, rate: mean3(g.rates) ?? 0, lost: r3(g.lost / scored), worst: g.worst }))
    .filter((l) => l.lost > 0)
    .sort((a, b) => b.lost - a.lost || a.code.localeCompare(b.code, undefined, { numeric: true }));
}
