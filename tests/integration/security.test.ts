// Security headers on every kind of response, and the Origin check on
// cookie-authenticated writes (a page of another site riding a signed-in
// browser's session is refused; scripts and the resident API are not).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { closeTown, login, openTown, testApp, type Town } from '../helpers/town.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/platform/config.ts';
import { setSetting } from '../../server/platform/bootstrap.ts';
import { BASE_LAYER_SETTING } from '../../server/modules/map/index.ts';

let tdb: TestDb;
let town: Town;
let app: FastifyInstance;
let spa: FastifyInstance;
let proxied: FastifyInstance;
let webDist: string;
let cookie: string;

const TILES = 'https://t{s}.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=abc';

beforeAll(async () => {
  ({ tdb, town, app } = await openTown());
  // The built web app, as far as the server can tell: an index.html and a hashed asset.
  webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-websec-'));
  fs.mkdirSync(path.join(webDist, 'assets'));
  fs.writeFileSync(
    path.join(webDist, 'index.html'),
    '<!doctype html><title>创城通</title><div id="root"></div><script type="module" src="/assets/index-abc.js"></script>',
  );
  fs.writeFileSync(path.join(webDist, 'assets', 'index-abc.js'), 'console.log(1)');
  // The admin's base layer (system 配置 → 地图底图), stored before this app starts: it reads it at start.
  await setSetting(tdb.db, BASE_LAYER_SETTING, { kind: 'xyz', url: TILES, maxZoom: 18 });
  const config = { ...loadConfig({ COOKIE_SECURE: '1' }, []), webDist };
  spa = await buildApp({ db: tdb.db, config, embedded: tdb.embedded, audit: tdb.audit });
  await spa.ready();
  proxied = await testApp(tdb, { TRUST_PROXY: '1' });
  cookie = await login(app, 'office');
});
afterAll(async () => {
  await spa?.close();
  await proxied?.close();
  await closeTown(app, tdb);
  if (webDist) fs.rmSync(webDist, { recursive: true, force: true });
});

