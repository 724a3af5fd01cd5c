// /api/publicity: the output registers — articles, LED programmes, handouts,
// 入户宣传 sessions — each with its list (keyset pages), one record, record,
// correct (at its version) and delete; the facility kinds and content themes;
// the requirements per point type and their versions. Every route needs a
// session; the services check the permission and the region.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { id as bodyId, idParam as id, intParam, isoDate, list as listOf, ref, text, version } from '../../../domain/input.ts';
import { noContent } from '../../../domain/api/common.ts';
import { publicityUrl } from '../../../domain/activities.ts';
import { POINT_TYPES } from '../../../domain/regions.ts';
import { CHANNELS, FACILITY_GROUPS, HANDOUT_KINDS, MAX_QUANTITY } from '../../../domain/publicity.ts';
import {
  article,
  articleList,
  doorSession,
  doorSessionList,
  handout,
  handoutList,
  ledList,
  ledProgramme,
  requirement,
  requirementList,
  requirementVersions,
  term,
  termList,
} from '../../../domain/api/publicity.ts';
import * as svc from './output.service.ts';
import * as terms from './terms.service.ts';
import type { Register } from './output.repository.ts';

export const regionCode = z.string('应为区划代码').regex(/^\d{6,15}$/, '区划代码应为 6-15 位数字');
const recordRegion = z.string('应为区划代码').regex(/^\d{9}(\d{3})?$/, '请选择乡镇或社区');
const flag = z.enum(['0', '1'], '应为 0 或 1').transform((v) => v === '1');
export const periodQuery = z.object({ regionCode: regionCode.optional(), from: isoDate.optional(), to: isoDate.optional() });
const page = { cursor: cursorParam.optional(), limit: limitParam(200, 50) };
const count = z.number('应为数量').int('数量应为整数').min(0, '数量不能为负').max(MAX_QUANTITY, `数量不能超过 ${MAX_QUANTITY}`);

export const articleBody = z.object({
  regionCode: recordRegion,
  channel: z.enum(CHANNELS, '渠道应为 wechat（公众号）或 other（其他渠道）'),
  channelName: text(50).nullish(),
  title: text(200).min(2, '请填写标题（至少 2 个字）'),
  url: publicityUrl.nullish(),
  publishedOn: isoDate,
  authorUnitId: bodyId.nullish(),
  featured: z.boolean('应为是或否').default(false),
  carriedBy: text(200).nullish(),
});
export const ledBody = z.object({
  regionCode: recordRegion,
  screen: text(100).min(2, '请填写LED屏名称或位置'),
  facilityId: bodyId.nullish(),
  content: text(500).min(2, '请填写播放内容'),
  fromDate: isoDate,
  toDate: isoDate,
});
export const handoutBody = z.object({
  regionCode: recordRegion,
  kind: z.enum(HANDOUT_KINDS, '种类应为 flyer（宣传单）或 item（宣传品）'),
  title: text(100).min(2, '请填写宣传单或宣传品的名称'),
  quantity: count,
  handedOn: isoDate,
  location: text(200).nullish(),
  unitId: bodyId.nullish(),
  activityId: bodyId.nullish(),
  campaignId: bodyId.nullish(),
});
export const doorBody = z.object({
  regionCode: z.string('应为社区代码').regex(/^\d{12}$/, '请选择社区'),
  onDate: isoDate,
  households: count,
  note: text(1000).nullish(),
  unitIds: listOf(bodyId, 30, '参加单位最多 30 个').optional(),
});

const REGS: { reg: Register; path: string; body: z.ZodObject; one: z.ZodType; many: z.ZodType; filters: z.ZodRawShape }[] = [
  {
    reg: 'articles',
    path: 'articles',
    body: articleBody,
    one: article,
    many: articleList,
    filters: { channel: z.enum(CHANNELS).optional(), featured: flag.optional() },
  },
  { reg: 'led', path: 'led', body: ledBody, one: ledProgramme, many: ledList, filters: {} },
  { reg: 'handouts', path: 'handouts', body: handoutBody, one: handout, many: handoutList, filters: { kind: z.enum(HANDOUT_KINDS).optional() } },
  { reg: 'door', path: 'door-sessions', body: doorBody, one: doorSession, many: doorSessionList, filters: {} },
];

