// HTTP contract of the county office's own notices and of a town's feedback
// on its copy (county.ts).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';
import { RECEIVED_KINDS } from '../../../domain/notices/vocab.ts';
import { idParam as id, isoDate, text, version } from '../../../domain/input.ts';
import { countyNotice, countyNoticeList, issuedRef } from '../../../domain/api/county-notices.ts';
import { notice } from '../../../domain/api/notices.ts';
import * as county from './county.ts';
import { get as getNotice } from './notices.service.ts';
import { countyItems } from './notices.routes.ts';

const issueBody = z.object({
  kind: z.enum(RECEIVED_KINDS, '请选择通报类型'),
  title: text(100, '标题最多 100 个字').min(4, '请填写标题'),
  issuer: text(50).nullish(),
  issueDate: isoDate,
  dueDate: isoDate.nullish(),
  intro: text(2000).nullish(),
  items: countyItems,
});

export function countyNoticeRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);
    app.get(
      '/notices/county',
      { schema: { querystring: z.object({ cursor: cursorParam.optional(), limit: limitParam(100, 50) }), response: { 200: countyNoticeList } } },
      async (req) => county.list(db, actorOf(req), req.query),
    );
    app.post('/notices/county', { schema: { body: issueBody, response: { 201: issuedRef } } }, async (req, reply) =>
      reply.status(201).send(await county.issue(db, actorOf(req), req.body, config)),
    );
    app.get('/notices/county/:id', { schema: { params: z.object({ id }), response: { 200: countyNotice } } }, async (req) =>
      county.get(db, actorOf(req), req.params.id),
    );
    app.post(
      '/notices/:id/feedback',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({ version, note: text(2000).min(4, '请填写整改情况反馈（至少 4 个字）') }),
          response: { 200: notice },
        },
      },
      async (req) => {
        await county.feedback(db, actorOf(req), req.params.id, req.body);
        return getNotice(db, actorOf(req), req.params.id);
      },
    );
  };
}
