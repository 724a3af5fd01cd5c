// 问责 items: read by the town's leaders and office (and the county, the
// admin) within their region (accountability.read), decided by its leaders
// (accountability.decide), each decision with its audit row. Thresholds are global settings, changed only
// by a holder of accountability.manage over every region (the admin).
import type { Db } from '../../db/pool.ts';
import type { RegionScope } from '../../db/scope.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { emitWebhook } from '../webhooks/index.ts';
import { CAUSE_LABELS } from './accountability.sweep.ts';
import { getThresholds, THRESHOLDS_SETTING, type Thresholds } from './thresholds.ts';
import { iso } from '../../platform/time.ts';
import { idCursor, pageOf } from '../../platform/cursor.ts';
import { setSetting } from '../../platform/bootstrap.ts';
import * as repo from './accountability.repository.ts';

export { DECISIONS, type Decision } from '../../../domain/accountability.ts';
import type { Decision } from '../../../domain/accountability.ts';
import { closeItems } from '../inbox/index.ts';

/** Region prefixes whose items the actor may read. */
const readScope = (actor: Actor): RegionScope => regionScope(actor, 'accountability.read');

function view(actor: Actor, a: repo.ItemRow) {
  return {
    id: a.id,
    townCode: a.town_code,
    townName: a.town_name,
    subject: { kind: a.subject_kind, id: a.subject_id, name: a.subject_name },
    cause: a.cause,
    causeLabel: CAUSE_LABELS[a.cause] ?? a.cause,
    period: a.period,
    problems: a.problems,
    state: a.state,
    decision: a.decision,
    decisionNote: a.decision_note,
    decisionDate: a.decision_date,
    decidedByName: a.decided_by_name,
    createdAt: iso(a.created_at)!,
    can: { decide: a.state === 'open' && can(actor, 'accountability.decide', { regionCode: a.town_code }) },
  };
}

/** Newest first, a keyset page after `cursor` (the last id seen). */
export async function list(db: Db, actor: Actor, f: { state?: 'open' | 'decided'; cursor?: string; limit?: number }) {
  const scope = readScope(actor);
  if (scope !== 'all' && !scope.length) throw new AppError('FORBIDDEN');
  const limit = f.limit ?? 50;
  const before = f.cursor ? idCursor.decode(f.cursor) : null;
  const rows = await repo.listItems(db, scope, { state: f.state, before, limit });
  const page = pageOf(rows, limit, (a) => idCursor.encode(a.id));
  return { items: page.items.map((a) => view(actor, a)), nextCursor: page.nextCursor };
}

export async function decide(db: Db, actor: Actor, id: number, input: { decision: Decision; note?: string | null; decisionDate: string }) {
  await db.transaction(async (tx) => {
    const a = await repo.lockItem(tx, id, readScope(actor));
    if (!a) throw notFound('该问责事项不存在或不在您的管辖范围内');
    if (!can(actor, 'accountability.decide', { regionCode: a.town_code })) throw new AppError('FORBIDDEN', '问责由镇领导决定');
    if (a.state !== 'open') throw new AppError('INVALID_STATE', '该问责事项已作出决定，不能重复决定');
    const note = input.note?.trim() || null;
    await repo.markDecided(tx, id, { decision: input.decision, note, decisionDate: input.decisionDate, decidedBy: actor.personId });
    await closeItems(tx, actor, id, ['accountability_decision'], 'done', `已决定：${input.decision}`);
    await audit(tx, {
      actor,
      action: 'accountability.decide',
      entity: 'accountability_item',
      entityId: id,
      regionCode: a.town_code,
      before: { state: 'open' },
      after: { state: 'decided', decision: input.decision, note, decisionDate: input.decisionDate },
    });
    await emitWebhook(
      tx,
      a.town_code,
      'accountability.decided',
      {
        id,
        townCode: a.town_code,
        cause: a.cause,
        unitId: a.subject_id,
        problemIds: a.problem_ids,
        decision: input.decision,
        decisionDate: input.decisionDate,
        note,
      },
      `accountability_decided:${id}`,
    );
  });
  return view(actor, (await repo.itemById(db, id))!);
}

export async function thresholds(db: Db, actor: Actor) {
  const scope = readScope(actor);
  if (scope !== 'all' && !scope.length) throw new AppError('FORBIDDEN');
  return { ...(await getThresholds(db)), can: { manage: regionScope(actor, 'accountability.manage') === 'all' } };
}

export async function setThresholds(db: Db, actor: Actor, t: Thresholds) {
  if (regionScope(actor, 'accountability.manage') !== 'all') throw new AppError('FORBIDDEN', '问责阈值适用于所有乡镇，只有系统管理员可以修改');
  const before = await getThresholds(db);
  await db.transaction(async (tx) => {
    await setSetting(tx, THRESHOLDS_SETTING, t);
    await audit(tx, { actor, action: 'update', entity: 'setting', entityId: THRESHOLDS_SETTING, before, after: t });
  });
  return thresholds(db, actor);
}
