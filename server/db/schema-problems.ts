// Schema of the problem loop (issue: problem loop part 1). Vocabulary in
// domain/problems/vocab.ts; the workflow in domain/problems/workflow.ts.
import { sql } from 'drizzle-orm';
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
const createdAt = () => ts('created_at').notNull().defaultNow();

/** Category tree after 数字城管 (CJ/T 214 / GB/T 30428.2) plus the 创城 items; codes are data. */
export const categories = pgTable(
  'categories',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(), // event | component | chuangcheng
    code: text('code').notNull(),
    name: text('name').notNull(),
    plainName: text('plain_name'), // what residents read
    parentId: integer('parent_id'),
    level: integer('level').notNull(), // 1 大类, 2 小类
    defaultTier: text('default_tier').notNull().default('community'),
    deadlineDays: integer('deadline_days').notNull().default(3), // tier community
    centralizedDeadlineDays: integer('centralized_deadline_days').notNull().default(20), // tier centralized
    reinspectDays: integer('reinspect_days').notNull().default(7),
    /** Default route: 'community' (the community committee where it is), 'unit' (defaultUnitKind/Name) */
    defaultRoute: text('default_route').notNull().default('community'),
    defaultUnitName: text('default_unit_name'), // e.g. 城市管理局: matched against units of the county
    active: boolean('active').notNull().default(true),
    sort: integer('sort').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('categories_kind_code_uq').on(t.kind, t.code), index('categories_parent_idx').on(t.parentId)],
);

