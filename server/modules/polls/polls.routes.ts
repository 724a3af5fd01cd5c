// /api/polls: the resident surveys (issue 21). Questionnaires (a town's
// current versions and every version; saving writes a new version), the tree's
// 问卷调查 standards items map to, waves (create, close, results, answers,
// weak items to a task or an activity), the interviewer's phone data. The
// interviewer's answers arrive through the phone's queue
// (POST /api/inspections/sync, item type 'poll'); residents' through
// /api/public/polls/:token. Every staff route needs a session; the services
// check the permission and the town.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';
import { actorOf, authorize, requireAuth } from '../../platform/session.ts';
import { id as bodyId, idParam as id, isoDate, list, text, version } from '../../../domain/input.ts';
import { AGE_BANDS, FOLLOWUP_KINDS, MAX_PER_COMMUNITY, MAX_POLL_ITEMS, POLL_INDICATORS, POLL_SOURCES, RESULT_VIEWS, SEXES } from '../../../domain/polls.ts';
import { binary } from '../../../domain/api/common.ts';
import { XLSX_TYPE } from '../../platform/xlsx-import.ts';
import { exportResults } from './results.excel.ts';
import {
  followup,
  phonePolls,
  pollResponses,
  pollStandards,
  publicPoll,
  publicPollAnswered,
  questionnaire,
  questionnaires,
  wave,
  waveResults,
  waves,
} from '../../../domain/api/polls.ts';
import * as qs from './questionnaires.service.ts';
import * as ws from './waves.service.ts';
import * as fs from './followups.service.ts';
import { answerSelf, publicPoll as publicPollOf, selfAnswerBody } from './answers.service.ts';
import { phone } from './phone.service.ts';

const townParam = z.string('请选择乡镇').regex(/^\d{9}$/, '请选择乡镇（9 位区划代码）');
const communityCode = z.string('请选择社区').regex(/^\d{12}$/, '社区代码应为 12 位数字');
const percent = z.number('应为百分比').int('百分比应为整数').min(0, '百分比不能为负').max(100, '百分比不能超过 100');
const quotas = z.object({
  ageBands: z.object(Object.fromEntries(AGE_BANDS.map((b) => [b, percent])) as Record<(typeof AGE_BANDS)[number], typeof percent>),
  sex: z.object(Object.fromEntries(SEXES.map((s) => [s, percent])) as Record<(typeof SEXES)[number], typeof percent>),
});
const sampleSize = z.number('请填写样本数').int('样本数应为整数').min(0, '样本数不能为负').max(MAX_PER_COMMUNITY, `样本数不能超过 ${MAX_PER_COMMUNITY}`);
/** Per-community sample sizes that differ from the wave's N: { communityCode: n }, 0 leaves a community out. */
const communityPlan = z
  .record(communityCode, sampleSize)
  .refine((p) => Object.keys(p).length <= 500, '社区过多')
  .describe('各社区单独设定的样本数（社区代码 → 份数，0 为不抽样）；未列出的社区用每社区样本数');
const view = z.enum(RESULT_VIEWS, '统计口径不正确').optional();
const boolParam = z.enum(['true', 'false'], '应为 true 或 false').transform((v) => v === 'true');

