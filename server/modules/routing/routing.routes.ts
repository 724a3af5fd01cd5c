// HTTP contract for the dispatch matrix. routing.manage (admin, office) is
// checked in the service with the rule's region, so another town's rule
// answers 404 and never reveals itself.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import * as svc from './routing.service.ts';
import { id as bodyId, idParam as id, ref, version } from '../../../domain/input.ts';
import { noContent } from '../../../domain/api/common.ts';
import { dispatchResolved, dispatchRule, dispatchRuleList } from '../../../domain/api/routing.ts';

const code = z.string().regex(/^\d{6,15}$/, '区划代码应为 6-15 位数字');

export function routingRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get(
      '/dispatch-rules',
      { schema: { querystring: z.object({ regionCode: code.optional(), categoryId: id.optional() }), response: { 200: dispatchRuleList } } },
      async (req) => svc.list(db, actorOf(req), req.query),
    );

    app.get(
      '/dispatch-rules/resolve',
      { schema: { querystring: z.object({ regionCode: code, categoryId: id.optional() }), response: { 200: dispatchResolved } } },
      async (req) => svc.explain(db, actorOf(req), req.query),
    );

    app.get('/dispatch-rules/:id', { schema: { params: z.object({ id }), response: { 200: dispatchRule } } }, async (req) =>
      svc.get(db, actorOf(req), req.params.id),
    );

    // Upsert by (categoryId, regionCode); categoryId null = every category. 201 when created.
    app.put(
      '/dispatch-rules',
      {
        schema: {
          body: z.object({
            categoryId: bodyId.nullable(),
            regionCode: code,
            unitId: ref('请选择责任单位'),
            version: version.optional(),
          }),
          response: { 200: dispatchRule, 201: dispatchRule },
        },
      },
      async (req, reply) => {
        const r = await svc.upsert(db, actorOf(req), req.body);
        return reply.status(r.created ? 201 : 200).send(r.rule);
      },
    );

    app.delete('/dispatch-rules/:id', { schema: { params: z.object({ id }), response: { 204: noContent } } }, async (req, reply) => {
      await svc.remove(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    });
  };
}
