// SQL of 问责 items (accountability_items): the list and one item as read,
// the decision, and the sweep's candidates and upsert. No rules here (who
// reads and decides is accountability.service.ts; the thresholds and causes
// are the sweep's).
import { sql, type SQL } from 'drizzle-orm';
import type { Q, Tx } from '../../db/pool.ts';
import { inScope, type RegionScope } from '../../db/scope.ts';
import type { ProblemState } from '../../../domain/problems/vocab.ts';

export type ItemRow = {
  id: number;
  town_code: string;
  town_name: string | null;
  subject_kind: 'unit' | 'person';
  subject_id: number;
  subject_name: string | null;
  cause: 'rework' | 'overdue_days' | 'unit_overdue_month';
  period: string | null;
  problem_ids: number[];
  state: 'open' | 'decided';
  decision: string | null;
  decision_note: string | null;
  decision_date: string | null;
  decided_by: number | null;
  decided_by_name: string | null;
  created_at: Date;
  problems: { id: number; code: string; state: ProblemState }[];
};

const COLS = sql`a.id, a.town_code, rg.name AS town_name, a.subject_kind, a.subject_id, u.name AS subject_name, a.cause, a.period, a.problem_ids,
  a.state, a.decision, a.decision_note, a.decision_date::text AS decision_date, a.decided_by, dp.name AS decided_by_name, a.created_at,
  (SELECT coalesce(json_agg(json_build_object('id', p.id, 'code', p.code, 'state', p.state) ORDER BY p.id), '[]'::json)
     FROM problems p WHERE p.id IN (SELECT (jsonb_array_elements_text(a.problem_ids))::bigint)) AS problems`;
const FROM = sql`FROM accountability_items a LEFT JOIN units u ON a.subject_kind = 'unit' AND u.id = a.subject_id
  LEFT JOIN regions rg ON rg.code = a.town_code LEFT JOIN people dp ON dp.id = a.decided_by`;

/** Newest first: `limit + 1` items under `scope` with ids below `before`. */
export async function listItems(q: Q, scope: RegionScope, f: { state?: string; before: number | null; limit: number }): Promise<ItemRow[]> {
  return (
    await q.execute<ItemRow>(sql`SELECT ${COLS} ${FROM} WHERE ${inScope(sql`a.town_code`, scope)}
    ${f.state ? sql`AND a.state = ${f.state}` : sql``} ${f.before ? sql`AND a.id < ${f.before}` : sql``}
    ORDER BY a.id DESC LIMIT ${f.limit + 1}`)
  ).rows;
}

export async function itemById(q: Q, id: number): Promise<ItemRow | null> {
  return (await q.execute<ItemRow>(sql`SELECT ${COLS} ${FROM} WHERE a.id = ${id}`)).rows[0] ?? null;
}

/** The item under `scope`, locked for a decision. */
export async function lockItem(tx: Tx, id: number, scope: RegionScope) {
  return (
    (
      await tx.execute<{ id: number; town_code: string; state: string; cause: string; subject_id: number; problem_ids: number[] }>(sql`
    SELECT a.id, a.town_code, a.state, a.cause, a.subject_id, a.problem_ids FROM accountability_items a
    WHERE a.id = ${id} AND ${inScope(sql`a.town_code`, scope)} FOR UPDATE`)
    ).rows[0] ?? null
  );
}

export async function markDecided(tx: Tx, id: number, d: { decision: string; note: string | null; decisionDate: string; decidedBy: number }) {
  await tx.execute(sql`UPDATE accountability_items SET state = 'decided', decision = ${d.decision}, decision_note = ${d.note},
    decision_date = ${d.decisionDate}::date, decided_by = ${d.decidedBy} WHERE id = ${id}`);
}

// ---- the sweep ----

const exists = (key: SQL) => sql`EXISTS (SELECT 1 FROM accountability_items a WHERE a.dedupe_key = ${key})`;

/** Problems reworked at least `min` times without a rework item yet. */
export async function reworked(q: Q, min: number, batch: number) {
  return (
    await q.execute<{ id: number; code: string; town_code: string; unit_id: number; rework_count: number }>(sql`
    SELECT p.id, p.code, p.town_code, p.responsible_unit_id AS unit_id, p.rework_count FROM problems p
    WHERE p.rework_count >= ${min} AND p.responsible_unit_id IS NOT NULL AND NOT ${exists(sql`'rework:' || p.id`)}
    ORDER BY p.id LIMIT ${batch}`)
  ).rows;
}

/**
 * Overdue problems (`overdue`: the problems module's SQL) due more than `days` calendar days before `today` (a working
 * day is at least a calendar day: a cheap pre-filter), without an overdue item yet.
 */
export async function longOverdue(q: Q, overdue: SQL, today: string, days: number, batch: number) {
  return (
    await q.execute<{ id: number; code: string; town_code: string; unit_id: number; due_date: string }>(sql`
    SELECT p.id, p.code, p.town_code, p.responsible_unit_id AS unit_id, p.due_date::text AS due_date FROM problems p
    WHERE ${overdue} AND p.responsible_unit_id IS NOT NULL AND p.due_date < ${today}::date - ${days}::int AND NOT ${exists(sql`'overdue:' || p.id`)}
    ORDER BY p.due_date, p.id LIMIT ${batch}`)
  ).rows;
}

/** Per town, unit and month of the due date (from `from`): the overdue or late-closed problems, where at least `min`. */
export async function unitOverdueMonths(q: Q, overdue: SQL, from: string, min: number, batch: number) {
  return (
    await q.execute<{ town_code: string; unit_id: number; period: string; ids: number[] }>(sql`
    SELECT p.town_code, p.responsible_unit_id AS unit_id, to_char(p.due_date, 'YYYY-MM') AS period, array_agg(p.id ORDER BY p.id) AS ids
    FROM problems p
    WHERE p.responsible_unit_id IS NOT NULL AND p.due_date >= ${from}::date AND (${overdue} OR (p.state = 'closed' AND p.closed_on_time = false))
    GROUP BY 1, 2, 3 HAVING count(*) >= ${min}
    ORDER BY 3, 1, 2 LIMIT ${batch}`)
  ).rows;
}

/**
 * Insert an item by its dedupe key, or refresh the cause list of a still-open
 * monthly item; the id, and whether it is new.
 */
export async function upsertItem(
  tx: Tx,
  it: { townCode: string; unitId: number; cause: string; period: string | null; problemIds: number[]; dedupeKey: string },
) {
  return (
    (
      await tx.execute<{ id: number; inserted: boolean }>(sql`
    INSERT INTO accountability_items (town_code, subject_kind, subject_id, cause, period, problem_ids, dedupe_key)
    VALUES (${it.townCode}, 'unit', ${it.unitId}, ${it.cause}, ${it.period}, ${JSON.stringify(it.problemIds)}::jsonb, ${it.dedupeKey})
    ON CONFLICT (dedupe_key) DO UPDATE SET problem_ids = EXCLUDED.problem_ids
      WHERE accountability_items.state = 'open' AND accountability_items.cause = 'unit_overdue_month'
        AND accountability_items.problem_ids IS DISTINCT FROM EXCLUDED.problem_ids
    RETURNING id, (xmax = 0) AS inserted`)
    ).rows[0] ?? null
  );
}
