// All of the reports module's routes, registered under /api by app.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';
import { dailyReportRoutes } from './daily.routes.ts';
import { townReportRoutes } from './town.routes.ts';
import { yearendRoutes } from './yearend.routes.ts';

export function reportRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(dailyReportRoutes(db));
    await app.register(townReportRoutes(db, config));
    await app.register(yearendRoutes(db));
  };
}
