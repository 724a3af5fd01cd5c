// All of the reports module's routes, registered under /api by app.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { dailyReportRoutes } from './daily.routes.ts';

export function reportRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(dailyReportRoutes(db));
  };
}
