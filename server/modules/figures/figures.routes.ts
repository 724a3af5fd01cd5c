// HTTP contract of the figure registry: GET /api/figures?region=&period=&ids=,
// the figures of a region the caller covers (figure.read) over a year, a month
// or two dates.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, authorize, requireAuth } from '../../platform/session.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { todayChina } from '../../platform/clock.ts';
import { codeInScope } from '../../db/scope.ts';
import { regionScope } from '../../../domain/permissions.ts';
import { FIGURE_IDS, parsePeriod, type FigureId } from '../../../domain/figures.ts';
import { figuresAnswer } from '../../../domain/api/figures.ts';
import { figures } from './registry.ts';
import { regionName } from './figures.repository.ts';

const query = z.object({
  region: z
    .string()
    .regex(/^\d{6,15}$/, '区划代码格式不正确')
    .optional()
    .describe('县、乡镇或社区代码；不填为本人管辖的区划'),
  period: z.string().max(30).optional().describe('年 2026、月 2026-03 或 2026-01-01..2026-06-30；不填为今年'),
  ids: z.string().max(2000).optional().describe('逗号分隔的数字编号；不填为全部'),
});

export function figureRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);
    app.get('/figures', { schema: { querystring: query, response: { 200: figuresAnswer } } }, async (req) => {
      const actor = actorOf(req);
      authorize(actor, 'figure.read');
      const scope = regionScope(actor, 'figure.read');
      let region = req.query.region;
      if (!region) {
        if (scope === 'all' || scope.length !== 1) throw fieldError('querystring.region', '请选择区划');
        region = scope[0];
      }
      if (!codeInScope(region, scope)) throw notFound('区划不存在或不在您的管辖范围内');
      const name = await regionName(db, region);
      if (name === null) throw new AppError('REGION_UNKNOWN');
      const period = parsePeriod(req.query.period ?? todayChina().slice(0, 4));
      if (!period) throw fieldError('querystring.period', '期间格式应为 2026、2026-03 或 2026-01-01..2026-06-30');
      let ids: FigureId[] | undefined;
      if (req.query.ids) {
        ids = req.query.ids
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean) as FigureId[];
        const unknown = ids.filter((i) => !FIGURE_IDS.includes(i));
        if (unknown.length) throw fieldError('querystring.ids', `没有这些数字：${unknown.join('、')}`);
      }
      return { region, regionName: name, ...period, figures: await figures(db, region, period, ids) };
    });
  };
}
