import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, authorize, requireAuth } from '../../platform/session.ts';
import { ROLES } from '../../../domain/roles.ts';
import { PHONE_RE, USERNAME_RE } from '../../../domain/people.ts';
import * as svc from './people.service.ts';
import { importPeople, templateWorkbook } from './people.import.ts';
import { id as bodyId, idParam as id, isoDate, rawText, text, version } from '../../../domain/input.ts';
import { readUpload } from '../../platform/uploads.ts';
import { XLSX_UPLOAD } from '../../platform/xlsx.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';
import { noContent } from '../../../domain/api/common.ts';
import { importResult, passwordReset, person, personCreated, peoplePage, PEOPLE_PAGE_MAX, sessionList, sessionsRevoked } from '../../../domain/api/people.ts';

const grant = z.object({
  role: z.enum(ROLES, '请选择角色'),
  scopeRegionCode: z
    .string()
    .regex(/^\d{6,15}$/, '区划代码应为 6-15 位数字')
    .nullish(),
  scopeUnitId: bodyId.nullish(),
});
const body = z.object({
  name: text(50, '姓名最多 50 个字').min(1, '姓名不能为空'),
  phone: z.string().trim().regex(PHONE_RE, '手机号应为 11 位手机号'),
  username: z
    .string()
    .trim()
    .regex(USERNAME_RE, '用户名须以字母开头，3-32 位字母、数字或 _ . -')
    .nullish()
    .or(z.literal('').transform(() => null)),
  title: text(50, '职务最多 50 个字').nullish(),
  regionCode: z
    .string()
    .regex(/^\d{6,15}$/, '区划代码应为 6-15 位数字')
    .nullish(),
  unitId: bodyId.nullish(),
  password: rawText(128)
    .nullish()
    .or(z.literal('').transform(() => null)),
  roles: z.array(grant).max(20).optional(),
  placeIds: z.array(bodyId).max(500).optional(),
});
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function peopleRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get(
      '/people',
      {
        schema: {
          querystring: z.object({
            q: text(50).optional(),
            role: z.enum(ROLES).optional(),
            unitId: id.optional(),
            regionCode: z
              .string()
              .regex(/^\d{6,15}$/)
              .optional(),
            cursor: cursorParam.optional(),
            limit: limitParam(PEOPLE_PAGE_MAX, 50),
          }),
          response: { 200: peoplePage },
        },
      },
      async (req) => svc.list(db, actorOf(req), req.query),
    );

    app.get(
      '/people/import-template',
      { schema: { response: { 200: { description: '人员导入模板（Excel）', content: { [XLSX]: { schema: z.any() } } } } } },
      async (req, reply) => {
        authorize(actorOf(req), 'person.import');
        reply.header('content-type', XLSX);
        reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('人员导入模板.xlsx')}`);
        return reply.send(await templateWorkbook());
      },
    );

    app.post('/people/import', { config: { rateLimit: { max: 20, timeWindow: '1 minute' } }, schema: { response: { 200: importResult } } }, async (req) => {
      const { buf } = await readUpload(req, XLSX_UPLOAD);
      return importPeople(db, actorOf(req), buf);
    });

    app.get('/people/:id', { schema: { params: z.object({ id }), response: { 200: person } } }, async (req) => svc.get(db, actorOf(req), req.params.id));

    app.post('/people', { schema: { body, response: { 201: personCreated } } }, async (req, reply) =>
      reply.status(201).send(await svc.create(db, actorOf(req), req.body)),
    );

    app.patch(
      '/people/:id',
      {
        schema: {
          params: z.object({ id }),
          body: body.omit({ password: true, roles: true, placeIds: true }).partial().extend({ version, active: z.boolean().optional() }),
          response: { 200: person },
        },
      },
      async (req) => {
        const { version, ...rest } = req.body;
        return svc.update(db, actorOf(req), req.params.id, version, rest);
      },
    );

    app.put(
      '/people/:id/roles',
      { schema: { params: z.object({ id }), body: z.object({ roles: z.array(grant).max(20) }), response: { 200: person } } },
      async (req) => svc.setRoles(db, actorOf(req), req.params.id, req.body.roles),
    );

    app.put(
      '/people/:id/places',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({ placeIds: z.array(bodyId).max(500), effectiveFrom: isoDate.optional() }),
          response: { 200: person },
        },
      },
      async (req) => svc.setPlaces(db, actorOf(req), req.params.id, req.body.placeIds, req.body.effectiveFrom),
    );

    app.post('/people/:id/reset-password', { schema: { params: z.object({ id }), response: { 200: passwordReset } } }, async (req) =>
      svc.resetPassword(db, actorOf(req), req.params.id),
    );
    app.post('/people/:id/unlock', { schema: { params: z.object({ id }), response: { 204: noContent } } }, async (req, reply) => {
      await svc.unlock(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    });

    app.get('/people/:id/sessions', { schema: { params: z.object({ id }), response: { 200: sessionList } } }, async (req) =>
      svc.sessions(db, actorOf(req), req.params.id),
    );
    app.post(
      '/people/:id/sessions/revoke',
      {
        schema: {
          params: z.object({ id }),
          body: z
            .object({
              sessionId: z
                .string()
                .regex(/^[0-9a-f]{64}$/)
                .optional(),
            })
            .optional(),
          response: { 200: sessionsRevoked },
        },
      },
      async (req) => svc.revoke(db, actorOf(req), req.params.id, req.body?.sessionId),
    );
  };
}
