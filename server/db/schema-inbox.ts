// Schema of the inbox (待办, issue 14): one row per thing that waits on
// someone. Written only by server/modules/inbox (other modules open and close
// items through its service, inside their own transaction).
import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const inboxItems = pgTable(
  'inbox_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(), // domain/inbox.ts InboxKind
    /** The region the waiting thing belongs to (a problem's community, a notice's town). */
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    /** Exactly one owner: a person, a role held over a region (covering it), or a unit. */
    ownerPersonId: integer('owner_person_id'),
    ownerRole: text('owner_role'),
    ownerRegionCode: varchar('owner_region_code', { length: 15 }),
    ownerUnitId: integer('owner_unit_id'),
    subjectType: text('subject_type').notNull(), // problem | notice | extension | accountability | ranking | reinspection …
    subjectId: bigint('subject_id', { mode: 'number' }).notNull(),
    title: text('title').notNull(),
    link: text('link').notNull(),
    dueDate: date('due_date'),
    state: text('state').notNull().default('open'), // open | done | cancelled
    closedBy: integer('closed_by'),
    closedAt: ts('closed_at'),
    closedNote: text('closed_note'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    // One open item per kind and subject: opening again is a no-op (backfill, retries).
    uniqueIndex('inbox_items_open_uq').on(t.kind, t.subjectType, t.subjectId).where(sql`state = 'open'`),
    // The open list is the hot read (the badge, the desk): each owner branch has its own index of open items only,
    // so done items piling up over the years cost it nothing.
    index('inbox_items_person_open_idx').on(t.ownerPersonId, t.id).where(sql`state = 'open' AND owner_person_id IS NOT NULL`),
    index('inbox_items_role_open_idx')
      .using('btree', t.ownerRole, sql`${t.ownerRegionCode} text_pattern_ops`, t.id)
      .where(sql`state = 'open' AND owner_role IS NOT NULL`),
    index('inbox_items_unit_open_idx').on(t.ownerUnitId, t.id).where(sql`state = 'open' AND owner_unit_id IS NOT NULL`),
    index('inbox_items_subject_idx').on(t.subjectType, t.subjectId),
    check(
      'inbox_items_owner_ck',
      sql`(owner_person_id IS NOT NULL)::int + (owner_role IS NOT NULL AND owner_region_code IS NOT NULL)::int + (owner_unit_id IS NOT NULL)::int = 1`,
    ),
    check('inbox_items_state_ck', sql`state IN ('open', 'done', 'cancelled')`),
  ],
);
