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

const pillar = z.object({
  points: z.number().describe('该项在测评体系中的分值合计'),
  rate: z.number().nullable().describe('得分率 0–1（有数据的标准按分值加权）；null 为暂无数据'),
  coverage: z.number().describe('有数据的分值占比 0–1（实地考察再乘以已测评点位占比）'),
  score: z.number().nullable().describe('按权重折算的预估得分（百分制中的分数）'),
  state: z.enum(['complete', 'partial', 'incomplete']).describe('complete 数据齐全；partial 部分有数据；incomplete 暂无数据'),
});
const pillars = z.object({ field: pillar, material: pillar, survey: pillar });
const total = z.object({
  score: z.number().nullable().describe('预估总分（百分制，按有数据的权重折算）；null 为三项均无数据'),
  coverage: z.number().describe('数据覆盖率 0–1：按权重计的有数据比例'),
  partial: z.boolean().describe('覆盖率不足 100% 时为 true，总分应读作“部分（覆盖率 x%）”'),
});
export const forecastAnswer = z.object({
  region: z.string(),
  level: z.enum(['county', 'town', 'community']),
  year: z.number().int(),
  weights: z
    .object({ field: z.number().int(), material: z.number().int(), survey: z.number().int() })
    .nullable()
    .describe('所用测评周期的权重；县级或无周期时为 null'),
  cycleId: rowId.nullable(),
  pillars,
  total,
  parts: z
    .array(z.object({ code: z.string(), name: z.string(), cycleId: rowId, pillars, total }))
    .describe('县级：各乡镇；乡镇级：各社区（材料审核为乡镇的完整度）'),
  losses: z
    .array(
      z.object({
        standardId: rowId,
        code: z.string(),
        name: z.string(),
        pillar: z.enum(EVAL_METHODS),
        rate: z.number(),
        lost: z.number().describe('该标准使总分损失的分数（县级：各乡镇损失之和除以有得分的乡镇数）'),
        town: z.string().describe('失分所在乡镇（县级：失分最多的乡镇）'),
        fix: z.string(),
        link: z.string().describe('整改入口：该标准点位类型的未办结问题、该乡镇的申报材料或最近一轮问卷的结果'),
      }),
    )
    .describe('失分最多的标准（前 10）；县级按各乡镇汇总'),
  trend: z
    .array(z.object({ month: z.string(), total, field: z.number().nullable(), material: z.number().nullable(), survey: z.number().nullable() }))
    .describe('近 6 个月：各月末的实地考察、材料审核，以及月末前已结束的最近一轮问卷'),
  waves: z
    .array(
      z.object({
        waveId: rowId,
        name: z.string(),
        townCode: z.string(),
        townName: z.string(),
        endsOn: day,
        total,
        field: z.number().nullable(),
        material: z.number().nullable(),
        survey: z.number().nullable(),
      }),
    )
    .describe('最近 6 轮已结束的问卷调查：各轮结束日的预估（实地考察与材料审核为当日情况）'),
});
export type ForecastAnswer = Wire<typeof forecastAnswer>;

export type EvaluationSystem = Wire<typeof evaluationSystem>;
export type EvaluationTree = Wire<typeof evaluationTree>;
export type EvaluationNode = Wire<typeof evaluationNode>;
export type EvaluationCycle = Wire<typeof evaluationCycle>;
export type EvaluationAssignment = Wire<typeof evaluationAssignment>;
export type EvaluationMaterial = Wire<typeof evaluationMaterial>;
export type CompletenessAnswer = Wire<typeof completenessAnswer>;
// The forecast's pillars and total as the 大屏's slot shows them (domain/api/screen.ts).
export { pillars as forecastPillars, total as forecastTotal };
