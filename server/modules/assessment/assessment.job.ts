// Nightly recompute of the points ledger: the current month and the previous
// one (late closures and reworks land in the first days of a month) for every
// region that has reward/punishment rules. Idempotent: an unchanged month
// writes nothing (repository.applyDiff writes only the difference).
import type { Db } from '../../db/pool.ts';
import { chinaDate } from '../../../domain/calendar.ts';
import { periodOf } from '../../../domain/assessment/periods.ts';
import { addDays } from '../../../domain/dates.ts';
import { recompute } from './assessment.service.ts';
import { ruleRegions } from './assessment.repository.ts';
import { now as clockNow } from '../../platform/clock.ts';

export async function runAssessmentRecompute(db: Db, now: Date = clockNow()) {
  const today = chinaDate(now);
  const regions = await ruleRegions(db);
  // A county's recompute covers its towns: keep only the outermost regions.
  const roots = regions.filter((r) => !regions.some((o) => o !== r && r.startsWith(o)));
  const thisMonth = periodOf('month', today).start;
  const lastMonth = periodOf('month', addDays(thisMonth, -1)).start;
  let entries = 0;
  for (const region of roots) {
    for (const m of [lastMonth, thisMonth]) entries += (await recompute(db, null, region, m, today)).entries;
  }
  return { regions: roots.length, entries };
}
