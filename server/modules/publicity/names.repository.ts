// SQL of an import's names: the regions, the kinds and themes, the places and LED screens
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

/** A town's LED screens (facilities of a kind in group 'led', not removed), by name: an LED programme's 关联设施. */
export async function ledScreens(q: Q, town: string): Promise<{ id: number; name: string }[]> {
  return (
    await q.execute<any>(sql`SELECT f.id::int AS id, f.name FROM publicity_facilities f JOIN publicity_terms k ON k.id = f.kind_id
    WHERE f.town_code = ${town} AND k.grp = 'led' AND f.condition <> 'removed' ORDER BY f.id LIMIT 5000`)
  ).rows;
}
