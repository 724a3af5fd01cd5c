// People, their role grants and street assignments. The rules: a manager
// acts only inside their own scope; only admins grant admin or county roles;
// a grant's scope must fit the role (a community cadre holds a community).
import type { Db, Tx } from '../../db/pool.ts';
import { AppError, mapUnique, notFound } from '../../platform/errors.ts';

const UNIQUE = {
  people_phone_uq: { path: 'phone', message: '该手机号已被其他人员使用' },
  people_username_uq: { path: 'username', message: '该用户名已被使用' },
};
import { audit } from '../../platform/audit.ts';
import { authorize, type SessionActor } from '../../platform/session.ts';
import { codeInScope } from '../../db/scope.ts';
import { hashPassword, generatePassword } from '../../platform/password.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { ROLE_LABELS, ROLE_SCOPE, type Role, type RoleGrant } from '../../../domain/roles.ts';
import { REGION_LEVEL_LABELS, type PlaceKind, type RegionLevel } from '../../../domain/regions.ts';
import { maskPhone, passwordProblem } from '../../../domain/people.ts';
import * as repo from './people.repository.ts';
import { idCursor } from '../../platform/cursor.ts';
import { checkAssignmentDate, setPersonPlaces } from '../inspections/index.ts';
import { todayChina } from '../calendar/index.ts';

export interface PersonBody {
  name: string;
  phone?: string | null;
  username?: string | null;
  title?: string | null;
  regionCode?: string | null;
  unitId?: number | null;
  password?: string | null;
  roles?: RoleGrant[];
  placeIds?: number[];
  /** A person of the directory who does not sign in (a volunteer without an account, issue 17): no password at all. */
  noSignIn?: boolean;
}

function present(actor: Actor, p: repo.PersonView) {
  const manage = can(actor, 'person.manage', { regionCode: p.regionCode });
  return {
    ...p,
    phone: manage || p.id === actor.personId ? p.phone : maskPhone(p.phone),
    roles: p.roles.map((r) => ({ ...r, role: r.role as Role, roleLabel: ROLE_LABELS[r.role as Role] ?? r.role })),
    places: p.places.map((x) => ({ ...x, kind: x.kind as PlaceKind })),
    can: { update: manage, resetPassword: manage, revokeSessions: can(actor, 'session.revoke', { regionCode: p.regionCode }) },
  };
}

export async function list(db: Db, actor: Actor, f: Omit<repo.PeopleFilter, 'cursor'> & { cursor?: string }) {
  authorize(actor, 'person.read');
  const page = await repo.listPeople(db, { ...f, cursor: f.cursor ? idCursor.decode(f.cursor) : undefined }, regionScope(actor, 'person.read'));
  return {
    items: page.items.map((p) => present(actor, p)),
    nextCursor: page.nextCursor === null ? null : idCursor.encode(page.nextCursor),
    total: page.total,
    can: { create: can(actor, 'person.manage'), import: can(actor, 'person.import') },
  };
}

async function visible(db: Db | Tx, actor: Actor, id: number) {
  const p = await repo.getPerson(db, id, regionScope(actor, 'person.read'));
  if (!p) throw notFound('该人员不存在或不在您的管辖范围内');
  return p;
}

export async function get(db: Db, actor: Actor, id: number) {
  return present(actor, await visible(db, actor, id));
}

/** Validate role grants against the role table and the actor's own scope. */
export async function checkGrants(db: Db | Tx, actor: Actor, grants: RoleGrant[], pathPrefix = 'roles'): Promise<string[]> {
  const errors: string[] = [];
  const manageScope = regionScope(actor, 'person.manage');
  const levels = await repo.regionLevels(
    db,
    grants.map((g) => g.scopeRegionCode).filter((c): c is string => !!c),
  );
  const units = new Map(
    (
      await repo.unitsIn(
        db,
        grants.map((g) => g.scopeUnitId).filter((u): u is number => !!u),
      )
    ).map((u) => [u.id, u]),
  );
  grants.forEach((g, i) => {
    const label = ROLE_LABELS[g.role];
    const rule = ROLE_SCOPE[g.role];
    if ((g.role === 'admin' || g.role === 'county_viewer') && !can(actor, 'role.grant_admin')) {
      errors.push(`${pathPrefix}.${i}|只有系统管理员可以授予“${label}”角色`);
      return;
    }
    if (rule.kind === 'unit') {
      const u = g.scopeUnitId ? units.get(g.scopeUnitId) : undefined;
      if (!u) errors.push(`${pathPrefix}.${i}.scopeUnitId|“${label}”须指定所属单位`);
      else if (!codeInScope(u.region_code, manageScope)) errors.push(`${pathPrefix}.${i}.scopeUnitId|单位“${u.name}”不在您的管辖范围内`);
      return;
    }
    if (!g.scopeRegionCode) {
      if (g.role === 'admin' && manageScope === 'all') return; // a global admin
      errors.push(`${pathPrefix}.${i}.scopeRegionCode|“${label}”须指定管辖区域`);
      return;
    }
    const level = levels.get(g.scopeRegionCode) as RegionLevel | undefined;
    if (!level) errors.push(`${pathPrefix}.${i}.scopeRegionCode|区划 ${g.scopeRegionCode} 不存在`);
    else if (rule.levels && !rule.levels.includes(level as any)) {
      errors.push(`${pathPrefix}.${i}.scopeRegionCode|“${label}”的管辖区域应为${rule.levels.map((l) => REGION_LEVEL_LABELS[l]).join('或')}`);
    } else if (!codeInScope(g.scopeRegionCode, manageScope)) errors.push(`${pathPrefix}.${i}.scopeRegionCode|区划 ${g.scopeRegionCode} 不在您的管辖范围内`);
  });
  return errors;
}

