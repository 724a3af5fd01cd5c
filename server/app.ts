// Builds the Fastify app around a database; no listening, no process state,
// so tests drive it with inject() and main.ts adds the lifecycle.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { APP_VERSION, registerOpenApi, registerOpenApiRoutes, responseSerializer } from './platform/openapi.ts';
import type { Db } from './db/pool.ts';
import type { Config } from './platform/config.ts';
import { frameworkErrors, registerErrorHandling } from './platform/errors.ts';
import { registerSessions } from './platform/session.ts';
import { registerSecurity } from './platform/security.ts';
import { pgRateLimitStore } from './platform/rate-limit-store.ts';
import { registerRouteTable } from './platform/route-table.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { regionRoutes } from './modules/regions/regions.routes.ts';
import { unitRoutes } from './modules/units/units.routes.ts';
import { peopleRoutes } from './modules/people/people.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { categoryRoutes } from './modules/categories/categories.routes.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { routingRoutes } from './modules/routing/routing.routes.ts';
import { problemRoutes } from './modules/problems/problems.routes.ts';
import { problemViewRoutes } from './modules/problems/views.routes.ts';
import { bulkRoutes } from './modules/problems/bulk.ts';
import { residentRoutes } from './modules/resident/resident.routes.ts';
import { planRoutes } from './modules/plans/plans.routes.ts';
import { registerLookupInvalidation } from './modules/problems/lookups.ts';
import { notificationRoutes } from './modules/notifications/notifications.routes.ts';
import { webhookRoutes } from './modules/webhooks/webhooks.routes.ts';
import { reinspectionRoutes } from './modules/reinspections/reinspections.routes.ts';
import { accountabilityRoutes } from './modules/accountability/accountability.routes.ts';
import { assessmentPublicRoutes, assessmentRoutes } from './modules/assessment/assessment.routes.ts';
import { noticeRoutes } from './modules/notices/notices.routes.ts';
import { inboxRoutes } from './modules/inbox/inbox.routes.ts';
import { homeRoutes } from './modules/home/index.ts';
import { countyNoticeRoutes } from './modules/notices/county.routes.ts';
import { inspectionRoutes } from './modules/inspections/index.ts';
import { mapPublicRoutes, mapRoutes } from './modules/map/index.ts';
import { figureRoutes } from './modules/figures/index.ts';
import { fileRoutes } from './modules/files/index.ts';
import { activityRoutes } from './modules/activities/index.ts';
import { facilityRoutes, publicityExcelRoutes, publicityRoutes } from './modules/publicity/index.ts';
import { orderPublicRoutes, orderRoutes, volunteerRoutes } from './modules/volunteers/index.ts';
import { decisionRoutes, meetingRoutes } from './modules/meetings/index.ts';
import { reportRoutes } from './modules/reports/index.ts';
import { screenRoutes } from './modules/screen/index.ts';
import { campaignRoutes } from './modules/campaigns/index.ts';
import { surveyRoutes } from './modules/surveys/index.ts';
import { fundRoutes } from './modules/fund/index.ts';
import { evaluationModuleRoutes } from './modules/evaluation/index.ts';
import { pollPublicRoutes, pollRoutes } from './modules/polls/index.ts';
import type { AuditChain } from './platform/audit-key.ts';
import type { Logger } from './platform/logger.ts';
import { registerHealth } from './platform/health.ts';

export interface AppDeps {
  db: Db;
  config: Config;
  embedded: boolean;
  /** The audit chain's key and checkpoint (server/platform/audit-key.ts). */
  audit: AuditChain;
  /** The server's log (server/platform/logger.ts); none in tests. Each request is one line, when answered. */
  logger?: Logger | false;
}

