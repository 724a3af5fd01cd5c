import { and, eq, sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { unitCommunities, units } from '../../db/schema.ts';
import { reachableSql, visibleUnitsSql, type RegionScope } from '../../db/scope.ts';
import type { ReachVia } from '../../../domain/units.ts';

export type UnitRow = typeof units.$inferSelect;
export type UnitInput = Omit<typeof units.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

export interface UnitFilter {
  kind?: string;
  regionCode?: string;
  q?: string;
  communityCode?: string;
}

export async function listUnits(q: Q, f: UnitFilter, scope: RegionScope) {
  const conds = [visibleUnitsSql(scope)];
  if (f.kind) conds.push(sql`u.kind = ${f.kind}`);
  if (f.regionCode) conds.push(sql`u.region_code LIKE ${f.regionCode + '%'}`);
  if (f.q) conds.push(sql`u.name LIKE ${'%' + f.q.replace(/[%_\\]/g, (m) => '\\' + m) + '%'}`);
  if (f.communityCode)
    conds.push(
      sql`(u.region_code = ${f.communityCode} OR EXISTS (SELECT 1 FROM unit_communities x WHERE x.unit_id = u.id AND x.community_code = ${f.communityCode}))`,
    );
  const r = await q.execute<any>(sql`
    SELECT u.*, rg.name AS region_name,
      (SELECT count(*) FROM people p WHERE p.unit_id = u.id) AS member_count,
      COALESCE((SELECT json_agg(json_build_object('code', c.code, 'name', c.name) ORDER BY c.code)
                FROM unit_communities uc JOIN regions c ON c.code = uc.community_code WHERE uc.unit_id = u.id), '[]') AS communities
    FROM units u LEFT JOIN regions rg ON rg.code = u.region_code
    WHERE ${sql.join(conds, sql` AND `)}
    ORDER BY u.region_code, u.kind, u.name LIMIT 2000`);
  return r.rows.map(toUnit);
}

function toUnit(r: any) {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    regionCode: r.region_code,
    regionName: r.region_name,
    parentUnitId: r.parent_unit_id,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    version: r.version,
    memberCount: Number(r.member_count ?? 0),
    communities: r.communities as { code: string; name: string }[],
  };
}
export type UnitView = ReturnType<typeof toUnit>;

export async function getUnit(q: Q, id: number, scope: RegionScope): Promise<UnitView | null> {
  const r = await q.execute<any>(sql`
    SELECT u.*, rg.name AS region_name,
      (SELECT count(*) FROM people p WHERE p.unit_id = u.id) AS member_count,
      COALESCE((SELECT json_agg(json_build_object('code', c.code, 'name', c.name) ORDER BY c.code)
                FROM unit_communities uc JOIN regions c ON c.code = uc.community_code WHERE uc.unit_id = u.id), '[]') AS communities
    FROM units u LEFT JOIN regions rg ON rg.code = u.region_code
    WHERE u.id = ${id} AND ${visibleUnitsSql(scope)}`);
  return r.rows[0] ? toUnit(r.rows[0]) : null;
}

export function insertUnit(q: Q, u: UnitInput) {
  return q
    .insert(units)
    .values(u)
    .returning()
    .then((r) => r[0]);
}

export function updateUnit(q: Q, id: number, version: number, u: Partial<UnitInput>) {
  return q
    .update(units)
    .set({ ...u, version: sql`${units.version} + 1`, updatedAt: new Date() })
    .where(and(eq(units.id, id), eq(units.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

export function deleteUnit(q: Q, id: number) {
  return q.delete(units).where(eq(units.id, id));
}

export async function setCommunities(q: Q, unitId: number, codes: string[]) {
  await q.delete(unitCommunities).where(eq(unitCommunities.unitId, unitId));
  if (codes.length) await q.insert(unitCommunities).values(codes.map((c) => ({ unitId, communityCode: c })));
}

export async function unitInUse(q: Q, id: number): Promise<boolean> {
  const r = await q.execute<{ n: number }>(sql`
    SELECT (SELECT count(*) FROM people WHERE unit_id = ${id}) + (SELECT count(*) FROM role_grants WHERE scope_unit_id = ${id})
         + (SELECT count(*) FROM units WHERE parent_unit_id = ${id}) AS n`);
  return Number(r.rows[0].n) > 0;
}

export function regionsByCodes(q: Q, codes: string[]) {
  if (!codes.length) return Promise.resolve([] as { code: string; level: string }[]);
  return q
    .execute<{ code: string; level: string }>(
      sql`SELECT code, level FROM regions WHERE code IN (${sql.join(
        codes.map((c) => sql`${c}`),
        sql`, `,
      )})`,
    )
    .then((r) => r.rows);
}

export interface ReachableUnit {
  id: number;
  name: string;
  kind: string;
  regionCode: string;
  regionName: string | null;
  via: ReachVia;
}

/** Reachable units of kinds `kinds`, optionally by name, ordered for a picker. */
export async function listReachable(q: Q, fromRegion: string, kinds: readonly string[], name?: string): Promise<ReachableUnit[]> {
  const r = reachableSql(fromRegion);
  const conds = [r.where, sql`u.kind = ANY(${sql.param([...kinds])}::text[])`];
  if (name) conds.push(sql`u.name LIKE ${'%' + name.replace(/[%_\\]/g, (m) => '\\' + m) + '%'}`);
  const rows = await q.execute<any>(sql`
    SELECT u.id, u.name, u.kind, u.region_code, rg.name AS region_name, ${r.via} AS via
    FROM units u LEFT JOIN regions rg ON rg.code = u.region_code
    WHERE ${sql.join(conds, sql` AND `)}
    ORDER BY 6, u.region_code, u.kind, u.name LIMIT 1000`);
  return rows.rows.map((x) => ({ id: Number(x.id), name: x.name, kind: x.kind, regionCode: x.region_code, regionName: x.region_name, via: x.via }));
}

/** One unit with how `fromRegion` reaches it (via null: not reachable). null when the unit does not exist. */
export async function reachableUnit(q: Q, fromRegion: string, unitId: number): Promise<(Omit<ReachableUnit, 'via'> & { via: ReachVia | null }) | null> {
  const r = reachableSql(fromRegion);
  const rows = await q.execute<any>(sql`
    SELECT u.id, u.name, u.kind, u.region_code, rg.name AS region_name, CASE WHEN ${r.where} THEN ${r.via} END AS via
    FROM units u LEFT JOIN regions rg ON rg.code = u.region_code WHERE u.id = ${unitId}`);
  const x = rows.rows[0];
  return x ? { id: Number(x.id), name: x.name, kind: x.kind, regionCode: x.region_code, regionName: x.region_name, via: x.via ?? null } : null;
}

/** The people acting for a unit as its liaisons (active or not), oldest first. */
export async function liaisonsOf(q: Q, unitId: number) {
  const r = await q.execute<{
    id: number;
    name: string;
    phone: string | null;
    username: string | null;
    title: string | null;
    region_code: string;
    active: boolean;
  }>(sql`
    SELECT p.id, p.name, p.phone, p.username, p.title, p.region_code, p.active FROM people p
    WHERE EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = p.id AND g.role = 'unit_liaison' AND g.scope_unit_id = ${unitId})
    ORDER BY p.id`);
  return r.rows;
}
