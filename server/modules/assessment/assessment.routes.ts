// Assessment HTTP contract. Staff routes under /api/assessment (auth; read
// or manage checked per region in the service); the public red/black list
// under /api/public/rankings.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { AppError } from '../../platform/errors.ts';
import { PERIOD_KINDS, periodOf } from '../../../domain/assessment/periods.ts';
import { EVENT_KINDS, SUBJECT_KINDS } from '../../../domain/assessment/rules.ts';
import { todayChina } from '../calendar/index.ts';
import * as svc from './assessment.service.ts';
import * as rules from './rules.service.ts';
import * as rankings from './rankings.ts';
import { INT32_MAX, idParam as id, isoDate as date, rawText, text, version } from '../../../domain/input.ts';
import {
  assessmentConfig,
  indicatorTable,
  ledger,
  publicRanking,
  publicTowns,
  rankHistory,
  rankingRecord,
  rankingView,
  recomputed,
  ruleList,
  ruleVersion,
  why,
} from '../../../domain/api/assessment.ts';
import { XLSX_TYPE } from '../../platform/xlsx-import.ts';

const region = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, '区划代码应为 6、9 或 12 位数字');
const periodQuery = { kind: z.enum(PERIOD_KINDS).default('month'), date: date.optional() };
const toPeriod = (q: { kind: (typeof PERIOD_KINDS)[number]; date?: string }) => periodOf(q.kind, q.date ?? todayChina());
const points = z.number().min(-1000, '分值不能小于 -1000').max(1000, '分值不能大于 1000');
const cap = z.number().positive('上限须为正数').max(10000).nullable();
const threshold = z
  .number('应为场次')
  .int('场次应为整数')
  .min(1, '每月最少场次至少为 1')
  .max(1000, '每月最少场次不能超过 1000')
  .nullish()
  .describe('月度活动场次不足：每月最少场次');
const weight = z.number().min(0, '权重不能为负数').max(1000, '权重不能大于 1000');
const score = z.number().min(-100000).max(100000);

