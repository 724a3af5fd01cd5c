// Schema of issue 18 items 3-5: clean-up campaigns (集中整治专项行动) with their
// daily records and the problems they closed, the 摸排 facility-gap survey, and
// the campaign fund (创城工作基金) with the projects it pays for. Photos and
// vouchers are linked in the file store (file_links; owner kinds
// campaign_before, campaign_after, survey_need, fund_project, fund_entry).
// Rules live in domain/{campaigns,surveys,fund}.ts; server/modules/{campaigns,
// surveys,fund}/ are the only writers.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

// ---- campaigns ----

/** Kinds of campaign (环境卫生集中整治 first): seeded, renamed, added and retired by the admin; `code` never changes. */
export const campaignKinds = pgTable(
  'campaign_kinds',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('campaign_kinds_code_uq').on(t.code), uniqueIndex('campaign_kinds_name_uq').on(t.name)],
);

/**
 * What a daily record counts: people mobilised by kind (measure 'staff', unit 人次:
 * 镇居干部, 聘请工人 …) and results by kind (measure 'result', each with its one
 * unit: 路面垃圾 车处, 牛皮癣 处 …). Editable like the other kind lists.
 */
export const campaignTallyKinds = pgTable(
  'campaign_tally_kinds',
  {
    id: serial('id').primaryKey(),
    measure: text('measure').notNull(), // staff | result
    code: text('code').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('campaign_tally_kinds_code_uq').on(t.code), uniqueIndex('campaign_tally_kinds_name_uq').on(t.measure, t.name)],
);

/** A campaign of one town: running until closed; closing freezes its linked problems into campaign_problems. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    kindId: integer('kind_id').notNull(),
    theme: text('theme').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    state: text('state').notNull().default('running'), // running | closed
    summary: text('summary'),
    closedAt: ts('closed_at'),
    closedBy: integer('closed_by'),
    createdBy: integer('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('campaigns_town_start_idx').on(t.townCode, t.startDate, t.id), check('campaigns_dates_ck', sql`end_date >= start_date`)],
);

/** A campaign's areas: a whole community (place_id null) or one place in it. */
export const campaignAreas = pgTable(
  'campaign_areas',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    campaignId: bigint('campaign_id', { mode: 'number' })
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    communityCode: varchar('community_code', { length: 15 }).notNull(),
    placeId: integer('place_id'),
  },
  (t) => [index('campaign_areas_campaign_idx').on(t.campaignId), index('campaign_areas_community_idx').on(t.communityCode)],
);

/** Target categories (problem categories; a 大类 covers its 小类). None: every category. */
export const campaignCategories = pgTable(
  'campaign_categories',
  {
    campaignId: bigint('campaign_id', { mode: 'number' })
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    categoryId: integer('category_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.categoryId] })],
);

/** One day's record of a campaign (before/after photos in file_links, owners campaign_before/campaign_after). */
export const campaignDays = pgTable(
  'campaign_days',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    campaignId: bigint('campaign_id', { mode: 'number' })
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    onDate: date('on_date').notNull(),
    note: text('note'),
    createdBy: integer('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('campaign_days_campaign_date_uq').on(t.campaignId, t.onDate), index('campaign_days_date_idx').on(t.onDate)],
);

/** A day's count of one tally kind (person-times or a result in the kind's unit). */
export const campaignDayCounts = pgTable(
  'campaign_day_counts',
  {
    dayId: bigint('day_id', { mode: 'number' })
      .notNull()
      .references(() => campaignDays.id, { onDelete: 'cascade' }),
    kindId: integer('kind_id').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dayId, t.kindId] }), check('campaign_day_counts_value_ck', sql`value >= 0`)],
);

/** The problems a closed campaign closed, frozen when it closed (while it runs they are computed live). */
export const campaignProblems = pgTable(
  'campaign_problems',
  {
    campaignId: bigint('campaign_id', { mode: 'number' })
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    problemId: bigint('problem_id', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.problemId] })],
);

// ---- the 摸排 survey ----

/** Kinds of facility gap (无全民健身场地设施, 需划停车线 …), editable. */
export const surveyNeedKinds = pgTable(
  'survey_need_kinds',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('survey_need_kinds_code_uq').on(t.code), uniqueIndex('survey_need_kinds_name_uq').on(t.name)],
);

