// SQL of an import's names: the regions, the kinds and themes, and the places
// of the regions the caller manages, read once per file.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { inScope, type RegionScope } from '../../db/scope.ts';

export async function regionsInScope(q: Q, scope: RegionScope): Promise<{ code: string; name: string }[]> {
  return (
    await q.execute<any>(sql`SELECT code, name FROM regions WHERE level IN ('town', 'community') AND ${inScope(sql`code`, scope)} ORDER BY code LIMIT 5000`)
  ).rows;
}

export async function terms(q: Q): Promise<{ id: number; list: string; name: string; active: boolean }[]> {
  return (await q.execute<any>(sql`SELECT id, list, name, active FROM publicity_terms ORDER BY id`)).rows;
}

export async function placesInScope(q: Q, scope: RegionScope): Promise<{ id: number; name: string; regionCode: string }[]> {
  return (await q.execute<any>(sql`SELECT id, name, region_code AS "regionCode" FROM places WHERE ${inScope(sql`region_code`, scope)} ORDER BY id LIMIT 50000`))
    .rows;
}
