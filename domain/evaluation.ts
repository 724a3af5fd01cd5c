// The national evaluation (全国文明城市测评, issue 20; DOMAIN.md §10): the
// vocabulary of the 测评体系 tree, the material window of a cycle, and the one
// definition of completeness. No I/O; the server is the authority.

export const EVAL_METHODS = ['field', 'material', 'survey'] as const;
export type EvalMethod = (typeof EVAL_METHODS)[number];
export const EVAL_METHOD_LABELS: Record<EvalMethod, string> = { field: '实地考察', material: '材料审核', survey: '问卷调查' };

export const EVAL_LEVELS = ['item', 'content', 'standard'] as const;
export type EvalLevel = (typeof EVAL_LEVELS)[number];
export const EVAL_LEVEL_LABELS: Record<EvalLevel, string> = { item: '测评项目', content: '测评内容', standard: '测评标准' };

export const MATERIAL_KINDS = ['regulation', 'explanation', 'photo', 'table'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];
export const MATERIAL_KIND_LABELS: Record<MaterialKind, string> = { regulation: '规范文件', explanation: '情况说明', photo: '实景图片', table: '统计表格' };

export const MATERIAL_STATES = ['submitted', 'accepted', 'returned'] as const;
export type MaterialState = (typeof MATERIAL_STATES)[number];
export const MATERIAL_STATE_LABELS: Record<MaterialState, string> = { submitted: '待审核', accepted: '已采纳', returned: '已退回' };

/** Records of this system a department may name as evidence instead of uploading a file. */
export const EVIDENCE_TYPES = ['meeting', 'activity', 'notice', 'campaign', 'figure'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];
export const EVIDENCE_TYPE_LABELS: Record<EvidenceType, string> = {
  meeting: '会议纪要',
  activity: '活动记录',
  notice: '通报',
  campaign: '整治行动',
  figure: '统计数字',
};

/** A label → code lookup for the Excel columns (方法 实地考察、材料审核 …). */
export function codeOfLabel<T extends string>(labels: Record<T, string>, label: string): T | null {
  for (const [k, v] of Object.entries(labels) as [T, string][]) if (v === label.trim()) return k;
  return null;
}

/**
 * The material window of a cycle whose assumed test month is `testMonth`
 * (YYYY-MM): the 12 calendar months before it, first day to last day. A test in
 * 2026-10 counts material dated 2025-10-01 … 2026-09-30.
 */
export function materialWindow(testMonth: string): { from: string; to: string } {
  const [y, m] = testMonth.split('-').map(Number);
  const from = `${y - 1}-${String(m).padStart(2, '0')}-01`;
  const last = new Date(Date.UTC(y, m - 1, 0)); // the day before the test month's first
  return { from, to: last.toISOString().slice(0, 10) };
}

export function inWindow(day: string, testMonth: string): boolean {
  const w = materialWindow(testMonth);
  return day >= w.from && day <= w.to;
}

/**
 * Completeness, the one definition: a standard is complete for a kind when one
 * material of that kind is accepted (by any of its departments). A standard's
 * share is the required kinds accepted ÷ the required kinds; a department's
 * and the town's pool the (standard, kind) slots they owe. A standard without
 * kinds owes one slot of any kind.
 */
export interface Slot {
  nodeId: number;
  unitId: number;
  kinds: string[];
}
export interface AcceptedMaterial {
  nodeId: number;
  unitId: number;
  kind: string;
}
export interface Share {
  required: number;
  accepted: number;
  /** accepted ÷ required, 0…1 (1 when nothing is required). */
  rate: number;
}
const share = (required: number, accepted: number): Share => ({ required, accepted, rate: required ? accepted / required : 1 });

export function completeness(slots: Slot[], accepted: AcceptedMaterial[]) {
  const byNode = new Map<number, Set<string>>();
  for (const a of accepted) {
    if (!byNode.has(a.nodeId)) byNode.set(a.nodeId, new Set());
    byNode.get(a.nodeId)!.add(a.kind);
  }
  const need = (kinds: string[]) => (kinds.length ? kinds : ['*']);
  const has = (nodeId: number, kind: string) => {
    const s = byNode.get(nodeId);
    return !!s && (kind === '*' ? s.size > 0 : s.has(kind));
  };
  const nodes = new Map<number, { kinds: string[] }>();
  for (const s of slots) nodes.set(s.nodeId, { kinds: need(s.kinds) });
  const perStandard = new Map<number, Share & { missing: string[] }>();
  let req = 0;
  let acc = 0;
  for (const [nodeId, { kinds }] of nodes) {
    const missing = kinds.filter((k) => !has(nodeId, k));
    perStandard.set(nodeId, { ...share(kinds.length, kinds.length - missing.length), missing });
    req += kinds.length;
    acc += kinds.length - missing.length;
  }
  const perUnit = new Map<number, Share>();
  for (const s of slots) {
    const kinds = need(s.kinds);
    const got = kinds.filter((k) => has(s.nodeId, k)).length;
    const u = perUnit.get(s.unitId) ?? share(0, 0);
    perUnit.set(s.unitId, share(u.required + kinds.length, u.accepted + got));
  }
  return { overall: share(req, acc), perStandard, perUnit };
}

/**
 * What is missing: the (standard, kind) slots not accepted that have nothing
 * waiting for review either (no material, or only returned ones).
 */
export function missingSlots(perStandard: Map<number, { missing: string[] }>, materials: { nodeId: number; kind: string; state: string }[]): number {
  const live = materials.filter((m) => m.state !== 'returned');
  const pending = new Set(live.map((m) => `${m.nodeId}:${m.kind}`));
  const any = new Set(live.map((m) => m.nodeId));
  let n = 0;
  for (const [nodeId, s] of perStandard) n += s.missing.filter((k) => (k === '*' ? !any.has(nodeId) : !pending.has(`${nodeId}:${k}`))).length;
  return n;
}

/** Points as the handbook writes them: at most two decimals, 0 < p ≤ 100. */
export function pointsProblem(v: number): string | null {
  if (!Number.isFinite(v) || v <= 0 || v > 100) return '分值应在 0 到 100 之间';
  if (Math.round(v * 100) !== v * 100) return '分值最多两位小数';
  return null;
}
