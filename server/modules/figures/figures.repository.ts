// SQL of the figures module: only the region a figure request names.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';

export async function regionName(q: Q, code: string): Promise<string | null> {
  return (await q.execute<{ name: string }>(sql`SELECT name FROM regions WHERE code = ${code}`)).rows[0]?.name ?? null;
}
