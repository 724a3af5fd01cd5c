// GET /api/reinspections (回头看, keyset pages by due date), POST /api/reinspections/:id/result.
import { z } from 'zod';
import { PROBLEM_STATES } from '../problems/vocab.ts';
import { day, instant, page, rowId, type Wire } from './common.ts';

/** The largest page of GET /api/reinspections (`limit`); more is refused with 400. */
export const REINSPECTION_PAGE_MAX = 200;

export const REINSPECTION_STATES = ['scheduled', 'passed', 'recurred'] as const;

export const reinspection = z.object({
  id: rowId,
  state: z.enum(REINSPECTION_STATES),
  stateLabel: z.string(),
  dueDate: day,
  doneAt: instant.nullable(),
  doneByName: z.string().nullable(),
  note: z.string().nullable(),
  problem: z.object({
    id: rowId,
    code: z.string(),
    categoryName: z.string().nullable(),
    placeName: z.string().nullable(),
    address: z.string().nullable(),
    regionCode: z.string(),
    regionName: z.string().nullable(),
    unitName: z.string().nullable(),
    closedAt: instant.nullable(),
  }),
  newProblem: z.object({ id: rowId, code: z.string() }).nullable(),
  canRecord: z.boolean(),
});

export const reinspectionPage = page(reinspection);

export const reinspectionResult = z.object({
  id: rowId,
  state: z.enum(['passed', 'recurred']),
  newProblem: z
    .object({ id: rowId, code: z.string(), state: z.enum(PROBLEM_STATES), dueDate: day.nullable(), unitId: rowId.nullable() })
    .nullable()
    .describe('复发时生成的新问题'),
});

export type Reinspection = Wire<typeof reinspection>;
export type ReinspectionPage = Wire<typeof reinspectionPage>;
