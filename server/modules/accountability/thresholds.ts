// 问责 thresholds ("对多次整改不到位的...进行问责"), kept in settings under
// 'accountability.thresholds'; missing keys fall back to the defaults.
import type { Db } from '../../db/pool.ts';
import { getSetting } from '../../platform/bootstrap.ts';

export interface Thresholds {
  /** Reworks (返工) on one problem that open an item (≥). */
  reworkPerProblem: number;
  /** Working days overdue beyond which an open problem opens an item (>). */
  overdueWorkingDays: number;
  /** Overdue problems of one unit due in one calendar month that open an item (≥). */
  unitOverduePerMonth: number;
}

export const THRESHOLDS_SETTING = 'accountability.thresholds';
export const DEFAULT_THRESHOLDS: Thresholds = { reworkPerProblem: 3, overdueWorkingDays: 10, unitOverduePerMonth: 3 };

export async function getThresholds(db: Db): Promise<Thresholds> {
  const v = (await getSetting<Partial<Thresholds>>(db, THRESHOLDS_SETTING)) ?? {};
  const pick = (k: keyof Thresholds) => (Number.isInteger(v[k]) && (v[k] as number) > 0 ? (v[k] as number) : DEFAULT_THRESHOLDS[k]);
  return { reworkPerProblem: pick('reworkPerProblem'), overdueWorkingDays: pick('overdueWorkingDays'), unitOverduePerMonth: pick('unitOverduePerMonth') };
}
