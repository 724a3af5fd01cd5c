// /api/campaigns: the list (keyset pages) and its Excel export, the kinds of
// campaign and of tally, totals per period, the form's choices; one campaign,
// starting, editing and closing it; its daily records (and their import),
// the problems it closed, its summary and the summary's .docx. Every route
// needs a session; the services check the permission and the region.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';
import { actorOf, authorize, requireAuth } from '../../platform/session.ts';
import { id as bodyId, idParam as id, isoDate, list as listOf, ref, text, version } from '../../../domain/input.ts';
import { binary } from '../../../domain/api/common.ts';
import {
  campaignDayImport,
  campaignDetail,
  campaignKind,
  campaignKinds,
  campaignList,
  campaignOptions,
  campaignSummary,
  campaignTotals,
  linkedProblemList,
  tallyKind,
} from '../../../domain/api/campaigns.ts';
import { CAMPAIGN_STATES, MAX_AREAS, MAX_TALLY, TALLY_MEASURE_LABELS, TALLY_MEASURES, type TallyMeasure } from '../../../domain/campaigns.ts';
import { DOCX_TYPE } from '../notices/index.ts';
import * as svc from './campaigns.service.ts';
import { options } from './options.ts';
import { createKind, updateKind } from './kinds.service.ts';
import { summary, summaryDocx, totals } from './summary.ts';
import { exportCampaigns, exportDays, importDays } from './campaigns.excel.ts';
import { XLSX_TYPE } from './import-report.ts';
import { readUpload } from '../../platform/uploads.ts';
import { XLSX_UPLOAD } from '../../platform/xlsx.ts';
import { todayChina } from '../../platform/clock.ts';

const regionCode = z.string('应为区划代码').regex(/^\d{6,15}$/, '区划代码应为 6-15 位数字');
export const filterQuery = z.object({
  regionCode: regionCode.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  state: z.enum(CAMPAIGN_STATES, '状态应为 running 或 closed').optional(),
  kindId: id.optional(),
  kind: z
    .string()
    .max(40)
    .regex(/^[a-z0-9_]+$/, '类别代码格式不正确')
    .optional(),
  started: z.enum(['1'], 'started 只能为 1').optional(),
});
export const toFilter = (q: z.infer<typeof filterQuery>) => ({
  regionCode: q.regionCode,
  from: q.from,
  to: q.to,
  state: q.state,
  kindId: q.kindId,
  kindCode: q.kind,
  started: q.started === '1',
});

const campaignBody = z.object({
  kindId: ref('请选择专项行动类别').nullish(),
  theme: text(100).min(2, '请填写行动主题（至少 2 个字）'),
  startDate: isoDate,
  endDate: isoDate,
  communityCodes: listOf(z.string().regex(/^\d{12}$/, '社区代码应为 12 位数字'), MAX_AREAS, `社区最多 ${MAX_AREAS} 个`).optional(),
  placeIds: listOf(bodyId, MAX_AREAS, `地点最多 ${MAX_AREAS} 个`).optional(),
  categoryIds: listOf(bodyId, 100, '问题类别最多 100 个').optional(),
  summary: text(4000).nullish(),
});
const tally = z.number('应为整数').int('应为整数').min(0, '不能为负数').max(MAX_TALLY, `不能超过 ${MAX_TALLY}`);
const kindName = text(20).min(2, '请填写名称（2-20 个字）');
const sort = z.number().int().min(0).max(9999).optional();

