// HTTP contract of meetings: the kinds, the list (filters, keyset pages), one
// meeting, recording and editing it, the Excel export and import, and the
// decision owner picker. Decisions, study trips and the cadence: decisions.routes.ts.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, authorize, requireAuth } from '../../platform/session.ts';
import { readUpload } from '../../platform/uploads.ts';
import { XLSX_UPLOAD } from '../../platform/xlsx.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';
import { fieldError } from '../../platform/errors.ts';
import { codeInScope } from '../../db/scope.ts';
import { todayChina } from '../calendar/index.ts';
import { reachableUnits } from '../units/index.ts';
import { regionScope } from '../../../domain/permissions.ts';
import { id as bodyId, idParam as id, isoDate, isoInstant, list, text, version } from '../../../domain/input.ts';
import { binary } from '../../../domain/api/common.ts';
import { reachableUnits as reachableAnswer } from '../../../domain/api/units.ts';
import { importResult, meetingDetail, meetingKinds, meetingPage, MEETINGS_PAGE_MAX } from '../../../domain/api/meetings.ts';
import { ATTENDANCE } from '../../../domain/meetings.ts';
import * as svc from './meetings.service.ts';
import { exportMeetings, importMeetings, template, XLSX_TYPE } from './meetings.excel.ts';

export const regionParam = z.string().regex(/^\d{6,15}$/, '区划代码格式不正确');
const ids = (max: number) => list(bodyId, max);

const meetingBody = z.object({
  regionCode: z.string().regex(/^\d{9}(\d{3})?$/, '请选择乡镇或社区'),
  kindId: bodyId,
  title: text(200).min(2, '请填写会议名称'),
  startsAt: isoInstant,
  place: text(200).nullish(),
  chairPersonId: bodyId.nullish(),
  chairName: text(50).nullish(),
  agenda: text(4000).nullish(),
  minutes: text(20000).nullish(),
  relayed: text(4000).nullish(),
  attendees: list(
    z.object({
      personId: bodyId.nullish(),
      name: text(50).nullish(),
      org: text(100).nullish(),
      status: z.enum(ATTENDANCE, '出席情况应为 出席、缺席 或 请假'),
    }),
    500,
  ),
  photoIds: ids(50).optional(),
  fileIds: ids(50).optional(),
});

export const listQuery = z.object({
  region: regionParam.optional(),
  kindId: id.optional(),
  kind: z
    .string()
    .regex(/^[a-z_,]{1,100}$/, '会议类别代码不正确')
    .optional()
    .describe('预置类别代码，逗号分隔（数字的明细链接用）'),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: text(50).optional(),
});

export function meetingRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get('/meetings/kinds', { schema: { response: { 200: meetingKinds } } }, async (req) => svc.listKinds(db, actorOf(req)));
    app.post(
      '/meetings/kinds',
      {
        schema: {
          body: z.object({ name: text(30).min(2, '请填写类别名称'), sort: z.number().int().min(0).max(1000).nullish() }),
          response: { 201: meetingKinds },
        },
      },
      async (req, reply) => reply.status(201).send(await svc.createKind(db, actorOf(req), req.body)),
    );
    app.patch(
      '/meetings/kinds/:id',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({
            version,
            name: text(30).min(2, '请填写类别名称'),
            sort: z.number().int().min(0).max(1000),
            active: z.boolean(),
          }),
          response: { 200: meetingKinds },
        },
      },
      async (req) => svc.updateKind(db, actorOf(req), req.params.id, req.body),
    );

    app.get(
      '/meetings',
      {
        schema: { querystring: listQuery.extend({ cursor: cursorParam.optional(), limit: limitParam(MEETINGS_PAGE_MAX, 50) }), response: { 200: meetingPage } },
      },
      async (req) => svc.list(db, actorOf(req), { ...req.query, limit: req.query.limit ?? 50 }),
    );

    app.get('/meetings/export.xlsx', { schema: { querystring: listQuery, response: { 200: binary(XLSX_TYPE, '会议清单 .xlsx') } } }, async (req, reply) => {
      const buf = await exportMeetings(db, actorOf(req), req.query);
      reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`会议清单-${todayChina()}.xlsx`)}`);
      return reply.send(buf);
    });
    app.get('/meetings/import-template.xlsx', { schema: { response: { 200: binary(XLSX_TYPE, '会议导入模板 .xlsx') } } }, async (req, reply) => {
      authorize(actorOf(req), 'meeting.manage');
      reply.header('content-type', XLSX_TYPE).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('会议导入模板.xlsx')}`);
      return reply.send(await template());
    });
    app.post('/meetings/import', { schema: { response: { 201: importResult } } }, async (req, reply) => {
      const actor = actorOf(req);
      authorize(actor, 'meeting.manage');
      const { buf } = await readUpload(req, XLSX_UPLOAD);
      return reply.status(201).send(await importMeetings(db, actor, buf));
    });

    /** The units a decision of a meeting in `regionCode` may be given to: the town's reachable units (the dispatch rule). */
    app.get(
      '/meetings/owner-units',
      { schema: { querystring: z.object({ regionCode: regionParam, q: text(50).optional() }), response: { 200: reachableAnswer } } },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'meeting.manage');
        if (!codeInScope(req.query.regionCode, regionScope(actor, 'meeting.manage')) || req.query.regionCode.length < 9)
          throw fieldError('querystring.regionCode', '该区划不在您的管辖范围内');
        return reachableUnits(db, req.query.regionCode, req.query.q);
      },
    );

    app.post('/meetings', { schema: { body: meetingBody, response: { 201: meetingDetail } } }, async (req, reply) =>
      reply.status(201).send(await svc.create(db, actorOf(req), req.body)),
    );
    app.get('/meetings/:id', { schema: { params: z.object({ id }), response: { 200: meetingDetail } } }, async (req) =>
      svc.get(db, actorOf(req), req.params.id),
    );
    app.put('/meetings/:id', { schema: { params: z.object({ id }), body: meetingBody.extend({ version }), response: { 200: meetingDetail } } }, async (req) => {
      const { version: v, ...body } = req.body;
      return svc.update(db, actorOf(req), req.params.id, v, body);
    });
  };
}
