// Lists and search of problems: one filter (shared by the list, the map and
// the Excel export), keyset pagination on (sort key, id), scoped inside the
// query by problemScope + scopeSql. The cursor is opaque base64url of
// [sort, key, id]; a page is "rows strictly after the cursor in sort order",
// so rows inserted between two pages never shift or repeat a page (a new row
// has a later created_at/updated_at than any cursor taken before it).
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/pool.ts';
import { addDays } from '../../../domain/dates.ts';
import { iso } from '../../platform/time.ts';
import { authorize } from '../../platform/session.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { maskPhone } from '../../../domain/people.ts';
import {
  PROBLEM_STATES, PROBLEM_STATE_LABELS, SOURCE_LABELS, SOURCES, TIERS, TIER_LABELS,
  type ProblemState, type Source, type Tier,
} from '../../../domain/problems/vocab.ts';
import { getCalendar, todayChina } from '../calendar/index.ts';
import { problemScope } from './parties.ts';
import { PROBLEM_COLUMNS, assigneeSql, scopeSql, type ProblemRow } from './problems.repository.ts';
import { id, idParam, intParam, isoDate, text } from '../../../domain/input.ts';
import { overdueSql } from './overdue.ts';
import { PROBLEM_PAGE_MAX } from '../../../domain/api/problems.ts';
import { cursorParam, decodeCursor as decodeRows, encodeCursor as encodeRows } from '../../platform/cursor.ts';
import { isOverdue, lateWorkingDays } from '../../../domain/problems/overdue.ts';

// ---- the filter, as it appears in the URL (shareable) ----

/** `a,b` or repeated `?x=a&x=b` → string[]. */
const multi = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === undefined || v === '' ? undefined : (Array.isArray(v) ? v : String(v).split(',')).map((x) => String(x).trim()).filter(Boolean)),
    z.array(z.enum(values, '取值不在允许范围内')).optional());
const ids = z.preprocess((v) => (v === undefined || v === '' ? undefined : (Array.isArray(v) ? v : String(v).split(',')).map((x) => (/^[1-9]\d{0,9}$/.test(String(x).trim()) ? Number(x) : x))),
  z.array(id).max(100, '最多 100 项').optional());
