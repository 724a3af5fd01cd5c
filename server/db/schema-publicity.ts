// Schema of publicity (issue 18 items 1-2): the output registers (公众号 and
// other channels' articles with the 特色供稿 flag, LED screen programmes,
// handouts 宣传单/宣传品, 入户宣传 sessions), the publicity facilities on the
// map (展板, 宣传栏, 便民张贴栏, 公益广告, 景观小品, LED屏 …: kinds and content
// themes editable), and the versioned requirements per point type (point type
// → facility kind and/or theme → minimum count). A facility's photos are in
// the file store (file_links, owner kind 'publicity_facility'). Rules live in
// domain/publicity.ts; server/modules/publicity/ is the only writer.
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
const common = () => ({
  createdBy: integer('created_by'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * The editable vocabularies: facility kinds (`list` 'kind', each in a figure
 * group: boards ⑪, ads ⑫, led, other) and content themes (`list` 'theme').
 * Seeded, renamed, added and retired by the admin; `code` never changes.
 */
export const publicityTerms = pgTable(
  'publicity_terms',
  {
    id: serial('id').primaryKey(),
    list: text('list').notNull(), // kind | theme
    code: text('code').notNull(),
    name: text('name').notNull(),
    grp: text('grp'), // kinds: domain/publicity.ts FACILITY_GROUPS
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('publicity_terms_code_uq').on(t.list, t.code), uniqueIndex('publicity_terms_name_uq').on(t.list, t.name)],
);

/** An article: 公众号 (`wechat`) or another channel; 特色供稿 when featured, with where it was carried. */
export const publicityArticles = pgTable(
  'publicity_articles',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    channel: text('channel').notNull(), // wechat | other
    channelName: text('channel_name'),
    title: text('title').notNull(),
    url: text('url'),
    publishedOn: date('published_on').notNull(),
    authorUnitId: integer('author_unit_id'),
    featured: boolean('featured').notNull().default(false),
    carriedBy: text('carried_by'),
    ...common(),
  },
  (t) => [
    index('publicity_articles_region_date_idx').on(t.regionCode, t.publishedOn, t.id),
    index('publicity_articles_town_date_idx').on(t.townCode, t.publishedOn, t.id),
  ],
);

/** A programme shown on an LED screen from one day to another. */
export const publicityLedProgrammes = pgTable(
  'publicity_led_programmes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    screen: text('screen').notNull(),
    facilityId: bigint('facility_id', { mode: 'number' }),
    content: text('content').notNull(),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date').notNull(),
    ...common(),
  },
  (t) => [index('publicity_led_region_date_idx').on(t.regionCode, t.fromDate, t.id), check('publicity_led_dates_ck', sql`to_date >= from_date`)],
);

/** Handouts: 宣传单 (`flyer`) or 宣传品 (`item`), how many, where and by whom, optionally for an activity or a campaign. */
export const publicityHandouts = pgTable(
  'publicity_handouts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    kind: text('kind').notNull(), // flyer | item
    title: text('title').notNull(),
    quantity: integer('quantity').notNull(),
    handedOn: date('handed_on').notNull(),
    location: text('location'),
    unitId: integer('unit_id'),
    activityId: bigint('activity_id', { mode: 'number' }),
    campaignId: bigint('campaign_id', { mode: 'number' }),
    ...common(),
  },
  (t) => [index('publicity_handouts_region_date_idx').on(t.regionCode, t.handedOn, t.id), check('publicity_handouts_qty_ck', sql`quantity >= 0`)],
);

/** A 入户宣传 session in a community: its day, the households reached, the units taking part. */
export const publicityDoorSessions = pgTable(
  'publicity_door_sessions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    onDate: date('on_date').notNull(),
    households: integer('households').notNull(),
    note: text('note'),
    ...common(),
  },
  (t) => [index('publicity_door_region_date_idx').on(t.regionCode, t.onDate, t.id), check('publicity_door_households_ck', sql`households >= 0`)],
);

export const publicityDoorSessionUnits = pgTable(
  'publicity_door_session_units',
  {
    sessionId: bigint('session_id', { mode: 'number' })
      .notNull()
      .references(() => publicityDoorSessions.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.unitId] })],
);

/**
 * A publicity facility on the map: its kind and theme, the place/point it
 * belongs to, the owner unit (a damage report is routed to it), condition
 * good | damaged | outdated | removed, and the last problem opened for it.
 */
export const publicityFacilities = pgTable(
  'publicity_facilities',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    name: text('name').notNull(),
    kindId: integer('kind_id').notNull(),
    themeId: integer('theme_id'),
    placeId: integer('place_id'),
    ownerUnitId: integer('owner_unit_id'),
    installedOn: date('installed_on'),
    condition: text('condition').notNull().default('good'),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    note: text('note'),
    problemId: bigint('problem_id', { mode: 'number' }),
    ...common(),
  },
  (t) => [
    index('publicity_facilities_point_gist_idx').using('gist', sql`point(${t.lng}, ${t.lat})`),
    index('publicity_facilities_region_idx').on(t.regionCode, t.id),
    index('publicity_facilities_town_installed_idx').on(t.townCode, t.installedOn),
    index('publicity_facilities_place_idx').on(t.placeId).where(sql`place_id IS NOT NULL AND condition <> 'removed'`),
  ],
);

/** One version of a point type's publicity requirement; editing makes a new version (like the checklists). */
export const publicityRequirements = pgTable(
  'publicity_requirements',
  {
    id: serial('id').primaryKey(),
    pointType: text('point_type').notNull(), // domain/regions.ts PointType
    version: integer('version').notNull(),
    current: boolean('current').notNull().default(true),
    note: text('note'),
    createdBy: integer('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('publicity_requirements_type_version_uq').on(t.pointType, t.version),
    uniqueIndex('publicity_requirements_current_uq').on(t.pointType).where(sql`current`),
  ],
);

/** A line of a requirement: at least `min_count` facilities of the kind and/or with the theme (one of them at least). */
export const publicityRequirementItems = pgTable(
  'publicity_requirement_items',
  {
    id: serial('id').primaryKey(),
    requirementId: integer('requirement_id')
      .notNull()
      .references(() => publicityRequirements.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    kindId: integer('kind_id'),
    themeId: integer('theme_id'),
    minCount: integer('min_count').notNull(),
  },
  (t) => [
    index('publicity_requirement_items_req_idx').on(t.requirementId),
    check('publicity_requirement_items_ck', sql`min_count >= 1 AND (kind_id IS NOT NULL OR theme_id IS NOT NULL)`),
  ],
);
