// Publicity (issue 18 items 1-2): the output registers (articles with 特色供稿,
// LED programmes, handouts, 入户宣传 sessions) with their checks, scoping and
// versions; the figures ⑦ ⑩ ⑪ ⑫ ⑬ ⑭ ⑰ and their drill-downs; the facilities
// on the map (a location far outside the town refused with the reason, the
// map layer, scoping); the requirements per point type (versioned, admin
// only), a point against its requirement and the points short of theirs;
// "mark damaged" opening a problem dispatched to the owner, once per key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, COMMUNITY_A, COMMUNITY_B, login, openTown, TOWN, TOWN2, type Town } from '../helpers/town.ts';
import { setClock } from '../../server/platform/clock.ts';
import ExcelJS from 'exceljs';
import { multipartFile, phoneJpeg } from '../helpers/photos.ts';
import type { SyncItem } from '../../domain/inspections/sync.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let office: ReturnType<typeof as>;
let admin: ReturnType<typeof as>;
const ids: Record<string, number> = {};
const kinds: Record<string, number> = {};
const themes: Record<string, number> = {};

// 汀州镇 is about 116.37°E, 25.83°N.
const HERE = { lat: 25.83, lng: 116.37 };

beforeAll(async () => {
  setClock(new Date('2026-12-06T10:00:00+08:00'));
  ({ tdb, app, town } = await openTown({ categories: true, calendar: true }));
  office = as(app, await login(app, 'office'));
  admin = as(app, await login(app, 'admin'));
  const place = async (regionCode: string, name: string, pointType: string | null, lat: number, lng: number) =>
    (await office.post('/api/places', { kind: 'point', regionCode, name, pointType, lat, lng })).json().id as number;
  ids.market = await place(COMMUNITY_A, '水东农贸市场', 'market', HERE.lat, HERE.lng);
  ids.square = await place(COMMUNITY_A, '水东广场', 'square', HERE.lat + 0.002, HERE.lng + 0.002);
  ids.bMarket = await place(COMMUNITY_B, '东门农贸市场', 'market', HERE.lat + 0.004, HERE.lng - 0.003);
  expect(ids.market).toBeGreaterThan(0);
  ids.school = Number(
    (await tdb.db.execute<{ id: number }>(sql`INSERT INTO units (kind, name, region_code) VALUES ('co_building', '汀州镇中心小学', ${TOWN}) RETURNING id`))
      .rows[0].id,
  );
  ids.otherUnit = Number(
    (await tdb.db.execute<{ id: number }>(sql`INSERT INTO units (kind, name, region_code) VALUES ('co_building', '大同镇卫生院', ${TOWN2}) RETURNING id`))
      .rows[0].id,
  );
  const t = (await office.get('/api/publicity/terms')).json();
  for (const k of t.kinds) kinds[k.code] = k.id;
  for (const k of t.themes) themes[k.code] = k.id;
}, 120_000);
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

const article = (over: Record<string, unknown> = {}) => ({
  regionCode: TOWN,
  channel: 'wechat',
  title: '汀州镇开展文明城市创建宣传',
  url: 'https://mp.weixin.qq.com/s/abc',
  publishedOn: '2026-11-20',
  featured: false,
  ...over,
});

