// Wire shapes of reports (issue 19): community daily reports, the town's
// daily and weekly reports, the year-end summary. The web's types are Wire<> of these.
import { z } from 'zod';
import { day, instant, page, rowId, type Wire } from './common.ts';
import { attachments } from './files.ts';
import { figureValue } from './figures.ts';
import { TOWN_REPORT_KINDS, TOWN_REPORT_STATES } from '../reports.ts';

export const DAILY_PAGE_MAX = 200;
export const TOWN_REPORTS_PAGE_MAX = 200;

export const reportSettings = z.object({
  townCode: z.string(),
  cutoff: z.string().describe('截止时间 HH:MM（北京时间）'),
  restDays: z.boolean().describe('周末、节假日也需报送'),
  draftAt: z.string().describe('镇级日报自动起草时间 HH:MM'),
  version: z.number().int().describe('0：尚未保存，使用默认值'),
});

export const dailyFacts = z.object({
  patrolsDone: z.number().int(),
  patrolsMissed: z.number().int(),
  problemsFound: z.number().int(),
  problemsClosed: z.number().int(),
  problemsOverdue: z.number().int(),
  activitiesHeld: z.number().int(),
  meetingsHeld: z.number().int(),
  publicity: z.number().nullable(),
  campaigns: z.number().nullable(),
});

export const dailyReport = z.object({
  id: rowId,
  townCode: z.string(),
  communityCode: z.string(),
  communityName: z.string().nullable(),
  day,
  facts: dailyFacts,
  body: z.string(),
  submittedByName: z.string(),
  submittedAt: instant,
  late: z.boolean(),
  version: z.number().int(),
  photos: z.number().int(),
});
export const dailyReportDetail = dailyReport.omit({ photos: true }).extend({ attachments, can: z.object({ edit: z.boolean() }) });
export const dailyReportPage = page(dailyReport);

/** The form of a community's day: the records pre-filled, the cut-off, and the report when one exists. */
export const dailyForm = z.object({
  communityCode: z.string(),
  communityName: z.string(),
  day,
  cutoff: z.string(),
  owed: z.boolean().describe('该日是否需要报送（工作日，或镇里设置了周末节假日也报送）'),
  lateIfNow: z.boolean().describe('现在提交是否算迟报'),
  facts: dailyFacts,
  report: dailyReportDetail.nullable(),
});

export const missingReports = z.object({
  from: day,
  to: day,
  items: z.array(z.object({ communityCode: z.string(), communityName: z.string().nullable(), day })),
  late: z.number().int().describe('期间内迟报篇数'),
  submitted: z.number().int().describe('期间内已报篇数'),
});

// ---- the town's own reports ----

export const reportBody = z.object({ opening: z.string(), body: z.string(), closing: z.string() });

const count = z.object({ key: z.string(), name: z.string(), found: z.number().int(), closed: z.number().int(), overdue: z.number().int() });
export const townFacts = z.object({
  problems: z.object({ found: z.number().int(), closed: z.number().int(), overdue: z.number().int() }),
  byCommunity: z.array(count),
  byCategory: z.array(count),
  worstPlaces: z.array(z.object({ placeId: z.number().int(), name: z.string(), communityName: z.string().nullable(), problems: z.number().int() })),
  patrols: z.object({ done: z.number().int(), missed: z.number().int(), rate: z.number().nullable() }),
  supervision: z.object({ done: z.number().int(), missed: z.number().int(), rate: z.number().nullable() }),
  noticesIssued: z.number().int(),
  ranking: z
    .object({ period: z.string(), red: z.array(z.string()), black: z.array(z.string()) })
    .nullable()
    .describe('最近一期已发布的红黑榜'),
  communityReports: z.object({ owed: z.number().int(), submitted: z.number().int(), late: z.number().int(), missing: z.array(z.string()) }),
  typicalProblems: z.array(
    z.object({ id: rowId, code: z.string(), description: z.string(), address: z.string().nullable(), photoIds: z.array(z.number().int()) }),
  ),
});

export const townReport = z.object({
  id: rowId,
  kind: z.enum(TOWN_REPORT_KINDS),
  townCode: z.string(),
  townName: z.string().nullable(),
  periodFrom: day,
  periodTo: day,
  year: z.number().int(),
  seq: z.number().int().nullable(),
  issue: z.string().nullable().describe('2026年第5期'),
  revision: z.number().int(),
  state: z.enum(TOWN_REPORT_STATES),
  title: z.string(),
  correctionReason: z.string().nullable(),
  publishedAt: instant.nullable(),
  version: z.number().int(),
});
export const townReportDetail = townReport.extend({
  body: reportBody,
  facts: townFacts,
  previousId: z.number().int().nullable(),
  can: z.object({ edit: z.boolean(), publish: z.boolean(), correct: z.boolean() }),
});
export const townReportPage = page(townReport);

// ---- the year-end summary ----

const segment = z.union([
  z.object({ text: z.string() }),
  z.object({ field: z.string().describe('数字编号'), shown: z.string().describe('文中显示：数值，或“（暂无数据）”') }),
]);
export const yearendDoc = z.object({
  region: z.string(),
  regionName: z.string(),
  regionLevel: z.enum(['county', 'town', 'community']),
  year: z.number().int(),
  style: z.enum(['exact', 'seed']),
  title: z.string(),
  sections: z.array(z.object({ key: z.string(), heading: z.string().nullable(), template: z.string(), segments: z.array(segment) })),
  figures: z.array(figureValue),
  missing: z.array(z.string()).describe('无记录来源的数字（显示为缺失）'),
  empty: z.boolean().describe('该年度全部数字为 0 或缺失'),
  version: z.number().int().describe('0：使用默认文本'),
  can: z.object({ edit: z.boolean() }),
});

export type ReportSettingsWire = Wire<typeof reportSettings>;
export type DailyReport = Wire<typeof dailyReport>;
export type DailyForm = Wire<typeof dailyForm>;
export type TownReport = Wire<typeof townReport>;
export type TownReportDetail = Wire<typeof townReportDetail>;
export type YearendDoc = Wire<typeof yearendDoc>;