const day = isoDate.optional();
const flag = z.enum(['1', '0', 'true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === '1' || v === 'true'));

export const filterQuery = z.object({
  state: multi(PROBLEM_STATES),
  categoryId: ids, // a 大类 (level 1) stands for all its 小类
  regionCode: z.string().regex(/^\d{6,15}$/, '区划代码应为 6–15 位数字').optional(), // town, community or grid prefix
  community: z.string().regex(/^\d{6,15}$/).optional(), // alias of regionCode
  unitId: idParam.optional(),
  source: multi(SOURCES),
  tier: multi(TIERS),
  overdue: flag,
  flagged: flag,
  mine: flag,
  assigned: flag, // dispatched to a unit the caller acts for (their rectification queue)
  createdFrom: day, createdTo: day, closedFrom: day, closedTo: day,
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

export const FROM_JOINS = sql`FROM problems p
  LEFT JOIN regions rg ON rg.code = p.region_code
  LEFT JOIN places pl ON pl.id = p.place_id
  LEFT JOIN categories c ON c.id = p.category_id
  LEFT JOIN units u ON u.id = p.responsible_unit_id`;

/** The searchable text; the same expression as the trigram index problems_search_trgm_idx. */
export const SEARCH_EXPR = sql`(p.description || ' ' || coalesce(p.address, '') || ' ' || p.code)`;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => '\\' + m);
const chinaStart = (d: string) => `${d} 00:00:00+08`;
const nextDay = (d: string) => addDays(d, 1);

/** WHERE conditions (scope first) for the caller and the filter. Needs the alias u for `mine`. */
export function filterConditions(actor: Actor, f: FilterQuery, today = todayChina()): SQL[] {
  const conds: SQL[] = [scopeSql(problemScope(actor))];
  if (f.state?.length) conds.push(sql`p.state = ANY(${sql.param(f.state)}::text[])`);
  if (f.categoryId?.length) {
    conds.push(sql`p.category_id IN (SELECT cx.id FROM categories cx WHERE cx.id = ANY(${sql.param(f.categoryId)}::int[]) OR cx.parent_id = ANY(${sql.param(f.categoryId)}::int[]))`);
  }
  const region = f.regionCode ?? f.community;
  if (region) conds.push(sql`p.region_code LIKE ${region + '%'}`);
  if (f.unitId) conds.push(sql`p.responsible_unit_id = ${f.unitId}`);
  if (f.source?.length) conds.push(sql`p.source = ANY(${sql.param(f.source)}::text[])`);
  if (f.tier?.length) conds.push(sql`p.tier = ANY(${sql.param(f.tier)}::text[])`);
  if (f.overdue === true) conds.push(overdueSql(today));
  if (f.overdue === false) conds.push(sql`NOT ${overdueSql(today)}`);
  if (f.flagged !== undefined) conds.push(f.flagged ? sql`p.flagged` : sql`NOT p.flagged`);
  if (f.createdFrom) conds.push(sql`p.created_at >= ${chinaStart(f.createdFrom)}::timestamptz`);
  if (f.createdTo) conds.push(sql`p.created_at < ${chinaStart(nextDay(f.createdTo))}::timestamptz`);
  if (f.closedFrom) conds.push(sql`p.closed_at >= ${chinaStart(f.closedFrom)}::timestamptz`);
  if (f.closedTo) conds.push(sql`p.closed_at < ${chinaStart(nextDay(f.closedTo))}::timestamptz`);
  if (f.q) conds.push(sql`${SEARCH_EXPR} ILIKE ${'%' + likeEscape(f.q) + '%'}`);
  if (f.mine) {
    const unitIds = actor.grants.filter((g) => g.role === 'unit_liaison' && g.unitId).map((g) => g.unitId!);
    const communities = actor.grants.filter((g) => g.role === 'community_staff' && g.regionCode).map((g) => g.regionCode!);
    const mine = [sql`p.reporter_id = ${actor.personId}`];
    if (unitIds.length) mine.push(sql`p.responsible_unit_id = ANY(${sql.param(unitIds)}::int[])`);
    for (const c of communities) mine.push(sql`u.region_code LIKE ${c + '%'}`);
    conds.push(sql`(${sql.join(mine, sql` OR `)})`);
  }
  if (f.assigned) conds.push(assigneeSql(problemScope(actor)));
  return conds;
}

// ---- keyset ----

const SORT_SQL: Record<Sort, { key: SQL; cast: SQL; dir: 'asc' | 'desc' }> = {
  created: { key: sql`p.created_at`, cast: sql`timestamptz`, dir: 'desc' },
  updated: { key: sql`p.updated_at`, cast: sql`timestamptz`, dir: 'desc' },
  due: { key: sql`coalesce(p.due_date, '9999-12-31'::date)`, cast: sql`date`, dir: 'asc' },
};

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
  const [, key, id] = decodeRows(cursor, (k): k is [Sort, string, number] =>
    k.length === 3 && k[0] === sort && typeof k[1] === 'string' && validKey(sort, k[1]) && Number.isSafeInteger(k[2]) && (k[2] as number) > 0);
  return { key, id };
}

/** ORDER BY and the "after the cursor" condition for a sort. */
export function keyset(sort: Sort, after: { key: string; id: number } | null) {
  const s = SORT_SQL[sort];
  const order = s.dir === 'desc' ? sql`${s.key} DESC, p.id DESC` : sql`${s.key} ASC, p.id ASC`;
  const cond = after
    ? s.dir === 'desc'
      ? sql`(${s.key}, p.id) < (${after.key}::${s.cast}, ${after.id}::bigint)`
      : sql`(${s.key}, p.id) > (${after.key}::${s.cast}, ${after.id}::bigint)`
    : null;
  return { order, cond, keySql: sql`(${s.key})::text` };
}

// ---- rows → API items ----

type Calendar = Awaited<ReturnType<typeof getCalendar>>;
export type ListRow = ProblemRow & { sort_key: string; flagged: boolean; satisfaction: string | null };

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
    id: p.id, code: p.code, state: p.state, stateLabel: PROBLEM_STATE_LABELS[p.state as ProblemState], tier: p.tier,
    tierLabel: TIER_LABELS[p.tier as Tier], categoryId: p.category_id, categoryName: p.category_name, regionCode: p.region_code,
    regionName: p.region_name, placeName: p.place_name, unitId: p.responsible_unit_id, unitName: p.unit_name,
    description: p.description, address: p.address, lat: p.lat, lng: p.lng, dueDate: p.due_date, overdue,
    overdueDays, reworkCount: p.rework_count, source: p.source, sourceLabel: SOURCE_LABELS[p.source as Source],
    sourceRef: p.source_ref, reporterName: p.reporter_name,
    reporterPhone: seesPhone(actor, p.region_code) ? p.reporter_phone : maskPhone(p.reporter_phone),
    flagged: p.flagged, satisfaction: p.satisfaction, createdAt: iso(p.created_at), closedAt: iso(p.closed_at),
    updatedAt: iso(p.updated_at), version: p.version,
  };
}

