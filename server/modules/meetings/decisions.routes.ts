// HTTP contract of a meeting's decisions (action items), study trips and the
// weekly 例会 cadence.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';
import { todayChina } from '../calendar/index.ts';
import { id as bodyId, idParam as id, INT32_MAX, intParam, isoDate, list, text, version } from '../../../domain/input.ts';
import { cadenceAnswer, decisionDetail, decisionPage, MEETINGS_PAGE_MAX, studyTripDetail, studyTripPage } from '../../../domain/api/meetings.ts';
import { DECISION_VIEWS, MAX_DECISION_WORKING_DAYS } from '../../../domain/meetings.ts';
import * as decisions from './decisions.service.ts';
import * as trips from './trips.service.ts';
import * as cadence from './cadence.service.ts';
import { regionParam } from './meetings.routes.ts';

const decisionBody = z.object({
  content: text(2000).min(2, '请填写决定事项'),
  ownerUnitId: bodyId.nullish(),
  ownerPersonId: bodyId.nullish(),
  workingDays: z
    .number('请填写办理期限（工作日）')
    .int('应为整数')
    .min(1, '至少 1 个工作日')
    .max(MAX_DECISION_WORKING_DAYS, `最多 ${MAX_DECISION_WORKING_DAYS} 个工作日`),
  placeId: bodyId.nullish(),
});

const tripBody = z.object({
  regionCode: z.string().regex(/^\d{9}(\d{3})?$/, '请选择乡镇或社区'),
  day: isoDate,
  destination: text(200).min(2, '请填写考察地点'),
  leaderPersonId: bodyId.nullish(),
  leaderName: text(50).nullish(),
  headCount: z.number('请填写人数').int('应为整数').min(1, '至少 1 人').max(10000, '人数过多'),
  purpose: text(2000).nullish(),
  learned: text(10000).nullish(),
  sharedMeetingId: bodyId.nullish(),
  participants: list(z.object({ personId: bodyId.nullish(), name: text(50).nullish() }), 500),
  photoIds: list(bodyId, 50).optional(),
  fileIds: list(bodyId, 50).optional(),
});

export function decisionRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get(
      '/meetings/decisions',
      {
        schema: {
          querystring: z.object({
            region: regionParam.optional(),
            view: z.enum(DECISION_VIEWS).optional(),
            meetingId: id.optional(),
            cursor: cursorParam.optional(),
            limit: limitParam(MEETINGS_PAGE_MAX, 50),
          }),
          response: { 200: decisionPage },
        },
      },
      async (req) => decisions.list(db, actorOf(req), { ...req.query, limit: req.query.limit ?? 50 }),
    );
    app.post('/meetings/:id/decisions', { schema: { params: z.object({ id }), body: decisionBody, response: { 201: decisionDetail } } }, async (req, reply) =>
      reply.status(201).send(await decisions.create(db, actorOf(req), req.params.id, req.body)),
    );
    app.get('/meetings/decisions/:id', { schema: { params: z.object({ id }), response: { 200: decisionDetail } } }, async (req) =>
      decisions.get(db, actorOf(req), req.params.id),
    );
    app.put(
      '/meetings/decisions/:id',
      { schema: { params: z.object({ id }), body: decisionBody.extend({ version }), response: { 200: decisionDetail } } },
      async (req) => {
        const { version: v, ...body } = req.body;
        return decisions.update(db, actorOf(req), req.params.id, v, body);
      },
    );
    app.post(
      '/meetings/decisions/:id/progress',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({
            note: text(2000).min(2, '请填写进展情况'),
            state: z.enum(['open', 'done']).nullish().describe('done：办结；open：重新打开（会议管理人员）'),
          }),
          response: { 200: decisionDetail },
        },
      },
      async (req) => decisions.progress(db, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/meetings/decisions/:id/problem',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({
            categoryId: bodyId,
            description: text(2000).nullish(),
          }),
          response: { 200: decisionDetail },
        },
      },
      async (req) => decisions.toProblem(db, actorOf(req), req.params.id, req.body, config),
    );

    app.get(
      '/meetings/trips',
      {
        schema: {
          querystring: z.object({
            region: regionParam.optional(),
            from: isoDate.optional(),
            to: isoDate.optional(),
            cursor: cursorParam.optional(),
            limit: limitParam(MEETINGS_PAGE_MAX, 50),
          }),
          response: { 200: studyTripPage },
        },
      },
      async (req) => trips.list(db, actorOf(req), { ...req.query, limit: req.query.limit ?? 50 }),
    );
    app.post('/meetings/trips', { schema: { body: tripBody, response: { 201: studyTripDetail } } }, async (req, reply) =>
      reply.status(201).send(await trips.create(db, actorOf(req), req.body)),
    );
    app.get('/meetings/trips/:id', { schema: { params: z.object({ id }), response: { 200: studyTripDetail } } }, async (req) =>
      trips.get(db, actorOf(req), req.params.id),
    );
    app.put(
      '/meetings/trips/:id',
      { schema: { params: z.object({ id }), body: tripBody.extend({ version }), response: { 200: studyTripDetail } } },
      async (req) => {
        const { version: v, ...body } = req.body;
        return trips.update(db, actorOf(req), req.params.id, v, body);
      },
    );

    app.get(
      '/meetings/cadence',
      { schema: { querystring: z.object({ region: regionParam.optional(), year: intParam(2000, 2100).optional() }), response: { 200: cadenceAnswer } } },
      async (req) => cadence.get(db, actorOf(req), { region: req.query.region, year: req.query.year ?? Number(todayChina().slice(0, 4)) }),
    );
    app.put(
      '/meetings/cadence',
      {
        schema: {
          body: z.object({
            townCode: z.string().regex(/^\d{9}$/, '请选择乡镇'),
            perWeek: z.number().int().min(0, '不能小于 0').max(7, '每周最多 7 次'),
            effectiveFrom: isoDate,
            version: z.number('缺少版本号').int().min(0).max(INT32_MAX, '版本号超出范围').describe('当前版本（未设置时为 0）'),
          }),
          response: { 200: cadenceAnswer },
        },
      },
      async (req) => cadence.set(db, actorOf(req), req.body),
    );
  };
}
