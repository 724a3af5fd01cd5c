// /api/fund: the ledger (entries, keyset pages), recording income and
// spending, reversing an entry, balances per period and per project, the
// ledger .xlsx; the projects, one project, creating and editing them, the
// form's choices. Every route needs a session; the services check the
// permission (fund.read, fund.manage: the office alone records money) and the town.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';
import { actorOf, authorize, requireAuth } from '../../platform/session.ts';
import { id as bodyId, idParam as id, isoDate, list as listOf, ref, text, version } from '../../../domain/input.ts';
import { binary } from '../../../domain/api/common.ts';
import { fundBalance, fundEntry, fundEntryDetail, fundEntryList, fundOptions, fundProjectDetail, fundProjectList } from '../../../domain/api/fund.ts';
import { DIRECTIONS, INCOME_SOURCES, MAX_FEN, PROJECT_STATES } from '../../../domain/fund.ts';
import { XLSX_TYPE } from '../campaigns/index.ts';
import * as svc from './fund.service.ts';
import * as projects from './projects.service.ts';
import { ledgerXlsx } from './ledger.ts';

const regionCode = z.string('应为区划代码').regex(/^\d{6,15}$/, '区划代码应为 6-15 位数字');
const townCode = z.string('应为乡镇代码').regex(/^\d{9}$/, '乡镇代码应为 9 位数字');
const fen = (what: string) =>
  z.number(`${what}应为整数（单位：分）`).int(`${what}应为整数（单位：分），不能有小数`).min(1, `${what}应大于 0`).max(MAX_FEN, `${what}超出范围`);
const period = z.string().max(30).optional().describe('年 2026、月 2026-03 或 2026-01-01..2026-06-30');
const vouchers = {
  voucherFileIds: listOf(bodyId, 10, '凭证最多 10 个').optional().describe('凭证文件（POST /api/files 上传的 PDF、Word、Excel）'),
  voucherPhotoIds: listOf(bodyId, 10, '凭证照片最多 10 张').optional().describe('凭证照片（POST /api/photos 上传）'),
};
const projectBody = z.object({
  regionCode: townCode,
  kind: text(20).min(2, '请填写项目类别'),
  name: text(100).min(2, '请填写项目名称（至少 2 个字）'),
  budgetFen: z.number('预算应为整数（单位：分）').int('预算应为整数（单位：分），不能有小数').min(0, '预算不能为负数').max(MAX_FEN, '预算超出范围'),
  unitId: ref('请选择实施单位'),
  description: text(2000).nullish(),
  state: z.enum(PROJECT_STATES, '状态不正确').optional(),
  milestones: listOf(
    z.object({
      id: bodyId.optional(),
      name: text(100).min(1, '请填写节点名称'),
      dueDate: isoDate.nullish(),
      progress: z.number('进度应为 0-100 的整数').int('进度应为整数').min(0, '进度不能为负').max(100, '进度最多 100'),
      doneOn: isoDate.nullish(),
    }),
    50,
    '节点最多 50 个',
  ).optional(),
  needIds: listOf(bodyId, 200, '摸排需求最多 200 个').optional(),
  photoIds: listOf(bodyId, 20, '照片最多 20 张').optional(),
});

export function fundRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get(
      '/fund/entries',
      {
        schema: {
          querystring: z.object({
            regionCode: regionCode.optional(),
            from: isoDate.optional(),
            to: isoDate.optional(),
            projectId: id.optional(),
            direction: z.enum(DIRECTIONS, '应为 income 或 spend').optional(),
            cursor: cursorParam.optional(),
            limit: limitParam(200, 50),
          }),
          response: { 200: fundEntryList },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'fund.read');
        return svc.entries(db, actor, req.query);
      },
    );
    app.post(
      '/fund/entries',
      {
        schema: {
          body: z.object({
            regionCode: townCode,
            direction: z.enum(DIRECTIONS, '应为 income（收入）或 spend（支出）'),
            source: z.enum(INCOME_SOURCES, '收入来源不正确').nullish(),
            amountFen: fen('金额'),
            onDate: isoDate,
            projectId: ref('请选择项目').nullish(),
            unitId: ref('请选择单位').nullish(),
            note: text(500).min(2, '请填写摘要（至少 2 个字）'),
            ...vouchers,
            confirmOverspend: z.boolean().optional().describe('确认超出项目预算'),
          }),
          response: { 201: fundEntry },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'fund.manage');
        return reply.status(201).send(await svc.record(db, actor, req.body));
      },
    );
    app.get('/fund/entries/:id', { schema: { params: z.object({ id }), response: { 200: fundEntryDetail } } }, async (req) => {
      const actor = actorOf(req);
      authorize(actor, 'fund.read');
      return svc.entry(db, actor, req.params.id);
    });
    app.post(
      '/fund/entries/:id/reverse',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({ reason: text(500).min(2, '请填写冲正原因（至少 2 个字）'), onDate: isoDate.optional(), ...vouchers }),
          response: { 201: fundEntry },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'fund.manage');
        return reply.status(201).send(await svc.reverse(db, actor, req.params.id, req.body));
      },
    );
    app.get(
      '/fund/balance',
      { schema: { querystring: z.object({ regionCode: regionCode.optional(), period }), response: { 200: fundBalance } } },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'fund.read');
        return svc.balance(db, actor, req.query.regionCode, req.query.period);
      },
    );
    app.get(
      '/fund/ledger.xlsx',
      { schema: { querystring: z.object({ regionCode: regionCode.optional(), period }), response: { 200: binary(XLSX_TYPE, '创城工作基金台账 .xlsx') } } },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'fund.read');
        const { buf, filename } = await ledgerXlsx(db, actor, req.query.regionCode, req.query.period);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
          .send(buf);
      },
    );

    app.get('/fund/options', { schema: { querystring: z.object({ regionCode }), response: { 200: fundOptions } } }, async (req) => {
      const actor = actorOf(req);
      authorize(actor, 'fund.manage');
      return projects.options(db, actor, req.query.regionCode);
    });
    app.get('/fund/projects', { schema: { querystring: z.object({ regionCode: regionCode.optional() }), response: { 200: fundProjectList } } }, async (req) => {
      const actor = actorOf(req);
      authorize(actor, 'fund.read');
      return projects.list(db, actor, req.query.regionCode);
    });
    app.post('/fund/projects', { schema: { body: projectBody, response: { 201: fundProjectDetail } } }, async (req, reply) => {
      const actor = actorOf(req);
      authorize(actor, 'fund.manage');
      return reply.status(201).send(await projects.create(db, actor, req.body));
    });
    app.get('/fund/projects/:id', { schema: { params: z.object({ id }), response: { 200: fundProjectDetail } } }, async (req) => {
      const actor = actorOf(req);
      authorize(actor, 'fund.read');
      return projects.get(db, actor, req.params.id);
    });
    app.put(
      '/fund/projects/:id',
      { schema: { params: z.object({ id }), body: projectBody.extend({ version }), response: { 200: fundProjectDetail } } },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'fund.manage');
        const { version: v, ...input } = req.body;
        return projects.edit(db, actor, req.params.id, v, input);
      },
    );
  };
}
