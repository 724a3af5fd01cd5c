// Units of every kind (DOMAIN.md §2) and their pairing with communities.
import type { Db } from '../../db/pool.ts';
import { AppError, mapUnique, notFound } from '../../platform/errors.ts';

const UNIQUE = { units_region_name_uq: { path: 'name', message: '同一区域内已有同名单位' } };
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/session.ts';
import { codeInScope } from '../../db/scope.ts';
import { can, canManageLiaisons, regionScope, type Actor } from '../../../domain/permissions.ts';
import { LIAISON_UNIT_KINDS, UNIT_KIND_LABELS, UNIT_LEVELS, type UnitKind } from '../../../domain/units.ts';
import { regionLevelOf } from '../../../domain/regions.ts';
import * as repo from './units.repository.ts';

const LEVELS: Record<UnitKind, string[]> = UNIT_LEVELS;

export interface UnitBody {
  kind: UnitKind;
  name: string;
  regionCode: string;
  parentUnitId?: number | null;
  contactName?: string | null;
  contactPhone?: string | null;
  communityCodes?: string[];
}

function withCan(actor: Actor, u: repo.UnitView) {
  const manage = can(actor, 'unit.manage', { regionCode: u.regionCode });
  return {
    ...u,
    kindLabel: UNIT_KIND_LABELS[u.kind as UnitKind] ?? u.kind,
    can: {
      update: manage,
      delete: manage && u.memberCount === 0,
      liaisons: LIAISON_UNIT_KINDS.includes(u.kind as UnitKind) && canManageLiaisons(actor, u.regionCode),
    },
  };
}

export async function list(db: Db, actor: Actor, f: repo.UnitFilter) {
  const rows = await repo.listUnits(db, f, regionScope(actor, 'unit.read'));
  return { items: rows.map((u) => withCan(actor, u)), can: { create: can(actor, 'unit.manage') } };
}

export async function get(db: Db, actor: Actor, id: number) {
  const u = await repo.getUnit(db, id, regionScope(actor, 'unit.read'));
  if (!u) throw notFound('该单位不存在或不在您的管辖范围内');
  return withCan(actor, u);
}

async function checkPlacement(db: Db, actor: Actor, kind: UnitKind, regionCode: string, communityCodes: string[] | undefined) {
  const level = regionLevelOf(regionCode);
  if (!level || !LEVELS[kind].includes(level)) {
    const want = LEVELS[kind].map((l) => (({ county: '县', town: '镇（街道）', community: '社区' }) as Record<string, string>)[l]).join('或');
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'regionCode', message: `${UNIT_KIND_LABELS[kind]}应归属于${want}` }]);
  }
  const readScope = regionScope(actor, 'region.read');
  const codes = [regionCode, ...(communityCodes ?? [])];
  const found = await repo.regionsByCodes(db, codes);
  const known = new Map(found.map((r) => [r.code, r.level]));
  if (!known.has(regionCode) || !codeInScope(regionCode, readScope)) {
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'regionCode', message: '所属区划不存在或不在您的管辖范围内' }]);
  }
  authorize(actor, 'unit.manage', { regionCode });
  for (const [i, c] of (communityCodes ?? []).entries()) {
    if (known.get(c) !== 'community' || !codeInScope(c, readScope)) {
      throw new AppError('VALIDATION_FAILED', undefined, [{ path: `communityCodes.${i}`, message: `挂钩社区 ${c} 不存在或不在您的管辖范围内` }]);
    }
  }
}

export async function create(db: Db, actor: Actor, body: UnitBody) {
  await checkPlacement(db, actor, body.kind, body.regionCode, body.communityCodes);
  return db
    .transaction(async (tx) => {
      const { communityCodes, ...row } = body;
      const u = await repo.insertUnit(tx, row);
      if (communityCodes) await repo.setCommunities(tx, u.id, communityCodes);
      const view = (await repo.getUnit(tx, u.id, 'all'))!;
      await audit(tx, { actor, action: 'create', entity: 'unit', entityId: u.id, regionCode: u.regionCode, after: view });
      return withCan(actor, view);
    })
    .catch((e) => mapUnique(e, UNIQUE));
}

export async function update(db: Db, actor: Actor, id: number, version: number, body: Partial<UnitBody>) {
  const before = await get(db, actor, id);
  authorize(actor, 'unit.manage', { regionCode: before.regionCode });
  const kind = (body.kind ?? before.kind) as UnitKind;
  await checkPlacement(db, actor, kind, body.regionCode ?? before.regionCode, body.communityCodes);
  return db
    .transaction(async (tx) => {
      const { communityCodes, ...row } = body;
      const u = await repo.updateUnit(tx, id, version, row);
      if (!u) throw new AppError('CONFLICT');
      if (communityCodes) await repo.setCommunities(tx, id, communityCodes);
      const view = (await repo.getUnit(tx, id, 'all'))!;
      await audit(tx, { actor, action: 'update', entity: 'unit', entityId: id, regionCode: view.regionCode, before, after: view });
      return withCan(actor, view);
    })
    .catch((e) => mapUnique(e, UNIQUE));
}

export async function remove(db: Db, actor: Actor, id: number) {
  const before = await get(db, actor, id);
  authorize(actor, 'unit.manage', { regionCode: before.regionCode });
  await db.transaction(async (tx) => {
    if (await repo.unitInUse(tx, id)) throw new AppError('IN_USE', '该单位仍有人员、角色或下级单位，不能删除');
    await repo.deleteUnit(tx, id);
    await audit(tx, { actor, action: 'delete', entity: 'unit', entityId: id, regionCode: before.regionCode, before });
  });
}
