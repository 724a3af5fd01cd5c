// /api/surveys: the 摸排 needs (list, map layer, export: a department's list
// to send, import), the need kinds, the form's choices; one need, recording
// and editing it, moving it, linking it to a plan or problem; the department
// page its liaison sees, and the liaison's answer. Every route needs a
// session; the services check the permission and the region.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';
import { todayChina } from '../../platform/clock.ts';
import { readUpload } from '../../platform/uploads.ts';
import { XLSX_UPLOAD } from '../../platform/xlsx.ts';
import { actorOf, authorize, requireAuth } from '../../platform/session.ts';
import { id as bodyId, idParam as id, isoDate, list as listOf, ref, text, version } from '../../../domain/input.ts';
import { binary } from '../../../domain/api/common.ts';
import { departmentNeeds, needDetail, needImport, needKind, needKindList, needList, needMap, needOptions } from '../../../domain/api/surveys.ts';
import { MAX_NEED_UNITS, MAX_QUANTITY, NEED_MOVE_NAMES, NEED_STATES } from '../../../domain/surveys.ts';
import { can } from '../../../domain/permissions.ts';
import { createKind, listKinds, updateKind, XLSX_TYPE } from '../campaigns/index.ts';
import * as svc from './surveys.service.ts';
import { exportNeeds, importNeeds } from './surveys.excel.ts';

const regionCode = z.string('应为区划代码').regex(/^\d{6,15}$/, '区划代码应为 6-15 位数字');
export const filterQuery = z.object({
  regionCode: regionCode.optional(),
  state: z.enum(NEED_STATES, '状态不正确').optional(),
  kindId: id.optional(),
  unitId: id.optional(),
  q: text(50).optional(),
});
const needBody = z.object({
  regionCode: z
    .string()
    .regex(/^\d{12,15}$/, '社区代码应为 12-15 位数字')
    .nullish(),
  placeId: ref('请选择地点').nullish(),
  kindId: ref('请选择需求类别'),
  description: text(1000).min(2, '请描述需求（至少 2 个字）'),
  address: text(200).nullish(),
  lat: z.number('应为纬度').min(-90, '纬度超出范围').max(90, '纬度超出范围').nullish(),
  lng: z.number('应为经度').min(-180, '经度超出范围').max(180, '经度超出范围').nullish(),
  quantity: z.number('应为整数').int('数量应为整数').min(0, '数量不能为负').max(MAX_QUANTITY, `数量不能超过 ${MAX_QUANTITY}`),
  size: text(50).nullish(),
  foundBy: text(50).min(1, '请填写发现人'),
  foundOn: isoDate,
  unitIds: listOf(bodyId, MAX_NEED_UNITS, `对接部门最多 ${MAX_NEED_UNITS} 个`),
  photoIds: listOf(bodyId, 20, '照片最多 20 张').optional(),
});
const kindName = text(20).min(2, '请填写名称（2-20 个字）');
const sort = z.number().int().min(0).max(9999).optional();

export function surveyRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);
    const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

    app.get(
      '/surveys/needs',
      { schema: { querystring: filterQuery.extend({ cursor: cursorParam.optional(), limit: limitParam(200, 50) }), response: { 200: needList } } },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'survey.read');
        return svc.list(db, actor, req.query);
      },
    );
    app.get('/surveys/needs/map', { schema: { querystring: filterQuery, response: { 200: needMap } } }, async (req) => {
      const actor = actorOf(req);
      authorize(actor, 'survey.read');
      return svc.mapLayer(db, actor, req.query);
    });
    app.get(
      '/surveys/needs/export.xlsx',
      { schema: { querystring: filterQuery, response: { 200: binary(XLSX_TYPE, '摸排需求清单 .xlsx（按部门筛选即为发给该部门的清单；可作为导入模板）') } } },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'survey.read');
        const { buf, title } = await exportNeeds(db, actor, req.query);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachment(`${title}-${todayChina()}.xlsx`))
          .send(buf);
      },
    );
    app.post('/surveys/needs/import', { schema: { response: { 201: needImport } } }, async (req, reply) => {
      const actor = actorOf(req);
      authorize(actor, 'survey.manage');
      const { buf } = await readUpload(req, XLSX_UPLOAD);
      return reply.status(201).send(await importNeeds(db, actor, buf));
    });

    app.get('/surveys/kinds', { schema: { response: { 200: needKindList } } }, async (req) => {
      const actor = actorOf(req);
      authorize(actor, 'survey.read');
      return { items: await listKinds(db, 'need'), can: { manage: can(actor, 'survey.kinds') } };
    });
    app.post('/surveys/kinds', { schema: { body: z.object({ name: kindName, sort }), response: { 201: needKind } } }, async (req, reply) =>
      reply.status(201).send(await createKind(db, actorOf(req), 'need', 'survey.kinds', req.body)),
    );
    app.patch(
      '/surveys/kinds/:id',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({ version, name: kindName.optional(), sort, active: z.boolean().optional() }),
          response: { 200: needKind },
        },
      },
      async (req) => updateKind(db, actorOf(req), 'need', 'survey.kinds', req.params.id, req.body),
    );

    app.get('/surveys/options', { schema: { querystring: z.object({ regionCode }), response: { 200: needOptions } } }, async (req) => {
      const actor = actorOf(req);
      authorize(actor, 'survey.manage');
      return svc.options(db, actor, req.query.regionCode);
    });

    app.get('/surveys/department', { schema: { querystring: z.object({ unitId: id.optional() }), response: { 200: departmentNeeds } } }, async (req) => {
      const actor = actorOf(req);
      authorize(actor, 'survey.answer');
      return svc.department(db, actor, req.query.unitId);
    });

    app.post('/surveys/needs', { schema: { body: needBody, response: { 201: needDetail } } }, async (req, reply) => {
      const actor = actorOf(req);
      authorize(actor, 'survey.manage');
      return reply.status(201).send(await svc.create(db, actor, req.body));
    });
    app.get('/surveys/needs/:id', { schema: { params: z.object({ id }), response: { 200: needDetail } } }, async (req) =>
      svc.get(db, actorOf(req), req.params.id),
    );
    app.put('/surveys/needs/:id', { schema: { params: z.object({ id }), body: needBody.extend({ version }), response: { 200: needDetail } } }, async (req) => {
      const actor = actorOf(req);
      authorize(actor, 'survey.manage');
      const { version: v, ...input } = req.body;
      return svc.edit(db, actor, req.params.id, v, input);
    });
    app.post(
      '/surveys/needs/:id/move',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({ version, move: z.enum(NEED_MOVE_NAMES, '操作不正确'), note: text(500).nullish(), reason: text(500).nullish() }),
          response: { 200: needDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'survey.coordinate');
        return svc.move(db, actor, req.params.id, req.body);
      },
    );
    app.put(
      '/surveys/needs/:id/link',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({ version, planId: ref('请选择整改方案').nullish(), problemId: ref('请选择问题').nullish() }),
          response: { 200: needDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'survey.coordinate');
        return svc.link(db, actor, req.params.id, req.body);
      },
    );
    app.post(
      '/surveys/needs/:id/answer',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({ unitId: ref('请选择单位').optional(), answer: text(1000).min(2, '请填写答复（至少 2 个字）') }),
          response: { 200: needDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'survey.answer');
        return svc.answer(db, actor, req.params.id, req.body);
      },
    );
  };
}
