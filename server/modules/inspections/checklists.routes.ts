// HTTP contract of checklists (the point types' evaluation criteria).
//
// GET  /api/checklists → { items: [Checklist], missingTypes: [{pointType, pointTypeLabel}], canManage }
//      (the current version of each point type)
// GET  /api/checklists/:id → Checklist (any version)
// GET  /api/checklists/types/:pointType/versions → { pointType, pointTypeLabel, versions: [{id, version, title, current,
//      note, createdAt, createdByName, itemCount, totalPoints, inspections}] } (newest first)
// POST /api/checklists (checklist.manage) { pointType, title, note?, items: [{code, title, criterion, points, categoryKey?}] }
//      → 201 Checklist: version + 1, now current; the previous versions stay for the inspections that used them.
// Checklist = { id, pointType, pointTypeLabel, version, title, current, note, createdAt, createdByName, totalPoints,
//      items: [{id, seq, code, title, criterion, points, categoryKey ('event:0201'), categoryId}] }
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { POINT_TYPES } from '../../../domain/regions.ts';
import * as svc from './checklists.service.ts';
import { idParam as id, text } from '../../../domain/input.ts';
import { checklist, checklists, checklistVersions } from '../../../domain/api/checklists.ts';

const pointType = z.enum(POINT_TYPES, '请选择点位类型');
const body = z.object({
  pointType,
  title: text(100, '标准名称最多 100 个字').min(2, '请填写标准名称'),
  note: text(500, '修订说明最多 500 个字').nullish(),
  items: z
    .array(
      z.object({
        code: text(20, '编号最多 20 个字符')
          .min(1, '请填写编号')
          .regex(/^[A-Za-z0-9_-]+$/, '编号只能包含字母、数字、下划线和短横线'),
        title: text(50, '测评项目最多 50 个字').min(1, '请填写测评项目'),
        criterion: text(500, '测评标准最多 500 个字').min(2, '请填写测评标准'),
        points: z.number().gt(0, '分值须大于 0').max(100, '分值不能大于 100'),
        categoryKey: z
          .string()
          .regex(/^(event|component|chuangcheng):[A-Za-z0-9]{1,10}$/, '问题类别格式应为“event:0201”')
          .nullish(),
      }),
    )
    .min(1, '至少要有一个测评项目')
    .max(100, '最多 100 个测评项目'),
});

export function checklistRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);
    app.get('/checklists', { schema: { response: { 200: checklists } } }, async (req) => svc.list(db, actorOf(req)));
    app.get('/checklists/types/:pointType/versions', { schema: { params: z.object({ pointType }), response: { 200: checklistVersions } } }, async (req) =>
      svc.versions(db, actorOf(req), req.params.pointType),
    );
    app.get('/checklists/:id', { schema: { params: z.object({ id }), response: { 200: checklist } } }, async (req) => svc.get(db, actorOf(req), req.params.id));
    app.post('/checklists', { schema: { body, response: { 201: checklist } } }, async (req, reply) =>
      reply.status(201).send(await svc.publish(db, actorOf(req), req.body)),
    );
  };
}
