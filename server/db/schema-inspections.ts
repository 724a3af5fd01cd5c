// Schema of inspections (issue 5): versioned checklists per point type, the
// supervision group's communities, inspections with their grades, and the
// misses the daily compliance job records (so assessment rules can score them).
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

/** One version of a point type's checklist; editing makes a new version, old inspections keep theirs. */
export const checklists = pgTable(
  'checklists',
  {
    id: serial('id').primaryKey(),
    pointType: text('point_type').notNull(), // domain/regions.ts PointType
    version: integer('version').notNull(),
    title: text('title').notNull(),
    /** The version new inspections use (one per point type). */
    current: boolean('current').notNull().default(true),
    note: text('note'),
    createdBy: integer('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('checklists_type_version_uq').on(t.pointType, t.version), uniqueIndex('checklists_current_uq').on(t.pointType).where(sql`current`)],
);

export const checklistItems = pgTable(
  'checklist_items',
  {
    id: serial('id').primaryKey(),
    checklistId: integer('checklist_id')
      .notNull()
      .references(() => checklists.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    code: text('code').notNull(), // stable across versions (MK04), so reports can follow an item
    title: text('title').notNull(),
    criterion: text('criterion').notNull(),
    points: doublePrecision('points').notNull(),
    /** Category a finding usually is: 'event:0201' (kind:code). */
    categoryKey: text('category_key'),
  },
  (t) => [uniqueIndex('checklist_items_code_uq').on(t.checklistId, t.code)],
);

/**
 * One version of a region's inspection cadence (all kinds), versioned like the
 * assessment rules: the version in force on a date is the one with the latest
 * `effective_from` ≤ that date (ties: the higher version). Rows are never
 * updated; a change is a new version from a date (today or later), so a past
 * period is always computed with the cadence it had. `region_code` is a town
 * (9 digits), a county (6: its towns' default) or '' (everywhere).
 */
export const inspectionCadences = pgTable(
  'inspection_cadences',
  {
    id: serial('id').primaryKey(),
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    version: integer('version').notNull(),
    /** domain/inspections/cadence.ts CadenceConfig, complete (every kind). */
    cadence: jsonb('cadence').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    note: text('note'),
    createdBy: integer('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inspection_cadences_region_version_uq').on(t.regionCode, t.version),
    index('inspection_cadences_region_from_idx').on(t.regionCode, t.effectiveFrom),
  ],
);

/** Supervision group members ↔ the communities they supervise. */
export const supervisionAssignments = pgTable(
  'supervision_assignments',
  {
    personId: integer('person_id').notNull(),
    communityCode: varchar('community_code', { length: 15 }).notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.communityCode] }), index('supervision_assignments_community_idx').on(t.communityCode)],
);

export const inspections = pgTable(
  'inspections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(), // domain/inspections/vocab.ts InspectionKind
    state: text('state').notNull(), // in_progress | finished
    townCode: varchar('town_code', { length: 9 }).notNull(),
    /** The community of the place (or the region visited when there is no place). */
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    placeId: integer('place_id'),
    checklistId: integer('checklist_id'),
    inspectorId: integer('inspector_id').notNull(),
    inspectorName: text('inspector_name').notNull(),
    batch: text('batch'), // a mock evaluation's or a visit round's name
    /** China date the inspection was made (cadence counts by it). */
    onDate: date('on_date').notNull(),
    startedAt: ts('started_at').notNull(),
    finishedAt: ts('finished_at'),
    note: text('note'),
    score: doublePrecision('score'),
    maxScore: doublePrecision('max_score'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    /** Optional GPS track [[lat, lng, epochMs], ...]. */
    track: jsonb('track'),
    problemsFound: integer('problems_found').notNull().default(0),
    /** The device's key for the inspection (offline queue). */
    clientKey: text('client_key').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inspections_client_key_uq').on(t.inspectorId, t.clientKey),
    index('inspections_region_date_idx').using('btree', sql`${t.regionCode} text_pattern_ops`, t.onDate),
    index('inspections_inspector_date_idx').on(t.inspectorId, t.onDate),
    index('inspections_place_date_idx').on(t.placeId, t.onDate),
    index('inspections_town_date_idx').on(t.townCode, t.onDate),
  ],
);

export const inspectionGrades = pgTable(
  'inspection_grades',
  {
    inspectionId: bigint('inspection_id', { mode: 'number' })
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    itemId: integer('item_id').notNull(),
    grade: text('grade'), // A | B | C | C# | null (不涉及)
    points: doublePrecision('points').notNull(), // the item's points, copied for reports
    score: doublePrecision('score'),
    note: text('note'),
    photoIds: bigint('photo_ids', { mode: 'number' }).array(),
  },
  (t) => [primaryKey({ columns: [t.inspectionId, t.itemId] }), index('inspection_grades_item_idx').on(t.itemId)],
);

/**
 * A cadence slot that passed without its inspection (a missed patrol, a week
 * without supervision ...), written by the daily compliance job. `slot_key`
 * makes writing twice a no-op.
 */
export const inspectionMisses = pgTable(
  'inspection_misses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    regionCode: varchar('region_code', { length: 15 }).notNull(), // community (town for unannounced visits)
    personId: integer('person_id'),
    placeId: integer('place_id'),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    slotKey: text('slot_key').notNull(),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('inspection_misses_slot_uq').on(t.slotKey),
    index('inspection_misses_region_idx').using('btree', sql`${t.regionCode} text_pattern_ops`, t.periodStart),
  ],
);

/** The checklist item a problem found on an inspection belongs to (the inspection itself is problems.source_id). */
export const inspectionFindings = pgTable(
  'inspection_findings',
  {
    problemId: bigint('problem_id', { mode: 'number' }).primaryKey(),
    inspectionId: bigint('inspection_id', { mode: 'number' }).notNull(),
    itemId: integer('item_id').notNull(),
  },
  (t) => [index('inspection_findings_inspection_idx').on(t.inspectionId)],
);
