// /api/volunteers: volunteers and their teams, service records (recorded,
// confirmed, corrected), totals, the certificate (.docx and the printable
// page's data), the national upload (.xlsx with ID numbers, audited). Every
// route needs a session; the services check the permission and the region.
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';
import { actorOf, authorize, requireAuth } from '../../platform/session.ts';
import { todayChina } from '../../platform/clock.ts';
import { readUpload } from '../../platform/uploads.ts';
import { XLSX_UPLOAD } from '../../platform/xlsx.ts';
import { id as bodyId, idParam as id, isoDate, isoInstant, isoMonth, list as listOf, text, version } from '../../../domain/input.ts';
import { binary } from '../../../domain/api/common.ts';
import {
  accountGiven,
  activityRoster,
  certificate,
  checkinCode,
  checkinResult,
  myVolunteer,
  serviceItem,
  serviceList,
  serviceImport,
  serviceRecorded,
  serviceTotalsReport,
  teamList,
  volunteerDetail,
  volunteerList,
} from '../../../domain/api/volunteers.ts';
import { CHECKIN_CODE_RE, GENDERS, MEMBER_ROLES, POLITICAL_STATUSES, SERVICE_STATUSES } from '../../../domain/volunteers.ts';
import { PHONE_RE } from '../../../domain/people.ts';
import { setIdKeySource } from './id-cipher.ts';
import * as members from './members.service.ts';
import * as records from './records.service.ts';
import * as docs from './documents.service.ts';
import * as checkins from './checkin.service.ts';
import { XLSX_TYPE } from '../../platform/xlsx-import.ts';
import { exportService, serviceTemplate } from './service.excel.ts';
import { importService } from './service.import.ts';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const regionCode = z.string('应为区划代码').regex(/^\d{6,15}$/, '区划代码应为 6-15 位数字');
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

