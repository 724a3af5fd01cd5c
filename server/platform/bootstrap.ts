// First start: create the administrator. The password comes from
// ADMIN_PASSWORD or is generated and printed once.
import { sql } from 'drizzle-orm';
import type { Db, Q } from '../db/pool.ts';
import { audit } from './audit.ts';
import { generatePassword, hashPassword } from './password.ts';

export async function ensureAdmin(db: Db, adminPassword: string | null, regionCode: string): Promise<{ created: boolean; password: string | null }> {
  const existing = await db.execute(sql`SELECT 1 FROM people WHERE lower(username) = 'admin'`);
  if (existing.rows.length) return { created: false, password: null };
  const password = adminPassword ?? generatePassword();
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const r = await tx.execute<{ id: number }>(sql`
      INSERT INTO people (name, username, region_code, password_hash, must_change_password, title)
      VALUES ('系统管理员', 'admin', ${regionCode}, ${hash}, ${adminPassword ? false : true}, '系统管理员')
      ON CONFLICT DO NOTHING RETURNING id`);
    if (!r.rows[0]) return;
    await tx.execute(sql`INSERT INTO role_grants (person_id, role, scope_region_code) VALUES (${r.rows[0].id}, 'admin', NULL)`);
    await audit(tx, { actor: null, action: 'create', entity: 'person', entityId: r.rows[0].id, after: { username: 'admin', roles: ['admin'] } });
  });
  return { created: true, password: adminPassword ? null : password };
}

export async function getSetting<T>(db: Q, key: string): Promise<T | null> {
  const r = await db.execute<{ value: T }>(sql`SELECT value FROM settings WHERE key = ${key}`);
  return r.rows[0]?.value ?? null;
}

export async function setSetting(db: Q, key: string, value: unknown) {
  await db.execute(sql`INSERT INTO settings (key, value) VALUES (${key}, ${JSON.stringify(value)}::jsonb)
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`);
}
