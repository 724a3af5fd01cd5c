// Who a sweep notifies when it speaks to "the town": people holding one of
// the given roles over a region that covers `regionCode` (a town office
// grant covers every community of the town; a global admin is not included:
// admins configure, they do not work the queue).
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/pool.ts';
import type { Role } from '../../../domain/roles.ts';

export async function peopleWithRoles(q: Db | Tx, regionCode: string, roles: Role[]): Promise<number[]> {
  const r = await q.execute<{ person_id: number }>(sql`
    SELECT DISTINCT g.person_id FROM role_grants g JOIN people pe ON pe.id = g.person_id AND pe.active
    WHERE g.role = ANY(${sql.param(roles)}::text[]) AND g.scope_region_code IS NOT NULL
      AND ${regionCode} LIKE g.scope_region_code || '%'`);
  return r.rows.map((x) => x.person_id);
}