const hours = z.number('应为小时数').min(0.1, '服务时长至少 0.1 小时').max(24, '一条服务记录不能超过 24 小时');
const profile = z.object({
  gender: z.enum(GENDERS, '性别应为 male 或 female').nullish(),
  birthYear: z.number('应为年份').int('应为年份').min(1900, '出生年份不早于 1900').max(2100, '出生年份不晚于 2100').nullish(),
  politicalStatus: z.enum(POLITICAL_STATUSES, '政治面貌不在列表中').nullish(),
  skills: listOf(text(20), 20, '特长最多 20 项').optional(),
  note: text(500).nullish(),
  idNumber: z.string('应为文本').max(18, '证件号码应为 18 位').nullish().describe('证件号码（明文提交，加密保存，只显示脱敏值）'),
});
const serviceFilter = z.object({
  teamId: id.optional(),
  personId: id.optional(),
  activityId: id.optional(),
  regionCode: regionCode.optional(),
  month: isoMonth.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
const period = z.object({ from: isoDate.optional(), to: isoDate.optional() });
const span = z.object({ hours: hours.nullish(), startedAt: isoInstant.nullish(), endedAt: isoInstant.nullish() });

export function volunteerRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  setIdKeySource(config);
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get(
      '/volunteers',
      {
        schema: {
          querystring: z.object({
            teamId: id.optional(),
            regionCode: regionCode.optional(),
            q: text(30).optional(),
            current: z.enum(['1', '0']).optional().describe('1 今日在队；0 已不在任何队'),
            cursor: cursorParam.optional(),
            limit: limitParam(200, 50),
          }),
          response: { 200: volunteerList },
        },
      },
      async (req) => members.list(db, actorOf(req), { ...req.query, current: req.query.current === undefined ? undefined : req.query.current === '1' }),
    );

    app.post(
      '/volunteers',
      {
        schema: {
          body: profile.extend({
            personId: bodyId.optional().describe('已在人员名录中的人；不填则按姓名、手机号新建（无账号）'),
            name: text(30).min(2, '请填写姓名（至少 2 个字）').optional(),
            phone: z.string().regex(PHONE_RE, '手机号应为 11 位').nullish(),
            teamId: bodyId,
            role: z.enum(MEMBER_ROLES).optional(),
            joinedOn: isoDate.optional(),
          }),
          response: { 201: volunteerDetail },
        },
      },
      async (req, reply) => reply.status(201).send(await members.create(db, actorOf(req), req.body)),
    );

    app.get('/volunteers/teams', { schema: { querystring: z.object({ regionCode: regionCode.optional() }), response: { 200: teamList } } }, async (req) =>
      members.teams(db, actorOf(req), req.query.regionCode),
    );

    // ---- service records ----

    app.get(
      '/volunteers/service',
      {
        schema: {
          querystring: serviceFilter.extend({ status: z.enum(SERVICE_STATUSES).optional(), cursor: cursorParam.optional(), limit: limitParam(200, 50) }),
          response: { 200: serviceList },
        },
      },
      async (req) => records.list(db, actorOf(req), req.query),
    );

    app.post(
      '/volunteers/service',
      {
        schema: {
          body: z.object({
            activityId: bodyId,
            entries: listOf(span.extend({ personId: bodyId, content: text(200).nullish() }), 500, '一次最多登记 500 人').min(1, '请至少登记一名志愿者'),
          }),
          response: { 201: serviceRecorded },
        },
      },
      async (req, reply) => reply.status(201).send(await records.record(db, actorOf(req), req.body)),
    );

    app.get('/volunteers/service/totals', { schema: { querystring: serviceFilter, response: { 200: serviceTotalsReport } } }, async (req) =>
      records.totals(db, actorOf(req), req.query),
    );

    app.get(
      '/volunteers/service/national.xlsx',
      { schema: { querystring: serviceFilter, response: { 200: binary(XLSX_TYPE, '全国志愿服务信息系统批量导入表（含证件号码，导出留痕）') } } },
      async (req, reply) => {
        const f = await docs.nationalUpload(db, actorOf(req), req.query);
        return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(f.name)).send(f.buf);
      },
    );

    app.get(
      '/volunteers/service/export.xlsx',
      {
        schema: {
          querystring: serviceFilter.extend({ status: z.enum(SERVICE_STATUSES).optional() }),
          response: { 200: binary(XLSX_TYPE, '志愿服务记录 .xlsx（与列表同一筛选）') },
        },
      },
      async (req, reply) => {
        const out = new PassThrough();
        // the scope is checked before the first byte: a refusal is a 4xx, not a broken download
        await members.readerScope(db, actorOf(req));
        exportService(db, actorOf(req), req.query, out).catch((e) => {
          req.log.error({ err: e }, 'service export failed');
          out.destroy(e);
        });
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachment(`志愿服务记录-${todayChina()}.xlsx`))
          .send(out);
      },
    );

    app.get('/volunteers/service/template.xlsx', { schema: { response: { 200: binary(XLSX_TYPE, '志愿服务记录导入模板 .xlsx') } } }, async (req, reply) => {
      authorize(actorOf(req), 'volunteer.manage');
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment('志愿服务记录导入模板.xlsx'))
        .send(await serviceTemplate());
    });

    app.post('/volunteers/service/import', { schema: { response: { 201: serviceImport } } }, async (req, reply) => {
      const actor = actorOf(req);
      authorize(actor, 'volunteer.manage');
      const { buf } = await readUpload(req, XLSX_UPLOAD);
      return reply.status(201).send(await importService(db, actor, buf));
    });

    app.get('/volunteers/service/:id', { schema: { params: z.object({ id }), response: { 200: serviceItem } } }, async (req) =>
      records.get(db, actorOf(req), req.params.id),
    );

    app.post('/volunteers/service/:id/confirm', { schema: { params: z.object({ id }), response: { 200: serviceItem } } }, async (req) =>
      records.decide(db, actorOf(req), req.params.id, 'confirmed', null),
    );

    app.post(
      '/volunteers/service/:id/reject',
      { schema: { params: z.object({ id }), body: z.object({ reason: text(200).min(2, '请填写不予确认的原因') }), response: { 200: serviceItem } } },
      async (req) => records.decide(db, actorOf(req), req.params.id, 'rejected', req.body.reason),
    );

    app.post(
      '/volunteers/service/:id/correct',
      {
        schema: {
          params: z.object({ id }),
          body: span.extend({ reason: text(200).min(2, '请填写更正原因（至少 2 个字）') }),
          response: { 200: serviceItem },
        },
      },
      async (req) => records.correct(db, actorOf(req), req.params.id, req.body),
    );

    // ---- sign-up and check-in (the phone), the organiser's code and roster ----

    app.get('/volunteers/me', { schema: { response: { 200: myVolunteer } } }, async (req) => checkins.me(db, actorOf(req)));

    app.post('/volunteers/me/signups', { schema: { body: z.object({ activityId: bodyId }), response: { 200: myVolunteer } } }, async (req) =>
      checkins.signUp(db, actorOf(req), req.body.activityId),
    );

    app.delete('/volunteers/me/signups/:activityId', { schema: { params: z.object({ activityId: id }), response: { 200: myVolunteer } } }, async (req) =>
      checkins.withdraw(db, actorOf(req), req.params.activityId),
    );

    app.post(
      '/volunteers/checkin',
      {
        schema: {
          body: z.object({
            activityId: bodyId,
            code: z.string('应为 6 位数字').regex(CHECKIN_CODE_RE, '签到码应为 6 位数字'),
            direction: z.enum(['in', 'out'], 'direction 应为 in（签到）或 out（签退）'),
          }),
          response: { 200: checkinResult },
        },
      },
      async (req) => checkins.checkin(db, actorOf(req), req.body),
    );

    app.post(
      '/volunteers/activities/:activityId/code',
      { schema: { params: z.object({ activityId: id }), body: z.object({ startsAt: isoInstant, endsAt: isoInstant }), response: { 200: checkinCode } } },
      async (req) => checkins.openCode(db, actorOf(req), req.params.activityId, req.body),
    );

    app.get('/volunteers/activities/:activityId/roster', { schema: { params: z.object({ activityId: id }), response: { 200: activityRoster } } }, async (req) =>
      checkins.roster(db, actorOf(req), req.params.activityId),
    );

    // ---- one volunteer ----

    app.get('/volunteers/:id', { schema: { params: z.object({ id }), response: { 200: volunteerDetail } } }, async (req) =>
      members.get(db, actorOf(req), req.params.id),
    );

    app.put('/volunteers/:id', { schema: { params: z.object({ id }), body: profile.extend({ version }), response: { 200: volunteerDetail } } }, async (req) => {
      const { version, ...input } = req.body;
      return members.update(db, actorOf(req), req.params.id, version, input);
    });

    app.post(
      '/volunteers/:id/teams',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({ teamId: bodyId, role: z.enum(MEMBER_ROLES).optional(), joinedOn: isoDate.optional() }),
          response: { 200: volunteerDetail },
        },
      },
      async (req) => members.joinTeam(db, actorOf(req), req.params.id, req.body),
    );

    app.post(
      '/volunteers/:id/teams/:teamId/leave',
      { schema: { params: z.object({ id, teamId: id }), body: z.object({ leftOn: isoDate.optional() }), response: { 200: volunteerDetail } } },
      async (req) => members.leaveTeam(db, actorOf(req), req.params.id, req.params.teamId, req.body.leftOn),
    );

    app.post(
      '/volunteers/:id/account',
      { schema: { params: z.object({ id }), body: z.object({ teamId: bodyId }), response: { 200: accountGiven } } },
      async (req) => members.giveAccount(db, actorOf(req), req.params.id, req.body.teamId),
    );

    app.get('/volunteers/:id/certificate', { schema: { params: z.object({ id }), querystring: period, response: { 200: certificate } } }, async (req) =>
      docs.certificate(db, actorOf(req), req.params.id, req.query),
    );

    app.get(
      '/volunteers/:id/certificate.docx',
      { schema: { params: z.object({ id }), querystring: period, response: { 200: binary(DOCX_TYPE, '志愿服务记录证明 .docx') } } },
      async (req, reply) => {
        const f = await docs.certificateDocx(db, actorOf(req), req.params.id, req.query);
        return reply.header('content-type', DOCX_TYPE).header('content-disposition', attachment(f.name)).send(f.buf);
      },
    );
  };
}
