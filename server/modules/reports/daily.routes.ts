// HTTP contract of community daily reports: the town's settings (cut-off,
// rest days, draft time), a community's form for a day (pre-filled), submit
// and correct, one report, the list (keyset pages), and the missing ones.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';
import { id as bodyId, idParam as id, isoDate, list, text, version } from '../../../domain/input.ts';
import { DAILY_PAGE_MAX, dailyForm, dailyReportDetail, dailyReportPage, missingReports, reportSettings } from '../../../domain/api/reports.ts';
import { HHMM } from '../../../domain/reports.ts';
import * as svc from './daily.service.ts';

export const regionParam = z.string().regex(/^\d{6,15}$/, '区划代码格式不正确');
const townParam = z.string().regex(/^\d{9}$/, '请选择乡镇');
const communityParam = z.string().regex(/^\d{12}$/, '请选择社区');
const hhmm = z.string().regex(HHMM, '时间格式应为 HH:MM');
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export function dailyReportRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get('/reports/settings', { schema: { querystring: z.object({ town: townParam }), response: { 200: reportSettings } } }, async (req) =>
      svc.getSettings(db, actorOf(req), req.query.town),
    );
    app.put(
      '/reports/settings',
      {
        schema: {
          body: z.object({ townCode: townParam, cutoff: hhmm, restDays: z.boolean(), draftAt: hhmm, version: z.number().int().min(0).max(2_147_483_647) }),
          response: { 200: reportSettings },
        },
      },
      async (req) => svc.saveSettings(db, actorOf(req), req.body),
    );

    app.get(
      '/reports/daily/form',
      { schema: { querystring: z.object({ communityCode: communityParam, day: isoDate }), response: { 200: dailyForm } } },
      async (req) => svc.form(db, actorOf(req), req.query.communityCode, req.query.day),
    );
    app.get(
      '/reports/daily',
      {
        schema: {
          querystring: z.object({
            region: regionParam.optional(),
            from: isoDate.optional(),
            to: isoDate.optional(),
            late: bool.optional(),
            cursor: cursorParam.optional(),
            limit: limitParam(DAILY_PAGE_MAX, 50),
          }),
          response: { 200: dailyReportPage },
        },
      },
      async (req) => svc.list(db, actorOf(req), { ...req.query, limit: req.query.limit ?? 50 }),
    );
    app.get(
      '/reports/daily/missing',
      {
        schema: {
          querystring: z.object({ region: regionParam.optional(), from: isoDate.optional(), to: isoDate.optional() }),
          response: { 200: missingReports },
        },
      },
      async (req) => svc.missing(db, actorOf(req), req.query),
    );
    app.post(
      '/reports/daily',
      {
        schema: {
          body: z.object({ communityCode: communityParam, day: isoDate, body: text(5000).min(2, '请填写今日工作情况'), photoIds: list(bodyId, 20).optional() }),
          response: { 201: dailyReportDetail },
        },
      },
      async (req, reply) => reply.status(201).send(await svc.submit(db, actorOf(req), req.body)),
    );
    app.get('/reports/daily/:id', { schema: { params: z.object({ id }), response: { 200: dailyReportDetail } } }, async (req) =>
      svc.get(db, actorOf(req), req.params.id),
    );
    app.put(
      '/reports/daily/:id',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({ version, body: text(5000).min(2, '请填写今日工作情况'), photoIds: list(bodyId, 20).optional() }),
          response: { 200: dailyReportDetail },
        },
      },
      async (req) => svc.edit(db, actorOf(req), req.params.id, req.body),
    );
  };
}
