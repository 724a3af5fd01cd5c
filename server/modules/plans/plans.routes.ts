import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import * as svc from './plans.service.ts';

const id = z.coerce.number().int().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function planRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preHandler', requireAuth);
    app.get('/problems/:id/plan', { schema: { params: z.object({ id }) } }, async (req) => svc.getPlan(db, actorOf(req), req.params.id));
    app.put('/problems/:id/plan', { schema: { params: z.object({ id }), body: z.object({
      version: z.number().int().positive().nullish(),
      summary: z.string().trim().min(2, '请填写整改方案概要').max(2000),
      measures: z.string().trim().max(4000).nullish(),
      responsibleName: z.string().trim().max(50).nullish(),
      responsiblePersonId: z.number().int().positive().nullish(),
      milestones: z.array(z.object({
        id: z.number().int().positive().optional(),
        title: z.string().trim().min(1, '请填写节点内容').max(200),
        dueDate: isoDate,
        responsibleName: z.string().trim().max(50).nullish(),
      })).max(50),
    }) } }, async (req) => {
      const { version, ...body } = req.body;
      return svc.savePlan(db, actorOf(req), req.params.id, body, version ?? null);
    });
    app.post('/problems/:id/plan/milestones/:milestoneId', { schema: { params: z.object({ id, milestoneId: id }), body: z.object({ done: z.boolean() }) } },
      async (req) => svc.setMilestoneDone(db, actorOf(req), req.params.id, req.params.milestoneId, req.body.done));
    app.post('/problems/:id/plan/progress', { schema: { params: z.object({ id }), body: z.object({
      note: z.string().trim().min(2, '请填写进展情况').max(2000), percent: z.number().int().min(0).max(100).nullish(),
    }) } }, async (req, reply) => reply.status(201).send(await svc.addProgress(db, actorOf(req), req.params.id, req.body.note, req.body.percent ?? null)));
    app.get('/plans/responsibility-list.xlsx', { schema: { querystring: z.object({ regionCode: z.string().regex(/^\d{6,15}$/).optional(), includeClosed: z.enum(['1']).optional() }) } },
      async (req, reply) => {
        const buf = await svc.responsibilityList(db, actorOf(req), { regionCode: req.query.regionCode, includeClosed: !!req.query.includeClosed });
        reply.header('content-type', XLSX).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('问题责任清单.xlsx')}`);
        return reply.send(buf);
      });
  };
}
