// Inspections as read (the phone's bootstrap and today, the history, one
// inspection) and who is responsible for what (supervision, street chiefs'
// places, demo points, the place-assignment history).
import { z } from 'zod';
import { day, instant, page, rowId, type Wire } from './common.ts';
import { GRADES, INSPECTION_KINDS } from '../inspections/vocab.ts';
import { CADENCE_PERIODS } from '../inspections/cadence.ts';

const named = z.object({ id: rowId, name: z.string() });
const community = z.object({ code: z.string(), name: z.string() });

export const inspectionBootstrap = z.object({
  me: z.object({ id: rowId, name: z.string(), title: z.string().nullable() }),
  today: day,
  kinds: z.array(z.enum(INSPECTION_KINDS)).describe('本人可以记录的巡查类型'),
  kindLabels: z.record(z.string(), z.string()),
  places: z.array(
    z.object({
      id: rowId,
      kind: z.string(),
      kindLabel: z.string(),
      name: z.string(),
      address: z.string().nullable(),
      regionCode: z.string(),
      communityCode: z.string(),
      communityName: z.string().nullable(),
      pointType: z.string().nullable(),
      pointTypeLabel: z.string().nullable(),
      isDemoPoint: z.boolean(),
      lat: z.number().nullable(),
      lng: z.number().nullable(),
      checklistId: rowId.nullable(),
      assigned: z.boolean(),
    }),
  ),
  checklists: z.array(
    z.object({
      id: rowId,
      pointType: z.string(),
      pointTypeLabel: z.string(),
      version: z.number().int(),
      title: z.string(),
      items: z.array(z.object({ id: rowId, code: z.string(), title: z.string(), criterion: z.string(), points: z.number(), categoryId: rowId.nullable() })),
    }),
  ),
  categories: z.array(z.object({ id: rowId, name: z.string(), plainName: z.string().nullable(), group: z.string().nullable(), defaultTier: z.string() })),
  grades: z.array(z.object({ grade: z.string(), coefficient: z.number() })),
  cadence: z.array(
    z.object({
      kind: z.string(),
      kindLabel: z.string(),
      period: z.string(),
      periodLabel: z.string(),
      times: z.number().int(),
      countWeekends: z.boolean(),
      countHolidays: z.boolean(),
    }),
  ),
});

export const inspectionToday = z.object({
  date: day,
  countedDay: z.boolean().describe('今天是否计入巡查频次'),
  places: z.array(
    z.object({
      placeId: rowId,
      name: z.string(),
      communityName: z.string().nullable(),
      kind: z.string(),
      pointType: z.string().nullable(),
      pointTypeLabel: z.string().nullable(),
      due: z.boolean(),
      doneToday: z.boolean(),
      lastInspectedOn: day.nullable(),
    }),
  ),
  doneToday: z.array(
    z.object({
      id: rowId,
      kind: z.enum(INSPECTION_KINDS),
      kindLabel: z.string(),
      state: z.string(),
      stateLabel: z.string(),
      placeId: rowId.nullable(),
      placeName: z.string().nullable(),
      startedAt: instant,
      finishedAt: instant.nullable(),
      problemsFound: z.number().int(),
      score: z.number().nullable(),
      maxScore: z.number().nullable(),
      rate: z.number().nullable(),
    }),
  ),
  openProblems: z.array(
    z.object({
      id: rowId,
      code: z.string(),
      state: z.string(),
      stateLabel: z.string(),
      categoryName: z.string(),
      placeName: z.string().nullable(),
      dueDate: day.nullable(),
      overdue: z.boolean(),
    }),
  ),
});

export const inspectionRow = z.object({
  id: rowId,
  kind: z.string(),
  kindLabel: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  onDate: day,
  startedAt: instant,
  finishedAt: instant.nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  communityCode: z.string(),
  communityName: z.string().nullable(),
  place: z
    .object({ id: rowId, name: z.string().nullable(), kind: z.string().nullable(), pointType: z.string().nullable(), pointTypeLabel: z.string().nullable() })
    .nullable(),
  inspector: named,
  batch: z.string().nullable(),
  gradedItems: z.number().int(),
  score: z.number().nullable(),
  maxScore: z.number().nullable(),
  rate: z.number().nullable(),
  problemsFound: z.number().int(),
});

/** GET /api/inspections: newest first, keyset pages (`cursor`, `limit` ≤ INSPECTION_PAGE_MAX). */
export const INSPECTION_PAGE_MAX = 200;
export const INSPECTION_PAGE_DEFAULT = 20;
export const inspectionList = page(inspectionRow);

const photo = z.object({ id: rowId, url: z.string(), thumbUrl: z.string() });

