// The problem workflow as one typed table (after the national 7-step loop
// 信息收集→案卷建立→任务派遣→任务处理→处理反馈→核查结案). The server's
// transition() is the only way a problem changes state; it looks the move up
// here, checks the party and the guard, and writes state, history and audit
// together. The web only displays `allowedActions`.
import type { ProblemState } from './vocab.ts';

/** The actions a person takes on a problem's page (POST /api/problems/:id/actions/:action). */
export const USER_PROBLEM_ACTIONS = [
  'file',
  'reject',
  'merge',
  'dispatch',
  'recall',
  'redispatch',
  'accept',
  'return',
  'submit',
  'verify_pass',
  'verify_fail',
] as const;
/** Every move: the user actions and those only intake takes (closing a 随手整 problem as it is reported). */
export const PROBLEM_ACTIONS = [...USER_PROBLEM_ACTIONS, 'close_on_spot'] as const;
export type ProblemAction = (typeof PROBLEM_ACTIONS)[number];

export const PROBLEM_ACTION_LABELS: Record<ProblemAction, string> = {
  file: '立案',
  reject: '不予立案',
  merge: '合并到原问题',
  dispatch: '派遣',
  recall: '撤回',
  redispatch: '改派',
  accept: '接收',
  return: '退回',
  submit: '提交整改',
  verify_pass: '核查通过并结案',
  verify_fail: '核查不通过（返工）',
  close_on_spot: '现场整改结案',
};

/**
 * Who may take an action: the office (town campaign office), the assignee, a
 * verifier, or the problem's reporter (only for closing their own 随手整 report).
 */
export type Party = 'office' | 'assignee' | 'verifier' | 'reporter';

export interface Transition {
  from: readonly ProblemState[];
  action: ProblemAction;
  to: ProblemState;
  party: Party;
  /** Inputs the action needs, checked by the server before the move. */
  needs?: readonly ('reason' | 'note' | 'afterPhoto' | 'unit' | 'target')[];
  /** Taken by intake, never offered as a button. */
  internal?: boolean;
}

export const TRANSITIONS: readonly Transition[] = [
  { from: ['reported'], action: 'file', to: 'filed', party: 'office' },
  { from: ['reported'], action: 'reject', to: 'rejected', party: 'office', needs: ['reason'] },
  { from: ['reported', 'filed'], action: 'merge', to: 'merged', party: 'office', needs: ['target'] },
  { from: ['filed'], action: 'dispatch', to: 'dispatched', party: 'office', needs: ['unit'] },
  // The office takes a dispatched problem back (撤回, to 待派遣) or sends it to another unit at once (改派), with a reason.
  { from: ['dispatched', 'rectifying'], action: 'recall', to: 'filed', party: 'office', needs: ['note'] },
  { from: ['dispatched', 'rectifying'], action: 'redispatch', to: 'dispatched', party: 'office', needs: ['note', 'unit'] },
  { from: ['dispatched'], action: 'accept', to: 'rectifying', party: 'assignee' },
  { from: ['dispatched', 'rectifying'], action: 'return', to: 'filed', party: 'assignee', needs: ['note'] },
  { from: ['rectifying'], action: 'submit', to: 'rectified', party: 'assignee', needs: ['note', 'afterPhoto'] },
  { from: ['rectified'], action: 'verify_pass', to: 'closed', party: 'verifier' },
  { from: ['rectified'], action: 'verify_fail', to: 'rectifying', party: 'verifier', needs: ['note'] },
  { from: ['reported'], action: 'close_on_spot', to: 'closed', party: 'reporter', needs: ['afterPhoto'], internal: true },
];

export function findTransition(from: ProblemState, action: ProblemAction): Transition | undefined {
  return TRANSITIONS.find((t) => t.action === action && t.from.includes(from));
}

/** Actions available from a state for the parties the caller is. */
export function actionsFrom(state: ProblemState, parties: ReadonlySet<Party>): ProblemAction[] {
  return TRANSITIONS.filter((t) => !t.internal && t.from.includes(state) && parties.has(t.party)).map((t) => t.action);
}
