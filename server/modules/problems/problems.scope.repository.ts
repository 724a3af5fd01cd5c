// The SQL that keeps a problem query inside the caller's ProblemScope (alias p
// = problems): the region part, the assigned part, and what the public
// channel may show.
import { sql, type SQL } from 'drizzle-orm';
import { inRegions } from '../../db/scope.ts';
import type { ProblemScope } from './parties.ts';

/** A problem's region columns, for server/db/scope.ts inRegion(s). */
export const PROBLEM_REGION = { town: sql`p.town_code`, region: sql`p.region_code` };

/**
 * The region part of a scope: town-level prefixes are matched on town_code,
 * so the planner can use (town_code, state, due_date) — index-only for counts.
 */
export function regionScopeSql(s: ProblemScope): SQL | null {
  if (s.regions === 'all') return sql`true`;
  if (!s.regions.length) return null;
  return inRegions(s.regions, PROBLEM_REGION);
}

/**
 * The rest of a scope: problems assigned to units the caller acts for, and
 * the caller's own reports. Each arm is indexable (an initplan array for the
 * units located in a cadre's community), so PostgreSQL can OR bitmaps
 * instead of scanning the table.
 */
export function assignedScopeSql(s: ProblemScope): SQL {
  return sql`(${sql.join([...assigneeParts(s), sql`p.reporter_id = ${s.personId}`], sql` OR `)})`;
}

function assigneeParts(s: ProblemScope): SQL[] {
  const parts: SQL[] = [];
  for (const c of s.assigneeCommunities) parts.push(sql`p.responsible_unit_id = ANY(ARRAY(SELECT ux.id FROM units ux WHERE ux.region_code LIKE ${c + '%'}))`);
  if (s.units.length) parts.push(sql`p.responsible_unit_id = ANY(${sql.param(s.units)}::int[])`);
  return parts;
}

/** Problems dispatched to a unit the caller acts for as the workflow's assignee (parties.ts): their liaison's units, their community's units. */
export function assigneeSql(s: ProblemScope): SQL {
  const parts = assigneeParts(s);
  return parts.length ? sql`(${sql.join(parts, sql` OR `)})` : sql`false`;
}

/** SQL that keeps only problems the scope may see (alias p = problems). */
export function scopeSql(s: ProblemScope): SQL {
  if (s.regions === 'all') return sql`true`;
  const region = regionScopeSql(s);
  return region ? sql`(${region} OR ${assignedScopeSql(s)})` : assignedScopeSql(s);
}

/**
 * Problems a resident is tied to, the only ones the public channel shows by
 * code: residents' own reports and problems a resident chose to follow. The
 * office's internal problems (county notices, patrols...) never answer a
 * guessed code.
 */
export const RESIDENT_VISIBLE = sql`(p.source = 'resident' OR EXISTS (SELECT 1 FROM problem_followers f WHERE f.problem_id = p.id AND f.key LIKE 'phone:%'))`;
