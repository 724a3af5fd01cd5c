// HTTP contract of inspection responsibility.
//
// GET /api/inspections/supervision-assignments?regionCode=<town> (inspection.read) →
//     { regionCode, communities: [{code, name, supervisors: [{id, name}]}],
//       supervisors: [{id, name, title, roles, communities: [{code, name}]}], canManage }
// PUT /api/inspections/supervision-assignments?regionCode=<town> (inspection.manage)
//     { items: [{personId, communityCodes: string[]}] } → the same as GET; each listed person's communities in
//     that town are replaced (supervisor, office staff or admin only; communities of that town only).
// GET /api/inspections/responsibility?regionCode=<town> (inspection.read) →
//     { regionCode, streetChiefs: [{id, name, title, places: [{id, name, kind, kindLabel, communityName}]}],
//       supervisors: [...as above], communitiesWithoutSupervisor: [{code, name}],
//       demoPoints: [{id, name, pointType, pointTypeLabel, communityCode, communityName, unit: {id, name} | null}], canManage }
//     (street chiefs' places are edited through PUT /api/people/:id/places; demo flag and unit on the place)
// GET /api/inspections/place-assignments?regionCode=<town|community>&from=&to=&personId=&placeId= (inspection.read) →
//     { regionCode, range: { from, to }, today, earliestChange, truncated (more than 5,000 rows: narrow the range),
//       items: [{ personId, personName, placeId, placeName, placeKind, communityCode, communityName, validFrom, validTo, lastDay }] }
//     who held which place at some time in the range (default: the current month), by place and date. validTo is the
//     first day no longer held (null: still held); lastDay the day before it. A person's places change through
//     PUT /api/people/:id/places { placeIds, effectiveFrom? } (default today, not later; at the earliest earliestChange,
//     the first day of last month): the days before keep who held what.
// regionCode defaults to the caller's town.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf, requireAuth, type SessionActor } from '../../platform/session.ts';
import * as svc from './assignments.service.ts';
import { id, idParam, isoDate } from '../../../domain/input.ts';
import { placeAssignments, responsibility, supervision } from '../../../domain/api/inspections.ts';

const query = z.object({
  regionCode: z
    .string()
    .regex(/^\d{9}(\d{3}(\d{3})?)?$/, '请选择镇街')
    .optional(),
});
const townOf = (actor: SessionActor, regionCode?: string) => {
  const code = regionCode ?? (actor.homeRegionCode.length >= 9 ? actor.homeRegionCode.slice(0, 9) : null);
  if (!code) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'regionCode', message: '请选择镇街' }]);
  return code;
};

export function assignmentRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);
    app.get('/inspections/supervision-assignments', { schema: { querystring: query, response: { 200: supervision } } }, async (req) =>
      svc.supervision(db, actorOf(req), townOf(actorOf(req), req.query.regionCode)),
    );
    app.put(
      '/inspections/supervision-assignments',
      {
        schema: {
          querystring: query,
          body: z.object({
            items: z
              .array(
                z.object({
                  personId: id,
                  communityCodes: z.array(z.string().regex(/^\d{12}$/, '社区代码应为 12 位数字')).max(200),
                }),
              )
              .min(1, '请至少提交一名人员')
              .max(200),
          }),
          response: { 200: supervision },
        },
      },
      async (req) => svc.setSupervision(db, actorOf(req), townOf(actorOf(req), req.query.regionCode), req.body.items),
    );
    app.get('/inspections/responsibility', { schema: { querystring: query, response: { 200: responsibility } } }, async (req) =>
      svc.responsibility(db, actorOf(req), townOf(actorOf(req), req.query.regionCode)),
    );
    app.get(
      '/inspections/place-assignments',
      {
        schema: {
          querystring: z.object({
            regionCode: z
              .string()
              .regex(/^\d{9}(\d{3})?$/, '请选择镇街或社区')
              .optional(),
            from: isoDate.optional(),
            to: isoDate.optional(),
            personId: idParam.optional(),
            placeId: idParam.optional(),
          }),
          response: { 200: placeAssignments },
        },
      },
      async (req) => {
        const q = req.query;
        return svc.assignmentHistory(db, actorOf(req), q.regionCode ?? townOf(actorOf(req)), {
          from: q.from,
          to: q.to,
          personId: q.personId,
          placeId: q.placeId,
        });
      },
    );
  };
}
