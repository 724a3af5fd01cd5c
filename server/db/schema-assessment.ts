// Schema of assessment (issue 6): reward/punishment rules (奖惩办法) as
// versioned data, the derived points ledger, and published rankings (红黑榜).
// Rules and scoring live in domain/assessment/; this file only stores them.
import {
  bigint,
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One version of a rule. A rule is the set of rows sharing `rule_key`; the
 * version in force on an event's date is the one with the latest
 * `effective_from` ≤ that date. Rows are never updated: a change is a new
 * version from a date, so earlier periods keep the version they had.
 */
export const assessmentRules = pgTable(
  'assessment_rules',
  {
    id: serial('id').primaryKey(),
    ruleKey: text('rule_key').notNull(),
    version: integer('version').notNull(),
    /** The rule applies to records whose region starts with this code (a town, or a county for all its towns). */
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    name: text('name').notNull(),
    eventKind: text('event_kind').notNull(), // domain/assessment/rules.ts EVENT_KINDS
    subjectKind: text('subject_kind').notNull(), // community | unit | street_chief | town
    points: doublePrecision('points').notNull(),
    /** Largest total |points| one subject may get from this rule in one calendar month; null = no cap. */
    capPerPeriod: doublePrecision('cap_per_period'),
    /** The minimum count per month a shortfall rule checks (activity_shortfall: held activities); null for other kinds. */
    threshold: integer('threshold'),
    active: boolean('active').notNull().default(true),
    effectiveFrom: date('effective_from').notNull(),
    note: text('note'),
    createdBy: integer('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('assessment_rules_key_version_uq').on(t.ruleKey, t.version), uniqueIndex('assessment_rules_key_from_uq').on(t.ruleKey, t.effectiveFrom)],
);

/**
 * The points ledger. `derived` entries are recomputed from the records
 * (problems and their events) month by month and replaced wholesale;
 * ranking entries (cause_kind 'ranking') are written once when a ranking is
 * published and are never touched by a recompute.
 */
export const pointsLedger = pgTable(
  'points_ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    subjectKind: text('subject_kind').notNull(),
    /** Region code of a community or town subject; unit id / person id as text otherwise. */
    subjectRef: text('subject_ref').notNull(),
    onDate: date('on_date').notNull(),
    points: doublePrecision('points').notNull(),
    /** Units counted (overdue working days...); points = rule points × quantity, after the cap. */
    quantity: integer('quantity').notNull().default(1),
    eventKind: text('event_kind').notNull(),
    ruleId: integer('rule_id').notNull(),
    ruleKey: text('rule_key').notNull(),
    ruleVersion: integer('rule_version').notNull(),
    causeKind: text('cause_kind').notNull(), // problem | ranking
    causeId: bigint('cause_id', { mode: 'number' }).notNull(),
    causeRef: text('cause_ref'), // problem code, ranking title
    causeEventId: bigint('cause_event_id', { mode: 'number' }),
    note: text('note'),
    derived: boolean('derived').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('points_ledger_town_date_idx').on(t.townCode, t.onDate), index('points_ledger_subject_idx').on(t.subjectKind, t.subjectRef, t.onDate)],
);

/** A published ranking: frozen rows, red and black lists. */
export const rankings = pgTable(
  'rankings',
  {
    id: serial('id').primaryKey(),
    regionCode: varchar('region_code', { length: 15 }).notNull(), // the town (communities ranked) or county (towns ranked)
    level: text('level').notNull(), // community | town
    periodKind: text('period_kind').notNull(), // week | month | quarter | year
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    title: text('title').notNull(),
    rows: jsonb('rows').notNull(), // RankedRow[] with list = red | black | null
    config: jsonb('config').notNull(),
    /**
     * domain/assessment/approval.ts: a town's ranking is prepared by the office
     * (submitted), approved by a town leader (approval publishes it) or sent back
     * (draft); a county's ranking of its towns is published by the county office.
     * Rows published before the approval step existed are 'published'.
     */
    state: text('state').notNull().default('published'),
    version: integer('version').notNull().default(1),
    preparedBy: integer('prepared_by'),
    preparedAt: ts('prepared_at'),
    approvedBy: integer('approved_by'),
    approvedAt: ts('approved_at'),
    rejectNote: text('reject_note'),
    /** Set when published; null while prepared or sent back. */
    publishedAt: ts('published_at'),
    publishedBy: integer('published_by'),
  },
  (t) => [
    uniqueIndex('rankings_period_uq').on(t.regionCode, t.level, t.periodKind, t.periodStart),
    index('rankings_latest_idx').on(t.regionCode, t.level, t.publishedAt),
  ],
);

/**
 * The live ranking of a period as last computed (computeRanking's rows, and when), kept up to date so the 大屏, the
 * home pages and the assessment page read it instead of recomputing per request: the assessment page computes and
 * stores it on every view, the `ranking-refresh` job every few minutes for the regions a display shows, and a read
 * that finds it older than its freshness answers it and refreshes it behind (server/modules/assessment/live-ranking.ts).
 * A cache of a pure computation: deleting every row loses nothing.
 */
export const liveRankings = pgTable(
  'live_rankings',
  {
    regionCode: varchar('region_code', { length: 15 }).notNull(), // the town (communities ranked) or county (towns ranked)
    periodKind: text('period_kind').notNull(),
    periodStart: date('period_start').notNull(),
    level: text('level').notNull(), // community | town
    rows: jsonb('rows').notNull(), // RankedRow[]
    config: jsonb('config').notNull(),
    computedAt: ts('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.periodKind, t.periodStart] })],
);
