// The campaign fund (创城工作基金, DOMAIN.md §6, issue 18 item 5): where money
// comes from, the projects it pays for and their states, and amounts as
// integer fen (never floats: 1 元 = 100 fen). Pure.

export const INCOME_SOURCES = ['county_allocation', 'co_building', 'project_bid', 'other'] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];
export const INCOME_SOURCE_LABELS: Record<IncomeSource, string> = {
  county_allocation: '县级拨款',
  co_building: '共建单位捐资',
  project_bid: '项目争取',
  other: '其他',
};

export const DIRECTIONS = ['income', 'spend'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const DIRECTION_LABELS: Record<Direction, string> = { income: '收入', spend: '支出' };

/** Project kinds the form suggests (a project may name another). */
export const PROJECT_KINDS = ['立面改造', '三线整治', '健身器材安装', '违章搭盖拆除', '公益广告铺设', '停车位划线', '垃圾分类设施'] as const;

export const PROJECT_STATES = ['planned', 'in_progress', 'done'] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];
export const PROJECT_STATE_LABELS: Record<ProjectState, string> = { planned: '计划中', in_progress: '实施中', done: '已完工' };

/** Largest single amount or budget: 100 亿元 in fen (well inside a safe integer). */
export const MAX_FEN = 1_000_000_000_000;

/** Fen as 元 with two decimals and thousands separators, by integer arithmetic: 123456 → 1,234.56; -5 → -0.05. */
export function yuan(fen: number): string {
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** A typed amount in 元 ("1234.5", "1,234.50") as fen, or null when it is not a non-negative amount with at most two decimals. */
export function parseYuan(s: string): number | null {
  const t = s.replace(/[,，\s]/g, '');
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** What a spend would do to its project: spent before and after, and by how much it passes the budget (0: within). */
export function overspend(budgetFen: number, spentFen: number, amountFen: number) {
  const after = spentFen + amountFen;
  return { budgetFen, spentFen, afterFen: after, overFen: Math.max(0, after - budgetFen) };
}
