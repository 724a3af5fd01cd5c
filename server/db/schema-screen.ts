// Schema of the command dashboard (大屏, issue 19 item 6): display tokens. A
// wall display reads the screen of one region with a long-lived, read-only
// token an office created, not with a person's session. Only the token's
// SHA-256 is kept (the token is shown once, when created). Written only by
// server/modules/screen.
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, serial, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const displayTokens = pgTable(
  'display_tokens',
  {
    id: serial('id').primaryKey(),
    /** SHA-256 (hex) of the token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    /** What the display is called (大厅大屏, 书记办公室 …). */
    name: text('name').notNull(),
    /** The region it shows: a county (6 digits), town (9) or community (12). */
    regionCode: varchar('region_code', { length: 15 }).notNull(),
    createdBy: integer('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
    revokedBy: integer('revoked_by'),
  },
  (t) => [
    uniqueIndex('display_tokens_hash_uq').on(t.tokenHash),
    index('display_tokens_region_idx').using('btree', sql`${t.regionCode} text_pattern_ops`, t.id),
    check('display_tokens_region_ck', sql`length(${t.regionCode}) IN (6, 9, 12)`),
  ],
);
