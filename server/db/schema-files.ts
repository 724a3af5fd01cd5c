// Schema of the file store (issue 16): documents (pdf, docx, xlsx) kept as
// uploaded under STORAGE_DIR, and the links that say which record a document
// or a photo belongs to (the owner's module decides who may see it).
import { bigint, bigserial, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const files = pgTable('files', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** The name it was uploaded with (shown and used for the download). */
  name: text('name').notNull(),
  kind: text('kind').notNull(), // pdf | docx | xlsx (server/platform/documents.ts)
  mime: text('mime').notNull(),
  bytes: integer('bytes').notNull(),
  sha256: text('sha256').notNull(),
  /** Relative to STORAGE_DIR. */
  path: text('path').notNull(),
  uploadedBy: integer('uploaded_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** A file (document or photo) → the record it belongs to (owner kind + id). */
export const fileLinks = pgTable(
  'file_links',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    fileKind: text('file_kind').notNull(), // document (files.id) | photo (problem_photos.id)
    fileId: bigint('file_id', { mode: 'number' }).notNull(),
    ownerKind: text('owner_kind').notNull(), // meeting | study_trip | … (each registered by its module)
    ownerId: bigint('owner_id', { mode: 'number' }).notNull(),
    createdBy: integer('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('file_links_uq').on(t.fileKind, t.fileId, t.ownerKind, t.ownerId), index('file_links_owner_idx').on(t.ownerKind, t.ownerId)],
);
