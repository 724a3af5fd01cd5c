// 问责: the decisions a town's leaders may record on an item (no validator
// here: the web imports it).
export const DECISIONS = ['约谈', '通报批评', '绩效扣分', '书面检查', '不予问责'] as const;
export type Decision = (typeof DECISIONS)[number];
