// SQL of the publicity vocabularies (facility kinds and content themes) and of
// the versioned requirements per point type.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import type { SeedTerm } from '../../../domain/publicity.ts';

export type TermList = 'kind' | 'theme';
export interface TermRow {
  id: number;
  list: TermList;
  code: string;
  name: string;
  grp: string | null;
  sort: number;
  active: boolean;
  version: number;
}
const COLS = sql`id, list, code, name, grp, sort, active, version`;

export async function seedTerms(q: Q, list: TermList, terms: SeedTerm[]) {
  const rows = terms.map((t, i) => sql`(${list}, ${t.code}, ${t.name}, ${t.grp ?? null}, ${(i + 1) * 10})`);
  await q.execute(sql`INSERT INTO publicity_terms (list, code, name, grp, sort) VALUES ${sql.join(rows, sql`, `)} ON CONFLICT DO NOTHING`);
}

export async function listTerms(q: Q): Promise<TermRow[]> {
  return (await q.execute<any>(sql`SELECT ${COLS} FROM publicity_terms ORDER BY list, sort, id`)).rows;
}

export async function termById(q: Q, id: number): Promise<TermRow | null> {
  return (await q.execute<any>(sql`SELECT ${COLS} FROM publicity_terms WHERE id = ${id}`)).rows[0] ?? null;
}

export async function insertTerm(q: Q, t: { list: TermList; code: string; name: string; grp: string | null; sort: number }): Promise<TermRow> {
  return (
    await q.execute<any>(
      sql`INSERT INTO publicity_terms (list, code, name, grp, sort) VALUES (${t.list}, ${t.code}, ${t.name}, ${t.grp}, ${t.sort}) RETURNING ${COLS}`,
    )
  ).rows[0];
}

export async function updateTerm(
  q: Q,
  id: number,
  version: number,
  t: { name?: string; sort?: number; active?: boolean; grp?: string },
): Promise<TermRow | null> {
  return (
    (
      await q.execute<any>(sql`UPDATE publicity_terms SET name = coalesce(${t.name ?? null}, name), sort = coalesce(${t.sort ?? null}::int, sort),
      active = coalesce(${t.active ?? null}::boolean, active), grp = CASE WHEN list = 'kind' THEN coalesce(${t.grp ?? null}, grp) ELSE grp END,
      version = version + 1, updated_at = now()
    WHERE id = ${id} AND version = ${version} RETURNING ${COLS}`)
    ).rows[0] ?? null
  );
}

// ---- requirements ----

export interface RequirementRow {
  id: number;
  pointType: string;
  version: number;
  current: boolean;
  note: string | null;
  createdAt: Date;
  items: { kindId: number | null; themeId: number | null; minCount: number }[];
}
const REQ = sql`r.id, r.point_type AS "pointType", r.version, r.current, r.note, r.created_at AS "createdAt",
  coalesce((SELECT json_agg(json_build_object('kindId', i.kind_id, 'themeId', i.theme_id, 'minCount', i.min_count) ORDER BY i.seq)
    FROM publicity_requirement_items i WHERE i.requirement_id = r.id), '[]'::json) AS items`;

export async function currentRequirements(q: Q): Promise<RequirementRow[]> {
  return (await q.execute<any>(sql`SELECT ${REQ} FROM publicity_requirements r WHERE r.current ORDER BY r.point_type`)).rows;
}

export async function requirementVersions(q: Q, pointType: string): Promise<RequirementRow[]> {
  return (await q.execute<any>(sql`SELECT ${REQ} FROM publicity_requirements r WHERE r.point_type = ${pointType} ORDER BY r.version DESC`)).rows;
}

export async function hasAnyRequirement(q: Q): Promise<boolean> {
  return (await q.execute(sql`SELECT 1 FROM publicity_requirements LIMIT 1`)).rows.length > 0;
}

/** A new version of a point type's requirement, made current (the previous one kept); locks the point type's versions. */
export async function publishRequirement(
  q: Q,
  r: { pointType: string; note: string | null; createdBy: number | null; items: { kindId: number | null; themeId: number | null; minCount: number }[] },
): Promise<{ id: number; version: number }> {
  await q.execute(sql`SELECT pg_advisory_xact_lock(hashtext('publicity_requirement:' || ${r.pointType}))`);
  const v = (await q.execute<{ v: number }>(sql`SELECT coalesce(max(version), 0)::int AS v FROM publicity_requirements WHERE point_type = ${r.pointType}`))
    .rows[0].v;
  await q.execute(sql`UPDATE publicity_requirements SET current = false WHERE point_type = ${r.pointType} AND current`);
  const id = (
    await q.execute<{ id: number }>(sql`INSERT INTO publicity_requirements (point_type, version, current, note, created_by)
    VALUES (${r.pointType}, ${v + 1}, true, ${r.note}, ${r.createdBy}) RETURNING id`)
  ).rows[0].id;
  if (r.items.length) {
    const rows = r.items.map((it, i) => sql`(${id}, ${i + 1}, ${it.kindId}, ${it.themeId}, ${it.minCount})`);
    await q.execute(sql`INSERT INTO publicity_requirement_items (requirement_id, seq, kind_id, theme_id, min_count) VALUES ${sql.join(rows, sql`, `)}`);
  }
  return { id, version: v + 1 };
}