function fieldErrors(errs: string[]) {
  return new AppError(
    'VALIDATION_FAILED',
    undefined,
    errs.map((e) => {
      const [path, message] = e.split('|');
      return { path, message };
    }),
  );
}

async function homeRegion(db: Db | Tx, actor: Actor, body: PersonBody): Promise<string> {
  let code = body.regionCode ?? null;
  if (!code && body.unitId) code = (await repo.unitsIn(db, [body.unitId]))[0]?.region_code ?? null;
  if (!code) code = body.roles?.find((r) => r.scopeRegionCode)?.scopeRegionCode ?? null;
  if (!code) code = (actor as SessionActor).homeRegionCode ?? null;
  if (!code) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'regionCode', message: '请选择所属区域' }]);
  const levels = await repo.regionLevels(db, [code]);
  if (!levels.has(code)) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'regionCode', message: `区划 ${code} 不存在` }]);
  authorize(actor, 'person.manage', { regionCode: code });
  return code;
}

async function checkUnit(db: Db | Tx, actor: Actor, unitId: number | null | undefined) {
  if (!unitId) return;
  const u = (await repo.unitsIn(db, [unitId]))[0];
  if (!u || !codeInScope(u.region_code, regionScope(actor, 'unit.read'))) {
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'unitId', message: '所属单位不存在或不在您的管辖范围内' }]);
  }
}

async function checkPlaces(db: Db | Tx, actor: Actor, ids: number[] | undefined) {
  if (!ids?.length) return;
  const found = await repo.placesIn(db, ids, regionScope(actor, 'person.manage'));
  if (found.length !== new Set(ids).size)
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'placeIds', message: '部分街巷、小区或点位不存在或不在您的管辖范围内' }]);
}

/** Create one person inside an open transaction (shared by the form and the Excel import). */
export async function createIn(tx: Tx, actor: Actor, body: PersonBody) {
  const regionCode = await homeRegion(tx, actor, body);
  await checkUnit(tx, actor, body.unitId);
  const grantErrors = await checkGrants(tx, actor, body.roles ?? []);
  if (grantErrors.length) throw fieldErrors(grantErrors);
  await checkPlaces(tx, actor, body.placeIds);
  return insertChecked(tx, actor, body, regionCode);
}

/**
 * Insert a person whose home region, unit, grants and places the caller has
 * already checked: password (given, or a one-time one), grants, places, audit.
 * Shared by the form, the Excel import and a unit's liaisons (units/liaisons.ts).
 */
export async function insertChecked(tx: Tx, actor: Actor, body: PersonBody, regionCode: string) {
  let initialPassword: string | null = null;
  if (body.noSignIn) {
    // no password: nobody can sign in as them until an account is given
  } else if (body.password) {
    const weak = passwordProblem(body.password);
    if (weak) throw new AppError('PASSWORD_WEAK', undefined, [{ path: 'password', message: weak }]);
  } else {
    initialPassword = generatePassword();
  }
  const id = await repo.insertPerson(tx, {
    name: body.name,
    phone: body.phone ?? null,
    username: body.username ?? null,
    title: body.title ?? null,
    regionCode,
    unitId: body.unitId ?? null,
    passwordHash: body.noSignIn ? null : await hashPassword(body.password ?? initialPassword!),
    mustChangePassword: !body.noSignIn,
  });
  await repo.replaceGrants(tx, id, body.roles ?? []);
  if (body.placeIds?.length) await setPersonPlaces(tx, id, body.placeIds, todayChina());
  const after = (await repo.getPerson(tx, id, 'all'))!;
  await audit(tx, { actor, action: 'create', entity: 'person', entityId: id, regionCode, after });
  return { person: after, initialPassword };
}

/** Unique-constraint violations of people as field errors (phone, username taken). */
export const mapPersonUnique = (e: unknown) => mapUnique(e, UNIQUE);

export async function create(db: Db, actor: Actor, body: PersonBody) {
  authorize(actor, 'person.manage');
  const r = await db.transaction((tx) => createIn(tx, actor, body)).catch((e) => mapUnique(e, UNIQUE));
  return { person: present(actor, r.person), initialPassword: r.initialPassword };
}

