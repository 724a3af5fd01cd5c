// The problem loop: POST /api/photos, /api/problems (create, read, actions,
// extensions), and its views (list and search, workbench, map, duplicate
// hints, following, Excel import). Binary answers (photos, the .xlsx export)
// are declared with `binary()` and not validated.
import { z } from 'zod';
import { PROBLEM_ACTIONS } from '../problems/workflow.ts';
import { PHOTO_KINDS, PROBLEM_STATES, REJECT_REASONS, SOURCES, TIERS } from '../problems/vocab.ts';
import { day, instant, page, rowId, type Wire } from './common.ts';

const state = z.enum(PROBLEM_STATES);
const tier = z.enum(TIERS);
const source = z.enum(SOURCES);

/** The largest page of GET /api/problems (`limit`); more is refused with 400. */
export const PROBLEM_PAGE_MAX = 200;

/** A photo as uploaded (POST /api/photos, /api/public/photos): attach it by id when the form is sent. */
export const uploadedPhoto = z.object({
  id: rowId,
  width: z.number().int(),
  height: z.number().int(),
  takenAt: instant.nullable().describe('EXIF 拍摄时间'),
  gpsLat: z.number().nullable(),
  gpsLng: z.number().nullable(),
});

export const problemPhoto = z.object({
  id: rowId,
  kind: z.enum(PHOTO_KINDS),
  width: z.number().int(),
  height: z.number().int(),
  takenAt: instant.nullable(),
  gpsLat: z.number().nullable(),
  gpsLng: z.number().nullable(),
  url: z.string(),
  thumbUrl: z.string(),
});

export const timelineEvent = z.object({
  id: rowId,
  at: instant,
  actorName: z.string().nullable(),
  action: z.string(),
  fromState: state.nullable(),
  toState: state.nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.any()).nullable(),
  photoIds: z.array(rowId),
});

export const extensionRow = z.object({
  id: rowId,
  days: z.number().int(),
  reason: z.string(),
  state: z.enum(['pending', 'approved', 'refused']),
  decisionNote: z.string().nullable(),
  oldDueDate: day.nullable(),
  newDueDate: day.nullable(),
  createdAt: instant,
  decidedAt: instant.nullable(),
  requestedByName: z.string().nullable(),
  decidedByName: z.string().nullable(),
});

/** A problem as its page shows it: fields, derived overdue, timeline, photos, and what the caller may do. */
export const problem = z.object({
  id: rowId,
  code: z.string(),
  state,
  stateLabel: z.string(),
  tier,
  tierLabel: z.string(),
  source,
  sourceLabel: z.string(),
  sourceRef: z.string().nullable(),
  category: z.object({ id: rowId, name: z.string(), code: z.string(), kind: z.string() }),
  description: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  townCode: z.string(),
  gridCode: z.string().nullable(),
  place: z
    .object({
      id: rowId,
      name: z.string().nullable(),
      lat: z.number().nullable().describe('点位坐标：问题本身没有坐标时，地图按它显示'),
      lng: z.number().nullable(),
    })
    .nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  address: z.string().nullable(),
  unit: z.object({ id: rowId, name: z.string().nullable() }).nullable(),
  reporter: z.object({ id: rowId.nullable(), name: z.string().nullable(), phone: z.string().nullable().describe('办公室以外看到打码的号码') }),
  dueDate: day.nullable(),
  overdue: z.boolean(),
  overdueDays: z.number().int().describe('超期的工作日数'),
  dispatchedAt: instant.nullable(),
  rectifiedAt: instant.nullable(),
  closedAt: instant.nullable(),
  closedOnTime: z.boolean().nullable(),
  reworkCount: z.number().int(),
  extensionCount: z.number().int(),
  returnCount: z.number().int(),
  rejectReason: z.enum(REJECT_REASONS).nullable(),
  mergedIntoId: rowId.nullable(),
  recurrenceOfId: rowId.nullable(),
  version: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
  timeline: z.array(timelineEvent),
  photos: z.array(problemPhoto),
  extensions: z.array(extensionRow),
  can: z.object({
    actions: z.array(z.object({ action: z.enum(PROBLEM_ACTIONS), label: z.string() })),
    requestExtension: z.boolean(),
    decideExtension: z.boolean(),
    plan: z.boolean(),
  }),
});

