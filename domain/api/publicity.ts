// /api/publicity: the output registers (articles with 特色供稿, LED
// programmes, handouts, 入户宣传 sessions), the facilities on the map (list,
// one, map layer), the editable kinds and themes, the versioned requirements
// per point type, a point's facilities against its requirement and the
// points short of theirs; Excel export and import.
import { z } from 'zod';
import { day, instant, page, rowId, type Wire } from './common.ts';
import { CHANNELS, CONDITIONS, FACILITY_GROUPS, HANDOUT_KINDS } from '../publicity.ts';

const ref = z.object({ id: rowId, name: z.string() });
const common = {
  id: rowId,
  townCode: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  version: z.number().int(),
  createdAt: instant,
  canEdit: z.boolean(),
};

export const article = z.object({
  ...common,
  channel: z.enum(CHANNELS),
  channelLabel: z.string(),
  channelName: z.string().nullable(),
  title: z.string(),
  url: z.string().nullable(),
  publishedOn: day,
  authorUnit: ref.nullable(),
  featured: z.boolean().describe('特色供稿'),
  carriedBy: z.string().nullable().describe('特色供稿被哪些媒体采用'),
});
export const articleList = page(article);

export const ledProgramme = z.object({
  ...common,
  screen: z.string(),
  facility: ref.nullable(),
  content: z.string(),
  fromDate: day,
  toDate: day,
});
export const ledList = page(ledProgramme);

export const handout = z.object({
  ...common,
  kind: z.enum(HANDOUT_KINDS),
  kindLabel: z.string(),
  title: z.string(),
  quantity: z.number().int(),
  handedOn: day,
  location: z.string().nullable(),
  unit: ref.nullable(),
  activity: ref.nullable(),
  campaignId: rowId.nullable(),
});
export const handoutList = page(handout);

export const doorSession = z.object({
  ...common,
  onDate: day,
  households: z.number().int(),
  note: z.string().nullable(),
  units: z.array(ref),
  joint: z.boolean().describe('有共建单位参加'),
});
export const doorSessionList = page(doorSession);

export const term = z.object({
  id: rowId,
  code: z.string(),
  name: z.string(),
  group: z.enum(FACILITY_GROUPS).nullable(),
  sort: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export const termList = z.object({ kinds: z.array(term), themes: z.array(term), can: z.object({ manage: z.boolean() }) });

const photo = z.object({ id: rowId, url: z.string(), thumbUrl: z.string() });
export const facility = z.object({
  ...common,
  name: z.string(),
  kind: ref.extend({ group: z.string().nullable() }),
  theme: ref.nullable(),
  place: ref.extend({ pointType: z.string().nullable() }).nullable(),
  ownerUnit: ref.nullable(),
  installedOn: day.nullable(),
  condition: z.enum(CONDITIONS),
  conditionLabel: z.string(),
  lat: z.number(),
  lng: z.number(),
  note: z.string().nullable(),
  problem: z.object({ id: rowId, code: z.string(), state: z.string() }).nullable(),
  photoCount: z.number().int(),
});
export const facilityList = page(facility);
const problemRef = z.object({ id: rowId, code: z.string(), state: z.string(), stateLabel: z.string() });
export const facilityEvent = z.object({
  at: instant,
  actorName: z.string().nullable(),
  action: z.enum(['created', 'imported', 'changed', 'damaged']),
  label: z.string().describe('登记、导入、修改状况、报告破损'),
  fromCondition: z.enum(CONDITIONS).nullable(),
  toCondition: z.enum(CONDITIONS).nullable(),
  problem: problemRef.nullable().describe('报告破损时立的问题'),
});
export const facilityDetail = facility.extend({
  photos: z.array(photo),
  history: z.array(facilityEvent).describe('状况变化，旧的在前'),
  problems: z.array(problemRef).describe('因该设施破损而立的问题，新的在前'),
});

export const facilityMap = z.object({
  total: z.number().int(),
  clusters: z.array(z.object({ lat: z.number(), lng: z.number(), count: z.number().int(), damaged: z.number().int() })),
  points: z.array(z.object({ id: rowId, lat: z.number(), lng: z.number(), kindId: rowId, condition: z.enum(CONDITIONS), name: z.string() })),
  truncated: z.boolean(),
});

const requirementLine = z.object({
  kind: ref.nullable(),
  theme: ref.nullable(),
  minCount: z.number().int(),
  label: z.string().describe('如“公益广告 ≥ 5”'),
});
export const requirement = z.object({
  id: rowId,
  pointType: z.string(),
  pointTypeLabel: z.string(),
  version: z.number().int(),
  current: z.boolean(),
  note: z.string().nullable(),
  createdAt: instant,
  items: z.array(requirementLine),
});
export const requirementList = z.object({
  items: z.array(requirement),
  missingTypes: z.array(z.object({ pointType: z.string(), pointTypeLabel: z.string() })),
  canManage: z.boolean(),
});
export const requirementVersions = z.object({ pointType: z.string(), pointTypeLabel: z.string(), versions: z.array(requirement) });

const checkedLine = requirementLine.extend({ have: z.number().int(), short: z.number().int() });
export const pointPublicity = z.object({
  place: ref.extend({ pointType: z.string().nullable(), pointTypeLabel: z.string().nullable(), regionCode: z.string() }),
  requirement: z.object({ id: rowId, version: z.number().int() }).nullable(),
  lines: z.array(checkedLine),
  met: z.boolean(),
  short: z.number().int(),
  facilities: z.array(facility),
});

export const shortPoint = z.object({
  place: ref.extend({ pointType: z.string(), pointTypeLabel: z.string(), regionCode: z.string(), regionName: z.string().nullable() }),
  requirementVersion: z.number().int(),
  short: z.number().int().describe('合计还差的处数'),
  lines: z.array(checkedLine),
});
export const shortPointList = z.object({ items: z.array(shortPoint), truncated: z.boolean() });

export const publicityImport = z.object({ created: z.number().int(), items: z.array(z.object({ id: rowId, row: z.number().int() })) });

export type Article = Wire<typeof article>;
export type LedProgramme = Wire<typeof ledProgramme>;
export type Handout = Wire<typeof handout>;
export type DoorSession = Wire<typeof doorSession>;
export type PublicityTerm = Wire<typeof term>;
export type PublicityTermList = Wire<typeof termList>;
export type Facility = Wire<typeof facility>;
export type FacilityList = Wire<typeof facilityList>;
export type FacilityDetail = Wire<typeof facilityDetail>;
export type FacilityEvent = Wire<typeof facilityEvent>;
export type FacilityMap = Wire<typeof facilityMap>;
export type PublicityRequirement = Wire<typeof requirement>;
export type PublicityRequirementList = Wire<typeof requirementList>;
export type PointPublicity = Wire<typeof pointPublicity>;
export type ShortPointList = Wire<typeof shortPointList>;
export type PublicityImport = Wire<typeof publicityImport>;
