// Response schemas of the national evaluation (issue 20): the 测评体系 versions
// and their trees, the town's cycle, the departments' materials and completeness.
import { z } from 'zod';
import { day, instant, page, rowId, type Wire } from './common.ts';
import { EVAL_LEVELS, EVAL_METHODS, EVIDENCE_TYPES, MATERIAL_KINDS, MATERIAL_STATES } from '../evaluation.ts';

export const evaluationSystem = z.object({
  id: rowId,
  townCode: z.string(),
  version: z.number().int(),
  name: z.string(),
  source: z.enum(['seed', 'import']),
  standards: z.number().int(),
  points: z.number(),
  createdAt: instant,
  createdByName: z.string().nullable(),
  /** Cycles measured against it (a version in use is never changed: a change is a new version). */
  cycles: z.array(z.number().int()).describe('以此版本测评的年度'),
});
export const evaluationSystems = z.object({ items: z.array(evaluationSystem), can: z.object({ manage: z.boolean() }) });

export const evaluationNode = z.object({
  id: rowId,
  parentId: rowId.nullable(),
  level: z.enum(EVAL_LEVELS),
  code: z.string(),
  name: z.string(),
  methods: z.array(z.enum(EVAL_METHODS)),
  points: z.number().nullable(),
  departmentNames: z.array(z.string()),
  units: z.array(z.object({ id: rowId, name: z.string() })).describe('本镇对应的责任单位'),
  pointTypes: z.array(z.string()),
  checklistItems: z
    .array(z.object({ code: z.string(), pointType: z.string().nullable(), title: z.string().nullable() }))
    .describe('对应的巡查清单条目（当前版本；title 为 null 表示清单中已无此条目）'),
  materialKinds: z.array(z.enum(MATERIAL_KINDS)),
});
export const evaluationTree = z.object({
  system: evaluationSystem,
  nodes: z.array(evaluationNode).describe('按手册顺序；联络员只见本单位负责的标准及其上级'),
  totals: z.object({ standards: z.number().int(), points: z.number(), byMethod: z.record(z.string(), z.number()) }),
});
export const importedSystem = z.object({ system: evaluationSystem, unmatchedDepartments: z.array(z.string()) });

export const evaluationCycle = z.object({
  id: rowId,
  townCode: z.string(),
  year: z.number().int(),
  systemId: rowId,
  systemVersion: z.number().int(),
  systemName: z.string(),
  testMonth: z.string().describe('假定测评月 YYYY-MM'),
  window: z.object({ from: day, to: day }).describe('材料有效期：测评月前 12 个月'),
  deadline: day,
  remindDays: z.number().int().describe('截止前几个工作日提醒责任单位（0 为不提醒）'),
  weights: z.object({ field: z.number().int(), material: z.number().int(), survey: z.number().int() }).describe('测评预估的三项权重，和为 100'),
  version: z.number().int(),
  assignments: z.number().int(),
  updatedAt: instant,
});
export const evaluationCycles = z.object({ items: z.array(evaluationCycle), can: z.object({ manage: z.boolean() }) });

export const share = z.object({ required: z.number().int(), accepted: z.number().int(), rate: z.number() });
export const evaluationMaterial = z.object({
  id: rowId,
  assignmentId: rowId,
  nodeId: rowId,
  unitId: rowId,
  unitName: z.string(),
  kind: z.enum(MATERIAL_KINDS),
  title: z.string(),
  dated: day,
  file: z.object({ kind: z.string(), id: rowId, name: z.string().nullable() }).nullable(),
  evidence: z.object({ type: z.enum(EVIDENCE_TYPES), id: rowId.nullable(), ref: z.string().nullable(), link: z.string().nullable() }).nullable(),
  state: z.enum(MATERIAL_STATES),
  reviewComment: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewedAt: instant.nullable(),
  version: z.number().int(),
  createdByName: z.string().nullable(),
  createdAt: instant,
});
export const evaluationAssignment = z.object({
  id: rowId,
  cycleId: rowId,
  nodeId: rowId,
  code: z.string(),
  name: z.string(),
  path: z.string().describe('测评项目 / 测评内容'),
  points: z.number().nullable(),
  kinds: z.array(z.enum(MATERIAL_KINDS)),
  unitId: rowId,
  unitName: z.string(),
  townCode: z.string(),
  year: z.number().int(),
  testMonth: z.string(),
  deadline: day,
  overdue: z.boolean(),
  standard: share.extend({ missing: z.array(z.string()) }).describe('该标准（各责任单位合计）的完整度'),
  materials: z.array(evaluationMaterial),
  can: z.object({ submit: z.boolean(), review: z.boolean() }),
});
export const assignmentPage = page(evaluationAssignment);
export const completenessAnswer = z.object({
  cycleId: rowId,
  overall: share,
  counts: z.object({ submitted: z.number().int(), accepted: z.number().int(), returned: z.number().int(), missing: z.number().int() }),
  departments: z.array(
    share.extend({
      unitId: rowId,
      unitName: z.string(),
      missing: z.array(z.object({ nodeId: rowId, code: z.string(), name: z.string(), kinds: z.array(z.string()), deadline: day, overdue: z.boolean() })),
    }),
  ),
});

export type EvaluationSystem = Wire<typeof evaluationSystem>;
export type EvaluationTree = Wire<typeof evaluationTree>;
export type EvaluationNode = Wire<typeof evaluationNode>;
export type EvaluationCycle = Wire<typeof evaluationCycle>;
export type EvaluationAssignment = Wire<typeof evaluationAssignment>;
export type EvaluationMaterial = Wire<typeof evaluationMaterial>;
export type CompletenessAnswer = Wire<typeof completenessAnswer>;