/** POST /api/problems: the problem (201), the same problem again for a replayed idempotency key (200, `replayed`), or with `Prefer: return=minimal` its head. */
export const problemCreated = z.union([
  problem.extend({ replayed: z.literal(true).optional() }),
  z.object({ id: rowId, state, version: z.number().int(), url: z.string() }),
]);

export const problemCounts = z.object({
  byState: z.record(z.string(), z.number().int()).describe('每个状态的问题数'),
  overdue: z.number().int(),
  dueToday: z.number().int(),
  today: day,
});

/** A row of the list, the workbench and the export's source. */
export const problemListItem = z.object({
  id: rowId,
  code: z.string(),
  state,
  stateLabel: z.string(),
  tier,
  tierLabel: z.string(),
  categoryId: rowId,
  categoryName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  placeName: z.string().nullable(),
  unitId: rowId.nullable(),
  unitName: z.string().nullable(),
  description: z.string(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  dueDate: day.nullable(),
  overdue: z.boolean(),
  overdueDays: z.number().int(),
  reworkCount: z.number().int(),
  source,
  sourceLabel: z.string(),
  sourceRef: z.string().nullable(),
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  flagged: z.boolean(),
  satisfaction: z.string().nullable(),
  createdAt: instant,
  closedAt: instant.nullable(),
  updatedAt: instant,
  version: z.number().int(),
});

export const problemList = page(problemListItem).extend({
  total: z.number().int().optional().describe('withTotal=1 时：符合条件的数量，最多数到 10000'),
  totalCapped: z.boolean().optional().describe('total 为 10000+ 时为 true'),
  sort: z.enum(['created', 'updated', 'due']),
  today: day,
});

export const workbench = z.object({
  today: day,
  byState: z.record(z.string(), z.number().int()),
  overdue: z.number().int(),
  dueToday: z.number().int(),
  pendingExtensions: z.number().int(),
  awaitingVerification: z.number().int(),
  flagged: z.number().int(),
  myActions: z.object({ total: z.number().int(), items: z.array(problemListItem) }),
});

export const problemMap = z.object({
  zoom: z.number().int(),
  cellDegrees: z.number(),
  total: z.number().int(),
  truncated: z.boolean(),
  clusters: z.array(
    z.object({ lat: z.number(), lng: z.number(), count: z.number().int(), overdue: z.number().int(), worstState: state, worstStateLabel: z.string() }),
  ),
  points: z.array(z.object({ id: rowId, code: z.string(), lat: z.number(), lng: z.number(), state, stateLabel: z.string(), overdue: z.boolean() })),
});

const photoLink = z.object({ id: rowId, url: z.string(), thumbUrl: z.string() });

export const duplicateHints = z.object({
  meters: z.number(),
  days: z.number(),
  items: z.array(
    z.object({
      id: rowId,
      code: z.string(),
      state,
      stateLabel: z.string(),
      categoryName: z.string(),
      regionName: z.string().nullable(),
      description: z.string(),
      createdAt: instant,
      distanceM: z.number().int(),
      followerCount: z.number().int(),
      photos: z.array(photoLink),
    }),
  ),
});

export const followed = z.object({ problemId: rowId, code: z.string(), followed: z.literal(true), followers: z.number().int() });

export const problemImport = z.object({
  imported: z.number().int().describe('新建的问题数（同 created）'),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  items: z.array(z.object({ row: z.number().int(), id: rowId, code: z.string(), state })),
  updatedItems: z.array(z.object({ row: z.number().int(), id: rowId, code: z.string(), version: z.number().int() })),
});

export type UploadedPhoto = Wire<typeof uploadedPhoto>;
export type ProblemPhoto = Wire<typeof problemPhoto>;
export type TimelineEvent = Wire<typeof timelineEvent>;
export type ExtensionRow = Wire<typeof extensionRow>;
export type Problem = Wire<typeof problem>;
export type ProblemListItem = Wire<typeof problemListItem>;
export type ProblemList = Wire<typeof problemList>;
export type Workbench = Wire<typeof workbench>;
export type ProblemMap = Wire<typeof problemMap>;
export type DuplicateHints = Wire<typeof duplicateHints>;
export type ProblemImport = Wire<typeof problemImport>;
export type Followed = Wire<typeof followed>;