// ---- queries ----

/** One keyset page of rows (used by the list and, batch by batch, by the export). */
export async function pageRows<R extends Record<string, unknown> = ListRow>(q: Db | Tx, actor: Actor, f: FilterQuery, sort: Sort, after: { key: string; id: number } | null, limit: number, today = todayChina(), columns?: SQL) {
  const conds = filterConditions(actor, f, today);
  const ks = keyset(sort, after);
  if (ks.cond) conds.push(ks.cond);
  const select = (where: SQL) => q.execute<R>(sql`SELECT ${columns ?? sql`${PROBLEM_COLUMNS}, p.flagged, p.satisfaction`}, ${ks.keySql} AS sort_key ${FROM_JOINS}
    WHERE ${where} ORDER BY ${ks.order} LIMIT ${limit}`);
  if (f.q && sort === 'created') {
    const hits = await recentMatches(q, actor, f, ks, limit, today);
    if (hits) return (await select(sql`p.id = ANY(${sql.param(hits)}::bigint[])`)).rows;
    // A rare term: its matches come from the trigram index, then are sorted. The OFFSET 0 fence keeps
    // PostgreSQL from walking the created_at index instead (which a fresh ANALYZE can make it choose,
    // reading a whole year of rows to find 50 rare ones).
    const matches = sql`SELECT m.id FROM (SELECT p.id, p.created_at FROM problems p LEFT JOIN units u ON u.id = p.responsible_unit_id
      WHERE ${sql.join(conds, sql` AND `)} OFFSET 0) m ORDER BY m.created_at DESC, m.id DESC LIMIT ${limit}`;
    return (await select(sql`p.id IN (${matches})`)).rows;
  }
  return (await select(sql.join(conds, sql` AND `))).rows;
}

/**
 * A search newest first, tried on the newest SEARCH_WINDOW (1,000) rows of the scope
 * first (a walk down the created_at index): when a page of matches is among
 * them, they are exactly the newest matches, found without touching the rest.
 * A term in more than about one report of twenty (公交站: one of six) is answered this way; a rarer
 * one (fewer matches than a page in the window) falls back to the trigram
 * index, which is fast precisely because the term is rare. The outer query
 * has no ORDER BY of its own, so PostgreSQL stops reading the window at the
 * page's last match (the rows come in the window's order; the page query
 * orders them again). Returns the ids, or null for the fallback.
 */
const SEARCH_WINDOW = 1_000;
async function recentMatches(q: Db | Tx, actor: Actor, f: FilterQuery, ks: ReturnType<typeof keyset>, limit: number, today: string) {
  const base = filterConditions(actor, { ...f, q: undefined }, today);
  if (ks.cond) base.push(ks.cond);
  const r = await q.execute<{ id: number }>(sql`
    SELECT w.id FROM (
      SELECT p.id, p.created_at, ${SEARCH_EXPR} AS text FROM problems p LEFT JOIN units u ON u.id = p.responsible_unit_id
      WHERE ${sql.join(base, sql` AND `)} ORDER BY ${ks.order} LIMIT ${SEARCH_WINDOW}) w
    WHERE w.text ILIKE ${'%' + likeEscape(f.q!) + '%'} LIMIT ${limit}`);
  return r.rows.length === limit ? r.rows.map((x) => Number(x.id)) : null;
}

const TOTAL_CAP = 10_000;

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

/** The number of matching rows, counted up to TOTAL_CAP (then reported as "10000+"). */
async function countCapped(db: Db, actor: Actor, f: FilterQuery, today: string) {
  const conds = filterConditions(actor, f, today);
  const r = await db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT 1 FROM problems p LEFT JOIN units u ON u.id = p.responsible_unit_id
    WHERE ${sql.join(conds, sql` AND `)} LIMIT ${TOTAL_CAP + 1}) x`);
  const n = Number(r.rows[0].n);
  return { n: Math.min(n, TOTAL_CAP), capped: n > TOTAL_CAP };
}
