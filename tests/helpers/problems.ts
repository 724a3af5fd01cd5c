// Problems in a given state, for tests that need records rather than the path
// that made them (the path itself is tested through the API: intake, transition).
// Every factory writes a row whose columns agree with its state (a dispatched
// problem has a unit, a deadline and dispatched_at; a closed one closed_at and
// 按期), so no test builds an impossible problem by hand.
import { sql } from 'drizzle-orm';
import type { Db } from '../../server/db/pool.ts';
import { workingDaysBetween, type WorkCalendar } from '../../domain/calendar.ts';
import { addDays } from '../../domain/dates.ts';
import { getCalendar } from '../../server/modules/calendar/calendar.service.ts';

export interface ProblemFields {
  region: string;
  /** Default: the first level-2 category. */
  category?: number;
  description?: string;
  source?: string;
  sourceId?: number | null;
  sourceRef?: string | null;
  tier?: 'on_spot' | 'community' | 'centralized';
  placeId?: number | null;
  lat?: number | null;
  lng?: number | null;
  reporterName?: string | null;
  reporterPhone?: string | null;
  /** Reported at (default now). */
  created?: Date | string;
  code?: string;
}
export interface Routed extends ProblemFields {
  unit: number | null;
  due: string;
  /** Default: `created`. */
  dispatched?: Date | string;
  rework?: number;
}
export interface Closed extends Routed {
  closed: Date | string;
  /** Default: closed on or before `due` (China date). */
  onTime?: boolean;
}

let seq = 0;
const firstCategory = new WeakMap<object, number>();

async function categoryOf(db: Db, f: ProblemFields) {
  if (f.category) return f.category;
  let id = firstCategory.get(db);
  if (!id) {
    id = (await db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE level = 2 ORDER BY id LIMIT 1`)).rows[0]?.id;
    if (!id) throw new Error('test town has no level-2 category: open it with { categories: true } or insert one');
    firstCategory.set(db, id);
  }
  return id;
}

const stamp = (d: Date | string | undefined) =>
  d === undefined ? new Date() : typeof d === 'string' ? new Date(d.length === 10 ? `${d}T10:00:00+08:00` : d) : d;
const chinaDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

async function insert(
  db: Db,
  f: ProblemFields,
  state: string,
  routed?: Routed,
  closed?: { at: Date; onTime: boolean },
  extra: { rejectReason?: string; mergedInto?: number } = {},
) {
  seq++;
  const created = stamp(f.created);
  const dispatched = routed ? stamp(routed.dispatched ?? f.created) : null;
  const r = await db.execute<{ id: number; code: string }>(sql`
    INSERT INTO problems (code, town_code, region_code, grid_code, place_id, lat, lng, category_id, tier, source, source_id, source_ref,
      description, state, responsible_unit_id, due_date, dispatched_at, closed_at, closed_on_time, rework_count,
      reporter_name, reporter_phone, reject_reason, merged_into_id, created_at, updated_at)
    VALUES (${f.code ?? 'F' + String(process.pid % 1000).padStart(3, '0') + String(seq).padStart(7, '0')}, ${f.region.slice(0, 9)}, ${f.region},
      ${f.region.length === 15 ? f.region : null}, ${f.placeId ?? null}, ${f.lat ?? null}, ${f.lng ?? null}, ${await categoryOf(db, f)},
      ${f.tier ?? 'community'}, ${f.source ?? 'patrol'}, ${f.sourceId ?? null}, ${f.sourceRef ?? null}, ${f.description ?? `测试问题 ${seq}`}, ${state},
      ${routed?.unit ?? null}, ${routed?.due ?? null}, ${dispatched}, ${closed?.at ?? null}, ${closed ? closed.onTime : null}, ${routed?.rework ?? 0},
      ${f.reporterName ?? null}, ${f.reporterPhone ?? null}, ${extra.rejectReason ?? null}, ${extra.mergedInto ?? null}, ${created}, ${closed?.at ?? dispatched ?? created})
    RETURNING id, code`);
  return { id: Number(r.rows[0].id), code: r.rows[0].code };
}

export const reportedProblem = (db: Db, f: ProblemFields) => insert(db, f, 'reported');
export const rejectedProblem = (db: Db, f: ProblemFields & { reason?: string }) =>
  insert(db, f, 'rejected', undefined, undefined, { rejectReason: f.reason ?? 'duplicate' });
/** Merged into `into` (default: a new reported problem of the same community, without a location). */
export async function mergedProblem(db: Db, f: ProblemFields & { into?: number }) {
  const into = f.into ?? (await reportedProblem(db, { region: f.region, category: f.category, description: '被合并到的原问题' })).id;
  return insert(db, f, 'merged', undefined, undefined, { mergedInto: into });
}
export const filedProblem = (db: Db, f: ProblemFields) => insert(db, f, 'filed');
export const dispatchedProblem = (db: Db, f: Routed) => insert(db, f, 'dispatched', f);
export const rectifyingProblem = (db: Db, f: Routed) => insert(db, f, 'rectifying', f);
export const rectifiedProblem = (db: Db, f: Routed) => insert(db, f, 'rectified', f);
export function closedProblem(db: Db, f: Closed) {
  const at = stamp(f.closed);
  return insert(db, f, 'closed', f, { at, onTime: f.onTime ?? chinaDay(at) <= f.due });
}

/**
 * A problem being rectified whose deadline passed `workingDaysLate` working
 * days before `today` (0: only the weekend or holiday since). Pass the
 * calendar, or it is read from the database.
 */
export async function overdueProblem(db: Db, f: Omit<Routed, 'due'> & { today: string; workingDaysLate?: number; cal?: WorkCalendar }) {
  const cal = f.cal ?? (await getCalendar(db));
  const want = f.workingDaysLate ?? 1;
  let due = addDays(f.today, -1);
  while (workingDaysBetween(due, f.today, cal) < want) due = addDays(due, -1);
  // The latest such date: the deadline itself is a working day (as computeDueDate makes it).
  return { ...(await rectifyingProblem(db, { ...f, due })), due };
}

/** Any state, for tests that sweep over states: routed states take `unit` and `due` (defaults given by the caller), closed ones `closed` (default: created). */
export function problemIn(db: Db, state: string, f: ProblemFields & { unit?: number | null; due?: string; closed?: Date | string; rework?: number }) {
  const routed = { ...f, unit: f.unit ?? null, due: f.due ?? '2099-12-31' };
  switch (state) {
    case 'reported':
      return reportedProblem(db, f);
    case 'filed':
      return filedProblem(db, f);
    case 'rejected':
      return rejectedProblem(db, f);
    case 'merged':
      return mergedProblem(db, f);
    case 'dispatched':
      return dispatchedProblem(db, routed);
    case 'rectifying':
      return rectifyingProblem(db, routed);
    case 'rectified':
      return rectifiedProblem(db, routed);
    case 'closed':
      return closedProblem(db, { ...routed, closed: f.closed ?? f.created ?? new Date() });
    default:
      throw new Error(`no such state: ${state}`);
  }
}
