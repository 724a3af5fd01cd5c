// A town's evaluation cycle: the year, the 测评体系 version it is measured
// against, the assumed test month (the real test is unannounced; material
// counts when dated in the 12 months before it) and the departments' default
// deadline. Saving it makes the assignments (each 材料审核 standard × each of
// its units), each an item of the unit's inbox until its materials are in.
import type { Db, Tx } from '../../db/pool.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { materialWindow } from '../../../domain/evaluation.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { closeItems, openItem } from '../inbox/index.ts';
import * as repo from './cycles.repository.ts';
import { systemOf, townOf } from './systems.service.ts';

const answer = (c: repo.CycleRow) => ({ ...c, window: materialWindow(c.testMonth) });

export async function list(db: Db, actor: Actor, townCode: string) {
  townOf(actor, townCode, 'evaluation.read');
  return { items: (await repo.cycles(db, townCode)).map(answer), can: { manage: can(actor, 'evaluation.manage', { regionCode: townCode }) } };
}

export async function cycleOf(
  db: Db | Tx,
  actor: Actor,
  id: number,
  action: 'evaluation.read' | 'evaluation.manage' | 'evaluation.submit' = 'evaluation.read',
) {
  const c = await repo.cycle(db, id);
  if (!c) throw new AppError('NOT_FOUND', '测评周期不存在');
  townOf(actor, c.townCode, action);
  return c;
}

export interface CycleInput {
  townCode: string;
  year: number;
  systemId: number;
  testMonth: string;
  deadline: string;
  /** Working days before a deadline the unit is reminded (default: kept, else 3; 0: none). */
  remindDays?: number;
  /** The forecast's pillar weights, summing to 100 (default: kept, else 40/40/20). */
  weights?: { field: number; material: number; survey: number };
  /** The cycle's version when changing it (409 when stale); absent when creating. */
  version?: number;
}

export async function save(db: Db, actor: Actor, body: CycleInput) {
  townOf(actor, body.townCode, 'evaluation.manage');
  const system = await systemOf(db, actor, body.systemId, 'evaluation.manage');
  if (system.townCode !== body.townCode) throw fieldError('body.systemId', '该测评体系版本不属于此乡镇');
  const [ty] = body.testMonth.split('-').map(Number);
  if (ty < body.year - 1 || ty > body.year + 1) throw fieldError('body.testMonth', `假定测评月应在 ${body.year} 年前后`);
  if (body.deadline >= `${body.testMonth}-01`) throw fieldError('body.deadline', '材料报送截止日期应早于假定测评月');
  if (body.weights && body.weights.field + body.weights.material + body.weights.survey !== 100)
    throw fieldError('body.weights', '实地考察、材料审核、问卷调查三项权重之和应为 100');
  const id = await db.transaction(async (tx) => {
    const old = await repo.cycleForUpdate(tx, body.townCode, body.year);
    let id: number;
    if (!old) {
      if (body.version != null) throw new AppError('CONFLICT', '该年度的测评周期已被删除或尚未设置，请刷新');
      const made = await repo.insertCycle(tx, { ...body, ...settings(body, null), by: actor.personId });
      if (!made) throw new AppError('CONFLICT', '该年度的测评周期已由他人设置，请刷新后重试');
      id = made;
    } else {
      if (body.version !== old.version) throw new AppError('CONFLICT', '测评周期已被他人修改，请刷新后重试');
      const before = await repo.cycle(tx, old.id);
      if (old.systemId !== body.systemId && (await repo.materialCount(tx, old.id)) > 0)
        throw new AppError('IN_USE', '本周期已有报送材料，不能改用其他测评体系版本（已计算的完整度不随新版本改变）；请在下一年度使用新版本');
      await repo.updateCycle(tx, old.id, settings(body, before));
      if (before && before.deadline !== body.deadline) await moveDeadlines(tx, actor, before, body.deadline);
      id = old.id;
    }
    await syncAssignments(tx, id);
    await audit(tx, {
      actor,
      action: old ? 'evaluation.update' : 'evaluation.create',
      entity: 'evaluation_cycle',
      entityId: id,
      regionCode: body.townCode,
      after: body,
    });
    return id;
  });
  return answer((await repo.cycle(db, id))!);
}

export const DEFAULT_WEIGHTS = { field: 40, material: 40, survey: 20 };
export const DEFAULT_REMIND_DAYS = 3;

/** What a save sets: what the body says, else what the cycle had, else the defaults. */
function settings(body: CycleInput, old: repo.CycleRow | null): repo.CycleSettings {
  return {
    systemId: body.systemId,
    testMonth: body.testMonth,
    deadline: body.deadline,
    remindDays: body.remindDays ?? old?.remindDays ?? DEFAULT_REMIND_DAYS,
    weights: body.weights ?? old?.weights ?? DEFAULT_WEIGHTS,
  };
}

/** The cycle's assignments follow its version: new ones opened in the units' inboxes, those of a version no longer used removed. */
export async function syncAssignments(tx: Tx, cycleId: number) {
  const c = (await repo.cycle(tx, cycleId))!;
  const stale = await repo.staleAssignments(tx, cycleId);
  for (const a of stale) await closeItems(tx, null, a, ['evaluation_material'], 'cancelled', '测评体系版本已更换');
  await repo.deleteAssignments(tx, stale);
  for (const w of await repo.wantedAssignments(tx, cycleId)) {
    if (w.existing) continue;
    const id = await repo.insertAssignment(tx, { cycleId, nodeId: w.nodeId, unitId: w.unitId, townCode: c.townCode, deadline: c.deadline });
    if (id) await openAssignmentItem(tx, { id, townCode: c.townCode, unitId: w.unitId, code: w.code, name: w.name, deadline: c.deadline, year: c.year });
  }
}

export async function openAssignmentItem(
  tx: Tx,
  a: { id: number; townCode: string; unitId: number; code: string; name: string; deadline: string; year: number },
  notify = true,
) {
  const short = a.name.length > 30 ? `${a.name.slice(0, 30)}…` : a.name;
  await openItem(tx, {
    kind: 'evaluation_material',
    regionCode: a.townCode,
    owner: { unitId: a.unitId },
    subjectId: a.id,
    title: `${a.year}年度测评材料 ${a.code} ${short}`,
    dueDate: a.deadline,
    notify,
  });
}

/** A new default deadline: the assignments that had the old one move, and their open inbox items are re-dated. */
async function moveDeadlines(tx: Tx, actor: Actor, c: repo.CycleRow, to: string) {
  for (const a of await repo.moveDeadlines(tx, c.id, c.deadline, to))
    if (await closeItems(tx, actor, a.id, ['evaluation_material'], 'cancelled', `截止日期调整为 ${to}`))
      await openAssignmentItem(tx, { ...a, townCode: c.townCode, deadline: to, year: c.year });
}
