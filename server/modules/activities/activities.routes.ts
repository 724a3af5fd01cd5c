// /api/activities: the list (keyset pages), Excel export and import, one
// activity, planning, editing, holding, cancelling (its photos are served at
// GET /api/photos/:id through the file store); the kinds,
// the year's calendar, the stations and their places, the planning form's
// choices. Every route needs a session; the services check the permission
// and the region.
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { todayChina } from '../../platform/clock.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';
import { readUpload } from '../../platform/uploads.ts';
import { XLSX_UPLOAD } from '../../platform/xlsx.ts';
import { actorOf, authorize, requireAuth } from '../../platform/session.ts';
import { id as bodyId, idParam as id, intParam, isoDate, isoMonth, list as listOf, ref, text, version } from '../../../domain/input.ts';
import { binary } from '../../../domain/api/common.ts';
import {
  activityCalendar,
  activityDetail,
  activityImport,
  activityKind,
  activityKindList,
  activityList,
  activityOptions,
  station,
  stationList,
} from '../../../domain/api/activities.ts';
import { ACTIVITY_STATES, MAX_PARTICIPANTS, publicityUrl } from '../../../domain/activities.ts';
import * as svc from './activities.service.ts';
import * as catalog from './catalog.service.ts';
import { EXPORT_MAX_ROWS, exportActivities, XLSX_TYPE } from './activities.excel.ts';
import { importActivities } from './activities.import.ts';

const regionCode = z.string('应为区划代码').regex(/^\d{6,15}$/, '区划代码应为 6-15 位数字');
export const filterQuery = z.object({
  regionCode: regionCode.optional(),
  unitId: id.optional(),
  month: isoMonth.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  kinds: z
    .string('应为文本')
    .max(200, '类别过多')
    .regex(/^[a-z0-9_]+(,[a-z0-9_]+)*$/, '活动类别代码以逗号分隔')
    .optional(),
  state: z.enum(ACTIVITY_STATES, '状态应为 planned、held 或 cancelled').optional(),
});

const count = z.number('应为人数').int('人数应为整数').min(0, '人数不能为负').max(MAX_PARTICIPANTS, `人数不能超过 ${MAX_PARTICIPANTS}`);
const planBody = z.object({
  title: text(100).min(2, '请填写活动名称（至少 2 个字）'),
  kindId: ref('请选择活动类别'),
  unitId: ref('请选择组织单位'),
  placeId: ref('请选择活动地点'),
  onDate: isoDate,
  theme: text(100).nullish(),
  festival: text(50).nullish(),
  coUnitIds: listOf(bodyId, 20, '共建单位最多 20 个').optional(),
});

export function activityRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get(
      '/activities',
      { schema: { querystring: filterQuery.extend({ cursor: cursorParam.optional(), limit: limitParam(200, 50) }), response: { 200: activityList } } },
      async (req) => svc.list(db, actorOf(req), req.query),
    );

    app.get(
      '/activities/export.xlsx',
      { schema: { querystring: filterQuery, response: { 200: binary(XLSX_TYPE, '活动清单 .xlsx（可作为导入模板）') } } },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'activity.read');
        const out = new PassThrough();
        exportActivities(db, actor, req.query, out, EXPORT_MAX_ROWS).catch((e) => {
          req.log.error({ err: e }, 'activity export failed');
          out.destroy(e);
        });
        const name = `活动清单-${todayChina()}.xlsx`;
        reply.header('content-type', XLSX_TYPE).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
        return reply.send(out);
      },
    );

    app.post('/activities/import', { schema: { response: { 201: activityImport } } }, async (req, reply) => {
      const actor = actorOf(req);
      authorize(actor, 'activity.manage');
      const { buf } = await readUpload(req, XLSX_UPLOAD);
      return reply.status(201).send(await importActivities(db, actor, buf));
    });

    app.get('/activities/kinds', { schema: { response: { 200: activityKindList } } }, async (req) => catalog.kinds(db, actorOf(req)));
    app.post(
      '/activities/kinds',
      {
        schema: {
          body: z.object({
            name: text(20).min(2, '请填写类别名称（2-20 个字）'),
            sort: z.number().int().min(0).max(9999).optional(),
          }),
          response: { 201: activityKind },
        },
      },
      async (req, reply) => reply.status(201).send(await catalog.createKind(db, actorOf(req), req.body)),
    );
    app.patch(
      '/activities/kinds/:id',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({
            version,
            name: text(20).min(2, '请填写类别名称（2-20 个字）').optional(),
            sort: z.number().int().min(0).max(9999).optional(),
            active: z.boolean().optional(),
          }),
          response: { 200: activityKind },
        },
      },
      async (req) => catalog.updateKind(db, actorOf(req), req.params.id, req.body),
    );

    app.get('/activities/calendar', { schema: { querystring: z.object({ year: intParam(2000, 2100) }), response: { 200: activityCalendar } } }, async (req) =>
      catalog.calendar(db, actorOf(req), req.query.year),
    );

    app.get('/activities/stations', { schema: { querystring: z.object({ regionCode: regionCode.optional() }), response: { 200: stationList } } }, async (req) =>
      catalog.stations(db, actorOf(req), req.query.regionCode),
    );
    app.put(
      '/activities/stations/:unitId/place',
      { schema: { params: z.object({ unitId: id }), body: z.object({ placeId: ref('请选择实践所（站）所在的地点') }), response: { 200: station } } },
      async (req) => catalog.setStationPlace(db, actorOf(req), req.params.unitId, req.body.placeId),
    );

    app.get('/activities/options', { schema: { querystring: z.object({ regionCode }), response: { 200: activityOptions } } }, async (req) => {
      const actor = actorOf(req);
      authorize(actor, 'activity.manage');
      return catalog.options(db, actor, req.query.regionCode);
    });

    app.post('/activities', { schema: { body: planBody, response: { 201: activityDetail } } }, async (req, reply) => {
      const actor = actorOf(req);
      authorize(actor, 'activity.manage');
      return reply.status(201).send(await svc.plan(db, actor, req.body));
    });

    app.get('/activities/:id', { schema: { params: z.object({ id }), response: { 200: activityDetail } } }, async (req) => {
      const actor = actorOf(req);
      authorize(actor, 'activity.read');
      return svc.get(db, actor, req.params.id);
    });

    app.put('/activities/:id', { schema: { params: z.object({ id }), body: planBody.extend({ version }), response: { 200: activityDetail } } }, async (req) => {
      const actor = actorOf(req);
      authorize(actor, 'activity.manage');
      const { version: v, ...input } = req.body;
      return svc.edit(db, actor, req.params.id, v, input);
    });

    app.post(
      '/activities/:id/hold',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({
            version,
            heldOn: isoDate,
            residents: count,
            volunteers: count,
            cadres: count,
            coBuildingStaff: count,
            report: text(2000).nullish(),
            publicityUrl: publicityUrl.nullish(),
            photoIds: listOf(bodyId, 20, '照片最多 20 张').optional(),
          }),
          response: { 200: activityDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'activity.manage');
        return svc.hold(db, actor, req.params.id, req.body);
      },
    );

    app.post(
      '/activities/:id/cancel',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({
            version,
            reason: text(500).min(2, '请填写取消原因（至少 2 个字）'),
          }),
          response: { 200: activityDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'activity.manage');
        return svc.cancel(db, actor, req.params.id, req.body.version, req.body.reason);
      },
    );
  };
}
