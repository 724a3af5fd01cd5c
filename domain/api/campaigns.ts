// /api/campaigns: clean-up campaigns (集中整治专项行动, issue 18 item 3): the
// list, one campaign with its areas, target categories and daily records, the
// summary (tallies, per day, the problems it closed: live while it runs,
// frozen when it closes) and its .docx, totals per period, the kinds of
// campaign and of tally (admin-editable), Excel export and the daily records'
// all-or-nothing import.
import { z } from 'zod';
import { day, instant, page, rowId, type Wire } from './common.ts';
import { CAMPAIGN_STATES, TALLY_MEASURES } from '../campaigns.ts';

export const campaignKind = z.object({ id: rowId, code: z.string(), name: z.string(), sort: z.number().int(), active: z.boolean(), version: z.number().int() });
export const tallyKind = campaignKind.extend({ measure: z.enum(TALLY_MEASURES), measureLabel: z.string(), unit: z.string() });
export const campaignKinds = z.object({
  kinds: z.array(campaignKind),
  tallyKinds: z.array(tallyKind),
  defaultKindId: rowId.nullable(),
  can: z.object({ manage: z.boolean() }),
});

const ref = z.object({ id: rowId, name: z.string() });
/** One tally kind's total (person-times, or a result in its unit). */
export const tallyTotal = z.object({
  kindId: rowId,
  code: z.string(),
  name: z.string(),
  measure: z.enum(TALLY_MEASURES),
  unit: z.string(),
  value: z.number().int(),
});

export const campaignItem = z.object({
  id: rowId,
  townCode: z.string(),
  kind: ref.extend({ code: z.string() }),
  theme: z.string(),
  startDate: day,
  endDate: day,
  state: z.enum(CAMPAIGN_STATES),
  phase: z.enum(['upcoming', 'running', 'ended', 'closed']),
  phaseLabel: z.string(),
  areaNames: z.array(z.string()),
  days: z.number().int().describe('已登记的日记录数'),
  staffTotal: z.number().int().describe('投入人次合计'),
});
export const campaignList = page(campaignItem);

export const campaignPhoto = z.object({ id: rowId, url: z.string(), thumbUrl: z.string() });
export const campaignDay = z.object({
  id: rowId,
  onDate: day,
  note: z.string().nullable(),
  counts: z.array(z.object({ kindId: rowId, value: z.number().int() })),
  before: z.array(campaignPhoto),
  after: z.array(campaignPhoto),
  version: z.number().int(),
});

export const campaignDetail = campaignItem.extend({
  areas: z.array(z.object({ communityCode: z.string(), communityName: z.string().nullable(), place: ref.nullable() })),
  categories: z.array(ref),
  summary: z.string().nullable(),
  dayRecords: z.array(campaignDay),
  totals: z.array(tallyTotal),
  linkedProblems: z.number().int().describe('专项行动期间在其区域、类别内结案的问题数'),
  linkedFrozen: z.boolean().describe('true：已结束时固定；false：进行中实时计算'),
  createdByName: z.string().nullable(),
  createdAt: instant,
  closedAt: instant.nullable(),
  version: z.number().int(),
  can: z.object({ edit: z.boolean(), record: z.boolean(), close: z.boolean() }),
});

export const linkedProblem = z.object({
  id: rowId,
  code: z.string(),
  description: z.string(),
  categoryName: z.string(),
  communityName: z.string().nullable(),
  placeName: z.string().nullable(),
  closedAt: instant,
});
export const linkedProblemList = page(linkedProblem);

const countBy = z.array(z.object({ name: z.string(), count: z.number().int() }));
export const campaignSummary = z.object({
  campaign: campaignItem,
  totals: z.array(tallyTotal),
  byDay: z.array(z.object({ onDate: day, values: z.record(z.string(), z.number().int()) })),
  linked: z.object({ total: z.number().int(), frozen: z.boolean(), byCategory: countBy, byCommunity: countBy, onTime: z.number().int() }),
});

export const campaignTotals = z.object({
  from: day,
  to: day,
  region: z.string(),
  campaigns: z.number().int(),
  byKind: z.array(z.object({ kindId: rowId, name: z.string(), campaigns: z.number().int() })),
  totals: z.array(tallyTotal),
  byMonth: z.array(z.object({ month: z.string(), campaigns: z.number().int(), values: z.record(z.string(), z.number().int()) })),
});

export const campaignOptions = z.object({
  townCode: z.string(),
  communities: z.array(z.object({ code: z.string(), name: z.string() })),
  places: z.array(ref.extend({ regionCode: z.string(), kind: z.string() })),
  categories: z.array(ref.extend({ parentId: rowId.nullable(), level: z.number().int() })),
});

export const campaignDayImport = z.object({ saved: z.number().int(), days: z.array(day) });

export type CampaignKinds = Wire<typeof campaignKinds>;
export type TallyKind = Wire<typeof tallyKind>;
export type CampaignItem = Wire<typeof campaignItem>;
export type CampaignList = Wire<typeof campaignList>;
export type CampaignDetail = Wire<typeof campaignDetail>;
export type CampaignDay = Wire<typeof campaignDay>;
export type LinkedProblemList = Wire<typeof linkedProblemList>;
export type CampaignSummary = Wire<typeof campaignSummary>;
export type CampaignTotals = Wire<typeof campaignTotals>;
export type CampaignOptions = Wire<typeof campaignOptions>;
export type CampaignDayImport = Wire<typeof campaignDayImport>;
