// Responsibility for inspections: supervision group members ↔ communities
// (kept here), street chiefs ↔ places (kept by the people API's placeIds) and
// demo points ↔ their responsible unit (kept on the place), read together.
import type { Db } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/session.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { KIND_ROLES } from '../../../domain/inspections/vocab.ts';
import { PLACE_KIND_LABELS, POINT_TYPE_LABELS, type PlaceKind, type PointType } from '../../../domain/regions.ts';
import * as repo from './responsibility.repository.ts';
import { earliestAssignmentDate } from './assignments.history.ts';
import { assignmentsIn } from './assignments.repository.ts';
import { todayChina } from '../calendar/index.ts';
import { monthEnd } from '../../../domain/inspections/cadence.ts';

function townOf(regionCode: string): string {
  if (!/^\d{9}/.test(regionCode)) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'regionCode', message: '请选择镇街（9 位区划代码）' }]);
  return regionCode.slice(0, 9);
}

export async function supervision(db: Db, actor: Actor, regionCode: string) {
  const town = townOf(regionCode);
  authorize(actor, 'inspection.read', { regionCode: town });
  const [communities, supervisors] = await Promise.all([repo.supervisionOf(db, town), repo.peopleWithRoles(db, town, ['supervisor'])]);
  return { regionCode: town, communities, supervisors, canManage: can(actor, 'inspection.manage', { regionCode: town }) };
}

/** Replace the listed people's supervised communities inside the town. */
export async function setSupervision(db: Db, actor: Actor, regionCode: string, items: { personId: number; communityCodes: string[] }[]) {
  const town = townOf(regionCode);
  authorize(actor, 'inspection.manage', { regionCode: town });
  const communities = new Set((await repo.supervisionOf(db, town)).map((c) => c.code));
  const people = await repo.personRoles(
    db,
    items.map((i) => i.personId),
  );
  const fields: { path: string; message: string }[] = [];
  items.forEach((it, n) => {
    const p = people.get(it.personId);
    if (!p) fields.push({ path: `items.${n}.personId`, message: '人员不存在或已停用' });
    else if (!p.roles.some((r) => KIND_ROLES.supervision.includes(r)))
      fields.push({ path: `items.${n}.personId`, message: `${p.name}不是督查组成员或创城办人员，不能分配督查社区` });
    it.communityCodes.forEach((c, m) => {
      if (!communities.has(c)) fields.push({ path: `items.${n}.communityCodes.${m}`, message: `社区 ${c} 不属于该镇街` });
    });
  });
  if (fields.length) throw new AppError('VALIDATION_FAILED', undefined, fields);
  const before = new Map((await repo.peopleWithRoles(db, town, [...KIND_ROLES.supervision])).map((p) => [p.id, p.communities.map((c) => c.code)]));
  await db.transaction(async (tx) => {
    for (const it of items) {
      const codes = [...new Set(it.communityCodes)].sort();
      await repo.replaceSupervision(tx, it.personId, town, codes);
      await audit(tx, {
        actor,
        action: 'inspection.set_supervision',
        entity: 'person',
        entityId: it.personId,
        regionCode: town,
        before: { communities: before.get(it.personId) ?? [] },
        after: { communities: codes },
      });
    }
  });
  return supervision(db, actor, town);
}

/** Who is responsible for what in a town: street chiefs' places, supervisors' communities, demo points' units. */
export async function responsibility(db: Db, actor: Actor, regionCode: string) {
  const town = townOf(regionCode);
  authorize(actor, 'inspection.read', { regionCode: town });
  const [chiefs, supervisors, communities, demo] = await Promise.all([
    repo.placeHolders(db, town),
    repo.peopleWithRoles(db, town, ['supervisor']),
    repo.supervisionOf(db, town),
    repo.demoPoints(db, town),
  ]);
  return {
    regionCode: town,
    streetChiefs: chiefs.map((c) => ({ ...c, places: c.places.map((p) => ({ ...p, kindLabel: PLACE_KIND_LABELS[p.kind as PlaceKind] ?? p.kind })) })),
    supervisors,
    communitiesWithoutSupervisor: communities.filter((c) => !c.supervisors.length).map((c) => ({ code: c.code, name: c.name })),
    demoPoints: demo.map((d) => ({
      id: d.id,
      name: d.name,
      pointType: d.pointType,
      pointTypeLabel: d.pointType ? (POINT_TYPE_LABELS[d.pointType as PointType] ?? d.pointType) : null,
      communityCode: d.communityCode,
      communityName: d.communityName,
      unit: d.unitId ? { id: d.unitId, name: d.unitName } : null,
    })),
    canManage: can(actor, 'inspection.manage', { regionCode: town }),
  };
}

/** Rows one answer holds at most (a town of 400 street chiefs × 3 places, changed twice, fits). */
const HISTORY_LIMIT = 5000;

/**
 * Who held which place of a town or community at some time in [from, to]
 * (default: the current month): the assignment history compliance counts by.
 */
export async function assignmentHistory(db: Db, actor: Actor, regionCode: string, f: { from?: string; to?: string; personId?: number; placeId?: number }) {
  if (!/^\d{9}(\d{3})?$/.test(regionCode)) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'regionCode', message: '请选择镇街或社区' }]);
  authorize(actor, 'inspection.read', { regionCode });
  const today = todayChina();
  const from = f.from ?? `${today.slice(0, 7)}-01`;
  const to = f.to ?? monthEnd(from);
  if (to < from) throw new AppError('VALIDATION_FAILED', '结束日期不能早于开始日期', [{ path: 'to', message: '结束日期不能早于开始日期' }]);
  const items = await assignmentsIn(db, regionCode, { from, to }, { personId: f.personId, placeId: f.placeId }, HISTORY_LIMIT + 1);
  return {
    regionCode,
    range: { from, to },
    today,
    earliestChange: earliestAssignmentDate(today),
    truncated: items.length > HISTORY_LIMIT,
    items: items.slice(0, HISTORY_LIMIT),
  };
}
