// HTTP contract for the category tree: read by everyone signed in, changed
// by the admin (category.manage, checked in the service).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { TIERS } from '../../../domain/problems/vocab.ts';
import * as svc from './categories.service.ts';
import { id as bodyId, idParam as id, text, version } from '../../../domain/input.ts';
import { category, categoryRemoved, categoryTree, plainCategories } from '../../../domain/api/categories.ts';

const days = (label: string, max: number) => z.number().int(`${label}应为整数`).min(0, `${label}不能小于 0`).max(max, `${label}不能超过 ${max} 天`);
const fields = {
  name: text(50, '类别名称最多 50 个字').min(1, '类别名称不能为空'),
  plainName: text(50, '通俗名称最多 50 个字').nullish(),
  defaultTier: z.enum(TIERS, '请选择默认处置层级'),
  deadlineDays: days('社区整改时限', 365),
  centralizedDeadlineDays: days('集中整治时限', 730),
  reinspectDays: days('回头看间隔', 365),
  defaultRoute: z.enum(['community', 'unit'], '请选择默认派遣对象：属地社区或职能部门'),
  defaultUnitName: text(50, '责任部门名称最多 50 个字').nullish(),
  active: z.boolean(),
  sort: z.number().int().min(0).max(9999),
};
const createBody = z.object({
  kind: z.enum(['event', 'component'], '请选择分类体系：事件或部件'),
  code: text(10, '类别编码应为 1-10 位数字或字母').regex(/^[0-9A-Za-z]{1,10}$/, '类别编码应为 1-10 位数字或字母'),
  parentId: bodyId.nullish(),
  name: fields.name,
  plainName: fields.plainName,
  defaultTier: fields.defaultTier.optional(),
  deadlineDays: fields.deadlineDays.optional(),
  centralizedDeadlineDays: fields.centralizedDeadlineDays.optional(),
  reinspectDays: fields.reinspectDays.optional(),
  defaultRoute: fields.defaultRoute.optional(),
  defaultUnitName: fields.defaultUnitName,
  active: fields.active.optional(),
  sort: fields.sort.optional(),
});
// kind, code and parent are the identity of a category: not editable.
const patchBody = z
  .object({ ...fields, version })
  .partial()
  .required({ version: true })
  .strict();

export function categoryRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get('/categories', { schema: { response: { 200: categoryTree } } }, async (req) => svc.tree(db, actorOf(req)));

    // What a reporter picks from: active 小类 of active 大类.
    app.get('/categories/plain', { schema: { response: { 200: plainCategories } } }, async () => svc.plain(db));

    app.get('/categories/:id', { schema: { params: z.object({ id }), response: { 200: category } } }, async (req) => svc.get(db, actorOf(req), req.params.id));

    app.post('/categories', { schema: { body: createBody, response: { 201: category } } }, async (req, reply) =>
      reply.status(201).send(await svc.create(db, actorOf(req), req.body)),
    );

    app.patch('/categories/:id', { schema: { params: z.object({ id }), body: patchBody, response: { 200: category } } }, async (req) => {
      const { version, ...rest } = req.body;
      return svc.update(db, actorOf(req), req.params.id, version, rest);
    });

    // Deletes an unused local category; otherwise deactivates it (200 with deleted: false).
    app.delete('/categories/:id', { schema: { params: z.object({ id }), response: { 200: categoryRemoved } } }, async (req) =>
      svc.remove(db, actorOf(req), req.params.id),
    );
  };
}
