// The SQL of the office workbench: what needs the caller's action (by the
// workflow parties of parties.ts), pending extension requests and flagged
// problems, all inside the caller's scope.
import { sql, type SQL } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { regionScope, type Actor } from '../../../domain/permissions.ts';
import { inRegions } from '../../db/scope.ts';
import { problemScope } from './parties.ts';
import { PROBLEM_COLUMNS } from './problems.repository.ts';
import { PROBLEM_REGION, scopeSql } from './problems.scope.repository.ts';
import { FROM_JOINS, type ListRow } from './list.repository.ts';
import { overdueSql } from './overdue.repository.ts';

/**
 * Problems on which the actor has an action now (one of their parties and the
 * state allow one). Each part names its states and its regions or units, so
 * the query reads only open problems through the (town_code, state, due_date)
 * index; every such problem is inside the caller's scope by construction.
 * `u` (the responsible unit) is joined only for community cadres.
 */
export function myActionSql(actor: Actor): { where: SQL; needsUnit: boolean } {
  const office = regionScope(actor, 'problem.office');
  const verify = regionScope(actor, 'problem.verify');
  const units = actor.grants.filter((g) => g.role === 'unit_liaison' && g.unitId).map((g) => g.unitId!);
  const communities = actor.grants.filter((g) => g.role === 'community_staff' && g.regionCode).map((g) => g.regionCode!);
  const assignee: SQL[] = [];
  if (units.length) assignee.push(sql`p.responsible_unit_id = ANY(${sql.param(units)}::int[])`);
  for (const c of communities) assignee.push(sql`u.region_code LIKE ${c + '%'}`);
  const parts: SQL[] = [
    sql`(p.state IN ('reported', 'filed') AND ${inRegions(office, PROBLEM_REGION)})`,
    sql`(p.state IN ('dispatched', 'rectifying') AND ${inRegions(office, PROBLEM_REGION)} AND EXISTS (SELECT 1 FROM extension_requests er WHERE er.problem_id = p.id AND er.state = 'pending'))`,
    sql`(p.state = 'rectified' AND ${inRegions(verify, PROBLEM_REGION)})`,
  ];
  if (assignee.length) parts.push(sql`(p.state IN ('dispatched', 'rectifying') AND (${sql.join(assignee, sql` OR `)}))`);
  return { where: sql`(${sql.join(parts, sql` OR `)})`, needsUnit: communities.length > 0 };
}

/** The page of problems needing the actor's action (overdue first, then by due date) and how many there are. */
export async function actionQueue(q: Q, actor: Actor, today: string, limit: number): Promise<{ ids: number[]; total: number }> {
  const mine = myActionSql(actor);
  const from = mine.needsUnit ? sql`FROM problems p LEFT JOIN units u ON u.id = p.responsible_unit_id` : sql`FROM problems p`;
  const [page, count] = await Promise.all([
    q.execute<{ id: number }>(sql`SELECT p.id ${from} WHERE ${mine.where}
      ORDER BY ${overdueSql(today)} DESC, p.due_date ASC NULLS LAST, p.created_at ASC, p.id ASC LIMIT ${limit}`),
    q.execute<{ n: number }>(sql`SELECT count(*) AS n ${from} WHERE ${mine.where}`),
  ]);
  return { ids: page.rows.map((r) => Number(r.id)), total: Number(count.rows[0].n) };
}

/** Pending extension requests and flagged problems in the actor's scope. */
export async function pendingCounts(q: Q, actor: Actor): Promise<{ pendingExtensions: number; flagged: number }> {
  const scope = scopeSql(problemScope(actor));
  const [ext, flagged] = await Promise.all([
    q.execute<{ n: number }>(sql`SELECT count(*) AS n FROM extension_requests er JOIN problems p ON p.id = er.problem_id
      WHERE er.state = 'pending' AND ${scope}`),
    q.execute<{ n: number }>(sql`SELECT count(*) AS n FROM problems p WHERE p.flagged AND ${scope}`),
  ]);
  return { pendingExtensions: Number(ext.rows[0].n), flagged: Number(flagged.rows[0].n) };
}

/** List rows of these problems, in the order of `ids` (missing ones left out). */
export async function listRowsByIds(q: Q, ids: number[]): Promise<ListRow[]> {
  if (!ids.length) return [];
  const r = await q.execute<ListRow>(sql`SELECT ${PROBLEM_COLUMNS}, p.flagged, p.satisfaction, '' AS sort_key ${FROM_JOINS}
    WHERE p.id = ANY(${sql.param(ids)}::bigint[])`);
  const byId = new Map(r.rows.map((x) => [Number(x.id), x]));
  return ids.map((id) => byId.get(id)).filter((x): x is ListRow => !!x);
}
