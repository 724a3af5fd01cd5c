// Inspections (issue 5): every HTTP route of the area, registered under /api.
// One plugin per concern; each file states its own contract.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';
import { complianceRoutes } from './compliance.routes.ts';
import { syncRoutes } from './sync.routes.ts';
import { inspectionReadRoutes } from './inspections.routes.ts';
import { checklistRoutes } from './checklists.routes.ts';
import { assignmentRoutes } from './assignments.routes.ts';
import { reportRoutes } from './report.routes.ts';
import { pointRoutes } from './points.routes.ts';

// Who holds which place, from when (the people API writes a person's places through it).
export { checkAssignmentDate } from './assignments.history.ts';
export { setPersonPlaces } from './assignments.repository.ts';
export { seedChecklists } from './checklists.repository.ts';
// A person's day (the phone's today page; the home page counts it).
export { today as inspectionDay } from './inspections.service.ts';

export function inspectionRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    // (each concern registers its plugin here)
    await app.register(complianceRoutes(db));
    await app.register(syncRoutes(db, config));
    await app.register(inspectionReadRoutes(db));
    await app.register(checklistRoutes(db));
    await app.register(assignmentRoutes(db));
    await app.register(reportRoutes(db));
    await app.register(pointRoutes(db));
    void db;
    void config;
    void app;
  };
}

// What other modules use of this one (they import it from here, never from its files).
export { inspectionPhotoVisible } from './inspections.service.ts';
// Patrol compliance of a region over a range (the 大屏 shows the month's).
export { compliance } from './compliance.service.ts';
