// A point's page (points.routes.ts) and the mock-evaluation report with its
// batches (report.routes.ts).
import { z } from 'zod';
import { day, instant, rowId, type Wire } from './common.ts';
import { GRADES, INSPECTION_KINDS } from '../inspections/vocab.ts';
import { inspectionPlace } from './inspections.ts';

const kind = z.enum(INSPECTION_KINDS);

export const problemBrief = z.object({
  id: rowId,
  code: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  categoryName: z.string().nullable(),
  description: z.string(),
  tier: z.string(),
  tierLabel: z.string(),
  communityCode: z.string(),
  communityName: z.string().nullable(),
  placeName: z.string().nullable(),
  dueDate: day.nullable(),
  overdue: z.boolean(),
  overdueDays: z.number().int(),
  createdAt: instant,
});

const inspectionHead = z.object({
  id: rowId,
  kind,
  kindLabel: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  onDate: day,
  finishedAt: instant.nullable(),
  inspectorName: z.string(),
  batch: z.string().nullable(),
  score: z.number().nullable(),
  max: z.number().nullable(),
  rate: z.number().nullable(),
  problemsFound: z.number().int(),
});

export const pointPage = z.object({
  place: inspectionPlace.extend({
    townName: z.string().nullable(),
    checklistType: z.string().nullable(),
    checklistTypeLabel: z.string().nullable(),
    responsibleUnit: z.object({ id: rowId, name: z.string().nullable() }).nullable(),
    streetChiefs: z.array(z.object({ id: rowId, name: z.string(), title: z.string().nullable() })),
  }),
  latest: inspectionHead
    .extend({
      checklist: z.object({ id: rowId.nullable(), version: z.number().int().nullable(), title: z.string().nullable(), pointType: z.string().nullable() }),
      items: z.array(
        z.object({
          itemId: rowId,
          code: z.string(),
          title: z.string(),
          criterion: z.string(),
          points: z.number(),
          grade: z.enum(GRADES).nullable(),
          score: z.number().nullable(),
          note: z.string().nullable(),
        }),
      ),
    })
    .nullable()
    .describe('最近一次评了分的检查'),
  trend: z.array(
    z.object({
      id: rowId,
      onDate: day,
      kind,
      kindLabel: z.string(),
      batch: z.string().nullable(),
      score: z.number(),
      max: z.number(),
      rate: z.number().nullable(),
    }),
  ),
  countsByKind: z.array(z.object({ kind, label: z.string(), count: z.number().int(), lastOn: day.nullable() })),
  recent: z.array(inspectionHead),
  openProblems: z.array(problemBrief),
});

const typeRate = z.object({
  pointType: z.string(),
  label: z.string().nullable(),
  points: z.number().int(),
  score: z.number(),
  max: z.number(),
  rate: z.number().nullable(),
});
const worstItem = z.object({
  pointType: z.string(),
  pointTypeLabel: z.string().nullable(),
  code: z.string(),
  title: z.string(),
  criterion: z.string(),
  points: z.number(),
  graded: z.number().int(),
  counts: z.object({ A: z.number().int(), B: z.number().int(), C: z.number().int(), 'C#': z.number().int() }),
  bad: z.number().int(),
  avgCoefficient: z.number(),
  lostPoints: z.number(),
});
const stateCount = z.object({ state: z.string(), label: z.string(), count: z.number().int() });

export const evaluationReport = z.object({
  title: z.string(),
  town: z.object({ code: z.string(), name: z.string() }),
  region: z.object({ code: z.string(), name: z.string() }),
  filter: z.object({ kind, kindLabel: z.string(), batch: z.string().nullable(), from: day.nullable(), to: day.nullable(), period: z.string() }),
  pointTypes: z.array(z.object({ pointType: z.string(), label: z.string().nullable() })),
  total: z.object({
    overall: z.number().nullable().describe('得分率（小数）'),
    pointsEvaluated: z.number().int(),
    inspections: z.number().int(),
    byType: z.array(typeRate),
    worstItems: z.array(worstItem),
    problems: z.object({ total: z.number().int(), byState: z.array(stateCount) }),
  }),
  communities: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      overall: z.number().nullable(),
      pointsEvaluated: z.number().int(),
      inspections: z.number().int(),
      byType: z.array(typeRate),
      points: z.array(
        z.object({
          placeId: rowId.nullable(),
          name: z.string(),
          pointType: z.string(),
          pointTypeLabel: z.string().nullable(),
          inspectionId: rowId,
          onDate: day,
          inspectorName: z.string(),
          score: z.number(),
          max: z.number(),
          rate: z.number().nullable(),
          problemsFound: z.number().int(),
        }),
      ),
      worstItems: z.array(worstItem),
      problems: z.object({ total: z.number().int(), byState: z.array(stateCount), items: z.array(problemBrief.extend({ inspectionId: rowId })) }),
    }),
  ),
});

export const batchList = z.object({
  items: z.array(
    z.object({
      batch: z.string(),
      from: day,
      to: day,
      points: z.number().int(),
      inspections: z.number().int(),
      inProgress: z.number().int(),
      communities: z.number().int(),
      inspectors: z.array(z.string()),
    }),
  ),
});

export type ProblemBrief = Wire<typeof problemBrief>;
export type PointPage = Wire<typeof pointPage>;
export type EvaluationReport = Wire<typeof evaluationReport>;
export type BatchList = Wire<typeof batchList>;
