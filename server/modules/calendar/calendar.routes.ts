// HTTP contract for the holiday calendar: read by everyone signed in (the
// pages show deadlines), changed by the admin (calendar.manage, checked in
// the service).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import * as svc from './calendar.service.ts';
import { isoDate, text } from '../../../domain/input.ts';
import { calendarDaySet, calendarReseed, calendarYear } from '../../../domain/api/calendar.ts';

const year = z
  .string('年份应为整数')
  .regex(/^\d{4}$/, '年份应在 2004-2100 之间')
  .transform(Number)
  .pipe(z.number().min(2004, '年份应在 2004-2100 之间').max(2100, '年份应在 2004-2100 之间'));
// The holiday data starts in 2004.
const day = isoDate.refine((s) => Number(s.slice(0, 4)) >= 2004, '日期应在 2004-2100 年之间');

export function calendarRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get('/calendar', { schema: { querystring: z.object({ year: year.optional() }), response: { 200: calendarYear } } }, async (req) =>
      svc.getYear(db, actorOf(req), req.query.year ?? Number(svc.todayChina().slice(0, 4))),
    );

    app.put(
      '/calendar/days/:day',
      {
        schema: {
          params: z.object({ day }),
          body: z.object({
            kind: z.enum(['holiday', 'workday'], '请选择：放假（holiday）或调休上班（workday），或 null 恢复默认').nullable(),
            name: text(30, '名称最多 30 个字').nullish(),
          }),
          response: { 200: calendarDaySet },
        },
      },
      async (req) => svc.setDay(db, actorOf(req), req.params.day, req.body.kind, req.body.name ?? null),
    );

    app.post('/calendar/:year/reseed', { schema: { params: z.object({ year }), response: { 200: calendarReseed } } }, async (req) =>
      svc.reseed(db, actorOf(req), req.params.year),
    );
  };
}
