// How a ranking (红黑榜) gets published (issue 12): the approval pattern of
// notices (domain/notices/vocab.ts), with the same state and action names.
// A town's ranking of its communities: the office submits it (待审批), a town
// leader approves it, and the approval publishes it; or sends it back
// (草稿, with a reason) to be submitted again. A county's ranking of its
// towns is published by the county office, with no leader step.
import type { Action } from '../permissions.ts';

export const RANKING_STATES = ['draft', 'submitted', 'published'] as const;
export type RankingState = (typeof RANKING_STATES)[number];
/** 'none': nothing prepared yet for the period (no row). */
export type RankingStage = RankingState | 'none';
export const RANKING_STATE_LABELS: Record<RankingStage, string> = {
  none: '未提交',
  draft: '已退回',
  submitted: '待审批',
  published: '已发布',
};

export const RANKING_ACTIONS = ['submit', 'approve', 'reject', 'publish'] as const;
export type RankingAction = (typeof RANKING_ACTIONS)[number];
export const RANKING_ACTION_LABELS: Record<RankingAction, string> = {
  submit: '提交审批',
  approve: '审批通过并发布',
  reject: '退回修改',
  publish: '发布',
};

/** Who ranks what: a town (9 digits) ranks its communities, a county (6) its towns. */
export type RankingLevel = 'community' | 'town';

export interface RankingTransition {
  level: RankingLevel;
  from: RankingStage[];
  action: RankingAction;
  to: RankingState;
  who: Action;
}

export const RANKING_TRANSITIONS: readonly RankingTransition[] = [
  { level: 'community', from: ['none', 'draft'], action: 'submit', to: 'submitted', who: 'assessment.manage' },
  { level: 'community', from: ['submitted'], action: 'approve', to: 'published', who: 'ranking.approve' },
  { level: 'community', from: ['submitted'], action: 'reject', to: 'draft', who: 'ranking.approve' },
  { level: 'town', from: ['none', 'draft'], action: 'publish', to: 'published', who: 'ranking.publish' },
];

export function rankingTransition(level: RankingLevel, from: RankingStage, action: RankingAction): RankingTransition | null {
  return RANKING_TRANSITIONS.find((t) => t.level === level && t.action === action && t.from.includes(from)) ?? null;
}
