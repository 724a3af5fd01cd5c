// HTTP contract of 问责: the scoped list of items, the decision
// (accountability.manage) and the thresholds.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import * as svc from './accountability.service.ts';
import { idParam as id, isoDate, text } from '../../../domain/input.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';
import { ACCOUNTABILITY_PAGE_MAX, accountabilityItem, accountabilityPage, thresholds } from '../../../domain/api/accountability.ts';

export function accountabilityRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get(
      '/accountability',
      {
        schema: {
          querystring: z.object({
            state: z.enum(['open', 'decided']).optional(),
            cursor: cursorParam.optional(),
            limit: limitParam(ACCOUNTABILITY_PAGE_MAX, 50),
          }),
          response: { 200: accountabilityPage },
        },
      },
      async (req) => svc.list(db, actorOf(req), req.query),
    );

    app.post(
      '/accountability/:id/decision',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({
            decision: z.enum(svc.DECISIONS, `请选择问责决定：${svc.DECISIONS.join('、')}`),
            note: text(2000, '说明最多 2000 个字').nullish(),
            decisionDate: isoDate,
          }),
          response: { 200: accountabilityItem },
        },
      },
      async (req) => svc.decide(db, actorOf(req), req.params.id, req.body),
    );

    app.get('/accountability/thresholds', { schema: { response: { 200: thresholds } } }, async (req) => svc.thresholds(db, actorOf(req)));

    app.put(
      '/accountability/thresholds',
      {
        schema: {
          body: z.object({
            reworkPerProblem: z.number().int().min(1, '至少 1 次').max(100),
            overdueWorkingDays: z.number().int().min(1, '至少 1 个工作日').max(250),
            unitOverduePerMonth: z.number().int().min(1, '至少 1 件').max(1000),
          }),
          response: { 200: thresholds },
        },
      },
      async (req) => svc.setThresholds(db, actorOf(req), req.body),
    );
  };
}
