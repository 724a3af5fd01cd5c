// 集中整 plans: GET/PUT /api/problems/:id/plan, its milestones and progress,
// and the 问题责任清单 (.xlsx).
import { z } from 'zod';
import { day, instant, rowId, type Wire } from './common.ts';

export const milestone = z.object({ id: rowId, title: z.string(), dueDate: day, responsibleName: z.string().nullable(), doneAt: instant.nullable() });

export const plan = z.object({
  id: rowId,
  summary: z.string(),
  measures: z.string().nullable(),
  responsibleName: z.string().nullable(),
  responsiblePersonId: rowId.nullable(),
  version: z.number().int(),
  updatedAt: instant,
  milestones: z.array(milestone),
  progress: z.array(z.object({ id: rowId, at: instant, byName: z.string().nullable(), percent: z.number().int().nullable(), note: z.string() })),
  percent: z.number().int().describe('最近一次填写的进度百分比'),
});

/** A problem's plan (null before one is written) and whether the caller may edit it. */
export const planView = z.object({ plan: plan.nullable(), can: z.object({ edit: z.boolean() }) });

export type Milestone = Wire<typeof milestone>;
export type Plan = Wire<typeof plan>;
export type PlanView = Wire<typeof planView>;
