// Lists and search of problems: one filter (shared by the list, the map and
// the Excel export), keyset pagination on (sort key, id), scoped inside the
// query by problemScope + scopeSql. The cursor is opaque base64url of
// [sort, key, id]; a page is "rows strictly after the cursor in sort order",
// so rows inserted between two pages never shift or repeat a page (a new row
// has a later created_at/updated_at than any cursor taken before it).
import { z } from 'zod';
import type { Db } from '../../db/pool.ts';
import { iso } from '../../platform/time.ts';
import { authorize } from '../../platform/session.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { maskPhone } from '../../../domain/people.ts';
import {
  PROBLEM_STATES,
  PROBLEM_STATE_LABELS,
  SOURCE_LABELS,
  SOURCES,
  TIERS,
  TIER_LABELS,
  type ProblemState,
  type Source,
  type Tier,
} from '../../../domain/problems/vocab.ts';
import { POINT_TYPES } from '../../../domain/regions.ts';
import { getCalendar, todayChina } from '../calendar/index.ts';
import { countCapped, pageRows, type ListRow } from './list.repository.ts';
import { id, idParam, intParam, isoDate, text } from '../../../domain/input.ts';
import { PROBLEM_PAGE_MAX } from '../../../domain/api/problems.ts';
import { cursorParam, decodeCursor as decodeRows, encodeCursor as encodeRows } from '../../platform/cursor.ts';
import { isOverdue, lateWorkingDays } from '../../../domain/problems/overdue.ts';

// ---- the filter, as it appears in the URL (shareable) ----

/** `a,b` or repeated `?x=a&x=b` → string[]. */
const multi = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? undefined : (Array.isArray(v) ? v : String(v).split(',')).map((x) => String(x).trim()).filter(Boolean)),
    z.array(z.enum(values, '取值不在允许范围内')).optional(),
  );
const ids = z.preprocess(
  (v) =>
    v === undefined || v === ''
      ? undefined
      : (Array.isArray(v) ? v : String(v).split(',')).map((x) => (/^[1-9]\d{0,9}$/.test(String(x).trim()) ? Number(x) : x)),
  z.array(id).max(100, '最多 100 项').optional(),
);
const day = isoDate.optional();
const flag = z
  .enum(['1', '0', 'true', 'false'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === '1' || v === 'true'));

export const filterQuery = z.object({
  state: multi(PROBLEM_STATES),
  categoryId: ids, // a 大类 (level 1) stands for all its 小类
  regionCode: z
    .string()
    .regex(/^\d{6,15}$/, '区划代码应为 6–15 位数字')
    .optional(), // town, community or grid prefix
  community: z
    .string()
    .regex(/^\d{6,15}$/)
    .optional(), // alias of regionCode
  unitId: idParam.optional(),
  source: multi(SOURCES),
  tier: multi(TIERS),
  pointType: multi(POINT_TYPES), // at a place of these point types (a field standard's fix, issue 21)
  overdue: flag,
  flagged: flag,
  mine: flag,
  assigned: flag, // dispatched to a unit the caller acts for (their rectification queue)
  createdFrom: day,
  createdTo: day,
  closedFrom: day,
  closedTo: day,
  dueFrom: day,
  dueTo: day, // the due date within (both included); a problem without one is left out
  q: text(100, '搜索词最多 100 个字').min(1).optional(),
});
export type FilterQuery = Partial<z.infer<typeof filterQuery>>;

export const SORTS = ['created', 'updated', 'due'] as const;
export type Sort = (typeof SORTS)[number];

export const listQuery = filterQuery.extend({
  sort: z.enum(SORTS).default('created'),
  cursor: cursorParam.optional(),
  limit: intParam(1, PROBLEM_PAGE_MAX).default(50).describe(`每页条数，默认 50，最多 ${PROBLEM_PAGE_MAX}（超过为 400）`),
  withTotal: flag,
});
export type ListQuery = z.infer<typeof listQuery>;

// ---- keyset ----

export function encodeCursor(sort: Sort, key: string, id: number) {
  return encodeRows([sort, key, id]);
}

