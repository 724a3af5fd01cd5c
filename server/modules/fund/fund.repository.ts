// SQL of the campaign fund: the append-only ledger (entries are inserted,
// never updated or deleted; a correction is a reversing entry), balances over
// a period and per project, and the projects with their milestones and the
// 摸排 needs they answer. Amounts are bigint fen. Reads take the caller's
// region scope (the fund is a town's: town_code).
import { sql, type SQL } from 'drizzle-orm';
import type { Q, Tx } from '../../db/pool.ts';
import type { RegionScope } from '../../db/scope.ts';

const townIn = (col: SQL, r: string): SQL => (r.length >= 9 ? sql`${col} = ${r.slice(0, 9)}` : sql`${col} LIKE ${r + '%'}`);
const scopeSql = (col: SQL, scope: RegionScope): SQL =>
  scope === 'all'
    ? sql`true`
    : scope.length
      ? sql`(${sql.join(
          scope.map((r) => townIn(col, r)),
          sql` OR `,
        )})`
      : sql`false`;

// ---- the ledger ----

export interface EntryFilter {
  regionCode?: string;
  from?: string;
  to?: string;
  projectId?: number;
  direction?: string;
}

function entryFilter(f: EntryFilter, scope: RegionScope): SQL {
  const conds: SQL[] = [scopeSql(sql`e.town_code`, scope)];
  if (f.regionCode) conds.push(townIn(sql`e.town_code`, f.regionCode));
  if (f.from) conds.push(sql`e.on_date >= ${f.from}::date`);
  if (f.to) conds.push(sql`e.on_date <= ${f.to}::date`);
  if (f.projectId) conds.push(sql`e.project_id = ${f.projectId}`);
  if (f.direction) conds.push(sql`e.direction = ${f.direction}`);
  return sql.join(conds, sql` AND `);
}

const ENTRY_COLS = sql`e.id, e.town_code AS "townCode", e.direction, e.source, e.amount_fen AS "amountFen", e.on_date::text AS "onDate",
  e.project_id AS "projectId", fp.name AS "projectName", e.unit_id AS "unitId", u.name AS "unitName", e.note, e.reverses_id AS "reversesId",
  (SELECT r.id FROM fund_entries r WHERE r.reverses_id = e.id) AS "reversedById", pe.name AS "createdByName", e.created_at AS "createdAt"`;
const ENTRY_FROM = sql`fund_entries e LEFT JOIN fund_projects fp ON fp.id = e.project_id LEFT JOIN units u ON u.id = e.unit_id LEFT JOIN people pe ON pe.id = e.created_by`;

export interface EntryRow {
  id: number;
  townCode: string;
  direction: string;
  source: string | null;
  amountFen: number;
  onDate: string;
  projectId: number | null;
  projectName: string | null;
  unitId: number | null;
  unitName: string | null;
  note: string;
  reversesId: number | null;
  reversedById: number | null;
  createdByName: string | null;
  createdAt: Date;
}
const entryRow = (r: any): EntryRow => ({
  ...r,
  id: Number(r.id),
  amountFen: Number(r.amountFen),
  projectId: r.projectId == null ? null : Number(r.projectId),
  reversesId: r.reversesId == null ? null : Number(r.reversesId),
  reversedById: r.reversedById == null ? null : Number(r.reversedById),
});

/** A page of entries, newest first by (on_date, id). */
export async function entryPage(q: Q, f: EntryFilter, scope: RegionScope, after: [string, number] | null, limit: number, asc = false): Promise<EntryRow[]> {
  const keyset = after
    ? asc
      ? sql`AND (e.on_date, e.id) > (${after[0]}::date, ${after[1]})`
      : sql`AND (e.on_date, e.id) < (${after[0]}::date, ${after[1]})`
    : sql``;
  return (
    await q.execute<any>(sql`SELECT ${ENTRY_COLS} FROM ${ENTRY_FROM} WHERE ${entryFilter(f, scope)} ${keyset}
      ORDER BY ${asc ? sql`e.on_date, e.id` : sql`e.on_date DESC, e.id DESC`} LIMIT ${limit}`)
  ).rows.map(entryRow);
}

export async function getEntry(q: Q, id: number, scope: RegionScope, forUpdate = false): Promise<EntryRow | null> {
  const r = (await q.execute<any>(sql`SELECT ${ENTRY_COLS} FROM ${ENTRY_FROM} WHERE e.id = ${id} AND ${scopeSql(sql`e.town_code`, scope)}`)).rows[0];
  if (r && forUpdate) await q.execute(sql`SELECT id FROM fund_entries WHERE id = ${id} FOR UPDATE`);
  return r ? entryRow(r) : null;
}

