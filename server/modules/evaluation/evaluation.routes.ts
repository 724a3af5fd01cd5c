// HTTP contract of the 测评体系 and the cycle: a town's versions, one tree, a
// new version from the seeded edition or an .xlsx (template, import, export),
// and the town's cycle per year. Materials and completeness: materials.routes.ts.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, authorize, requireAuth } from '../../platform/session.ts';
import { readUpload } from '../../platform/uploads.ts';
import { XLSX_UPLOAD } from '../../platform/xlsx.ts';
import { idParam as id, id as bodyId, isoDate, isoMonth, text, version } from '../../../domain/input.ts';
import { binary } from '../../../domain/api/common.ts';
import { evaluationCycle, evaluationCycles, evaluationSystems, evaluationTree, importedSystem } from '../../../domain/api/evaluation.ts';
import * as systems from './systems.service.ts';
import * as cycles from './cycles.service.ts';
import { exportSystem, importSystem, template, XLSX_TYPE } from './systems.excel.ts';

export const townParam = z.string().regex(/^\d{9}$/, '请选择乡镇（9 位区划代码）');
const weight = z.number('应为数字').int('权重应为整数').min(0, '权重不能为负').max(100, '权重不能超过 100');
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export function evaluationRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get('/evaluation/systems', { schema: { querystring: z.object({ town: townParam }), response: { 200: evaluationSystems } } }, async (req) =>
      systems.list(db, actorOf(req), req.query.town),
    );
    app.post('/evaluation/systems/seed', { schema: { body: z.object({ townCode: townParam }), response: { 201: importedSystem } } }, async (req, reply) =>
      reply.status(201).send(await systems.createFromSeed(db, actorOf(req), req.body.townCode)),
    );
    app.get('/evaluation/import-template.xlsx', { schema: { response: { 200: binary(XLSX_TYPE, '测评体系导入模板 .xlsx') } } }, async (req, reply) => {
      authorize(actorOf(req), 'evaluation.manage');
      reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('测评体系导入模板.xlsx'));
      return reply.send(await template());
    });
    app.post(
      '/evaluation/systems/import',
      { schema: { querystring: z.object({ town: townParam, name: text(100).optional() }), response: { 201: importedSystem } } },
      async (req, reply) => {
        const actor = actorOf(req);
        systems.townOf(actor, req.query.town, 'evaluation.manage');
        const { buf } = await readUpload(req, XLSX_UPLOAD);
        return reply.status(201).send(await importSystem(db, actor, req.query.town, buf, req.query.name));
      },
    );
    app.get('/evaluation/systems/:id', { schema: { params: z.object({ id }), response: { 200: evaluationTree } } }, async (req) =>
      systems.tree(db, actorOf(req), req.params.id),
    );
    app.get(
      '/evaluation/systems/:id/export.xlsx',
      { schema: { params: z.object({ id }), response: { 200: binary(XLSX_TYPE, '测评体系 .xlsx') } } },
      async (req, reply) => {
        const { buf, name } = await exportSystem(db, actorOf(req), req.params.id);
        reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(name));
        return reply.send(buf);
      },
    );

    app.get('/evaluation/cycles', { schema: { querystring: z.object({ town: townParam }), response: { 200: evaluationCycles } } }, async (req) =>
      cycles.list(db, actorOf(req), req.query.town),
    );
    app.put(
      '/evaluation/cycles',
      {
        schema: {
          body: z.object({
            townCode: townParam,
            year: z.number('应为年份').int('应为年份').min(2000, '年份不能早于 2000').max(2100, '年份不能晚于 2100').describe('测评年度'),
            systemId: bodyId,
            testMonth: isoMonth.describe('假定测评月 YYYY-MM'),
            deadline: isoDate.describe('材料报送截止日期'),
            remindDays: z
              .number('应为天数')
              .int('应为整数天')
              .min(0, '提醒天数不能为负')
              .max(30, '提醒天数不能超过 30 个工作日')
              .optional()
              .describe('截止前几个工作日提醒责任单位（0 为不提醒；默认 3）'),
            weights: z
              .object({
                field: weight,
                material: weight,
                survey: weight,
              })
              .optional()
              .describe('测评预估的三项权重（实地考察 / 材料审核 / 问卷调查，和为 100；默认 40/40/20）'),
            version: version.optional().describe('修改已有周期时必填'),
          }),
          response: { 200: evaluationCycle },
        },
      },
      async (req) => cycles.save(db, actorOf(req), req.body),
    );
  };
}