export function campaignRoutes(db: Db, config: Pick<Config, 'storageDir'>): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get(
      '/campaigns',
      { schema: { querystring: filterQuery.extend({ cursor: cursorParam.optional(), limit: limitParam(200, 50) }), response: { 200: campaignList } } },
      async (req) => svc.list(db, actorOf(req), { ...toFilter(req.query), cursor: req.query.cursor, limit: req.query.limit }),
    );

    const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
    app.get(
      '/campaigns/export.xlsx',
      { schema: { querystring: filterQuery, response: { 200: binary(XLSX_TYPE, '专项行动清单 .xlsx（含各统计项合计）') } } },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'campaign.read');
        const buf = await exportCampaigns(db, actor, toFilter(req.query));
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachment(`专项行动清单-${todayChina()}.xlsx`))
          .send(buf);
      },
    );
    app.get(
      '/campaigns/:id/days.xlsx',
      { schema: { params: z.object({ id }), response: { 200: binary(XLSX_TYPE, '专项行动日记录 .xlsx（可作为导入模板）') } } },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'campaign.read');
        const { buf, filename } = await exportDays(db, actor, req.params.id);
        return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(filename)).send(buf);
      },
    );
    app.post('/campaigns/:id/days/import', { schema: { params: z.object({ id }), response: { 201: campaignDayImport } } }, async (req, reply) => {
      const actor = actorOf(req);
      authorize(actor, 'campaign.record');
      const { buf } = await readUpload(req, XLSX_UPLOAD);
      return reply.status(201).send(await importDays(db, actor, req.params.id, buf));
    });

    app.get('/campaigns/kinds', { schema: { response: { 200: campaignKinds } } }, async (req) => {
      const actor = actorOf(req);
      authorize(actor, 'campaign.read');
      return svc.kinds(db, actor);
    });
    app.post('/campaigns/kinds', { schema: { body: z.object({ name: kindName, sort }), response: { 201: campaignKind } } }, async (req, reply) =>
      reply.status(201).send(await createKind(db, actorOf(req), 'campaign', 'campaign.kinds', req.body)),
    );
    app.patch(
      '/campaigns/kinds/:id',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({ version, name: kindName.optional(), sort, active: z.boolean().optional() }),
          response: { 200: campaignKind },
        },
      },
      async (req) => updateKind(db, actorOf(req), 'campaign', 'campaign.kinds', req.params.id, req.body),
    );
    const tallyView = (k: Awaited<ReturnType<typeof createKind>>) => ({
      ...k,
      measure: k.measure as TallyMeasure,
      measureLabel: TALLY_MEASURE_LABELS[k.measure as TallyMeasure],
      unit: k.unit ?? '',
    });
    app.post(
      '/campaigns/tally-kinds',
      {
        schema: {
          body: z.object({ measure: z.enum(TALLY_MEASURES, '应为 staff（人次）或 result（成效）'), name: kindName, unit: text(10).min(1, '请填写单位'), sort }),
          response: { 201: tallyKind },
        },
      },
      async (req, reply) => reply.status(201).send(tallyView(await createKind(db, actorOf(req), 'tally', 'campaign.kinds', req.body))),
    );
    app.patch(
      '/campaigns/tally-kinds/:id',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({ version, name: kindName.optional(), unit: text(10).min(1, '请填写单位').optional(), sort, active: z.boolean().optional() }),
          response: { 200: tallyKind },
        },
      },
      async (req) => tallyView(await updateKind(db, actorOf(req), 'tally', 'campaign.kinds', req.params.id, req.body)),
    );

    app.get(
      '/campaigns/totals',
      {
        schema: {
          querystring: z.object({
            regionCode: regionCode.optional(),
            period: z.string().max(30).optional().describe('年 2026、月 2026-03 或 2026-01-01..2026-06-30'),
          }),
          response: { 200: campaignTotals },
        },
      },
      async (req) => totals(db, actorOf(req), req.query.regionCode, req.query.period),
    );

    app.get('/campaigns/options', { schema: { querystring: z.object({ regionCode }), response: { 200: campaignOptions } } }, async (req) =>
      options(db, actorOf(req), req.query.regionCode),
    );

    app.post('/campaigns', { schema: { body: campaignBody, response: { 201: campaignDetail } } }, async (req, reply) => {
      const actor = actorOf(req);
      authorize(actor, 'campaign.manage');
      return reply.status(201).send(await svc.create(db, actor, req.body));
    });

    app.get('/campaigns/:id', { schema: { params: z.object({ id }), response: { 200: campaignDetail } } }, async (req) => {
      const actor = actorOf(req);
      authorize(actor, 'campaign.read');
      return svc.get(db, actor, req.params.id);
    });

    app.put(
      '/campaigns/:id',
      { schema: { params: z.object({ id }), body: campaignBody.extend({ version }), response: { 200: campaignDetail } } },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'campaign.manage');
        const { version: v, ...input } = req.body;
        return svc.edit(db, actor, req.params.id, v, input);
      },
    );

    app.post(
      '/campaigns/:id/close',
      { schema: { params: z.object({ id }), body: z.object({ version, summary: text(4000).nullish() }), response: { 200: campaignDetail } } },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'campaign.manage');
        return svc.close(db, actor, req.params.id, req.body.version, req.body.summary ?? null);
      },
    );

    app.put(
      '/campaigns/:id/days/:day',
      {
        schema: {
          params: z.object({ id, day: isoDate }),
          body: z.object({
            version: version.optional().describe('该日已有记录时必填（记录的版本号）'),
            note: text(1000).nullish(),
            counts: listOf(z.object({ kindId: ref('请选择统计项'), value: tally }), 50, '统计项最多 50 个'),
            beforePhotoIds: listOf(bodyId, 20, '整治前照片最多 20 张').optional(),
            afterPhotoIds: listOf(bodyId, 20, '整治后照片最多 20 张').optional(),
          }),
          response: { 200: campaignDetail },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'campaign.record');
        return svc.saveDay(db, actor, req.params.id, req.params.day, req.body);
      },
    );

    app.get(
      '/campaigns/:id/problems',
      {
        schema: {
          params: z.object({ id }),
          querystring: z.object({
            on: isoDate.optional().describe('只看这一天（北京时间）结案的'),
            cursor: cursorParam.optional(),
            limit: limitParam(200, 50),
          }),
          response: { 200: linkedProblemList },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'campaign.read');
        return svc.linked(db, actor, req.params.id, req.query);
      },
    );

    app.get('/campaigns/:id/summary', { schema: { params: z.object({ id }), response: { 200: campaignSummary } } }, async (req) => {
      const actor = actorOf(req);
      authorize(actor, 'campaign.read');
      return summary(db, actor, req.params.id);
    });

    app.get(
      '/campaigns/:id/summary.docx',
      { schema: { params: z.object({ id }), response: { 200: binary(DOCX_TYPE, '专项行动总结 .docx（GB/T 9704 公文格式）') } } },
      async (req, reply) => {
        const actor = actorOf(req);
        authorize(actor, 'campaign.read');
        const { buf, filename } = await summaryDocx(db, actor, req.params.id, config.storageDir);
        reply.header('content-type', DOCX_TYPE).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
        return reply.send(buf);
      },
    );
  };
}
