// The words for every event on a problem's history (problem_events.action):
// the workflow's moves and what the server writes besides them. Shared by the
// desk's timeline and the staff phone's problem sheet.
import { PROBLEM_ACTION_LABELS } from './workflow.ts';

/** Events written by the server besides the workflow actions. */
export const EVENT_LABELS: Record<string, string> = {
  ...PROBLEM_ACTION_LABELS,
  report: '上报',
  edit: '修改问题信息',
  close_on_spot: '随手整改并结案',
  merged_in: '合并重复问题',
  follow: '加入关注',
  extension_requested: '申请延期',
  extension_approved: '批准延期',
  extension_refused: '不批准延期',
  deadline: '调整整改期限',
  remind: '到期提醒',
  overdue: '超期督办',
  reinspect_due: '回头看到期',
  reinspect_pass: '回头看通过',
  reinspect_recurred: '回头看发现复发',
  plan_created: '制定整改方案',
  plan_updated: '更新整改方案',
  plan_progress: '整改进展',
  milestone_done: '完成时间节点',
  milestone_reopened: '重开时间节点',
};

export function eventLabel(action: string): string {
  return EVENT_LABELS[action] ?? '处理';
}
