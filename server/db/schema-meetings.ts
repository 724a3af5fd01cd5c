// Schema of meetings (issue 16): the kinds (seeded, admin-editable), meetings
// with attendance, their decisions (action items) with progress, study trips,
// and each town's weekly 例会 cadence. Written only by server/modules/meetings.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, pgTable, serial, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const meetingKinds = pgTable(
  'meeting_kinds',
  {
    id: serial('id').primaryKey(),
    /** The seeded kinds' fixed code (domain/meetings.ts), which the figures count by; null for a kind an admin added. */
    code: text('code'),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('meeting_kinds_code_uq').on(t.code), uniqueIndex('meeting_kinds_name_uq').on(t.name)],
);

export const meetings = pgTable(
  'meetings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    /** Who held it: the town, or one of its communities. */
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    kindId: integer('kind_id').notNull(),
    title: text('title').notNull(),
    startsAt: ts('starts_at').notNull(),
    /** The China-time day it was held (the figures and the weekly cadence count by it). */
    day: date('day').notNull(),
    place: text('place'),
    chairPersonId: integer('chair_person_id'),
    chairName: text('chair_name'),
    agenda: text('agenda'),
    minutes: text('minutes'),
    /** 传达: the higher instructions it relayed. */
    relayed: text('relayed'),
    createdBy: integer('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('meetings_town_day_idx').on(t.townCode, t.day, t.id),
    index('meetings_region_day_idx').using('btree', sql`${t.regionCode} text_pattern_ops`, t.day),
  ],
);

export const meetingAttendees = pgTable(
  'meeting_attendees',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    meetingId: bigint('meeting_id', { mode: 'number' }).notNull(),
    /** A person of the directory, or null for a named outsider. */
    personId: integer('person_id'),
    name: text('name').notNull(),
    /** An outsider's unit or title. */
    org: text('org'),
    status: text('status').notNull(), // present | absent | leave
  },
  (t) => [index('meeting_attendees_meeting_idx').on(t.meetingId), check('meeting_attendees_status_ck', sql`status IN ('present', 'absent', 'leave')`)],
);

export const meetingDecisions = pgTable(
  'meeting_decisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    meetingId: bigint('meeting_id', { mode: 'number' }).notNull(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    content: text('content').notNull(),
    ownerUnitId: integer('owner_unit_id'),
    ownerPersonId: integer('owner_person_id'),
    workingDays: integer('working_days').notNull(),
    dueDate: date('due_date').notNull(),
    /** A place the decision is about (it can then be turned into a problem). */
    placeId: integer('place_id'),
    state: text('state').notNull().default('open'), // open | done
    doneAt: ts('done_at'),
    doneBy: integer('done_by'),
    /** The problem it was turned into. */
    problemId: bigint('problem_id', { mode: 'number' }),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('meeting_decisions_meeting_idx').on(t.meetingId),
    index('meeting_decisions_town_due_idx').on(t.townCode, t.dueDate),
    check('meeting_decisions_owner_ck', sql`(owner_unit_id IS NOT NULL)::int + (owner_person_id IS NOT NULL)::int = 1`),
    check('meeting_decisions_state_ck', sql`state IN ('open', 'done')`),
  ],
);

export const decisionProgress = pgTable(
  'decision_progress',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    decisionId: bigint('decision_id', { mode: 'number' }).notNull(),
    at: ts('at').notNull().defaultNow(),
    byPersonId: integer('by_person_id'),
    byName: text('by_name'),
    note: text('note').notNull(),
  },
  (t) => [index('decision_progress_decision_idx').on(t.decisionId, t.id)],
);

export const studyTrips = pgTable(
  'study_trips',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    day: date('day').notNull(),
    destination: text('destination').notNull(),
    leaderPersonId: integer('leader_person_id'),
    leaderName: text('leader_name').notNull(),
    /** Everyone who went (people listed or not): the figure ⑥ counts this. */
    headCount: integer('head_count').notNull(),
    purpose: text('purpose'),
    learned: text('learned'),
    /** The training meeting where it was shared. */
    sharedMeetingId: bigint('shared_meeting_id', { mode: 'number' }),
    createdBy: integer('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('study_trips_town_day_idx').on(t.townCode, t.day)],
);

export const studyTripParticipants = pgTable(
  'study_trip_participants',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tripId: bigint('trip_id', { mode: 'number' }).notNull(),
    personId: integer('person_id'),
    name: text('name').notNull(),
  },
  (t) => [index('study_trip_participants_trip_idx').on(t.tripId)],
);

/** A town's weekly 例会 cadence: how many 每周例会 a week, from which day (0: none required). */
export const meetingCadences = pgTable('meeting_cadences', {
  townCode: varchar('town_code', { length: 9 }).primaryKey(),
  perWeek: integer('per_week').notNull().default(1),
  effectiveFrom: date('effective_from').notNull(),
  updatedBy: integer('updated_by'),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
