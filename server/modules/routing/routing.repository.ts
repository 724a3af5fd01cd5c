// SQL for the dispatch matrix (dispatch_rules) and for resolving the unit a
// problem goes to. Region codes are digit strings, so "is a prefix of" is
// written `left(x, length(p)) = p` rather than LIKE.
import { sql, type SQL } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { reachableSql, type RegionScope } from '../../db/scope.ts';

export type Via = 'rule' | 'category_default' | 'community';
export interface Resolved {
  unitId: number;
  ruleId: number | null;
  via: Via;
}

/**
 * One round trip, three candidates in order of precedence:
 * 1. the most specific rule: longest region prefix of the problem's region,
 *    then a category-specific rule over an any-category one;
 * 2. the category's default department: a department or co-building unit
 *    whose name contains defaultUnitName and whose region is the problem's
 *    region or an ancestor of it (the nearest one wins: a town's own
 *    department before the county's);
 * 3. the community committee of the problem's community (first 12 digits).
 * Rules and defaults pointing at a deleted unit, or at a unit that is not
 * among the town's reachable units (db/scope.ts reachableSql), are skipped.
 */
export async function resolve(q: Q, categoryId: number | null, regionCode: string): Promise<Resolved | null> {
  const community = regionCode.length >= 12 ? regionCode.slice(0, 12) : null;
  const reachable = reachableSql(regionCode).where;
  const r = await q.execute<{ unit_id: number; rule_id: number | null; via: Via }>(sql`
    WITH rule AS (
      SELECT r.id, r.unit_id FROM dispatch_rules r JOIN units u ON u.id = r.unit_id
      WHERE left(${regionCode}::text, length(r.region_code)) = r.region_code
        AND (r.category_id IS NULL OR r.category_id = ${categoryId}) AND ${reachable}
      ORDER BY length(r.region_code) DESC, (r.category_id IS NULL), r.id LIMIT 1
    ), dflt AS (
      SELECT u.id FROM categories c JOIN units u
        ON u.kind IN ('department', 'co_building') AND strpos(u.name, c.default_unit_name) > 0
       AND left(${regionCode}::text, length(u.region_code)) = u.region_code AND ${reachable}
      WHERE c.id = ${categoryId} AND c.default_route = 'unit' AND coalesce(c.default_unit_name, '') <> ''
      ORDER BY length(u.region_code) DESC, u.id LIMIT 1
    ), comm AS (
      SELECT u.id FROM units u WHERE u.kind = 'community_committee' AND u.region_code = ${community} ORDER BY u.id LIMIT 1
    )
    SELECT unit_id, rule_id, via FROM (
      SELECT 1 AS p, unit_id, id AS rule_id, 'rule' AS via FROM rule
      UNION ALL SELECT 2, id, NULL, 'category_default' FROM dflt
      UNION ALL SELECT 3, id, NULL, 'community' FROM comm
    ) x ORDER BY p LIMIT 1`);
  const row = r.rows[0];
  return row ? { unitId: Number(row.unit_id), ruleId: row.rule_id == null ? null : Number(row.rule_id), via: row.via } : null;
}

/** Rules at or below a scope prefix, and rules at its ancestors (they apply there too). */
function visible(col: SQL, scope: RegionScope): SQL {
  if (scope === 'all') return sql`true`;
  if (!scope.length) return sql`false`;
  return sql`(${sql.join(
    scope.map((p) => sql`(${col} LIKE ${p + '%'} OR left(${p}::text, length(${col})) = ${col})`),
    sql` OR `,
  )})`;
}

const RULE_VIEW = sql`
  SELECT r.id, r.category_id, c.code AS category_code, c.name AS category_name, c.kind AS category_kind,
         r.region_code, rg.name AS region_name, r.unit_id, u.name AS unit_name, u.kind AS unit_kind,
         u.region_code AS unit_region_code, r.version, r.created_at
  FROM dispatch_rules r
  LEFT JOIN categories c ON c.id = r.category_id
  LEFT JOIN regions rg ON rg.code = r.region_code
  LEFT JOIN units u ON u.id = r.unit_id`;

