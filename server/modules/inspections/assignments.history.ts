// When a change of who holds which places may take effect (issue 12: settings
// that change counts are versioned by effective date). The rows themselves,
// and the one routine that writes them, are in assignments.repository.ts.
import { AppError } from '../../platform/errors.ts';

/**
 * The earliest effective date a change may take: the first day of last month
 * (what the daily misses job re-reads, so a correction reaches the recorded
 * misses; earlier periods are settled and are not rewritten). Never later
 * than today: a change cannot be scheduled.
 */
export function earliestAssignmentDate(today: string): string {
  const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 10);
}

export function checkAssignmentDate(from: string, today: string, path = 'effectiveFrom'): void {
  if (from > today) throw new AppError('VALIDATION_FAILED', '生效日期不能晚于今天', [{ path, message: '不能晚于今天' }]);
  const earliest = earliestAssignmentDate(today);
  if (from < earliest) {
    throw new AppError('VALIDATION_FAILED', `生效日期最早为 ${earliest}：更早的统计期已结算，不再改写`, [{ path, message: `不能早于 ${earliest}` }]);
  }
}
