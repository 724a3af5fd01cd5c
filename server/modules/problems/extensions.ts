// Deadline extensions: the assignee asks for more working days with a
// reason; the office approves (the deadline moves by that many working days
// from the current deadline, or from today when it has passed) or refuses.
// One pending request at a time. The deadline itself moves in transition.ts.
import type { Db } from '../../db/pool.ts';
import { AppError, notFound, fieldError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { addWorkingDays } from '../../../domain/calendar.ts';
import { getCalendar, todayChina } from '../calendar/index.ts';
import { notify } from '../notifications/index.ts';
import { partiesFor, problemScope } from './parties.ts';
import * as repo from './problems.repository.ts';
import { moveDeadline } from './transition.ts';
import { decideExtensionRequest, hasPendingExtension, insertExtensionRequest, lockExtensionRequest } from './extensions.repository.ts';
import { extensionDecided, extensionRequested } from './inbox.ts';
import { OPEN_DISPATCHED_STATES, type ProblemState } from '../../../domain/problems/vocab.ts';

export async function requestExtension(db: Db, actor: Actor, problemId: number, days: number, reason: string) {
  return db.transaction(async (tx) => {
    const p = await repo.getProblem(tx, problemId, problemScope(actor), true);
    if (!p) throw notFound('该问题不存在或不在您的管辖范围内');
    const parties = partiesFor(actor, {
      regionCode: p.region_code,
      responsibleUnitId: p.responsible_unit_id,
      responsibleUnitRegion: p.unit_region,
      responsibleUnitKind: p.unit_kind,
    });
    if (!parties.has('assignee')) throw new AppError('FORBIDDEN', '只有责任单位可以申请延期');
    if (!['dispatched', 'rectifying'].includes(p.state)) throw new AppError('INVALID_STATE', '只有整改中的问题可以申请延期');
    if (!reason.trim()) throw fieldError('reason', '请说明延期理由');
    if (await hasPendingExtension(tx, p.id)) throw new AppError('DUPLICATE', '已有一条延期申请在等待审批');
    const requestId = await insertExtensionRequest(tx, { problemId: p.id, requestedBy: actor.personId, days, reason: reason.trim(), oldDueDate: p.due_date });
    const ev = await repo.insertEvent(tx, {
      problemId: p.id,
      actorId: actor.personId,
      actorName: actor.name,
      action: 'extension_requested',
      fromState: p.state,
      toState: p.state,
      note: reason.trim(),
      data: { days, requestId },
    });
    await extensionRequested(tx, p, days);
    await audit(tx, { actor, action: 'problem.extension_request', entity: 'problem', entityId: p.id, regionCode: p.region_code, after: { days, reason } });
    await notify(tx, await repo.officePeople(tx, p.region_code), {
      kind: 'extension_requested',
      title: `问题 ${p.code} 申请延期 ${days} 个工作日：${reason.trim()}`,
      problemId: p.id,
      dedupeKey: `event:${ev}`,
    });
    return { id: requestId };
  });
}

export async function decideExtension(db: Db, actor: Actor, problemId: number, requestId: number, approve: boolean, note: string | null) {
  return db.transaction(async (tx) => {
    const p = await repo.getProblem(tx, problemId, problemScope(actor), true);
    if (!p) throw notFound('该问题不存在或不在您的管辖范围内');
    const parties = partiesFor(actor, {
      regionCode: p.region_code,
      responsibleUnitId: p.responsible_unit_id,
      responsibleUnitRegion: p.unit_region,
      responsibleUnitKind: p.unit_kind,
    });
    if (!parties.has('office')) throw new AppError('FORBIDDEN', '只有镇创城办可以审批延期');
    const req = await lockExtensionRequest(tx, requestId, p.id);
    if (!req) throw notFound('延期申请不存在');
    if (req.state !== 'pending') throw new AppError('CONFLICT', '该延期申请已被处理，请刷新');
    let newDue: string | null = null;
    if (approve) {
      if (!p.due_date || !OPEN_DISPATCHED_STATES.includes(p.state as ProblemState)) throw new AppError('INVALID_STATE', '问题当前状态下不能延期');
      // biome-ignore lint/complexity/useMathMinMax: ISO dates compared as strings
      const base = p.due_date > todayChina() ? p.due_date : todayChina();
      newDue = addWorkingDays(base, req.days, await getCalendar(db));
      // The deadline moves like every deadline: through transition.ts (history, audit, webhook); the requester is told.
      await moveDeadline(tx, actor, p.id, {
        version: p.version,
        dueDate: newDue,
        event: 'extension_approved',
        note,
        data: { requestId: req.id, days: req.days },
        also: { extension_count: p.extension_count + 1 },
        notifyPeople: [req.requested_by],
        notifyTitle: `问题 ${p.code} 延期已批准，新期限 ${newDue}`,
        notifyKind: 'extension_decided',
      });
    }
    await decideExtensionRequest(tx, req.id, { approve, decidedBy: actor.personId, note, newDueDate: newDue });
    if (!approve) {
      const ev = await repo.insertEvent(tx, {
        problemId: p.id,
        actorId: actor.personId,
        actorName: actor.name,
        action: 'extension_refused',
        fromState: p.state,
        toState: p.state,
        note,
        data: { requestId: req.id, days: req.days, dueDate: p.due_date },
      });
      await audit(tx, {
        actor,
        action: 'problem.extension_refuse',
        entity: 'problem',
        entityId: p.id,
        regionCode: p.region_code,
        before: { dueDate: p.due_date },
        after: { dueDate: p.due_date, note },
      });
      await notify(tx, [req.requested_by], {
        kind: 'extension_decided',
        title: `问题 ${p.code} 延期未获批准${note ? `：${note}` : ''}`,
        problemId: p.id,
        dedupeKey: `event:${ev}`,
      });
    }
    await extensionDecided(tx, actor, p.id, approve);
    return { approved: approve, dueDate: newDue ?? p.due_date };
  });
}
