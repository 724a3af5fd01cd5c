import { sql, type SQL } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { inScope, type RegionScope } from '../../db/scope.ts';
import type { RoleGrant } from '../../../domain/roles.ts';
import { clearPerson, lockedUntilSql } from '../auth/index.ts';

export interface PeopleFilter {
  q?: string;
  role?: string;
  unitId?: number;
  regionCode?: string;
  cursor?: number;
  limit?: number;
}

const SELECT = sql`
  SELECT p.id, p.name, p.phone, p.username, p.title, p.region_code, rg.name AS region_name, p.unit_id, u.name AS unit_name,
         p.active, p.must_change_password, ${lockedUntilSql(sql`p.id`)} AS locked_until, p.version, p.created_at,
         COALESCE((SELECT json_agg(json_build_object('id', g.id, 'role', g.role, 'scopeRegionCode', g.scope_region_code,
                     'scopeRegionName', sr.name, 'scopeUnitId', g.scope_unit_id, 'scopeUnitName', su.name) ORDER BY g.id)
                   FROM role_grants g LEFT JOIN regions sr ON sr.code = g.scope_region_code LEFT JOIN units su ON su.id = g.scope_unit_id
                   WHERE g.person_id = p.id), '[]') AS roles,
         COALESCE((SELECT json_agg(json_build_object('id', pl.id, 'name', pl.name, 'kind', pl.kind, 'regionCode', pl.region_code) ORDER BY pl.name)
                   FROM place_assignments pa JOIN places pl ON pl.id = pa.place_id WHERE pa.person_id = p.id AND pa.valid_to IS NULL), '[]') AS places
  FROM people p LEFT JOIN units u ON u.id = p.unit_id LEFT JOIN regions rg ON rg.code = p.region_code`;

function toPerson(r: any) {
  return {
    id: r.id as number,
    name: r.name as string,
    phone: r.phone as string | null,
    username: r.username as string | null,
    title: r.title as string | null,
    regionCode: r.region_code as string,
    regionName: r.region_name as string | null,
    unitId: r.unit_id as number | null,
    unitName: r.unit_name as string | null,
    active: r.active as boolean,
    mustChangePassword: r.must_change_password as boolean,
    locked: !!r.locked_until,
    lockedUntil: r.locked_until as Date | null,
    version: r.version as number,
    roles: r.roles as {
      id: number;
      role: string;
      scopeRegionCode: string | null;
      scopeRegionName: string | null;
      scopeUnitId: number | null;
      scopeUnitName: string | null;
    }[],
    places: r.places as { id: number; name: string; kind: string; regionCode: string }[],
  };
}
export type PersonView = ReturnType<typeof toPerson>;

export async function listPeople(q: Q, f: PeopleFilter, scope: RegionScope) {
  const conds: SQL[] = [inScope(sql`p.region_code`, scope)];
  if (f.q) {
    const like = '%' + f.q.replace(/[%_\\]/g, (m) => '\\' + m) + '%';
    conds.push(sql`(p.name LIKE ${like} OR p.phone LIKE ${like} OR p.username ILIKE ${like})`);
  }
  if (f.role) conds.push(sql`EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = p.id AND g.role = ${f.role})`);
  if (f.unitId) conds.push(sql`p.unit_id = ${f.unitId}`);
  if (f.regionCode) conds.push(sql`p.region_code LIKE ${f.regionCode + '%'}`);
  if (f.cursor) conds.push(sql`p.id > ${f.cursor}`);
  const limit = Math.min(f.limit ?? 50, 200);
  const r = await q.execute<any>(sql`${SELECT} WHERE ${sql.join(conds, sql` AND `)} ORDER BY p.id LIMIT ${limit + 1}`);
  const rows = r.rows.map(toPerson);
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  const total = await q.execute<{ n: number }>(
    sql`SELECT count(*) AS n FROM people p WHERE ${sql.join(
      conds.filter((_, i) => !(f.cursor && i === conds.length - 1)),
      sql` AND `,
    )}`,
  );
  return { items, nextCursor: more ? items[items.length - 1].id : null, total: Number(total.rows[0].n) };
}

