// HTTP contract of the town's own reports (daily and weekly): the list, a
// draft for a day (or the week holding it), one report, editing a draft,
// publishing it (期数), correcting a published one (a new revision with its
// reason), and the .docx in the GB/T 9704 layout.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';
import { idParam as id, isoDate, text, version } from '../../../domain/input.ts';
import { binary } from '../../../domain/api/common.ts';
import { TOWN_REPORTS_PAGE_MAX, townReportDetail, townReportPage } from '../../../domain/api/reports.ts';
import { TOWN_REPORT_KINDS, TOWN_REPORT_STATES } from '../../../domain/reports.ts';
import { DOCX_TYPE } from '../notices/index.ts';
import * as svc from './town.service.ts';
import { townReportDocx } from './town.docx.ts';

const regionParam = z.string().regex(/^\d{6,15}$/, '区划代码格式不正确');
const kind = z.enum(TOWN_REPORT_KINDS, '报告类别应为 daily（镇级日报）或 weekly（创城周报）');
const body = z.object({
  opening: text(2000),
  body: text(20000),
  closing: text(2000),
});

export function townReportRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get(
      '/reports/town',
      {
        schema: {
          querystring: z.object({
            kind: kind.optional(),
            region: regionParam.optional(),
            from: isoDate.optional(),
            to: isoDate.optional(),
            state: z.enum(TOWN_REPORT_STATES).optional(),
            cursor: cursorParam.optional(),
            limit: limitParam(TOWN_REPORTS_PAGE_MAX, 50),
          }),
          response: { 200: townReportPage },
        },
      },
      async (req) => svc.list(db, actorOf(req), { ...req.query, limit: req.query.limit ?? 50 }),
    );
    app.post(
      '/reports/town/draft',
      {
        schema: {
          body: z.object({ kind, townCode: z.string().regex(/^\d{9}$/, '请选择乡镇'), day: isoDate.describe('日报：当日；周报：该周任一天') }),
          response: { 200: z.object({ created: z.boolean(), report: townReportDetail }) },
        },
      },
      async (req) => svc.draft(db, actorOf(req), req.body),
    );
    app.get('/reports/town/:id', { schema: { params: z.object({ id }), response: { 200: townReportDetail } } }, async (req) =>
      svc.get(db, actorOf(req), req.params.id),
    );
    app.put(
      '/reports/town/:id',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({ version, title: text(200).min(2, '请填写标题'), body, refresh: z.boolean().optional().describe('按最新记录重算数字') }),
          response: { 200: townReportDetail },
        },
      },
      async (req) => svc.edit(db, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/reports/town/:id/publish',
      { schema: { params: z.object({ id }), body: z.object({ version }), response: { 200: townReportDetail } } },
      async (req) => svc.publish(db, actorOf(req), req.params.id, req.body.version),
    );
    app.post(
      '/reports/town/:id/correct',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({ version, reason: text(500).min(2, '请填写更正原因'), title: text(200).min(2, '请填写标题'), body }),
          response: { 200: townReportDetail },
        },
      },
      async (req) => svc.correct(db, actorOf(req), req.params.id, req.body),
    );
    app.get(
      '/reports/town/:id/docx',
      { schema: { params: z.object({ id }), response: { 200: binary(DOCX_TYPE, '镇级报告 .docx（GB/T 9704 版式）') } } },
      async (req, reply) => {
        const { buf, filename } = await townReportDocx(db, actorOf(req), req.params.id, config.storageDir);
        reply.header('content-type', DOCX_TYPE).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
        return reply.send(buf);
      },
    );
  };
}
