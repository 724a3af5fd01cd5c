// HTTP contract of 回头看: the scoped list (due=1: waiting and due today or
// earlier) and recording a result once (problem.verify; 409 after).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import * as svc from './reinspections.service.ts';
import { id as bodyId, idParam as id, text } from '../../../domain/input.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';
import { REINSPECTION_PAGE_MAX, reinspectionPage, reinspectionResult } from '../../../domain/api/reinspections.ts';

export function reinspectionRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get(
      '/reinspections',
      {
        schema: {
          querystring: z.object({
            due: z.enum(['1', 'true', '0', 'false']).optional(),
            state: z.enum(['scheduled', 'passed', 'recurred']).optional(),
            limit: limitParam(REINSPECTION_PAGE_MAX, 50),
            cursor: cursorParam.optional(),
          }),
          response: { 200: reinspectionPage },
        },
      },
      async (req) => svc.list(db, actorOf(req), { ...req.query, due: req.query.due === '1' || req.query.due === 'true' }),
    );

    app.post(
      '/reinspections/:id/result',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({
            result: z.enum(['pass', 'recurred'], '请选择回头看结果：通过（pass）或复发（recurred）'),
            note: text(2000, '说明最多 2000 个字').nullish(),
            photoIds: z.array(bodyId).max(20, '最多 20 张照片').optional(),
          }),
          response: { 200: reinspectionResult },
        },
      },
      async (req) => svc.recordResult(db, actorOf(req), req.params.id, req.body),
    );
  };
}