export const inspectionDetail = inspectionRow.extend({
  note: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  track: z
    .array(z.tuple([z.number(), z.number(), z.number()]))
    .nullable()
    .describe('GPS 轨迹 [[纬度, 经度, 毫秒时间戳], ...]'),
  checklist: z
    .object({ id: rowId, pointType: z.string(), pointTypeLabel: z.string().nullable(), version: z.number().int(), title: z.string(), current: z.boolean() })
    .nullable(),
  items: z.array(
    z.object({
      itemId: rowId,
      code: z.string(),
      title: z.string(),
      criterion: z.string(),
      points: z.number(),
      grade: z.enum(GRADES).nullable(),
      coefficient: z.number().nullable(),
      score: z.number().nullable(),
      note: z.string().nullable(),
      photos: z.array(photo),
    }),
  ),
  problems: z.array(
    z.object({
      id: rowId,
      code: z.string(),
      state: z.string(),
      stateLabel: z.string(),
      tier: z.string(),
      categoryName: z.string(),
      description: z.string(),
      dueDate: day.nullable(),
      closedAt: instant.nullable(),
      item: z.object({ id: rowId, code: z.string().nullable(), title: z.string().nullable() }).nullable(),
    }),
  ),
});

const supervisor = z.object({ id: rowId, name: z.string(), title: z.string().nullable(), roles: z.array(z.string()), communities: z.array(community) });

export const supervision = z.object({
  regionCode: z.string(),
  communities: z.array(community.extend({ supervisors: z.array(named) })),
  supervisors: z.array(supervisor),
  canManage: z.boolean(),
});

export const responsibility = z.object({
  regionCode: z.string(),
  streetChiefs: z.array(
    z.object({
      id: rowId,
      name: z.string(),
      title: z.string().nullable(),
      places: z.array(z.object({ id: rowId, name: z.string(), kind: z.string(), kindLabel: z.string(), communityName: z.string().nullable() })),
    }),
  ),
  supervisors: z.array(supervisor),
  communitiesWithoutSupervisor: z.array(community),
  demoPoints: z.array(
    z.object({
      id: rowId,
      name: z.string(),
      pointType: z.string().nullable(),
      pointTypeLabel: z.string().nullable(),
      communityCode: z.string(),
      communityName: z.string().nullable(),
      unit: z.object({ id: rowId, name: z.string().nullable() }).nullable(),
    }),
  ),
  canManage: z.boolean(),
});

export const placeAssignments = z.object({
  regionCode: z.string(),
  range: z.object({ from: day, to: day }),
  today: day,
  earliestChange: day,
  truncated: z.boolean().describe('超过 5000 行：请缩小日期范围'),
  items: z.array(
    z.object({
      personId: rowId,
      personName: z.string(),
      placeId: rowId,
      placeName: z.string(),
      placeKind: z.string(),
      communityCode: z.string(),
      communityName: z.string().nullable(),
      validFrom: day,
      validTo: day.nullable(),
      lastDay: day.nullable(),
    }),
  ),
});

export type InspectionBootstrap = Wire<typeof inspectionBootstrap>;
export type InspectionToday = Wire<typeof inspectionToday>;
export type InspectionRow = Wire<typeof inspectionRow>;
export type InspectionList = Wire<typeof inspectionList>;
export type InspectionDetail = Wire<typeof inspectionDetail>;
export type Supervision = Wire<typeof supervision>;
export type Responsibility = Wire<typeof responsibility>;
export type PlaceAssignments = Wire<typeof placeAssignments>;

// ---- checklists (测评标准) and the phone's sync ----

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

export const syncResponse = z.object({
  results: z.array(
    z.object({
      key: z.string(),
      type: z.enum(['photo', 'inspection', 'problem', 'action', 'damage', 'poll']),
      status: z.enum(['created', 'updated', 'replayed', 'failed']),
      id: rowId.optional().describe('服务器上的编号（照片、巡查或问题；报告破损为其问题）'),
      code: z.string().optional().describe('问题的编号'),
      state: z
        .string()
        .optional()
        .describe('整改操作（action）或报告破损（damage）之后问题的状态；问卷答卷（poll）为 in_quota 或 out_of_quota（超配额，已保存并标记）'),
      version: z.number().int().optional().describe('整改操作之后问题的版本'),
      error: z.object({ code: z.string(), message: z.string(), fields: z.array(z.object({ path: z.string(), message: z.string() })).optional() }).optional(),
    }),
  ),
});

export type Checklist = Wire<typeof checklist>;
export type Checklists = Wire<typeof checklists>;
export type ChecklistVersions = Wire<typeof checklistVersions>;

// ---- compliance and cadence (compliance.routes.ts) ----

const kind = z.enum(INSPECTION_KINDS);
const slotStatus = z.enum(['done', 'missed', 'due', 'upcoming']);
/** Slots owed, done, missed (ended undone), still due; rate = done ÷ (done + missed), null when nothing is settled. */
export const figures = z.object({
  expected: z.number().int(),
  done: z.number().int(),
  missed: z.number().int(),
  due: z.number().int(),
  rate: z.number().nullable(),
});
const figuresByKind = z.partialRecord(kind, figures);
const range = z.object({ from: day, to: day });

export const cadence = z.object({ period: z.enum(CADENCE_PERIODS), times: z.number().int(), countWeekends: z.boolean(), countHolidays: z.boolean() });
const cadenceConfig = z.record(kind, cadence);

