// /api/notifications: the caller's own notifications, newest first, in
// keyset pages; the unread count for the badge; marking read.
import { z } from 'zod';
import { instant, page, rowId, type Wire } from './common.ts';

/** The most notifications one page holds. */
export const NOTIFICATIONS_PAGE_MAX = 100;

export const notification = z.object({
  id: rowId,
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  problemId: rowId.nullable(),
  problemCode: z.string().nullable(),
  read: z.boolean(),
  readAt: instant.nullable(),
  createdAt: instant,
});
export const notificationPage = page(notification);
export const unreadCount = z.object({ count: z.number().int() });
export const notificationRead = z.object({ id: rowId, read: z.literal(true), readAt: instant });
export const notificationsReadAll = z.object({ updated: z.number().int() });

export type Notification = Wire<typeof notification>;
export type NotificationPage = Wire<typeof notificationPage>;
