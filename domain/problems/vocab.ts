// The words of the problem loop (DOMAIN.md §3): states, tiers, sources.
export const PROBLEM_STATES = ['reported', 'filed', 'rejected', 'merged', 'dispatched', 'rectifying', 'rectified', 'closed'] as const;
export type ProblemState = (typeof PROBLEM_STATES)[number];
export const PROBLEM_STATE_LABELS: Record<ProblemState, string> = {
  reported: '待立案',
  filed: '待派遣',
  rejected: '不予立案',
  merged: '已合并',
  dispatched: '待接收',
  rectifying: '整改中',
  rectified: '待核查',
  closed: '已结案',
};
/** States in which the deadline clock runs. */
export const OPEN_DISPATCHED_STATES: ProblemState[] = ['dispatched', 'rectifying', 'rectified'];
export const TERMINAL_STATES: ProblemState[] = ['rejected', 'merged', 'closed'];
/** The states work is still waiting in: the workbench's queues. */
export const OPEN_STATES: ProblemState[] = ['reported', 'filed', 'dispatched', 'rectifying', 'rectified'];
/** Not a problem on the ground (not filed, or the same as another): off the map unless asked for by state. */
export const NOT_ON_GROUND_STATES: ProblemState[] = ['rejected', 'merged'];

// 小问题随手整-大问题社区整-难问题集中整
export const TIERS = ['on_spot', 'community', 'centralized'] as const;
export type Tier = (typeof TIERS)[number];
/**
 * The tier of a report that names none: its category's usual tier, except
 * that 随手整 is fixed on the spot with before and after photos; without both
 * (a county notice's item, an imported row, a finding sent for rectification)
 * the default is 社区整, so no default ever makes an impossible problem.
 */
export function defaultTier(categoryTier: Tier, hasBeforeAndAfter: boolean): Tier {
  return categoryTier === 'on_spot' && !hasBeforeAndAfter ? 'community' : categoryTier;
}
export const TIER_LABELS: Record<Tier, string> = {
  on_spot: '随手整（小问题）',
  community: '社区整（大问题）',
  centralized: '集中整（难问题）',
};

export const SOURCES = [
  'patrol',
  'supervision',
  'unannounced_visit',
  'resident',
  'county_notice',
  'county_weekly',
  'higher_inspection',
  'self_check',
  'demo_visit',
  'mock_evaluation',
  'hotline',
  'api',
  'meeting_decision',
] as const;
export type Source = (typeof SOURCES)[number];
export const SOURCE_LABELS: Record<Source, string> = {
  patrol: '街巷长巡查',
  supervision: '督查组督查',
  unannounced_visit: '领导暗访',
  resident: '群众随手拍',
  county_notice: '县督查通报',
  county_weekly: '县创城周报',
  higher_inspection: '省市县检查',
  self_check: '自查',
  demo_visit: '示范点考察',
  mock_evaluation: '模拟测评',
  hotline: '12345热线转办',
  api: '系统接口',
  meeting_decision: '会议交办',
};
/** What the source's own reference is called (the notice number, the hotline ticket...). */
export const SOURCE_REF_LABELS: Partial<Record<Source, string>> = {
  county_notice: '通报期号',
  county_weekly: '周报期号',
  higher_inspection: '检查批次',
  hotline: '热线工单号',
  api: '外部编号',
  supervision: '督查批次',
  unannounced_visit: '暗访批次',
  mock_evaluation: '测评批次',
};
/** Sources whose reference is required. */
export const SOURCE_REF_REQUIRED: Source[] = ['county_notice', 'county_weekly', 'hotline'];

export const REJECT_REASONS = ['duplicate', 'out_of_jurisdiction', 'invalid'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];
export const REJECT_REASON_LABELS: Record<RejectReason, string> = {
  duplicate: '重复上报',
  out_of_jurisdiction: '不属于本辖区',
  invalid: '无效信息',
};

export const PHOTO_KINDS = ['before', 'after', 'progress'] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];
