// 问责: GET /api/accountability (keyset pages, newest first), the decision,
// and the thresholds.
import { z } from 'zod';
import { PROBLEM_STATES } from '../problems/vocab.ts';
import { day, instant, page, rowId, type Wire } from './common.ts';

/** The largest page of GET /api/accountability (`limit`); more is refused with 400. */
export const ACCOUNTABILITY_PAGE_MAX = 200;

export const accountabilityItem = z.object({
  id: rowId,
  townCode: z.string(),
  townName: z.string().nullable(),
  subject: z.object({ kind: z.enum(['unit', 'person']), id: rowId, name: z.string().nullable() }),
  cause: z.enum(['rework', 'overdue_days', 'unit_overdue_month']),
  causeLabel: z.string(),
  period: z.string().nullable(),
  problems: z.array(z.object({ id: rowId, code: z.string(), state: z.enum(PROBLEM_STATES) })),
  state: z.enum(['open', 'decided']),
  decision: z.string().nullable(),
  decisionNote: z.string().nullable(),
  decisionDate: day.nullable(),
  decidedByName: z.string().nullable(),
  createdAt: instant,
  can: z.object({ decide: z.boolean() }),
});

export const accountabilityPage = page(accountabilityItem);

export const thresholds = z.object({
  reworkPerProblem: z.number().int().describe('同一问题返工达到此次数即问责'),
  overdueWorkingDays: z.number().int().describe('超期超过此工作日数即问责'),
  unitOverduePerMonth: z.number().int().describe('单位当月超期问题达到此数即问责'),
  can: z.object({ manage: z.boolean() }),
});

export type AccountabilityItem = Wire<typeof accountabilityItem>;
export type AccountabilityPage = Wire<typeof accountabilityPage>;
export type Thresholds = Wire<typeof thresholds>;
