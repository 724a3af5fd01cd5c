// The 摸排 facility-gap survey (DOMAIN.md §3, issue 18 item 4): kinds of need,
// the departments a need is coordinated with, and its states and moves
// 待对接 → 已对接 → 已立项 → 实施中 → 已完成, or 暂缓 with a reason (and back).
// Pure; the SQL lives in server/modules/surveys/.

export const NEED_STATES = ['pending', 'contacted', 'approved', 'in_progress', 'done', 'deferred'] as const;
export type NeedState = (typeof NEED_STATES)[number];
export const NEED_STATE_LABELS: Record<NeedState, string> = {
  pending: '待对接',
  contacted: '已对接',
  approved: '已立项',
  in_progress: '实施中',
  done: '已完成',
  deferred: '暂缓',
};

/** The moves a need may make: forward one step, deferred (with a reason) from any open state, resumed from deferred to pending. */
export const NEED_MOVES = {
  contact: { from: ['pending'], to: 'contacted', label: '已对接' },
  approve: { from: ['contacted'], to: 'approved', label: '已立项' },
  start: { from: ['approved'], to: 'in_progress', label: '开始实施' },
  finish: { from: ['in_progress'], to: 'done', label: '已完成' },
  defer: { from: ['pending', 'contacted', 'approved', 'in_progress'], to: 'deferred', label: '暂缓' },
  resume: { from: ['deferred'], to: 'pending', label: '恢复对接' },
} as const satisfies Record<string, { from: readonly NeedState[]; to: NeedState; label: string }>;
export type NeedMove = keyof typeof NEED_MOVES;
export const NEED_MOVE_NAMES = Object.keys(NEED_MOVES) as NeedMove[];

/** The state a move leads to from `from`, or null when the move does not apply there. */
export function needMove(from: NeedState, move: NeedMove): NeedState | null {
  const m = NEED_MOVES[move];
  return (m.from as readonly NeedState[]).includes(from) ? m.to : null;
}
export const movesFrom = (from: NeedState): NeedMove[] => NEED_MOVE_NAMES.filter((m) => needMove(from, m) !== null);

/** The seeded need kinds (the survey's list in the seed); admins rename, add and retire them. */
export const SEEDED_NEED_KINDS: { code: string; name: string }[] = [
  { code: 'fitness', name: '无全民健身场地设施' },
  { code: 'parking_lines', name: '需划停车线' },
  { code: 'road_damage', name: '路面破损' },
  { code: 'overhead_wires', name: '三线交越搭挂' },
  { code: 'cigarette_bins', name: '需配置烟头垃圾桶' },
  { code: 'bare_house', name: '裸房' },
  { code: 'sorting_point', name: '无垃圾分类收集点' },
];

/** Most departments one need is coordinated with. */
export const MAX_NEED_UNITS = 10;
/** Largest quantity of one need. */
export const MAX_QUANTITY = 1_000_000;