export async function getPerson(q: Q, id: number, scope: RegionScope): Promise<PersonView | null> {
  const r = await q.execute<any>(sql`${SELECT} WHERE p.id = ${id} AND ${inScope(sql`p.region_code`, scope)}`);
  return r.rows[0] ? toPerson(r.rows[0]) : null;
}

export interface PersonInput {
  name: string;
  phone: string | null;
  username: string | null;
  title: string | null;
  regionCode: string;
  unitId: number | null;
  passwordHash: string | null;
  mustChangePassword: boolean;
}

export async function insertPerson(q: Q, p: PersonInput): Promise<number> {
  const r = await q.execute<{ id: number }>(sql`
    INSERT INTO people (name, phone, username, title, region_code, unit_id, password_hash, must_change_password)
    VALUES (${p.name}, ${p.phone}, ${p.username}, ${p.title}, ${p.regionCode}, ${p.unitId}, ${p.passwordHash}, ${p.mustChangePassword})
    RETURNING id`);
  return r.rows[0].id;
}

export async function updatePerson(
  q: Q,
  id: number,
  version: number,
  p: Partial<Omit<PersonInput, 'passwordHash' | 'mustChangePassword'>> & { active?: boolean },
) {
  const sets: SQL[] = [];
  if (p.name !== undefined) sets.push(sql`name = ${p.name}`);
  if (p.phone !== undefined) sets.push(sql`phone = ${p.phone}`);
  if (p.username !== undefined) sets.push(sql`username = ${p.username}`);
  if (p.title !== undefined) sets.push(sql`title = ${p.title}`);
  if (p.regionCode !== undefined) sets.push(sql`region_code = ${p.regionCode}`);
  if (p.unitId !== undefined) sets.push(sql`unit_id = ${p.unitId}`);
  if (p.active !== undefined) sets.push(sql`active = ${p.active}`);
  sets.push(sql`version = version + 1`, sql`updated_at = now()`);
  const r = await q.execute(sql`UPDATE people SET ${sql.join(sets, sql`, `)} WHERE id = ${id} AND version = ${version}`);
  return (r.rowCount ?? 0) > 0;
}

export async function setPassword(q: Q, id: number, hash: string, mustChange: boolean) {
  await q.execute(
    sql`UPDATE people SET password_hash = ${hash}, must_change_password = ${mustChange}, version = version + 1, updated_at = now() WHERE id = ${id}`,
  );
  await clearPerson(q, id);
}

export async function unlock(q: Q, id: number) {
  await clearPerson(q, id);
}

export async function replaceGrants(q: Q, personId: number, grants: RoleGrant[]) {
  await q.execute(sql`DELETE FROM role_grants WHERE person_id = ${personId}`);
  for (const g of grants) {
    await q.execute(
      sql`INSERT INTO role_grants (person_id, role, scope_region_code, scope_unit_id) VALUES (${personId}, ${g.role}, ${g.scopeRegionCode ?? null}, ${g.scopeUnitId ?? null})`,
    );
  }
}

export async function placesIn(q: Q, ids: number[], scope: RegionScope) {
  if (!ids.length) return [];
  const r = await q.execute<{ id: number; region_code: string }>(
    sql`SELECT id, region_code FROM places WHERE id IN (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )}) AND ${inScope(sql`region_code`, scope)}`,
  );
  return r.rows;
}