// A cursor's key as PostgreSQL printed it: a date (sort=due, up to 9999-12-31) or a timestamptz.
const KEY_RE = /^(\d{4})-(\d{2})-(\d{2})( ([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2})?$/;
function validKey(sort: Sort, key: string) {
  const m = KEY_RE.exec(key);
  if (!m || (sort === 'due') !== (m[4] === undefined)) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function decodeCursor(sort: Sort, cursor: string): { key: string; id: number } {
  const [, key, id] = decodeRows(
    cursor,
    (k): k is [Sort, string, number] =>
      k.length === 3 && k[0] === sort && typeof k[1] === 'string' && validKey(sort, k[1]) && Number.isSafeInteger(k[2]) && (k[2] as number) > 0,
  );
  return { key, id };
}

// ---- rows → API items ----

type Calendar = Awaited<ReturnType<typeof getCalendar>>;
// Overdue and working days late (domain/problems/overdue.ts), the count
// memoised per (due date, today): counting walks the calendar day by day, and
// a page or an export has many rows per due date.
const overdueMemo = new WeakMap<Calendar, Map<string, number>>();
export function overdueOf(p: { state: string; due_date: string | null }, today: string, cal: Calendar): { overdue: boolean; overdueDays: number } {
  const dated = { state: p.state, dueDate: p.due_date };
  if (!isOverdue(dated, today)) return { overdue: false, overdueDays: 0 };
  let m = overdueMemo.get(cal);
  if (!m) overdueMemo.set(cal, (m = new Map()));
  const k = `${p.due_date}|${today}`;
  let n = m.get(k);
  if (n === undefined) {
    if (m.size > 50_000) m.clear();
    m.set(k, (n = lateWorkingDays(dated, today, cal)));
  }
  return { overdue: true, overdueDays: n };
}

/** May the actor read this problem's reporter phone unmasked? The office (or admin) of its region. */
export const seesPhone = (actor: Actor, regionCode: string) => can(actor, 'problem.office', { regionCode });

export function toItem(actor: Actor, p: ListRow, today: string, cal: Calendar) {
  const { overdue, overdueDays } = overdueOf(p, today, cal);
  return {
    id: p.id,
    code: p.code,
    state: p.state,
    stateLabel: PROBLEM_STATE_LABELS[p.state as ProblemState],
    tier: p.tier,
    tierLabel: TIER_LABELS[p.tier as Tier],
    categoryId: p.category_id,
    categoryName: p.category_name,
    regionCode: p.region_code,
    regionName: p.region_name,
    placeName: p.place_name,
    unitId: p.responsible_unit_id,
    unitName: p.unit_name,
    description: p.description,
    address: p.address,
    lat: p.lat,
    lng: p.lng,
    dueDate: p.due_date,
    overdue,
    overdueDays,
    reworkCount: p.rework_count,
    source: p.source,
    sourceLabel: SOURCE_LABELS[p.source as Source],
    sourceRef: p.source_ref,
    reporterName: p.reporter_name,
    reporterPhone: seesPhone(actor, p.region_code) ? p.reporter_phone : maskPhone(p.reporter_phone),
    flagged: p.flagged,
    satisfaction: p.satisfaction,
    createdAt: iso(p.created_at),
    closedAt: iso(p.closed_at),
    updatedAt: iso(p.updated_at),
    version: p.version,
  };
}

// ---- queries ----

export async function list(db: Db, actor: Actor, query: ListQuery) {
  authorize(actor, 'problem.read');
  const today = todayChina();
  let after: { key: string; id: number } | null = null;
  if (query.cursor) after = decodeCursor(query.sort, query.cursor);
  const [rows, cal, total] = await Promise.all([
    pageRows(db, actor, query, query.sort, after, query.limit, today),
    getCalendar(db),
    query.withTotal ? countCapped(db, actor, query, today) : Promise.resolve(null),
  ]);
  const last = rows.length === query.limit ? rows[rows.length - 1] : null;
  return {
    items: rows.map((p) => toItem(actor, p, today, cal)),
    nextCursor: last ? encodeCursor(query.sort, last.sort_key, last.id) : null,
    ...(total ? { total: total.n, totalCapped: total.capped } : {}),
    sort: query.sort,
    today,
  };
}