/** A need found by the survey, in a community; coordinated with departments until done (or deferred with a reason). */
export const surveyNeeds = pgTable(
  'survey_needs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    placeId: integer('place_id'),
    kindId: integer('kind_id').notNull(),
    description: text('description').notNull(),
    address: text('address'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    quantity: integer('quantity').notNull().default(1),
    size: text('size'),
    foundBy: text('found_by').notNull(),
    foundOn: date('found_on').notNull(),
    state: text('state').notNull().default('pending'), // domain/surveys.ts NEED_STATES
    deferReason: text('defer_reason'),
    planId: bigint('plan_id', { mode: 'number' }),
    problemId: bigint('problem_id', { mode: 'number' }),
    createdBy: integer('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('survey_needs_town_idx').on(t.townCode, t.state, t.id),
    index('survey_needs_region_idx').using('btree', sql`${t.regionCode} text_pattern_ops`),
    check('survey_needs_quantity_ck', sql`quantity >= 0`),
  ],
);

/** The departments a need is coordinated with, and each one's answer (its liaison's, on the department page). */
export const surveyNeedUnits = pgTable(
  'survey_need_units',
  {
    needId: bigint('need_id', { mode: 'number' })
      .notNull()
      .references(() => surveyNeeds.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id').notNull(),
    answer: text('answer'),
    answeredBy: integer('answered_by'),
    answeredAt: ts('answered_at'),
  },
  (t) => [primaryKey({ columns: [t.needId, t.unitId] }), index('survey_need_units_unit_idx').on(t.unitId)],
);

/** A need's moves (state changes and answers), oldest first. */
export const surveyNeedEvents = pgTable(
  'survey_need_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    needId: bigint('need_id', { mode: 'number' })
      .notNull()
      .references(() => surveyNeeds.id, { onDelete: 'cascade' }),
    fromState: text('from_state'),
    toState: text('to_state'),
    note: text('note'),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('survey_need_events_need_idx').on(t.needId, t.id)],
);

// ---- the fund ----

/** A project the fund pays for (立面改造, 三线整治 …): budget in fen, the department doing it. */
export const fundProjects = pgTable(
  'fund_projects',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    budgetFen: bigint('budget_fen', { mode: 'number' }).notNull(),
    unitId: integer('unit_id').notNull(),
    description: text('description'),
    state: text('state').notNull().default('planned'), // planned | in_progress | done
    createdBy: integer('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('fund_projects_town_idx').on(t.townCode, t.id), check('fund_projects_budget_ck', sql`budget_fen >= 0`)],
);

/** A project's own milestones, each with its progress (0-100). */
export const fundMilestones = pgTable(
  'fund_milestones',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: bigint('project_id', { mode: 'number' })
      .notNull()
      .references(() => fundProjects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    dueDate: date('due_date'),
    progress: integer('progress').notNull().default(0),
    doneOn: date('done_on'),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [index('fund_milestones_project_idx').on(t.projectId), check('fund_milestones_progress_ck', sql`progress BETWEEN 0 AND 100`)],
);

/** The 摸排 needs a project answers. */
export const fundProjectNeeds = pgTable(
  'fund_project_needs',
  {
    projectId: bigint('project_id', { mode: 'number' })
      .notNull()
      .references(() => fundProjects.id, { onDelete: 'cascade' }),
    needId: bigint('need_id', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.needId] }), index('fund_project_needs_need_idx').on(t.needId)],
);

/**
 * The ledger: append-only. Income (by source, optionally earmarked for a
 * project) and spending (always against a project), in fen. A correction is a
 * reversing entry (reverses_id, the negated amount), never an edit; an entry is
 * reversed at most once.
 */
export const fundEntries = pgTable(
  'fund_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    direction: text('direction').notNull(), // income | spend
    source: text('source'), // income: domain/fund.ts INCOME_SOURCES
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    onDate: date('on_date').notNull(),
    projectId: bigint('project_id', { mode: 'number' }),
    unitId: integer('unit_id'),
    note: text('note').notNull(),
    reversesId: bigint('reverses_id', { mode: 'number' }),
    createdBy: integer('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('fund_entries_town_date_idx').on(t.townCode, t.onDate, t.id),
    index('fund_entries_project_idx').on(t.projectId),
    uniqueIndex('fund_entries_reverses_uq').on(t.reversesId).where(sql`reverses_id IS NOT NULL`),
    check('fund_entries_spend_project_ck', sql`direction <> 'spend' OR project_id IS NOT NULL`),
    check('fund_entries_sign_ck', sql`(reverses_id IS NULL AND amount_fen > 0) OR (reverses_id IS NOT NULL AND amount_fen < 0)`),
  ],
);
