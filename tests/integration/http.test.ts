// Health, error shapes and unknown routes: what any client relies on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, login, closeTown, openTown } from '../helpers/town.ts';
import { buildApp } from '../../server/app.ts';
import { createDb, createPool } from '../../server/db/pool.ts';
import { loadConfig } from '../../server/platform/config.ts';

let tdb: TestDb;
let app: FastifyInstance;

beforeAll(async () => {
  ({ tdb, app } = await openTown());
});
afterAll(() => closeTown(app, tdb));

describe('health', () => {
  it('reports ok with the server version and whether the database is embedded', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.status).toBe('ok');
    expect(body.database.embedded).toBe(tdb.embedded);
    expect(body.database.version).toMatch(/^\d+(\.\d+)?/);
  });

  it('answers 503 with a reason when the database is unreachable', async () => {
    const pool = createPool('postgres://nobody:nothing@127.0.0.1:9/none', 1);
    const broken = await buildApp({ db: createDb(pool), config: { ...loadConfig({}, []), webDist: '/nonexistent' }, embedded: false, audit: tdb.audit });
    const r = await broken.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(503);
    expect(r.json().status).toBe('unavailable');
    expect(r.json().reason).toContain('数据库不可用');
    // The driver's message and the query stay in the server log.
    expect(r.body).not.toMatch(/SELECT|current_setting|ECONNREFUSED|127\.0\.0\.1|nobody/);
    await broken.close();
    await pool.end();
  });
});

describe('errors', () => {
  it('unknown API routes answer 404 JSON with a code', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: '接口不存在' } });
  });

  it('malformed JSON is a 400 with a code, not a 500 and no stack trace', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"login": ' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('BAD_REQUEST');
    expect(r.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('validation errors name each field in Chinese', async () => {
    const office = as(app, await login(app, 'office'));
    const r = await office.post('/api/units', { kind: 'nonsense', name: '', regionCode: 'abc' });
    expect(r.statusCode).toBe(400);
    const fields = Object.fromEntries(r.json().error.fields.map((f: any) => [f.path, f.message]));
    expect(fields).toMatchObject({ 'body.kind': '请选择单位类型', 'body.name': '单位名称不能为空', 'body.regionCode': '区划代码应为 6-15 位数字' });
  });

  it('a unit must sit at the level its kind requires', async () => {
    const office = as(app, await login(app, 'office'));
    const r = await office.post('/api/units', { kind: 'community_committee', name: '错位居委会', regionCode: '350821100' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields[0]).toMatchObject({ path: 'regionCode', message: '社区居委会应归属于社区' });
  });

  it('co-building units pair with several communities, and the pairing is listed', async () => {
    const office = as(app, await login(app, 'office'));
    const r = await office.post('/api/units', {
      kind: 'co_building',
      name: '长汀县财政局',
      regionCode: '350821100',
      communityCodes: ['350821100010', '350821100020'],
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().communities.map((c: any) => c.name)).toEqual(['水东街社区居民委员会', '东门街社区居民委员会']);
    const byCommunity = await office.get('/api/units?communityCode=350821100020');
    expect(byCommunity.json().items.map((u: any) => u.name)).toContain('长汀县财政局');
    const outside = await office.post('/api/units', { kind: 'co_building', name: '越界共建', regionCode: '350821100', communityCodes: ['350821101201'] });
    expect(outside.statusCode).toBe(400);
  });
});
