// A town's reachable units (domain/units.ts reachVia): the one answer to
// "may a problem of this region be sent to that unit?". Dispatch, intake's
// file-and-dispatch, the dispatch matrix, category defaults and the unit
// picker all ask here.
import type { Db, Tx } from '../../db/pool.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { codeInScope } from '../../db/scope.ts';
import { regionScope, type Actor } from '../../../domain/permissions.ts';
import { REACH_VIA_LABELS, ROUTABLE_UNIT_KINDS, UNIT_KIND_LABELS, type UnitKind } from '../../../domain/units.ts';
import * as repo from './units.repository.ts';

const unitField = (path: string, message: string) => new AppError('VALIDATION_FAILED', undefined, [{ path, message }]);

/**
 * The unit a problem of `fromRegion` may be dispatched to, or a 400 on `path`
 * saying why not: unknown, of a kind that takes no problems, or not among
 * the town's reachable units (another town's unit, a pairing of another town).
 */
export async function dispatchTarget(q: Db | Tx, fromRegion: string, unitId: number, path = 'unitId') {
  const u = await repo.reachableUnit(q, fromRegion, unitId);
  if (!u) throw unitField(path, '责任单位不存在');
  if (!ROUTABLE_UNIT_KINDS.includes(u.kind as UnitKind)) {
    throw unitField(path, `${UNIT_KIND_LABELS[u.kind as UnitKind] ?? u.kind}不接收派遣的问题，请选择社区居委会、职能部门、共建单位或镇创城办`);
  }
  if (!u.via) {
    throw unitField(path, `「${u.name}」不是本镇可派遣的单位：只能派往本镇及下辖单位、与本镇社区挂钩共建的单位和本县职能部门`);
  }
  return u;
}

/** The dispatch picker: units a problem of `regionCode` may go to, grouped by how they are reached. */
export async function listForDispatch(db: Db, actor: Actor, regionCode: string, name?: string) {
  const office = regionScope(actor, 'problem.office');
  const routing = regionScope(actor, 'routing.manage');
  if (!codeInScope(regionCode, office) && !codeInScope(regionCode, routing)) throw notFound('该区划不存在或不在您的管辖范围内');
  return reachableUnits(db, regionCode, name);
}

/** The same list for another register that assigns work to units (a meeting's decisions); the caller has checked its own permission on `regionCode`. */
export async function reachableUnits(db: Db, regionCode: string, name?: string) {
  const rows = await repo.listReachable(db, regionCode, ROUTABLE_UNIT_KINDS, name);
  return {
    items: rows.map((u) => ({
      ...u,
      kind: u.kind as UnitKind,
      kindLabel: UNIT_KIND_LABELS[u.kind as UnitKind] ?? u.kind,
      viaLabel: REACH_VIA_LABELS[u.via],
    })),
  };
}

/**
 * The town's reachable units of `kinds` (the same definition as dispatch),
 * for another module's picker: an activity's organisers and co-organisers.
 */
export function reachableUnitsOf(q: Db | Tx, fromRegion: string, kinds: readonly UnitKind[]) {
  return repo.listReachable(q, fromRegion, kinds);
}

/** One unit and how `fromRegion`'s town reaches it (via null: not reachable), or null when there is no such unit. */
export function reachableUnitOf(q: Db | Tx, fromRegion: string, unitId: number) {
  return repo.reachableUnit(q, fromRegion, unitId);
}
