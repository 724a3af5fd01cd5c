// The inbox (待办, issue 14): everything that waits on someone. A pending item
// has an owner (a person, a role held over a region, or a unit), a kind, a
// subject (what waits), a link (the page that resolves it), a due date and a
// state. Items are opened and closed by the module that owns the waiting
// thing, through the inbox service, inside its own transaction.
//
// Adding a kind is this one change: an entry in INBOX_KINDS (its label, what
// its subject is, who usually owns it, how many working days it may wait).
// The list filters, counts, the web's filter and the labels read from here.
import { addWorkingDays, workingDaysBetween, type WorkCalendar } from './calendar.ts';
import type { Role } from './roles.ts';

export interface InboxKindDef {
  /** What the owner reads in the list and the filter. */
  label: string;
  /** What the subject id names. */
  subject:
    | 'problem'
    | 'notice'
    | 'accountability'
    | 'ranking'
    | 'meeting_decision'
    | 'evaluation_assignment'
    | 'evaluation_material'
    | 'service_order'
    | 'poll_followup';
  /** Who usually owns it (documentation and the demo; the opening module names the owner). */
  owner: 'unit' | Role;
  /** Working days it may wait when the opening module gives no due date. */
  dueWorkingDays: number;
}

export const INBOX_KINDS = {
  notice_approval: { label: '通报待审批', subject: 'notice', owner: 'town_leader', dueWorkingDays: 2 },
  ranking_approval: { label: '排名待审批', subject: 'ranking', owner: 'town_leader', dueWorkingDays: 3 },
  accountability_decision: { label: '问责待决定', subject: 'accountability', owner: 'town_leader', dueWorkingDays: 5 },
  extension_request: { label: '延期申请待审批', subject: 'problem', owner: 'office_staff', dueWorkingDays: 1 },
  problem_returned: { label: '退回待改派', subject: 'problem', owner: 'office_staff', dueWorkingDays: 1 },
  problem_accept: { label: '待接收', subject: 'problem', owner: 'unit', dueWorkingDays: 1 },
  problem_verify: { label: '待核查', subject: 'problem', owner: 'office_staff', dueWorkingDays: 2 },
  problem_reinspect: { label: '待回头看', subject: 'problem', owner: 'office_staff', dueWorkingDays: 7 },
  county_notice_feedback: { label: '县级通报待反馈', subject: 'notice', owner: 'office_staff', dueWorkingDays: 5 },
  meeting_decision: { label: '会议交办事项', subject: 'meeting_decision', owner: 'unit', dueWorkingDays: 5 },
  // The national evaluation (issue 20): a department's materials for a 材料审核 standard, and the office's review of one.
  evaluation_material: { label: '测评材料待报送', subject: 'evaluation_assignment', owner: 'unit', dueWorkingDays: 10 },
  evaluation_review: { label: '测评材料待审核', subject: 'evaluation_material', owner: 'office_staff', dueWorkingDays: 3 },
  service_order: { label: '群众点单待派单', subject: 'service_order', owner: 'unit', dueWorkingDays: 2 },
  // Resident surveys (issue 21): a weak item of a wave in a community, given to its cadres to work on.
  poll_weak_item: { label: '问卷薄弱项待改进', subject: 'poll_followup', owner: 'community_staff', dueWorkingDays: 10 },
} as const satisfies Record<string, InboxKindDef>;

export type InboxKind = keyof typeof INBOX_KINDS;
export const INBOX_KIND_LIST = Object.keys(INBOX_KINDS) as InboxKind[];

export const INBOX_STATES = ['open', 'done', 'cancelled'] as const;
export type InboxState = (typeof INBOX_STATES)[number];
export const INBOX_STATE_LABELS: Record<InboxState, string> = { open: '待办', done: '已办', cancelled: '已撤销' };

/** The page that resolves an item of this subject. */
export function inboxLink(subject: InboxKindDef['subject'], id: number): string {
  switch (subject) {
    case 'problem':
      return `/problems/${id}`;
    case 'notice':
      return `/notices/${id}`;
    case 'accountability':
      return '/accountability';
    case 'ranking':
      return '/assessment?tab=rankings';
    case 'meeting_decision':
      return `/meetings/decisions/${id}`;
    case 'evaluation_assignment':
      return `/evaluation/materials?assignment=${id}`;
    case 'evaluation_material':
      return `/evaluation/materials?material=${id}`;
    case 'service_order':
      return `/volunteers/orders/${id}`;
    case 'poll_followup':
      return `/polls/followups/${id}`;
  }
}

/** The default due date of an item opened on `today`. */
export function inboxDueDate(kind: InboxKind, today: string, cal: WorkCalendar): string {
  return addWorkingDays(today, INBOX_KINDS[kind].dueWorkingDays, cal);
}

/**
 * The one-loop rule, as for problems (domain/problems/overdue.ts): an open item
 * is overdue from 00:00 China time of the day after its due date; how late
 * counts working days after it.
 */
export function inboxOverdue(item: { state: string; dueDate: string | null }, today: string): boolean {
  return item.state === 'open' && item.dueDate != null && today > item.dueDate;
}
export function inboxLateWorkingDays(item: { state: string; dueDate: string | null }, today: string, cal: WorkCalendar): number {
  return inboxOverdue(item, today) ? workingDaysBetween(item.dueDate!, today, cal) : 0;
}

/** The title of a problem's item, the same whether opened by a move or by the start-up backfill. */
export function problemItemTitle(kind: InboxKind, p: { code: string; categoryName: string | null; unitName?: string | null; days?: number | null }): string {
  const what = `问题 ${p.code}${p.categoryName ? `（${p.categoryName}）` : ''}`;
  switch (kind) {
    case 'problem_accept':
      return `${what}已派遣，待接收`;
    case 'problem_returned':
      return `${what}被${p.unitName ?? '责任单位'}退回，待改派`;
    case 'problem_verify':
      return `${what}已提交整改，待核查`;
    case 'problem_reinspect':
      return `${what}已结案，待回头看`;
    case 'extension_request':
      return `${what}申请延期 ${p.days ?? ''} 个工作日，待审批`;
    default:
      return what;
  }
}
