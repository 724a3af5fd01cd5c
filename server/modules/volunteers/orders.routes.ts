// Residents' service orders: the public side under /api/public (the stations
// to order from, ordering with a per-IP limit, tracking and rating by code)
// and the station's side under /api/volunteers/orders (the list with ages,
// one order, 派单, 退回, 接单).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { id as bodyId, idParam as id, isoDate, ref, text, version } from '../../../domain/input.ts';
import { orderItem, orderList, publicOrder, publicOrderCreated, publicStations } from '../../../domain/api/volunteers.ts';
import { ORDER_CODE_RE, ORDER_STATES } from '../../../domain/volunteers.ts';
import { PHONE_RE } from '../../../domain/people.ts';
import * as orders from './orders.service.ts';

const code = z.string('应为跟踪码').regex(ORDER_CODE_RE, '跟踪码格式不正确（FW 加 8 位字母数字）');
const regionCode = z.string('应为区划代码').regex(/^\d{6,15}$/, '区划代码应为 6-15 位数字');

export function orderPublicRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/order-stations', { schema: { response: { 200: publicStations } } }, async () => orders.stations(db));

    app.post(
      '/orders',
      {
        config: {
          rateLimit: {
            max: config.ordersPerIpHour,
            timeWindow: '1 hour',
            keyGenerator: (req) => `order-ip:${req.ip}`,
            errorResponseBuilder: () => new AppError('RATE_LIMITED', `点单过于频繁：同一网络每小时最多点单 ${config.ordersPerIpHour} 次，请稍后再试`),
          },
        },
        schema: {
          body: z.object({
            stationId: ref('请选择新时代文明实践所（站）'),
            kind: text(20).min(2, '请选择服务类别'),
            wishedOn: isoDate,
            wishedTime: text(30).nullish(),
            place: text(100).min(2, '请填写服务地点'),
            contactName: text(20).min(1, '请填写联系人'),
            contactPhone: z.string('请填写手机号').regex(PHONE_RE, '手机号应为 11 位'),
            details: text(500).nullish(),
          }),
          response: { 201: publicOrderCreated },
        },
      },
      async (req, reply) => reply.status(201).send({ code: (await orders.create(db, req.body)).code }),
    );

    app.get('/orders/:code', { schema: { params: z.object({ code }), response: { 200: publicOrder } } }, async (req) => orders.track(db, req.params.code));

    app.post(
      '/orders/:code/rate',
      {
        config: { rateLimit: { max: 30, timeWindow: '1 hour' } },
        schema: {
          params: z.object({ code }),
          body: z.object({ rating: z.number('请评分').int('评分为 1-5 的整数').min(1, '评分为 1-5').max(5, '评分为 1-5'), comment: text(300).nullish() }),
          response: { 200: publicOrder },
        },
      },
      async (req) => orders.rate(db, req.params.code, req.body),
    );
  };
}

export function orderRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get(
      '/volunteers/orders',
      {
        schema: {
          querystring: z.object({
            stationId: id.optional(),
            teamId: id.optional(),
            regionCode: regionCode.optional(),
            state: z.enum(ORDER_STATES).optional(),
            unanswered: z.enum(['1', '0']).optional().describe('1 未接单（待派单、待接单）；0 已接单'),
            answered: z.enum(['1']).optional().describe('1 已接单或已评单'),
            from: isoDate.optional(),
            to: isoDate.optional(),
            cursor: cursorParam.optional(),
            limit: limitParam(200, 50),
          }),
          response: { 200: orderList },
        },
      },
      async (req) => {
        const { unanswered, answered, ...q } = req.query;
        return orders.list(db, actorOf(req), { ...q, unanswered: unanswered === undefined ? undefined : unanswered === '1', answered: answered === '1' });
      },
    );

    app.get('/volunteers/orders/:id', { schema: { params: z.object({ id }), response: { 200: orderItem } } }, async (req) =>
      orders.get(db, actorOf(req), req.params.id),
    );

    app.post(
      '/volunteers/orders/:id/dispatch',
      { schema: { params: z.object({ id }), body: z.object({ version, teamId: bodyId }), response: { 200: orderItem } } },
      async (req) => orders.dispatch(db, actorOf(req), req.params.id, req.body),
    );

    app.post(
      '/volunteers/orders/:id/return',
      { schema: { params: z.object({ id }), body: z.object({ version, reason: text(200).min(2, '请填写退回原因') }), response: { 200: orderItem } } },
      async (req) => orders.giveBack(db, actorOf(req), req.params.id, req.body),
    );

    app.post(
      '/volunteers/orders/:id/accept',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({
            version,
            activityId: bodyId.optional(),
            plan: z
              .object({ title: text(100).min(2, '请填写活动名称'), kindId: ref('请选择活动类别'), placeId: ref('请选择活动地点'), onDate: isoDate })
              .optional(),
          }),
          response: { 200: orderItem },
        },
      },
      async (req) => orders.accept(db, actorOf(req), req.params.id, req.body),
    );
  };
}
