// Daily, after midnight China time: record in inspection_misses every cadence
// slot that ended before today without its inspection (a patrol per street
// chief, place and day; a supervision per community and week; an unannounced
// visit per town leader and week; a demo-point visit per point and month),
// so the assessment rules can score missed patrols. slot_key makes a second
// run (a retried job, a restarted server) write nothing new. The look-back
// window is bounded but long enough that a job that did not run for a few
// days catches up, and always reaches the start of last month so a month's
// demo-point slot is never skipped. Within the window the recorded misses are
// made exactly the missed slots: those whose inspection arrived late (an
// offline phone syncing after the run) or that are no longer owed (an
// assignment changed from an earlier date) are dropped. Each slot is owed
// under the cadence and the assignments in force on its first day.
import type { Db } from '../../db/pool.ts';
import { chinaDate } from '../../../domain/calendar.ts';
import { addDays } from '../../../domain/dates.ts';
import { getCalendar } from '../calendar/index.ts';
import { cadenceHistoryOf } from './cadence.settings.ts';
import { townCodes } from './cadence.repository.ts';
import { buildSlots } from './compliance.service.ts';
import { recordMisses, SCHEDULED_KINDS } from './compliance.repository.ts';
import { now as clockNow } from '../../platform/clock.ts';

export const LOOKBACK_DAYS = 35;

export async function runMissesSweep(db: Db, now: Date = clockNow(), lookbackDays = LOOKBACK_DAYS) {
  const today = chinaDate(now);
  const lastMonth = (() => {
    const d = new Date(today.slice(0, 7) + '-01T00:00:00Z');
    d.setUTCMonth(d.getUTCMonth() - 1);
    return d.toISOString().slice(0, 10);
  })();
  const back = addDays(today, -lookbackDays);
  // biome-ignore lint/complexity/useMathMinMax: ISO dates compared as strings
  const range = { from: back < lastMonth ? back : lastMonth, to: addDays(today, -1) };
  const towns = await townCodes(db);
  if (!towns.length) return { towns: 0, recorded: 0, cleared: 0, ...range };
  const [versions, cal] = await Promise.all([cadenceHistoryOf(db, towns), getCalendar(db)]);
  // Only slots that have ended: a week or month still running is not missed yet.
  // The same slots and the same SQL as the compliance figures (buildSlots, compliance.repository.ts).
  const slots = buildSlots(towns, versions, range, cal, SCHEDULED_KINDS, today);
  const r = await db.transaction((tx) =>
    recordMisses(
      tx,
      SCHEDULED_KINDS.map((kind) => ({ kind, slots: slots.get(kind)!, prefix: '' })),
      today,
      range,
    ),
  );
  return { towns: towns.length, ...r, ...range };
}
