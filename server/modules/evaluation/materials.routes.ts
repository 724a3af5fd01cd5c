// HTTP contract of the departments' materials: a cycle's assignments (a
// liaison's own unit's), one assignment, submitting a material (a file of the
// file store, a photo, or a record as evidence), the office's one review
// decision, and completeness with what each department still owes.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';
import { id as bodyId, idParam as id, isoDate, text, version } from '../../../domain/input.ts';
import { EVIDENCE_TYPES, MATERIAL_KINDS } from '../../../domain/evaluation.ts';
import { binary } from '../../../domain/api/common.ts';
import { assignmentPage, completenessAnswer, evaluationAssignment, evaluationMaterial } from '../../../domain/api/evaluation.ts';
import * as svc from './materials.service.ts';
import { cyclePackage } from './package.service.ts';

export const ASSIGNMENTS_PAGE_MAX = 200;

export function materialRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get(
      '/evaluation/assignments',
      {
        schema: {
          querystring: z.object({ cycle: id, unitId: id.optional(), cursor: cursorParam.optional(), limit: limitParam(ASSIGNMENTS_PAGE_MAX, 50) }),
          response: { 200: assignmentPage },
        },
      },
      async (req) => svc.listAssignments(db, actorOf(req), { ...req.query, limit: req.query.limit ?? 50 }),
    );
    app.get('/evaluation/assignments/:id', { schema: { params: z.object({ id }), response: { 200: evaluationAssignment } } }, async (req) =>
      svc.getAssignment(db, actorOf(req), req.params.id),
    );
    app.post(
      '/evaluation/assignments/:id/materials',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({
            kind: z.enum(MATERIAL_KINDS, '材料类型应为 规范文件、情况说明、实景图片 或 统计表格'),
            title: text(200).min(2, '请填写材料名称'),
            dated: isoDate.nullish().describe('材料日期（成文或拍摄日期）；以记录为佐证时取记录的日期'),
            fileId: bodyId.nullish().describe('POST /api/files 上传的文件'),
            photoId: bodyId.nullish().describe('POST /api/photos 上传的照片（实景图片）'),
            evidence: z
              .object({
                type: z.enum(EVIDENCE_TYPES, '佐证记录类型不正确'),
                id: bodyId.nullish(),
                ref: z
                  .string()
                  .regex(/^[a-z_.]{1,60}$/, '数字编号不正确')
                  .nullish()
                  .describe('数字登记簿的数字编号（type 为 figure 时）'),
              })
              .nullish(),
          }),
          response: { 201: evaluationMaterial },
        },
      },
      async (req, reply) => reply.status(201).send(await svc.submit(db, actorOf(req), req.params.id, req.body)),
    );
    app.post(
      '/evaluation/materials/:id/review',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({ decision: z.enum(['accept', 'return'], '审核结果应为 采纳 或 退回'), comment: text(500).nullish(), version }),
          response: { 200: evaluationMaterial },
        },
      },
      async (req) => svc.review(db, actorOf(req), req.params.id, req.body),
    );
    app.get('/evaluation/completeness', { schema: { querystring: z.object({ cycle: id }), response: { 200: completenessAnswer } } }, async (req) =>
      svc.cycleCompleteness(db, actorOf(req), req.query.cycle),
    );

    app.get(
      '/evaluation/cycles/:id/package.zip',
      {
        schema: {
          params: z.object({ id }),
          querystring: z.object({
            states: z
              .enum(['accepted', 'all'], '材料范围应为 accepted（已采纳）或 all（含待审核）')
              .optional()
              .describe('accepted：仅已采纳（默认）；all：含待审核'),
          }),
          response: { 200: binary('application/zip', '网上申报材料包 .zip（按 测评项目/测评内容/测评标准 分文件夹，附材料目录.xlsx），流式输出') },
        },
      },
      async (req, reply) => {
        const { stream, name } = await cyclePackage(db, actorOf(req), req.params.id, config.storageDir, req.query.states);
        reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
        return reply.send(stream);
      },
    );
  };
}