function toRule(x: any) {
  return {
    id: Number(x.id),
    categoryId: x.category_id == null ? null : Number(x.category_id),
    categoryCode: x.category_code as string | null,
    categoryName: x.category_name as string | null,
    categoryKind: x.category_kind as string | null,
    regionCode: x.region_code as string,
    regionName: x.region_name as string | null,
    unitId: Number(x.unit_id),
    unitName: x.unit_name as string | null,
    unitKind: x.unit_kind as string | null,
    unitRegionCode: x.unit_region_code as string | null,
    version: Number(x.version),
    createdAt: x.created_at as Date,
  };
}
export type RuleView = ReturnType<typeof toRule>;

export async function listRules(q: Q, scope: RegionScope, regionCode?: string, categoryId?: number): Promise<RuleView[]> {
  const conds = [visible(sql`r.region_code`, scope)];
  if (regionCode) conds.push(sql`(r.region_code LIKE ${regionCode + '%'} OR left(${regionCode}::text, length(r.region_code)) = r.region_code)`);
  if (categoryId) conds.push(sql`r.category_id = ${categoryId}`);
  const r = await q.execute<any>(sql`${RULE_VIEW} WHERE ${sql.join(conds, sql` AND `)}
    ORDER BY r.region_code, c.kind DESC NULLS FIRST, c.code NULLS FIRST LIMIT 5000`);
  return r.rows.map(toRule);
}

export async function getRule(q: Q, id: number, scope: RegionScope): Promise<RuleView | null> {
  const r = await q.execute<any>(sql`${RULE_VIEW} WHERE r.id = ${id} AND ${visible(sql`r.region_code`, scope)}`);
  return r.rows[0] ? toRule(r.rows[0]) : null;
}

export async function findByKey(q: Q, categoryId: number | null, regionCode: string): Promise<{ id: number; version: number } | null> {
  const r = await q.execute<{ id: number; version: number }>(sql`
    SELECT id, version FROM dispatch_rules WHERE coalesce(category_id, 0) = ${categoryId ?? 0} AND region_code = ${regionCode} FOR UPDATE`);
  return r.rows[0] ?? null;
}

export async function insertRule(q: Q, categoryId: number | null, regionCode: string, unitId: number): Promise<number> {
  const r = await q.execute<{ id: number }>(sql`
    INSERT INTO dispatch_rules (category_id, region_code, unit_id) VALUES (${categoryId}, ${regionCode}, ${unitId}) RETURNING id`);
  return Number(r.rows[0].id);
}

export async function updateRule(q: Q, id: number, version: number, unitId: number): Promise<boolean> {
  const r = await q.execute(sql`UPDATE dispatch_rules SET unit_id = ${unitId}, version = version + 1 WHERE id = ${id} AND version = ${version}`);
  return (r.rowCount ?? 0) > 0;
}

export async function deleteRule(q: Q, id: number) {
  await q.execute(sql`DELETE FROM dispatch_rules WHERE id = ${id}`);
}

export async function unitById(q: Q, id: number): Promise<{ id: number; kind: string; name: string; regionCode: string } | null> {
  const r = await q.execute<any>(sql`SELECT id, kind, name, region_code FROM units WHERE id = ${id}`);
  const x = r.rows[0];
  return x ? { id: Number(x.id), kind: x.kind, name: x.name, regionCode: x.region_code } : null;
}

export async function regionByCode(q: Q, code: string): Promise<{ code: string; name: string; level: string } | null> {
  const r = await q.execute<any>(sql`SELECT code, name, level FROM regions WHERE code = ${code}`);
  return r.rows[0] ?? null;
}

export async function categoryById(
  q: Q,
  id: number,
): Promise<{ id: number; name: string; code: string; kind: string; level: number; defaultRoute: string; defaultUnitName: string | null } | null> {
  const r = await q.execute<any>(sql`SELECT id, name, code, kind, level, default_route, default_unit_name FROM categories WHERE id = ${id}`);
  const x = r.rows[0];
  return x ? { id: x.id, name: x.name, code: x.code, kind: x.kind, level: x.level, defaultRoute: x.default_route, defaultUnitName: x.default_unit_name } : null;
}
