// The projects the fund pays for: a town's project (立面改造, 三线整治 …) with
// its budget in fen, the department doing it (a unit the town reaches), its
// own milestones with progress, photos, and the 摸排 needs it answers (needs
// of the same town). Read with fund.read; created and edited by the office
// (fund.manage over the town), with optimistic concurrency and an audit row.
import type { Db } from '../../db/pool.ts';
import { readAll } from '../../db/reads.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { codeInScope } from '../../db/scope.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { PROJECT_KINDS, PROJECT_STATE_LABELS, type ProjectState } from '../../../domain/fund.ts';
import { attach, attachmentsOf } from '../files/index.ts';
import { reachableUnitOf, reachableUnitsOf } from '../units/index.ts';
import { needsByIds } from '../surveys/index.ts';
import { readScope } from './fund.service.ts';
import * as repo from './fund.repository.ts';

function itemView(p: repo.ProjectRow) {
  return {
    id: p.id,
    townCode: p.townCode,
    kind: p.kind,
    name: p.name,
    unit: { id: p.unitId, name: p.unitName },
    state: p.state as ProjectState,
    stateLabel: PROJECT_STATE_LABELS[p.state as ProjectState] ?? p.state,
    budgetFen: p.budgetFen,
    spentFen: p.spentFen,
    earmarkedFen: p.earmarkedFen,
    remainingFen: p.budgetFen - p.spentFen,
    progress: p.progress,
    version: p.version,
  };
}

export async function list(db: Db, actor: Actor, regionCode?: string) {
  const scope = readScope(actor);
  if (scope !== 'all' && !scope.length) throw new AppError('FORBIDDEN');
  return { items: (await repo.projects(db, regionCode, scope)).map(itemView), can: { manage: can(actor, 'fund.manage') } };
}

export async function projectVisible(db: Db, actor: Actor, id: number) {
  return (await repo.getProject(db, id, readScope(actor))) !== null;
}

export async function get(db: Db, actor: Actor, id: number) {
  const p = await repo.getProject(db, id, readScope(actor));
  if (!p) throw notFound('项目不存在或不在您的管辖范围内');
  const [milestones, needIds, held] = await readAll(db, [
    () => repo.milestonesOf(db, id),
    () => repo.needIdsOf(db, id),
    () => attachmentsOf(db, 'fund_project', id),
  ]);
  const needs = await needsByIds(db, needIds, 'all');
  const manage = can(actor, 'fund.manage', { regionCode: p.townCode });
  return {
    ...itemView(p),
    description: p.description,
    milestones,
    needs: needs.map(({ id, description, state, kindName }) => ({ id, description, state, kindName })),
    photos: held.photos.map((x) => ({ id: x.id, url: x.url, thumbUrl: x.thumbUrl })),
    createdAt: p.createdAt,
    can: { edit: manage, record: manage },
  };
}

export interface ProjectInput {
  regionCode: string;
  kind: string;
  name: string;
  budgetFen: number;
  unitId: number;
  description?: string | null;
  state?: ProjectState;
  milestones?: { id?: number; name: string; dueDate?: string | null; progress: number; doneOn?: string | null }[];
  needIds?: number[];
  photoIds?: number[];
}

async function resolve(db: Db, actor: Actor, town: string, x: ProjectInput) {
  if (!codeInScope(town, readScope(actor))) throw notFound('区划不存在或不在您的管辖范围内');
  if (!can(actor, 'fund.manage', { regionCode: town })) throw new AppError('FORBIDDEN', '只有乡镇创城办可以管理基金项目');
  const u = await reachableUnitOf(db, town, x.unitId);
  if (!u?.via) throw fieldError('body.unitId', '实施单位不是本镇可联系的单位');
  const needIds = [...new Set(x.needIds ?? [])];
  const needs = await needsByIds(db, needIds, [town]);
  const missing = needIds.find((id) => !needs.some((n) => n.id === id));
  if (missing) throw fieldError('body.needIds', `摸排需求 ${missing} 不存在或不属于本镇`);
  (x.milestones ?? []).forEach((m, i) => {
    if (m.doneOn && m.progress < 100) throw fieldError(`body.milestones.${i}.progress`, '已完成的节点进度应为 100');
  });
  return { needIds };
}

const milestoneRows = (x: ProjectInput) =>
  (x.milestones ?? []).map((m) => ({ id: m.id, name: m.name, dueDate: m.dueDate ?? null, progress: m.progress, doneOn: m.doneOn ?? null }));

export async function create(db: Db, actor: Actor, x: ProjectInput) {
  const town = x.regionCode;
  if (town.length !== 9) throw fieldError('body.regionCode', '基金项目属于乡镇：请选择乡镇');
  const r = await resolve(db, actor, town, x);
  if ((x.milestones ?? []).some((m) => m.id)) throw fieldError('body.milestones', '新项目的节点不能带编号');
  const id = await db.transaction(async (tx) => {
    const id = await repo.insertProject(
      tx,
      { townCode: town, kind: x.kind, name: x.name, budgetFen: x.budgetFen, unitId: x.unitId, description: x.description ?? null, state: x.state ?? 'planned' },
      actor.personId,
    );
    await repo.setMilestones(tx, id, milestoneRows(x));
    await repo.setNeeds(tx, id, r.needIds);
    if (x.photoIds) await attach(tx, actor, 'fund_project', id, { photoIds: x.photoIds });
    await audit(tx, { actor, action: 'create', entity: 'fund_project', entityId: id, regionCode: town, after: x });
    return id;
  });
  return get(db, actor, id);
}

export async function edit(db: Db, actor: Actor, id: number, version: number, x: ProjectInput) {
  const before = await repo.getProject(db, id, readScope(actor));
  if (!before) throw notFound('项目不存在或不在您的管辖范围内');
  if (x.regionCode !== before.townCode) throw fieldError('body.regionCode', '不能把项目改到其他乡镇');
  const r = await resolve(db, actor, before.townCode, x);
  const own = await repo.milestoneIds(db, id);
  const foreign = (x.milestones ?? []).find((m) => m.id && !own.includes(m.id));
  if (foreign) throw fieldError('body.milestones', `节点 ${foreign.id} 不属于该项目`);
  await db.transaction(async (tx) => {
    const ok = await repo.updateProject(tx, id, version, {
      kind: x.kind,
      name: x.name,
      budgetFen: x.budgetFen,
      unitId: x.unitId,
      description: x.description ?? null,
      state: x.state ?? (before.state as ProjectState),
    });
    if (!ok) throw new AppError('CONFLICT');
    await repo.setMilestones(tx, id, milestoneRows(x));
    await repo.setNeeds(tx, id, r.needIds);
    if (x.photoIds) await attach(tx, actor, 'fund_project', id, { photoIds: x.photoIds });
    await audit(tx, { actor, action: 'update', entity: 'fund_project', entityId: id, regionCode: before.townCode, before, after: x });
  });
  return get(db, actor, id);
}

export async function options(db: Db, actor: Actor, regionCode: string) {
  const town = regionCode.slice(0, 9);
  if (regionCode.length < 9 || !codeInScope(town, readScope(actor))) throw notFound('区划不存在或不在您的管辖范围内');
  const [projects, units] = await readAll(db, [
    () => repo.projects(db, town, readScope(actor)),
    () => reachableUnitsOf(db, town, ['department', 'co_building', 'town_office', 'community_committee']),
  ]);
  return {
    townCode: town,
    projects: projects.map((p) => ({ id: p.id, name: p.name })),
    units: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
    projectKinds: [...PROJECT_KINDS],
  };
}
