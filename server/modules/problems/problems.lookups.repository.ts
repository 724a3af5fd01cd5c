// SQL for the reference data read at intake (cached by lookups.ts): a
// category's rules, whether a region exists.
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';

export type CategoryInfo = {
  id: number;
  name: string;
  level: number;
  active: boolean;
  default_tier: string;
  deadline_days: number;
  centralized_deadline_days: number;
  reinspect_days: number;
};

export async function categoryInfoRow(q: Q, id: number): Promise<CategoryInfo | null> {
  const r = await q.execute<CategoryInfo>(sql`
    SELECT id, name, level, active, default_tier, deadline_days, centralized_deadline_days, reinspect_days FROM categories WHERE id = ${id}`);
  return r.rows[0] ?? null;
}

export async function regionExistsRow(q: Q, code: string): Promise<boolean> {
  return (await q.execute(sql`SELECT 1 FROM regions WHERE code = ${code}`)).rows.length > 0;
}
