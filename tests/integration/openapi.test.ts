// The API contract (issue 13): one OpenAPI 3.1 document generated from the
// routes' zod schemas, served at /api/openapi.json and readable at /api/docs;
// every operation declares a 2xx response schema; a response with a field its
// schema does not declare fails under test.
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, login, closeTown, openTown } from '../helpers/town.ts';
import { responseSerializer } from '../../server/platform/openapi.ts';
import { z } from 'zod';

let tdb: TestDb;
let app: FastifyInstance;

beforeAll(async () => {
  ({ tdb, app } = await openTown({ calendar: true }));
});
afterAll(() => closeTown(app, tdb));

describe('the OpenAPI document', () => {
  it('is served without a session as OpenAPI 3.1, with the routes and their schemas', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    // Compressed once at start for a client that accepts gzip: the same document, a fraction of the bytes.
    const gz = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip, br' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.rawPayload.length).toBeLessThan(r.rawPayload.length / 5);
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(doc);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('创城通 API');
    expect(doc.paths['/api/calendar'].get.responses['200'].content['application/json'].schema.properties.days.type).toBe('array');
    expect(Object.keys(doc.paths).length).toBeGreaterThan(100);
    // A download declares its media type; a list its cursor and page-size maximum.
    expect(Object.keys(doc.paths['/api/problems/export.xlsx'].get.responses['200'].content)).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(Object.keys(doc.paths['/api/photos/{id}'].get.responses['200'].content)).toEqual(['image/jpeg']);
    expect(doc.paths['/api/problems'].get.responses['200'].content['application/json'].schema.properties.nextCursor).toBeDefined();
  });

  it('has a readable docs page for developers', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
  });

  it('declares a 2xx response schema for every operation', () => {
    const missing = app.routeTable.filter((r) => !Object.keys((r.schema?.response as object | undefined) ?? {}).some((s) => /^2\d\d$/.test(s)));
    expect(app.routeTable.length).toBeGreaterThan(100);
    expect(missing.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('groups every operation under an area with a Chinese description', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const described = new Map<string, string>(doc.tags.map((t: { name: string; description: string }) => [t.name, t.description]));
    const ops = Object.entries(doc.paths as Record<string, Record<string, { tags?: string[] }>>).flatMap(([url, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ op: `${method.toUpperCase()} ${url}`, tags: op.tags ?? [] })),
    );
    expect(ops.length).toBeGreaterThan(100);
    expect(ops.filter((o) => o.tags.length === 0).map((o) => o.op)).toEqual([]);
    expect(ops.filter((o) => o.tags.some((t) => !described.has(t))).map((o) => o.op)).toEqual([]);
    for (const [name, description] of described) expect(description, name).toMatch(/[\u4e00-\u9fff]/);
    expect(ops.find((o) => o.op === 'GET /api/inspections/misses')!.tags).toEqual(['巡查']);
    expect(ops.find((o) => o.op === 'POST /api/public/reports')!.tags).toEqual(['公众']);
  });

  it('refers only to components it defines (a recursive schema such as the region tree is a component)', async () => {
    const body = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).body;
    const doc = JSON.parse(body);
    const refs = [...new Set([...body.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]))];
    expect(refs).toContain('RegionTreeNode');
    expect(refs.filter((r) => !doc.components?.schemas?.[r])).toEqual([]);
  });

  it('documents the Excel downloads by their content type', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    expect(Object.keys(doc.paths['/api/people/import-template'].get.responses['200'].content)).toEqual([xlsx]);
    expect(Object.keys(doc.paths['/api/assessment/why.xlsx'].get.responses['200'].content)).toEqual([xlsx]);
  });

  it('documents the maximum page size of a keyset list', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const limit = doc.paths['/api/notifications'].get.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit.description ?? limit.schema.description).toMatch(/最多 100/);
    expect(doc.paths['/api/notifications'].get.responses['200'].content['application/json'].schema.properties.nextCursor).toBeDefined();
  });
});

describe('responses against their schemas', () => {
  it('a real response matches its schema (the calendar)', async () => {
    const admin = as(app, await login(app, 'admin'));
    const r = await admin.get('/api/calendar?year=2026');
    expect(r.statusCode, r.body).toBe(200);
  });

  it('the regions and health answers match their schemas (tree, detail, a grid added, renamed and removed)', async () => {
    const office = as(app, await login(app, 'office'));
    for (const url of ['/api/regions/tree', `/api/regions/${COMMUNITY_A}`, '/api/health', '/api/me', '/api/webhooks/events']) {
      const r = await office.get(url);
      expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
    }
    const grid = await office.post(`/api/regions/${COMMUNITY_A}/grids`, { name: '第九网格', seq: 9 });
    expect(grid.statusCode, grid.body).toBe(201);
    const renamed = await office.patch(`/api/regions/${grid.json().code}`, { name: '第九网格（新）', version: grid.json().version });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await office.del(`/api/regions/${grid.json().code}`)).statusCode).toBe(204);
  });

  it('under test, a field the schema does not declare is an error, not a silent truncation', () => {
    const serialize = responseSerializer()({ schema: z.object({ a: z.number() }), method: 'GET', url: '/x', httpStatus: '200' } as never);
    expect(serialize({ a: 1 })).toBe('{"a":1}');
    expect(() => serialize({ a: 1, secret: 'x' })).toThrow(/does not declare/);
    expect(() => serialize({ a: 'not a number' })).toThrow();
  });
});
