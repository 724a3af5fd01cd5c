// Checklists (测评标准) as the desk reads them (checklists.routes.ts).
import { z } from 'zod';
import { instant, rowId, type Wire } from './common.ts';

const checklistHead = {
  id: rowId,
  pointType: z.string(),
  version: z.number().int(),
  title: z.string(),
  current: z.boolean(),
  note: z.string().nullable(),
  createdAt: instant,
  createdByName: z.string().nullable(),
};

export const checklist = z.object({
  ...checklistHead,
  pointTypeLabel: z.string(),
  totalPoints: z.number(),
  items: z.array(
    z.object({
      id: rowId,
      seq: z.number().int(),
      code: z.string(),
      title: z.string(),
      criterion: z.string(),
      points: z.number(),
      categoryKey: z.string().nullable().describe('如 event:0201'),
      categoryId: rowId.nullable(),
    }),
  ),
});

export const checklists = z.object({
  items: z.array(checklist),
  missingTypes: z.array(z.object({ pointType: z.string(), pointTypeLabel: z.string() })),
  canManage: z.boolean(),
});

export const checklistVersions = z.object({
  pointType: z.string(),
  pointTypeLabel: z.string(),
  versions: z.array(
    z.object({ ...checklistHead, createdBy: rowId.nullable(), itemCount: z.number().int(), totalPoints: z.number(), inspections: z.number().int() }),
  ),
});

export type Checklist = Wire<typeof checklist>;
export type Checklists = Wire<typeof checklists>;
export type ChecklistVersions = Wire<typeof checklistVersions>;
