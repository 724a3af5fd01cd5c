// HTTP contract of the problem loop: intake, photos, reading, the workflow
// actions and deadline extensions.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';
import { notFound } from '../../platform/errors.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { USER_PROBLEM_ACTIONS } from '../../../domain/problems/workflow.ts';
import { REJECT_REASONS, SOURCES, TIERS } from '../../../domain/problems/vocab.ts';
import { PHOTO_UPLOAD } from '../../platform/photos.ts';
import * as svc from './problems.service.ts';
import { transition } from './transition.ts';
import { decideExtension, requestExtension } from './extensions.ts';
import * as repo from './problems.photos.repository.ts';
import { inspectionPhotoVisible } from '../inspections/index.ts';
import { photoLinkedVisible } from '../files/index.ts';
import { id as bodyId, idParam as id, isoDate, rawText, ref, text, version } from '../../../domain/input.ts';
import { readUpload } from '../../platform/uploads.ts';
import { binary } from '../../../domain/api/common.ts';
import { problem, problemCounts, problemCreated, uploadedPhoto } from '../../../domain/api/problems.ts';

const photoIds = z.array(bodyId).max(20, '最多 20 张照片');

const createBody = z.object({
  source: z.enum(SOURCES, '请选择问题来源'),
  sourceRef: text(100, '来源编号最多 100 个字').nullish(),
  categoryId: ref('请选择问题类别'),
  tier: z.enum(TIERS, '请选择整改层级').nullish(),
  description: text(2000, '问题描述最多 2000 个字').min(2, '请描述问题（至少 2 个字）'),
  lat: z.number().min(-90).max(90).nullish(),
  lng: z.number().min(-180).max(180).nullish(),
  address: text(200, '地址最多 200 个字').nullish(),
  regionCode: z
    .string()
    .regex(/^\d{12}(\d{3})?$/, '请选择社区或网格')
    .nullish(),
  placeId: bodyId.nullish(),
  beforePhotoIds: photoIds.optional(),
  afterPhotoIds: photoIds.optional(),
  then: z.enum(['file', 'dispatch']).nullish(),
  unitId: bodyId.nullish(),
  dueDate: isoDate.nullish(),
  idempotencyKey: rawText(100).min(8).nullish(),
});

const actionBody = z.object({
  version,
  note: text(2000, '说明最多 2000 个字').nullish(),
  reason: z.enum(REJECT_REASONS, '请选择不予立案的原因').nullish(),
  unitId: bodyId.nullish(),
  dueDate: isoDate.nullish(),
  targetId: bodyId.nullish(),
  photoIds: photoIds.optional(),
});

export function problemRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    // One photo per request: a bad file fails alone; the form and the other photos are kept.
    app.post('/photos', { config: { rateLimit: { max: 120, timeWindow: '1 minute' } }, schema: { response: { 201: uploadedPhoto } } }, async (req, reply) => {
      const actor = actorOf(req);
      const { buf, filename } = await readUpload(req, PHOTO_UPLOAD);
      return reply.status(201).send(await svc.uploadPhoto(db, config.storageDir, actor, buf, filename));
    });

    app.get(
      '/photos/:id',
      {
        schema: {
          params: z.object({ id }),
          querystring: z.object({ thumb: z.string().max(10).optional() }),
          response: { 200: binary('image/jpeg', '照片（thumb=1 为缩略图）') },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const ph = await repo.photoFile(db, req.params.id);
        if (!ph) throw notFound('照片不存在');
        if (ph.problem_id)
          await svc.get(db, actor, ph.problem_id); // 404 unless the problem is visible
        // An inspection's grade photo: visible to whoever may read that inspection.
        // A meeting's or another record's photo (file_links): visible to whoever may see that record.
        else if (ph.uploaded_by !== actor.personId && !(await inspectionPhotoVisible(db, actor, ph.id)) && !(await photoLinkedVisible(db, actor, ph.id)))
          throw notFound('照片不存在');
        const file = path.join(config.storageDir, req.query.thumb ? ph.thumb_path : ph.path);
        if (!fs.existsSync(file)) throw notFound('照片文件已丢失');
        reply.header('content-type', 'image/jpeg').header('cache-control', 'private, max-age=86400');
        return reply.send(fs.createReadStream(file));
      },
    );

    app.post('/problems', { schema: { body: createBody, response: { 201: problemCreated, 200: problemCreated } } }, async (req, reply) => {
      const key = (req.headers['idempotency-key'] as string | undefined) ?? req.body.idempotencyKey ?? null;
      // `Prefer: return=minimal` (RFC 7240) answers {id, state, version, url} instead of the whole problem.
      const minimal = /return=minimal/.test(String(req.headers.prefer ?? ''));
      const r = await svc.create(db, actorOf(req), { ...req.body, idempotencyKey: key }, config, minimal);
      return reply.status('replayed' in r ? 200 : 201).send(r);
    });

    // GET /problems (filters, search, keyset pages) lives in views.routes.ts.

    app.get('/problems/counts', { schema: { response: { 200: problemCounts } } }, async (req) => svc.counts(db, actorOf(req)));

    app.get('/problems/:id', { schema: { params: z.object({ id }), response: { 200: problem } } }, async (req) => svc.get(db, actorOf(req), req.params.id));

    app.post(
      '/problems/:id/actions/:action',
      { schema: { params: z.object({ id, action: z.enum(USER_PROBLEM_ACTIONS, '未知的操作') }), body: actionBody, response: { 200: problem } } },
      async (req) => {
        const actor = actorOf(req);
        await transition(db, actor, req.params.id, req.params.action, req.body);
        return svc.get(db, actor, req.params.id);
      },
    );

    app.post(
      '/problems/:id/extensions',
      {
        schema: {
          params: z.object({ id }),
          body: z.object({
            days: z.number().int().min(1, '至少延期 1 个工作日').max(60, '一次最多延期 60 个工作日'),
            reason: text(1000).min(2, '请说明延期理由'),
          }),
          response: { 201: problem },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        await requestExtension(db, actor, req.params.id, req.body.days, req.body.reason);
        return reply.status(201).send(await svc.get(db, actor, req.params.id));
      },
    );

    app.post(
      '/problems/:id/extensions/:requestId/decision',
      {
        schema: {
          params: z.object({ id, requestId: id }),
          body: z.object({
            approve: z.boolean(),
            note: text(1000).nullish(),
          }),
          response: { 200: problem },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        await decideExtension(db, actor, req.params.id, req.params.requestId, req.body.approve, req.body.note ?? null);
        return svc.get(db, actor, req.params.id);
      },
    );
  };
}
