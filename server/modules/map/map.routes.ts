// HTTP contract of the maps' configuration (domain/api/map.ts): the base
// layer (set by map.manage; read publicly, the resident page draws it too),
// the local .pmtiles archive with byte ranges, imported boundaries, and the
// resident page's public community list (public reads rate-limited per IP).
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import type { Config } from '../../platform/config.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { binary, noContent } from '../../../domain/api/common.ts';
import { baseLayer, baseLayerSetting, boundaries, boundary, boundaryImport, mapSettings, PMTILES_NAME, publicCommunities } from '../../../domain/api/map.ts';
import * as layer from './base-layer.ts';
import * as bounds from './boundaries.ts';
import { sendPmtiles } from './pmtiles.ts';

const regionCode = z.string().regex(/^\d{9}(\d{3})?$/, '应为乡镇（9 位）或社区（12 位）代码');

export function mapRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  const dataDir = config.dataDir;
  return async (app) => {
    // The CSP's tile hosts come from the stored setting, now and after each save.
    // A database down at start must not stop the server: the public base-layer
    // read (every map asks it) tries again until one refresh succeeds.
    app.mapTiles.use(() => layer.tileUrls(db, dataDir));
    await refreshTiles(app);
    app.addHook('onRequest', requireAuth);

    app.get('/map/settings', { schema: { response: { 200: mapSettings } } }, async (req) => layer.readSettings(db, actorOf(req), dataDir));

    app.put('/map/settings', { schema: { body: baseLayerSetting, response: { 200: mapSettings } } }, async (req) => {
      const r = await layer.saveSettings(db, actorOf(req), dataDir, req.body);
      await app.mapTiles.refresh();
      return r;
    });

    app.get('/map/boundaries', { schema: { response: { 200: boundaries } } }, async (req) => bounds.listBoundaries(db, actorOf(req)));

    app.put(
      '/map/boundaries/:code',
      { bodyLimit: 1024 * 1024, schema: { params: z.object({ code: regionCode }), body: boundaryImport, response: { 200: boundary } } },
      async (req) => bounds.importBoundary(db, actorOf(req), req.params.code, req.body.geojson),
    );

    app.delete('/map/boundaries/:code', { schema: { params: z.object({ code: regionCode }), response: { 204: noContent } } }, async (req, reply) => {
      await bounds.deleteBoundary(db, actorOf(req), req.params.code);
      return reply.status(204).send(null);
    });
  };
}

async function refreshTiles(app: FastifyInstance) {
  try {
    await app.mapTiles.refresh();
  } catch (err) {
    app.log.warn({ err }, '地图底图设置暂时无法读取，内容安全策略暂不含瓦片主机');
  }
}

const limited = () => new AppError('RATE_LIMITED', '请求过于频繁，请 1 分钟后再试');

/** Public: the resident page's map reads the base layer too (a tile key is in every tile URL a browser loads anyway). */
export function mapPublicRoutes(db: Db, config: Config): FastifyPluginAsyncZod {
  const dataDir = config.dataDir;
  return async (app) => {
    app.get(
      '/base-layer',
      { config: { rateLimit: { max: 120, timeWindow: '1 minute', errorResponseBuilder: limited } }, schema: { response: { 200: baseLayer } } },
      async () => {
        if (!app.mapTiles.read) await refreshTiles(app);
        return layer.effective(dataDir, await layer.storedSetting(db));
      },
    );

    app.get(
      '/pmtiles/:file',
      {
        config: { rateLimit: { max: 3000, timeWindow: '1 minute', errorResponseBuilder: limited } },
        schema: {
          params: z.object({ file: z.string().regex(PMTILES_NAME, '文件名不正确') }),
          response: { 200: binary('application/octet-stream', 'PMTiles 文件（整个）'), 206: binary('application/octet-stream', 'PMTiles 文件的一段（Range）') },
        },
      },
      async (req, reply) => {
        const s = await layer.storedSetting(db);
        // Only the archive the setting names: DATA_DIR holds other files.
        if (s.kind !== 'pmtiles' || s.file !== req.params.file) throw notFound('底图文件不存在');
        return sendPmtiles(req, reply, dataDir, req.params.file);
      },
    );

    app.get(
      '/communities',
      {
        schema: { response: { 200: publicCommunities } },
        config: { rateLimit: { max: 120, timeWindow: '1 minute', errorResponseBuilder: limited } },
      },
      async () => bounds.publicCommunities(db),
    );
  };
}
