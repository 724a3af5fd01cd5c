// /api/publicity/facilities: the register of publicity facilities (list with
// filters in keyset pages, one facility with its photos, record, change at
// its version, mark damaged), the map layer in a bounding box, a point's
// facilities against its requirement, and the points short of theirs.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';
import { actorOf, authorize, requireAuth } from '../../platform/session.ts';
import { id as bodyId, idParam as id, intParam, isoDate, list as listOf, ref, text, version } from '../../../domain/input.ts';
import { CONDITIONS, FACILITY_GROUPS } from '../../../domain/publicity.ts';
import { facilityDetail, facilityList, facilityMap, pointPublicity, shortPointList } from '../../../domain/api/publicity.ts';
import * as svc from './facilities.service.ts';
import * as points from './points.service.ts';
import { regionCode } from './publicity.routes.ts';

export const facilityFilter = z.object({
  regionCode: regionCode.optional(),
  kindId: id.optional(),
  themeId: id.optional(),
  group: z.enum(FACILITY_GROUPS, '分组应为 boards、ads、led 或 other').optional(),
  condition: z.enum(CONDITIONS, '状况应为 good、damaged、outdated 或 removed').optional(),
  placeId: id.optional(),
  ownerUnitId: id.optional(),
  installedFrom: isoDate.optional(),
  installedTo: isoDate.optional(),
});

export const facilityBody = z.object({
  name: text(100).min(2, '请填写设施名称或位置说明（至少 2 个字）'),
  kindId: ref('请选择设施类别'),
  themeId: bodyId.nullish(),
  placeId: bodyId.nullish(),
  regionCode: z
    .string('应为社区代码')
    .regex(/^\d{12}$/, '请选择社区')
    .nullish(),
  ownerUnitId: bodyId.nullish(),
  installedOn: isoDate.nullish(),
  condition: z.enum(CONDITIONS, '状况应为完好、破损、内容过期或已拆除').default('good'),
  lat: z.number('请在地图上选点或定位').min(-90, '纬度超出范围').max(90, '纬度超出范围'),
  lng: z.number('请在地图上选点或定位').min(-180, '经度超出范围').max(180, '经度超出范围'),
  note: text(1000).nullish(),
  photoIds: listOf(bodyId, 20, '照片最多 20 张').optional(),
});

const bbox = z
  .string()
  .max(200, 'bbox 应为 最小经度,最小纬度,最大经度,最大纬度')
  .transform((s, ctx) => {
    const n = s.split(',').map(Number);
    const ok = n.length === 4 && n.every(Number.isFinite) && n[0] < n[2] && n[1] < n[3] && Math.abs(n[1]) <= 90 && Math.abs(n[3]) <= 90;
    if (!ok) ctx.addIssue({ code: 'custom', message: 'bbox 应为 最小经度,最小纬度,最大经度,最大纬度' });
    return n as [number, number, number, number];
  });

export function facilityRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get(
      '/publicity/facilities',
      { schema: { querystring: facilityFilter.extend({ cursor: cursorParam.optional(), limit: limitParam(200, 50) }), response: { 200: facilityList } } },
      async (req) => svc.list(db, actorOf(req), req.query),
    );
    app.get(
      '/publicity/facilities/map',
      { schema: { querystring: facilityFilter.extend({ bbox, zoom: intParam(1, 22).default(14) }), response: { 200: facilityMap } } },
      async (req) => points.mapLayer(db, actorOf(req), req.query),
    );
    app.post('/publicity/facilities', { schema: { body: facilityBody, response: { 201: facilityDetail } } }, async (req, reply) =>
      reply.status(201).send(await svc.create(db, actorOf(req), req.body)),
    );
    app.get('/publicity/facilities/:id', { schema: { params: z.object({ id }), response: { 200: facilityDetail } } }, async (req) =>
      svc.get(db, actorOf(req), req.params.id),
    );
    app.put(
      '/publicity/facilities/:id',
      { schema: { params: z.object({ id }), body: facilityBody.extend({ version }), response: { 200: facilityDetail } } },
      async (req) => {
        const { version: v, ...input } = req.body;
        return svc.update(db, actorOf(req), req.params.id, v, input);
      },
    );
    // The desk's "报告破损" (the phone sends the same as a 'damage' item of POST /api/inspections/sync).
    app.post(
      '/publicity/facilities/:id/damage',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({ note: text(1000).nullish(), photoIds: listOf(bodyId, 20, '照片最多 20 张').optional() }),
          response: { 201: z.object({ id: z.number().int(), code: z.string(), state: z.string(), version: z.number().int(), replayed: z.boolean() }) },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'problem.report');
        const key = req.headers['idempotency-key'];
        const r = await svc.markDamaged(db, actor, {
          facilityId: req.params.id,
          note: req.body.note,
          photoIds: req.body.photoIds,
          idempotencyKey: typeof key === 'string' && key ? svc.damageKey(actor.personId, key) : null,
        });
        return reply.status(201).send(r);
      },
    );

    app.get('/publicity/points/:placeId', { schema: { params: z.object({ placeId: id }), response: { 200: pointPublicity } } }, async (req) =>
      points.pointPublicity(db, actorOf(req), req.params.placeId),
    );
    app.get(
      '/publicity/short-points',
      { schema: { querystring: z.object({ regionCode: regionCode.optional() }), response: { 200: shortPointList } } },
      async (req) => points.shortPoints(db, actorOf(req), req.query.regionCode),
    );
  };
}
