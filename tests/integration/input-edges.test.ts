// Bad input at the edge: refused with 400 and a field message before any
// inner code runs (domain/input.ts), and staff routes answer 401 to an
// anonymous caller before they validate anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, COMMUNITY_A, login, openTown, TOWN } from '../helpers/town.ts';

let tdb: TestDb;
let app: FastifyInstance;
let office: ReturnType<typeof as>;

beforeAll(async () => {
  ({ tdb, app } = await openTown({ categories: true, calendar: true }));
  office = as(app, await login(app, 'office'));
});
afterAll(() => closeTown(app, tdb));

const fieldsOf = (res: { json(): any }) => (res.json().error.fields ?? []).map((f: { path: string }) => f.path);

describe('dates', () => {
  it('recompute of 9999-12-31 is refused at once (it used to loop for ever)', async () => {
    const res = await office.post('/api/assessment/recompute', { region: TOWN, date: '9999-12-31' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.fields).toEqual([{ path: 'body.date', message: '日期应在 2000-2100 年之间' }]);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('recompute of 2026-02-30 is refused, not silently March', async () => {
    const res = await office.post('/api/assessment/recompute', { region: TOWN, date: '2026-02-30' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].message).toBe('日期不存在，请检查月份和日期');
    const good = await office.post('/api/assessment/recompute', { region: TOWN, date: '2026-02-28' });
    expect(good.statusCode).toBe(200);
    expect(good.json().month).toBe('2026-02-01');
  });

  it('impossible dates in a query are refused too', async () => {
    for (const d of ['2026-13-45', '0000-00-00', '2026-02-30']) {
      const res = await office.get(`/api/problems?createdFrom=${d}`);
      expect(res.statusCode, d).toBe(400);
      expect(fieldsOf(res)).toEqual(['querystring.createdFrom']);
    }
    expect((await office.get('/api/inspections/compliance?regionCode=350821100&month=2026-13')).statusCode).toBe(400);
  });
});

describe('ids', () => {
  it('ids of 2^31 and above, floats and exponents are 400 in paths, queries and bodies', async () => {
    for (const url of [
      '/api/problems/2147483648',
      '/api/problems/1e3',
      '/api/problems/1.5',
      '/api/units/99999999999999999999',
      '/api/problems?unitId=2147483648',
      '/api/problems?categoryId=1,2147483648',
    ]) {
      const res = await office.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    const res = await office.post('/api/problems', { source: 'patrol', categoryId: 2147483648, description: '巷口乱堆放', regionCode: COMMUNITY_A });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.categoryId']);
    const patch = await office.patch('/api/units/1', { version: 2 ** 31 });
    expect(patch.statusCode).toBe(400);
    expect(fieldsOf(patch)).toEqual(['body.version']);
  });
  it('the largest int32 is a valid id that simply does not exist', async () => {
    expect((await office.get('/api/problems/2147483647')).statusCode).toBe(404);
  });
});

describe('text', () => {
  it('NUL and lone surrogates are refused with the field named; nothing is written', async () => {
    for (const name of ['街\u0000巷', '街\uD800巷', '\uDC00街巷']) {
      const res = await office.post('/api/places', { kind: 'street', regionCode: COMMUNITY_A, name });
      expect(res.statusCode, JSON.stringify(name)).toBe(400);
      expect(fieldsOf(res)).toEqual(['body.name']);
    }
    const places = (await office.get('/api/places?q=' + encodeURIComponent('街'))).json();
    expect(places.items ?? places).toEqual([]);
  });
  it('a 1 MB string is refused as too long', async () => {
    const res = await office.post('/api/places', { kind: 'street', regionCode: COMMUNITY_A, name: 'x'.repeat(1_000_000) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toEqual({ path: 'body.name', message: '名称最多 100 个字' });
  });
  it('a forged list cursor is a 400, not a database error', async () => {
    const forged = Buffer.from(JSON.stringify(['created', 'not a time\u0000', 1])).toString('base64url');
    const res = await office.get(`/api/problems?cursor=${forged}`);
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['querystring.cursor']);
    const huge = Buffer.from(JSON.stringify(['created', '2026-05-01 08:00:00+08', 1e300])).toString('base64url');
    expect((await office.get(`/api/problems?cursor=${huge}`)).statusCode).toBe(400);
  });
});

describe('authentication before validation', () => {
  it('an anonymous caller gets 401 from a staff route, whatever the body, and learns no field names', async () => {
    for (const [method, url, payload] of [
      ['POST', '/api/problems', { categoryId: 'x' }],
      ['POST', '/api/assessment/recompute', { date: '9999-12-31' }],
      ['GET', '/api/problems/2147483648', undefined],
      ['PATCH', '/api/units/abc', '{not json'],
    ] as const) {
      const res = await app.inject({
        method,
        url,
        payload: payload as any,
        headers: typeof payload === 'string' ? { 'content-type': 'application/json' } : {},
      });
      expect(res.statusCode, url).toBe(401);
      expect(res.json()).toEqual({ error: { code: 'AUTH_REQUIRED', message: '请先登录' } });
    }
  });
  it('public routes still validate for anonymous callers', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: '', password: 'x' } });
    expect(login.statusCode).toBe(400);
    const track = await app.inject({ method: 'GET', url: '/api/public/reports/bad!code' });
    expect(track.statusCode).toBe(400);
  });
});
