// SQL for the holiday calendar (calendar_days). Dates go out as text so no
// driver turns a DATE into a midnight-UTC Date object.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';

export type DayKind = 'holiday' | 'workday';
export interface DayRow {
  day: string;
  kind: DayKind;
  name: string | null;
  source: string;
}

const COLS = sql`to_char(day, 'YYYY-MM-DD') AS day, kind, name, source`;

export async function allDays(q: Q): Promise<DayRow[]> {
  return (await q.execute<any>(sql`SELECT ${COLS} FROM calendar_days`)).rows;
}

export async function yearDays(q: Q, year: number): Promise<DayRow[]> {
  return (
    await q.execute<any>(sql`SELECT ${COLS} FROM calendar_days
    WHERE day >= make_date(${year}, 1, 1) AND day < make_date(${year + 1}, 1, 1) ORDER BY day`)
  ).rows;
}

export async function getDay(q: Q, day: string): Promise<DayRow | null> {
  return (await q.execute<any>(sql`SELECT ${COLS} FROM calendar_days WHERE day = ${day}::date FOR UPDATE`)).rows[0] ?? null;
}

/** Write a day; rows entered by the admin are left alone unless `force`. */
export async function upsertDay(q: Q, d: DayRow, force = false): Promise<boolean> {
  const r = await q.execute(sql`
    INSERT INTO calendar_days (day, kind, name, source) VALUES (${d.day}::date, ${d.kind}, ${d.name}, ${d.source})
    ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, source = EXCLUDED.source
    WHERE ${force ? sql`true` : sql`calendar_days.source <> 'admin'`}
      AND (calendar_days.kind, calendar_days.name, calendar_days.source) IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.name, EXCLUDED.source)`);
  return (r.rowCount ?? 0) > 0;
}

export async function deleteDay(q: Q, day: string) {
  await q.execute(sql`DELETE FROM calendar_days WHERE day = ${day}::date`);
}

/** Drop package rows of a year that the package no longer lists (admin rows stay). */
export async function deleteStalePackageRows(q: Q, year: number, keep: string[]): Promise<number> {
  const r = await q.execute(sql`
    DELETE FROM calendar_days
    WHERE day >= make_date(${year}, 1, 1) AND day < make_date(${year + 1}, 1, 1) AND source <> 'admin'
      AND NOT (to_char(day, 'YYYY-MM-DD') = ANY(string_to_array(${keep.join(',')}, ',')))`);
  return r.rowCount ?? 0;
}
