import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import * as svc from './plans.service.ts';
import { id as bodyId, idParam as id, isoDate, text, version } from '../../../domain/input.ts';
import { binary } from '../../../domain/api/common.ts';
import { planView } from '../../../domain/api/plans.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function planRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);
    app.get('/problems/:id/plan', { schema: { params: z.object({ id }), response: { 200: planView } } }, async (req) =>
      svc.getPlan(db, actorOf(req), req.params.id),
    );
    app.put(
      '/problems/:id/plan',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({
            version: version.nullish(),
            summary: text(2000).min(2, '请填写整改方案概要'),
            measures: text(4000).nullish(),
            responsibleName: text(50).nullish(),
            responsiblePersonId: bodyId.nullish(),
            milestones: z
              .array(
                z.object({
                  id: bodyId.optional(),
                  title: text(200).min(1, '请填写节点内容'),
                  dueDate: isoDate,
                  responsibleName: text(50).nullish(),
                }),
              )
              .max(50),
          }),
          response: { 200: planView },
        },
      },
      async (req) => {
        const { version, ...body } = req.body;
        return svc.savePlan(db, actorOf(req), req.params.id, body, version ?? null);
      },
    );
    app.post(
      '/problems/:id/plan/milestones/:milestoneId',
      { schema: { params: z.object({ id, milestoneId: id }), body: z.object({ done: z.boolean() }), response: { 200: planView } } },
      async (req) => svc.setMilestoneDone(db, actorOf(req), req.params.id, req.params.milestoneId, req.body.done),
    );
    app.post(
      '/problems/:id/plan/progress',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({
            note: text(2000).min(2, '请填写进展情况'),
            percent: z.number().int().min(0).max(100).nullish(),
          }),
          response: { 201: planView },
        },
      },
      async (req, reply) => reply.status(201).send(await svc.addProgress(db, actorOf(req), req.params.id, req.body.note, req.body.percent ?? null)),
    );
    app.get(
      '/plans/responsibility-list.xlsx',
      {
        schema: {
          querystring: z.object({
            regionCode: z
              .string()
              .regex(/^\d{6,15}$/)
              .optional(),
            includeClosed: z.enum(['1']).optional(),
          }),
          response: { 200: binary(XLSX, '问题责任清单 .xlsx') },
        },
      },
      async (req, reply) => {
        const buf = await svc.responsibilityList(db, actorOf(req), { regionCode: req.query.regionCode, includeClosed: !!req.query.includeClosed });
        reply.header('content-type', XLSX).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('问题责任清单.xlsx')}`);
        return reply.send(buf);
      },
    );
  };
}
