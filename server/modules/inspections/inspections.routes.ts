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
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import * as svc from './inspections.service.ts';

export function inspectionReadRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preHandler', requireAuth);
    app.get('/inspections/bootstrap', async (req) => svc.bootstrap(db, actorOf(req)));
    app.get('/inspections/today', async (req) => svc.today(db, actorOf(req)));
  };
}
