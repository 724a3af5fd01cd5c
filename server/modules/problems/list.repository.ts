// The SQL of problem lists and search: the joins every list reads, the WHERE
// conditions of a filter (scope first), the keyset order, one page of rows and
// a capped count. list.ts turns a request into these and the rows into items.
import { sql, type SQL } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { addDays } from '../../../domain/dates.ts';
import { todayChina } from '../calendar/index.ts';
import { problemScope } from './parties.ts';
import { PROBLEM_COLUMNS, type ProblemRow } from './problems.repository.ts';
import { assigneeSql, scopeSql } from './problems.scope.repository.ts';
import { overdueSql } from './overdue.repository.ts';
import type { FilterQuery, Sort } from './list.ts';

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
    conds.push(
      sql`p.category_id IN (SELECT cx.id FROM categories cx WHERE cx.id = ANY(${sql.param(f.categoryId)}::int[]) OR cx.parent_id = ANY(${sql.param(f.categoryId)}::int[]))`,
    );
  }
  const region = f.regionCode ?? f.community;
  if (region) conds.push(sql`p.region_code LIKE ${region + '%'}`);
  if (f.unitId) conds.push(sql`p.responsible_unit_id = ${f.unitId}`);
  if (f.source?.length) conds.push(sql`p.source = ANY(${sql.param(f.source)}::text[])`);
  if (f.tier?.length) conds.push(sql`p.tier = ANY(${sql.param(f.tier)}::text[])`);
  if (f.pointType?.length) conds.push(sql`p.place_id IN (SELECT pt.id FROM places pt WHERE pt.point_type = ANY(${sql.param(f.pointType)}::text[]))`);
  if (f.overdue === true) conds.push(overdueSql(today));
  if (f.overdue === false) conds.push(sql`NOT ${overdueSql(today)}`);
  if (f.flagged !== undefined) conds.push(f.flagged ? sql`p.flagged` : sql`NOT p.flagged`);
  if (f.createdFrom) conds.push(sql`p.created_at >= ${chinaStart(f.createdFrom)}::timestamptz`);
  if (f.createdTo) conds.push(sql`p.created_at < ${chinaStart(nextDay(f.createdTo))}::timestamptz`);
  if (f.dueFrom) conds.push(sql`p.due_date >= ${f.dueFrom}::date`);
  if (f.dueTo) conds.push(sql`p.due_date <= ${f.dueTo}::date`);
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

export type ListRow = ProblemRow & { sort_key: string; flagged: boolean; satisfaction: string | null };

/** One keyset page of rows (used by the list and, batch by batch, by the export). */
export async function pageRows<R extends Record<string, unknown> = ListRow>(
  q: Q,
  actor: Actor,
  f: FilterQuery,
  sort: Sort,
  after: { key: string; id: number } | null,
  limit: number,
  today = todayChina(),
  columns?: SQL,
) {
  const conds = filterConditions(actor, f, today);
  const ks = keyset(sort, after);
  if (ks.cond) conds.push(ks.cond);
  const select = (where: SQL) =>
    q.execute<R>(sql`SELECT ${columns ?? sql`${PROBLEM_COLUMNS}, p.flagged, p.satisfaction`}, ${ks.keySql} AS sort_key ${FROM_JOINS}
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
async function recentMatches(q: Q, actor: Actor, f: FilterQuery, ks: ReturnType<typeof keyset>, limit: number, today: string) {
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

/** The number of matching rows, counted up to TOTAL_CAP (then reported as "10000+"). */
export async function countCapped(db: Q, actor: Actor, f: FilterQuery, today: string) {
  const conds = filterConditions(actor, f, today);
  const r = await db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT 1 FROM problems p LEFT JOIN units u ON u.id = p.responsible_unit_id
    WHERE ${sql.join(conds, sql` AND `)} LIMIT ${TOTAL_CAP + 1}) x`);
  const n = Number(r.rows[0].n);
  return { n: Math.min(n, TOTAL_CAP), capped: n > TOTAL_CAP };
}