export async function unitsIn(q: Q, ids: number[]) {
  if (!ids.length) return [] as { id: number; region_code: string; name: string }[];
  const r = await q.execute<{ id: number; region_code: string; name: string }>(
    sql`SELECT id, region_code, name FROM units WHERE id IN (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  return r.rows;
}

export async function regionLevels(q: Q, codes: string[]) {
  if (!codes.length) return new Map<string, string>();
  const r = await q.execute<{ code: string; level: string }>(
    sql`SELECT code, level FROM regions WHERE code IN (${sql.join(
      codes.map((c) => sql`${c}`),
      sql`, `,
    )})`,
  );
  return new Map(r.rows.map((x) => [x.code, x.level]));
}

export async function sessionsOf(q: Q, personId: number) {
  const r = await q.execute<any>(
    sql`SELECT id, created_at, last_seen_at, expires_at, revoked_at, ip, user_agent FROM sessions WHERE person_id = ${personId} ORDER BY created_at DESC LIMIT 50`,
  );
  return r.rows.map((s) => ({
    id: s.id,
    createdAt: s.created_at,
    lastSeenAt: s.last_seen_at,
    expiresAt: s.expires_at,
    revokedAt: s.revoked_at,
    ip: s.ip,
    userAgent: s.user_agent,
    active: !s.revoked_at && new Date(s.expires_at) > new Date(),
  }));
}

export async function revokeSessions(q: Q, personId: number, sessionId?: string) {
  const r = await q.execute(
    sql`UPDATE sessions SET revoked_at = now() WHERE person_id = ${personId} AND revoked_at IS NULL ${sessionId ? sql`AND id = ${sessionId}` : sql``}`,
  );
  return r.rowCount ?? 0;
}

export async function existingLogins(q: Q, phones: string[], usernames: string[]) {
  const r = await q.execute<{ id: number; phone: string | null; username: string | null }>(sql`
    SELECT id, phone, username FROM people
    WHERE phone = ANY(${sql.param(phones)}::text[]) OR lower(username) = ANY(${sql.param(usernames.map((u) => u.toLowerCase()))}::text[])`);
  return r.rows;
}

/** A person becomes a unit's liaison (the unit becomes their unit when they had none). */
export async function grantLiaison(q: Q, personId: number, unitId: number) {
  await q.execute(sql`INSERT INTO role_grants (person_id, role, scope_region_code, scope_unit_id) VALUES (${personId}, 'unit_liaison', NULL, ${unitId})`);
  await q.execute(sql`UPDATE people SET unit_id = coalesce(unit_id, ${unitId}), version = version + 1, updated_at = now() WHERE id = ${personId}`);
}

/** A volunteer member of a team gets the volunteer role over it (their account, issue 17); false when they had it already. */
export async function grantVolunteer(q: Q, personId: number, teamId: number): Promise<boolean> {
  const had = await q.execute(sql`SELECT 1 FROM role_grants WHERE person_id = ${personId} AND role = 'volunteer' AND scope_unit_id = ${teamId}`);
  if (had.rows.length) return false;
  await q.execute(sql`INSERT INTO role_grants (person_id, role, scope_region_code, scope_unit_id) VALUES (${personId}, 'volunteer', NULL, ${teamId})`);
  await q.execute(sql`UPDATE people SET unit_id = coalesce(unit_id, ${teamId}), version = version + 1, updated_at = now() WHERE id = ${personId}`);
  await clearPerson(q, personId);
  return true;
}

/** A person is no longer a unit's liaison: false when they were not; someone left with no role at all is signed out. */
export async function revokeLiaison(q: Q, personId: number, unitId: number): Promise<boolean> {
  const r = await q.execute(sql`DELETE FROM role_grants WHERE person_id = ${personId} AND role = 'unit_liaison' AND scope_unit_id = ${unitId}`);
  if (!r.rowCount) return false;
  const left = await q.execute(sql`SELECT 1 FROM role_grants WHERE person_id = ${personId} LIMIT 1`);
  if (!left.rows.length) await revokeSessions(q, personId);
  return true;
}

/** The units of the regions in `scope` (the import matches a row's 单位 by name among them). */
export async function unitsInScope(q: Q, scope: 'all' | string[]) {
  return (
    await q.execute<{ id: number; name: string; region_code: string }>(sql`SELECT id, name, region_code FROM units WHERE ${inScope(sql`region_code`, scope)}`)
  ).rows;
}
