// Notices issued by the town office: compose from problems, submit, a town
// leader approves (or rejects back to draft), the office publishes. Publishing
// takes the next number of (town, kind, year) under a row lock, dispatches or
// re-dates every item's problem, and notifies each community's cadres — all in
// one transaction, so a failed publication leaves no number used.
import type { Db, Tx } from '../../db/pool.ts';
import { AppError, notFound, fieldError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/session.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { iso } from '../../platform/time.ts';
import {
  DOC_NUMBER_SERIES,
  docNumber,
  issueLabel,
  NOTICE_ACTION_LABELS,
  NOTICE_KIND_LABELS,
  NOTICE_STATE_LABELS,
  NOTICE_TRANSITIONS,
  type NoticeAction,
  type NoticeKind,
  type NoticeState,
} from '../../../domain/notices/vocab.ts';
import { OPEN_DISPATCHED_STATES, PROBLEM_STATE_LABELS, TERMINAL_STATES, type ProblemState } from '../../../domain/problems/vocab.ts';
import { getCalendar, todayChina } from '../calendar/index.ts';
import { notify, peopleWithRoles } from '../notifications/index.ts';
import { closeItems, openItem } from '../inbox/index.ts';
import { problemScope } from '../problems/index.ts';
import { scopeSql } from '../problems/index.ts';
import * as problemsRepo from '../problems/index.ts';
import { moveDeadline, transition } from '../problems/index.ts';
import { listInNotice } from '../problems/index.ts';
import * as repo from './notices.repository.ts';
import { isOverdue, lateWorkingDays } from '../../../domain/problems/overdue.ts';
import { now as clockNow } from '../../platform/clock.ts';
import { decodeCursor, encodeCursor, isStamp, pageOf, positiveId } from '../../platform/cursor.ts';

export interface ComposeInput {
  kind: 'supervision' | 'unannounced_visit';
  title: string;
  issuer?: string | null;
  issueDate: string;
  dueDate?: string | null;
  intro?: string | null;
  problemIds: number[];
}

const readScope = (actor: Actor) => repo.townScopeSql(regionScope(actor, 'notice.read'));
/** Drafts are the office's and the leaders' business; others see what was published or recorded. */
const DRAFT_READERS = ['notice.draft', 'notice.compose', 'notice.approve'] as const;
function draftsVisible(actor: Actor) {
  const scopes = DRAFT_READERS.map((a) => regionScope(actor, a));
  return repo.draftsVisibleSql(scopes.includes('all') ? 'all' : [...new Set(scopes.flatMap(asList))].filter((x) => x.length <= 9));
}
const asList = (s: 'all' | string[]) => (s === 'all' ? [] : s);

const isNoticeKey = (k: unknown[]): k is repo.NoticeKey => k.length === 2 && isStamp(k[0]) && positiveId(k[1]);

/** One keyset page of a direction's notices, newest first. */
export async function list(db: Db, actor: Actor, f: { direction: 'issued' | 'received'; cursor?: string; limit?: number }) {
  authorize(actor, 'notice.read');
  const limit = f.limit ?? 50;
  const rows = await repo.list(db, readScope(actor), f.direction, draftsVisible(actor), f.cursor ? decodeCursor(f.cursor, isNoticeKey) : null, limit);
  const page = pageOf(rows, limit, (n) => encodeCursor([n.sort_at, n.id]));
  return { items: page.items.map((n) => ({ ...summary(n), itemCount: n.item_count ?? 0, closedCount: n.closed_count ?? 0 })), nextCursor: page.nextCursor };
}

function summary(n: repo.NoticeRow) {
  return {
    id: n.id,
    direction: n.direction,
    kind: n.kind,
    kindLabel: NOTICE_KIND_LABELS[n.kind as NoticeKind],
    townCode: n.town_code,
    year: n.year,
    seq: n.seq,
    issueLabel: n.seq ? issueLabel(n.year, n.seq) : null,
    docNumber: n.doc_number,
    title: n.title,
    issuer: n.issuer,
    issueDate: n.issue_date,
    dueDate: n.due_date,
    intro: n.intro,
    state: n.state,
    stateLabel: NOTICE_STATE_LABELS[n.state as NoticeState],
    rejectNote: n.reject_note,
    approvedAt: iso(n.approved_at),
    publishedAt: iso(n.published_at),
    version: n.version,
    createdAt: iso(n.created_at),
    fromCounty: n.parent_id !== null,
    feedback: n.feedback_at ? { note: n.feedback_note ?? '', at: iso(n.feedback_at)! } : null,
  };
}

/** Load a notice the actor may see, or 404. */
export async function load(q: Db | Tx, actor: Actor, id: number, forUpdate = false) {
  const n = await repo.get(q, id, forUpdate);
  // A county's own notice is read through county.ts (its towns' copies are the town notices).
  if (n?.direction === 'county') throw notFound('该通报不存在或不在您的管辖范围内');
  if (!n || (!can(actor, 'notice.read', { regionCode: n.town_code }) && !actor.grants.some((g) => g.regionCode?.startsWith(n.town_code))))
    throw notFound('该通报不存在或不在您的管辖范围内');
  const mayDraft = DRAFT_READERS.some((a) => can(actor, a, { regionCode: n.town_code }));
  if (!mayDraft && !['published', 'recorded'].includes(n.state)) throw notFound('该通报不存在或不在您的管辖范围内');
  return n;
}

export async function get(db: Db, actor: Actor, id: number) {
  const n = await load(db, actor, id);
  const cal = await getCalendar(db);
  const today = todayChina();
  const scope = problemScope(actor);
  const all = await repo.items(db, id);
  const visible = DRAFT_READERS.some((a) => can(actor, a, { regionCode: n.town_code }))
    ? all
    : all.filter(
        (i) =>
          scope.regions === 'all' ||
          scope.regions.some((r) => i.region_code.startsWith(r)) ||
          scope.assigneeCommunities.some((c) => i.region_code.startsWith(c)),
      );
  const items = visible.map((i) => {
    const dated = { state: i.state, dueDate: i.due_date };
    return {
      position: i.position,
      problemId: i.problem_id,
      code: i.code,
      state: i.state,
      stateLabel: PROBLEM_STATE_LABELS[i.state as ProblemState],
      regionCode: i.region_code,
      communityName: i.community_name,
      placeName: i.place_name,
      address: i.address,
      description: i.description,
      categoryName: i.category_name,
      unitName: i.unit_name,
      dueDate: i.due_date,
      overdue: isOverdue(dated, today),
      overdueDays: lateWorkingDays(dated, today, cal),
      closedAt: iso(i.closed_at),
      version: i.version,
    };
  });
  const closed = all.filter((i) => TERMINAL_STATES.includes(i.state as ProblemState)).length;
  const isPublished = n.state === 'published' || n.state === 'recorded';
  const compose = can(actor, 'notice.compose', { regionCode: n.town_code });
  const approve = can(actor, 'notice.approve', { regionCode: n.town_code });
  const actions = NOTICE_TRANSITIONS.filter((t) => t.from === n.state && n.direction === 'issued' && (t.who === 'compose' ? compose : approve)).map((t) => ({
    action: t.action,
    label: NOTICE_ACTION_LABELS[t.action],
  }));
  return {
    ...summary(n),
    items,
    progress: { total: all.length, closed, overdue: items.filter((i) => i.overdue).length, allClosed: isPublished && all.length > 0 && closed === all.length },
    can: {
      actions,
      edit: can(actor, 'notice.draft', { regionCode: n.town_code }) && n.state === 'draft' && n.direction === 'issued',
      download: true,
      feedback: isPublished && all.length > 0 && closed === all.length,
      sendFeedback: compose && n.direction === 'received' && n.parent_id !== null,
    },
  };
}

async function checkProblems(q: Db | Tx, actor: Actor, ids: number[]) {
  if (!ids.length) throw fieldError('problemIds', '请至少选择一个问题');
  if (new Set(ids).size !== ids.length) throw fieldError('problemIds', '同一问题不能重复列入');
  const rows = await repo.problemsIn(q, ids, scopeSql(problemScope(actor)));
  if (rows.length !== ids.length) throw fieldError('problemIds', '部分问题不存在或不在您的管辖范围内');
  const towns = new Set(rows.map((x) => x.town_code));
  if (towns.size !== 1) throw fieldError('problemIds', '一期通报只能包含同一个镇的问题');
  if (rows.some((x) => x.state === 'rejected' || x.state === 'merged')) throw fieldError('problemIds', '不予立案或已合并的问题不能列入通报');
  const town = [...towns][0];
  authorize(actor, 'notice.draft', { regionCode: town });
  return town;
}

async function defaultIssuer(q: Db | Tx, actor: Actor) {
  return (await repo.unitNameOf(q, actor.personId)) ?? '镇创城办';
}

export async function compose(db: Db, actor: Actor, input: ComposeInput) {
  authorize(actor, 'notice.draft');
  return db.transaction(async (tx) => {
    const town = await checkProblems(tx, actor, input.problemIds);
    const issuer = input.issuer?.trim() || (await defaultIssuer(tx, actor));
    const id = await repo.insertNotice(tx, {
      direction: 'issued',
      kind: input.kind,
      townCode: town,
      year: Number(input.issueDate.slice(0, 4)),
      seq: null,
      docNumber: null,
      title: input.title,
      issuer,
      issueDate: input.issueDate,
      dueDate: input.dueDate ?? null,
      intro: input.intro ?? null,
      state: 'draft',
      createdBy: actor.personId,
    });
    await repo.replaceItems(tx, id, input.problemIds);
    await audit(tx, { actor, action: 'notice.compose', entity: 'notice', entityId: id, regionCode: town, after: { ...input, issuer } });
    return { id };
  });
}

export async function update(db: Db, actor: Actor, id: number, input: ComposeInput & { version: number }) {
  return db.transaction(async (tx) => {
    const n = await load(tx, actor, id, true);
    authorize(actor, 'notice.draft', { regionCode: n.town_code });
    if (n.direction !== 'issued' || n.state !== 'draft') throw new AppError('INVALID_STATE', '只有草稿可以修改');
    if (n.version !== input.version) throw new AppError('CONFLICT', '该通报刚被他人修改过，请刷新后重试');
    const town = await checkProblems(tx, actor, input.problemIds);
    if (town !== n.town_code) throw fieldError('problemIds', '一期通报只能包含同一个镇的问题');
    await repo.updateNotice(tx, id, n.version, {
      kind: input.kind,
      title: input.title,
      issuer: input.issuer?.trim() || n.issuer,
      issue_date: input.issueDate,
      year: Number(input.issueDate.slice(0, 4)),
      due_date: input.dueDate ?? null,
      intro: input.intro ?? null,
    });
    await repo.replaceItems(tx, id, input.problemIds);
    await audit(tx, { actor, action: 'notice.update', entity: 'notice', entityId: id, regionCode: n.town_code, before: { version: n.version }, after: input });
    return { id, version: n.version + 1 };
  });
}

/** The issuer's abbreviation for the document number: 汀州镇创城办 stays; a long name is kept as it is. */
const issuerAbbr = (issuer: string) => issuer.replace(/创建全国文明城市工作办公室$/, '创城办').replace(/文件$/, '');

export async function act(
  db: Db,
  actor: Actor,
  id: number,
  action: NoticeAction,
  input: { version: number; note?: string | null; confirmDeadlineChanges?: boolean },
) {
  return db.transaction(async (tx) => {
    const n = await load(tx, actor, id, true);
    if (n.direction !== 'issued') throw new AppError('INVALID_STATE', '收到的通报没有审批流程');
    const t = NOTICE_TRANSITIONS.find((x) => x.from === n.state && x.action === action);
    if (!t) throw new AppError('INVALID_STATE', `通报当前状态下不能“${NOTICE_ACTION_LABELS[action]}”`);
    authorize(actor, t.who === 'compose' ? 'notice.compose' : 'notice.approve', { regionCode: n.town_code });
    if (n.version !== input.version) throw new AppError('CONFLICT', '该通报刚被他人处理过，请刷新后重试', undefined, { version: n.version, state: n.state });
    const note = input.note?.trim() || null;
    const set: Record<string, unknown> = { state: t.to };
    if (action === 'reject') {
      if (!note) throw fieldError('note', '请说明退回修改的原因');
      set.reject_note = note;
    }
    if (action === 'submit') set.reject_note = null;
    if (action === 'approve') Object.assign(set, { approved_by: actor.personId, approved_at: clockNow() });
    if (action === 'publish') {
      // A notice never moves a running problem's deadline unasked: the caller sees the changes and confirms.
      const changes = await deadlineChanges(tx, n);
      if (changes.length && !input.confirmDeadlineChanges) {
        throw new AppError('CONFIRMATION_REQUIRED', `发布将调整 ${changes.length} 个已派遣问题的整改期限，请确认后再发布`, undefined, {
          deadlineChanges: changes,
        });
      }
      // Always the kind's 期数 first, then the office's 文号: one lock order for every publisher.
      const seq = await repo.nextNumber(tx, n.town_code, n.kind, n.year);
      const docSeq = await repo.nextNumber(tx, n.town_code, DOC_NUMBER_SERIES, n.year);
      Object.assign(set, { seq, doc_number: docNumber(issuerAbbr(n.issuer), n.year, docSeq), published_at: clockNow() });
      await publishItems(tx, actor, { ...n, seq, doc_number: set.doc_number as string });
    }
    if (!(await repo.updateNotice(tx, id, n.version, set))) throw new AppError('CONFLICT', '该通报刚被他人处理过，请刷新后重试');
    await approvalInbox(tx, actor, n, action, note);
    await audit(tx, {
      actor,
      action: `notice.${action}`,
      entity: 'notice',
      entityId: id,
      regionCode: n.town_code,
      before: { state: n.state, version: n.version },
      after: { ...set, note },
    });
    return { id, state: t.to, version: n.version + 1, seq: (set.seq as number) ?? n.seq, docNumber: (set.doc_number as string) ?? n.doc_number };
  });
}

/** Running problems of the notice whose deadline publishing would move: code, old → new. */
async function deadlineChanges(q: Db | Tx, n: repo.NoticeRow) {
  if (!n.due_date) return [];
  return (await repo.items(q, n.id))
    .filter((i) => OPEN_DISPATCHED_STATES.includes(i.state as ProblemState) && i.due_date != null && i.due_date !== n.due_date)
    .map((i) => ({ problemId: i.problem_id, code: i.code, oldDueDate: i.due_date!, newDueDate: n.due_date! }));
}

/** Submitting waits on the town's leaders (待办 + notification); their decision closes it and tells the office. */
async function approvalInbox(tx: Tx, actor: Actor, n: repo.NoticeRow, action: NoticeAction, note: string | null) {
  if (action === 'submit') {
    await openItem(tx, {
      kind: 'notice_approval',
      regionCode: n.town_code,
      owner: { role: 'town_leader', regionCode: n.town_code },
      subjectId: n.id,
      title: `${NOTICE_KIND_LABELS[n.kind as NoticeKind]}「${n.title}」`,
    });
  }
  if (action === 'approve' || action === 'reject') {
    await closeItems(tx, actor, n.id, ['notice_approval'], 'done', action === 'approve' ? '已审批' : `已退回：${note}`);
    const office = await peopleWithRoles(tx, n.town_code, ['office_staff']);
    await notify(tx, [...office, n.created_by], {
      kind: 'notice_decided',
      title: action === 'approve' ? `通报「${n.title}」已由${actor.name}审批通过，可以发布` : `通报「${n.title}」被${actor.name}退回修改：${note}`,
      dedupeKey: `notice:${n.id}:${action}:${n.version}`,
    });
  }
}

/**
 * Each item becomes a tracked problem: reported/filed ones are filed and
 * dispatched with the notice's deadline; running ones take the deadline;
 * every one gets a history row naming the notice. Then each community's cadres are told.
 */
async function publishItems(tx: Tx, actor: Actor, n: repo.NoticeRow) {
  const items = await repo.items(tx, n.id);
  const label = `${n.doc_number}（${issueLabel(n.year, n.seq!)}${NOTICE_KIND_LABELS[n.kind as NoticeKind]}）`;
  const today = todayChina();
  if (n.due_date && n.due_date < today) throw fieldError('dueDate', '整改期限不能早于今天，请退回修改');
  const db = tx as unknown as Db; // transition() nests as a savepoint
  const scope = problemScope(actor);
  for (const i of items) {
    const p = await problemsRepo.getProblem(tx, i.problem_id, scope, true);
    if (!p) throw fieldError('problemIds', `问题 ${i.code} 不在您的管辖范围内`);
    // Each move answers the new state and version; the row stays locked in this transaction.
    let { state, version } = p as { state: string; version: number };
    if (state === 'reported') ({ state, version } = await transition(db, actor, p.id, 'file', { version, note: `列入${label}` }));
    if (state === 'filed') {
      ({ state, version } = await transition(db, actor, p.id, 'dispatch', { version, dueDate: n.due_date }));
    } else if (n.due_date && OPEN_DISPATCHED_STATES.includes(state as ProblemState) && p.due_date !== n.due_date) {
      await moveDeadline(tx, actor, p.id, { version, dueDate: n.due_date, event: 'deadline', note: `${label}规定整改期限`, data: { noticeId: n.id } });
    }
    await listInNotice(tx, actor, p.id, { noticeId: n.id, docNumber: n.doc_number!, note: `列入${label}第${i.position}项`, state });
  }
  const byCommunity = new Map<string, number>();
  for (const i of items) byCommunity.set(i.region_code.slice(0, 12), (byCommunity.get(i.region_code.slice(0, 12)) ?? 0) + 1);
  for (const [community, count] of byCommunity) {
    const people = await repo.communityCadres(tx, community);
    await notify(tx, people, {
      kind: 'notice',
      title: `${label}：贵社区有 ${count} 个问题须${n.due_date ? `于 ${n.due_date} 前` : '按期'}整改`,
      body: n.title,
      dedupeKey: `notice:${n.id}:${community}`,
    });
  }
}
