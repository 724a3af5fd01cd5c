// The working-day calendar the deadline rules (domain/calendar.ts) run on:
// package data plus the admin's overrides, cached in-process.
import type { Db, Tx } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/session.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import type { WorkCalendar } from '../../../domain/calendar.ts';
import { todayChina } from '../../platform/clock.ts';
import * as repo from './calendar.repository.ts';
import { isPublished, packageDay, packageYear } from './package-data.ts';

// China's today is the clock's (server/platform/clock.ts); re-exported for the modules that read it with the calendar.
export { todayChina } from '../../platform/clock.ts';

// The calendar changes a few times a year; every deadline computation reads
// it. Cached per database for 60 s and dropped on every edit in this process;
// another process (a second server, the CLI) sees an edit within 60 s.
// Keyed by the database's pool: a transaction (a new object each time) has no
// pool of its own and shares the process-wide entry, so transactions neither
// miss the cache nor leave entries behind. One process serves one database.
const TTL_MS = 60_000;
const SHARED = {};
const cache = new Map<object, { at: number; cal: Promise<WorkCalendar> }>();
const keyOf = (db: Db | Tx): object => ('$client' in db && db.$client) || SHARED;

export function getCalendar(db: Db | Tx): Promise<WorkCalendar> {
  const key = keyOf(db);
  const hit = cache.get(key) ?? (key !== SHARED ? undefined : [...cache.values()][0]);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.cal;
  const cal = repo.allDays(db).then((rows) => ({
    holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.day)),
    workdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.day)),
  }));
  cache.set(key, { at: Date.now(), cal });
  cal.catch(() => cache.delete(key)); // a failed load is not cached
  return cal;
}

/** Drop the cached calendar (of every database: edits are rare). */
export function invalidateCalendar(): void {
  cache.clear();
}

export interface YearView {
  year: number;
  /** Has the State Council's arrangement for this year reached the data package? */
  published: boolean;
  /** For an unpublished year: what the admin should do. */
  notice: string | null;
  days: repo.DayRow[];
  can: { manage: boolean };
}

export async function getYear(db: Db, actor: Actor, year: number): Promise<YearView> {
  const published = isPublished(year);
  return {
    year,
    published,
    notice: published ? null : `节假日数据包尚未收录 ${year} 年的放假安排，请按国务院办公厅通知手工录入放假日和调休上班日`,
    days: await repo.yearDays(db, year),
    can: { manage: can(actor, 'calendar.manage') },
  };
}

/**
 * Sync one year from the package: add and update its days, drop package rows
 * it no longer lists, never touch rows the admin entered. Returns counts.
 */
export async function syncYear(q: Db | Tx, year: number): Promise<{ published: boolean; written: number; removed: number }> {
  const { published, days } = packageYear(year);
  let written = 0;
  for (const d of days) if (await repo.upsertDay(q, { ...d, source: 'chinese-days' })) written++;
  // An unpublished year has nothing to keep from the package; don't wipe what may be there from an older run.
  const removed = published
    ? await repo.deleteStalePackageRows(
        q,
        year,
        days.map((d) => d.day),
      )
    : 0;
  return { published, written, removed };
}

export interface SeedYearResult {
  year: number;
  published: boolean;
  written: number;
  removed: number;
}

/**
 * Fill the holiday calendar for `years` (default: the current and the next
 * year, China time) from the chinese-days package. Run at start-up;
 * idempotent and cheap; rows the admin entered are never overwritten.
 * Reference data, like a migration: no audit rows.
 */
export async function seedCalendar(db: Db, years?: number[]): Promise<SeedYearResult[]> {
  const thisYear = Number(todayChina().slice(0, 4));
  const list = years ?? [thisYear, thisYear + 1];
  const out = await db.transaction(async (tx) => {
    const res: SeedYearResult[] = [];
    for (const year of list) res.push({ year, ...(await syncYear(tx, year)) });
    return res;
  });
  invalidateCalendar();
  return out;
}

export async function reseed(db: Db, actor: Actor, year: number): Promise<YearView & { written: number; removed: number }> {
  authorize(actor, 'calendar.manage');
  const result = await db.transaction(async (tx) => {
    const r = await syncYear(tx, year);
    await audit(tx, { actor, action: 'reseed', entity: 'calendar', entityId: year, after: r });
    return r;
  });
  invalidateCalendar();
  // An unpublished year answers published: false (and a notice) so the page can ask the admin to enter it.
  return { ...(await getYear(db, actor, year)), ...result };
}

const WEEKDAY = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/**
 * The admin sets a day off ('holiday') or a working day ('workday'); null
 * removes the admin's entry and restores the package's verdict for that day.
 */
export async function setDay(db: Db, actor: Actor, day: string, kind: repo.DayKind | null, name: string | null) {
  authorize(actor, 'calendar.manage');
  const row = await db.transaction(async (tx) => {
    const before = await repo.getDay(tx, day);
    let after: repo.DayRow | null;
    if (kind === null) {
      await repo.deleteDay(tx, day);
      const pkg = packageDay(day);
      after = pkg ? { ...pkg, source: 'chinese-days' } : null;
      if (after) await repo.upsertDay(tx, after, true);
    } else {
      after = { day, kind, name: name || null, source: 'admin' };
      await repo.upsertDay(tx, after, true);
    }
    await audit(tx, { actor, action: kind === null ? 'delete' : 'update', entity: 'calendar_day', entityId: day, before, after });
    return after;
  });
  invalidateCalendar();
  const dow = new Date(day + 'T00:00:00Z').getUTCDay();
  return { day, weekday: WEEKDAY[dow], entry: row };
}
