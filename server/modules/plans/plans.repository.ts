// SQL of rectification plans (rectification_plans, plan_milestones,
// plan_progress) and the rows of the problem responsibility list. No rules
// here: who may edit and when is plans.service.ts.
import { sql, type SQL } from 'drizzle-orm';
import type { Q, Tx } from '../../db/pool.ts';

export type PlanRow = {
  id: number;
  problem_id: number;
  summary: string;
  measures: string | null;
  responsible_name: string | null;
  responsible_person_id: number | null;
  version: number;
  created_by: number | null;
  created_at: Date;
  updated_at: Date;
};
export interface PlanFields {
  summary: string;
  measures: string | null;
  responsibleName: string | null;
  responsiblePersonId: number | null;
}

export async function planOf(q: Q, problemId: number, forUpdate = false): Promise<PlanRow | null> {
  return (
    (await q.execute<PlanRow>(sql`SELECT * FROM rectification_plans WHERE problem_id = ${problemId} ${forUpdate ? sql`FOR UPDATE` : sql``}`)).rows[0] ?? null
  );
}

export async function milestonesOf(q: Q, planId: number) {
  return (
    await q.execute<{ id: number; title: string; due_date: string; responsible_name: string | null; done_at: Date | null; sort: number }>(
      sql`SELECT id, title, due_date::text AS due_date, responsible_name, done_at, sort FROM plan_milestones WHERE plan_id = ${planId} ORDER BY sort, id`,
    )
  ).rows;
}

/** Progress notes, newest first. */
export async function progressOf(q: Q, planId: number) {
  return (
    await q.execute<{ id: number; at: Date; by_name: string; percent: number | null; note: string }>(
      sql`SELECT id, at, by_name, percent, note FROM plan_progress WHERE plan_id = ${planId} ORDER BY id DESC`,
    )
  ).rows;
}

export async function insertPlan(tx: Tx, problemId: number, f: PlanFields, createdBy: number): Promise<number> {
  return (
    await tx.execute<{ id: number }>(sql`INSERT INTO rectification_plans (problem_id, summary, measures, responsible_name, responsible_person_id, created_by)
    VALUES (${problemId}, ${f.summary}, ${f.measures}, ${f.responsibleName}, ${f.responsiblePersonId}, ${createdBy}) RETURNING id`)
  ).rows[0].id;
}

export async function updatePlan(tx: Tx, planId: number, f: PlanFields) {
  await tx.execute(sql`UPDATE rectification_plans SET summary = ${f.summary}, measures = ${f.measures}, responsible_name = ${f.responsibleName},
    responsible_person_id = ${f.responsiblePersonId}, version = version + 1, updated_at = now() WHERE id = ${planId}`);
}

/** Drop the plan's milestones other than `keep`. */
export async function deleteMilestonesExcept(tx: Tx, planId: number, keep: number[]) {
  await tx.execute(sql`DELETE FROM plan_milestones WHERE plan_id = ${planId} ${keep.length ? sql`AND id <> ALL(${sql.param(keep)}::int[])` : sql``}`);
}

export interface MilestoneFields {
  title: string;
  dueDate: string;
  responsibleName: string | null;
  sort: number;
}

/** False when the milestone is not the plan's. */
export async function updateMilestone(tx: Tx, planId: number, id: number, m: MilestoneFields): Promise<boolean> {
  const r =
    await tx.execute(sql`UPDATE plan_milestones SET title = ${m.title}, due_date = ${m.dueDate}, responsible_name = ${m.responsibleName}, sort = ${m.sort}
    WHERE id = ${id} AND plan_id = ${planId}`);
  return !!r.rowCount;
}

export async function insertMilestone(tx: Tx, planId: number, m: MilestoneFields) {
  await tx.execute(
    sql`INSERT INTO plan_milestones (plan_id, title, due_date, responsible_name, sort) VALUES (${planId}, ${m.title}, ${m.dueDate}, ${m.responsibleName}, ${m.sort})`,
  );
}

/** Marks a milestone of the problem's plan done (or not); its title, or null when it is not that plan's. */
export async function setMilestoneDone(tx: Tx, problemId: number, milestoneId: number, done: boolean): Promise<string | null> {
  const r = await tx.execute<{ title: string }>(sql`UPDATE plan_milestones m SET done_at = ${done ? sql`now()` : sql`NULL`}
    FROM rectification_plans pl WHERE m.id = ${milestoneId} AND m.plan_id = pl.id AND pl.problem_id = ${problemId} RETURNING m.title`);
  return r.rows[0]?.title ?? null;
}

export async function insertProgress(tx: Tx, planId: number, p: { byId: number; byName: string; percent: number | null; note: string }) {
  await tx.execute(sql`INSERT INTO plan_progress (plan_id, by_id, by_name, percent, note) VALUES (${planId}, ${p.byId}, ${p.byName}, ${p.percent}, ${p.note})`);
}

export type ResponsibilityRow = {
  id: number;
  code: string;
  state: string;
  description: string;
  due_date: string | null;
  category: string | null;
  community: string | null;
  place: string | null;
  unit: string | null;
  summary: string | null;
  measures: string | null;
  responsible_name: string | null;
  milestones: string | null;
  percent: number | null;
  last_note: string | null;
};

/** The hard (集中整) problems under `scope` with their plans, by region and id. */
export async function responsibilityRows(q: Q, scope: SQL, f: { regionCode?: string; includeClosed?: boolean }): Promise<ResponsibilityRow[]> {
  const conds = [scope, sql`p.tier = 'centralized'`, sql`p.state NOT IN ('rejected', 'merged')`];
  if (!f.includeClosed) conds.push(sql`p.state <> 'closed'`);
  if (f.regionCode) conds.push(sql`p.region_code LIKE ${f.regionCode + '%'}`);
  return (
    await q.execute<ResponsibilityRow>(sql`
    SELECT p.id, p.code, p.state, p.description, p.due_date::text AS due_date, c.name AS category, rg.name AS community, pl.name AS place,
           u.name AS unit, rp.summary, rp.measures, rp.responsible_name,
           (SELECT string_agg(m.due_date::text || ' ' || m.title || CASE WHEN m.done_at IS NOT NULL THEN '（已完成）' ELSE '' END, E'\n' ORDER BY m.sort, m.id)
              FROM plan_milestones m WHERE m.plan_id = rp.id) AS milestones,
           (SELECT pp.percent FROM plan_progress pp WHERE pp.plan_id = rp.id AND pp.percent IS NOT NULL ORDER BY pp.id DESC LIMIT 1) AS percent,
           (SELECT pp.note FROM plan_progress pp WHERE pp.plan_id = rp.id ORDER BY pp.id DESC LIMIT 1) AS last_note
    FROM problems p
    LEFT JOIN categories c ON c.id = p.category_id LEFT JOIN regions rg ON rg.code = substr(p.region_code, 1, 12)
    LEFT JOIN places pl ON pl.id = p.place_id LEFT JOIN units u ON u.id = p.responsible_unit_id
    LEFT JOIN rectification_plans rp ON rp.problem_id = p.id
    WHERE ${sql.join(conds, sql` AND `)} ORDER BY p.region_code, p.id`)
  ).rows;
}
