// HTTP contract of the inbox: the caller's own pending items (待办) and their
// counts. Nothing here writes: items are opened and closed by the modules
// whose records wait (notices, problems, assessment, accountability).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';
import { INBOX_KIND_LIST, INBOX_STATES } from '../../../domain/inbox.ts';
import { INBOX_PAGE_MAX, inboxCounts, inboxPage } from '../../../domain/api/inbox.ts';
import * as svc from './inbox.service.ts';

export function inboxRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get(
      '/inbox',
      {
        schema: {
          querystring: z.object({
            kind: z.enum(INBOX_KIND_LIST, '待办类型无效').optional(),
            state: z.enum(INBOX_STATES, '状态只能是 open、done 或 cancelled').optional(),
            overdue: z.enum(['1', 'true', '0', 'false']).optional().describe('1: 只看已超期的'),
            cursor: cursorParam.optional(),
            limit: limitParam(INBOX_PAGE_MAX, 50),
          }),
          response: { 200: inboxPage },
        },
      },
      async (req) =>
        svc.list(db, actorOf(req), {
          kind: req.query.kind,
          state: req.query.state,
          overdue: req.query.overdue === '1' || req.query.overdue === 'true',
          cursor: req.query.cursor,
          limit: req.query.limit,
        }),
    );

    app.get('/inbox/counts', { schema: { response: { 200: inboxCounts } } }, async (req) => svc.counts(db, actorOf(req)));
  };
}
