// HTTP contract of the forecast (issue 21 item 4): one region's forecast —
// a county by its towns, a town by its communities, or a community — with
// the pillars, the total (partial when a pillar has no data), the standards
// losing most with their fix, and a trend per month.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { forecastAnswer } from '../../../domain/api/evaluation.ts';
import { forecast } from './forecast.service.ts';

export function forecastRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);
    app.get(
      '/evaluation/forecast',
      {
        schema: {
          querystring: z.object({
            region: z
              .string()
              .regex(/^\d{6}(\d{3}(\d{3,6})?)?$/, '请选择县（区）、乡镇或社区（6、9 或 12 位以上区划代码）')
              .describe('县（区）、乡镇或社区'),
            year: z.coerce.number('应为年份').int('应为年份').min(2000, '年份不能早于 2000').max(2100, '年份不能晚于 2100').optional(),
          }),
          response: { 200: forecastAnswer },
        },
      },
      async (req) => forecast(db, actorOf(req), req.query),
    );
  };
}
