// SQL for regions and places. Nothing here knows roles: callers pass a scope.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { places, regions } from '../../db/schema.ts';
import { inScope, type RegionScope } from '../../db/scope.ts';
import type { DivisionRow } from './division.ts';

export type RegionRow = typeof regions.$inferSelect;
export type PlaceRow = typeof places.$inferSelect;

/** Insert missing regions, rename changed ones; returns what changed. */
export async function upsertDivision(q: Q, rows: DivisionRow[]) {
  const existing = await q
    .select()
    .from(regions)
    .where(
      sql`${regions.code} IN (${sql.join(
        rows.map((r) => sql`${r.code}`),
        sql`, `,
      )})`,
    );
  const byCode = new Map(existing.map((r) => [r.code, r]));
  const inserted: DivisionRow[] = [];
  const renamed: { before: RegionRow; after: DivisionRow }[] = [];
  for (const r of rows) {
    const old = byCode.get(r.code);
    if (!old) inserted.push(r);
    else if (old.name !== r.name || old.parentCode !== r.parentCode) renamed.push({ before: old, after: r });
  }
  if (inserted.length) {
    await q
      .insert(regions)
      .values(inserted.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode })))
      .onConflictDoNothing();
  }
  for (const { after } of renamed) {
    await q
      .update(regions)
      .set({ name: after.name, parentCode: after.parentCode, updatedAt: new Date(), version: sql`${regions.version} + 1` })
      .where(eq(regions.code, after.code));
  }
  return { inserted, renamed };
}

export function getRegion(q: Q, code: string, scope: RegionScope) {
  return q
    .select()
    .from(regions)
    .where(and(eq(regions.code, code), inScope(regions.code, scope)))
    .then((r) => r[0] ?? null);
}

/** Regions down to community level within scope, plus the ancestors of the scope roots (for names). */
export async function treeRows(q: Q, scope: RegionScope) {
  return q
    .select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode })
    .from(regions)
    .where(and(sql`${regions.level} IN ('county','town','community')`, inScope(regions.code, scope)))
    .orderBy(asc(regions.code));
}

export function childrenOf(q: Q, code: string, scope: RegionScope) {
  return q
    .select()
    .from(regions)
    .where(and(eq(regions.parentCode, code), inScope(regions.code, scope)))
    .orderBy(asc(regions.code));
}

export function regionNames(q: Q, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([] as { code: string; name: string }[]);
  return q
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(
      sql`${regions.code} IN (${sql.join(
        codes.map((c) => sql`${c}`),
        sql`, `,
      )})`,
    );
}

export async function nextGridSeq(q: Q, communityCode: string): Promise<number> {
  const r = await q.execute<{ max: string | null }>(
    sql`SELECT max(right(code, 3)) AS max FROM regions WHERE parent_code = ${communityCode} AND level = 'grid'`,
  );
  return Number(r.rows[0]?.max ?? 0) + 1;
}

export async function insertRegion(q: Q, row: { code: string; name: string; level: string; parentCode: string }) {
  const r = await q
    .insert(regions)
    .values({ ...row, source: 'manual' })
    .onConflictDoNothing()
    .returning();
  return r[0] ?? null;
}

export async function updateRegionName(q: Q, code: string, name: string, version: number) {
  const r = await q
    .update(regions)
    .set({ name, version: sql`${regions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(regions.code, code), eq(regions.version, version)))
    .returning();
  return r[0] ?? null;
}

export function deleteRegion(q: Q, code: string) {
  return q
    .delete(regions)
    .where(eq(regions.code, code))
    .returning()
    .then((r) => r[0] ?? null);
}

export interface PlaceFilter {
  regionCode?: string;
  kind?: string;
  q?: string;
  /** A picker's page (the first matches by community and name); 2,000 at most. */
  limit?: number;
}

export function listPlaces(q: Q, f: PlaceFilter, scope: RegionScope) {
  const conds = [inScope(places.regionCode, scope)];
  if (f.regionCode) conds.push(sql`${places.regionCode} LIKE ${f.regionCode + '%'}`);
  if (f.kind) conds.push(eq(places.kind, f.kind));
  if (f.q) conds.push(sql`${places.name} LIKE ${'%' + f.q.replace(/[%_\\]/g, (m) => '\\' + m) + '%'}`);
  return q
    .select()
    .from(places)
    .where(and(...conds))
    .orderBy(asc(places.regionCode), asc(places.kind), asc(places.name))
    .limit(Math.min(f.limit ?? 2000, 2000));
}

export function getPlace(q: Q, id: number, scope: RegionScope) {
  return q
    .select()
    .from(places)
    .where(and(eq(places.id, id), inScope(places.regionCode, scope)))
    .then((r) => r[0] ?? null);
}

export type PlaceInput = Omit<typeof places.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

export function insertPlace(q: Q, p: PlaceInput) {
  return q
    .insert(places)
    .values(p)
    .returning()
    .then((r) => r[0]);
}

export function updatePlace(q: Q, id: number, version: number, p: Partial<PlaceInput>) {
  return q
    .update(places)
    .set({ ...p, version: sql`${places.version} + 1`, updatedAt: new Date() })
    .where(and(eq(places.id, id), eq(places.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

export function deletePlace(q: Q, id: number) {
  return q
    .delete(places)
    .where(eq(places.id, id))
    .returning()
    .then((r) => r[0] ?? null);
}
