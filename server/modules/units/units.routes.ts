import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { UNIT_KINDS } from '../../../domain/units.ts';
import * as svc from './units.service.ts';
import { id as bodyId, idParam as id, text, version } from '../../../domain/input.ts';
import { listForDispatch } from './reachable.ts';
import * as liaisons from './liaisons.ts';
import { PHONE_RE, USERNAME_RE } from '../../../domain/people.ts';
import { noContent } from '../../../domain/api/common.ts';
import { liaisonAdded, liaisonList, reachableUnits, unit, unitList } from '../../../domain/api/units.ts';

const code = z.string().regex(/^\d{6,15}$/, '区划代码应为 6-15 位数字');
const body = z.object({
  kind: z.enum(UNIT_KINDS, '请选择单位类型'),
  name: text(100, '单位名称最多 100 个字').min(1, '单位名称不能为空'),
  regionCode: code,
  parentUnitId: bodyId.nullish(),
  contactName: text(50, '联系人最多 50 个字').nullish(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '联系电话格式不正确')
    .nullish()
    .or(z.literal('')),
  communityCodes: z.array(code).max(500).optional(),
});

const liaisonBody = z.object({
  personId: bodyId.nullish(),
  name: text(50, '姓名最多 50 个字').min(1, '姓名不能为空').nullish(),
  phone: z.string().trim().regex(PHONE_RE, '手机号应为 11 位手机号').nullish(),
  username: z
    .string()
    .trim()
    .regex(USERNAME_RE, '用户名须以字母开头，3-32 位字母、数字或 _ . -')
    .nullish()
    .or(z.literal('').transform(() => null)),
  title: text(50, '职务最多 50 个字').nullish(),
});

export function unitRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);
    app.get(
      '/units',
      {
        schema: {
          querystring: z.object({ kind: z.enum(UNIT_KINDS).optional(), regionCode: code.optional(), communityCode: code.optional(), q: text(50).optional() }),
          response: { 200: unitList },
        },
      },
      async (req) => svc.list(db, actorOf(req), req.query),
    );
    // The dispatch picker: the units a problem of `regionCode` may be sent to (its town's reachable units).
    app.get(
      '/units/reachable',
      {
        schema: {
          querystring: z.object({ regionCode: code, q: text(50).optional() }),
          response: { 200: reachableUnits },
        },
      },
      async (req) => listForDispatch(db, actorOf(req), req.query.regionCode, req.query.q || undefined),
    );
    app.get('/units/:id', { schema: { params: z.object({ id }), response: { 200: unit } } }, async (req) => svc.get(db, actorOf(req), req.params.id));
    // A unit's liaisons: read with the unit; added and removed by its town's office (county-level units: the county office).
    app.get(
      '/units/:id/liaisons',
      {
        schema: {
          params: z.object({ id }),
          response: { 200: liaisonList },
        },
      },
      async (req) => liaisons.list(db, actorOf(req), req.params.id),
    );
    app.post(
      '/units/:id/liaisons',
      {
        schema: { params: z.object({ id }), body: liaisonBody, response: { 201: liaisonAdded } },
      },
      async (req, reply) => reply.status(201).send(await liaisons.add(db, actorOf(req), req.params.id, req.body)),
    );
    app.delete('/units/:id/liaisons/:personId', { schema: { params: z.object({ id, personId: id }), response: { 204: noContent } } }, async (req, reply) => {
      await liaisons.remove(db, actorOf(req), req.params.id, req.params.personId);
      return reply.status(204).send(null);
    });
    app.post('/units', { schema: { body, response: { 201: unit } } }, async (req, reply) =>
      reply.status(201).send(await svc.create(db, actorOf(req), { ...req.body, contactPhone: req.body.contactPhone || null })),
    );
    app.patch('/units/:id', { schema: { params: z.object({ id }), body: body.partial().extend({ version }), response: { 200: unit } } }, async (req) => {
      const { version, ...rest } = req.body;
      return svc.update(db, actorOf(req), req.params.id, version, rest);
    });
    app.delete('/units/:id', { schema: { params: z.object({ id }), response: { 204: noContent } } }, async (req, reply) => {
      await svc.remove(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    });
  };
}
