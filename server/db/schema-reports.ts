// Schema of reports (issue 19): each town's report settings (cut-off, rest
// days), the community daily reports (one per community per day), the town's
// own reports (daily and weekly: drafted, edited, published with a 期数 per
// town, kind and year, corrected by a new revision), their counters, and the
// editable text of a region's year-end summary. Written only by server/modules/reports.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const reportSettings = pgTable('report_settings', {
  townCode: varchar('town_code', { length: 9 }).primaryKey(),
  /** China time HH:MM after which a community's daily report is late (default 18:00). */
  cutoff: text('cutoff').notNull().default('18:00'),
  /** Reports are owed on weekends and holidays too (false: only on the calendar's working days). */
  restDays: boolean('rest_days').notNull().default(false),
  /** China time HH:MM at which the town's daily report is drafted. */
  draftAt: text('draft_at').notNull().default('18:30'),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const communityDailyReports = pgTable(
  'community_daily_reports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    communityCode: varchar('community_code', { length: 12 }).notNull(),
    day: date('day').notNull(),
    /** The day's records as the form was pre-filled at submission (domain/reports.ts DailyFacts). */
    facts: jsonb('facts').notNull(),
    body: text('body').notNull(),
    submittedBy: integer('submitted_by').notNull(),
    submittedByName: text('submitted_by_name').notNull(),
    submittedAt: ts('submitted_at').notNull(),
    /** Submitted after the town's cut-off on its day (or on a later day). */
    late: boolean('late').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('community_daily_reports_uq').on(t.communityCode, t.day), index('community_daily_reports_town_day_idx').on(t.townCode, t.day)],
);

export const townReports = pgTable(
  'town_reports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** daily (镇级每日创城工作情况汇报) | weekly (创城周报) */
    kind: text('kind').notNull(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    year: integer('year').notNull(),
    /** 期数: allocated at publication from report_counters (no gaps); a correction keeps its issue's. */
    seq: integer('seq'),
    /** 1 for the first version; a correction of a published report is revision + 1. */
    revision: integer('revision').notNull().default(1),
    /** draft | published | superseded (a published one a correction replaced) */
    state: text('state').notNull(),
    title: text('title').notNull(),
    /** The office's text around the figures (domain/reports.ts ReportBody). */
    body: jsonb('body').notNull(),
    /** The figures as drafted (domain/reports.ts). */
    facts: jsonb('facts').notNull(),
    correctionReason: text('correction_reason'),
    previousId: bigint('previous_id', { mode: 'number' }),
    createdBy: integer('created_by'),
    publishedBy: integer('published_by'),
    publishedAt: ts('published_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('town_reports_period_rev_uq').on(t.townCode, t.kind, t.periodFrom, t.revision),
    uniqueIndex('town_reports_seq_uq').on(t.townCode, t.kind, t.year, t.seq, t.revision).where(sql`seq IS NOT NULL`),
    index('town_reports_list_idx').on(t.townCode, t.kind, t.periodFrom, t.id),
  ],
);

export const reportCounters = pgTable(
  'report_counters',
  {
    townCode: varchar('town_code', { length: 9 }).notNull(),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.townCode, t.kind, t.year] })],
);

export const yearendDocs = pgTable(
  'yearend_docs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    year: integer('year').notNull(),
    /** The editable paragraphs with their figure fields ({figure.id}), by section key. */
    texts: jsonb('texts').notNull(),
    updatedBy: integer('updated_by'),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('yearend_docs_uq').on(t.regionCode, t.year)],
);