export function publicityRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    for (const r of REGS) {
      app.get(`/publicity/${r.path}`, { schema: { querystring: periodQuery.extend({ ...r.filters, ...page }), response: { 200: r.many } } }, async (req) =>
        svc.list(db, actorOf(req), r.reg, req.query as any),
      );
      app.post(`/publicity/${r.path}`, { schema: { body: r.body, response: { 201: r.one } } }, async (req, reply) =>
        reply.status(201).send(await svc.create(db, actorOf(req), r.reg, req.body as any)),
      );
      app.get(`/publicity/${r.path}/:id`, { schema: { params: z.object({ id }), response: { 200: r.one } } }, async (req) =>
        svc.get(db, actorOf(req), r.reg, req.params.id),
      );
      app.put(`/publicity/${r.path}/:id`, { schema: { params: z.object({ id }), body: r.body.extend({ version }), response: { 200: r.one } } }, async (req) => {
        const { version: v, ...input } = req.body as any;
        return svc.update(db, actorOf(req), r.reg, req.params.id, v, input);
      });
      app.delete(
        `/publicity/${r.path}/:id`,
        { schema: { params: z.object({ id }), querystring: z.object({ version: intParam(1, 2_147_483_647) }), response: { 204: noContent } } },
        async (req, reply) => {
          await svc.remove(db, actorOf(req), r.reg, req.params.id, req.query.version);
          return reply.status(204).send(null);
        },
      );
    }

    // ---- kinds and themes ----
    app.get('/publicity/terms', { schema: { response: { 200: termList } } }, async (req) => terms.terms(db, actorOf(req)));
    app.post(
      '/publicity/terms',
      {
        schema: {
          body: z.object({
            list: z.enum(['kind', 'theme'], '应为 kind（设施类别）或 theme（内容主题）'),
            name: text(30).min(2, '请填写名称（2-30 个字）'),
            group: z.enum(FACILITY_GROUPS, '分组应为 boards、ads、led 或 other').optional(),
            sort: z.number().int().min(0).max(9999).optional(),
          }),
          response: { 201: term },
        },
      },
      async (req, reply) => reply.status(201).send(await terms.createTerm(db, actorOf(req), req.body)),
    );
    app.patch(
      '/publicity/terms/:id',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({
            version,
            name: text(30).min(2, '请填写名称（2-30 个字）').optional(),
            group: z.enum(FACILITY_GROUPS, '分组应为 boards、ads、led 或 other').optional(),
            sort: z.number().int().min(0).max(9999).optional(),
            active: z.boolean().optional(),
          }),
          response: { 200: term },
        },
      },
      async (req) => terms.updateTerm(db, actorOf(req), req.params.id, req.body),
    );

    // ---- requirements per point type ----
    app.get('/publicity/requirements', { schema: { response: { 200: requirementList } } }, async (req) => terms.requirements(db, actorOf(req)));
    app.get(
      '/publicity/requirements/:pointType/versions',
      { schema: { params: z.object({ pointType: z.enum(POINT_TYPES, '未知的点位类型') }), response: { 200: requirementVersions } } },
      async (req) => terms.requirementVersions(db, actorOf(req), req.params.pointType),
    );
    app.post(
      '/publicity/requirements',
      {
        schema: {
          body: z.object({
            pointType: z.enum(POINT_TYPES, '未知的点位类型'),
            note: text(500).nullish(),
            items: listOf(
              z.object({
                kindId: ref('请选择设施类别').nullish(),
                themeId: ref('请选择内容主题').nullish(),
                minCount: z.number('应为数量').int('数量应为整数').min(1, '最少数量至少为 1').max(1000, '最少数量不能超过 1000'),
              }),
              30,
              '要求最多 30 条',
            ),
          }),
          response: { 201: requirement },
        },
      },
      async (req, reply) => reply.status(201).send(await terms.publishRequirement(db, actorOf(req), req.body)),
    );
  };
}