describe('output registers', () => {
  it('records articles, 特色供稿 with where it was carried, and lists them by channel and flag', async () => {
    const a = await office.post('/api/publicity/articles', article());
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ channel: 'wechat', channelLabel: '公众号', featured: false, regionName: '汀州镇', canEdit: true });
    const f = await office.post(
      '/api/publicity/articles',
      article({ channel: 'other', channelName: '长汀电视台', featured: true, carriedBy: '闽西日报', authorUnitId: ids.school }),
    );
    expect(f.statusCode).toBe(201);
    expect(f.json()).toMatchObject({ featured: true, carriedBy: '闽西日报', authorUnit: { id: ids.school, name: '汀州镇中心小学' } });
    ids.article = a.json().id;
    const wechat = (await office.get(`/api/publicity/articles?channel=wechat&regionCode=${TOWN}`)).json();
    expect(wechat.items.map((x: any) => x.id)).toEqual([a.json().id]);
    const featured = (await office.get('/api/publicity/articles?featured=1')).json();
    expect(featured.items.map((x: any) => x.id)).toEqual([f.json().id]);
  });

  it('refuses bad input with the field named: a future day, 采用媒体 on an ordinary article, another town’s unit, a region not managed', async () => {
    const future = await office.post('/api/publicity/articles', article({ publishedOn: '2026-12-07' }));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0].path).toBe('publishedOn');
    const carried = await office.post('/api/publicity/articles', article({ carriedBy: '闽西日报' }));
    expect(carried.json().error.fields[0].path).toBe('carriedBy');
    const unit = await office.post('/api/publicity/articles', article({ authorUnitId: ids.otherUnit }));
    expect(unit.statusCode).toBe(400);
    expect(unit.json().error.fields[0].message).toContain('不是本镇可联系的单位');
    const cadreB = as(app, await login(app, 'cadreb'));
    const notMine = await cadreB.post('/api/publicity/articles', article({ regionCode: COMMUNITY_A }));
    expect(notMine.statusCode).toBe(400);
    expect(notMine.json().error.fields[0].path).toBe('regionCode');
    const url = await office.post('/api/publicity/articles', article({ url: 'javascript:alert(1)' }));
    expect(url.statusCode).toBe(400);
  });

  it('hides another town’s records (404), refuses a stale version (409) and deletes at the version', async () => {
    const office2 = as(app, await login(app, 'office2'));
    expect((await office2.get(`/api/publicity/articles/${ids.article}`)).statusCode).toBe(404);
    expect((await office2.get('/api/publicity/articles')).json().items).toEqual([]);
    const chief = as(app, await login(app, 'chief'));
    expect((await chief.post('/api/publicity/articles', article())).statusCode).toBe(403);
    const ok = await office.put(`/api/publicity/articles/${ids.article}`, { ...article({ title: '改过的标题' }), version: 1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ title: '改过的标题', version: 2 });
    const stale = await office.put(`/api/publicity/articles/${ids.article}`, { ...article(), version: 1 });
    expect(stale.statusCode).toBe(409);
    const extra = (await office.post('/api/publicity/articles', article({ title: '待删除的稿件' }))).json();
    expect((await office.del(`/api/publicity/articles/${extra.id}?version=1`)).statusCode).toBe(204);
    expect((await office.get(`/api/publicity/articles/${extra.id}`)).statusCode).toBe(404);
  });

  it('records LED programmes, handouts and 入户宣传 sessions with their checks', async () => {
    const led = await office.post('/api/publicity/led', {
      regionCode: TOWN,
      screen: '汀州广场LED屏',
      content: '创建文明城市 共建美好家园',
      fromDate: '2026-11-01',
      toDate: '2026-11-30',
    });
    expect(led.statusCode).toBe(201);
    const back = await office.post('/api/publicity/led', {
      regionCode: TOWN,
      screen: '汀州广场LED屏',
      content: '倒着的日期',
      fromDate: '2026-11-30',
      toDate: '2026-11-01',
    });
    expect(back.json().error.fields[0].path).toBe('toDate');
    const flyer = await office.post('/api/publicity/handouts', {
      regionCode: COMMUNITY_A,
      kind: 'flyer',
      title: '文明城市创建倡议书',
      quantity: 1200,
      handedOn: '2026-11-10',
      location: '水东街',
      unitId: ids.school,
    });
    expect(flyer.statusCode).toBe(201);
    expect(flyer.json()).toMatchObject({ kindLabel: '宣传单', quantity: 1200, unit: { id: ids.school } });
    expect(
      (await office.post('/api/publicity/handouts', { regionCode: COMMUNITY_A, kind: 'item', title: '环保袋', quantity: 300, handedOn: '2026-11-12' }))
        .statusCode,
    ).toBe(201);
    const neg = await office.post('/api/publicity/handouts', { regionCode: COMMUNITY_A, kind: 'item', title: '环保袋', quantity: -1, handedOn: '2026-11-12' });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().error.code).toBe('VALIDATION_FAILED');
    const noActivity = await office.post('/api/publicity/handouts', {
      regionCode: COMMUNITY_A,
      kind: 'item',
      title: '环保袋',
      quantity: 3,
      handedOn: '2026-11-12',
      activityId: 999999,
    });
    expect(noActivity.json().error.fields[0].path).toBe('activityId');
    const door = await office.post('/api/publicity/door-sessions', { regionCode: COMMUNITY_A, onDate: '2026-11-15', households: 86, unitIds: [ids.school] });
    expect(door.statusCode).toBe(201);
    expect(door.json()).toMatchObject({ households: 86, joint: true, units: [{ id: ids.school, name: '汀州镇中心小学' }] });
    expect((await office.post('/api/publicity/door-sessions', { regionCode: COMMUNITY_B, onDate: '2026-11-16', households: 40 })).json().joint).toBe(false);
    const townLevel = await office.post('/api/publicity/door-sessions', { regionCode: TOWN, onDate: '2026-11-16', households: 40 });
    expect(townLevel.statusCode).toBe(400);
  });
});

