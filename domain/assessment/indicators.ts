// Standard indicators of 数字化城市管理 (after CJ/T 292 evaluation practice),
// computed from counts. Definitions, for problems of one group (a community,
// a unit, a town) and one period [start, end] of China dates:
//   立案数 filed       problems reported in the period and accepted (not rejected, merged or still awaiting filing)
//   应结案数 due       problems dispatched to a unit whose deadline (due_date) falls in the period: the cases
//                      that should have been closed by the end of the period. Rejected and merged are excluded.
//   结案数 closed      among 应结案, those closed (whenever: a late closure still counts as closed)
//   按期结案数 onTime  among 应结案, those closed on or before their deadline (closed_on_time)
//   返工数 rework      among 应结案, those sent back at least once at verification (verify_fail)
//   超期数 overdue     among 应结案, those not closed on time (closed late, or still open after the deadline)
// Rates are over 应结案数, so they stay within [0, 1]: 结案率 = 结案数/应结案数,
// 按期结案率 = 按期结案数/应结案数, 返工率 = 返工数/应结案数. With no 应结案 the rates are null.
export interface IndicatorCounts {
  filed: number;
  due: number;
  closed: number;
  onTime: number;
  rework: number;
  overdue: number;
}

export interface IndicatorWeights {
  closeRate: number;
  onTimeRate: number;
  /** Weight of (1 - 返工率). */
  reworkRate: number;
}

export const DEFAULT_WEIGHTS: IndicatorWeights = { closeRate: 0.3, onTimeRate: 0.5, reworkRate: 0.2 };

export interface Indicators extends IndicatorCounts {
  closeRate: number | null;
  onTimeRate: number | null;
  reworkRate: number | null;
  /** 综合指标值, 0-100: the weighted mean of 结案率, 按期结案率 and 1 − 返工率. */
  composite: number | null;
}

/** Round to 2 decimals of a percentage (93.72) or 4 of a ratio (0.9372). */
export const pct = (r: number | null) => (r === null ? null : Math.round(r * 10000) / 100);
const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1e6) / 1e6 : null);

export function indicators(c: IndicatorCounts, w: IndicatorWeights = DEFAULT_WEIGHTS): Indicators {
  const closeRate = ratio(c.closed, c.due);
  const onTimeRate = ratio(c.onTime, c.due);
  const reworkRate = ratio(c.rework, c.due);
  const sum = w.closeRate + w.onTimeRate + w.reworkRate;
  const composite =
    closeRate === null || onTimeRate === null || reworkRate === null || sum <= 0
      ? null
      : Math.round(((w.closeRate * closeRate + w.onTimeRate * onTimeRate + w.reworkRate * (1 - reworkRate)) / sum) * 10000) / 100;
  return { ...c, closeRate, onTimeRate, reworkRate, composite };
}

export function validWeights(w: IndicatorWeights): boolean {
  const v = [w.closeRate, w.onTimeRate, w.reworkRate];
  return v.every((x) => Number.isFinite(x) && x >= 0) && v.some((x) => x > 0);
}