export const problems = pgTable(
  'problems',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    code: text('code').notNull(), // tracking code, e.g. 2611240007
    townCode: varchar('town_code', { length: 9 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(), // community (or grid)
    gridCode: varchar('grid_code', { length: 15 }),
    placeId: integer('place_id'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    address: text('address'),
    categoryId: integer('category_id').notNull(),
    tier: text('tier').notNull(),
    source: text('source').notNull(),
    sourceRef: text('source_ref'),
    sourceId: bigint('source_id', { mode: 'number' }), // e.g. the inspection or notice it came from
    description: text('description').notNull(),
    state: text('state').notNull(),
    responsibleUnitId: integer('responsible_unit_id'),
    reporterId: integer('reporter_id'),
    reporterName: text('reporter_name'),
    reporterPhone: text('reporter_phone'),
    dueDate: date('due_date'),
    dispatchedAt: ts('dispatched_at'),
    rectifiedAt: ts('rectified_at'),
    closedAt: ts('closed_at'),
    closedOnTime: boolean('closed_on_time'),
    reworkCount: integer('rework_count').notNull().default(0),
    extensionCount: integer('extension_count').notNull().default(0),
    returnCount: integer('return_count').notNull().default(0),
    rejectReason: text('reject_reason'),
    mergedIntoId: bigint('merged_into_id', { mode: 'number' }),
    recurrenceOfId: bigint('recurrence_of_id', { mode: 'number' }),
    idempotencyKey: text('idempotency_key'),
    // The resident's rating after closure (随手拍); 不满意 sets flagged for the office.
    satisfaction: text('satisfaction'), // 满意 | 基本满意 | 不满意
    satisfactionComment: text('satisfaction_comment'),
    ratedAt: ts('rated_at'),
    flagged: boolean('flagged').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('problems_code_uq').on(t.code),
    // Free text over description, address and code (pg_trgm, works on CJK); queries use the same expression.
    index('problems_search_trgm_idx').using('gin', sql`(${t.description} || ' ' || coalesce(${t.address}, '') || ' ' || ${t.code}) gin_trgm_ops`),
    // The map's bounding-box query: point(lng, lat) <@ box.
    index('problems_point_gist_idx').using('gist', sql`point(${t.lng}, ${t.lat})`).where(sql`lat IS NOT NULL AND lng IS NOT NULL`),
    // The map draws a problem without its own point at its place's: found from the places in the box.
    index('problems_place_no_point_idx').on(t.placeId).where(sql`lat IS NULL OR lng IS NULL`),
    index('problems_duplicates_idx').on(t.categoryId, t.createdAt),
    index('problems_flagged_idx').on(t.regionCode).where(sql`flagged`),
    // Keyset pages and the export in (created_at, id) order without sorting the table.
    index('problems_created_id_idx').on(t.createdAt, t.id),
    uniqueIndex('problems_idem_uq').on(t.idempotencyKey).where(sql`idempotency_key IS NOT NULL`),
    index('problems_region_state_idx').using('btree', sql`${t.regionCode} text_pattern_ops`, t.state),
    index('problems_town_state_due_idx').on(t.townCode, t.state, t.dueDate),
    index('problems_unit_state_idx').on(t.responsibleUnitId, t.state),
    index('problems_reporter_idx').on(t.reporterId), // every scope includes the caller's own reports
    index('problems_created_idx').on(t.townCode, t.createdAt),
    // The home page's week: problems closed in the last days, without reading every closed problem of a town.
    index('problems_closed_at_idx').on(t.closedAt).where(sql`state = 'closed'`),
  ],
);

/** Every step of a problem's life: who, when, from → to, note, data (deadline changes...). */
export const problemEvents = pgTable(
  'problem_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    problemId: bigint('problem_id', { mode: 'number' }).notNull(),
    at: ts('at').notNull().defaultNow(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    note: text('note'),
    data: jsonb('data'),
  },
  (t) => [index('problem_events_problem_idx').on(t.problemId, t.id)],
);

/**
 * Photos are uploaded one by one (a bad file fails alone, the form and the
 * other photos stay) and attached to a problem when it is reported or moved.
 */
export const problemPhotos = pgTable(
  'problem_photos',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    problemId: bigint('problem_id', { mode: 'number' }),
    eventId: bigint('event_id', { mode: 'number' }),
    kind: text('kind'), // before | after | progress, set when attached
    uploadedBy: integer('uploaded_by'),
    uploadKey: text('upload_key'), // resident channel: the report's key; staff phones: the photo's own key
    inspectionId: bigint('inspection_id', { mode: 'number' }), // a checklist grade's photo
    path: text('path').notNull(),
    thumbPath: text('thumb_path').notNull(),
    mime: text('mime').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    takenAt: ts('taken_at'),
    gpsLat: doublePrecision('gps_lat'),
    gpsLng: doublePrecision('gps_lng'),
    createdAt: createdAt(),
  },
  (t) => [
    index('problem_photos_problem_idx').on(t.problemId),
    index('problem_photos_orphan_idx').on(t.createdAt).where(sql`problem_id IS NULL`),
    // A phone's photo key is unique per uploader, so a re-sent offline queue stores each photo once.
    uniqueIndex('problem_photos_staff_key_uq').on(t.uploadedBy, t.uploadKey).where(sql`uploaded_by IS NOT NULL AND upload_key IS NOT NULL`),
    index('problem_photos_inspection_idx').on(t.inspectionId).where(sql`inspection_id IS NOT NULL`),
  ],
);

export const problemFollowers = pgTable(
  'problem_followers',
  {
    problemId: bigint('problem_id', { mode: 'number' }).notNull(),
    key: text('key').notNull(), // 'person:12' or 'phone:138...'
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.problemId, t.key] })],
);

export const extensionRequests = pgTable(
  'extension_requests',
  {
    id: serial('id').primaryKey(),
    problemId: bigint('problem_id', { mode: 'number' }).notNull(),
    requestedBy: integer('requested_by').notNull(),
    days: integer('days').notNull(),
    reason: text('reason').notNull(),
    state: text('state').notNull().default('pending'), // pending | approved | refused
    decidedBy: integer('decided_by'),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    oldDueDate: date('old_due_date'),
    newDueDate: date('new_due_date'),
    createdAt: createdAt(),
  },
  (t) => [index('extension_requests_problem_idx').on(t.problemId)],
);

/** Dispatch matrix: (category, region prefix) → responsible unit; the most specific row wins. */
export const dispatchRules = pgTable(
  'dispatch_rules',
  {
    id: serial('id').primaryKey(),
    categoryId: integer('category_id'), // null = any category
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    unitId: integer('unit_id').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('dispatch_rules_uq').on(sql`coalesce(${t.categoryId}, 0)`, t.regionCode)],
);