const facility = (over: Record<string, unknown> = {}) => ({
  name: '市场入口宣传栏',
  kindId: kinds.bulletin_board,
  themeId: themes.core_values,
  placeId: ids.market,
  ownerUnitId: town.units.committeeA,
  installedOn: '2026-06-01',
  condition: 'good',
  lat: HERE.lat + 0.0001,
  lng: HERE.lng + 0.0001,
  ...over,
});

describe('facilities and requirements', () => {
  it('seeds the requirement of a market (≥ 2 核心价值观, ≥ 5 公益广告) and lists the markets short of it', async () => {
    const reqs = (await office.get('/api/publicity/requirements')).json();
    const market = reqs.items.find((r: any) => r.pointType === 'market');
    expect(market.items.map((i: any) => i.label)).toEqual(['主题“社会主义核心价值观”的设施 ≥ 2', '公益广告 ≥ 5']);
    expect(reqs.canManage).toBe(false);
    const short = (await office.get(`/api/publicity/short-points?regionCode=${TOWN}`)).json();
    expect(short.items.map((p: any) => p.place.name)).toEqual(expect.arrayContaining(['水东农贸市场', '东门农贸市场', '水东广场']));
  });

  it('records a facility at a point; one far outside the town is refused with the reason', async () => {
    const r = await office.post('/api/publicity/facilities', facility());
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ regionCode: COMMUNITY_A, condition: 'good', conditionLabel: '完好', place: { id: ids.market, pointType: 'market' } });
    ids.board = r.json().id;
    const far = await office.post('/api/publicity/facilities', facility({ lat: 26.5, lng: 117.5 }));
    expect(far.statusCode).toBe(400);
    expect(far.json().error.fields.map((f: any) => f.path)).toEqual(['lat', 'lng']);
    expect(far.json().error.fields[0].message).toContain('远在本镇范围之外');
    const foreignOwner = await office.post('/api/publicity/facilities', facility({ ownerUnitId: ids.otherUnit }));
    expect(foreignOwner.json().error.fields[0].path).toBe('ownerUnitId');
  });

  it('meets the requirement once the market has its facilities, and drops off the short list', async () => {
    await office.post('/api/publicity/facilities', facility({ name: '核心价值观展板', kindId: kinds.display_board }));
    for (let i = 0; i < 4; i++)
      await office.post('/api/publicity/facilities', facility({ name: `公益广告${i + 1}`, kindId: kinds.psa, themeId: themes.civic_pact }));
    let p = (await office.get(`/api/publicity/points/${ids.market}`)).json();
    expect(p.met).toBe(false);
    expect(p.lines.map((l: any) => [l.have, l.short])).toEqual([
      [2, 0],
      [4, 1],
    ]);
    // A removed one does not count.
    const removed = (await office.post('/api/publicity/facilities', facility({ name: '已拆除的公益广告', kindId: kinds.psa, condition: 'removed' }))).json();
    expect(removed.condition).toBe('removed');
    expect((await office.get(`/api/publicity/points/${ids.market}`)).json().short).toBe(1);
    await office.post('/api/publicity/facilities', facility({ name: '公益广告5', kindId: kinds.psa }));
    p = (await office.get(`/api/publicity/points/${ids.market}`)).json();
    expect(p).toMatchObject({ met: true, short: 0, requirement: { version: 1 } });
    const short = (await office.get(`/api/publicity/short-points?regionCode=${TOWN}`)).json();
    expect(short.items.map((x: any) => x.place.name)).not.toContain('水东农贸市场');
    expect(short.items.map((x: any) => x.place.name)).toContain('东门农贸市场');
  });

  it('versions the requirements: only the admin publishes, the old version is kept, the new one applies', async () => {
    const body = { pointType: 'market', note: '提高要求', items: [{ kindId: kinds.psa, minCount: 6 }] };
    expect((await office.post('/api/publicity/requirements', body)).statusCode).toBe(403);
    const bad = await admin.post('/api/publicity/requirements', { pointType: 'market', items: [{ minCount: 2 }] });
    expect(bad.statusCode).toBe(400);
    const r = await admin.post('/api/publicity/requirements', body);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ version: 2, current: true });
    const versions = (await office.get('/api/publicity/requirements/market/versions')).json().versions;
    expect(versions.map((v: any) => [v.version, v.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect((await office.get(`/api/publicity/points/${ids.market}`)).json()).toMatchObject({ met: false, short: 1, requirement: { version: 2 } });
  });

  it('draws the map layer in a box, scoped to the caller', async () => {
    const box = `${HERE.lng - 0.01},${HERE.lat - 0.01},${HERE.lng + 0.01},${HERE.lat + 0.01}`;
    const m = (await office.get(`/api/publicity/facilities/map?bbox=${box}&zoom=18`)).json();
    expect(m.points.length).toBe(7); // the removed one is not drawn
    expect(m.points.every((p: any) => p.condition !== 'removed')).toBe(true);
    const office2 = as(app, await login(app, 'office2'));
    expect((await office2.get(`/api/publicity/facilities/map?bbox=${box}&zoom=18`)).json().total).toBe(0);
    expect((await office2.get(`/api/publicity/facilities/${ids.board}`)).statusCode).toBe(404);
    const wide = await office.get('/api/publicity/facilities/map?bbox=100,20,110,30');
    expect(wide.statusCode).toBe(400);
  });

  it('marks a facility damaged: a problem dispatched to its owner, the facility linked; a re-send opens nothing new', async () => {
    const chief = await login(app, 'chief');
    const send = () =>
      app.inject({
        method: 'POST',
        url: `/api/publicity/facilities/${ids.board}/damage`,
        headers: { cookie: chief, 'idempotency-key': 'dmg-1' },
        payload: { note: '宣传栏玻璃破裂' },
      });
    const r = await send();
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ state: 'dispatched', replayed: false });
    const p = (await office.get(`/api/problems/${r.json().id}`)).json();
    expect(p.unit?.id).toBe(town.units.committeeA);
    const f = (await office.get(`/api/publicity/facilities/${ids.board}`)).json();
    expect(f).toMatchObject({ condition: 'damaged', problem: { id: r.json().id } });
    const again = await send();
    expect(again.json()).toMatchObject({ id: r.json().id, replayed: true });
    expect((await office.get(`/api/publicity/facilities?condition=damaged`)).json().items.map((x: any) => x.id)).toEqual([ids.board]);
  });
});

