// What activities start with: the seeded kinds (once per database; an admin's
// renames and retirements are kept) and each year's calendar of themes and
// festivals, made the first time the year is asked for (lunar festivals and
// 清明 placed by `chinese-days`).
import chineseDays from 'chinese-days';
import type { Db, Tx } from '../../db/pool.ts';
import { SEEDED_KINDS, yearCalendar } from '../../../domain/activities.ts';
import * as repo from './activities.repository.ts';

const seeded = new WeakSet<object>();

/** The seeded kinds exist (inserted when missing; existing rows untouched). */
export async function ensureSeeded(db: Db | Tx) {
  if (seeded.has(db)) return;
  await repo.seedKinds(db, SEEDED_KINDS);
  seeded.add(db);
}

function solarOf(lunar: string): string | null {
  try {
    return chineseDays.getSolarDateFromLunar(lunar)?.date ?? null;
  } catch {
    return null;
  }
}

function qingming(year: number): string | null {
  try {
    return chineseDays.getSolarTermDate(year, 4, 'pure_brightness') ?? null;
  } catch {
    return null;
  }
}

/** A year's calendar, seeded the first time it is read. */
export async function calendarYear(db: Db | Tx, year: number) {
  if (!(await repo.hasCalendar(db, year))) await repo.seedCalendar(db, year, yearCalendar(year, solarOf, qingming(year)));
  return repo.calendarOf(db, year);
}
