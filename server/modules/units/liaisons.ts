// A unit's liaisons (单位联络员): people holding the unit_liaison role bound to
// the unit. Whoever sees the unit sees its liaisons (phones masked unless
// they may manage them); a town's office adds and removes the liaisons of its
// town's units, the county office (or an admin) those of county-level units
// (domain/permissions.ts canManageLiaisons). Ids in the body are checked
// against the same rule: an existing person made liaison must be one the
// caller manages.
import type { Db } from '../../db/pool.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { canManageLiaisons, type Actor } from '../../../domain/permissions.ts';
import { maskPhone } from '../../../domain/people.ts';
import { LIAISON_UNIT_KINDS, UNIT_KIND_LABELS, type UnitKind } from '../../../domain/units.ts';
import { insertChecked, mapPersonUnique } from '../people/index.ts';
import * as people from '../people/index.ts';
import { get as getUnit } from './units.service.ts';
import * as repo from './units.repository.ts';

const TOWN_CODE_LENGTH = 9;
const field = (path: string, message: string) => new AppError('VALIDATION_FAILED', undefined, [{ path, message }]);

export interface LiaisonInput {
  /** An existing person to make the unit's liaison… */
  personId?: number | null;
  /** …or a new one. */
  name?: string | null;
  phone?: string | null;
  username?: string | null;
  title?: string | null;
}

type Row = Awaited<ReturnType<typeof repo.liaisonsOf>>[number];
const view = (r: Row, manage: boolean) => ({
  id: Number(r.id),
  name: r.name,
  phone: manage ? r.phone : maskPhone(r.phone),
  username: r.username,
  title: r.title,
  active: r.active,
});

/** The unit as the caller sees it (404 otherwise), and whether they may manage its liaisons. */
async function unitFor(db: Db, actor: Actor, unitId: number) {
  const u = await getUnit(db, actor, unitId);
  return { unit: u, manage: canManageLiaisons(actor, u.regionCode) };
}

function mustManage(actor: Actor, u: { name: string; regionCode: string }) {
  if (canManageLiaisons(actor, u.regionCode)) return;
  throw new AppError(
    'FORBIDDEN',
    u.regionCode.length < TOWN_CODE_LENGTH ? `「${u.name}」是县级单位，其联络员由县创城办或系统管理员管理` : `您无权管理「${u.name}」的联络员`,
  );
}

export async function list(db: Db, actor: Actor, unitId: number) {
  const { unit, manage } = await unitFor(db, actor, unitId);
  return {
    unit: { id: unit.id, name: unit.name, kind: unit.kind, regionCode: unit.regionCode },
    items: (await repo.liaisonsOf(db, unitId)).map((r) => view(r, manage)),
    can: { manage: manage && LIAISON_UNIT_KINDS.includes(unit.kind as UnitKind) },
  };
}

export async function add(db: Db, actor: Actor, unitId: number, body: LiaisonInput) {
  const { unit } = await unitFor(db, actor, unitId);
  mustManage(actor, unit);
  if (!LIAISON_UNIT_KINDS.includes(unit.kind as UnitKind)) {
    throw new AppError('BAD_REQUEST', `${UNIT_KIND_LABELS[unit.kind as UnitKind] ?? unit.kind}没有单位联络员（联络员属于职能部门和挂钩共建单位）`);
  }
  const grant = { role: 'unit_liaison' as const, scopeUnitId: unit.id };
  return db
    .transaction(async (tx) => {
      if (body.personId) {
        const p = await people.getPerson(tx, body.personId, 'all');
        if (!p || !canManageLiaisons(actor, p.regionCode) || p.roles.some((r) => r.role === 'admin' || r.role === 'county_viewer')) {
          throw field('personId', '该人员不存在或不在您的管辖范围内');
        }
        if (p.roles.some((r) => r.role === 'unit_liaison' && r.scopeUnitId === unit.id))
          throw new AppError('DUPLICATE', `${p.name}已是「${unit.name}」的联络员`);
        await people.grantLiaison(tx, p.id, unit.id);
        await audit(tx, {
          actor,
          action: 'add_liaison',
          entity: 'person',
          entityId: p.id,
          regionCode: p.regionCode,
          before: { roles: p.roles },
          after: { unitId: unit.id, unitName: unit.name },
        });
        const row = (await repo.liaisonsOf(tx, unit.id)).find((r) => Number(r.id) === p.id)!;
        return { liaison: view(row, true), initialPassword: null as string | null };
      }
      if (!body.name) throw field('name', '请填写联络员姓名，或选择已有人员');
      if (!body.phone) throw field('phone', '请填写联络员手机号');
      const { person, initialPassword } = await insertChecked(
        tx,
        actor,
        {
          name: body.name,
          phone: body.phone,
          username: body.username ?? null,
          title: body.title ?? null,
          unitId: unit.id,
          roles: [grant],
        },
        unit.regionCode,
      );
      const row = (await repo.liaisonsOf(tx, unit.id)).find((r) => Number(r.id) === person.id)!;
      return { liaison: view(row, true), initialPassword };
    })
    .catch(mapPersonUnique);
}

export async function remove(db: Db, actor: Actor, unitId: number, personId: number) {
  const { unit } = await unitFor(db, actor, unitId);
  mustManage(actor, unit);
  await db.transaction(async (tx) => {
    if (!(await people.revokeLiaison(tx, personId, unit.id))) throw notFound('该人员不是该单位的联络员');
    await audit(tx, {
      actor,
      action: 'remove_liaison',
      entity: 'person',
      entityId: personId,
      regionCode: unit.regionCode,
      before: { unitId: unit.id, unitName: unit.name },
    });
  });
}
