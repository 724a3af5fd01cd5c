// Inspections as read (the phone's bootstrap and today, the history, one
// inspection), what the phone's sync answers, and who is responsible for what
// (supervision, street chiefs' places, demo points, the place-assignment
// history). Checklists: checklists.ts; compliance and cadence: compliance.ts;
// a point's page and the mock-evaluation report: inspection-reports.ts.
import { z } from 'zod';
import { day, instant, page, rowId, type Wire } from './common.ts';
import { GRADES, INSPECTION_KINDS } from '../inspections/vocab.ts';

const named = z.object({ id: rowId, name: z.string() });
const community = z.object({ code: z.string(), name: z.string() });

/** A place as inspections show it: the phone's list and a point's page (inspection-reports.ts) add their own fields. */
export const inspectionPlace = z.object({
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
});

export const inspectionBootstrap = z.object({
  me: z.object({ id: rowId, name: z.string(), title: z.string().nullable() }),
  today: day,
  kinds: z.array(z.enum(INSPECTION_KINDS)).describe('本人可以记录的巡查类型'),
  kindLabels: z.record(z.string(), z.string()),
  places: z.array(
    inspectionPlace.extend({
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

// ---- the phone's sync (sync.routes.ts) ----

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