function csp(r: LightMyRequestResponse): Map<string, string[]> {
  const header = String(r.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

function expectSecurityHeaders(r: LightMyRequestResponse) {
  const p = csp(r);
  expect(p.get('default-src')).toEqual(["'self'"]);
  expect(p.get('script-src')).toEqual(["'self'"]); // no 'unsafe-inline', no 'unsafe-eval'
  expect(p.get('script-src-attr')).toEqual(["'none'"]);
  expect(p.get('frame-ancestors')).toEqual(["'none'"]);
  expect(p.get('object-src')).toEqual(["'none'"]);
  expect(p.get('img-src')).toEqual(expect.arrayContaining(["'self'", 'data:', 'blob:']));
  expect(r.headers['x-frame-options']).toBe('DENY');
  expect(r.headers['x-content-type-options']).toBe('nosniff');
  expect(r.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
}

describe('security headers', () => {
  it('are on an API answer, and without COOKIE_SECURE there is no HSTS', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expectSecurityHeaders(r);
    expect(r.headers['strict-transport-security']).toBeUndefined();
    expect(csp(r).has('upgrade-insecure-requests')).toBe(false);
  });

  it('are on error answers: unknown route, not signed in, bad input, refused origin', async () => {
    const answers = [
      await app.inject({ method: 'GET', url: '/api/no-such-thing' }),
      await app.inject({ method: 'GET', url: '/api/me' }),
      await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"login": ' }),
      await app.inject({ method: 'POST', url: '/api/units', headers: { cookie, origin: 'https://evil.example' }, payload: {} }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([404, 401, 400, 403]);
    for (const r of answers) expectSecurityHeaders(r);
  });

  it('are on the web app: index.html, a client-side route and a static file', async () => {
    for (const url of ['/', '/problems/12', '/assets/index-abc.js']) {
      const r = await spa.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(200);
      expectSecurityHeaders(r);
    }
    expect((await spa.inject({ method: 'GET', url: '/problems/12' })).body).toContain('<div id="root">');
  });

  it('let the map load tiles from the configured tile host, and send HSTS when the cookie is Secure', async () => {
    const r = await spa.inject({ method: 'GET', url: '/' });
    expect(csp(r).get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://*.tianditu.gov.cn']);
    expect(csp(r).has('upgrade-insecure-requests')).toBe(true);
    expect(r.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    // An app that read no tile setting lets no other host serve images.
    expect(csp(await app.inject({ method: 'GET', url: '/api/health' })).get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('follow the tile setting after a refresh, without a restart', async () => {
    const before = csp(await spa.inject({ method: 'GET', url: '/' })).get('img-src');
    expect(spa.mapTiles.hosts()).toEqual(['https://*.tianditu.gov.cn']);
    await spa.mapTiles.refresh();
    expect(csp(await spa.inject({ method: 'GET', url: '/' })).get('img-src')).toEqual(before);
  });
});

describe('Origin check on cookie-authenticated writes', () => {
  const unitsNamed = async (name: string) =>
    (await app.inject({ method: 'GET', url: `/api/units?q=${encodeURIComponent(name)}`, headers: { cookie } })).json().items.filter((u: any) => u.name === name)
      .length;
  const createUnit = (name: string, headers: Record<string, string>, on = app) =>
    on.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie, ...headers },
      payload: { kind: 'community_committee', name, regionCode: '350821100010' },
    });

  it('refuses a write from another site with 403 ORIGIN_MISMATCH and writes nothing', async () => {
    const r = await createUnit('跨站写入居委会', { origin: 'https://evil.example' });
    expect(r.statusCode).toBe(403);
    expect(r.json().error).toEqual({ code: 'ORIGIN_MISMATCH', message: '请求来自其他网站，已拒绝；请在本系统的页面中操作' });
    expect(await unitsNamed('跨站写入居委会')).toBe(0);
  });

  it('refuses a cross-site Referer when there is no Origin, and an opaque "null" origin', async () => {
    expect((await createUnit('跨站来源居委会', { referer: 'https://evil.example/page' })).statusCode).toBe(403);
    expect((await createUnit('跨站来源居委会', { origin: 'null' })).statusCode).toBe(403);
    // Another port of the same host is another origin.
    expect((await createUnit('跨站来源居委会', { origin: 'http://localhost:8080' })).statusCode).toBe(403);
    expect(await unitsNamed('跨站来源居委会')).toBe(0);
  });

  it('refuses PATCH and DELETE from another site too', async () => {
    const r = await app.inject({ method: 'DELETE', url: `/api/units/${town.units.committeeB}`, headers: { cookie, origin: 'https://evil.example' } });
    expect(r.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/units/${town.units.committeeB}`, headers: { cookie } })).statusCode).toBe(200);
    const p = await app.inject({
      method: 'PATCH',
      url: `/api/units/${town.units.committeeB}`,
      headers: { cookie, origin: 'https://evil.example' },
      payload: { name: '被改名', version: 1 },
    });
    expect(p.statusCode).toBe(403);
  });

  it('allows the site’s own pages (Origin or Referer of this host) and clients sending neither', async () => {
    // inject() addresses the server as localhost:80.
    expect((await createUnit('同源居委会一', { origin: 'http://localhost' })).statusCode).toBe(201);
    expect((await createUnit('同源居委会二', { referer: 'http://localhost/units' })).statusCode).toBe(201);
    expect((await createUnit('同源居委会三', {})).statusCode).toBe(201);
    expect((await createUnit('同源居委会四', { host: 'cc.example.gov.cn', origin: 'https://cc.example.gov.cn' })).statusCode).toBe(201);
    for (const n of ['同源居委会一', '同源居委会二', '同源居委会三', '同源居委会四']) expect(await unitsNamed(n)).toBe(1);
  });

  it('does not concern requests without the session cookie (sign-in, the resident API) nor reads', async () => {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { login: 'office', password: 'Test1234pw' },
    });
    expect(signIn.statusCode).toBe(200);
    const read = await app.inject({ method: 'GET', url: '/api/units', headers: { cookie, origin: 'https://evil.example' } });
    expect(read.statusCode).toBe(200);
  });

  it('honours X-Forwarded-Host/Proto only with TRUST_PROXY=1', async () => {
    const fwd = { host: '127.0.0.1:3000', 'x-forwarded-host': 'cc.example.gov.cn', 'x-forwarded-proto': 'https' };
    expect((await createUnit('代理后居委会', { ...fwd, origin: 'https://cc.example.gov.cn' }, proxied)).statusCode).toBe(201);
    expect((await createUnit('代理后居委会二', { ...fwd, origin: 'http://cc.example.gov.cn' }, proxied)).statusCode).toBe(403);
    // Not trusted: the forwarded host is the client's say-so, the Host header decides.
    expect((await createUnit('代理后居委会二', { ...fwd, origin: 'https://cc.example.gov.cn' })).statusCode).toBe(403);
    expect(await unitsNamed('代理后居委会二')).toBe(0);
  });
});