export function pollRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get('/polls/standards', { schema: { querystring: z.object({ town: townParam }), response: { 200: pollStandards } } }, async (req) =>
      qs.standards(db, actorOf(req), req.query.town),
    );
    app.get('/polls/questionnaires', { schema: { querystring: z.object({ town: townParam }), response: { 200: questionnaires } } }, async (req) =>
      qs.list(db, actorOf(req), req.query.town),
    );
    app.get('/polls/questionnaires/:id', { schema: { params: z.object({ id }), response: { 200: questionnaire } } }, async (req) =>
      qs.one(db, actorOf(req), req.params.id),
    );
    app.post(
      '/polls/questionnaires',
      {
        schema: {
          body: z.object({
            townCode: townParam,
            code: z
              .string('请填写问卷代码')
              .trim()
              .regex(/^[A-Za-z0-9]{1,8}$/, '问卷代码为 1-8 位字母或数字（如 A、B）'),
            title: text(100).min(2, '请填写问卷名称'),
            groupLabel: text(30).min(1, '请填写适用人群'),
            note: text(500).nullish(),
            items: list(
              z.object({
                code: z
                  .string('请填写题号')
                  .trim()
                  .regex(/^[A-Za-z0-9._-]{1,12}$/, '题号为 1-12 位字母、数字'),
                text: text(300).min(2, '请填写题目'),
                indicator: z.enum(POLL_INDICATORS, '请选择指标（知晓率、支持率、满意度）'),
                standardId: bodyId,
              }),
              MAX_POLL_ITEMS,
              `问卷最多 ${MAX_POLL_ITEMS} 道题`,
            ),
          }),
          response: { 201: questionnaire },
        },
      },
      async (req, reply) => reply.status(201).send(await qs.save(db, actorOf(req), req.body)),
    );

    app.get('/polls/waves', { schema: { querystring: z.object({ town: townParam }), response: { 200: waves } } }, async (req) =>
      ws.list(db, actorOf(req), req.query.town),
    );
    app.post(
      '/polls/waves',
      {
        schema: {
          body: z.object({
            townCode: townParam,
            name: text(100).min(2, '请填写批次名称'),
            questionnaireIds: list(bodyId, 10, '最多 10 份问卷'),
            startsOn: isoDate,
            endsOn: isoDate,
            perCommunity: sampleSize,
            communityPlan: communityPlan.optional(),
            quotas,
            selfServed: z.boolean('请选择是否开放居民自助填答').default(false),
            selfCounts: z.boolean('请选择自助答卷是否计入比率').default(false),
          }),
          response: { 201: wave },
        },
      },
      async (req, reply) => reply.status(201).send(await ws.create(db, actorOf(req), req.body)),
    );
    app.patch(
      '/polls/waves/:id',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({
            version,
            name: text(100).min(2, '请填写批次名称').optional(),
            endsOn: isoDate.optional(),
            perCommunity: sampleSize.optional(),
            communityPlan: communityPlan.optional(),
            quotas: quotas.optional(),
            selfServed: z.boolean('请选择是否开放居民自助填答').optional(),
            selfCounts: z.boolean('请选择自助答卷是否计入比率').optional(),
          }),
          response: { 200: wave },
        },
      },
      async (req) => ws.update(db, actorOf(req), req.params.id, req.body),
    );
    app.get('/polls/waves/:id', { schema: { params: z.object({ id }), response: { 200: wave } } }, async (req) => ws.one(db, actorOf(req), req.params.id));
    app.post('/polls/waves/:id/close', { schema: { params: z.object({ id }), body: z.object({ version }), response: { 200: wave } } }, async (req) =>
      ws.close(db, actorOf(req), req.params.id, req.body.version),
    );
    app.get(
      '/polls/waves/:id/results',
      {
        schema: { params: z.object({ id }), querystring: z.object({ source: view }), response: { 200: waveResults } },
      },
      async (req) => ws.results(db, actorOf(req), req.params.id, req.query.source),
    );
    app.get(
      '/polls/waves/:id/results.xlsx',
      { schema: { params: z.object({ id }), querystring: z.object({ source: view }), response: { 200: binary(XLSX_TYPE, '调查结果 .xlsx') } } },
      async (req, reply) => {
        const { name, buf } = await exportResults(db, actorOf(req), req.params.id, req.query.source);
        reply.header('content-type', XLSX_TYPE).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
        return reply.send(buf);
      },
    );
    app.get(
      '/polls/waves/:id/responses',
      {
        schema: {
          params: z.object({ id }),
          querystring: z.object({
            source: z.enum(POLL_SOURCES, '来源不正确').optional(),
            communityCode: communityCode.optional(),
            outOfQuota: boolParam.optional(),
            cursor: cursorParam.optional(),
            limit: limitParam(200, 50),
          }),
          response: { 200: pollResponses },
        },
      },
      async (req) => ws.responses(db, actorOf(req), req.params.id, req.query),
    );
    app.post(
      '/polls/waves/:id/followups',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({
            itemCode: z.string('请选择题目').max(12, '题号不正确'),
            communityCode,
            kind: z.enum(FOLLOWUP_KINDS, '请选择交办任务或安排活动'),
            note: text(200).nullish(),
            activity: z
              .object({ title: text(100).min(2, '请填写活动名称'), kindId: bodyId, unitId: bodyId, placeId: bodyId, onDate: isoDate })
              .optional()
              .describe('kind 为 activity 时必填：安排的活动'),
          }),
          response: { 201: followup },
        },
      },
      async (req, reply) => reply.status(201).send(await fs.followup(db, actorOf(req), req.params.id, req.body)),
    );
    app.get(
      '/polls/followups/:id',
      { schema: { params: z.object({ id }), response: { 200: followup.extend({ waveId: bodyId, itemCode: z.string(), communityCode: z.string() }) } } },
      async (req) => fs.followupOf(db, actorOf(req), req.params.id),
    );
    app.post(
      '/polls/followups/:id/done',
      { schema: { params: z.object({ id }), body: z.object({ note: text(500).min(2, '请说明改进情况') }), response: { 200: followup } } },
      async (req) => fs.followupDone(db, actorOf(req), req.params.id, req.body.note),
    );

    app.get('/polls/phone', { schema: { response: { 200: phonePolls } } }, async (req) => {
      const actor = actorOf(req);
      authorize(actor, 'poll.interview');
      return phone(db, actor);
    });
  };
}

/** /api/public/polls/:token: the self-served questionnaire (no account), rate-limited per address. */
export function pollPublicRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    const token = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, '链接不正确');
    app.get('/polls/:token', { schema: { params: z.object({ token }), response: { 200: publicPoll } } }, async (req) => publicPollOf(db, req.params.token));
    app.post(
      '/polls/:token/answers',
      {
        config: {
          rateLimit: {
            max: SELF_ANSWERS_PER_IP_HOUR,
            timeWindow: '1 hour',
            keyGenerator: (req) => `poll-ip:${req.ip}`,
            errorResponseBuilder: () => new AppError('RATE_LIMITED', `提交过于频繁：同一网络每小时最多提交 ${SELF_ANSWERS_PER_IP_HOUR} 份问卷，请稍后再试`),
          },
        },
        schema: { params: z.object({ token }), body: selfAnswerBody, response: { 201: publicPollAnswered } },
      },
      async (req, reply) => reply.status(201).send(await answerSelf(db, req.params.token, req.body)),
    );
  };
}

/** Self-served answers accepted per IP address per hour (a household shares one address). */
export const SELF_ANSWERS_PER_IP_HOUR = 10;
