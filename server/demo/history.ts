// The one place the demo dates its records in the past. The demo's months of
// history are written through the real services as of past moments: the
// services read the injectable clock (server/platform/clock.ts), so the
// dates they compute (deadlines, dispatched/rectified/closed times, a
// notice's 印发 time, a ranking's publication) are the past day's. What SQL
// stamps with now() does not follow that clock: inside the demo's one
// transaction now() is the transaction's start, so a row stamped during a
// step carries exactly now(). After each step, History.on() moves those
// stamps, on the rows the history itself wrote, to the step's moment: a
// problem's created/updated time, its history rows, photos, extension
// requests, notices, 回头看, 问责 items, inbox items, notifications, rankings,
// plans, ledger rows. Never audit_log (hash-chained: its rows keep the time
// they were written) nor anything written before the history began.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import { atTime } from '../platform/clock.ts';

/** The tables whose rows the history writes and may date (those with an id and timestamps). */
const TABLES = [
  'problems',
  'problem_events',
  'problem_photos',
  'extension_requests',
  'notices',
  'notice_items',
  'reinspections',
  'accountability_items',
  'inbox_items',
  'notifications',
  'rankings',
  'rectification_plans',
  'plan_milestones',
  'plan_progress',
  'points_ledger',
] as const;

/** A China time (`day` at hh:mm, as minutes) as a Date. */
export const chinaTime = (day: string, minutes: number) => new Date(Date.parse(`${day}T00:00:00+08:00`) + minutes * 60_000);

export class History {
  private constructor(
    private readonly q: Db,
    private readonly cols: Map<string, string[]>,
    private readonly marks: Map<string, number>,
  ) {}

  /** Start a history: the rows written from now on (and only those) are dated by on(). */
  static async begin(q: Db): Promise<History> {
    const found = (
      await q.execute<{ t: string; c: string }>(sql`
      SELECT c.table_name AS t, c.column_name AS c FROM information_schema.columns c
      WHERE c.table_schema = current_schema() AND c.table_name = ANY(${sql.param([...TABLES])}::text[]) AND c.data_type = 'timestamp with time zone'
        AND EXISTS (SELECT 1 FROM information_schema.columns i WHERE i.table_schema = c.table_schema AND i.table_name = c.table_name AND i.column_name = 'id')
      ORDER BY 1, 2`)
    ).rows;
    const cols = new Map<string, string[]>();
    for (const r of found) cols.set(r.t, [...(cols.get(r.t) ?? []), r.c]);
    const marks = new Map<string, number>();
    for (const t of cols.keys()) {
      marks.set(t, Number((await q.execute<{ m: number }>(sql`SELECT coalesce(max(id), 0)::bigint AS m FROM ${sql.identifier(t)}`)).rows[0].m));
    }
    return new History(q, cols, marks);
  }

  /** Run `fn` as of `when` (the clock pinned there), then date what it stamped with SQL now() at `when`. */
  async on<T>(when: Date, fn: () => Promise<T>): Promise<T> {
    const result = await atTime(when, fn);
    const at = when.toISOString();
    // One statement for every table (data-modifying CTEs): a round trip per step, not one per table.
    const updates = [...this.cols].map(([t, cs], i) => {
      const set = sql.join(
        cs.map((c) => sql`${sql.identifier(c)} = CASE WHEN ${sql.identifier(c)} = now() THEN ${at}::timestamptz ELSE ${sql.identifier(c)} END`),
        sql`, `,
      );
      const any = sql.join(
        cs.map((c) => sql`${sql.identifier(c)} = now()`),
        sql` OR `,
      );
      return sql`${sql.identifier(`u${i}`)} AS (UPDATE ${sql.identifier(t)} SET ${set} WHERE id > ${this.marks.get(t)!} AND (${any}) RETURNING 1)`;
    });
    if (updates.length) await this.q.execute(sql`WITH ${sql.join(updates, sql`, `)} SELECT 1`);
    return result;
  }
}
