// SQL of the cadence history (inspection_cadences): the versions of a set of
// regions, and appending one. No rules here (domain/inspections/cadence.ts).
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import type { CadenceConfig, CadenceVersion } from '../../../domain/inspections/cadence.ts';

export type CadenceRow = CadenceVersion & { id: number; note: string | null; createdBy: number | null; createdByName: string | null; createdAt: string };

/** Every version of these regions ('' = everywhere), oldest first. */
export async function versionsOf(q: Q, regions: string[]): Promise<CadenceRow[]> {
  const r = await q.execute<CadenceRow>(sql`SELECT c.id, c.region_code AS "regionCode", c.version, c.cadence, c.effective_from::text AS "effectiveFrom", c.note,
      c.created_by AS "createdBy", pe.name AS "createdByName", to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
    FROM inspection_cadences c LEFT JOIN people pe ON pe.id = c.created_by
    WHERE c.region_code = ANY(${sql.param([...new Set(regions)])}::text[]) ORDER BY c.region_code, c.effective_from, c.version`);
  return r.rows;
}

/** Append a version (the next number of the region); unique (region, version) refuses a concurrent twin. */
export async function insertVersion(
  q: Q,
  v: { regionCode: string; cadence: CadenceConfig; effectiveFrom: string; note: string | null; createdBy: number | null },
): Promise<CadenceRow> {
  const r = await q.execute<{ id: number }>(sql`INSERT INTO inspection_cadences (region_code, version, cadence, effective_from, note, created_by)
    VALUES (${v.regionCode}, (SELECT coalesce(max(version), 0) + 1 FROM inspection_cadences WHERE region_code = ${v.regionCode}),
      ${JSON.stringify(v.cadence)}::jsonb, ${v.effectiveFrom}::date, ${v.note}, ${v.createdBy}) RETURNING id`);
  return (await versionsOf(q, [v.regionCode])).find((x) => x.id === r.rows[0].id)!;
}

/** Every town (a cadence is set per town), in code order. */
export async function townCodes(q: Q): Promise<string[]> {
  return (await q.execute<{ code: string }>(sql`SELECT code FROM regions WHERE level = 'town' ORDER BY code`)).rows.map((r) => r.code);
}
