// HTTP contract of the notification centre: the caller's own notifications,
// newest first, the unread count for the badge, and marking read.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import * as svc from './notifications.service.ts';
import { idParam as id, intParam } from '../../../domain/input.ts';

export function notificationRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get('/notifications', { schema: { querystring: z.object({
      unread: z.enum(['1', 'true', '0', 'false']).optional(), before: id.optional(), limit: intParam(1, 100).optional(),
    }) } }, async (req) => svc.list(db, actorOf(req).personId, {
      unread: req.query.unread === '1' || req.query.unread === 'true', before: req.query.before, limit: req.query.limit,
    }));

    app.get('/notifications/unread-count', async (req) => svc.unreadCount(db, actorOf(req).personId));

    app.post('/notifications/read-all', async (req) => svc.markAllRead(db, actorOf(req).personId));

    app.post('/notifications/:id/read', { schema: { params: z.object({ id }) } }, async (req) => svc.markRead(db, actorOf(req).personId, req.params.id));
  };
}
