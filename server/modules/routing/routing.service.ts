// The dispatch matrix: (category, region) → responsible unit, after
// FixMyStreet's contacts matrix. The office of a town edits the rules of its
// town; the admin edits any. resolveUnit() is what the problem workflow calls
// when it dispatches.
import type { Db, Tx } from '../../db/pool.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/session.ts';
import { codeInScope, type RegionScope } from '../../db/scope.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { UNIT_KIND_LABELS, type UnitKind } from '../../../domain/units.ts';
import * as repo from './routing.repository.ts';
import { dispatchTarget } from '../units/index.ts';

export type { Resolved, Via } from './routing.repository.ts';

export const VIA_LABELS: Record<repo.Via, string> = {
  rule: '按调度规则',
  category_default: '按问题类别的默认责任部门',
  community: '按属地派往社区居委会',
};

/**
 * The unit a problem of `categoryId` at `regionCode` (community or grid code)
 * goes to, and why: the most specific dispatch rule, else the category's
 * default department, else the community committee. null when none exists.
 * Pass the transaction when dispatching so the answer and the write agree.
 */
export function resolveUnit(q: Db | Tx, p: { categoryId: number | null; regionCode: string }): Promise<repo.Resolved | null> {
  return repo.resolve(q, p.categoryId, p.regionCode);
}

/**
 * Rules of a region are visible to those who manage routing in it, and the
 * rules of its ancestors (the county's) too, since they apply there: a region
 * filter may name the caller's scope or an ancestor of it, never a sibling town.
 */
export function rulesRegionVisible(unitRegion: string, scope: RegionScope): boolean {
  return scope === 'all' || scope.some((p) => unitRegion.startsWith(p) || p.startsWith(unitRegion));
}

function ruleScope(actor: Actor): RegionScope {
  return regionScope(actor, 'routing.manage');
}

function withCan(actor: Actor, r: repo.RuleView) {
  const manage = can(actor, 'routing.manage', { regionCode: r.regionCode });
  return {
    ...r,
    unitKind: r.unitKind as UnitKind | null,
    unitKindLabel: r.unitKind ? (UNIT_KIND_LABELS[r.unitKind as UnitKind] ?? r.unitKind) : null,
    can: { update: manage, delete: manage },
  };
}

function mustManageSomewhere(actor: Actor): RegionScope {
  authorize(actor, 'routing.manage');
  return ruleScope(actor);
}

/** Rules the caller manages, plus the rules of its ancestors (read-only: they apply to its town too). */
export async function list(db: Db, actor: Actor, f: { regionCode?: string; categoryId?: number }) {
  const scope = mustManageSomewhere(actor);
  if (f.regionCode && !rulesRegionVisible(f.regionCode, scope)) throw notFound('该区划不存在或不在您的管辖范围内');
  const rows = await repo.listRules(db, scope, f.regionCode, f.categoryId);
  return { items: rows.map((r) => withCan(actor, r)), can: { create: true } };
}

export async function get(db: Db, actor: Actor, id: number) {
  const r = await repo.getRule(db, id, mustManageSomewhere(actor));
  if (!r) throw notFound('该调度规则不存在或不在您的管辖范围内');
  return withCan(actor, r);
}

export interface RuleBody {
  categoryId: number | null;
  regionCode: string;
  unitId: number;
  version?: number;
}

