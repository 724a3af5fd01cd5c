// HTTP contract of 随手拍 (no account), under /api/public. Every write is
// rate-limited per IP; a report also per phone number (key from the body),
// each with a Chinese 429 (RATE_LIMITED) saying which limit and when to retry.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { PHOTO_UPLOAD } from '../../platform/photos.ts';
import { PHONE_RE } from '../../../domain/people.ts';
import * as svc from './resident.service.ts';
import { id as bodyId, idParam as id, ref, text } from '../../../domain/input.ts';
import { readUpload } from '../../platform/uploads.ts';
import { binary } from '../../../domain/api/common.ts';
import { publicCategories, publicDuplicates, publicFollowed, publicPhotoUpload, publicStatus, reportResult } from '../../../domain/api/resident.ts';

const code = z.string().regex(/^[A-Za-z0-9]{6,20}$/, '查询码格式不正确');

const reportBody = z.object({
  categoryId: ref('请选择问题类别'),
  description: text(500, '问题描述最多 500 个字').min(2, '请描述问题（至少 2 个字）'),
  lat: z.number().min(-90).max(90).nullish(),
  lng: z.number().min(-180).max(180).nullish(),
  regionCode: z
    .string()
    .regex(/^\d{12}(\d{3})?$/, '请选择社区')
    .nullish(),
  address: text(200, '地址最多 200 个字').nullish(),
  photoIds: z.array(bodyId).min(1, '请至少拍一张照片').max(9, '最多 9 张照片'),
  uploadKey: z.string().regex(svc.UPLOAD_KEY_RE, '上传凭证无效，请重新上传照片'),
  phone: z
    .string()
    .trim()
    .regex(PHONE_RE, '请填写 11 位手机号（可不填）')
    .nullish()
    .or(z.literal('').transform(() => null)),
  name: text(20, '称呼最多 20 个字').nullish(),
});

function idempotencyKeyOf(req: FastifyRequest): string | null {
  const k = req.headers['idempotency-key'];
  if (k === undefined) return null;
  if (typeof k !== 'string' || !/^[\x21-\x7e]{8,100}$/.test(k)) {
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'Idempotency-Key', message: '提交编号须为 8 到 100 个英文字母、数字或符号' }]);
  }
  return k;
}

const minutes = (s: number) => Math.max(1, Math.ceil(s / 60));
const limited = (message: string) => (_req: FastifyRequest, ctx: { ttl: number }) =>
  new AppError('RATE_LIMITED', message.replace('{m}', String(minutes(ctx.ttl / 1000))));