describe('the phone’s damage report (offline queue)', () => {
  it('opens a problem with the photo, dispatched to the owner; a re-sent queue opens nothing new; a removed facility fails alone', async () => {
    const f = (
      await office.post(
        '/api/publicity/facilities',
        facility({ name: '广场公益广告', kindId: kinds.psa, placeId: ids.square, ownerUnitId: town.units.committeeA }),
      )
    ).json();
    const gone = (
      await office.post('/api/publicity/facilities', facility({ name: '拆除的展板', kindId: kinds.display_board, placeId: ids.square, condition: 'removed' }))
    ).json();
    const photo = (await phoneJpeg('#963')).toString('base64');
    const items: SyncItem[] = [
      { type: 'photo', key: 'dmg-photo-1', data: photo },
      { type: 'damage', key: 'dmg-item-1', facilityId: f.id, note: '广告牌被风刮坏', photoKeys: ['dmg-photo-1'] },
      { type: 'damage', key: 'dmg-item-2', facilityId: gone.id },
      { type: 'damage', key: 'dmg-item-3', facilityId: 999999 },
    ];
    const chief = as(app, await login(app, 'chief'));
    const r = await chief.post('/api/inspections/sync', { items });
    expect(r.statusCode).toBe(200);
    const [, made, removed, unknown] = r.json().results;
    expect(made).toMatchObject({ type: 'damage', status: 'created', state: 'dispatched' });
    expect(made.code).toBeTruthy();
    expect(removed).toMatchObject({ status: 'failed', error: { code: 'INVALID_STATE' } });
    expect(unknown).toMatchObject({ status: 'failed', error: { code: 'NOT_FOUND' } });
    const p = (await office.get(`/api/problems/${made.id}`)).json();
    expect(p.unit?.id).toBe(town.units.committeeA);
    expect(p.photos).toHaveLength(1);
    expect((await office.get(`/api/publicity/facilities/${f.id}`)).json()).toMatchObject({ condition: 'damaged', problem: { id: made.id } });
    const again = (await chief.post('/api/inspections/sync', { items })).json().results;
    expect(again[1]).toMatchObject({ status: 'replayed', id: made.id });
    const n = await tdb.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM problems WHERE source_id = ${f.id} AND description LIKE '宣传设施破损%'`);
    expect(n.rows[0].n).toBe(1);
  });
});

async function book(sheet: string, rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = async (path: string, buf: Buffer) => {
  const m = multipartFile(buf, 'publicity.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return app.inject({ method: 'POST', url: path, payload: m.payload, headers: { ...m.headers, cookie: await login(app, 'office') } });
};

describe('Excel', () => {
  it('exports the articles with the columns the import reads', async () => {
    const r = await office.get('/api/publicity/articles/export.xlsx?featured=1');
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('稿件清单')!;
    expect(ws.getRow(1).values).toContain('特色供稿');
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(10).value).toBe('闽西日报');
  });

  it('imports facilities all or nothing: a bad row names its row and column and nothing is written; the corrected file imports', async () => {
    const header = ['设施名称', '设施类别', '内容主题', '所在社区', '所属点位', '管理单位', '设置日期', '状况', '纬度', '经度'];
    const good = ['东门市场公益广告1', '公益广告', '市民文明公约', '东门街社区', '东门农贸市场', '', '2026-05-01', '完好', HERE.lat + 0.004, HERE.lng - 0.003];
    const bad = ['东门市场公益广告2', '广告牌', '', '东门街社区', '', '', '2026-05-01', '完好', 26.9, 117.9];
    const before = (await office.get('/api/publicity/facilities?limit=200')).json().items.length;
    const r = await upload('/api/publicity/facilities/import', await book('宣传设施清单', [header, good, bad]));
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('IMPORT_INVALID');
    const errs = r.json().error.details.errors.map((e: any) => `${e.row}:${e.column}`);
    expect(errs).toContain('3:设施类别');
    expect(r.json().error.details.report.base64).toBeTruthy();
    expect((await office.get('/api/publicity/facilities?limit=200')).json().items.length).toBe(before);
    const fixed = ['东门市场公益广告2', '公益广告', '', '东门街社区', '东门农贸市场', '', '2026-05-01', '破损', HERE.lat + 0.004, HERE.lng - 0.003];
    const ok = await upload('/api/publicity/facilities/import', await book('宣传设施清单', [header, good, fixed]));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().created).toBe(2);
    const far = await upload('/api/publicity/facilities/import', await book('宣传设施清单', [header, [...good.slice(0, 8), 26.9, 117.9]]));
    expect(far.json().error.details.errors[0]).toMatchObject({ row: 2, column: '纬度' });
  });

  it('imports handouts and articles, refusing a negative quantity and an unknown region', async () => {
    const h = ['所属区划', '种类', '名称', '数量', '发放日期', '发放地点', '发放单位'];
    const bad = await upload(
      '/api/publicity/handouts/import',
      await book('宣传品发放清单', [
        h,
        ['水东街社区', '宣传单', '倡议书', -5, '2026-10-01', '', ''],
        ['不存在社区', '宣传品', '环保袋', 5, '2026-10-01', '', ''],
      ]),
    );
    expect(bad.json().error.details.errors.map((e: any) => `${e.row}:${e.column}`)).toEqual(['2:数量', '3:所属区划']);
    const ok = await upload(
      '/api/publicity/handouts/import',
      await book('宣传品发放清单', [h, ['水东街社区', '宣传单', '倡议书', 500, '2026-10-01', '水东街', '汀州镇中心小学']]),
    );
    expect(ok.statusCode).toBe(201);
    const a = ['所属区划', '渠道', '渠道名称', '标题', '链接', '发布日期', '作者单位', '特色供稿', '采用媒体'];
    const art = await upload(
      '/api/publicity/articles/import',
      await book('稿件清单', [a, ['汀州镇', '公众号', '汀州镇人民政府', '十月创城工作综述', '', '2026-10-31', '', '否', '']]),
    );
    expect(art.statusCode).toBe(201);
    // Put back as the figures below expect them.
    await office.del(`/api/publicity/articles/${art.json().items[0].id}?version=1`);
    await office.del(`/api/publicity/handouts/${ok.json().items[0].id}?version=1`);
  });
});

describe('figures', () => {
  it('counts ⑦ ⑩ ⑪ ⑫ ⑬ ⑭ ⑰ for the town and the year, each with its drill-down', async () => {
    const r = (await office.get(`/api/figures?region=${TOWN}&period=2026`)).json();
    const v = Object.fromEntries(r.figures.map((f: any) => [f.id, f.value]));
    expect(v).toMatchObject({
      'publicity.articles': 1, // the one 公众号 article left (one deleted; the featured one is another channel)
      'publicity.featured': 1,
      'facilities.boards': 3, // the bulletin board, the display board and the removed one (made this year)
      'facilities.ads': 9, // 公益广告1-5, the removed one, the square's and the two imported
      'publicity.flyers': 1200,
      'publicity.items': 300,
      'publicity.door_to_door': 2,
      'publicity.households': 126,
      'publicity.led': 1,
    });
    const drill = Object.fromEntries(r.figures.map((f: any) => [f.id, f.drillUrl]));
    expect(drill['publicity.articles']).toBe(`/publicity/articles?channel=wechat&region=${TOWN}&from=2026-01-01&to=2026-12-31`);
    expect(drill['facilities.ads']).toBe(`/publicity/facilities?group=ads&region=${TOWN}&installedFrom=2026-01-01&installedTo=2026-12-31`);
    const a = (await office.get(`/api/figures?region=${COMMUNITY_A}&period=2026-11`)).json();
    const va = Object.fromEntries(a.figures.map((f: any) => [f.id, f.value]));
    expect(va).toMatchObject({ 'publicity.articles': 0, 'publicity.flyers': 1200, 'publicity.door_to_door': 1 });
  });
});
