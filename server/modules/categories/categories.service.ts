// Rules for the category tree: everyone signed in reads it; only the admin
// (category.manage) changes it. A category's code is its identity (the seed
// matches on (kind, code)), so it cannot be edited: add a new one and
// deactivate the old. A category in use is deactivated instead of deleted,
// and so is a seeded one (deleting it would only make the seed re-insert it).
import type { Db } from '../../db/pool.ts';
import { AppError, mapUnique, notFound } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/session.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { TIER_LABELS, type Tier } from '../../../domain/problems/vocab.ts';
import * as repo from './categories.repository.ts';
import { SEED_KEYS, type CategoryKind, type DefaultRoute } from './seed-data.ts';

const UNIQUE = { categories_kind_code_uq: { path: 'code', message: '同一分类体系内已有相同编码的类别' } };

export const KIND_LABELS: Record<CategoryKind, string> = { event: '事件', component: '部件' };
export const ROUTE_LABELS: Record<DefaultRoute, string> = { community: '属地社区', unit: '职能部门' };

export interface CategoryBody {
  kind: CategoryKind;
  code: string;
  name: string;
  plainName?: string | null;
  parentId?: number | null;
  defaultTier?: Tier;
  deadlineDays?: number;
  centralizedDeadlineDays?: number;
  reinspectDays?: number;
  defaultRoute?: DefaultRoute;
  defaultUnitName?: string | null;
  active?: boolean;
  sort?: number;
}
export type CategoryPatch = Partial<Omit<CategoryBody, 'kind' | 'code' | 'parentId'>>;

export interface CategoryView extends Omit<repo.CategoryRow, 'kind' | 'defaultTier' | 'defaultRoute'> {
  kind: CategoryKind;
  defaultTier: Tier;
  defaultRoute: DefaultRoute;
  kindLabel: string;
  tierLabel: string;
  routeLabel: string;
  can: { update: boolean; delete: boolean };
  children?: CategoryView[];
}

function view(actor: Actor, c: repo.CategoryRow): CategoryView {
  const manage = can(actor, 'category.manage');
  return {
    ...c,
    kind: c.kind as CategoryKind,
    defaultTier: c.defaultTier as Tier,
    defaultRoute: c.defaultRoute as DefaultRoute,
    kindLabel: KIND_LABELS[c.kind as CategoryKind] ?? c.kind,
    tierLabel: TIER_LABELS[c.defaultTier as Tier] ?? c.defaultTier,
    routeLabel: ROUTE_LABELS[c.defaultRoute as DefaultRoute] ?? c.defaultRoute,
    can: { update: manage, delete: manage },
  };
}

/** The tree: 大类 with their 小类, events first. Inactive rows are included (flagged) for the admin page. */
export async function tree(db: Db, actor: Actor) {
  const rows = await repo.listAll(db);
  const majors = rows.filter((r) => r.level === 1).map((r) => ({ ...view(actor, r), children: [] as CategoryView[] }));
  const byId = new Map(majors.map((m) => [m.id, m]));
  for (const r of rows) if (r.level !== 1 && r.parentId != null) byId.get(r.parentId)?.children.push(view(actor, r));
  majors.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'event' ? -1 : 1) || a.sort - b.sort || a.code.localeCompare(b.code));
  return { items: majors, can: { create: can(actor, 'category.manage') } };
}

/** What residents and reporters pick from: active 小类 with their plain names. */
export async function plain(db: Db) {
  const rows = await repo.listPlain(db);
  return { items: rows.map((c) => ({ ...c, kind: c.kind as CategoryKind, defaultTier: c.defaultTier as Tier })) };
}

export async function get(db: Db, actor: Actor, id: number) {
  const c = await repo.getById(db, id);
  if (!c) throw notFound('该问题类别不存在');
  return view(actor, c);
}

function checkRoute(route: DefaultRoute | undefined, unitName: string | null | undefined) {
  if (route === 'unit' && !unitName) {
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'defaultUnitName', message: '默认派往职能部门时，须填写责任部门名称（如 城市管理局）' }]);
  }
}

export async function create(db: Db, actor: Actor, body: CategoryBody) {
  authorize(actor, 'category.manage');
  let level = 1;
  if (body.parentId != null) {
    const parent = await repo.getById(db, body.parentId);
    if (parent?.level !== 1 || parent.kind !== body.kind) {
      throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'parentId', message: '上级类别须为同一分类体系中的大类' }]);
    }
    level = 2;
  }
  checkRoute(body.defaultRoute, body.defaultUnitName);
  return db
    .transaction(async (tx) => {
      const c = await repo.insert(tx, {
        ...body,
        parentId: body.parentId ?? null,
        level,
        defaultUnitName: body.defaultUnitName || null,
        plainName: body.plainName || null,
      });
      await audit(tx, { actor, action: 'create', entity: 'category', entityId: c.id, after: c });
      return view(actor, c);
    })
    .catch((e) => mapUnique(e, UNIQUE));
}

export async function update(db: Db, actor: Actor, id: number, version: number, body: CategoryPatch) {
  authorize(actor, 'category.manage');
  const before = await repo.getById(db, id);
  if (!before) throw notFound('该问题类别不存在');
  const patch = { ...body };
  if ('defaultUnitName' in patch) patch.defaultUnitName = patch.defaultUnitName || null;
  if ('plainName' in patch) patch.plainName = patch.plainName || null;
  checkRoute((patch.defaultRoute ?? before.defaultRoute) as DefaultRoute, 'defaultUnitName' in patch ? patch.defaultUnitName : before.defaultUnitName);
  return db.transaction(async (tx) => {
    const c = await repo.update(tx, id, version, patch);
    if (!c) throw new AppError('CONFLICT', '该类别已被他人修改，请刷新后重试');
    await audit(tx, { actor, action: 'update', entity: 'category', entityId: id, before, after: c });
    return view(actor, c);
  });
}

/**
 * Delete an unused, locally added category; deactivate one that problems or
 * dispatch rules refer to, or that the seed ships. A 大类 with 小类 stays.
 */
export async function remove(db: Db, actor: Actor, id: number): Promise<{ deleted: boolean; category: CategoryView | null }> {
  authorize(actor, 'category.manage');
  return db.transaction(async (tx) => {
    const before = await repo.getById(tx, id);
    if (!before) throw notFound('该问题类别不存在');
    const use = await repo.usage(tx, id);
    if (use.children > 0) throw new AppError('IN_USE', '该大类下仍有小类，请先删除或停用其小类');
    if (use.problems > 0 || use.rules > 0 || SEED_KEYS.has(`${before.kind}:${before.code}`)) {
      const c = before.active ? await repo.update(tx, id, before.version, { active: false }) : before;
      if (!c) throw new AppError('CONFLICT', '该类别已被他人修改，请刷新后重试');
      if (before.active) await audit(tx, { actor, action: 'deactivate', entity: 'category', entityId: id, before, after: c });
      return { deleted: false, category: view(actor, c) };
    }
    await repo.remove(tx, id);
    await audit(tx, { actor, action: 'delete', entity: 'category', entityId: id, before });
    return { deleted: true, category: null };
  });
}
