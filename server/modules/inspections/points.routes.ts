// HTTP contract of a point's page (issue 5, views). Signed in; inspection.read
// over the place's region (a place outside it answers 404).
//
// GET /api/inspections/points/:placeId
//   → { place{id, kind, kindLabel, name, address, regionCode, communityCode, communityName, townName, pointType, pointTypeLabel,
//        checklistType, checklistTypeLabel, isDemoPoint, lat, lng, responsibleUnit{id,name}|null, streetChiefs[{id,name,title}]},
//       latest: null | {id, kind, kindLabel, state, stateLabel, onDate, finishedAt, inspectorName, batch, score, max, rate, problemsFound,
//         checklist{id, version, title, pointType}, items[{itemId, code, title, criterion, points, grade, score, note}]},
//       trend[{id, onDate, kind, kindLabel, batch, score, max, rate}] (scored kinds, last 12 months, oldest first),
//       countsByKind[{kind, label, count, lastOn}], recent[inspection heads, newest first, ≤ 20],
//       openProblems[{id, code, state, stateLabel, categoryName, description, tier, tierLabel, placeName, dueDate, overdue, overdueDays, createdAt}] }
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { pointPage } from './points.service.ts';
import { idParam } from '../../../domain/input.ts';
import { pointPage as pointPageSchema } from '../../../domain/api/inspection-reports.ts';

export function pointRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);
    app.get('/inspections/points/:placeId', { schema: { params: z.object({ placeId: idParam }), response: { 200: pointPageSchema } } }, async (req) =>
      pointPage(db, actorOf(req), req.params.placeId),
    );
  };
}
