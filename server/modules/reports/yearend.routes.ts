// HTTP contract of the year-end summary and plan: the document of a region
// and year (every figure a live field, the appendix), saving its text, and the .docx.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { intParam, text } from '../../../domain/input.ts';
import { binary } from '../../../domain/api/common.ts';
import { yearendDoc } from '../../../domain/api/reports.ts';
import { YEAREND_KEYS } from '../../../domain/yearend.ts';
import { DOCX_TYPE } from '../notices/index.ts';
import { saveYearend, yearend } from './yearend.service.ts';
import { yearendDocx } from './yearend.docx.ts';

const query = z.object({
  region: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, '请选择县、乡镇或社区'),
  year: intParam(2000, 2100),
  style: z.enum(['exact', 'seed']).optional().describe('exact：精确数字；seed：按范文写法向下取整加“余”'),
});

export function yearendRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);
    app.get('/reports/yearend', { schema: { querystring: query, response: { 200: yearendDoc } } }, async (req) => yearend(db, actorOf(req), req.query));
    app.put(
      '/reports/yearend',
      {
        schema: {
          body: z.object({
            region: query.shape.region,
            year: z.number().int().min(2000).max(2100),
            version: z.number().int().min(0).max(2_147_483_647),
            texts: z.partialRecord(z.enum(YEAREND_KEYS as [string, ...string[]]), text(10000)),
          }),
          response: { 200: yearendDoc },
        },
      },
      async (req) => saveYearend(db, actorOf(req), req.body),
    );
    app.get(
      '/reports/yearend/docx',
      { schema: { querystring: query, response: { 200: binary(DOCX_TYPE, '年度总结及计划 .docx（GB/T 9704 版式）') } } },
      async (req, reply) => {
        const { buf, filename } = await yearendDocx(db, actorOf(req), req.query);
        reply.header('content-type', DOCX_TYPE).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
        return reply.send(buf);
      },
    );
  };
}