/** The holiday calendar: statutory days off and make-up working days (调休). */
export const calendarDays = pgTable('calendar_days', {
  day: date('day').primaryKey(),
  kind: text('kind').notNull(), // holiday | workday
  name: text('name'),
  source: text('source').notNull().default('chinese-days'), // or 'admin'
});

export const rectificationPlans = pgTable(
  'rectification_plans',
  {
    id: serial('id').primaryKey(),
    problemId: bigint('problem_id', { mode: 'number' }).notNull(),
    summary: text('summary').notNull(),
    measures: text('measures'),
    responsiblePersonId: integer('responsible_person_id'),
    responsibleName: text('responsible_name'),
    createdBy: integer('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('rectification_plans_problem_uq').on(t.problemId)],
);

export const planMilestones = pgTable(
  'plan_milestones',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id').notNull(),
    title: text('title').notNull(),
    dueDate: date('due_date').notNull(),
    responsibleName: text('responsible_name'),
    doneAt: ts('done_at'),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [index('plan_milestones_plan_idx').on(t.planId)],
);

export const planProgress = pgTable('plan_progress', {
  id: serial('id').primaryKey(),
  planId: integer('plan_id').notNull(),
  at: ts('at').notNull().defaultNow(),
  byId: integer('by_id'),
  byName: text('by_name'),
  percent: integer('percent'),
  note: text('note').notNull(),
});

/** 回头看: re-inspection of a closed problem after its category's delay. */
export const reinspections = pgTable(
  'reinspections',
  {
    id: serial('id').primaryKey(),
    problemId: bigint('problem_id', { mode: 'number' }).notNull(),
    dueDate: date('due_date').notNull(),
    state: text('state').notNull().default('scheduled'), // scheduled | passed | recurred
    doneAt: ts('done_at'),
    doneBy: integer('done_by'),
    note: text('note'),
    newProblemId: bigint('new_problem_id', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('reinspections_problem_uq').on(t.problemId), index('reinspections_due_idx').on(t.state, t.dueDate)],
);

/** 问责: an item opened when a threshold is crossed; the office records the decision. */
export const accountabilityItems = pgTable(
  'accountability_items',
  {
    id: serial('id').primaryKey(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    subjectKind: text('subject_kind').notNull(), // unit | person
    subjectId: integer('subject_id').notNull(),
    cause: text('cause').notNull(), // rework | overdue_days | unit_overdue_month
    period: text('period'),
    problemIds: jsonb('problem_ids').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    state: text('state').notNull().default('open'), // open | decided
    decision: text('decision'), // 约谈 | 通报批评 | 绩效扣分 | ...
    decisionNote: text('decision_note'),
    decisionDate: date('decision_date'),
    decidedBy: integer('decided_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('accountability_dedupe_uq').on(t.dedupeKey)],
);

export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    personId: integer('person_id').notNull(),
    kind: text('kind').notNull(), // reminder | escalation | dispatched | ...
    title: text('title').notNull(),
    body: text('body'),
    problemId: bigint('problem_id', { mode: 'number' }),
    dedupeKey: text('dedupe_key'),
    readAt: ts('read_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('notifications_dedupe_uq').on(t.personId, t.dedupeKey), index('notifications_person_idx').on(t.personId, t.readAt)],
);

export const webhooks = pgTable('webhooks', {
  id: serial('id').primaryKey(),
  regionCode: varchar('region_code', { length: 15 }).notNull(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  events: jsonb('events').notNull(), // string[]
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    webhookId: integer('webhook_id').notNull(),
    event: text('event').notNull(),
    payload: jsonb('payload').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    state: text('state').notNull().default('pending'), // pending | delivered | failed
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    deliveredAt: ts('delivered_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('webhook_deliveries_dedupe_uq').on(t.webhookId, t.dedupeKey), index('webhook_deliveries_due_idx').on(t.state, t.nextAttemptAt)],
);
