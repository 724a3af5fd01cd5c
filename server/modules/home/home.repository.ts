// SQL of the home page's own counts (those no other page needs): today's new,
// the due-soon window, the week's trend, a county's towns and the worst
// points. Scoped by the SQL fragment the service passes (the problems'
// scopeSql); the rules (who sees what, the window's days) are the service's.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/pool.ts';
import { overdueSql, runningSql } from '../problems/index.ts';
import { OPEN_STATES } from '../../../domain/problems/vocab.ts';

/** The start of a China date as an instant (China has no daylight saving). */
const chinaStart = (d: string) => sql`(${d}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const OPEN = sql.join(
  OPEN_STATES.map((st) => sql`${st}`),
  sql`, `,
);

/** Problems created since the start of `today`, and running ones due from `today` to `dueTo` (both included). */
export async function newAndDueSoon(db: Db, scope: SQL, today: string, dueTo: string): Promise<{ newToday: number; dueSoon: number }> {
  const r = await db.execute<{ new_today: number; due_soon: number }>(sql`SELECT
      (SELECT count(*) FROM problems p WHERE p.created_at >= ${chinaStart(today)} AND ${scope}) AS new_today,
      (SELECT count(*) FROM problems p WHERE ${runningSql()} AND p.due_date >= ${today}::date AND p.due_date <= ${dueTo}::date AND ${scope}) AS due_soon`);
  return { newToday: Number(r.rows[0].new_today), dueSoon: Number(r.rows[0].due_soon) };
}

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
