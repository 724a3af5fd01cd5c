// The documented list of outbound webhook events. Problem transitions emit
// `problem.<action>` (server/modules/problems/transition.ts); the sweeps and
// the 回头看 / 问责 modules emit the rest. A webhook subscribes to a subset.
import { PROBLEM_ACTIONS, PROBLEM_ACTION_LABELS } from '../../../domain/problems/workflow.ts';

const OTHER_EVENTS = {
  'problem.overdue': '问题超期（每个整改期限一次）',
  'problem.deadline': '问题整改期限调整（批准延期、通报规定期限）',
  'problem.reinspection_passed': '回头看通过',
  'problem.reinspection_recurred': '回头看发现复发（已生成新问题）',
  'accountability.opened': '触发问责（新问责事项）',
  'accountability.decided': '问责事项已作出决定',
} as const;

export const WEBHOOK_EVENTS: Record<string, string> = {
  ...Object.fromEntries(PROBLEM_ACTIONS.map((a) => [`problem.${a}`, `问题${PROBLEM_ACTION_LABELS[a]}`])),
  ...OTHER_EVENTS,
};

export const WEBHOOK_EVENT_NAMES = Object.keys(WEBHOOK_EVENTS) as [string, ...string[]];
