// SQL for the category tree. Categories are shared by every town of the
// deployment (like the national standard they come from): no region scope.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { categories } from '../../db/schema-problems.ts';

export type CategoryRow = typeof categories.$inferSelect;
export type CategoryInput = Omit<typeof categories.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

export function listAll(q: Q): Promise<CategoryRow[]> {
  return q.select().from(categories).orderBy(asc(categories.kind), asc(categories.level), asc(categories.sort), asc(categories.code));
}

/** Active subclasses under active classes: what a reporter may choose. */
export async function listPlain(q: Q) {
  const r = await q.execute<any>(sql`
    SELECT c.id, c.kind, c.code, c.name, c.plain_name, c.default_tier, p.name AS parent_name
    FROM categories c JOIN categories p ON p.id = c.parent_id
    WHERE c.level = 2 AND c.active AND p.active
    ORDER BY c.kind DESC, c.sort, c.code`);
  return r.rows.map((x) => ({
    id: x.id as number,
    kind: x.kind as string,
    code: x.code as string,
    name: x.name as string,
    plainName: (x.plain_name ?? x.name) as string,
    parentName: x.parent_name as string,
    defaultTier: x.default_tier as string,
  }));
}

export function getById(q: Q, id: number): Promise<CategoryRow | null> {
  return q
    .select()
    .from(categories)
    .where(eq(categories.id, id))
    .then((r) => r[0] ?? null);
}

export function insert(q: Q, c: CategoryInput): Promise<CategoryRow> {
  return q
    .insert(categories)
    .values(c)
    .returning()
    .then((r) => r[0]);
}

export function update(q: Q, id: number, version: number, c: Partial<CategoryInput>): Promise<CategoryRow | null> {
  return q
    .update(categories)
    .set({ ...c, version: sql`${categories.version} + 1`, updatedAt: new Date() })
    .where(and(eq(categories.id, id), eq(categories.version, version)))
    .returning()
    .then((r) => r[0] ?? null);
}

export function remove(q: Q, id: number) {
  return q.delete(categories).where(eq(categories.id, id));
}

export async function usage(q: Q, id: number): Promise<{ problems: number; children: number; rules: number }> {
  const r = await q.execute<{ problems: number; children: number; rules: number }>(sql`
    SELECT (SELECT count(*) FROM (SELECT 1 FROM problems WHERE category_id = ${id} LIMIT 1) x) AS problems,
           (SELECT count(*) FROM categories WHERE parent_id = ${id}) AS children,
           (SELECT count(*) FROM dispatch_rules WHERE category_id = ${id}) AS rules`);
  const x = r.rows[0];
  return { problems: Number(x.problems), children: Number(x.children), rules: Number(x.rules) };
}

/** Insert when (kind, code) is missing; never touch an existing row. Returns the rows inserted. */
export async function insertMissing(q: Q, rows: CategoryInput[]): Promise<number> {
  if (!rows.length) return 0;
  const r = await q
    .insert(categories)
    .values(rows)
    .onConflictDoNothing({ target: [categories.kind, categories.code] })
    .returning({ id: categories.id });
  return r.length;
}

export async function idsByKindCode(q: Q, kind: string): Promise<Map<string, number>> {
  const r = await q.select({ id: categories.id, code: categories.code }).from(categories).where(eq(categories.kind, kind));
  return new Map(r.map((x) => [x.code, x.id]));
}
