// Schema of volunteers (issue 17): a volunteer is a person of the directory
// (people) with a profile, memberships of volunteer teams (units of kind
// volunteer_team) with their days joined and left, service records per
// activity and person (民政部令第67号: whoever organises records and certifies),
// sign-ups and check-ins at an activity with its 6-digit code, and residents'
// service orders (点单 → 派单 → 接单 → 评单). Rules live in domain/volunteers.ts;
// server/modules/volunteers/ is the only writer.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { people, units } from './schema.ts';
import { activities } from './schema-activities.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A volunteer's profile. The ID number (证件号码) is kept only encrypted
 * (AES-256-GCM, key outside the database: server/modules/volunteers/id-cipher.ts)
 * with its masked form beside it for display; nobody reads the clear text but
 * the national-upload export, which is audited.
 */
export const volunteers = pgTable(
  'volunteers',
  {
    personId: integer('person_id')
      .primaryKey()
      .references(() => people.id),
    gender: text('gender'), // domain/volunteers.ts GENDERS
    birthYear: smallint('birth_year'),
    politicalStatus: text('political_status'), // domain/volunteers.ts POLITICAL_STATUSES
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    idNumberEnc: text('id_number_enc'),
    idNumberMasked: text('id_number_masked'),
    note: text('note'),
    createdBy: integer('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [check('volunteers_birth_year_ck', sql`birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100`)],
);

/** A volunteer in a team from `joined_on` to the day before `left_on` (null: still in it); a leader leads the team. */
export const volunteerMemberships = pgTable(
  'volunteer_memberships',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => volunteers.personId),
    teamId: integer('team_id')
      .notNull()
      .references(() => units.id),
    role: text('role').notNull().default('member'), // member | leader
    joinedOn: date('joined_on').notNull(),
    leftOn: date('left_on'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('volunteer_memberships_team_idx').on(t.teamId, t.personId),
    index('volunteer_memberships_person_idx').on(t.personId),
    uniqueIndex('volunteer_memberships_open_uq').on(t.personId, t.teamId).where(sql`left_on IS NULL`),
  ],
);

/**
 * A service record: a person's service at an activity, in minutes. Recorded
 * by the organiser or imported (confirmed), or produced by check-in/out
 * (pending until the organiser confirms). Hours are never changed in place:
 * a correction is a new confirmed row naming the one it corrects
 * (`corrects_id`), which then carries `superseded_by`. Totals count
 * confirmed rows that nothing superseded.
 */
export const volunteerService = pgTable(
  'volunteer_service',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => volunteers.personId),
    teamId: integer('team_id'),
    activityId: bigint('activity_id', { mode: 'number' })
      .notNull()
      .references(() => activities.id),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    onDate: date('on_date').notNull(),
    startedAt: ts('started_at'),
    endedAt: ts('ended_at'),
    minutes: integer('minutes').notNull(),
    content: text('content'),
    status: text('status').notNull(), // domain/volunteers.ts SERVICE_STATUSES
    source: text('source').notNull(), // domain/volunteers.ts SERVICE_SOURCES
    correctsId: bigint('corrects_id', { mode: 'number' }),
    supersededBy: bigint('superseded_by', { mode: 'number' }),
    reason: text('reason'),
    recordedBy: integer('recorded_by'),
    confirmedBy: integer('confirmed_by'),
    confirmedAt: ts('confirmed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    // The register: one team and a month, newest first, keyset on (on_date, id).
    index('volunteer_service_team_date_idx').on(t.teamId, t.onDate, t.id),
    index('volunteer_service_person_date_idx').on(t.personId, t.onDate, t.id),
    index('volunteer_service_activity_idx').on(t.activityId, t.personId),
    index('volunteer_service_town_date_idx').on(t.townCode, t.onDate),
    check('volunteer_service_minutes_ck', sql`minutes > 0 AND minutes <= 1440`),
  ],
);

/** A volunteer signed up for an activity, with their check-in and check-out (the check-out writes a pending service record). */
export const volunteerSignups = pgTable(
  'volunteer_signups',
  {
    activityId: bigint('activity_id', { mode: 'number' })
      .notNull()
      .references(() => activities.id),
    personId: integer('person_id')
      .notNull()
      .references(() => volunteers.personId),
    signedAt: ts('signed_at').notNull().defaultNow(),
    checkinAt: ts('checkin_at'),
    checkoutAt: ts('checkout_at'),
    serviceId: bigint('service_id', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.personId] }), index('volunteer_signups_person_idx').on(t.personId)],
);

/** The check-in code of an activity: 6 digits, valid from `starts_at` to `ends_at` (the time it runs, set by the organiser). */
export const volunteerCheckinCodes = pgTable('volunteer_checkin_codes', {
  activityId: bigint('activity_id', { mode: 'number' })
    .primaryKey()
    .references(() => activities.id),
  code: varchar('code', { length: 6 }).notNull(),
  startsAt: ts('starts_at').notNull(),
  endsAt: ts('ends_at').notNull(),
  openedBy: integer('opened_by'),
  openedAt: ts('opened_at').notNull().defaultNow(),
});

/**
 * A resident's service order (点单) to a practice institute/station, tracked
 * by `code`: received → dispatched to a team (派单) → accepted by the team
 * (接单, turned into an activity) → rated by the resident (评单).
 */
export const serviceOrders = pgTable(
  'service_orders',
  {
    id: serial('id').primaryKey(),
    code: varchar('code', { length: 12 }).notNull(),
    stationId: integer('station_id')
      .notNull()
      .references(() => units.id),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    kind: text('kind').notNull(), // domain/volunteers.ts ORDER_KINDS
    wishedOn: date('wished_on').notNull(),
    wishedTime: text('wished_time'),
    place: text('place').notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: varchar('contact_phone', { length: 11 }).notNull(),
    details: text('details'),
    state: text('state').notNull().default('received'), // domain/volunteers.ts ORDER_STATES
    teamId: integer('team_id'),
    activityId: bigint('activity_id', { mode: 'number' }),
    returnReason: text('return_reason'),
    rating: smallint('rating'),
    ratingComment: text('rating_comment'),
    dispatchedAt: ts('dispatched_at'),
    acceptedAt: ts('accepted_at'),
    ratedAt: ts('rated_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('service_orders_code_uq').on(t.code),
    index('service_orders_station_idx').on(t.stationId, t.createdAt),
    index('service_orders_town_idx').on(t.townCode, t.createdAt),
    check('service_orders_rating_ck', sql`rating IS NULL OR rating BETWEEN 1 AND 5`),
  ],
);
