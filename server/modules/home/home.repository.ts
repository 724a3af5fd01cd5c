// SQL of the home page's own counts (those no other page needs): the
// current-state problem figures the registry serves (figures.ts: also read for
// a caller's own scope), the week's trend, a county's towns and the worst
// points. Scoped by the SQL fragment the caller passes (a region's, or the
// problems' scopeSql); the rules (who sees what, the window's days) are not here.
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Q } from '../../db/pool.ts';
import { inRegion } from '../../db/scope.ts';
import { addDays } from '../../../domain/dates.ts';
import { overdueSql, runningSql } from '../problems/index.ts';
import { OPEN_STATES } from '../../../domain/problems/vocab.ts';

/** A condition on the problems (alias p): a region's (inRegionSql) or a caller's scope (scopeSql). */
export type Where = SQL;

/** The start of a China date as an instant (China has no daylight saving). */
const chinaStart = (d: string) => sql`(${d}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const OPEN = sql.join(
  OPEN_STATES.map((st) => sql`${st}`),
  sql`, `,
);

/** Problems reported and closed per China day from `from` on. */
export async function trendFrom(db: Db, scope: SQL, from: string): Promise<{ day: string; reported: number; closed: number }[]> {
  const day = (col: string) => sql.raw(`(p.${col} AT TIME ZONE 'Asia/Shanghai')::date::text`);
  const r = await db.execute<{ day: string; reported: number; closed: number }>(sql`
    SELECT d AS day, sum(reported) AS reported, sum(closed) AS closed FROM (
      SELECT ${day('created_at')} AS d, count(*) AS reported, 0 AS closed FROM problems p
        WHERE p.created_at >= ${chinaStart(from)} AND ${scope} GROUP BY 1
      UNION ALL
      SELECT ${day('closed_at')} AS d, 0, count(*) FROM problems p
        WHERE p.state = 'closed' AND p.closed_at >= ${chinaStart(from)} AND ${scope} GROUP BY 1
    ) x GROUP BY d`);
  return r.rows.map((x) => ({ day: x.day, reported: Number(x.reported), closed: Number(x.closed) }));
}

/** Open, overdue and new today per town of the given counties. */
export async function townCounts(db: Db, counties: string[], today: string) {
  const r = await db.execute<{ code: string; name: string; open: number; overdue: number; new_today: number }>(sql`
    SELECT t.code, t.name,
      (SELECT count(*) FROM problems p WHERE p.town_code = t.code AND p.state IN (${OPEN})) AS open,
      (SELECT count(*) FROM problems p WHERE p.town_code = t.code AND ${overdueSql(today)}) AS overdue,
      (SELECT count(*) FROM problems p WHERE p.town_code = t.code AND p.created_at >= ${chinaStart(today)}) AS new_today
    FROM regions t WHERE t.level = 'town' AND left(t.code, 6) = ANY(${sql.param(counties)}::text[]) ORDER BY t.code`);
  return r.rows.map((x) => ({ code: x.code, name: x.name, open: Number(x.open), overdue: Number(x.overdue), newToday: Number(x.new_today) }));
}

/**
 * The places with the most open problems and recurrences (problems filed again
 * by a 回头看 since `since`), worst first; places with neither are left out.
 */
export async function worstPlaces(db: Db, scope: SQL, since: string, limit: number) {
  const r = await db.execute<{ id: number; name: string; community: string | null; open: number; recurred: number }>(sql`
    SELECT pl.id, pl.name, c.name AS community,
      count(*) FILTER (WHERE p.state IN (${OPEN}))::int AS open,
      count(*) FILTER (WHERE p.recurrence_of_id IS NOT NULL)::int AS recurred
    FROM problems p JOIN places pl ON pl.id = p.place_id LEFT JOIN regions c ON c.code = left(pl.region_code, 12)
    WHERE ${scope} AND (p.state IN (${OPEN}) OR (p.recurrence_of_id IS NOT NULL AND p.created_at >= ${chinaStart(since)}))
    GROUP BY pl.id, pl.name, c.name
    ORDER BY count(*) FILTER (WHERE p.state IN (${OPEN})) + count(*) FILTER (WHERE p.recurrence_of_id IS NOT NULL) DESC, pl.id
    LIMIT ${limit}`);
  return r.rows;
}

// ---- the current-state problem figures of the registry (figures.ts) ----

/** Problems of a region (a county, town or community code prefix), for problemsNow and problemFlows. */
export const inRegionSql = (region: string) => inRegion(region, { town: sql`p.town_code`, region: sql`p.region_code` });

/**
 * Problems as of `today` among `where` (a region's, or a caller's scope: scopeSql): open, overdue, running and due
 * from `today` to `dueTo`, awaiting verification.
 */
export async function problemsNow(q: Q, where: SQL, today: string, dueTo: string) {
  const r = await q.execute<{ open: number; overdue: number; due_soon: number; awaiting: number }>(sql`SELECT
      count(*) AS open,
      count(*) FILTER (WHERE ${overdueSql(today)}) AS overdue,
      count(*) FILTER (WHERE ${runningSql()} AND p.due_date >= ${today}::date AND p.due_date <= ${dueTo}::date) AS due_soon,
      count(*) FILTER (WHERE p.state = 'rectified') AS awaiting
    FROM problems p WHERE ${where} AND p.state IN (${OPEN})`);
  const x = r.rows[0];
  return { open: Number(x.open), overdue: Number(x.overdue), dueSoon: Number(x.due_soon), awaiting: Number(x.awaiting) };
}

/** Problems among `where` reported, and closed, from the start of `from` to the end of `to` (China days). */
export async function problemFlows(q: Q, where: SQL, from: string, to: string) {
  const end = chinaStart(addDays(to, 1));
  const r = await q.execute<{ created: number; closed: number }>(sql`SELECT
      (SELECT count(*) FROM problems p WHERE ${where} AND p.created_at >= ${chinaStart(from)} AND p.created_at < ${end}) AS created,
      (SELECT count(*) FROM problems p WHERE ${where} AND p.state = 'closed' AND p.closed_at >= ${chinaStart(from)} AND p.closed_at < ${end}) AS closed`);
  return { created: Number(r.rows[0].created), closed: Number(r.rows[0].closed) };
}
