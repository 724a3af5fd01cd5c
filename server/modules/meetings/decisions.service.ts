// A meeting's decisions (action items): an owner (a unit among the town's
// reachable units — the dispatch rule — or a person of the town), a due date
// counted in working days from the meeting, progress notes, done. Each open
// decision is an item in its owner's inbox (待办); overdue is the problems'
// rule (domain/meetings.ts). A decision about a place may become a problem
// through the one intake.
import type { Db, Tx } from '../../db/pool.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { decisionDueDate, MAX_DECISION_WORKING_DAYS } from '../../../domain/meetings.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { audit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import { decodeCursor, encodeCursor, isDay, positiveId } from '../../platform/cursor.ts';
import { codeInScope } from '../../db/scope.ts';
import { getCalendar, todayChina } from '../calendar/index.ts';
import { dispatchTarget } from '../units/index.ts';
import { closeItems, openItem } from '../inbox/index.ts';
import { unitPeople } from '../notifications/index.ts';
import { intake, type LocationConfig } from '../problems/index.ts';
import * as repo from './meetings.repository.ts';
import * as drepo from './decisions.repository.ts';
import { decisionView_, personOfTown } from './meetings.service.ts';

export interface DecisionInput {
  content: string;
  ownerUnitId?: number | null;
  ownerPersonId?: number | null;
  workingDays: number;
  placeId?: number | null;
}

const title = (content: string, meetingTitle: string) => `${content.length > 40 ? `${content.slice(0, 40)}…` : content}（${meetingTitle}）`;

/** The owner and due date of a decision, checked: a reachable unit or a person of the town, a place of the town. */
async function checked(tx: Tx, meeting: { townCode: string; regionCode: string; day: string }, d: DecisionInput): Promise<drepo.DecisionValues> {
  if (!!d.ownerUnitId === !!d.ownerPersonId) throw fieldError('body.ownerUnitId', '请选择一个责任单位或一名责任人（二选一）');
  if (d.ownerUnitId) await dispatchTarget(tx, meeting.regionCode, d.ownerUnitId, 'body.ownerUnitId');
  if (d.ownerPersonId) {
    const [p] = await repo.peopleBrief(tx, [d.ownerPersonId]);
    if (!p || !personOfTown(p, meeting.townCode)) throw fieldError('body.ownerPersonId', '责任人不存在或不属于本镇');
  }
  if (d.workingDays < 1 || d.workingDays > MAX_DECISION_WORKING_DAYS)
    throw fieldError('body.workingDays', `办理期限为 1 至 ${MAX_DECISION_WORKING_DAYS} 个工作日`);
  if (d.placeId) {
    const place = await drepo.placeIn(tx, d.placeId);
    if (!place?.region_code.startsWith(meeting.townCode)) throw fieldError('body.placeId', '点位不存在或不在本镇');
  }
  return {
    content: d.content,
    ownerUnitId: d.ownerUnitId ?? null,
    ownerPersonId: d.ownerPersonId ?? null,
    workingDays: d.workingDays,
    dueDate: decisionDueDate(meeting.day, d.workingDays, await getCalendar(tx as unknown as Db)),
    placeId: d.placeId ?? null,
  };
}

const ownerOf = (v: { ownerUnitId: number | null; ownerPersonId: number | null }) =>
  v.ownerUnitId ? { unitId: v.ownerUnitId } : { personId: v.ownerPersonId! };

export async function create(db: Db, actor: Actor, meetingId: number, d: DecisionInput) {
  authorize(actor, 'meeting.manage');
  const id = await db.transaction(async (tx) => {
    const m = await repo.lock(tx, meetingId, regionScope(actor, 'meeting.manage'));
    if (!m) throw notFound('会议不存在或无权修改');
    const meeting = (await repo.byId(tx, meetingId, 'all', todayChina()))!;
    const v = await checked(tx, { townCode: m.town_code, regionCode: m.region_code, day: m.day }, d);
    const id = await drepo.insert(tx, { id: meetingId, townCode: m.town_code, regionCode: m.region_code }, v);
    await openItem(tx, {
      kind: 'meeting_decision',
      regionCode: m.region_code,
      owner: ownerOf(v),
      subjectId: id,
      title: title(v.content, meeting.title),
      dueDate: v.dueDate,
    });
    await audit(tx, { actor, action: 'decision.create', entity: 'meeting_decision', entityId: id, regionCode: m.region_code, after: { meetingId, ...v } });
    return id;
  });
  return get(db, actor, id);
}

export async function update(db: Db, actor: Actor, id: number, version: number, d: DecisionInput) {
  authorize(actor, 'meeting.manage');
  await db.transaction(async (tx) => {
    const cur = await drepo.lock(tx, id);
    if (!cur || !codeInScope(cur.region_code, regionScope(actor, 'meeting.manage'))) throw notFound('决定事项不存在或无权修改');
    if (cur.version !== version) throw new AppError('CONFLICT');
    if (cur.state !== 'open') throw new AppError('INVALID_STATE', '已完成的事项不能修改，请先重新打开');
    const m = (await repo.byId(tx, cur.meeting_id, 'all', todayChina()))!;
    const v = await checked(tx, { townCode: m.town_code, regionCode: m.region_code, day: m.day }, d);
    await drepo.update(tx, id, v);
    // The inbox item follows the owner and the due date: the old one is cancelled, a new one opened.
    await closeItems(tx, actor, id, ['meeting_decision'], 'cancelled', '事项已修改');
    await openItem(tx, {
      kind: 'meeting_decision',
      regionCode: m.region_code,
      owner: ownerOf(v),
      subjectId: id,
      title: title(v.content, m.title),
      dueDate: v.dueDate,
    });
    await audit(tx, { actor, action: 'decision.update', entity: 'meeting_decision', entityId: id, regionCode: m.region_code, before: cur, after: v });
  });
  return get(db, actor, id);
}

/** Is the actor the decision's owner (the person, or one who acts for the unit)? */
async function isOwner(q: Db | Tx, actor: Actor, d: { owner_unit_id: number | null; owner_person_id: number | null }) {
  if (d.owner_person_id) return d.owner_person_id === actor.personId;
  return (await unitPeople(q, d.owner_unit_id!)).includes(actor.personId);
}

/** Readers: whoever reads meetings of its region, and its owner. */
async function readable(db: Db, actor: Actor, id: number) {
  const d = await drepo.byId(db, id);
  if (!d) return null;
  if (codeInScope(d.region_code, regionScope(actor, 'meeting.read')) || (await isOwner(db, actor, d))) return d;
  return null;
}

export async function get(db: Db, actor: Actor, id: number) {
  const d = await readable(db, actor, id);
  if (!d) throw notFound('决定事项不存在或无权查看');
  const today = todayChina();
  const manage = can(actor, 'meeting.manage', { regionCode: d.region_code });
  const progress = await drepo.progress(db, id);
  return {
    ...decisionView_(d, today, await getCalendar(db)),
    progress: progress.map((p) => ({ id: p.id, at: p.at, byName: p.by_name, note: p.note })),
    can: {
      edit: manage && d.state === 'open',
      progress: manage || (await isOwner(db, actor, d)),
      toProblem: manage && !!d.place_id && !d.problem_id && d.state === 'open' && can(actor, 'problem.report', { regionCode: d.region_code }),
    },
  };
}

const pageKey = (k: unknown[]): k is [string, number] => k.length === 2 && isDay(k[0]) && positiveId(k[1]);

export async function list(
  db: Db,
  actor: Actor,
  f: { region?: string; view?: 'open' | 'overdue' | 'done'; meetingId?: number; cursor?: string; limit: number },
) {
  authorize(actor, 'meeting.read');
  const today = todayChina();
  const after = f.cursor ? decodeCursor(f.cursor, pageKey) : null;
  const rows = await drepo.list(db, regionScope(actor, 'meeting.read'), { ...f, after }, today);
  const more = rows.length > f.limit;
  const items = rows.slice(0, f.limit);
  const cal = await getCalendar(db);
  return { items: items.map((d) => decisionView_(d, today, cal)), nextCursor: more ? encodeCursor([items.at(-1)!.due_date, items.at(-1)!.id]) : null };
}

/** A progress note by a manager or the owner; `state` done closes the decision (and its inbox item), open reopens it (managers). */
export async function progress(db: Db, actor: Actor, id: number, body: { note: string; state?: 'open' | 'done' | null }) {
  await db.transaction(async (tx) => {
    const cur = await drepo.lock(tx, id);
    const visible = cur && (codeInScope(cur.region_code, regionScope(actor, 'meeting.read')) || (await isOwner(tx, actor, cur)));
    if (!cur || !visible) throw notFound('决定事项不存在或无权查看');
    const manage = can(actor, 'meeting.manage', { regionCode: cur.region_code });
    if (!manage && !(await isOwner(tx, actor, cur))) throw new AppError('FORBIDDEN', '只有责任单位、责任人或会议管理人员可以填写进展');
    if (body.state === 'open' && !manage) throw new AppError('FORBIDDEN', '只有会议管理人员可以重新打开事项');
    if (body.state && body.state === cur.state) throw new AppError('INVALID_STATE', body.state === 'done' ? '事项已完成' : '事项仍在办理中');
    const at = now().toISOString();
    await drepo.addProgress(tx, id, actor, body.note, at);
    if (body.state === 'done') {
      await drepo.setState(tx, id, 'done', actor.personId, at);
      await closeItems(tx, actor, id, ['meeting_decision'], 'done', body.note);
    } else if (body.state === 'open') {
      await drepo.setState(tx, id, 'open', null, null);
      const m = (await repo.byId(tx, cur.meeting_id, 'all', todayChina()))!;
      await openItem(tx, {
        kind: 'meeting_decision',
        regionCode: cur.region_code,
        owner: ownerOf({ ownerUnitId: cur.owner_unit_id, ownerPersonId: cur.owner_person_id }),
        subjectId: id,
        title: title(cur.content, m.title),
        dueDate: cur.due_date,
      });
    }
    await audit(tx, {
      actor,
      action: body.state === 'done' ? 'decision.done' : body.state === 'open' ? 'decision.reopen' : 'decision.progress',
      entity: 'meeting_decision',
      entityId: id,
      regionCode: cur.region_code,
      after: body,
    });
  });
  return get(db, actor, id);
}

/** Turn a decision about a place into a problem through the one intake (the same transaction links them). */
export async function toProblem(db: Db, actor: Actor, id: number, body: { categoryId: number; description?: string | null }, cfg: LocationConfig) {
  authorize(actor, 'meeting.manage');
  await db.transaction(async (tx) => {
    const cur = await drepo.lock(tx, id);
    if (!cur || !codeInScope(cur.region_code, regionScope(actor, 'meeting.manage'))) throw notFound('决定事项不存在或无权修改');
    if (cur.problem_id) throw new AppError('INVALID_STATE', '该事项已转为问题');
    if (cur.state !== 'open') throw new AppError('INVALID_STATE', '已完成的事项不能再转为问题');
    if (!cur.place_id) throw fieldError('body.categoryId', '只有指明点位的事项可以转为问题，请先为事项选择点位');
    const place = (await drepo.placeIn(tx, cur.place_id))!;
    const r = await intake(
      tx,
      { actor },
      {
        source: 'meeting_decision',
        sourceRef: `会议交办 #${id}`,
        sourceId: id,
        categoryId: body.categoryId,
        description: body.description?.trim() || cur.content,
        regionCode: place.region_code,
        placeId: place.id,
        lat: place.lat,
        lng: place.lng,
      },
      cfg,
    );
    await drepo.setProblem(tx, id, r.id);
    await drepo.addProgress(tx, id, actor, '已转为问题，按问题流程办理', now().toISOString());
    await audit(tx, {
      actor,
      action: 'decision.to_problem',
      entity: 'meeting_decision',
      entityId: id,
      regionCode: cur.region_code,
      after: { problemId: r.id, categoryId: body.categoryId },
    });
  });
  return get(db, actor, id);
}
