// The console a person reads (issue 15): one line per request, when it is
// answered (not a second one on arrival), with method, path, status and time;
// a server error logged as an error; human-readable on a terminal, JSON
// otherwise; the start-up address framed so it is not lost among them.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/platform/config.ts';
import { banner, createLogger, logFormat } from '../../server/platform/logger.ts';

let tdb: TestDb;
let app: FastifyInstance;
const lines: any[] = [];

beforeAll(async () => {
  tdb = await createTestDb();
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l));
      done();
    },
  });
  const logger = createLogger('info', { stream });
  app = await buildApp({ db: tdb.db, config: { ...loadConfig({}, []), webDist: '/nonexistent' }, embedded: tdb.embedded, audit: tdb.audit, logger });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('request log', () => {
  it('writes one info line per request, when answered, with method, path, status and time', async () => {
    lines.length = 0;
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    const requests = lines.filter((l) => l.url);
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({
      level: 30,
      method: 'GET',
      url: '/api/health',
      status: 200,
      msg: expect.stringMatching(/^GET \/api\/health 200 \d+ms$/),
    });
    expect(requests[1]).toMatchObject({ level: 30, url: '/api/me', status: 401 });
    // Nothing else per request: no "incoming request" line before it.
    expect(lines.filter((l) => /incoming request|request completed/.test(l.msg))).toEqual([]);
  });

  it('is readable on a terminal and JSON in a pipe, unless LOG_FORMAT says; the start-up lines are framed on a terminal', () => {
    expect(logFormat(loadConfig({}, []).logFormat, true)).toBe('pretty');
    expect(logFormat(loadConfig({}, []).logFormat, false)).toBe('json');
    expect(logFormat(loadConfig({ LOG_FORMAT: 'json' }, []).logFormat, true)).toBe('json');
    expect(logFormat(loadConfig({ LOG_FORMAT: 'pretty' }, []).logFormat, false)).toBe('pretty');
    expect(banner(['创城通已启动：http://127.0.0.1:3000'], true)).toMatch(/━{20,}[\s\S]*创城通已启动：http:\/\/127\.0\.0\.1:3000[\s\S]*━{20,}/);
    expect(banner(['创城通已启动：http://127.0.0.1:3000'], false)).toBe('\n  创城通已启动：http://127.0.0.1:3000\n\n');
  });
});
