// Scoring of visits and mock evaluations (DOMAIN.md §4): each item's points ×
// the grade coefficient; a point's score rate (得分率) is score ÷ the points of
// the items graded; a community's rate per point type pools its points. Items
// left ungraded (不涉及) count neither way. Pure and deterministic.
import { GRADE_COEFFICIENT, type Grade } from './vocab.ts';

export interface GradedItem {
  points: number;
  grade: Grade | null;
}
export interface Score {
  score: number;
  max: number;
  rate: number | null;
}

const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;
const round4 = (x: number) => Math.round((x + Number.EPSILON) * 10000) / 10000;

export function itemScore(points: number, grade: Grade): number {
  return round2(points * GRADE_COEFFICIENT[grade]);
}

export function scoreInspection(items: GradedItem[]): Score {
  let score = 0;
  let max = 0;
  for (const it of items) {
    if (it.grade === null) continue;
    score += itemScore(it.points, it.grade);
    max += it.points;
  }
  score = round2(score);
  max = round2(max);
  return { score, max, rate: max > 0 ? round4(score / max) : null };
}

export interface PointScore {
  pointType: string;
  score: number;
  max: number;
}
export interface TypeRate {
  pointType: string;
  points: number;
  score: number;
  max: number;
  rate: number | null;
}

/** A community's score rate by point type: the scores and maxima of its points pooled per type. */
export function rateByPointType(points: PointScore[]): TypeRate[] {
  const by = new Map<string, TypeRate>();
  for (const p of points) {
    const r = by.get(p.pointType) ?? { pointType: p.pointType, points: 0, score: 0, max: 0, rate: null };
    r.points += 1;
    r.score = round2(r.score + p.score);
    r.max = round2(r.max + p.max);
    by.set(p.pointType, r);
  }
  return [...by.values()].map((r) => ({ ...r, rate: r.max > 0 ? round4(r.score / r.max) : null })).sort((a, b) => a.pointType.localeCompare(b.pointType));
}

/** The overall rate of a set of points (pooled, like the national evaluation's 综合得分率). */
export function pooledRate(points: { score: number; max: number }[]): number | null {
  const max = points.reduce((s, p) => s + p.max, 0);
  return max > 0 ? round4(points.reduce((s, p) => s + p.score, 0) / max) : null;
}

/** 0.8734 → "87.34%". */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(2)}%`;
}
