// Display helpers of the problem loop: state colours, the overdue tag, the
// timeline's words for every event the server writes.
import { lateLabel } from '../../../../domain/problems/overdue.ts';
import { Tag } from 'antd';
import type { ProblemState, Tier } from '../../../../domain/problems/vocab.ts';
import { PROBLEM_ACTION_LABELS } from '../../../../domain/problems/workflow.ts';

export const STATE_COLORS: Record<ProblemState, string> = {
  reported: 'gold',
  filed: 'orange',
  rejected: 'default',
  merged: 'default',
  dispatched: 'blue',
  rectifying: 'processing',
  rectified: 'purple',
  closed: 'green',
};

export const TIER_SHORT: Record<Tier, string> = { on_spot: '随手整', community: '社区整', centralized: '集中整' };
export const TIER_COLORS: Record<Tier, string> = { on_spot: 'cyan', community: 'geekblue', centralized: 'magenta' };

export function StateTag({ state, label }: { state: ProblemState; label: string }) {
  return <Tag color={STATE_COLORS[state]} style={{ marginInlineEnd: 0 }}>{label}</Tag>;
}

export function TierTag({ tier }: { tier: Tier }) {
  return <Tag color={TIER_COLORS[tier]} style={{ marginInlineEnd: 0 }}>{TIER_SHORT[tier]}</Tag>;
}

/** 已超期 from the day after the due date; how late in working days once one has passed (domain/problems/overdue.ts). */
export function OverdueTag({ overdue, days }: { overdue: boolean; days: number }) {
  if (!overdue) return null;
  return <Tag color="red" style={{ marginInlineEnd: 0 }}>{lateLabel(days)}</Tag>;
}

/** Events written by the server besides the workflow actions. */
const EVENT_LABELS: Record<string, string> = {
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

/** YYYY-MM-DD → 2026年3月5日 (no time zone shift). */
export function fmtDay(d: string | null | undefined): string {
  if (!d) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : d;
}
