// Scoring of visits and mock evaluations (状态描述法): each item's points ×
// its grade's coefficient, items not graded left out, a point's rate, and a
// community's rate per point type pooled over its points.
import { describe, expect, it } from 'vitest';
import { formatRate, itemScore, pooledRate, rateByPointType, scoreInspection } from '../../domain/inspections/scoring.ts';
import { GRADE_COEFFICIENT, gradeForProblems } from '../../domain/inspections/vocab.ts';

describe('grades', () => {
  it('are worth 100%, 66%, 33% and 0% of the points', () => {
    expect(GRADE_COEFFICIENT).toEqual({ A: 1, B: 0.66, C: 0.33, 'C#': 0 });
    expect(itemScore(3, 'A')).toBe(3);
    expect(itemScore(3, 'B')).toBe(1.98);
    expect(itemScore(3, 'C')).toBe(0.99);
    expect(itemScore(3, 'C#')).toBe(0);
    expect(itemScore(2.5, 'B')).toBe(1.65);
  });

  it('follow the number of problems found (A none, B one, C two, C# three or more)', () => {
    expect([0, 1, 2, 3, 7].map(gradeForProblems)).toEqual(['A', 'B', 'C', 'C#', 'C#']);
  });
});

describe('a point', () => {
  it('scores the graded items and rates the score against their points', () => {
    const s = scoreInspection([
      { points: 2, grade: 'A' }, // 2
      { points: 2, grade: 'B' }, // 1.32
      { points: 3, grade: 'C' }, // 0.99
      { points: 3, grade: 'C#' }, // 0
    ]);
    expect(s).toEqual({ score: 4.31, max: 10, rate: 0.431 });
  });

  it('leaves ungraded items (不涉及) out of both the score and the maximum', () => {
    const withNa = scoreInspection([
      { points: 2, grade: 'A' },
      { points: 5, grade: null },
      { points: 3, grade: 'B' },
    ]);
    expect(withNa).toEqual({ score: 3.98, max: 5, rate: 0.796 });
    expect(scoreInspection([{ points: 5, grade: null }])).toEqual({ score: 0, max: 0, rate: null });
    expect(scoreInspection([])).toEqual({ score: 0, max: 0, rate: null });
  });

  it('is all A: a rate of 100%', () => {
    const s = scoreInspection([
      { points: 3, grade: 'A' },
      { points: 1, grade: 'A' },
    ]);
    expect(s.rate).toBe(1);
    expect(formatRate(s.rate)).toBe('100.00%');
  });
});

describe('a community by point type', () => {
  it('pools the scores and maxima of its points per type (not an average of rates)', () => {
    const rates = rateByPointType([
      { pointType: 'market', score: 9, max: 10 },
      { pointType: 'market', score: 10, max: 20 },
      { pointType: 'back_street', score: 15.84, max: 16 },
    ]);
    expect(rates).toEqual([
      { pointType: 'back_street', points: 1, score: 15.84, max: 16, rate: 0.99 },
      // (9 + 10) / (10 + 20) = 0.6333, not the mean of 0.9 and 0.5 (0.7)
      { pointType: 'market', points: 2, score: 19, max: 30, rate: 0.6333 },
    ]);
  });

  it('has no rate for a type whose points graded nothing', () => {
    expect(rateByPointType([{ pointType: 'park', score: 0, max: 0 }])[0].rate).toBeNull();
  });

  it('pools every point for the overall rate', () => {
    expect(
      pooledRate([
        { score: 9, max: 10 },
        { score: 10, max: 20 },
        { score: 15.84, max: 16 },
      ]),
    ).toBe(0.7574); // 34.84 / 46
    expect(pooledRate([])).toBeNull();
    expect(formatRate(0.7574)).toBe('75.74%');
    expect(formatRate(null)).toBe('—');
  });
});
