// The problem workflow as one typed table (after the national 7-step loop
// 信息收集→案卷建立→任务派遣→任务处理→处理反馈→核查结案). The server's
// transition() is the only way a problem changes state; it looks the move up
// here, checks the party and the guard, and writes state, history and audit
// together. The web only displays `allowedActions`.
import type { ProblemState } from './vocab.ts';

export const PROBLEM_ACTIONS = [
  'file', 'reject', 'merge', 'dispatch', 'accept', 'return', 'submit', 'verify_pass', 'verify_fail',
] as const;
export type ProblemAction = (typeof PROBLEM_ACTIONS)[number];

export const PROBLEM_ACTION_LABELS: Record<ProblemAction, string> = {
  file: '立案',
  reject: '不予立案',
  merge: '合并到原问题',
  dispatch: '派遣',
  accept: '接收',
  return: '退回',
  submit: '提交整改',
  verify_pass: '核查通过并结案',
  verify_fail: '核查不通过（返工）',
};

/** Who may take an action: the office (town campaign office), the assignee, or a verifier. */
export type Party = 'office' | 'assignee' | 'verifier';

export interface Transition {
  from: readonly ProblemState[];
  action: ProblemAction;
  to: ProblemState;
  party: Party;
  /** Inputs the action needs, checked by the server before the move. */
  needs?: readonly ('reason' | 'note' | 'afterPhoto' | 'unit' | 'target')[];
}

export const TRANSITIONS: readonly Transition[] = [
  { from: ['reported'], action: 'file', to: 'filed', party: 'office' },
  { from: ['reported'], action: 'reject', to: 'rejected', party: 'office', needs: ['reason'] },
  { from: ['reported', 'filed'], action: 'merge', to: 'merged', party: 'office', needs: ['target'] },
  { from: ['filed'], action: 'dispatch', to: 'dispatched', party: 'office', needs: ['unit'] },
  { from: ['dispatched'], action: 'accept', to: 'rectifying', party: 'assignee' },
  { from: ['dispatched', 'rectifying'], action: 'return', to: 'filed', party: 'assignee', needs: ['note'] },
  { from: ['rectifying'], action: 'submit', to: 'rectified', party: 'assignee', needs: ['note', 'afterPhoto'] },
  { from: ['rectified'], action: 'verify_pass', to: 'closed', party: 'verifier' },
  { from: ['rectified'], action: 'verify_fail', to: 'rectifying', party: 'verifier', needs: ['note'] },
];

export function findTransition(from: ProblemState, action: ProblemAction): Transition | undefined {
  return TRANSITIONS.find((t) => t.action === action && t.from.includes(from));
}

/** Actions available from a state for the parties the caller is. */
export function actionsFrom(state: ProblemState, parties: ReadonlySet<Party>): ProblemAction[] {
  return TRANSITIONS.filter((t) => t.from.includes(state) && parties.has(t.party)).map((t) => t.action);
}
