// HTTP contract of the file store: POST /api/files (one document, multipart)
// and GET /api/files/:id (the download, for those who may see a record holding it).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { readUpload } from '../../platform/uploads.ts';
import { documentTooLarge } from '../../platform/documents.ts';
import { notFound } from '../../platform/errors.ts';
import { idParam as id } from '../../../domain/input.ts';
import { binary } from '../../../domain/api/common.ts';
import { storedDocument } from '../../../domain/api/files.ts';
import * as svc from './files.service.ts';

export function fileRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRequest', requireAuth);

    // One document per request; it is the uploader's until a record (a meeting …) names it.
    app.post('/files', { config: { rateLimit: { max: 60, timeWindow: '1 minute' } }, schema: { response: { 201: storedDocument } } }, async (req, reply) => {
      const { buf, filename } = await readUpload(req, {
        maxBytes: config.documentMaxBytes,
        missing: '请选择要上传的文件（PDF、Word .docx 或 Excel .xlsx）',
        tooLarge: (name) => documentTooLarge(name, config.documentMaxBytes),
      });
      return reply.status(201).send(await svc.uploadDocument(db, config.storageDir, config.documentMaxBytes, actorOf(req), buf, filename));
    });

    app.get(
      '/files/:id',
      { schema: { params: z.object({ id }), response: { 200: binary('application/octet-stream', '文件（PDF、.docx、.xlsx），按原文件名下载') } } },
      async (req, reply) => {
        const f = await svc.openDocument(db, actorOf(req), req.params.id);
        const file = path.join(config.storageDir, f.path);
        if (!fs.existsSync(file)) throw notFound('文件已丢失，请联系管理员');
        reply
          .header('content-type', f.mime)
          .header('cache-control', 'private, max-age=86400')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`);
        return reply.send(fs.createReadStream(file));
      },
    );
  };
}
