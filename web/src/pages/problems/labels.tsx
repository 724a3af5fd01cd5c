// Display helpers of the problem loop: state colours, the overdue tag, the
// timeline's words for every event the server writes.
import { lateLabel } from '../../../../domain/problems/overdue.ts';
import { Tag } from 'antd';
import type { ProblemState, Tier } from '../../../../domain/problems/vocab.ts';

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
  return (
    <Tag color={STATE_COLORS[state]} style={{ marginInlineEnd: 0 }}>
      {label}
    </Tag>
  );
}

export function TierTag({ tier }: { tier: Tier }) {
  return (
    <Tag color={TIER_COLORS[tier]} style={{ marginInlineEnd: 0 }}>
      {TIER_SHORT[tier]}
    </Tag>
  );
}

/** 已超期 from the day after the due date; how late in working days once one has passed (domain/problems/overdue.ts). */
export function OverdueTag({ overdue, days }: { overdue: boolean; days: number }) {
  if (!overdue) return null;
  return (
    <Tag color="red" style={{ marginInlineEnd: 0 }}>
      {lateLabel(days)}
    </Tag>
  );
}

export { eventLabel } from '../../../../domain/problems/events.ts';

/** YYYY-MM-DD → 2026年3月5日 (no time zone shift). */
export function fmtDay(d: string | null | undefined): string {
  if (!d) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : d;
}