/** Create or change the rule for (category, region). */
export async function upsert(db: Db, actor: Actor, body: RuleBody): Promise<{ created: boolean; rule: ReturnType<typeof withCan> }> {
  const scope = mustManageSomewhere(actor);
  const region = await repo.regionByCode(db, body.regionCode);
  if (!region || !codeInScope(body.regionCode, scope)) throw notFound('该区划不存在或不在您的管辖范围内');
  if (!['county', 'town', 'community', 'grid'].includes(region.level)) {
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'regionCode', message: '调度规则应设在县、镇（街道）、社区或网格上' }]);
  }
  if (body.categoryId != null) {
    const c = await repo.categoryById(db, body.categoryId);
    if (!c) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'categoryId', message: '问题类别不存在' }]);
  }
  await dispatchTarget(db, body.regionCode, body.unitId);
  authorize(actor, 'routing.manage', { regionCode: body.regionCode });
  return db.transaction(async (tx) => {
    const existing = await repo.findByKey(tx, body.categoryId, body.regionCode);
    let id: number;
    let before: repo.RuleView | null = null;
    if (existing) {
      id = existing.id;
      before = await repo.getRule(tx, id, 'all');
      if (body.version != null && body.version !== existing.version) throw new AppError('CONFLICT', '该调度规则已被他人修改，请刷新后重试');
      if (!(await repo.updateRule(tx, id, existing.version, body.unitId))) throw new AppError('CONFLICT', '该调度规则已被他人修改，请刷新后重试');
    } else {
      id = await repo.insertRule(tx, body.categoryId, body.regionCode, body.unitId).catch((e) => {
        // Another office saved the same (category, region) a moment ago.
        if ((e?.cause ?? e)?.code === '23505') throw new AppError('CONFLICT', '同一类别和区域的调度规则刚被他人设置，请刷新后重试');
        throw e;
      });
    }
    const after = (await repo.getRule(tx, id, 'all'))!;
    await audit(tx, { actor, action: existing ? 'update' : 'create', entity: 'dispatch_rule', entityId: id, regionCode: body.regionCode, before, after });
    return { created: !existing, rule: withCan(actor, after) };
  });
}

export async function remove(db: Db, actor: Actor, id: number) {
  const before = await get(db, actor, id);
  authorize(actor, 'routing.manage', { regionCode: before.regionCode });
  await db.transaction(async (tx) => {
    await repo.deleteRule(tx, id);
    await audit(tx, { actor, action: 'delete', entity: 'dispatch_rule', entityId: id, regionCode: before.regionCode, before });
  });
}

/** Shows the office which unit a problem would go to, and why. */
export async function explain(db: Db, actor: Actor, q: { categoryId?: number; regionCode: string }) {
  const scope = regionScope(actor, 'routing.manage');
  const office = regionScope(actor, 'problem.office');
  authorize(actor, can(actor, 'routing.manage') ? 'routing.manage' : 'problem.office');
  const region = await repo.regionByCode(db, q.regionCode);
  if (!region || !(codeInScope(q.regionCode, scope) || codeInScope(q.regionCode, office))) throw notFound('该区划不存在或不在您的管辖范围内');
  const category = q.categoryId ? await repo.categoryById(db, q.categoryId) : null;
  if (q.categoryId && !category) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'categoryId', message: '问题类别不存在' }]);
  const r = await resolveUnit(db, { categoryId: q.categoryId ?? null, regionCode: q.regionCode });
  const base = { regionCode: region.code, regionName: region.name, categoryId: category?.id ?? null, categoryName: category?.name ?? null };
  if (!r) {
    return {
      ...base,
      unitId: null,
      unitName: null,
      unitKind: null,
      ruleId: null,
      via: null,
      reason: '没有适用的调度规则、类别默认部门或社区居委会，需由镇创城办人工派遣',
    };
  }
  const unit = (await repo.unitById(db, r.unitId))!;
  let reason = VIA_LABELS[r.via];
  if (r.via === 'rule') {
    const rule = (await repo.getRule(db, r.ruleId!, 'all'))!;
    reason += `：${rule.regionName ?? rule.regionCode}的${rule.categoryName ? `「${rule.categoryName}」` : '所有类别'}问题派往${unit.name}`;
  } else if (r.via === 'category_default') {
    reason += `：「${category?.name}」由名称含“${category?.defaultUnitName}”的部门负责`;
  } else {
    reason += `：${unit.name}`;
  }
  return { ...base, unitId: unit.id, unitName: unit.name, unitKind: unit.kind as UnitKind, ruleId: r.ruleId, via: r.via, reason };
}
