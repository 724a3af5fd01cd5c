// HTTP contract for regions and places. Each route states its whole chain:
// auth (onRequest), validation (zod schema), then the service.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PLACE_KINDS, POINT_TYPES } from '../../../domain/regions.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import type { Db } from '../../db/pool.ts';
import * as svc from './regions.service.ts';
import { limitParam } from '../../platform/cursor.ts';
import { id as bodyId, idParam as id, text, version } from '../../../domain/input.ts';
import { noContent } from '../../../domain/api/common.ts';
import { place, placeList, region, regionDetail, regionTree } from '../../../domain/api/regions.ts';

const code = z.string().regex(/^\d{6,15}$/, '区划代码应为 6-15 位数字');
const name = text(100, '名称最多 100 个字').min(1, '名称不能为空');

const placeBody = z.object({
  kind: z.enum(PLACE_KINDS, '请选择类别：街巷、小区或点位'),
  regionCode: code,
  name,
  pointType: z.enum(POINT_TYPES, '请选择点位类型').nullish(),
  address: text(200, '地址最多 200 个字').nullish(),
  lat: z.number().min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间').nullish(),
  lng: z.number().min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间').nullish(),
  isDemoPoint: z.boolean().optional(),
  responsibleUnitId: bodyId.nullish(),
});

export function regionRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get('/regions/tree', { schema: { response: { 200: regionTree } } }, async (req) => ({ items: await svc.tree(db, actorOf(req)) }));

    app.get('/regions/:code', { schema: { params: z.object({ code }), response: { 200: regionDetail } } }, async (req) =>
      svc.getRegion(db, actorOf(req), req.params.code),
    );

    app.patch('/regions/:code', { schema: { params: z.object({ code }), body: z.object({ name, version }), response: { 200: region } } }, async (req) =>
      svc.renameRegion(db, actorOf(req), req.params.code, req.body.name, req.body.version),
    );

    app.post(
      '/regions/:code/grids',
      {
        schema: {
          params: z.object({ code }),
          body: z.object({ name, seq: z.number().int().min(1, '网格序号应为 1-999').max(999, '网格序号应为 1-999').optional() }),
          response: { 201: region },
        },
      },
      async (req, reply) => reply.status(201).send(await svc.addGrid(db, actorOf(req), req.params.code, req.body)),
    );

    app.delete('/regions/:code', { schema: { params: z.object({ code }), response: { 204: noContent } } }, async (req, reply) => {
      await svc.deleteGrid(db, actorOf(req), req.params.code);
      return reply.status(204).send(null);
    });

    app.get(
      '/places',
      {
        schema: {
          querystring: z.object({ regionCode: code.optional(), kind: z.enum(PLACE_KINDS).optional(), q: text(50).optional(), limit: limitParam(2000, 2000) }),
          response: { 200: placeList },
        },
      },
      async (req) => svc.listPlaces(db, actorOf(req), req.query),
    );

    app.get('/places/:id', { schema: { params: z.object({ id }), response: { 200: place } } }, async (req) => svc.getPlace(db, actorOf(req), req.params.id));

    app.post('/places', { schema: { body: placeBody, response: { 201: place } } }, async (req, reply) =>
      reply.status(201).send(await svc.createPlace(db, actorOf(req), req.body)),
    );

    app.patch('/places/:id', { schema: { params: z.object({ id }), body: placeBody.partial().extend({ version }), response: { 200: place } } }, async (req) => {
      const { version: v, ...rest } = req.body;
      return svc.updatePlace(db, actorOf(req), req.params.id, v, rest);
    });

    app.delete('/places/:id', { schema: { params: z.object({ id }), response: { 204: noContent } } }, async (req, reply) => {
      await svc.deletePlace(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    });
  };
}
