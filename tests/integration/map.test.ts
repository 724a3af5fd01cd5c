// The map on real PostgreSQL: problems without their own coordinates drawn
// at their place's (read-time fallback, stored rows untouched); the base
// layer set at run time by the admin (checked, refused with the reason, the
// CSP following it); the local .pmtiles archive served by byte ranges;
// GeoJSON boundaries imported whole or refused whole; the public community list.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, COMMUNITY_A, COMMUNITY_B, login, openTown, TOWN, type Town } from '../helpers/town.ts';
import { problemIn } from '../helpers/problems.ts';
import { pngTile, writePmtiles } from '../helpers/pmtiles.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-map-'));

beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true, env: { DATA_DIR: dataDir } }));
});
afterAll(async () => {
  await closeTown(app, tdb);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The CSP's sources for one directive. */
function csp(r: { headers: Record<string, unknown> }, directive: string): string[] {
  const d = String(r.headers['content-security-policy'])
    .split(';')
    .map((x) => x.trim().split(/\s+/))
    .find((x) => x[0] === directive);
  return d ? d.slice(1) : [];
}

async function place(name: string, lat: number | null, lng: number | null, region = COMMUNITY_A) {
  return (
    await tdb.db.execute<{ id: number }>(
      sql`INSERT INTO places (kind, name, region_code, lat, lng) VALUES ('street', ${name}, ${region}, ${lat}, ${lng}) RETURNING id`,
    )
  ).rows[0].id;
}

describe('coordinates on the map', () => {
  it('draws a problem with a place but no coordinates at its place, and one with its own at its own', async () => {
    const lane = await place('坐标测试巷', 25.85, 116.37);
    const nowhere = await place('无坐标巷', null, null);
    const patrol = await problemIn(tdb.db, 'filed', { region: COMMUNITY_A, source: 'patrol', description: '坐标回退 巡查', placeId: lane });
    const own = await problemIn(tdb.db, 'filed', {
      region: COMMUNITY_A,
      source: 'resident',
      description: '坐标回退 自带',
      placeId: lane,
      lat: 25.86,
      lng: 116.38,
    });
    await problemIn(tdb.db, 'filed', { region: COMMUNITY_A, source: 'patrol', description: '坐标回退 无处', placeId: nowhere });
    const office = as(app, await login(app, 'office'));
    const q = `q=${encodeURIComponent('坐标回退')}&zoom=18`;
    const m = (await office.get(`/api/problems/map?bbox=116.3,25.8,116.5,25.95&${q}`)).json();
    expect(m.total).toBe(2); // the one whose place has no coordinates either stays off the map
    const byId = new Map(m.points.map((p: any) => [p.id, p]));
    expect(byId.get(patrol.id)).toMatchObject({ lat: 25.85, lng: 116.37 });
    expect(byId.get(own.id)).toMatchObject({ lat: 25.86, lng: 116.38 });
    // The box is matched on the drawn point: a box around the place only finds the fallback.
    const near = (await office.get(`/api/problems/map?bbox=116.369,25.849,116.371,25.851&${q}`)).json();
    expect(near.points.map((p: any) => p.id)).toEqual([patrol.id]);
    // Stored data is not rewritten.
    const row = (await tdb.db.execute<{ lat: number | null }>(sql`SELECT lat FROM problems WHERE id = ${patrol.id}`)).rows[0];
    expect(row.lat).toBeNull();
    // Clustering uses the same point.
    const far = (await office.get(`/api/problems/map?bbox=116.3,25.8,116.5,25.95&q=${encodeURIComponent('坐标回退')}&zoom=11`)).json();
    expect(far.total).toBe(2);
    void town;
  });
});

describe('the base layer, set at run time', () => {
  it('is the admin’s: others may not read or change the setting', async () => {
    const office = as(app, await login(app, 'office'));
    expect((await office.get('/api/map/settings')).statusCode).toBe(403);
    expect((await office.put('/api/map/settings', { kind: 'xyz', url: 'https://tiles.example.org/{z}/{x}/{y}.png' })).statusCode).toBe(403);
    const admin = as(app, await login(app, 'admin'));
    const r = await admin.get('/api/map/settings');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().setting).toEqual({ kind: 'none' });
    expect(r.json().effective.kind).toBe('none');
  });

  it('takes an XYZ template, serves it to every map, and the CSP allows that host and no other', async () => {
    const admin = as(app, await login(app, 'admin'));
    const before = await app.inject({ method: 'GET', url: '/api/health' });
    expect(csp(before, 'img-src')).toEqual(["'self'", 'data:', 'blob:']);
    const r = await admin.put('/api/map/settings', { kind: 'xyz', url: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png', attribution: '© 示例' });
    expect(r.statusCode, r.body).toBe(200);
    const pub = (await app.inject({ method: 'GET', url: '/api/public/base-layer' })).json();
    expect(pub).toMatchObject({
      kind: 'tiles',
      tiles: [{ url: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png', subdomains: 'abc' }],
      attribution: '© 示例',
      problem: null,
    });
    const after = await app.inject({ method: 'GET', url: '/api/health' });
    expect(csp(after, 'img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://*.tiles.example.org']);
    expect(csp(after, 'connect-src')).toEqual(["'self'", 'https://*.tiles.example.org']);
    // 天地图 with a key: its hosts, its labels layer.
    expect((await admin.put('/api/map/settings', { kind: 'tianditu', key: 'abcdef0123456789abcdef0123456789', layer: 'vec' })).statusCode).toBe(200);
    const tdt = (await app.inject({ method: 'GET', url: '/api/public/base-layer' })).json();
    expect(tdt.tiles).toHaveLength(2);
    expect(tdt.tiles[0].url).toContain('tk=abcdef0123456789abcdef0123456789');
    expect(csp(await app.inject({ method: 'GET', url: '/api/health' }), 'img-src')).toContain('https://*.tianditu.gov.cn');
    // Back to none: no tile host at all.
    expect((await admin.put('/api/map/settings', { kind: 'none' })).statusCode).toBe(200);
    expect(csp(await app.inject({ method: 'GET', url: '/api/health' }), 'img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('refuses a template that is not an http(s) URL with {z}/{x}/{y}, with the reason, and keeps the old setting', async () => {
    const admin = as(app, await login(app, 'admin'));
    await admin.put('/api/map/settings', { kind: 'xyz', url: 'https://tiles.example.org/{z}/{x}/{y}.png' });
    for (const [url, why] of [
      ['ftp://tiles.example.org/{z}/{x}/{y}.png', /http/],
      ['https://tiles.example.org/tile.png', /缺少 \{z\}/],
      ['不是网址 {z}/{x}/{y}', /不是有效的网址/],
      ['javascript:alert(1)//{z}/{x}/{y}', /http/],
      ['https://user:pw@tiles.example.org/{z}/{x}/{y}.png', /用户名或密码/],
    ] as const) {
      const r = await admin.put('/api/map/settings', { kind: 'xyz', url });
      expect(r.statusCode, url).toBe(400);
      expect(r.json().error.code).toBe('MAP_SETTING_INVALID');
      expect(r.json().error.message, url).toMatch(why);
      expect(r.json().error.fields[0].path).toBe('body.url');
    }
    expect((await admin.put('/api/map/settings', { kind: 'tianditu', key: 'short' })).statusCode).toBe(400);
    expect((await admin.put('/api/map/settings', { kind: 'mapbox' })).statusCode).toBe(400);
    expect((await admin.get('/api/map/settings')).json().setting.url).toBe('https://tiles.example.org/{z}/{x}/{y}.png');
    await admin.put('/api/map/settings', { kind: 'none' });
  });
});

/** A minimal PMTiles v3 archive as far as the server checks it: the magic, version 3, a 127-byte header, then bytes. */
/** The first bytes of an archive of some version, the rest noise: not readable as PMTiles v3. */
function pmtilesOfVersion(version: number, bytes = 1000): Buffer {
  const b = Buffer.alloc(bytes);
  b.write('PMTiles', 0, 'latin1');
  b[7] = version;
  for (let i = 127; i < bytes; i++) b[i] = i % 251;
  return b;
}

describe('a local .pmtiles archive in DATA_DIR', () => {
  it('is refused when missing, unreadable as PMTiles, of another version, cut short or of no tile type, and served by byte ranges when good', async () => {
    const admin = as(app, await login(app, 'admin'));
    const archive = await writePmtiles({
      bounds: { minLon: 118.5, minLat: 24.9, maxLon: 118.6, maxLat: 25 },
      minZoom: 12,
      maxZoom: 15,
      type: 'png',
      tile: async (z) => pngTile(z),
    });
    const size = archive.length;
    fs.writeFileSync(path.join(dataDir, 'notes.pmtiles'), 'hello, not an archive');
    fs.writeFileSync(path.join(dataDir, 'old.pmtiles'), pmtilesOfVersion(2));
    fs.writeFileSync(path.join(dataDir, 'noise.pmtiles'), pmtilesOfVersion(3));
    fs.writeFileSync(path.join(dataDir, 'half.pmtiles'), archive.subarray(0, Math.floor(size / 2)));
    fs.writeFileSync(path.join(dataDir, 'town.pmtiles'), archive);
    for (const [file, why] of [
      ['missing.pmtiles', /没有 missing\.pmtiles/],
      ['notes.pmtiles', /不是 PMTiles 文件/],
      ['old.pmtiles', /第 2 版/],
      ['noise.pmtiles', /瓦片类型未知/],
      ['half.pmtiles', /不完整.*未下载完/],
    ] as const) {
      const r = await admin.put('/api/map/settings', { kind: 'pmtiles', file });
      expect(r.statusCode, file).toBe(400);
      expect(r.json().error.code).toBe('MAP_SETTING_INVALID');
      expect(r.json().error.message).toMatch(why);
    }
    expect((await admin.put('/api/map/settings', { kind: 'pmtiles', file: '../etc/passwd.pmtiles' })).statusCode).toBe(400);
    // The admin's list says what each file holds, or why it cannot serve.
    const files = (await admin.get('/api/map/settings')).json().files;
    expect(files.map((f: any) => f.name)).toEqual(['half.pmtiles', 'noise.pmtiles', 'notes.pmtiles', 'old.pmtiles', 'town.pmtiles']);
    expect(files.find((f: any) => f.name === 'town.pmtiles')).toEqual({
      name: 'town.pmtiles',
      bytes: size,
      info: { tileType: 'png', minZoom: 12, maxZoom: 15, bounds: [118.5, 24.9, 118.6, 25] },
      problem: null,
    });
    expect(files.find((f: any) => f.name === 'half.pmtiles')).toMatchObject({ info: null, problem: expect.stringMatching(/不完整/) });

    expect((await admin.put('/api/map/settings', { kind: 'pmtiles', file: 'town.pmtiles' })).statusCode).toBe(200);
    const bl = (await app.inject({ method: 'GET', url: '/api/public/base-layer' })).json();
    expect(bl).toMatchObject({ kind: 'pmtiles', pmtilesUrl: '/api/public/pmtiles/town.pmtiles', problem: null });
    // Same origin: nothing added to the CSP.
    expect(csp(await app.inject({ method: 'GET', url: '/api/health' }), 'img-src')).toEqual(["'self'", 'data:', 'blob:']);

    const head = await app.inject({ method: 'GET', url: bl.pmtilesUrl, headers: { range: 'bytes=0-6' } });
    expect(head.statusCode).toBe(206);
    expect(head.headers['content-range']).toBe(`bytes 0-6/${size}`);
    expect(head.body).toBe('PMTiles');
    const mid = await app.inject({ method: 'GET', url: bl.pmtilesUrl, headers: { range: 'bytes=500-509' } });
    expect([...mid.rawPayload]).toEqual([...archive.subarray(500, 510)]);
    const tail = await app.inject({ method: 'GET', url: bl.pmtilesUrl, headers: { range: 'bytes=-10' } });
    expect(tail.headers['content-range']).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    const whole = await app.inject({ method: 'GET', url: bl.pmtilesUrl });
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.length).toBe(size);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    const bad = await app.inject({ method: 'GET', url: bl.pmtilesUrl, headers: { range: `bytes=${size + 10}-` } });
    expect(bad.statusCode).toBe(416);
    expect(bad.headers['content-range']).toBe(`bytes */${size}`);
    expect(bad.json().error.code).toBe('RANGE_NOT_SATISFIABLE');
    // Only the configured archive is served.
    expect((await app.inject({ method: 'GET', url: '/api/public/pmtiles/old.pmtiles' })).statusCode).toBe(404);

    // The file disappears: the maps are told why and draw the records.
    fs.rmSync(path.join(dataDir, 'town.pmtiles'));
    const gone = (await app.inject({ method: 'GET', url: '/api/public/base-layer' })).json();
    expect(gone.kind).toBe('none');
    expect(gone.problem).toMatch(/没有 town\.pmtiles.*按记录绘制/);
    expect((await app.inject({ method: 'GET', url: '/api/public/pmtiles/town.pmtiles' })).statusCode).toBe(404);
    await admin.put('/api/map/settings', { kind: 'none' });
  });
});

describe('imported boundaries', () => {
  const ring = (lng: number, lat: number, d = 0.01) => [
    [lng, lat],
    [lng + d, lat],
    [lng + d, lat + d],
    [lng, lat + d],
    [lng, lat],
  ];
  const polygon = (lng: number, lat: number) =>
    JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name: '水东街' }, geometry: { type: 'Polygon', coordinates: [ring(lng, lat)] } }],
    });

  it('imports a community’s polygon near the town’s places, and shows it to the town', async () => {
    await place('边界参照点甲', 25.84, 116.36);
    await place('边界参照点乙', 25.845, 116.365, COMMUNITY_B);
    const admin = as(app, await login(app, 'admin'));
    const r = await admin.put(`/api/map/boundaries/${COMMUNITY_A}`, { geojson: polygon(116.355, 25.835) });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ regionCode: COMMUNITY_A, level: 'community' });
    for (const [i, v] of (r.json().bbox as number[]).entries()) expect(v).toBeCloseTo([116.355, 25.835, 116.365, 25.845][i], 9);
    expect(r.json().geometry.type).toBe('MultiPolygon');
    const town = await admin.put(`/api/map/boundaries/${TOWN}`, { geojson: JSON.stringify({ type: 'Polygon', coordinates: [ring(116.3, 25.8, 0.1)] }) });
    expect(town.statusCode, town.body).toBe(200);
    // The office and a community's cadre (its own community and its town) read them; the other town does not.
    const office = (await as(app, await login(app, 'office')).get('/api/map/boundaries')).json().items.map((b: any) => b.regionCode);
    expect(office).toEqual([TOWN, COMMUNITY_A]);
    expect((await as(app, await login(app, 'cadreb')).get('/api/map/boundaries')).json().items.map((b: any) => b.regionCode)).toEqual([TOWN]);
    expect((await as(app, await login(app, 'office2')).get('/api/map/boundaries')).json().items).toEqual([]);
    // Only the admin imports.
    expect((await as(app, await login(app, 'office')).put(`/api/map/boundaries/${COMMUNITY_B}`, { geojson: polygon(116.36, 25.84) })).statusCode).toBe(403);
  });

  it('refuses whole, with the reason, a file that does not parse, is not a polygon, or lies far away; the old boundary stays', async () => {
    const admin = as(app, await login(app, 'admin'));
    const before = (await admin.get('/api/map/boundaries')).json().items.find((b: any) => b.regionCode === COMMUNITY_A);
    for (const [geojson, why] of [
      ['{"type": "FeatureCollection", "features": [', /JSON 格式错误/],
      [
        JSON.stringify({
          type: 'LineString',
          coordinates: [
            [116.36, 25.84],
            [116.37, 25.85],
          ],
        }),
        /LineString.*只能是面/,
      ],
      [
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring(116.36, 25.84)] } },
            { type: 'Feature', geometry: { type: 'Point', coordinates: [116.36, 25.84] } },
          ],
        }),
        /第 2 个要素/,
      ],
      [polygon(118.1, 24.4), /太远/], // Xiamen, not Changting
      [polygon(-116.36, 25.84), /太远/],
      [
        JSON.stringify({
          type: 'Polygon',
          coordinates: [
            [
              [439000, 2858000],
              [440000, 2858000],
              [440000, 2859000],
              [439000, 2858000],
            ],
          ],
        }),
        /超出经纬度范围/,
      ],
    ] as const) {
      const r = await admin.put(`/api/map/boundaries/${COMMUNITY_A}`, { geojson });
      expect(r.statusCode, geojson.slice(0, 60)).toBe(400);
      expect(r.json().error.code).toBe('BOUNDARY_INVALID');
      expect(r.json().error.message, geojson.slice(0, 60)).toMatch(why);
    }
    const after = (await admin.get('/api/map/boundaries')).json().items.find((b: any) => b.regionCode === COMMUNITY_A);
    expect(after).toEqual(before);
    // Not a town or community, or no such region.
    expect((await admin.put('/api/map/boundaries/350821', { geojson: polygon(116.36, 25.84) })).statusCode).toBe(400);
    expect((await admin.put('/api/map/boundaries/350821100999', { geojson: polygon(116.36, 25.84) })).statusCode).toBe(404);
    // Removed, then gone.
    expect((await admin.del(`/api/map/boundaries/${COMMUNITY_A}`)).statusCode).toBe(204);
    expect((await admin.del(`/api/map/boundaries/${COMMUNITY_A}`)).statusCode).toBe(404);
  });
});

describe('the resident page’s community list', () => {
  it('lists the towns’ communities without an account', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/public/communities' });
    expect(r.statusCode, r.body).toBe(200);
    const a = r.json().items.find((c: any) => c.code === COMMUNITY_A);
    expect(a).toMatchObject({ townCode: TOWN, townName: expect.stringContaining('汀州') });
    expect(a.name).toContain('水东');
    expect(r.json().items.every((c: any) => c.code.length === 12)).toBe(true);
  });
});
