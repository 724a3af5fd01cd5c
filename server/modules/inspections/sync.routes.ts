// POST /api/inspections/sync: the phone's offline queue (contract:
// domain/inspections/sync.ts; what is applied how: sync.service.ts).
//
// Request: { items: SyncItem[] } (≤ SYNC_MAX_ITEMS items, ≤ ~25 MB: photos
// travel base64 in the body). Response 200: { results: [{ key, type, status:
// 'created'|'updated'|'replayed'|'failed', id?, code?, error?: { code,
// message, fields? } }] }, one per item in order, even when some failed.
// 4xx only for a request that is not a queue at all (400), no session (401)
// or no right to use the phone's queue at all (403, 'phone.sync': inspectors,
// street chiefs, community cadres, unit liaisons); each item is then checked
// on its own (an inspection's place, a problem's report, a move's party).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';
import { actorOf, authorize, requireAuth } from '../../platform/session.ts';
import { SYNC_MAX_BYTES } from '../../../domain/inspections/sync.ts';
import { sync } from './sync.service.ts';
import { syncBody } from './sync.items.ts';
import { syncResponse } from '../../../domain/api/inspections.ts';

export function syncRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);
    app.post(
      '/inspections/sync',
      {
        bodyLimit: SYNC_MAX_BYTES + 1024 * 1024,
        config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
        schema: { body: syncBody, response: { 200: syncResponse } },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'phone.sync');
        return sync(db, actor, req.body.items, config, req.log);
      },
    );
  };
}
