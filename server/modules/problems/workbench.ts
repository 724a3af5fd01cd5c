// The office workbench: queue counts per state, overdue, due today, pending
// extension requests, and what needs the caller's action, overdue first.
// "Needs my action" follows the workflow parties (parties.ts): the office
// files/dispatches and decides extensions in its regions, the assignee
// accepts/rectifies for its units or community, the verifier verifies.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/pool.ts';
import { authorize } from '../../platform/session.ts';
import { regionScope, type Actor } from '../../../domain/permissions.ts';
import { getCalendar, todayChina } from '../calendar/index.ts';
import { problemScope } from './parties.ts';
import { PROBLEM_COLUMNS, PROBLEM_REGION, scopeSql } from './problems.repository.ts';
import { inRegions } from '../../db/scope.ts';
import { FROM_JOINS, toItem, type ListRow } from './list.ts';
import { counts as queueCounts } from './problems.service.ts';
import { overdueSql } from './overdue.ts';

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

export async function workbench(db: Db, actor: Actor, limit = 20) {
  authorize(actor, 'problem.read');
  const today = todayChina();
  const scope = scopeSql(problemScope(actor));
  const mine = myActionSql(actor);
  const from = mine.needsUnit ? sql`FROM problems p LEFT JOIN units u ON u.id = p.responsible_unit_id` : sql`FROM problems p`;
  // Queue counts from the service's split region/rest aggregate (index-only on town_code, state, due_date).
  // What needs my action: the page's ids first (open problems only, read through the index), then their rows.
  const [counts, ext, flagged, todoIds, todoCount, cal] = await Promise.all([
    queueCounts(db, actor, { openOnly: true }),
    db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM extension_requests er JOIN problems p ON p.id = er.problem_id
      WHERE er.state = 'pending' AND ${scope}`),
    db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM problems p WHERE p.flagged AND ${scope}`),
    db.execute<{ id: number }>(sql`SELECT p.id ${from} WHERE ${mine.where}
      ORDER BY ${overdueSql(today)} DESC, p.due_date ASC NULLS LAST, p.created_at ASC, p.id ASC LIMIT ${limit}`),
    db.execute<{ n: number }>(sql`SELECT count(*) AS n ${from} WHERE ${mine.where}`),
    getCalendar(db),
  ]);
  const ids = todoIds.rows.map((r) => Number(r.id));
  const todo = ids.length
    ? await db.execute<ListRow>(sql`SELECT ${PROBLEM_COLUMNS}, p.flagged, p.satisfaction, '' AS sort_key ${FROM_JOINS}
        WHERE p.id = ANY(${sql.param(ids)}::bigint[])`)
    : { rows: [] as ListRow[] };
  const byId = new Map(todo.rows.map((r) => [Number(r.id), r]));
  const items = ids.map((id) => byId.get(id)).filter((r): r is ListRow => !!r);
  const { byState, overdue, dueToday } = counts;
  return {
    today,
    byState,
    overdue,
    dueToday,
    pendingExtensions: Number(ext.rows[0].n),
    awaitingVerification: byState.rectified,
    flagged: Number(flagged.rows[0].n),
    myActions: { total: Number(todoCount.rows[0].n), items: items.map((p) => toItem(actor, p, today, cal)) },
  };
}