export async function buildApp({ db, config, embedded, audit, logger = false }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }) } : { logger: false }),
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  if (logger) {
    // One line per request, when it is answered: method, path, status, time.
    app.addHook('onResponse', async (req, reply) => {
      const ms = Math.round(reply.elapsedTime);
      const line = { method: req.method, url: req.url, status: reply.statusCode, ms };
      const text = `${req.method} ${req.url} ${reply.statusCode} ${ms}ms`;
      if (reply.statusCode >= 500) req.log.error(line, text);
      else req.log.info(line, text);
    });
  }
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer());
  registerRouteTable(app);
  await registerOpenApi(app, APP_VERSION);
  const spa = fs.existsSync(path.join(config.webDist, 'index.html'));
  registerErrorHandling(app, spa);
  await app.register(cookie);
  await registerSecurity(app, config);
  await app.register(rateLimit, { global: false, store: pgRateLimitStore(db) as any });
  await app.register(multipart, { limits: { fileSize: 15 * 1024 * 1024, files: 10 } });
  registerSessions(app, db);
  registerLookupInvalidation(app);

  registerHealth(app, db, embedded);

  await app.register(authRoutes(db, config), { prefix: '/api' });
  await app.register(regionRoutes(db), { prefix: '/api' });
  await app.register(unitRoutes(db), { prefix: '/api' });
  await app.register(peopleRoutes(db), { prefix: '/api' });
  await app.register(auditRoutes(db, audit), { prefix: '/api' });
  await app.register(categoryRoutes(db), { prefix: '/api' });
  await app.register(calendarRoutes(db), { prefix: '/api' });
  await app.register(routingRoutes(db), { prefix: '/api' });
  await app.register(problemViewRoutes(db, config), { prefix: '/api' });
  await app.register(problemRoutes(db, config), { prefix: '/api' });
  await app.register(bulkRoutes(db), { prefix: '/api' });
  await app.register(residentRoutes(db, config), { prefix: '/api/public' });
  await app.register(mapRoutes(db, config), { prefix: '/api' });
  await app.register(mapPublicRoutes(db, config), { prefix: '/api/public' });
  await app.register(planRoutes(db), { prefix: '/api' });
  await app.register(activityRoutes(db), { prefix: '/api' });
  await app.register(publicityRoutes(db), { prefix: '/api' });
  await app.register(facilityRoutes(db), { prefix: '/api' });
  await app.register(publicityExcelRoutes(db), { prefix: '/api' });
  await app.register(orderRoutes(db), { prefix: '/api' });
  await app.register(volunteerRoutes(db, config), { prefix: '/api' });
  await app.register(orderPublicRoutes(db, config), { prefix: '/api/public' });
  await app.register(notificationRoutes(db), { prefix: '/api' });
  await app.register(webhookRoutes(db), { prefix: '/api' });
  await app.register(reinspectionRoutes(db), { prefix: '/api' });
  await app.register(accountabilityRoutes(db), { prefix: '/api' });
  await app.register(assessmentRoutes(db), { prefix: '/api' });
  await app.register(assessmentPublicRoutes(db), { prefix: '/api/public' });
  // Before noticeRoutes' /notices/:id: /notices/county is a path of its own.
  await app.register(countyNoticeRoutes(db, config), { prefix: '/api' });
  await app.register(noticeRoutes(db, config), { prefix: '/api' });
  await app.register(inboxRoutes(db), { prefix: '/api' });
  await app.register(homeRoutes(db), { prefix: '/api' });
  await app.register(inspectionRoutes(db, config), { prefix: '/api' });
  await app.register(figureRoutes(db), { prefix: '/api' });
  await app.register(fileRoutes(db, config), { prefix: '/api' });
  await app.register(meetingRoutes(db), { prefix: '/api' });
  await app.register(decisionRoutes(db, config), { prefix: '/api' });
  await app.register(reportRoutes(db, config), { prefix: '/api' });
  await app.register(screenRoutes(db), { prefix: '/api' });
  await app.register(campaignRoutes(db, config), { prefix: '/api' });
  await app.register(surveyRoutes(db), { prefix: '/api' });
  await app.register(fundRoutes(db), { prefix: '/api' });
  await app.register(evaluationModuleRoutes(db, config), { prefix: '/api' });
  await app.register(pollRoutes(db), { prefix: '/api' });
  await app.register(pollPublicRoutes(db), { prefix: '/api/public' });
  await registerOpenApiRoutes(app);

  // The built web app; unknown GETs outside /api/ fall back to index.html (see errors.ts).
  if (spa) await app.register(fastifyStatic, { root: config.webDist, wildcard: false });
  return app;
}
