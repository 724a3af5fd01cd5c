// /api/dispatch-rules: the dispatch matrix (category × region → unit) and
// the explanation of where a problem would go.
import { z } from 'zod';
import { instant, rowId, type Wire } from './common.ts';
import { UNIT_KINDS } from '../units.ts';

export const dispatchRule = z.object({
  id: rowId,
  categoryId: rowId.nullable().describe('null：所有类别'),
  categoryCode: z.string().nullable(),
  categoryName: z.string().nullable(),
  categoryKind: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  unitId: rowId,
  unitName: z.string().nullable(),
  unitKind: z.enum(UNIT_KINDS).nullable(),
  unitKindLabel: z.string().nullable(),
  unitRegionCode: z.string().nullable(),
  version: z.number().int(),
  createdAt: instant,
  can: z.object({ update: z.boolean(), delete: z.boolean() }),
});
export const dispatchRuleList = z.object({ items: z.array(dispatchRule), can: z.object({ create: z.boolean() }) });

export const dispatchResolved = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  categoryId: rowId.nullable(),
  categoryName: z.string().nullable(),
  unitId: rowId.nullable(),
  unitName: z.string().nullable(),
  unitKind: z.enum(UNIT_KINDS).nullable(),
  ruleId: rowId.nullable(),
  via: z.enum(['rule', 'category_default', 'community']).nullable().describe('null：需由镇创城办人工派遣'),
  reason: z.string(),
});

export type DispatchRule = Wire<typeof dispatchRule>;
export type Resolved = Wire<typeof dispatchResolved>;
