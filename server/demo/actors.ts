// The demo's people as actors (with their grants), by their demo phone
// number: the demo records its history through the real services as them.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import type { Actor, EffectiveGrant } from '../../domain/permissions.ts';
import type { Role } from '../../domain/roles.ts';
import { DEMO_ACCOUNTS } from './accounts.ts';

export async function demoActors(q: Db) {
  const people = (
    await q.execute<{ id: number; name: string; phone: string; grants: { role: Role; regionCode: string | null; unitId: number | null }[] }>(sql`
    SELECT p.id, p.name, p.phone, json_agg(json_build_object('role', g.role,
      'regionCode', CASE WHEN g.scope_unit_id IS NOT NULL THEN u.region_code ELSE g.scope_region_code END, 'unitId', g.scope_unit_id)) AS grants
    FROM people p JOIN role_grants g ON g.person_id = p.id LEFT JOIN units u ON u.id = g.scope_unit_id
    WHERE p.phone = ANY(${sql.param(DEMO_ACCOUNTS.map((a) => a.phone))}::text[]) GROUP BY p.id`)
  ).rows;
  const actorOf = (phone: string): Actor | null => {
    const p = people.find((x) => x.phone === phone);
    return p ? { personId: p.id, name: p.name, grants: p.grants as EffectiveGrant[] } : null;
  };
  const byRole = (role: Role) =>
    DEMO_ACCOUNTS.filter((a) => a.role === role)
      .map((a) => actorOf(a.phone))
      .filter((a): a is Actor => !!a);
  const byUsername = (username: string) => {
    const a = DEMO_ACCOUNTS.find((x) => x.username === username);
    return a ? actorOf(a.phone) : null;
  };
  return { actorOf, byRole, byUsername };
}
