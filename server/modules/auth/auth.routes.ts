import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';
import { COOKIE, actorOf, loadActor, requireAuth, sessionMemo, tokenId } from '../../platform/session.ts';
import * as svc from './auth.service.ts';
import { rawText, text } from '../../../domain/input.ts';
import { noContent } from '../../../domain/api/common.ts';
import { me } from '../../../domain/api/auth.ts';

export function authRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: { body: z.object({ login: text(64).min(1, '请输入手机号或用户名'), password: rawText(128).min(1, '请输入密码') }), response: { 200: me } },
      },
      async (req, reply) => {
        const { token } = await svc
          .login(db, req.body.login, req.body.password, { ip: req.ip, userAgent: req.headers['user-agent'] }, config.sessionTtlHours)
          .catch((e) => {
            if (e instanceof svc.LockedError) reply.header('retry-after', e.retryAfterSeconds);
            throw e;
          });
        reply.setCookie(COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, maxAge: config.sessionTtlHours * 3600 });
        const actor = await loadActor(db, tokenId(token));
        return svc.me(db, actor!);
      },
    );

    app.post('/auth/logout', { onRequest: requireAuth, schema: { response: { 204: noContent } } }, async (req, reply) => {
      await svc.logout(db, actorOf(req));
      reply.clearCookie(COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });

    app.post(
      '/auth/password',
      {
        onRequest: requireAuth,
        schema: {
          body: z.object({ currentPassword: rawText(128).min(1, '请输入当前密码'), newPassword: rawText(128).min(1, '请输入新密码') }),
          response: { 204: noContent },
        },
      },
      async (req, reply) => {
        await svc.changePassword(db, actorOf(req), req.body.currentPassword, req.body.newPassword);
        return reply.status(204).send(null);
      },
    );

    app.get('/me', { onRequest: requireAuth, schema: { response: { 200: me } } }, async (req) => {
      const actor = actorOf(req);
      return sessionMemo(actor, 'me', () => svc.me(db, actor));
    });
  };
}
