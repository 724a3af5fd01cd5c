// HTTP contract of the notification centre: the caller's own notifications,
// newest first, the unread count for the badge, and marking read.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import * as svc from './notifications.service.ts';
import { idParam as id } from '../../../domain/input.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';
import { NOTIFICATIONS_PAGE_MAX, notificationPage, notificationRead, notificationsReadAll, unreadCount } from '../../../domain/api/notifications.ts';

export function notificationRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get(
      '/notifications',
      {
        schema: {
          querystring: z.object({
            unread: z.enum(['1', 'true', '0', 'false']).optional(),
            cursor: cursorParam.optional(),
            limit: limitParam(NOTIFICATIONS_PAGE_MAX, 30),
          }),
          response: { 200: notificationPage },
        },
      },
      async (req) =>
        svc.list(db, actorOf(req).personId, {
          unread: req.query.unread === '1' || req.query.unread === 'true',
          cursor: req.query.cursor,
          limit: req.query.limit,
        }),
    );

    app.get('/notifications/unread-count', { schema: { response: { 200: unreadCount } } }, async (req) => svc.unreadCount(db, actorOf(req).personId));

    app.post('/notifications/read-all', { schema: { response: { 200: notificationsReadAll } } }, async (req) => svc.markAllRead(db, actorOf(req).personId));

    app.post('/notifications/:id/read', { schema: { params: z.object({ id }), response: { 200: notificationRead } } }, async (req) =>
      svc.markRead(db, actorOf(req).personId, req.params.id),
    );
  };
}
