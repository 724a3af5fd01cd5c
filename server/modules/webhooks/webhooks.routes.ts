// HTTP contract of outbound webhooks: CRUD (webhook.manage, region-scoped),
// the secret shown once, the delivery log and a manual retry. The signing
// and retry rules are documented in delivery.ts.
import { isIP } from 'node:net';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { WEBHOOK_EVENTS, WEBHOOK_EVENT_NAMES } from './events.ts';
import { MAX_ATTEMPTS } from './delivery.ts';
import * as svc from './webhooks.service.ts';
import { idParam as id, text } from '../../../domain/input.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';
import { noContent } from '../../../domain/api/common.ts';
import {
  allowedHosts,
  delivery,
  DELIVERIES_PAGE_MAX,
  deliveryPage,
  webhook,
  webhookEvents,
  webhookList,
  webhookWithSecret,
} from '../../../domain/api/webhooks.ts';

const url = text(500, '地址最多 500 个字符').refine((s) => {
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
}, '请填写 http:// 或 https:// 开头的完整地址');
const events = z.array(z.enum(WEBHOOK_EVENT_NAMES, '未知的事件')).min(1, '请至少选择一个事件').max(50);
const host = z
  .string()
  .trim()
  .max(253)
  .refine(
    (h) => isIP(h.replace(/^\[(.*)\]$/, '$1')) > 0 || /^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?)*$/i.test(h),
    '请填写主机名或 IP 地址（不含 http:// 和端口），如 robot.intranet 或 10.1.2.3',
  );
const name = text(50, '名称最多 50 个字').min(1, '请填写名称');

export function webhookRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    /** The documented event list, for the form and for receivers. */
    app.get('/webhooks/events', { schema: { response: { 200: webhookEvents } } }, async () => ({
      events: Object.entries(WEBHOOK_EVENTS).map(([event, label]) => ({ event, label })),
      signature: 'X-ChuangCheng-Signature: sha256=<hex HMAC-SHA256(secret, X-ChuangCheng-Timestamp + "." + body)>',
      maxAttempts: MAX_ATTEMPTS,
    }));

    app.get('/webhooks', { schema: { response: { 200: webhookList } } }, async (req) => svc.list(db, actorOf(req)));

    // The admin's allow-list of hosts (intranet chat robots) reachable over http:// or at private addresses.
    app.get('/webhooks/allowed-hosts', { schema: { response: { 200: allowedHosts } } }, async (req) => svc.getAllowedHosts(db, actorOf(req)));
    app.put(
      '/webhooks/allowed-hosts',
      { schema: { body: z.object({ hosts: z.array(host).max(50, '最多 50 个主机') }), response: { 200: allowedHosts } } },
      async (req) => svc.setAllowedHosts(db, actorOf(req), req.body.hosts),
    );

    app.post(
      '/webhooks',
      {
        schema: {
          body: z.object({
            name,
            url,
            events,
            active: z.boolean().optional(),
            regionCode: z
              .string()
              .regex(/^(\d{6,15})?$/, '区域代码不正确')
              .nullish(),
          }),
          response: { 201: webhookWithSecret },
        },
      },
      async (req, reply) => reply.status(201).send(await svc.create(db, actorOf(req), req.body)),
    );

    app.get('/webhooks/:id', { schema: { params: z.object({ id }), response: { 200: webhook } } }, async (req) => svc.get(db, actorOf(req), req.params.id));

    app.patch(
      '/webhooks/:id',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({
            name: name.optional(),
            url: url.optional(),
            events: events.optional(),
            active: z.boolean().optional(),
          }),
          response: { 200: webhook },
        },
      },
      async (req) => svc.update(db, actorOf(req), req.params.id, req.body),
    );

    app.delete('/webhooks/:id', { schema: { params: z.object({ id }), response: { 204: noContent } } }, async (req, reply) => {
      await svc.remove(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    });

    app.post('/webhooks/:id/rotate-secret', { schema: { params: z.object({ id }), response: { 200: webhookWithSecret } } }, async (req) =>
      svc.rotateSecret(db, actorOf(req), req.params.id),
    );

    app.get(
      '/webhooks/:id/deliveries',
      {
        schema: {
          params: z.object({ id }),
          querystring: z.object({
            state: z.enum(['pending', 'delivered', 'failed']).optional(),
            cursor: cursorParam.optional(),
            limit: limitParam(DELIVERIES_PAGE_MAX, 50),
          }),
          response: { 200: deliveryPage },
        },
      },
      async (req) => svc.deliveries(db, actorOf(req), req.params.id, req.query),
    );

    app.post('/webhooks/deliveries/:id/retry', { schema: { params: z.object({ id }), response: { 200: delivery } } }, async (req) =>
      svc.retry(db, actorOf(req), req.params.id),
    );
  };
}