export function residentRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    const perIp = app.createRateLimit({ max: config.residentReportsPerIpHour, timeWindow: '1 hour', keyGenerator: (req) => `report-ip:${req.ip}` });
    const perPhone = app.createRateLimit({
      max: config.residentReportsPerPhoneDay,
      timeWindow: '1 day',
      keyGenerator: (req) => `report-phone:${(req.body as any)?.phone}`,
    });
    // Both limits on one request (the plugin's own hook runs only one limiter per request).
    // A retried submission (same Idempotency-Key and upload key) is not a new report: it is not counted.
    async function reportLimits(req: FastifyRequest<{ Body: z.infer<typeof reportBody> }>, reply: FastifyReply) {
      if (await svc.replayOf(db, idempotencyKeyOf(req), req.body.uploadKey)) return;
      const ip = await perIp(req);
      if (!ip.isAllowed && ip.isExceeded) {
        reply.header('retry-after', ip.ttlInSeconds);
        throw new AppError(
          'RATE_LIMITED',
          `提交过于频繁：同一网络每小时最多提交 ${config.residentReportsPerIpHour} 条随手拍，请 ${minutes(ip.ttlInSeconds)} 分钟后再试`,
        );
      }
      const phone = (req.body as any)?.phone;
      if (typeof phone === 'string' && phone) {
        const ph = await perPhone(req);
        if (!ph.isAllowed && ph.isExceeded) {
          reply.header('retry-after', ph.ttlInSeconds);
          throw new AppError('RATE_LIMITED', `同一手机号每天最多提交 ${config.residentReportsPerPhoneDay} 条随手拍，请明天再试；如情况紧急请拨打 12345`);
        }
      }
    }

    app.get('/categories', { schema: { response: { 200: publicCategories } } }, async () => svc.categories(db));

    // One photo per request. Send the uploadKey of the first answer (header x-upload-key) with the next photos.
    app.post(
      '/photos',
      {
        config: { rateLimit: { max: 60, timeWindow: '1 hour', errorResponseBuilder: limited('上传照片过于频繁，请 {m} 分钟后再试') } },
        schema: { response: { 201: publicPhotoUpload } },
      },
      async (req, reply) => {
        const { buf, filename } = await readUpload(req, PHOTO_UPLOAD);
        const key = (req.headers['x-upload-key'] as string | undefined) ?? null;
        return reply.status(201).send(await svc.uploadPublicPhoto(db, config.storageDir, buf, filename, key));
      },
    );

    // `Idempotency-Key` (8-100 visible ASCII characters): a retry answers the first report's tracking code (200).
    app.post('/reports', { schema: { body: reportBody, response: { 201: reportResult, 200: reportResult } }, preHandler: reportLimits }, async (req, reply) => {
      const { replayed, ...r } = await svc.report(db, config, req.body, idempotencyKeyOf(req));
      return reply.status(replayed ? 200 : 201).send(r);
    });

    app.get(
      '/reports/:code',
      {
        schema: { params: z.object({ code }), response: { 200: publicStatus } },
        config: { rateLimit: { max: 120, timeWindow: '1 minute', errorResponseBuilder: limited('查询过于频繁，请 {m} 分钟后再试') } },
      },
      async (req) => svc.status(db, req.params.code),
    );

    app.get(
      '/reports/:code/photos/:photoId',
      {
        schema: {
          params: z.object({ code, photoId: id }),
          querystring: z.object({ thumb: z.string().max(10).optional() }),
          response: { 200: binary('image/jpeg', '照片（thumb=1 为缩略图）') },
        },
      },
      async (req, reply) => {
        const ph = await svc.publicPhoto(db, req.params.code, req.params.photoId);
        if (!ph) throw notFound('照片不存在');
        const file = path.join(config.storageDir, req.query.thumb ? ph.thumb_path : ph.path);
        if (!fs.existsSync(file)) throw notFound('照片文件已丢失');
        reply.header('content-type', 'image/jpeg').header('cache-control', 'public, max-age=3600');
        return reply.send(fs.createReadStream(file));
      },
    );

    app.post(
      '/reports/:code/rating',
      {
        schema: {
          params: z.object({ code }),
          body: z.object({
            rating: z.enum(svc.RATINGS, '请选择 满意、基本满意 或 不满意'),
            comment: text(500, '评价最多 500 个字').nullish(),
          }),
          response: { 200: publicStatus },
        },
        config: { rateLimit: { max: 20, timeWindow: '1 hour', errorResponseBuilder: limited('操作过于频繁，请 {m} 分钟后再试') } },
      },
      async (req) => svc.rate(db, req.params.code, req.body.rating, req.body.comment?.trim() || null),
    );

    app.get(
      '/duplicates',
      {
        schema: {
          querystring: z.object({
            categoryId: id,
            lat: z.coerce.number().min(-90).max(90),
            lng: z.coerce.number().min(-180).max(180),
          }),
          response: { 200: publicDuplicates },
        },
        config: { rateLimit: { max: 120, timeWindow: '1 minute', errorResponseBuilder: limited('查询过于频繁，请 {m} 分钟后再试') } },
      },
      async (req) => svc.publicDuplicates(db, config, req.query),
    );

    app.post(
      '/reports/:code/follow',
      {
        schema: { params: z.object({ code }), body: z.object({ phone: z.string().regex(PHONE_RE, '请填写 11 位手机号') }), response: { 201: publicFollowed } },
        config: { rateLimit: { max: 20, timeWindow: '1 hour', errorResponseBuilder: limited('操作过于频繁，请 {m} 分钟后再试') } },
      },
      async (req, reply) => reply.status(201).send(await svc.publicFollow(db, req.params.code, req.body.phone)),
    );
  };
}
