// The one writer of a problem's state and deadline. transition() looks a move
// up in the workflow table (domain/problems/workflow.ts), checks the caller's
// party and the action's inputs, then writes the new state (compare-and-set on
// version), the history row, the audit row, the notifications and the webhook
// in one transaction. moveDeadline() is the same for a deadline that moves
// without a change of state (an approved extension, a notice's deadline).
// Problems are created by intake.ts only, which calls these for the moves a
// report takes at once (file, dispatch, close on the spot).
import type { Db, Tx } from '../../db/pool.ts';
import { AppError, notFound, fieldError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { PROBLEM_ACTION_LABELS, findTransition, type ProblemAction } from '../../../domain/problems/workflow.ts';
import { OPEN_DISPATCHED_STATES, REJECT_REASONS, TERMINAL_STATES, type ProblemState, type RejectReason } from '../../../domain/problems/vocab.ts';
import type { Party } from '../../../domain/problems/workflow.ts';
import { addWorkingDays } from '../../../domain/calendar.ts';
import { addDays } from '../../../domain/dates.ts';
import { getCalendar, todayChina } from '../calendar/index.ts';
import { resolveUnit } from '../routing/index.ts';
import { dispatchTarget } from '../units/index.ts';
import { notify, unitPeople } from '../notifications/index.ts';
import { emitWebhook } from '../webhooks/index.ts';
import { scheduleReinspection } from '../reinspections/index.ts';
import { partiesFor, problemScope } from './parties.ts';
import * as repo from './problems.repository.ts';
import * as photoRepo from './problems.photos.repository.ts';
import { categoryInfoRow } from './problems.lookups.repository.ts';
import { closedOnTime } from '../../../domain/problems/overdue.ts';
import { now as clockNow } from '../../platform/clock.ts';
import { problemMoved, type MoveFacts } from './inbox.ts';

export interface TransitionInput {
  version: number;
  note?: string | null;
  reason?: RejectReason | null;
  unitId?: number | null; // dispatch: override the route
  dueDate?: string | null; // dispatch: override the computed deadline
  targetId?: number | null; // merge: the original problem
  photoIds?: number[]; // submit: after-photos
}

/** Used only by intake and the modules that start a move for the system (回头看 recurrence). */
export interface TransitionOptions {
  /** The calling module vouches that the actor acts as this party here (recurrence: filed and dispatched as the office would). */
  vouch?: Party;
  /** How the unit was chosen, kept in the dispatch's history (default: routed, or override when a unit is given). */
  route?: string;
  /** The phone's key of this move, kept in its history row so a re-send is a replay (moves.ts). */
  clientKey?: string;
}

/** Deadline of a problem dispatched today: working days by tier and category. */
export async function computeDueDate(q: Db | Tx, categoryId: number, tier: string, from: string): Promise<string> {
  const c = await categoryInfoRow(q, categoryId);
  const days = tier === 'centralized' ? (c?.centralized_deadline_days ?? 20) : (c?.deadline_days ?? 3);
  return addWorkingDays(from, days, await getCalendar(q as Db));
}

/** `db` may be a transaction: the move then commits or rolls back with it (a savepoint inside). */
export async function transition(db: Db | Tx, actor: Actor, problemId: number, action: ProblemAction, input: TransitionInput, opts: TransitionOptions = {}) {
  return (db as Db).transaction(async (tx) => {
    const p = await repo.getProblem(tx, problemId, problemScope(actor), true);
    if (!p) throw notFound('该问题不存在或不在您的管辖范围内');
    if (p.version !== input.version) {
      throw new AppError('CONFLICT', '该问题刚被他人处理过，您看到的不是最新状态，请刷新后重试', undefined, { version: p.version, state: p.state });
    }
    const t = findTransition(p.state as ProblemState, action);
    if (!t) throw new AppError('INVALID_STATE', `问题当前状态下不能“${PROBLEM_ACTION_LABELS[action]}”`);
    const parties = partiesFor(actor, {
      regionCode: p.region_code,
      responsibleUnitId: p.responsible_unit_id,
      responsibleUnitRegion: p.unit_region,
      responsibleUnitKind: p.unit_kind,
    });
    if (p.reporter_id != null && p.reporter_id === actor.personId) parties.add('reporter');
    if (opts.vouch) parties.add(opts.vouch);
    if (!parties.has(t.party)) throw new AppError('FORBIDDEN', `您不能对该问题执行“${PROBLEM_ACTION_LABELS[action]}”`);
    const note = input.note?.trim() || null;
    if (t.needs?.includes('note') && !note)
      throw fieldError('note', action === 'return' ? '请说明退回原因' : action === 'verify_fail' ? '请说明核查不通过的原因' : '请填写整改说明');
    if (t.needs?.includes('reason') && !(input.reason && REJECT_REASONS.includes(input.reason))) throw fieldError('reason', '请选择不予立案的原因');
    if (t.needs?.includes('afterPhoto') && !input.photoIds?.length) throw fieldError('photoIds', '请上传整改后的照片');

    const today = todayChina();
    const set: Record<string, unknown> = { state: t.to };
    const data: Record<string, unknown> = {};
    let notifyPeople: number[] = [];
    let notifyTitle = '';
    let extraNotify: { people: number[]; title: string } | null = null;
    const facts: MoveFacts = { note };
    switch (action) {
      case 'reject':
        set.reject_reason = input.reason;
        data.reason = input.reason;
        break;
      case 'merge': {
        if (!input.targetId || input.targetId === p.id) throw fieldError('targetId', '请选择要合并到的原问题');
        const target = await repo.getProblem(tx, input.targetId, problemScope(actor), true);
        if (!target) throw fieldError('targetId', '原问题不存在或不在您的管辖范围内');
        if (TERMINAL_STATES.includes(target.state as ProblemState)) throw fieldError('targetId', '原问题已结束，不能合并，请直接立案');
        set.merged_into_id = target.id;
        data.targetId = target.id;
        data.targetCode = target.code;
        if (p.reporter_id) await repo.addFollower(tx, target.id, `person:${p.reporter_id}`);
        if (p.reporter_phone) await repo.addFollower(tx, target.id, `phone:${p.reporter_phone}`);
        await repo.insertEvent(tx, {
          problemId: target.id,
          actorId: actor.personId,
          actorName: actor.name,
          action: 'merged_in',
          fromState: target.state,
          toState: target.state,
          note: `合并了重复问题 ${p.code}`,
          data: { fromId: p.id },
        });
        break;
      }
      case 'dispatch':
      case 'redispatch': {
        let unitId: number | null = input.unitId ?? null;
        let via = opts.route ?? 'override';
        if (action === 'redispatch' && !unitId) throw fieldError('unitId', '请选择改派到的单位');
        if (!unitId) {
          const routed = await resolveUnit(tx, { categoryId: p.category_id, regionCode: p.region_code });
          if (!routed) throw fieldError('unitId', '没有找到该问题的责任单位，请手动选择');
          unitId = routed.unitId;
          via = routed.via;
        }
        if (action === 'redispatch' && unitId === p.responsible_unit_id) throw fieldError('unitId', '改派须选择另一个单位；同一单位请直接延期或退回');
        const unit = await dispatchTarget(tx, p.region_code, unitId as number);
        // A unit nobody signs in for would leave the problem where no one can act on it.
        const people = await unitPeople(tx, unit.id);
        if (!people.length)
          throw fieldError('unitId', `「${unit.name}」还没有可以接收问题的账号（联络员或社区干部），请先在“单位”中为其添加联络员，或派给其他单位`);
        const due = input.dueDate ?? (await computeDueDate(tx, p.category_id, p.tier, today));
        if (due < today) throw fieldError('dueDate', '整改期限不能早于今天');
        Object.assign(set, { responsible_unit_id: unitId, due_date: due, dispatched_at: clockNow() });
        Object.assign(data, { unitId, unitName: unit.name, dueDate: due, route: via });
        Object.assign(facts, { unitId, unitName: unit.name });
        if (action === 'redispatch') Object.assign(data, { fromUnitId: p.responsible_unit_id, fromUnitName: p.unit_name, oldDueDate: p.due_date });
        notifyPeople = people;
        notifyTitle =
          action === 'redispatch'
            ? `改派问题 ${p.code}（原由${p.unit_name ?? '其他单位'}整改）：${p.category_name}，请于 ${due} 前整改`
            : `新派遣问题 ${p.code}：${p.category_name}，请于 ${due} 前整改`;
        if (action === 'redispatch' && p.responsible_unit_id)
          extraNotify = { people: await unitPeople(tx, p.responsible_unit_id), title: `问题 ${p.code} 已由镇创城办改派给${unit.name}：${note}` };
        break;
      }
      case 'recall':
        Object.assign(set, { responsible_unit_id: null, due_date: null, dispatched_at: null });
        Object.assign(data, { fromUnitId: p.responsible_unit_id, fromUnitName: p.unit_name, oldDueDate: p.due_date });
        notifyPeople = p.responsible_unit_id ? await unitPeople(tx, p.responsible_unit_id) : [];
        notifyTitle = `问题 ${p.code} 已被镇创城办撤回，无需再整改：${note}`;
        break;
      case 'return':
        set.return_count = p.return_count + 1;
        notifyPeople = await repo.officePeople(tx, p.region_code);
        notifyTitle = `问题 ${p.code} 被 ${p.unit_name ?? '责任单位'} 退回：${note}`;
        break;
      case 'submit':
        set.rectified_at = clockNow();
        notifyPeople = await repo.officePeople(tx, p.region_code);
        notifyTitle = `问题 ${p.code} 已提交整改，待核查`;
        break;
      case 'verify_fail':
        set.rework_count = p.rework_count + 1;
        set.rectified_at = null;
        data.reworkCount = p.rework_count + 1;
        if (input.dueDate) {
          if (input.dueDate < today) throw fieldError('dueDate', '整改期限不能早于今天');
          set.due_date = input.dueDate;
          Object.assign(data, { oldDueDate: p.due_date, dueDate: input.dueDate });
        }
        notifyPeople = p.responsible_unit_id ? await unitPeople(tx, p.responsible_unit_id) : [];
        notifyTitle = `问题 ${p.code} 核查未通过，需返工：${note}`;
        break;
      case 'verify_pass': {
        set.closed_at = clockNow();
        set.closed_on_time = closedOnTime(p.due_date, today);
        const c = await categoryInfoRow(tx, p.category_id);
        facts.reinspectDue = addDays(today, c?.reinspect_days ?? 7);
        await scheduleReinspection(tx, p.id, facts.reinspectDue);
        break;
      }
      case 'close_on_spot': {
        if (p.tier !== 'on_spot') throw new AppError('INVALID_STATE', '只有随手整问题可以现场整改结案');
        set.closed_at = clockNow();
        set.closed_on_time = true;
        const c = await categoryInfoRow(tx, p.category_id);
        facts.reinspectDue = addDays(today, c?.reinspect_days ?? 7);
        await scheduleReinspection(tx, p.id, facts.reinspectDue);
        break;
      }
    }
    if (action === 'recall' || action === 'redispatch') await repo.closePendingExtensions(tx, p.id, `问题已${PROBLEM_ACTION_LABELS[action]}`, actor.personId);
    const ok = await repo.updateProblem(tx, p.id, p.version, set);
    if (!ok) throw new AppError('CONFLICT', '该问题刚被他人处理过，请刷新后重试');
    const eventId = await repo.insertEvent(tx, {
      problemId: p.id,
      actorId: actor.personId,
      actorName: actor.name,
      action,
      fromState: p.state,
      toState: t.to,
      note,
      data: opts.clientKey ? { ...data, clientKey: opts.clientKey } : data,
    });
    if (input.photoIds?.length) {
      const kind = action === 'submit' || action === 'close_on_spot' ? 'after' : 'progress';
      const n = await photoRepo.attachPhotos(tx, input.photoIds, p.id, eventId, kind, { personId: actor.personId });
      if (n !== new Set(input.photoIds).size) throw fieldError('photoIds', '部分照片无效或已被使用，请重新上传');
    }
    await problemMoved(tx, actor, p, action, facts);
    await audit(tx, {
      actor,
      action: `problem.${action}`,
      entity: 'problem',
      entityId: p.id,
      regionCode: p.region_code,
      before: { state: p.state, version: p.version },
      after: { state: t.to, ...set, note },
    });
    if (notifyPeople.length) await notify(tx, notifyPeople, { kind: action, title: notifyTitle, problemId: p.id, dedupeKey: `event:${eventId}` });
    if (extraNotify?.people.length)
      await notify(tx, extraNotify.people, { kind: 'recall', title: extraNotify.title, problemId: p.id, dedupeKey: `event:${eventId}:from` });
    await emitWebhook(tx, p.region_code, `problem.${action}`, { id: p.id, code: p.code, state: t.to, action, note, ...data }, `event:${eventId}`);
    return { id: p.id, state: t.to, version: p.version + 1 };
  });
}

export interface DeadlineMove {
  /** The version the caller read; omitted when the caller holds the row locked in this transaction. */
  version?: number;
  dueDate: string;
  /** The history row's action: extension_approved, deadline (set by a notice) … */
  event: string;
  note?: string | null;
  data?: Record<string, unknown>;
  /** Extra columns moved with the deadline (the extension counter). */
  also?: { extension_count?: number };
  /** Who is told; default the responsible unit's people. */
  notifyPeople?: number[];
  notifyTitle?: string;
  notifyKind?: string;
}

/**
 * A deadline that moves while the state stays: written like a transition
 * (compare-and-set, history, audit problem.deadline, notification, webhook
 * problem.deadline). Only open dispatched problems have a deadline to move.
 */
export async function moveDeadline(db: Db | Tx, actor: Actor, problemId: number, m: DeadlineMove) {
  return (db as Db).transaction(async (tx) => {
    const p = await repo.getProblem(tx, problemId, problemScope(actor), true);
    if (!p) throw notFound('该问题不存在或不在您的管辖范围内');
    if (m.version != null && p.version !== m.version)
      throw new AppError('CONFLICT', '该问题刚被他人处理过，请刷新后重试', undefined, { version: p.version, state: p.state });
    if (!OPEN_DISPATCHED_STATES.includes(p.state as ProblemState)) throw new AppError('INVALID_STATE', '问题当前状态下不能调整整改期限');
    if (m.dueDate < todayChina()) throw fieldError('dueDate', '整改期限不能早于今天');
    if (p.due_date === m.dueDate && !m.also) return { id: p.id, dueDate: p.due_date, version: p.version, changed: false };
    const set: Record<string, unknown> = { due_date: m.dueDate, ...m.also };
    if (!(await repo.updateProblem(tx, p.id, p.version, set))) throw new AppError('CONFLICT', '该问题刚被他人处理过，请刷新后重试');
    const data = { ...m.data, oldDueDate: p.due_date, dueDate: m.dueDate };
    const note = m.note ?? null;
    const eventId = await repo.insertEvent(tx, {
      problemId: p.id,
      actorId: actor.personId,
      actorName: actor.name,
      action: m.event,
      fromState: p.state,
      toState: p.state,
      note,
      data,
    });
    await audit(tx, {
      actor,
      action: 'problem.deadline',
      entity: 'problem',
      entityId: p.id,
      regionCode: p.region_code,
      before: { dueDate: p.due_date, version: p.version },
      after: { dueDate: m.dueDate, event: m.event, note, ...m.also },
    });
    const people = m.notifyPeople ?? (p.responsible_unit_id ? await unitPeople(tx, p.responsible_unit_id) : []);
    if (people.length)
      await notify(tx, people, {
        kind: m.notifyKind ?? 'deadline',
        title: m.notifyTitle ?? `问题 ${p.code} 的整改期限调整为 ${m.dueDate}${note ? `：${note}` : ''}`,
        problemId: p.id,
        dedupeKey: `event:${eventId}`,
      });
    await emitWebhook(tx, p.region_code, 'problem.deadline', { id: p.id, code: p.code, state: p.state, event: m.event, note, ...data }, `event:${eventId}`);
    return { id: p.id, dueDate: m.dueDate, version: p.version + 1, changed: true };
  });
}
