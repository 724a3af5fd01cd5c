// Schema of activities at the 新时代文明实践所/站 (issue 16): the editable list
// of kinds, the seeded calendar of the year's themes and festivals, the link
// of a practice institute/station to its place on the map, and the
// activities themselves with their co-organisers (their photos are linked in
// the file store: file_links, owner kind 'activity'). Rules live in
// domain/activities.ts; server/modules/activities/ is the only writer.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
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

/** Kinds of activity (主题宣讲, 先进评选 …): seeded, renamed, added and retired by the admin; `code` never changes. */
export const activityKinds = pgTable(
  'activity_kinds',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('activity_kinds_code_uq').on(t.code), uniqueIndex('activity_kinds_name_uq').on(t.name)],
);

/**
 * The year's calendar of monthly themes and festivals (学雷锋 in March, 植树节,
 * 清明 …), seeded per year; planning suggests the month's entries. A theme
 * covers its month (on_date null); a festival has its day (lunar ones looked
 * up for the year).
 */
export const activityCalendar = pgTable(
  'activity_calendar',
  {
    id: serial('id').primaryKey(),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    kind: text('kind').notNull(), // theme | festival
    name: text('name').notNull(),
    onDate: date('on_date'),
  },
  (t) => [uniqueIndex('activity_calendar_year_kind_name_uq').on(t.year, t.kind, t.name), index('activity_calendar_month_idx').on(t.year, t.month)],
);

/** A practice institute or station (a unit) and the place on the map where it is. */
export const stationPlaces = pgTable('station_places', {
  unitId: integer('unit_id').primaryKey(),
  placeId: integer('place_id').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * An activity: organised by a unit (a practice institute or station, a
 * community committee, or another unit), held at a place; planned, then held
 * or cancelled with a reason. `region_code` is the community of the place
 * (12 digits), `on_date` the planned day, replaced by the day it was held.
 */
export const activities = pgTable(
  'activities',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    organizerUnitId: integer('organizer_unit_id').notNull(),
    kindId: integer('kind_id').notNull(),
    title: text('title').notNull(),
    theme: text('theme'),
    festival: text('festival'),
    placeId: integer('place_id').notNull(),
    onDate: date('on_date').notNull(),
    state: text('state').notNull().default('planned'), // domain/activities.ts ACTIVITY_STATES
    cancelReason: text('cancel_reason'),
    residents: integer('residents').notNull().default(0),
    volunteers: integer('volunteers').notNull().default(0),
    cadres: integer('cadres').notNull().default(0),
    coBuildingStaff: integer('co_building_staff').notNull().default(0),
    report: text('report'),
    publicityUrl: text('publicity_url'),
    createdBy: integer('created_by'),
    heldAt: ts('held_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // The list: one community (or town, or station) and a month, newest first, keyset on (on_date, id).
    index('activities_region_date_idx').on(t.regionCode, t.onDate, t.id),
    index('activities_town_date_idx').on(t.townCode, t.onDate, t.id),
    index('activities_organizer_date_idx').on(t.organizerUnitId, t.onDate, t.id),
    // The figures and the assessment: held activities of a town over a period, by kind.
    index('activities_held_idx').on(t.townCode, t.onDate, t.kindId).where(sql`state = 'held'`),
    check('activities_people_ck', sql`residents >= 0 AND volunteers >= 0 AND cadres >= 0 AND co_building_staff >= 0`),
  ],
);

/** Co-organising units (共建单位) of an activity, among the town's reachable units. */
export const activityCoUnits = pgTable(
  'activity_co_units',
  {
    activityId: bigint('activity_id', { mode: 'number' })
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.unitId] }), index('activity_co_units_unit_idx').on(t.unitId)],
);
