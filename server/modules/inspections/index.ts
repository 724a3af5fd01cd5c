// Inspections (issue 5): every HTTP route of the area, registered under /api.
// One plugin per concern; each file states its own contract.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';

export function inspectionRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    // (each concern registers its plugin here)
    void db; void config; void app;
  };
}
