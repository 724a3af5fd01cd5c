// Schema of the resident surveys (问卷调查, issue 21; named polls to keep them
// apart from the 摸排 survey): a town's questionnaires, versioned like the
// checklists (a version is written once; a change is a new version, the old
// one stays for the answers given on it), each item mapped to a 问卷调查
// standard of the 测评体系 tree; survey waves with their sample plan and
// quotas; the respondents' answers, by an interviewer on the phone (offline,
// replayed by its client key) or self-served through /h5 (one per phone
// number and wave); and what a weak item became (an inbox task or an
// activity). Written only by server/modules/polls.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** One version of a questionnaire (a variant per population group is a questionnaire of its own code). */
export const pollQuestionnaires = pgTable(
  'poll_questionnaires',
  {
    id: serial('id').primaryKey(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    /** Stable across versions: A, B, C … (the variant). */
    code: text('code').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    /** The population group the variant is for (居民, 学生, 商户, 外来务工人员 …). */
    groupLabel: text('group_label').notNull(),
    /** The version new waves use (one per town and code). */
    current: boolean('current').notNull().default(true),
    note: text('note'),
    createdBy: integer('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('poll_questionnaires_code_version_uq').on(t.townCode, t.code, t.version),
    uniqueIndex('poll_questionnaires_current_uq').on(t.townCode, t.code).where(sql`current`),
  ],
);

/** A question of a questionnaire version, mapped to a 问卷调查 standard of the tree. */
export const pollItems = pgTable(
  'poll_items',
  {
    id: serial('id').primaryKey(),
    questionnaireId: integer('questionnaire_id')
      .notNull()
      .references(() => pollQuestionnaires.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    /** Stable across versions (Q01), so results can follow an item. */
    code: text('code').notNull(),
    text: text('text').notNull(),
    /** domain/polls.ts POLL_INDICATORS: awareness 知晓率 | support 支持率 | satisfaction 满意度. */
    indicator: text('indicator').notNull(),
    /** The 问卷调查 standard (evaluation_nodes.id) and its handbook code. */
    standardId: integer('standard_id').notNull(),
    standardCode: text('standard_code').notNull(),
  },
  (t) => [
    uniqueIndex('poll_items_seq_uq').on(t.questionnaireId, t.seq),
    index('poll_items_standard_idx').on(t.standardId),
    check('poll_items_indicator_ck', sql`indicator IN ('awareness', 'support', 'satisfaction')`),
  ],
);

/** A survey wave: the questionnaire versions used, dates, the sample plan and quotas. */
export const pollWaves = pgTable(
  'poll_waves',
  {
    id: serial('id').primaryKey(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    name: text('name').notNull(),
    questionnaireIds: integer('questionnaire_ids').array().notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** Sample plan: respondents per community (the default for every community of the town). */
    perCommunity: integer('per_community').notNull(),
    /**
     * Per-community overrides of per_community: { communityCode: n }; 0 leaves
     * the community out of the sample (its answers are kept and flagged).
     */
    communityPlan: jsonb('community_plan').notNull().default({}),
    /** Quotas: shares (percent) per age band and per sex (domain/polls.ts PollQuotas). */
    quotas: jsonb('quotas').notNull(),
    /** open | closed (completed: its results are the town's latest). */
    state: text('state').notNull().default('open'),
    /** Residents may answer through /h5/poll/<token>. */
    selfServed: boolean('self_served').notNull().default(false),
    publicToken: text('public_token').notNull(),
    /** Self-served answers count toward the rates (results' totals, the forecast, the figures); never toward the quotas. */
    selfCounts: boolean('self_counts').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    closedAt: ts('closed_at'),
  },
  (t) => [
    uniqueIndex('poll_waves_token_uq').on(t.publicToken),
    index('poll_waves_town_idx').on(t.townCode, t.id),
    check('poll_waves_state_ck', sql`state IN ('open', 'closed')`),
    check('poll_waves_dates_ck', sql`ends_on >= starts_on`),
  ],
);

/** One respondent's questionnaire. */
export const pollResponses = pgTable(
  'poll_responses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    waveId: integer('wave_id').notNull(),
    questionnaireId: integer('questionnaire_id').notNull(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    communityCode: varchar('community_code', { length: 15 }).notNull(),
    /** interviewer (the phone app) | self (a resident through /h5). */
    source: text('source').notNull(),
    interviewerId: integer('interviewer_id'),
    /** The phone's item key (per interviewer): a second send is a replay. */
    clientKey: text('client_key'),
    /** Self-served: HMAC of the declared phone number (one per number and wave). */
    phoneHash: text('phone_hash'),
    sex: text('sex').notNull(),
    age: smallint('age').notNull(),
    residenceMonths: smallint('residence_months').notNull(),
    ageBand: text('age_band').notNull(),
    /** Kept but beyond the sample plan or a quota (the reason in quota_note). */
    outOfQuota: boolean('out_of_quota').notNull().default(false),
    quotaNote: text('quota_note'),
    answeredAt: ts('answered_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('poll_responses_client_uq').on(t.interviewerId, t.clientKey).where(sql`client_key IS NOT NULL`),
    uniqueIndex('poll_responses_phone_uq').on(t.waveId, t.phoneHash).where(sql`phone_hash IS NOT NULL`),
    index('poll_responses_wave_idx').on(t.waveId, t.communityCode),
    index('poll_responses_interviewer_idx').on(t.interviewerId, t.waveId),
    check('poll_responses_source_ck', sql`source IN ('interviewer', 'self')`),
    check('poll_responses_sex_ck', sql`sex IN ('male', 'female')`),
  ],
);

/** One answer: the option chosen (its index in the indicator's scale) and whether it counts as positive. */
export const pollAnswers = pgTable(
  'poll_answers',
  {
    responseId: bigint('response_id', { mode: 'number' }).notNull(),
    itemId: integer('item_id').notNull(),
    value: smallint('value').notNull(),
    positive: boolean('positive').notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.itemId] }), index('poll_answers_item_idx').on(t.itemId)],
);

/** What a weak item of a wave in a community became: an inbox task or a planned activity (once each). */
export const pollFollowups = pgTable(
  'poll_followups',
  {
    id: serial('id').primaryKey(),
    waveId: integer('wave_id').notNull(),
    itemCode: text('item_code').notNull(),
    communityCode: varchar('community_code', { length: 15 }).notNull(),
    kind: text('kind').notNull(), // task | activity
    inboxItemId: bigint('inbox_item_id', { mode: 'number' }),
    activityId: bigint('activity_id', { mode: 'number' }),
    note: text('note'),
    createdBy: integer('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('poll_followups_uq').on(t.waveId, t.itemCode, t.communityCode, t.kind),
    check('poll_followups_kind_ck', sql`kind IN ('task', 'activity')`),
  ],
);
