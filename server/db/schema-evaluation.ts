// Schema of the national evaluation (测评体系, issue 20): a town's versioned
// tree 测评项目 → 测评内容 → 测评标准 (a version is written once and never
// changed, so whatever was computed on it stays), the town's evaluation cycle
// with its assumed test month, each 材料审核 standard's departments with a
// deadline (an assignment, an inbox item of the unit, reminded before it), the
// forecast's pillar weights, and the materials the departments submit (a file
// of the file store or a record of this system), each reviewed once. Written only by server/modules/evaluation.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** One version of a town's 测评体系 (the seeded edition, or a handbook imported from .xlsx). */
export const evaluationSystems = pgTable(
  'evaluation_systems',
  {
    id: serial('id').primaryKey(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    /** 1, 2, 3 … per town. */
    version: integer('version').notNull(),
    name: text('name').notNull(),
    source: text('source').notNull(), // seed | import
    createdBy: integer('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('evaluation_systems_town_version_uq').on(t.townCode, t.version),
    check('evaluation_systems_source_ck', sql`source IN ('seed', 'import')`),
  ],
);

/** A node of a version's tree; never updated (a change is a new version). */
export const evaluationNodes = pgTable(
  'evaluation_nodes',
  {
    id: serial('id').primaryKey(),
    systemId: integer('system_id').notNull(),
    parentId: integer('parent_id'),
    level: text('level').notNull(), // item (测评项目) | content (测评内容) | standard (测评标准)
    /** The handbook's numbering: 1, 1.2, 1.2.3. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    sort: integer('sort').notNull(),
    /** Standards only: 实地考察 field | 材料审核 material | 问卷调查 survey. */
    methods: text('methods').array().notNull().default(sql`'{}'::text[]`),
    points: numeric('points', { precision: 7, scale: 2 }),
    /** The departments as the handbook names them (matched to units of the town: evaluation_node_units). */
    departmentNames: text('department_names').array().notNull().default(sql`'{}'::text[]`),
    /** Field standards: the point types (domain/regions.ts) and checklist item codes (domain/inspections/checklists.ts) it maps to. */
    pointTypes: text('point_types').array().notNull().default(sql`'{}'::text[]`),
    checklistItems: text('checklist_items').array().notNull().default(sql`'{}'::text[]`),
    /** Material standards: the kinds of material required (domain/evaluation.ts MATERIAL_KINDS). */
    materialKinds: text('material_kinds').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    index('evaluation_nodes_system_idx').on(t.systemId, t.sort),
    uniqueIndex('evaluation_nodes_system_code_uq').on(t.systemId, t.code),
    check('evaluation_nodes_level_ck', sql`level IN ('item', 'content', 'standard')`),
  ],
);

/** The units responsible for a standard (its departments, resolved in the town). */
export const evaluationNodeUnits = pgTable(
  'evaluation_node_units',
  {
    nodeId: integer('node_id').notNull(),
    unitId: integer('unit_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.nodeId, t.unitId] }), index('evaluation_node_units_unit_idx').on(t.unitId)],
);

/** A town's evaluation cycle: the year, the version it is measured against, the assumed test month. */
export const evaluationCycles = pgTable(
  'evaluation_cycles',
  {
    id: serial('id').primaryKey(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    year: integer('year').notNull(),
    systemId: integer('system_id').notNull(),
    /** The first day of the assumed test month; material counts when dated in the 12 months before it. */
    testMonth: date('test_month').notNull(),
    /** The default deadline of the departments' materials. */
    deadline: date('deadline').notNull(),
    /** Working days before an assignment's deadline its unit is reminded (once per assignment and deadline; 0: no reminder). */
    remindDays: integer('remind_days').notNull().default(3),
    /** The forecast's pillar weights (实地 / 材料 / 问卷), in points of 100. */
    weightField: integer('weight_field').notNull().default(40),
    weightMaterial: integer('weight_material').notNull().default(40),
    weightSurvey: integer('weight_survey').notNull().default(20),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('evaluation_cycles_town_year_uq').on(t.townCode, t.year),
    check('evaluation_cycles_remind_ck', sql`remind_days BETWEEN 0 AND 30`),
    check(
      'evaluation_cycles_weights_ck',
      sql`weight_field >= 0 AND weight_material >= 0 AND weight_survey >= 0 AND weight_field + weight_material + weight_survey = 100`,
    ),
  ],
);

/** A 材料审核 standard × a responsible unit in a cycle: what the unit owes, by when (its inbox item). */
export const evaluationAssignments = pgTable(
  'evaluation_assignments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    cycleId: integer('cycle_id').notNull(),
    nodeId: integer('node_id').notNull(),
    unitId: integer('unit_id').notNull(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    deadline: date('deadline').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('evaluation_assignments_uq').on(t.cycleId, t.nodeId, t.unitId), index('evaluation_assignments_unit_idx').on(t.unitId, t.cycleId)],
);

/** One material a department submitted for an assignment: a file of the file store, or a record of this system as evidence. */
export const evaluationMaterials = pgTable(
  'evaluation_materials',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    assignmentId: bigint('assignment_id', { mode: 'number' }).notNull(),
    cycleId: integer('cycle_id').notNull(),
    nodeId: integer('node_id').notNull(),
    unitId: integer('unit_id').notNull(),
    townCode: varchar('town_code', { length: 9 }).notNull(),
    kind: text('kind').notNull(), // domain/evaluation.ts MaterialKind
    title: text('title').notNull(),
    /** The day the material is dated (must fall in the cycle's 12-month window). */
    dated: date('dated').notNull(),
    fileKind: text('file_kind'), // document | photo (the file store)
    fileId: bigint('file_id', { mode: 'number' }),
    evidenceType: text('evidence_type'), // meeting | activity | notice | campaign | figure
    evidenceId: bigint('evidence_id', { mode: 'number' }),
    evidenceRef: text('evidence_ref'),
    state: text('state').notNull().default('submitted'), // submitted | accepted | returned
    reviewComment: text('review_comment'),
    reviewedBy: integer('reviewed_by'),
    reviewedAt: ts('reviewed_at'),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('evaluation_materials_assignment_idx').on(t.assignmentId),
    index('evaluation_materials_cycle_idx').on(t.cycleId, t.nodeId, t.state),
    check('evaluation_materials_state_ck', sql`state IN ('submitted', 'accepted', 'returned')`),
    check('evaluation_materials_source_ck', sql`(file_id IS NOT NULL)::int + (evidence_type IS NOT NULL)::int = 1`),
  ],
);
