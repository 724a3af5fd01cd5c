// The evaluation module's public face (issue 20): the 测评体系 versions, the
// town's cycle, the departments' materials and their completeness.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { evaluationRoutes } from './evaluation.routes.ts';

export function evaluationModuleRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(evaluationRoutes(db));
  };
}
// The demo sets up its town through the same services.
export * as evaluationSystems from './systems.service.ts';
export * as evaluationCycles from './cycles.service.ts';