export async function update(db: Db, actor: Actor, id: number, version: number, body: Partial<PersonBody> & { active?: boolean }) {
  const before = await visible(db, actor, id);
  authorize(actor, 'person.manage', { regionCode: before.regionCode });
  if (body.regionCode && body.regionCode !== before.regionCode) await homeRegion(db, actor, { name: before.name, regionCode: body.regionCode });
  await checkUnit(db, actor, body.unitId);
  if (body.active === false && id === actor.personId) throw new AppError('FORBIDDEN', '不能停用自己的账号');
  return db
    .transaction(async (tx) => {
      const ok = await repo.updatePerson(tx, id, version, {
        name: body.name,
        phone: body.phone,
        username: body.username,
        title: body.title,
        regionCode: body.regionCode ?? undefined,
        unitId: body.unitId,
        active: body.active,
      });
      if (!ok) throw new AppError('CONFLICT');
      if (body.active === false) {
        await repo.revokeSessions(tx, id);
        // A person who leaves stops owing patrols from today; their past stays as it was.
        await setPersonPlaces(tx, id, [], todayChina());
      }
      const after = (await repo.getPerson(tx, id, 'all'))!;
      await audit(tx, { actor, action: 'update', entity: 'person', entityId: id, regionCode: after.regionCode, before, after });
      return present(actor, after);
    })
    .catch((e) => mapUnique(e, UNIQUE));
}

export async function setRoles(db: Db, actor: Actor, id: number, roles: RoleGrant[]) {
  const before = await visible(db, actor, id);
  authorize(actor, 'person.manage', { regionCode: before.regionCode });
  // Removing an admin grant is as sensitive as giving one.
  if (before.roles.some((r) => r.role === 'admin' || r.role === 'county_viewer') && !can(actor, 'role.grant_admin')) {
    throw new AppError('FORBIDDEN', '只有系统管理员可以修改管理员或县创城办人员的角色');
  }
  const errs = await checkGrants(db, actor, roles);
  if (errs.length) throw fieldErrors(errs);
  return db.transaction(async (tx) => {
    await repo.replaceGrants(tx, id, roles);
    const after = (await repo.getPerson(tx, id, 'all'))!;
    await audit(tx, {
      actor,
      action: 'set_roles',
      entity: 'person',
      entityId: id,
      regionCode: after.regionCode,
      before: { roles: before.roles },
      after: { roles: after.roles },
    });
    return present(actor, after);
  });
}

/** The person's places from `effectiveFrom` (default today) on; earlier days keep who held what (inspections/assignments.repository.ts). */
export async function setPlaces(db: Db, actor: Actor, id: number, placeIds: number[], effectiveFrom?: string) {
  const before = await visible(db, actor, id);
  authorize(actor, 'person.manage', { regionCode: before.regionCode });
  await checkPlaces(db, actor, placeIds);
  const today = todayChina();
  const from = effectiveFrom ?? today;
  checkAssignmentDate(from, today);
  return db.transaction(async (tx) => {
    await setPersonPlaces(tx, id, placeIds, from);
    const after = (await repo.getPerson(tx, id, 'all'))!;
    await audit(tx, {
      actor,
      action: 'set_places',
      entity: 'person',
      entityId: id,
      regionCode: after.regionCode,
      before: { places: before.places },
      after: { places: after.places, effectiveFrom: from },
    });
    return present(actor, after);
  });
}

export async function resetPassword(db: Db, actor: Actor, id: number) {
  const p = await visible(db, actor, id);
  authorize(actor, 'person.manage', { regionCode: p.regionCode });
  const password = generatePassword();
  const h = await hashPassword(password);
  await db.transaction(async (tx) => {
    await repo.setPassword(tx, id, h, true);
    await repo.revokeSessions(tx, id);
    await audit(tx, { actor, action: 'reset_password', entity: 'person', entityId: id, regionCode: p.regionCode });
  });
  return { password };
}

export async function unlock(db: Db, actor: Actor, id: number) {
  const p = await visible(db, actor, id);
  authorize(actor, 'person.manage', { regionCode: p.regionCode });
  await db.transaction(async (tx) => {
    await repo.unlock(tx, id);
    await audit(tx, { actor, action: 'unlock', entity: 'person', entityId: id, regionCode: p.regionCode });
  });
}

export async function sessions(db: Db, actor: Actor, id: number) {
  // Everyone may see their own sign-ins; others' only with session.revoke.
  if (id !== actor.personId) {
    const p = await visible(db, actor, id);
    authorize(actor, 'session.revoke', { regionCode: p.regionCode });
  }
  return { items: await repo.sessionsOf(db, id) };
}

export async function revoke(db: Db, actor: Actor, id: number, sessionId?: string) {
  const p = await visible(db, actor, id);
  authorize(actor, 'session.revoke', { regionCode: p.regionCode });
  return db.transaction(async (tx) => {
    const n = await repo.revokeSessions(tx, id, sessionId);
    if (sessionId && n === 0) throw notFound('该会话不存在或已失效');
    await audit(tx, { actor, action: 'revoke_sessions', entity: 'person', entityId: id, regionCode: p.regionCode, after: { revoked: n } });
    return { revoked: n };
  });
}