export const cadenceSettings = z.object({
  regionCode: z.string(),
  today: day,
  cadence: cadenceConfig.describe('今天生效的频次'),
  inheritedFrom: z.enum(['own', 'county', 'global', 'default']),
  effectiveFrom: day.nullable().describe('生效版本的起始日期；null 为默认值'),
  versions: z
    .array(
      z.object({
        version: z.number().int(),
        effectiveFrom: day,
        cadence: cadenceConfig,
        note: z.string().nullable(),
        createdByName: z.string().nullable(),
        createdAt: instant,
        inForce: z.boolean(),
        scheduled: z.boolean().describe('将来某日起生效'),
      }),
    )
    .describe('本区划自己的版本，新的在前'),
  labels: z.object({ kinds: z.record(z.string(), z.string()), periods: z.record(z.string(), z.string()) }),
  can: z.object({ manage: z.boolean() }),
});

const regionFigures = z.object({ code: z.string(), name: z.string(), total: figures, kinds: figuresByKind });

export const compliance = z.object({
  region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  range,
  today: day,
  kinds: z.array(figures.extend({ kind, label: z.string(), period: z.enum(CADENCE_PERIODS).nullable(), periodLabel: z.string().nullable() })),
  towns: z.array(regionFigures).describe('仅县级区划'),
  communities: z.array(regionFigures),
  people: z.array(
    figures.extend({
      personId: rowId,
      name: z.string(),
      kind,
      kindLabel: z.string(),
      townCode: z.string(),
      townName: z.string().nullable(),
      communityCode: z.string(),
      communityName: z.string().nullable(),
      places: z.number().int().describe('统计期内负责过的点位数'),
    }),
  ),
  places: z.array(
    figures.extend({
      placeId: rowId,
      name: z.string(),
      kind,
      kindLabel: z.string(),
      communityCode: z.string(),
      communityName: z.string().nullable(),
      people: z.array(named),
    }),
  ),
  can: z.object({ manage: z.boolean() }),
});

const slotPlace = z.object({
  placeId: rowId.nullable(),
  name: z.string().nullable(),
  kind,
  status: slotStatus,
  statusLabel: z.string(),
  done: z.number().int(),
});

export const personCalendar = z.object({
  person: z.object({ id: rowId, name: z.string(), regionCode: z.string(), roles: z.array(z.string()), active: z.boolean() }),
  month: z.string(),
  range,
  today: day,
  places: z.array(
    z.object({
      id: rowId,
      name: z.string(),
      kind: z.string(),
      regionCode: z.string(),
      validFrom: day,
      validTo: day.nullable().describe('不再负责的第一天；null 为仍在负责'),
    }),
  ),
  totals: figuresByKind,
  days: z.array(
    figures.extend({ date: day, dayType: z.enum(['workday', 'weekend', 'holiday', 'makeup']), inspections: z.number().int(), places: z.array(slotPlace) }),
  ),
  slots: z.array(
    z.object({
      kind,
      kindLabel: z.string(),
      period: z.enum(CADENCE_PERIODS),
      key: z.string(),
      start: day,
      end: day,
      placeId: rowId.nullable(),
      placeName: z.string().nullable(),
      done: z.number().int(),
      times: z.number().int(),
      status: slotStatus,
      statusLabel: z.string(),
    }),
  ),
});

export const miss = z.object({
  id: rowId,
  kind,
  kindLabel: z.string(),
  townCode: z.string(),
  regionCode: z.string(),
  communityName: z.string().nullable(),
  personId: rowId.nullable(),
  personName: z.string().nullable(),
  placeId: rowId.nullable(),
  placeName: z.string().nullable(),
  periodStart: day,
  periodEnd: day,
  slotKey: z.string(),
  recordedAt: instant,
});
/** GET /api/inspections/misses: newest period first, keyset pages (`cursor`, `limit` ≤ MISS_PAGE_MAX). */
export const MISS_PAGE_MAX = 200;
export const missList = page(miss);

// ---- a point's page (points.routes.ts) and the mock-evaluation report (report.routes.ts) ----

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
  place: z.object({
    id: rowId,
    kind: z.string(),
    kindLabel: z.string(),
    name: z.string(),
    address: z.string().nullable(),
    regionCode: z.string(),
    communityCode: z.string(),
    communityName: z.string().nullable(),
    townName: z.string().nullable(),
    pointType: z.string().nullable(),
    pointTypeLabel: z.string().nullable(),
    checklistType: z.string().nullable(),
    checklistTypeLabel: z.string().nullable(),
    isDemoPoint: z.boolean(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
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

export type Figures = Wire<typeof figures>;
export type CadenceSettings = Wire<typeof cadenceSettings>;
export type Compliance = Wire<typeof compliance>;
export type PersonCalendar = Wire<typeof personCalendar>;
export type Miss = Wire<typeof miss>;
export type MissList = Wire<typeof missList>;
export type ProblemBrief = Wire<typeof problemBrief>;
export type PointPage = Wire<typeof pointPage>;
export type EvaluationReport = Wire<typeof evaluationReport>;
export type BatchList = Wire<typeof batchList>;
