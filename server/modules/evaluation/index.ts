// The evaluation module's public face (issue 20): the 测评体系 versions, the
// town's cycle, the departments' materials and their completeness; on import,
// the record kind whose files it guards.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';
import { registerFigures } from '../figures/index.ts';
import { registerFileOwner } from '../files/index.ts';
import { evaluationFigures } from './evaluation.figures.ts';
import { evaluationRoutes } from './evaluation.routes.ts';
import { materialRoutes } from './materials.routes.ts';
import { materialVisible } from './materials.service.ts';

registerFileOwner('evaluation_material', materialVisible);
registerFigures(evaluationFigures);

export function evaluationModuleRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(evaluationRoutes(db));
    await app.register(materialRoutes(db, config));
  };
}
// The demo sets up its town through the same services.
export * as evaluationSystems from './systems.service.ts';
export * as evaluationCycles from './cycles.service.ts';
export * as evaluationMaterials from './materials.service.ts';
// The daily job (server/jobs/runner.ts).
export { runEvaluationReminders } from './reminders.ts';
