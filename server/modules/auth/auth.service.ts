// Sign-in, sign-out, password change. Failed sign-ins are counted per name
// and client IP and per name across IPs (throttle.ts; the rule is LOCKOUT in
// domain/people.ts). A name without an account costs the same password hash
// and gets the same answers as one with, so nothing tells which names exist.
import type { Db } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { hashPassword, verifyPassword } from '../../platform/password.ts';
import { newToken, tokenId, type SessionActor } from '../../platform/session.ts';
import { passwordProblem } from '../../../domain/people.ts';
import { abilities } from '../../../domain/permissions.ts';
import { ROLE_LABELS } from '../../../domain/roles.ts';
import { UNIT_KIND_LABELS, type UnitKind } from '../../../domain/units.ts';
import { blockedUntil, clearIp, recordFailure, subjectOf } from './throttle.repository.ts';
import * as repo from './auth.repository.ts';
import { leaderAbilities } from '../volunteers/index.ts';

// A real hash of a random password: unknown accounts cost as much time as known ones.
let dummyHash: Promise<string> | null = null;

/** AUTH_LOCKED with how many seconds remain (for Retry-After; the body is the same for everyone). */
export class LockedError extends AppError {
  constructor(public retryAfterSeconds: number) {
    super('AUTH_LOCKED');
  }
}

export async function login(db: Db, loginName: string, password: string, meta: { ip: string; userAgent?: string }, ttlHours: number, now = new Date()) {
  const p = await repo.accountByLogin(db, loginName);
  const subject = subjectOf(p?.id ?? null, loginName);
  const until = await blockedUntil(db, subject, p?.id ?? null, meta.ip, now);
  if (until) throw new LockedError(Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)));
  dummyHash ??= hashPassword('not-a-real-password-1');
  const ok = p ? await verifyPassword(p.password_hash, password) : (await verifyPassword(await dummyHash, password)) && false;
  if (!ok || !p) {
    await db.transaction(async (tx) => {
      const locked = await recordFailure(tx, subject, meta.ip, now);
      if (locked && p) {
        await audit(tx, { actor: null, action: 'lock', entity: 'person', entityId: p.id, regionCode: p.region_code, after: { ip: meta.ip } });
      }
    });
    throw new AppError('AUTH_INVALID');
  }
  if (!p.active) throw new AppError('AUTH_DISABLED');
  const token = newToken();
  const sid = tokenId(token);
  await db.transaction(async (tx) => {
    await clearIp(tx, subject, meta.ip);
    await repo.openSession(tx, { id: sid, personId: p.id, ttlHours, ip: meta.ip, userAgent: meta.userAgent ?? null });
    await audit(tx, {
      actor: { personId: p.id, name: p.name },
      action: 'login',
      entity: 'session',
      entityId: sid.slice(0, 12),
      regionCode: p.region_code,
      after: { ip: meta.ip },
    });
  });
  return { token, personId: p.id as number };
}

export async function logout(db: Db, actor: SessionActor) {
  await db.transaction(async (tx) => {
    await repo.closeSession(tx, actor.sessionId);
    await audit(tx, { actor, action: 'logout', entity: 'session', entityId: actor.sessionId.slice(0, 12), regionCode: actor.homeRegionCode });
  });
}

export async function changePassword(db: Db, actor: SessionActor, current: string, next: string) {
  if (!(await verifyPassword(await repo.passwordHash(db, actor.personId), current))) {
    throw new AppError('PASSWORD_WRONG', undefined, [{ path: 'currentPassword', message: '当前密码不正确' }]);
  }
  const weak = passwordProblem(next);
  if (weak) throw new AppError('PASSWORD_WEAK', undefined, [{ path: 'newPassword', message: weak }]);
  if (current === next) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'newPassword', message: '新密码不能与当前密码相同' }]);
  const h = await hashPassword(next);
  await db.transaction(async (tx) => {
    // Other sessions of this person end: a changed password locks out whoever else had it.
    await repo.setPassword(tx, actor.personId, h, actor.sessionId);
    await audit(tx, { actor, action: 'change_password', entity: 'person', entityId: actor.personId, regionCode: actor.homeRegionCode });
  });
}

/** What the web needs to draw itself for this user. */
export async function me(db: Db, actor: SessionActor) {
  const scopeCodes = actor.grants.map((g) => g.regionCode).filter((c): c is string => !!c);
  const { person: p, names, places } = await repo.meRows(db, actor.personId, scopeCodes);
  const nameOf = new Map(names.map((n) => [n.code, n.name]));
  return {
    user: {
      id: p.id,
      name: p.name,
      phone: p.phone,
      username: p.username,
      title: p.title,
      regionCode: p.region_code,
      regionName: p.region_name,
      unitId: p.unit_id,
      unitName: p.unit_name,
      unitKindLabel: p.unit_kind ? UNIT_KIND_LABELS[p.unit_kind as UnitKind] : null,
      mustChangePassword: p.must_change_password,
    },
    roles: actor.grants.map((g) => ({
      role: g.role,
      roleLabel: ROLE_LABELS[g.role],
      scopeRegionCode: g.regionCode,
      scopeRegionName: g.regionCode ? (nameOf.get(g.regionCode) ?? g.regionCode) : '全部区域',
      scopeUnitId: g.unitId,
    })),
    /** Streets, compounds and points the person is responsible for (street chiefs). */
    places: places.map((x: any) => ({ id: x.id, name: x.name, kind: x.kind, regionCode: x.region_code, regionName: x.region_name })),
    // A volunteer team's leader also reads their team on the desk (the volunteers module says so).
    can: { ...abilities(actor), ...(await leaderAbilities(db, actor)) },
  };
}