export interface NewEntry {
  townCode: string;
  direction: string;
  source: string | null;
  amountFen: number;
  onDate: string;
  projectId: number | null;
  unitId: number | null;
  note: string;
  reversesId: number | null;
}

export async function insertEntry(tx: Tx, e: NewEntry, by: number): Promise<number> {
  const r = await tx.execute<{
    id: number;
  }>(sql`INSERT INTO fund_entries (town_code, direction, source, amount_fen, on_date, project_id, unit_id, note, reverses_id, created_by)
    VALUES (${e.townCode}, ${e.direction}, ${e.source}, ${e.amountFen}, ${e.onDate}::date, ${e.projectId}, ${e.unitId}, ${e.note}, ${e.reversesId}, ${by}) RETURNING id`);
  return Number(r.rows[0].id);
}

/** Serialise money written to one town (two spends checked against one budget at once). */
export async function lockTown(tx: Tx, town: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('fund:' || ${town}))`);
}

/** Spent on a project so far (its spends and their reversals). */
export async function spentOn(q: Q, projectId: number): Promise<number> {
  const r = await q.execute<{ s: string }>(
    sql`SELECT coalesce(sum(amount_fen), 0)::bigint AS s FROM fund_entries WHERE project_id = ${projectId} AND direction = 'spend'`,
  );
  return Number(r.rows[0].s);
}

/** Opening balance, income and spending over a period, income by source, for a region (a town or a county). */
export async function balance(q: Q, region: string, from: string, to: string) {
  const t = await q.execute<any>(sql`SELECT
      coalesce(sum(CASE WHEN on_date < ${from}::date THEN CASE WHEN direction = 'income' THEN amount_fen ELSE -amount_fen END END), 0)::bigint AS opening,
      coalesce(sum(amount_fen) FILTER (WHERE direction = 'income' AND on_date BETWEEN ${from}::date AND ${to}::date), 0)::bigint AS income,
      coalesce(sum(amount_fen) FILTER (WHERE direction = 'spend' AND on_date BETWEEN ${from}::date AND ${to}::date), 0)::bigint AS spend
    FROM fund_entries e WHERE ${townIn(sql`e.town_code`, region)} AND on_date <= ${to}::date`);
  const s = await q.execute<any>(sql`SELECT source, sum(amount_fen)::bigint AS amount FROM fund_entries e
    WHERE ${townIn(sql`e.town_code`, region)} AND direction = 'income' AND on_date BETWEEN ${from}::date AND ${to}::date GROUP BY source`);
  const r = t.rows[0];
  return {
    opening: Number(r.opening),
    income: Number(r.income),
    spend: Number(r.spend),
    bySource: s.rows.map((x: any) => ({ source: x.source as string, amount: Number(x.amount) })),
  };
}

// ---- projects ----

const PROJECT_COLS = sql`p.id, p.town_code AS "townCode", p.kind, p.name, p.budget_fen AS "budgetFen", p.unit_id AS "unitId", u.name AS "unitName",
  p.description, p.state, p.version, p.created_at AS "createdAt",
  (SELECT coalesce(sum(e.amount_fen), 0)::bigint FROM fund_entries e WHERE e.project_id = p.id AND e.direction = 'spend') AS "spentFen",
  (SELECT coalesce(sum(e.amount_fen), 0)::bigint FROM fund_entries e WHERE e.project_id = p.id AND e.direction = 'income') AS "earmarkedFen",
  (SELECT coalesce(round(avg(m.progress)), 0)::int FROM fund_milestones m WHERE m.project_id = p.id) AS progress`;
const PROJECT_FROM = sql`fund_projects p JOIN units u ON u.id = p.unit_id`;

export interface ProjectRow {
  id: number;
  townCode: string;
  kind: string;
  name: string;
  budgetFen: number;
  unitId: number;
  unitName: string;
  description: string | null;
  state: string;
  version: number;
  createdAt: Date;
  spentFen: number;
  earmarkedFen: number;
  progress: number;
}
const projectRow = (r: any): ProjectRow => ({
  ...r,
  id: Number(r.id),
  budgetFen: Number(r.budgetFen),
  spentFen: Number(r.spentFen),
  earmarkedFen: Number(r.earmarkedFen),
});

export async function projects(q: Q, region: string | undefined, scope: RegionScope, limit = 1000): Promise<ProjectRow[]> {
  return (
    await q.execute<any>(sql`SELECT ${PROJECT_COLS} FROM ${PROJECT_FROM} WHERE ${scopeSql(sql`p.town_code`, scope)}
      ${region ? sql`AND ${townIn(sql`p.town_code`, region)}` : sql``} ORDER BY p.id DESC LIMIT ${limit}`)
  ).rows.map(projectRow);
}

export async function getProject(q: Q, id: number, scope: RegionScope): Promise<ProjectRow | null> {
  const r = (await q.execute<any>(sql`SELECT ${PROJECT_COLS} FROM ${PROJECT_FROM} WHERE p.id = ${id} AND ${scopeSql(sql`p.town_code`, scope)}`)).rows[0];
  return r ? projectRow(r) : null;
}

/** Spent on each project of the region within the period. */
export async function spentInPeriod(q: Q, region: string, from: string, to: string): Promise<Map<number, number>> {
  const r = await q.execute<any>(sql`SELECT project_id, sum(amount_fen)::bigint AS s FROM fund_entries e WHERE ${townIn(sql`e.town_code`, region)}
    AND direction = 'spend' AND on_date BETWEEN ${from}::date AND ${to}::date GROUP BY project_id`);
  return new Map(r.rows.map((x: any) => [Number(x.project_id), Number(x.s)]));
}

export async function milestonesOf(q: Q, projectId: number) {
  return (
    await q.execute<any>(sql`SELECT id, name, due_date::text AS "dueDate", progress, done_on::text AS "doneOn" FROM fund_milestones WHERE project_id = ${projectId}
      ORDER BY sort, id`)
  ).rows.map((r: any) => ({ ...r, id: Number(r.id) })) as { id: number; name: string; dueDate: string | null; progress: number; doneOn: string | null }[];
}

export async function needIdsOf(q: Q, projectId: number): Promise<number[]> {
  return (await q.execute<any>(sql`SELECT need_id FROM fund_project_needs WHERE project_id = ${projectId} ORDER BY need_id`)).rows.map((r: any) =>
    Number(r.need_id),
  );
}

export interface ProjectFields {
  townCode: string;
  kind: string;
  name: string;
  budgetFen: number;
  unitId: number;
  description: string | null;
  state: string;
}

export async function insertProject(tx: Tx, f: ProjectFields, by: number): Promise<number> {
  const r = await tx.execute<{ id: number }>(sql`INSERT INTO fund_projects (town_code, kind, name, budget_fen, unit_id, description, state, created_by)
    VALUES (${f.townCode}, ${f.kind}, ${f.name}, ${f.budgetFen}, ${f.unitId}, ${f.description}, ${f.state}, ${by}) RETURNING id`);
  return Number(r.rows[0].id);
}

export async function updateProject(tx: Tx, id: number, version: number, f: Omit<ProjectFields, 'townCode'>): Promise<boolean> {
  const r = await tx.execute(sql`UPDATE fund_projects SET kind = ${f.kind}, name = ${f.name}, budget_fen = ${f.budgetFen}, unit_id = ${f.unitId},
    description = ${f.description}, state = ${f.state}, version = version + 1, updated_at = now() WHERE id = ${id} AND version = ${version} RETURNING id`);
  return r.rows.length > 0;
}

/** Make the project's milestones exactly these (kept by id, added without one, the rest removed). */
export async function setMilestones(
  tx: Tx,
  projectId: number,
  ms: { id?: number; name: string; dueDate: string | null; progress: number; doneOn: string | null }[],
) {
  const keep = ms.filter((m) => m.id).map((m) => m.id as number);
  await tx.execute(sql`DELETE FROM fund_milestones WHERE project_id = ${projectId} AND NOT (id = ANY(${sql.param(keep)}::bigint[]))`);
  for (const [i, m] of ms.entries()) {
    if (m.id)
      await tx.execute(sql`UPDATE fund_milestones SET name = ${m.name}, due_date = ${m.dueDate}::date, progress = ${m.progress}, done_on = ${m.doneOn}::date, sort = ${i}
        WHERE id = ${m.id} AND project_id = ${projectId}`);
    else
      await tx.execute(sql`INSERT INTO fund_milestones (project_id, name, due_date, progress, done_on, sort)
        VALUES (${projectId}, ${m.name}, ${m.dueDate}::date, ${m.progress}, ${m.doneOn}::date, ${i})`);
  }
}

export async function milestoneIds(q: Q, projectId: number): Promise<number[]> {
  return (await q.execute<any>(sql`SELECT id FROM fund_milestones WHERE project_id = ${projectId}`)).rows.map((r: any) => Number(r.id));
}

export async function setNeeds(tx: Tx, projectId: number, needIds: number[]) {
  await tx.execute(sql`DELETE FROM fund_project_needs WHERE project_id = ${projectId}`);
  if (needIds.length)
    await tx.execute(
      sql`INSERT INTO fund_project_needs (project_id, need_id) SELECT ${projectId}, unnest(${sql.param(needIds)}::bigint[]) ON CONFLICT DO NOTHING`,
    );
}

export async function unitBrief(q: Q, id: number): Promise<{ id: number; name: string; kind: string } | null> {
  return (await q.execute<any>(sql`SELECT id, name, kind FROM units WHERE id = ${id}`)).rows[0] ?? null;
}
