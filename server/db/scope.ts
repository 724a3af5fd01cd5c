// Turn a region scope (domain/permissions.ts regionScope) into SQL. Every
// repository query of tenant data goes through this; callers never build
// their own WHERE for scoping.
import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import { reachBase } from '../../domain/units.ts';

export type RegionScope = 'all' | string[];

export function inScope(column: AnyColumn | SQL, scope: RegionScope): SQL {
  if (scope === 'all') return sql`true`;
  if (scope.length === 0) return sql`false`;
  const parts = scope.map((p) => sql`${column} LIKE ${p + '%'}`);
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/**
 * One region prefix as a condition on a table that carries both town_code and
 * region_code: a town (9 digits) by equality and a county by a prefix of
 * town_code, so the (town_code, …) indexes serve them; a community or grid by
 * a prefix of region_code.
 */
export function inRegion(region: string, cols: { town: SQL; region: SQL }): SQL {
  if (region.length === 9) return sql`${cols.town} = ${region}`;
  if (region.length < 9) return sql`${cols.town} LIKE ${region + '%'}`;
  return sql`${cols.region} LIKE ${region + '%'}`;
}

/** The same over a whole scope (any prefix of it). */
export function inRegions(scope: RegionScope, cols: { town: SQL; region: SQL }): SQL {
  if (scope === 'all') return sql`true`;
  if (scope.length === 0) return sql`false`;
  return sql`(${sql.join(
    scope.map((r) => inRegion(r, cols)),
    sql` OR `,
  )})`;
}

export function codeInScope(code: string, scope: RegionScope): boolean {
  return scope === 'all' || scope.some((p) => code.startsWith(p));
}

/** Units reachable from a base region (a town, or a community): its own, those paired with its communities, its county's departments. */
function reachableFromBase(base: string) {
  const own = sql`u.region_code LIKE ${base + '%'}`;
  const paired = sql`EXISTS (SELECT 1 FROM unit_communities x WHERE x.unit_id = u.id AND x.community_code LIKE ${base + '%'})`;
  const dept = sql`(u.kind = 'department' AND u.region_code = ${base.slice(0, 6)})`;
  return { own, paired, dept };
}

/**
 * SQL twin of domain/units.ts reachVia(): the units a region's town may
 * dispatch to (its reachable units), as a condition on the units alias `u`,
 * and the way each is reached. Built from the same reachBase().
 */
export function reachableSql(fromRegion: string): { where: SQL; via: SQL } {
  const base = reachBase(fromRegion);
  if (base.length < 9) return { where: sql`u.region_code = ${base}`, via: sql`'own'` };
  const { own, paired, dept } = reachableFromBase(base);
  return {
    where: sql`(${own} OR ${paired} OR ${dept})`,
    via: sql`CASE WHEN ${own} THEN 'own' WHEN ${paired} THEN 'paired' ELSE 'county_department' END`,
  };
}

/**
 * Units a reader with `scope` sees (alias `u`): those inside the scope, and,
 * for a scope at town level or below, the units its work reaches from there:
 * the co-building units paired with its communities and its county's
 * departments (an office must see the 城管局 it dispatches to).
 */
export function visibleUnitsSql(scope: RegionScope): SQL {
  if (scope === 'all') return sql`true`;
  if (scope.length === 0) return sql`false`;
  const parts = scope.map((p) => {
    if (p.length < 9) return sql`u.region_code LIKE ${p + '%'}`;
    const { own, paired, dept } = reachableFromBase(p);
    return sql`(${own} OR ${paired} OR ${dept})`;
  });
  return sql`(${sql.join(parts, sql` OR `)})`;
}
