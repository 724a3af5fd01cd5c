// HTTP contract of inspections as read: the phone's bootstrap and "today",
// the history and one inspection. Recording goes through POST
// /api/inspections/sync (sync.routes.ts).
//
// GET /api/inspections/bootstrap → { me:{id,name,title}, today, kinds[], kindLabels, places:[{id,kind,kindLabel,name,
//   address,regionCode,communityCode,communityName,pointType,pointTypeLabel,isDemoPoint,lat,lng,checklistId,assigned}],
//   checklists:[{id,pointType,pointTypeLabel,version,title,items:[{id,code,title,criterion,points,categoryId}]}],
//   categories:[{id,name,plainName,group,defaultTier}], grades:[{grade,coefficient}],
//   cadence:[{kind,kindLabel,period,periodLabel,times,countWeekends,countHolidays}] }
// GET /api/inspections/today → { date, countedDay, places:[{placeId,name,communityName,kind,pointType,pointTypeLabel,due,
//   doneToday,lastInspectedOn}], doneToday:[{id,kind,kindLabel,state,stateLabel,placeId,placeName,startedAt,finishedAt,
//   problemsFound,score,maxScore,rate}], openProblems:[{id,code,state,stateLabel,categoryName,placeName,dueDate,overdue}] }
// GET /api/inspections?kind&regionCode&placeId&inspectorId&from&to&state&batch&cursor&limit (≤ 200, default 20)
//   → { items: [Inspection], nextCursor } newest first (keyset: day, start, id); Inspection = { id, kind, kindLabel, state, stateLabel, onDate, startedAt, finishedAt,
//   regionCode, regionName, communityCode, communityName, place: {id, name, kind, pointType, pointTypeLabel} | null,
//   inspector: {id, name}, batch, gradedItems, score, maxScore, rate, problemsFound }. Scoped by the regions of the
//   caller's inspection.read grants; a street chief sees their own.
// GET /api/inspections/:id → Inspection & { note, lat, lng, track: [[lat, lng, ms]] | null,
//   checklist: {id, pointType, pointTypeLabel, version, title, current} | null,
//   items: [{itemId, code, title, criterion, points, grade, coefficient, score, note, photos: [{id, url, thumbUrl}]}],
//   problems: [{id, code, state, stateLabel, tier, categoryName, description, dueDate, closedAt}] }
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { INSPECTION_KINDS, INSPECTION_STATES } from '../../../domain/inspections/vocab.ts';
import * as svc from './inspections.service.ts';
import {
  INSPECTION_PAGE_DEFAULT,
  INSPECTION_PAGE_MAX,
  inspectionBootstrap,
  inspectionDetail,
  inspectionList,
  inspectionToday,
} from '../../../domain/api/inspections.ts';
import { idParam, isoDate as date, text } from '../../../domain/input.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';

const listQuery = z.object({
  kind: z.enum(INSPECTION_KINDS, '未知的巡查类型').optional(),
  regionCode: z
    .string()
    .regex(/^\d{6,15}$/, '区划代码格式不正确')
    .optional(),
  placeId: idParam.optional(),
  inspectorId: idParam.optional(),
  from: date.optional(),
  to: date.optional(),
  state: z.enum(INSPECTION_STATES).optional(),
  batch: text(100).min(1).optional(),
  cursor: cursorParam.optional(),
  limit: limitParam(INSPECTION_PAGE_MAX, INSPECTION_PAGE_DEFAULT),
});

export function inspectionReadRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);
    app.get('/inspections/bootstrap', { schema: { response: { 200: inspectionBootstrap } } }, async (req) => svc.bootstrap(db, actorOf(req)));
    app.get('/inspections/today', { schema: { response: { 200: inspectionToday } } }, async (req) => svc.today(db, actorOf(req)));
    app.get('/inspections', { schema: { querystring: listQuery, response: { 200: inspectionList } } }, async (req) => svc.list(db, actorOf(req), req.query));
    app.get('/inspections/:id', { schema: { params: z.object({ id: idParam }), response: { 200: inspectionDetail } } }, async (req) =>
      svc.get(db, actorOf(req), req.params.id),
    );
  };
}
