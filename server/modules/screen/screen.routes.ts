// HTTP contract of the 大屏: the display tokens (screen.tokens: an office
// creates, lists and revokes those of its regions; the token is answered once)
// and the screen's three reads, each answered to a wall display's token
// (X-Display-Token header: read-only, its own region) or to a signed-in
// person with screen.view. No cookie is ever set for a display.
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/pool.ts';
import { actorOf, requireAuth } from '../../platform/session.ts';
import { AppError } from '../../platform/errors.ts';
import { sendKept } from '../../platform/kept-body.ts';
import { cursorParam, decodeCursor, encodeCursor, limitParam, positiveId } from '../../platform/cursor.ts';
import {
  DISPLAY_TOKEN_HEADER,
  displayToken,
  displayTokenCreated,
  displayTokenPage,
  feedQuery,
  notModified,
  SCREEN_TOKEN_PAGE_MAX,
  screenFeed,
  screenMap,
  screenQuery,
  screenSummary,
  tokenCreate,
  tokenIdParams,
} from '../../../domain/api/screen.ts';
import * as service from './screen.service.ts';
import { endStreamsOnClose, openStream } from './stream.ts';
import { binary } from '../../../domain/api/common.ts';

const tokenListQuery = z.object({ cursor: cursorParam.optional(), limit: limitParam(SCREEN_TOKEN_PAGE_MAX, 50) });
const isKey = (k: unknown[]): k is [number] => k.length === 1 && positiveId(k[0]);

export function screenRoutes(db: Db): FastifyPluginAsyncZod {
  return async (app) => {
    // The screen's reads: a display token, else a session; either is settled before the query is validated
    // (onRequest), so an anonymous caller or a revoked token gets 401, never a 400 naming the fields.
    const displays = new WeakMap<object, service.Display>();
    const screenAuth = async (req: FastifyRequest) => {
      const h = req.headers[DISPLAY_TOKEN_HEADER];
      if (typeof h === 'string' && h.length > 0) {
        if (h.length > 100) throw new AppError('AUTH_REQUIRED', '大屏令牌无效或已被撤销，请向创城办重新获取大屏地址');
        displays.set(req, await service.displayOf(db, h));
      } else if (!req.actor) throw new AppError('AUTH_REQUIRED');
    };
    const viewer = (req: FastifyRequest, region: string | undefined) => service.viewerOf(db, displays.get(req) ?? null, req.actor, region);
    const open = { onRequest: screenAuth };
    // The summary and map are sent as kept JSON (checked against these schemas when computed, not per read); the map, the
    // largest read, as kept bytes (gzipped when the display accepts it, 304 when it holds this version: kept-body.ts).
    const json = (reply: FastifyReply, body: string) => reply.type('application/json; charset=utf-8').send(body);
    app.get('/screen/summary', { ...open, schema: { querystring: screenQuery, response: { 200: screenSummary } } }, async (req, reply) =>
      json(reply, await service.summaryJson(db, await viewer(req, req.query.region))),
    );
    app.get('/screen/map', { ...open, schema: { querystring: screenQuery, response: { 200: screenMap, 304: notModified } } }, async (req, reply) =>
      sendKept(req, reply, await service.mapBody(db, await viewer(req, req.query.region))),
    );
    // Server-sent events: the three reads pushed as they change (stream.ts); the screen polls when it is down.
    endStreamsOnClose(app);
    app.get(
      '/screen/stream',
      {
        ...open,
        schema: {
          querystring: feedQuery,
          response: { 200: binary('text/event-stream', '事件流：summary、map、feed（内容同三个读取接口），refused（令牌已撤销）；约每 15 秒一次注释保活') },
        },
      },
      async (req, reply) => {
        const v = await viewer(req, req.query.region);
        const token = displays.has(req) ? String(req.headers[DISPLAY_TOKEN_HEADER]) : null;
        openStream(db, req, reply, v, { after: req.query.after, recheck: async () => token && (await service.displayOf(db, token)) });
        return reply;
      },
    );
    app.get('/screen/feed', { ...open, schema: { querystring: feedQuery, response: { 200: screenFeed } } }, async (req) =>
      service.feed(db, await viewer(req, req.query.region), req.query.after),
    );

    const desk = { onRequest: requireAuth };
    app.get('/screen/tokens', { ...desk, schema: { querystring: tokenListQuery, response: { 200: displayTokenPage } } }, async (req) => {
      const before = req.query.cursor ? decodeCursor(req.query.cursor, isKey)[0] : null;
      const limit = req.query.limit ?? 50;
      const { rows, more } = await service.listTokens(db, actorOf(req), before, limit);
      return { items: rows, nextCursor: more ? encodeCursor([rows.at(-1)!.id]) : null };
    });
    app.post('/screen/tokens', { ...desk, schema: { body: tokenCreate, response: { 200: displayTokenCreated } } }, async (req) =>
      service.createToken(db, actorOf(req), req.body),
    );
    app.post('/screen/tokens/:id/revoke', { ...desk, schema: { params: tokenIdParams, response: { 200: displayToken } } }, async (req) =>
      service.revokeToken(db, actorOf(req), req.params.id),
    );
  };
}
