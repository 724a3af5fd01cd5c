// Schema of supervision notices (issue 6): notices issued by the town office
// (督查通报, 暗访情况通报), issued by the county office to its towns and
// received from the county (县督查通报, 创城周报: entered by hand, or a town's
// copy of one issued in the system),
// their items (each one a tracked problem) and the per-year number counters.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const notices = pgTable(
  'notices',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    direction: text('direction').notNull(), // issued (a town's) | received (by a town) | county (issued by a county office to its towns)
    kind: text('kind').notNull(), // domain/notices/vocab.ts NoticeKind
    townCode: varchar('town_code', { length: 9 }).notNull(),
    year: integer('year').notNull(),
    /** Issued: allocated at publication from notice_counters, never before (no gaps). Received: as printed. */
    seq: integer('seq'),
    docNumber: text('doc_number'), // 汀州镇创城办〔2026〕5号, or the county's number as printed
    title: text('title').notNull(),
    issuer: text('issuer').notNull(), // 发文机关
    issueDate: date('issue_date').notNull(),
    dueDate: date('due_date'), // deadline the notice sets for every item (optional)
    intro: text('intro'), // the body's opening paragraph
    state: text('state').notNull(), // draft | submitted | approved | published; received: recorded
    rejectNote: text('reject_note'),
    createdBy: integer('created_by').notNull(),
    approvedBy: integer('approved_by'),
    approvedAt: ts('approved_at'),
    publishedAt: ts('published_at'),
    /** A town's received copy of a notice its county office issued in the system (direction county). */
    parentId: bigint('parent_id', { mode: 'number' }),
    /** A received notice's 整改情况反馈, as the town sent it back to the issuer. */
    feedbackNote: text('feedback_note'),
    feedbackAt: ts('feedback_at'),
    feedbackBy: integer('feedback_by'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notices_number_uq').on(t.townCode, t.kind, t.year, t.seq).where(sql`seq IS NOT NULL AND direction = 'issued'`),
    index('notices_town_idx').on(t.townCode, t.direction, t.createdAt),
    index('notices_parent_idx').on(t.parentId).where(sql`parent_id IS NOT NULL`),
  ],
);

/** One line of a notice's 问题清单, in its printed order; problemId is the tracked problem. */
export const noticeItems = pgTable(
  'notice_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    noticeId: bigint('notice_id', { mode: 'number' })
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    problemId: bigint('problem_id', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('notice_items_pos_uq').on(t.noticeId, t.position),
    uniqueIndex('notice_items_problem_uq').on(t.noticeId, t.problemId),
    index('notice_items_problem_idx').on(t.problemId),
  ],
);

/** Last number issued per (town, kind, year); locked FOR UPDATE by the publishing transaction. */
export const noticeCounters = pgTable(
  'notice_counters',
  {
    townCode: varchar('town_code', { length: 9 }).notNull(),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.townCode, t.kind, t.year] })],
);
