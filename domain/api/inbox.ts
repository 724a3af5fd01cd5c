// /api/inbox: the caller's pending items (待办), newest first in keyset pages,
// filtered by kind, state and overdue; counts per kind for the badge and tabs.
import { z } from 'zod';
import { day, instant, page, rowId, type Wire } from './common.ts';

/** The most items one page holds. */
export const INBOX_PAGE_MAX = 100;

export const inboxItem = z.object({
  id: rowId,
  kind: z.string(),
  kindLabel: z.string(),
  title: z.string(),
  link: z.string().describe('解决该待办的页面（站内路径）'),
  subjectType: z.string(),
  subjectId: rowId,
  owner: z.object({ type: z.enum(['person', 'role', 'unit']), label: z.string() }).describe('待办归属：本人、某区域的某角色、或某单位'),
  dueDate: day.nullable(),
  overdue: z.boolean(),
  lateWorkingDays: z.number().int(),
  lateLabel: z.string().nullable(),
  state: z.enum(['open', 'done', 'cancelled']),
  stateLabel: z.string(),
  closedAt: instant.nullable(),
  closedByName: z.string().nullable(),
  closedNote: z.string().nullable(),
  createdAt: instant,
});
export const inboxPage = page(inboxItem);
export const inboxCounts = z.object({
  open: z.number().int(),
  overdue: z.number().int(),
  kinds: z.array(z.object({ kind: z.string(), label: z.string(), open: z.number().int(), overdue: z.number().int() })),
});

export type InboxItem = Wire<typeof inboxItem>;
export type InboxPage = Wire<typeof inboxPage>;
export type InboxCounts = Wire<typeof inboxCounts>;
