// Sign-in, sign-out, password change. Lockout after LOCKOUT.maxFailures
// wrong passwords in a row, for LOCKOUT.minutes; a locked account is refused
// even with the right password, so guessing gains nothing.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { hashPassword, verifyPassword } from '../../platform/password.ts';
import { newToken, tokenId, type SessionActor } from '../../platform/session.ts';
import { LOCKOUT, PHONE_RE, passwordProblem } from '../../../domain/people.ts';
import { abilities } from '../../../domain/permissions.ts';
import { ROLE_LABELS } from '../../../domain/roles.ts';
import { UNIT_KIND_LABELS, type UnitKind } from '../../../domain/units.ts';

// A real hash of a random password: unknown accounts cost as much time as known ones.
let dummyHash: Promise<string> | null = null;

export async function login(db: Db, loginName: string, password: string, meta: { ip: string; userAgent?: string }, ttlHours: number) {
  const field = PHONE_RE.test(loginName) ? sql`phone = ${loginName}` : sql`lower(username) = lower(${loginName})`;
  const r = await db.execute<any>(sql`SELECT id, name, password_hash, active, failed_logins, locked_until, region_code FROM people WHERE ${field}`);
  const p = r.rows[0];
  if (!p) {
    dummyHash ??= hashPassword('not-a-real-password-1');
    await verifyPassword(await dummyHash, password);
    throw new AppError('AUTH_INVALID');
  }
  if (p.locked_until && new Date(p.locked_until) > new Date()) {
    throw new AppError('AUTH_LOCKED', undefined, undefined, { lockedUntil: p.locked_until });
  }
  const ok = await verifyPassword(p.password_hash, password);
  if (!ok) {
    await db.transaction(async (tx) => {
      const u = await tx.execute<any>(sql`
        UPDATE people SET failed_logins = failed_logins + 1,
          locked_until = CASE WHEN failed_logins + 1 >= ${LOCKOUT.maxFailures} THEN now() + make_interval(mins => ${LOCKOUT.minutes}) ELSE locked_until END
        WHERE id = ${p.id} RETURNING failed_logins, locked_until`);
      const row = u.rows[0];
      if (row.locked_until) {
        await audit(tx, { actor: null, action: 'lock', entity: 'person', entityId: p.id, regionCode: p.region_code, after: { failedLogins: row.failed_logins, lockedUntil: row.locked_until } });
      }
    });
    throw new AppError('AUTH_INVALID');
  }
  if (!p.active) throw new AppError('AUTH_DISABLED');
  const token = newToken();
  const sid = tokenId(token);
  await db.transaction(async (tx) => {
    await tx.execute(sql`UPDATE people SET failed_logins = 0, locked_until = NULL WHERE id = ${p.id}`);
    await tx.execute(sql`INSERT INTO sessions (id, person_id, expires_at, ip, user_agent)
      VALUES (${sid}, ${p.id}, now() + make_interval(hours => ${ttlHours}), ${meta.ip}, ${meta.userAgent ?? null})`);
    await audit(tx, { actor: { personId: p.id, name: p.name }, action: 'login', entity: 'session', entityId: sid.slice(0, 12), regionCode: p.region_code, after: { ip: meta.ip } });
  });
  return { token, personId: p.id as number };
}

export async function logout(db: Db, actor: SessionActor) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`UPDATE sessions SET revoked_at = now() WHERE id = ${actor.sessionId} AND revoked_at IS NULL`);
    await audit(tx, { actor, action: 'logout', entity: 'session', entityId: actor.sessionId.slice(0, 12), regionCode: actor.homeRegionCode });
  });
}

export async function changePassword(db: Db, actor: SessionActor, current: string, next: string) {
  const r = await db.execute<any>(sql`SELECT password_hash FROM people WHERE id = ${actor.personId}`);
  if (!(await verifyPassword(r.rows[0]?.password_hash ?? null, current))) {
    throw new AppError('PASSWORD_WRONG', undefined, [{ path: 'currentPassword', message: '当前密码不正确' }]);
  }
  const weak = passwordProblem(next);
  if (weak) throw new AppError('PASSWORD_WEAK', undefined, [{ path: 'newPassword', message: weak }]);
  if (current === next) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'newPassword', message: '新密码不能与当前密码相同' }]);
  const h = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx.execute(sql`UPDATE people SET password_hash = ${h}, must_change_password = false, version = version + 1, updated_at = now() WHERE id = ${actor.personId}`);
    // Other sessions of this person end: a changed password locks out whoever else had it.
    await tx.execute(sql`UPDATE sessions SET revoked_at = now() WHERE person_id = ${actor.personId} AND id <> ${actor.sessionId} AND revoked_at IS NULL`);
    await audit(tx, { actor, action: 'change_password', entity: 'person', entityId: actor.personId, regionCode: actor.homeRegionCode });
  });
}

/** What the web needs to draw itself for this user. */
export async function me(db: Db, actor: SessionActor) {
  const r = await db.execute<any>(sql`
    SELECT p.id, p.name, p.phone, p.username, p.title, p.region_code, rg.name AS region_name,
           p.unit_id, u.name AS unit_name, u.kind AS unit_kind, p.must_change_password
    FROM people p LEFT JOIN units u ON u.id = p.unit_id LEFT JOIN regions rg ON rg.code = p.region_code
    WHERE p.id = ${actor.personId}`);
  const p = r.rows[0];
  const scopeCodes = actor.grants.map((g) => g.regionCode).filter((c): c is string => !!c);
  const names = scopeCodes.length
    ? (await db.execute<any>(sql`SELECT code, name FROM regions WHERE code IN (${sql.join(scopeCodes.map((c) => sql`${c}`), sql`, `)})`)).rows
    : [];
  const nameOf = new Map(names.map((n: any) => [n.code, n.name]));
  const places = (await db.execute<any>(sql`
    SELECT pl.id, pl.name, pl.kind, pl.region_code, rg.name AS region_name FROM place_assignments pa
    JOIN places pl ON pl.id = pa.place_id LEFT JOIN regions rg ON rg.code = pl.region_code
    WHERE pa.person_id = ${actor.personId} ORDER BY pl.region_code, pl.kind, pl.name`)).rows;
  return {
    user: {
      id: p.id, name: p.name, phone: p.phone, username: p.username, title: p.title,
      regionCode: p.region_code, regionName: p.region_name,
      unitId: p.unit_id, unitName: p.unit_name, unitKindLabel: p.unit_kind ? UNIT_KIND_LABELS[p.unit_kind as UnitKind] : null,
      mustChangePassword: p.must_change_password,
    },
    roles: actor.grants.map((g) => ({
      role: g.role,
      roleLabel: ROLE_LABELS[g.role],
      scopeRegionCode: g.regionCode,
      scopeRegionName: g.regionCode ? nameOf.get(g.regionCode) ?? g.regionCode : '全部区域',
      scopeUnitId: g.unitId,
    })),
    /** Streets, compounds and points the person is responsible for (street chiefs). */
    places: places.map((x: any) => ({ id: x.id, name: x.name, kind: x.kind, regionCode: x.region_code, regionName: x.region_name })),
    can: abilities(actor),
  };
}
