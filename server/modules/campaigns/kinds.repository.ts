// SQL of the editable kind lists of issue 18 items 3-4 (campaign kinds, tally
// kinds, survey need kinds): one shape, one table each, named here so no
// caller builds a table name. Codes never change; names are unique.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';

export const KIND_TABLES = { campaign: 'campaign_kinds', tally: 'campaign_tally_kinds', need: 'survey_need_kinds' } as const;
export type KindTable = keyof typeof KIND_TABLES;

export interface KindRow {
  id: number;
  code: string;
  name: string;
  sort: number;
  active: boolean;
  version: number;
  measure?: string;
  unit?: string;
}

const t = (k: KindTable) => sql.identifier(KIND_TABLES[k]);
const cols = (k: KindTable) => (k === 'tally' ? sql`id, code, name, sort, active, version, measure, unit` : sql`id, code, name, sort, active, version`);

/** Insert the seeded kinds that are missing (an admin's renames and retirements are kept). */
export async function seedKinds(q: Q, k: KindTable, kinds: { code: string; name: string; measure?: string; unit?: string }[]) {
  const rows = kinds.map((x, i) =>
    k === 'tally' ? sql`(${x.code}, ${x.name}, ${(i + 1) * 10}, ${x.measure}, ${x.unit})` : sql`(${x.code}, ${x.name}, ${(i + 1) * 10})`,
  );
  const names = k === 'tally' ? sql`(code, name, sort, measure, unit)` : sql`(code, name, sort)`;
  await q.execute(sql`INSERT INTO ${t(k)} ${names} VALUES ${sql.join(rows, sql`, `)} ON CONFLICT DO NOTHING`);
}

export async function listKinds(q: Q, k: KindTable): Promise<KindRow[]> {
  return (await q.execute<any>(sql`SELECT ${cols(k)} FROM ${t(k)} ORDER BY ${k === 'tally' ? sql`measure DESC, ` : sql``}sort, id`)).rows;
}

export async function kindById(q: Q, k: KindTable, id: number): Promise<KindRow | null> {
  return (await q.execute<any>(sql`SELECT ${cols(k)} FROM ${t(k)} WHERE id = ${id}`)).rows[0] ?? null;
}

export async function insertKind(q: Q, k: KindTable, x: { code: string; name: string; sort: number; measure?: string; unit?: string }): Promise<KindRow> {
  const r =
    k === 'tally'
      ? sql`INSERT INTO ${t(k)} (code, name, sort, measure, unit) VALUES (${x.code}, ${x.name}, ${x.sort}, ${x.measure}, ${x.unit}) RETURNING ${cols(k)}`
      : sql`INSERT INTO ${t(k)} (code, name, sort) VALUES (${x.code}, ${x.name}, ${x.sort}) RETURNING ${cols(k)}`;
  return (await q.execute<any>(r)).rows[0];
}

export async function updateKind(
  q: Q,
  k: KindTable,
  id: number,
  version: number,
  x: { name?: string; sort?: number; active?: boolean; unit?: string },
): Promise<KindRow | null> {
  const unit = k === 'tally' ? sql`, unit = coalesce(${x.unit ?? null}, unit)` : sql``;
  return (
    (
      await q.execute<any>(sql`UPDATE ${t(k)} SET name = coalesce(${x.name ?? null}, name), sort = coalesce(${x.sort ?? null}::int, sort),
      active = coalesce(${x.active ?? null}::boolean, active)${unit}, version = version + 1, updated_at = now()
    WHERE id = ${id} AND version = ${version} RETURNING ${cols(k)}`)
    ).rows[0] ?? null
  );
}
