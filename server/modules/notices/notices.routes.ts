// HTTP contract of notices: issued (compose → submit → approve/reject →
// publish), received (entry and .xlsx import), progress, and the documents.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf, authorize, requireAuth } from '../../platform/session.ts';
import { ISSUED_KINDS, NOTICE_ACTIONS, RECEIVED_KINDS } from '../../../domain/notices/vocab.ts';
import { SOURCES } from '../../../domain/problems/vocab.ts';
import { problemScope } from '../problems/index.ts';
import { scopeSql } from '../problems/index.ts';
import { DOCX_TYPE } from './docx.ts';
import { feedbackDocx, noticeDocx } from './documents.ts';
import { importXlsx, record } from './received.ts';
import * as svc from './notices.service.ts';
import * as repo from './notices.repository.ts';
import { id as bodyId, idParam as id, isoDate, ref, text, version } from '../../../domain/input.ts';
import { readUpload } from '../../platform/uploads.ts';
import { XLSX_UPLOAD } from '../../platform/xlsx.ts';
import { binary } from '../../../domain/api/common.ts';
import { NOTICE_PAGE_MAX, notice, noticeCandidates, noticeList } from '../../../domain/api/notices.ts';
import { cursorParam, limitParam } from '../../platform/cursor.ts';

const composeBody = z.object({
  kind: z.enum(ISSUED_KINDS, '请选择通报类型'),
  title: text(100, '标题最多 100 个字').min(4, '请填写标题'),
  issuer: text(50).nullish(),
  issueDate: isoDate,
  dueDate: isoDate.nullish(),
  intro: text(2000).nullish(),
  problemIds: z.array(bodyId).min(1, '请至少选择一个问题').max(200, '一期最多 200 个问题'),
});
const receivedMeta = z.object({
  kind: z.enum(RECEIVED_KINDS, '请选择通报类型'),
  docNumber: text(60).min(2, '请填写通报期号或文号'),
  title: text(100).min(2, '请填写标题'),
  issuer: text(50).min(2, '请填写发文单位'),
  issueDate: isoDate,
  dueDate: isoDate.nullish(),
});
/** One item of a county notice, entered by a town or issued by the county (county.routes.ts): a problem to be. */
export const countyItems = z
  .array(
    z.object({
      regionCode: z.string().regex(/^\d{12}(\d{3})?$/, '请选择社区'),
      categoryId: ref('请选择问题类别'),
      description: text(2000).min(2, '请描述问题'),
      address: text(200).nullish(),
      dueDate: isoDate.nullish(),
      // Unset: 社区整 even where the category is usually 随手整 (an item comes without before-and-after photos).
      tier: z.enum(['community', 'centralized'], '整改层级只能是社区整或集中整（随手整须现场拍整改前后照片）').nullish(),
    }),
  )
  .min(1, '请至少录入一个问题')
  .max(500, '一份通报最多 500 个问题');
const receivedBody = receivedMeta.extend({ items: countyItems });

const sendDocx = (reply: any, d: { buf: Buffer; filename: string }) =>
  reply
    .header('content-type', DOCX_TYPE)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(d.filename)}`)
    .send(d.buf);

export function noticeRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    app.get(
      '/notices',
      {
        schema: {
          querystring: z.object({
            direction: z.enum(['issued', 'received']).default('issued'),
            cursor: cursorParam.optional(),
            limit: limitParam(NOTICE_PAGE_MAX, 50),
          }),
          response: { 200: noticeList },
        },
      },
      async (req) => svc.list(db, actorOf(req), req.query),
    );

    // Problems a notice may be composed from (the period's problems, filtered).
    app.get(
      '/notices/candidates',
      {
        schema: {
          querystring: z.object({
            from: isoDate.optional(),
            to: isoDate.optional(),
            source: z.enum(SOURCES).optional(),
            regionCode: z
              .string()
              .regex(/^\d{9,15}$/)
              .optional(),
            q: text(50).optional(),
          }),
          response: { 200: noticeCandidates },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        authorize(actor, 'notice.draft');
        return { items: await repo.candidates(db, scopeSql(problemScope(actor)), req.query) };
      },
    );

    app.post('/notices', { schema: { body: composeBody, response: { 201: notice } } }, async (req, reply) => {
      const r = await svc.compose(db, actorOf(req), req.body);
      return reply.status(201).send(await svc.get(db, actorOf(req), r.id));
    });
    app.put('/notices/:id', { schema: { params: z.object({ id }), body: composeBody.extend({ version }), response: { 200: notice } } }, async (req) => {
      await svc.update(db, actorOf(req), req.params.id, req.body);
      return svc.get(db, actorOf(req), req.params.id);
    });
    app.get('/notices/:id', { schema: { params: z.object({ id }), response: { 200: notice } } }, async (req) => svc.get(db, actorOf(req), req.params.id));
    app.post(
      '/notices/:id/actions/:action',
      {
        schema: {
          params: z.object({ id, action: z.enum(NOTICE_ACTIONS) }),
          body: z.object({
            version,
            note: text(500).nullish(),
            confirmDeadlineChanges: z.boolean().optional().describe('发布：确认调整已派遣问题的整改期限（否则 409 CONFIRMATION_REQUIRED 列出变化）'),
          }),
          response: { 200: notice },
        },
      },
      async (req) => {
        await svc.act(db, actorOf(req), req.params.id, req.params.action, req.body);
        return svc.get(db, actorOf(req), req.params.id);
      },
    );
    app.get(
      '/notices/:id/document.docx',
      { schema: { params: z.object({ id }), response: { 200: binary(DOCX_TYPE, '通报正文 .docx（GB/T 9704 版式）') } } },
      async (req, reply) => sendDocx(reply, await noticeDocx(db, actorOf(req), req.params.id, config.storageDir)),
    );
    app.get(
      '/notices/:id/feedback.docx',
      { schema: { params: z.object({ id }), response: { 200: binary(DOCX_TYPE, '整改情况反馈 .docx') } } },
      async (req, reply) => sendDocx(reply, await feedbackDocx(db, actorOf(req), req.params.id, config.storageDir)),
    );

    app.post('/notices/received', { schema: { body: receivedBody, response: { 201: notice } } }, async (req, reply) => {
      const r = await record(db, actorOf(req), req.body, config);
      return reply.status(201).send(await svc.get(db, actorOf(req), r.id));
    });
    // multipart: the .xlsx file plus the notice's fields (kind, docNumber, title, issuer, issueDate, dueDate).
    app.post('/notices/received/import', { schema: { response: { 201: notice } } }, async (req, reply) => {
      const actor = actorOf(req);
      const { buf, fields } = await readUpload(req, XLSX_UPLOAD);
      const meta = receivedMeta.safeParse({ ...fields, dueDate: fields.dueDate || null });
      if (!meta.success)
        throw new AppError(
          'VALIDATION_FAILED',
          undefined,
          meta.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        );
      const r = await importXlsx(db, actor, buf, meta.data, config);
      return reply.status(201).send(await svc.get(db, actor, r.id));
    });
  };
}
