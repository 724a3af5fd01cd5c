// The evaluation module's public face (issue 20): the 测评体系 versions, the
// town's cycle, the departments' materials and their completeness; on import,
// the record kind whose files it guards.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';
import { registerFigures } from '../figures/index.ts';
import { registerFileOwner } from '../files/index.ts';
import { evaluationFigures } from './evaluation.figures.ts';
import { forecastFigures } from './forecast.figures.ts';
import { forecastRoutes } from './forecast.routes.ts';
import { evaluationRoutes } from './evaluation.routes.ts';
import { materialRoutes } from './materials.routes.ts';
import { materialVisible } from './materials.service.ts';

registerFileOwner('evaluation_material', materialVisible);
registerFigures(evaluationFigures);
registerFigures(forecastFigures);

export function evaluationModuleRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(evaluationRoutes(db));
    await app.register(materialRoutes(db, config));
    await app.register(forecastRoutes(db));
  };
}
// The demo sets up its town through the same services.
export * as evaluationSystems from './systems.service.ts';
export * as evaluationCycles from './cycles.service.ts';
export * as evaluationMaterials from './materials.service.ts';
// The forecast, for the 大屏's slot and the year-end report (the caller checks the reader's scope).
export { computeForecast, forecast } from './forecast.service.ts';
// The daily job (server/jobs/runner.ts).
export { runEvaluationReminders } from './reminders.ts';
