// The 大屏's server-sent events (GET /api/screen/stream): one connection per
// display pushes what the three polled reads answer — the region's summary and
// map when they changed, the feed's new events — as soon as the region's kept
// answers move (checked every few seconds; every display of a region reads the
// same kept answers, shared.ts), with a comment every 15 s so a dead
// connection shows. A display token is checked again on every tick: revoked,
// the stream says so (event `refused`) and ends. Each stream ends after a few
// minutes and the client connects again (a signed-in viewer's session is
// checked again then); on shutdown every stream ends at once, and the screen
// polls until the server is back and its stream opens again.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { feed, mapBody, summaryJson, type Viewer } from './screen.service.ts';

const TICK_MS = 3_000;
const PING_MS = 15_000;
/** A stream lasts this long, then the client connects again (and is authenticated again). */
const STREAM_MS = 5 * 60_000;
/** The client waits this long before connecting again after a stream ends. */
const RETRY_MS = 2_000;

export const acceptsEventStream = (accept: string | undefined) => !!accept && /(^|,)\s*text\/event-stream\b/i.test(accept);

export interface StreamOptions {
  after: number | undefined;
  /** Checked on every tick: throws (401) once the display's token is revoked. */
  recheck: () => Promise<unknown>;
}

/** Every open stream of this server, so a shutdown ends them at once. */
const open = new Set<() => void>();

export function endStreamsOnClose(app: FastifyInstance) {
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });
}

export function openStream(db: Db, req: FastifyRequest, reply: FastifyReply, v: Viewer, o: StreamOptions) {
  if (!acceptsEventStream(req.headers.accept)) throw new AppError('NOT_ACCEPTABLE');
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no', // nginx: pass each event on at once
    connection: 'keep-alive',
  });
  let ended = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = (s: string) => {
    if (!ended) res.write(s);
  };
  const send = (event: string, data: string) => write(`event: ${event}\ndata: ${data}\n\n`);
  const end = () => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    open.delete(end);
    res.end();
  };
  open.add(end);
  req.raw.on('close', end);
  res.on('error', end);

  const started = Date.now();
  let pinged = started;
  let last = { summary: '', map: '', feed: o.after ?? 0 };
  write(`retry: ${RETRY_MS}\n\n`);
  const tick = async () => {
    try {
      if (last.summary) await o.recheck();
      const [summary, { json: map }, events] = await Promise.all([summaryJson(db, v), mapBody(db, v), feed(db, v, last.feed)]);
      if (ended) return;
      if (summary !== last.summary) send('summary', summary);
      if (map !== last.map) send('map', map);
      if (events.items.length) send('feed', JSON.stringify(events));
      last = { summary, map, feed: events.lastId ?? last.feed };
      if (Date.now() - pinged >= PING_MS) {
        write(': ping\n\n');
        pinged = Date.now();
      }
      if (Date.now() - started >= STREAM_MS) return end();
    } catch (e) {
      // A revoked token (or a viewer gone): say so and stop; anything else (the database away): end, the client
      // connects again and meets the error as a status code, polling meanwhile.
      if (e instanceof AppError && e.status < 500) send('refused', JSON.stringify({ error: { code: e.code, message: e.message } }));
      return end();
    }
    if (!ended) timer = setTimeout(tick, TICK_MS);
  };
  void tick();
}
