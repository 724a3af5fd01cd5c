// SQL for signing in and out: the account a login name names, sessions, the
// password, and what /api/me shows. (Failed sign-ins are counted in throttle.ts.)
import { sql } from 'drizzle-orm';
import type { Q } from '../../db/pool.ts';
import { PHONE_RE } from '../../../domain/people.ts';

export type Account = { id: number; name: string; password_hash: string | null; active: boolean; region_code: string };

/** The account a login name (a phone number, or a username in any case) names. */
export async function accountByLogin(q: Q, loginName: string): Promise<Account | null> {
  const field = PHONE_RE.test(loginName) ? sql`phone = ${loginName}` : sql`lower(username) = lower(${loginName})`;
  const r = await q.execute<Account>(sql`SELECT id, name, password_hash, active, region_code FROM people WHERE ${field}`);
  return r.rows[0] ?? null;
}

export async function passwordHash(q: Q, personId: number): Promise<string | null> {
  const r = await q.execute<{ password_hash: string | null }>(sql`SELECT password_hash FROM people WHERE id = ${personId}`);
  return r.rows[0]?.password_hash ?? null;
}

export async function openSession(q: Q, s: { id: string; personId: number; ttlHours: number; ip: string; userAgent: string | null }) {
  await q.execute(sql`INSERT INTO sessions (id, person_id, expires_at, ip, user_agent)
    VALUES (${s.id}, ${s.personId}, now() + make_interval(hours => ${s.ttlHours}), ${s.ip}, ${s.userAgent})`);
}

export async function closeSession(q: Q, sessionId: string) {
  await q.execute(sql`UPDATE sessions SET revoked_at = now() WHERE id = ${sessionId} AND revoked_at IS NULL`);
}

/** A new password, no longer to be changed at first sign-in; the person's other sessions end. */
export async function setPassword(q: Q, personId: number, hash: string, keepSessionId: string) {
  await q.execute(
    sql`UPDATE people SET password_hash = ${hash}, must_change_password = false, version = version + 1, updated_at = now() WHERE id = ${personId}`,
  );
  await q.execute(sql`UPDATE sessions SET revoked_at = now() WHERE person_id = ${personId} AND id <> ${keepSessionId} AND revoked_at IS NULL`);
}

/** The person as /api/me shows them, the names of the regions of their grants, and the places they hold now. */
export async function meRows(q: Q, personId: number, scopeCodes: string[]) {
  const [person, names, places] = await Promise.all([
    q.execute<any>(sql`
      SELECT p.id, p.name, p.phone, p.username, p.title, p.region_code, rg.name AS region_name,
             p.unit_id, u.name AS unit_name, u.kind AS unit_kind, p.must_change_password
      FROM people p LEFT JOIN units u ON u.id = p.unit_id LEFT JOIN regions rg ON rg.code = p.region_code
      WHERE p.id = ${personId}`),
    scopeCodes.length
      ? q.execute<{ code: string; name: string }>(
          sql`SELECT code, name FROM regions WHERE code IN (${sql.join(
            scopeCodes.map((c) => sql`${c}`),
            sql`, `,
          )})`,
        )
      : Promise.resolve({ rows: [] as { code: string; name: string }[] }),
    q.execute<any>(sql`
      SELECT pl.id, pl.name, pl.kind, pl.region_code, rg.name AS region_name FROM place_assignments pa
      JOIN places pl ON pl.id = pa.place_id LEFT JOIN regions rg ON rg.code = pl.region_code
      WHERE pa.person_id = ${personId} AND pa.valid_to IS NULL ORDER BY pl.region_code, pl.kind, pl.name`),
  ]);
  return { person: person.rows[0], names: names.rows, places: places.rows };
}
