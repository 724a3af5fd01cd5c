// /api/assessment: rules (versioned), settings, the points ledger and the
// "why" of a score, indicators, rankings with their approval, the rank
// history; /api/public/rankings/latest: the published red/black list.
import { z } from 'zod';
import { day, instant, rowId, type Wire } from './common.ts';
import { PERIOD_KINDS } from '../assessment/periods.ts';
import { EVENT_KINDS, SUBJECT_KINDS } from '../assessment/rules.ts';
import { RANKING_ACTIONS, RANKING_STATES } from '../assessment/publication.ts';

export const period = z.object({ kind: z.enum(PERIOD_KINDS), start: day, end: day, title: z.string() });

export const ruleVersion = z.object({
  id: rowId,
  ruleKey: z.string(),
  version: z.number().int(),
  regionCode: z.string(),
  name: z.string(),
  eventKind: z.enum(EVENT_KINDS),
  subjectKind: z.enum(SUBJECT_KINDS),
  points: z.number(),
  capPerPeriod: z.number().nullable().describe('每期上限；null 不设上限'),
  threshold: z.number().int().nullable().describe('月度活动场次不足规则的每月最少场次；其他规则为 null'),
  active: z.boolean(),
  effectiveFrom: day,
  note: z.string().nullable(),
  createdAt: instant,
});
export const ruleList = z.object({
  rules: z.array(
    z.object({
      ruleKey: z.string(),
      regionCode: z.string(),
      eventKind: z.enum(EVENT_KINDS),
      subjectKind: z.enum(SUBJECT_KINDS),
      eventLabel: z.string(),
      subjectLabel: z.string(),
      current: ruleVersion.nullable().describe('今天生效的版本'),
      versions: z.array(ruleVersion),
      canManage: z.boolean(),
    }),
  ),
  can: z.object({ manage: z.boolean() }),
});

export const weights = z.object({ closeRate: z.number(), onTimeRate: z.number(), reworkRate: z.number() });
export const assessmentConfig = z.object({
  baseScore: z.number(),
  weights,
  lists: z.object({
    redSize: z.number().int(),
    blackSize: z.number().int(),
    minRedScore: z.number().nullish(),
    maxBlackScore: z.number().nullish(),
  }),
});

export const recomputed = z.object({
  region: z.string(),
  month: day,
  problems: z.number().int(),
  missedPatrols: z.number().int(),
  entries: z.number().int(),
  deleted: z.number().int(),
  inserted: z.number().int(),
  points: z.number(),
});

export const ledgerEntry = z.object({
  id: rowId,
  townCode: z.string(),
  subjectKind: z.enum(SUBJECT_KINDS),
  subjectRef: z.string(),
  onDate: day,
  points: z.number(),
  quantity: z.number().int(),
  eventKind: z.enum(EVENT_KINDS),
  ruleId: rowId,
  ruleKey: z.string(),
  ruleVersion: z.number().int(),
  causeKind: z.enum(['problem', 'ranking', 'miss', 'activity', 'activity_month', 'meeting_week', 'daily_report']),
  causeId: rowId,
  causeRef: z.string(),
  causeEventId: rowId.nullable(),
  note: z.string().nullable(),
  derived: z.boolean(),
});
/** One period of a region's ledger: bounded by the period, not paged. */
export const ledger = z.array(ledgerEntry);

export const why = z.object({
  subject: z.object({ kind: z.enum(SUBJECT_KINDS), ref: z.string(), name: z.string() }),
  period,
  baseScore: z.number(),
  points: z.number(),
  score: z.number(),
  /** Rule entries as a recompute now would make them (id null until the nightly job stores them); ranking entries as stored. */
  entries: z.array(ledgerEntry.extend({ id: rowId.nullable(), ruleName: z.string().nullable(), eventLabel: z.string() })),
});

const counts = {
  filed: z.number().int(),
  due: z.number().int(),
  closed: z.number().int(),
  onTime: z.number().int(),
  rework: z.number().int(),
  overdue: z.number().int(),
};
export const indicators = z.object({
  ...counts,
  closeRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  reworkRate: z.number().nullable(),
  composite: z.number().nullable().describe('综合指标 0-100'),
});
export const indicatorTable = z.object({
  period,
  groupBy: z.enum(['community', 'town', 'unit']),
  weights,
  rows: z.array(indicators.extend({ code: z.string(), name: z.string() })),
  total: indicators,
});

export const rankedRow = z.object({
  code: z.string(),
  name: z.string(),
  points: z.number(),
  score: z.number(),
  rank: z.number().int().nullable(),
  list: z.enum(['red', 'black']).nullable(),
  noData: z.boolean(),
  indicators,
});
/** A ranking record without its rows (those are the view's `rows`). */
export const rankingRecord = z.object({
  id: rowId,
  regionCode: z.string(),
  level: z.string().describe('community 或 town'),
  periodKind: z.string().describe('day、week、month、quarter 或 year'),
  periodStart: day,
  periodEnd: day,
  title: z.string(),
  state: z.string().describe('draft、submitted 或 published'),
  version: z.number().int(),
  preparedBy: rowId.nullable(),
  preparedAt: instant.nullable(),
  approvedBy: rowId.nullable(),
  approvedAt: instant.nullable(),
  rejectNote: z.string().nullable(),
  publishedAt: instant.nullable(),
  publishedBy: rowId.nullable(),
});
export const rankingView = z.object({
  period,
  level: z.enum(['community', 'town']),
  published: z.boolean(),
  state: z.enum(['none', ...RANKING_STATES]),
  stateLabel: z.string(),
  rejectNote: z.string().nullable(),
  ranking: rankingRecord.nullable(),
  rows: z.array(rankedRow),
  can: z.object({ manage: z.boolean(), actions: z.array(z.object({ action: z.enum(RANKING_ACTIONS), label: z.string() })) }),
});

export const rankHistory = z.object({
  periods: z.array(z.object({ start: day, title: z.string() })).describe('最近 24 期已发布的排名'),
  series: z.array(z.object({ code: z.string(), name: z.string(), ranks: z.array(z.number().int().nullable()) })),
});

const listed = z.object({ code: z.string(), name: z.string(), rank: z.number().int().nullable(), score: z.number() });
export const publicRanking = z.object({
  title: z.string(),
  periodKind: z.string().describe('day、week、month、quarter 或 year'),
  periodStart: day,
  periodEnd: day,
  publishedAt: instant.nullable(),
  red: z.array(listed),
  black: z.array(listed),
});

/** GET /api/public/rankings/towns: the towns with a published red/black list (the public page's picker). */
export const publicTowns = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string(), title: z.string().describe('最新一期的标题'), publishedAt: instant.nullable() })),
});

export type RuleVersionRow = Wire<typeof ruleVersion>;
export type RuleList = Wire<typeof ruleList>;
export type AssessmentConfig = Wire<typeof assessmentConfig>;
export type LedgerEntry = Wire<typeof ledgerEntry>;
export type Why = Wire<typeof why>;
export type IndicatorTable = Wire<typeof indicatorTable>;
export type RankedRow = Wire<typeof rankedRow>;
export type RankingRecord = Wire<typeof rankingRecord>;
export type RankingView = Wire<typeof rankingView>;
export type RankHistory = Wire<typeof rankHistory>;
export type PublicRanking = Wire<typeof publicRanking>;
export type PublicTowns = Wire<typeof publicTowns>;
