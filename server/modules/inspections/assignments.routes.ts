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
// regionCode defaults to the caller's town.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf, requireAuth, type SessionActor } from '../../platform/session.ts';
import * as svc from './assignments.service.ts';
import { id } from '../../../domain/input.ts';

const query = z.object({ regionCode: z.string().regex(/^\d{9}(\d{3}(\d{3})?)?$/, '请选择镇街').optional() });
const townOf = (actor: SessionActor, regionCode?: string) => {
  const code = regionCode ?? (actor.homeRegionCode.length >= 9 ? actor.homeRegionCode.slice(0, 9) : null);
  if (!code) throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'regionCode', message: '请选择镇街' }]);
  return code;
};

export function assignmentRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);
    app.get('/inspections/supervision-assignments', { schema: { querystring: query } },
      async (req) => svc.supervision(db, actorOf(req), townOf(actorOf(req), req.query.regionCode)));
    app.put('/inspections/supervision-assignments', {
      schema: { querystring: query, body: z.object({
        items: z.array(z.object({
          personId: id,
          communityCodes: z.array(z.string().regex(/^\d{12}$/, '社区代码应为 12 位数字')).max(200),
        })).min(1, '请至少提交一名人员').max(200),
      }) },
    }, async (req) => svc.setSupervision(db, actorOf(req), townOf(actorOf(req), req.query.regionCode), req.body.items));
    app.get('/inspections/responsibility', { schema: { querystring: query } },
      async (req) => svc.responsibility(db, actorOf(req), townOf(actorOf(req), req.query.regionCode)));
  };
}