export function assessmentRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get('/assessment/rules', { schema: { querystring: z.object({ region }), response: { 200: ruleList } } }, async (req) =>
      rules.listRules(db, actorOf(req), req.query.region),
    );
    app.post(
      '/assessment/rules',
      {
        schema: {
          body: z.object({
            regionCode: region,
            name: text(100).min(1, '请填写规则名称'),
            eventKind: z.enum(EVENT_KINDS, '请选择事项'),
            subjectKind: z.enum(SUBJECT_KINDS, '请选择考核对象'),
            points,
            capPerPeriod: cap.default(null),
            threshold,
            effectiveFrom: date,
            note: rawText(500).nullish(),
          }),
          response: { 201: ruleVersion },
        },
      },
      async (req, reply) => reply.status(201).send(await rules.createRule(db, actorOf(req), req.body)),
    );
    app.post(
      '/assessment/rules/:key/versions',
      {
        schema: {
          params: z.object({ key: z.string().uuid() }),
          body: z.object({
            name: text(100).min(1).optional(),
            points,
            capPerPeriod: cap.default(null),
            threshold,
            active: z.boolean().default(true),
            effectiveFrom: date,
            note: rawText(500).nullish(),
          }),
          response: { 201: ruleVersion },
        },
      },
      async (req, reply) => reply.status(201).send(await rules.addVersion(db, actorOf(req), req.params.key, req.body)),
    );

    app.get('/assessment/config', { schema: { querystring: z.object({ region }), response: { 200: assessmentConfig } } }, async (req) => {
      svc.canRead(actorOf(req), req.query.region);
      return svc.getConfig(db, req.query.region);
    });
    app.put(
      '/assessment/config',
      {
        schema: {
          querystring: z.object({ region }),
          body: z.object({
            baseScore: z.number().min(0).max(1000),
            weights: z.object({ closeRate: weight, onTimeRate: weight, reworkRate: weight }),
            lists: z.object({
              redSize: z.number().int().min(0).max(100),
              blackSize: z.number().int().min(0).max(100),
              minRedScore: score.nullish(),
              maxBlackScore: score.nullish(),
            }),
          }),
          response: { 200: assessmentConfig },
        },
      },
      async (req) => svc.setConfig(db, actorOf(req), req.query.region, req.body),
    );

    app.post('/assessment/recompute', { schema: { body: z.object({ region, date }), response: { 200: recomputed } } }, async (req) =>
      svc.recompute(db, actorOf(req), req.body.region, req.body.date),
    );
    app.get('/assessment/ledger', { schema: { querystring: z.object({ region, ...periodQuery }), response: { 200: ledger } } }, async (req) =>
      svc.ledger(db, actorOf(req), req.query.region, toPeriod(req.query)),
    );

    // ref: a region code (community, town) or an id (unit, street chief).
    const whyQuery = z
      .object({ subjectKind: z.enum(SUBJECT_KINDS).default('community'), ref: z.string().regex(/^\d{1,15}$/, '对象编号应为数字'), ...periodQuery })
      .refine((q) => (q.subjectKind !== 'unit' && q.subjectKind !== 'street_chief') || (Number(q.ref) >= 1 && Number(q.ref) <= INT32_MAX), {
        message: '编号超出范围',
        path: ['ref'],
      });
    app.get('/assessment/why', { schema: { querystring: whyQuery, response: { 200: why } } }, async (req) =>
      svc.why(db, actorOf(req), req.query.subjectKind, req.query.ref, toPeriod(req.query)),
    );
    app.get(
      '/assessment/why.xlsx',
      { schema: { querystring: whyQuery, response: { 200: { description: '得分明细（Excel）', content: { [XLSX_TYPE]: { schema: z.any() } } } } } },
      async (req, reply) => {
        const { name, buffer } = await svc.whyXlsx(db, actorOf(req), req.query.subjectKind, req.query.ref, toPeriod(req.query));
        reply.header('content-type', XLSX_TYPE).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
        return reply.send(buffer);
      },
    );

    app.get(
      '/assessment/indicators',
      {
        schema: {
          querystring: z.object({ region, groupBy: z.enum(['community', 'town', 'unit']).default('community'), ...periodQuery }),
          response: { 200: indicatorTable },
        },
      },
      async (req) => svc.indicatorTable(db, actorOf(req), req.query.region, req.query.groupBy, toPeriod(req.query)),
    );

    app.get(
      '/assessment/rankings',
      {
        schema: {
          querystring: z.object({ region, ...periodQuery }),
          response: { 200: rankingView },
        },
      },
      async (req) => rankings.rankingView(db, actorOf(req), req.query.region, toPeriod(req.query)),
    );
    // A town's ranking: the office submits it, a town leader approves (publishes) or rejects it.
    const periodBody = z.object({ region, kind: z.enum(PERIOD_KINDS), date });
    app.post('/assessment/rankings/submit', { schema: { body: periodBody, response: { 201: rankingRecord } } }, async (req, reply) =>
      reply.status(201).send(await rankings.prepare(db, actorOf(req), req.body.region, periodOf(req.body.kind, req.body.date), 'submit')),
    );
    app.post(
      '/assessment/rankings/:id/actions/:action',
      {
        schema: {
          params: z.object({ id, action: z.enum(['approve', 'reject']) }),
          body: z.object({ version, note: text(500).nullish() }),
          response: { 200: rankingRecord },
        },
      },
      async (req) => rankings.decide(db, actorOf(req), req.params.id, req.params.action, req.body),
    );
    // A county's ranking of its towns: the county office publishes it, no leader step.
    app.post('/assessment/rankings/publish', { schema: { body: periodBody, response: { 201: rankingRecord } } }, async (req, reply) =>
      reply.status(201).send(await rankings.prepare(db, actorOf(req), req.body.region, periodOf(req.body.kind, req.body.date), 'publish')),
    );
    app.get(
      '/assessment/rankings/history',
      { schema: { querystring: z.object({ region, kind: z.enum(PERIOD_KINDS).default('month') }), response: { 200: rankHistory } } },
      async (req) => svc.rankHistory(db, actorOf(req), req.query.region, req.query.kind),
    );
  };
}

/** Public: the latest published red/black list of a town (or county). */
export function assessmentPublicRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/rankings/latest', { schema: { querystring: z.object({ town: region }), response: { 200: publicRanking } } }, async (req) =>
      svc.publicLatest(db, req.query.town),
    );
    app.get(
      '/rankings/towns',
      {
        schema: { response: { 200: publicTowns } },
        config: { rateLimit: { max: 120, timeWindow: '1 minute', errorResponseBuilder: () => new AppError('RATE_LIMITED', '请求过于频繁，请 1 分钟后再试') } },
      },
      async () => svc.publicTowns(db),
    );
  };
}
