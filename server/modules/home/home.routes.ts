// HTTP contract of the home page: GET /api/home, the caller's figures by role.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { homeFigures, homeQuery } from '../../../domain/api/home.ts';
import { home } from './home.service.ts';

export function homeRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);
    app.get('/home', { schema: { querystring: homeQuery, response: { 200: homeFigures } } }, async (req) => home(db, actorOf(req)));
  };
}
