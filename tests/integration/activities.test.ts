// Activities at the practice institute/stations (issue 16): a station linked
// to its place, planning with co-organisers among the town's reachable
// units, holding with participants, photos, report and publicity link,
// cancelling with a reason; the list's filters and keyset pages, scoping,
// the figures' drill-down filters; Excel export and the all-or-nothing
// import; bad input is a 4xx naming the field, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, COMMUNITY_A, COMMUNITY_B, login, openTown, TOWN, TOWN2 } from '../helpers/town.ts';
import { multipartFile, uploadPhoto } from '../helpers/photos.ts';
import { setClock } from '../../server/platform/clock.ts';
import { activityFigureValues, activityDrillDown } from '../../server/modules/activities/index.ts';

let tdb: TestDb;
let app: FastifyInstance;
const ids: Record<string, number> = {};
let office: ReturnType<typeof as>;
let kinds: Record<string, number> = {};

const unit = async (kind: string, name: string, region: string) =>
  Number((await tdb.db.execute<{ id: number }>(sql`INSERT INTO units (kind, name, region_code) VALUES (${kind}, ${name}, ${region}) RETURNING id`)).rows[0].id);

async function sheet(
  rows: (string | number)[][],
  header = [
    '活动名称',
    '活动类别',
    '状态',
    '活动日期',
    '所在社区',
    '活动地点',
    '组织单位',
    '共建单位',
    '群众',
    '志愿者',
    '活动简报',
    '宣传报道链接',
    '取消原因',
  ],
) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('活动清单');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = (cookie: string, buf: Buffer) => {
  const m = multipartFile(buf, 'activities.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return app.inject({ method: 'POST', url: '/api/activities/import', payload: m.payload, headers: { ...m.headers, cookie } });
};

beforeAll(async () => {
  setClock(new Date('2026-12-06T10:00:00+08:00'));
  ({ tdb, app } = await openTown({ categories: true, calendar: true }));
  office = as(app, await login(app, 'office'));
  ids.station = await unit('practice_station', '水东街社区新时代文明实践站', COMMUNITY_A);
  ids.institute = await unit('practice_institute', '汀州镇新时代文明实践所', TOWN);
  ids.school = await unit('co_building', '汀州镇中心小学', TOWN);
  ids.otherTown = await unit('co_building', '大同镇卫生院', TOWN2);
  const place = async (regionCode: string, name: string, kind = 'compound') =>
    (await office.post('/api/places', { kind, regionCode, name })).json().id as number;
  ids.square = await place(COMMUNITY_A, '水东街文化广场');
  expect(ids.square).toBeGreaterThan(0);
  ids.alley = await place(COMMUNITY_A, '五通街', 'street');
  ids.bPark = await place(COMMUNITY_B, '东门公园');
  const k = (await office.get('/api/activities/kinds')).json();
  kinds = Object.fromEntries(k.items.map((x: any) => [x.code, x.id]));
}, 120_000);
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

const planBody = (over: Record<string, unknown> = {}) => ({
  title: '学雷锋志愿服务进社区',
  kindId: kinds.volunteer_service,
  unitId: ids.station,
  placeId: ids.square,
  onDate: '2026-12-10',
  theme: '宪法宣传·志愿服务',
  festival: '国际志愿者日',
  coUnitIds: [ids.school],
  ...over,
});

describe('stations and the calendar', () => {
  it('seeds the kinds and the year’s themes and festivals (学雷锋 in March, lunar festivals placed for the year)', async () => {
    expect(Object.keys(kinds)).toEqual(
      expect.arrayContaining(['talk', 'selection', 'volunteer_service', 'tree_planting', 'civility_persuasion', 'culture_sports', 'festival']),
    );
    const cal = (await office.get('/api/activities/calendar?year=2026')).json();
    const march = cal.months.find((m: any) => m.month === 3);
    expect(march.theme).toContain('学雷锋');
    expect(march.festivals.map((f: any) => f.name)).toEqual(expect.arrayContaining(['学雷锋纪念日', '植树节']));
    const all = cal.months.flatMap((m: any) => m.festivals);
    expect(all.find((f: any) => f.name === '端午节')?.onDate).toBe('2026-06-19');
    expect(all.find((f: any) => f.name === '中秋节')?.onDate).toBe('2026-09-25');
    expect(all.find((f: any) => f.name === '清明节')?.onDate).toBe('2026-04-05');
    expect(all.map((f: any) => f.name)).toEqual(expect.arrayContaining(['七一建党节', '重阳节', '国庆节']));
  });

  it('links a station to a place in its community; a place elsewhere is refused', async () => {
    const bad = await office.put(`/api/activities/stations/${ids.station}/place`, { placeId: ids.bPark });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('placeId');
    const ok = await office.put(`/api/activities/stations/${ids.station}/place`, { placeId: ids.square });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().place.name).toBe('水东街文化广场');
    const list = (await office.get(`/api/activities/stations?regionCode=${TOWN}`)).json().items;
    expect(list.map((s: any) => s.name)).toEqual(expect.arrayContaining(['水东街社区新时代文明实践站', '汀州镇新时代文明实践所']));
    const cadreB = as(app, await login(app, 'cadreb'));
    expect((await cadreB.put(`/api/activities/stations/${ids.station}/place`, { placeId: ids.square })).statusCode).toBe(404); // not theirs to see
  });

  it('offers the planning form the town’s organisers (with the station’s place), reachable co-organisers and places', async () => {
    const o = (await office.get(`/api/activities/options?regionCode=${TOWN}`)).json();
    expect(o.organizers.find((u: any) => u.id === ids.station).placeId).toBe(ids.square);
    expect(o.coUnits.map((u: any) => u.id)).toContain(ids.school);
    expect(o.coUnits.map((u: any) => u.id)).not.toContain(ids.otherTown);
    expect(o.places.map((p: any) => p.id)).toEqual(expect.arrayContaining([ids.square, ids.bPark]));
    const cadreA = as(app, await login(app, 'cadrea'));
    const mine = (await cadreA.get(`/api/activities/options?regionCode=${COMMUNITY_A}`)).json();
    expect(mine.places.map((p: any) => p.id)).not.toContain(ids.bPark);
  });
});

describe('planned → held, or cancelled with a reason', () => {
  it('plans an activity with a co-organiser and holds it with participants, photos, report and publicity link', async () => {
    const planned = await office.post('/api/activities', planBody());
    expect(planned.statusCode, planned.body).toBe(201);
    const a = planned.json();
    expect(a).toMatchObject({ state: 'planned', regionCode: COMMUNITY_A, organizer: { id: ids.station }, can: { hold: true, cancel: true } });
    expect(a.coUnits.map((u: any) => u.name)).toEqual(['汀州镇中心小学']);
    const cookie = await login(app, 'office');
    const photo = (await uploadPhoto(app, cookie)).json().id;
    // Not in the future.
    const early = await office.post(`/api/activities/${a.id}/hold`, {
      version: a.version,
      heldOn: '2026-12-07',
      residents: 40,
      volunteers: 12,
      cadres: 3,
      coBuildingStaff: 5,
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields[0].path).toBe('heldOn');
    const held = await office.post(`/api/activities/${a.id}/hold`, {
      version: a.version,
      heldOn: '2026-12-05',
      residents: 40,
      volunteers: 12,
      cadres: 3,
      coBuildingStaff: 5,
      report: '组织志愿者清理楼道小广告，发放宣传单 200 份',
      publicityUrl: 'https://mp.weixin.qq.com/s/abc123',
      photoIds: [photo],
    });
    expect(held.statusCode, held.body).toBe(200);
    const h = held.json();
    expect(h).toMatchObject({ state: 'held', onDate: '2026-12-05', participants: { total: 60 }, photoCount: 1, can: { hold: false, cancel: false } });
    const img = await app.inject({ method: 'GET', url: h.photos[0].thumbUrl, headers: { cookie } });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    // Held is final; a stale version is a conflict.
    expect((await office.post(`/api/activities/${a.id}/cancel`, { version: h.version, reason: '下雨' })).statusCode).toBe(409);
    ids.held = a.id;
    // Another town sees neither the activity nor its photo.
    const office2 = await login(app, 'office2');
    expect((await as(app, office2).get(`/api/activities/${a.id}`)).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: h.photos[0].url, headers: { cookie: office2 } })).statusCode).toBe(404);
  });

  it('cancels a planned activity with its reason; a photo already used elsewhere is refused', async () => {
    const a = (await office.post('/api/activities', planBody({ title: '文明劝导', kindId: kinds.civility_persuasion, coUnitIds: [] }))).json();
    expect((await office.post(`/api/activities/${a.id}/cancel`, { version: a.version, reason: '' })).statusCode).toBe(400);
    const c = await office.post(`/api/activities/${a.id}/cancel`, { version: a.version, reason: '台风预警，改期' });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ state: 'cancelled', cancelReason: '台风预警，改期' });
    const b = (await office.post('/api/activities', planBody({ coUnitIds: [] }))).json();
    const used = (await office.get(`/api/activities/${ids.held}`)).json().photos[0].id;
    const r = await office.post(`/api/activities/${b.id}/hold`, {
      version: b.version,
      heldOn: '2026-12-01',
      residents: 1,
      volunteers: 0,
      cadres: 0,
      coBuildingStaff: 0,
      photoIds: [used],
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields[0].path).toBe('body.photoIds');
  });

  it('refuses a co-organiser of another town, a bad publicity URL and a place outside the caller’s communities, never 500', async () => {
    const other = await office.post('/api/activities', planBody({ coUnitIds: [ids.otherTown] }));
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields[0]).toMatchObject({ path: 'coUnitIds.0' });
    expect(other.json().error.fields[0].message).toContain('大同镇卫生院');
    const a = (await office.post('/api/activities', planBody({ coUnitIds: [] }))).json();
    for (const url of ['javascript:alert(1)', 'mp.weixin.qq.com/s/x', 'https://user:pw@example.com/a', 'ftp://example.com/a', 'https://localhost/x']) {
      const r = await office.post(`/api/activities/${a.id}/hold`, {
        version: a.version,
        heldOn: '2026-12-01',
        residents: 1,
        volunteers: 0,
        cadres: 0,
        coBuildingStaff: 0,
        publicityUrl: url,
      });
      expect(r.statusCode, url).toBe(400);
      expect(r.json().error.fields[0].path).toBe('body.publicityUrl');
    }
    const cadreB = as(app, await login(app, 'cadreb'));
    const outside = await cadreB.post('/api/activities', planBody({ coUnitIds: [] }));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields[0].path).toBe('placeId');
    expect((await cadreB.post(`/api/activities/${a.id}/cancel`, { version: a.version, reason: '不是我的' })).statusCode).toBe(404);
    const chief = as(app, await login(app, 'chief'));
    expect((await chief.post('/api/activities', planBody())).statusCode).toBe(403);
    const neg = await office.post(`/api/activities/${a.id}/hold`, {
      version: a.version,
      heldOn: '2026-12-01',
      residents: -1,
      volunteers: 0,
      cadres: 0,
      coBuildingStaff: 0,
    });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().error.fields[0].path).toBe('body.residents');
  });
});

describe('the list, its filters and the figures', () => {
  it('filters by community, station, month, kind and state, pages by cursor, and the figures count what their drill-down lists', async () => {
    // A few more held ones in other months and kinds.
    for (const [day, kind] of [
      ['2026-03-05', 'volunteer_service'],
      ['2026-03-12', 'tree_planting'],
      ['2026-06-19', 'talk'],
      ['2025-12-20', 'selection'],
    ] as const) {
      const a = (await office.post('/api/activities', planBody({ onDate: day, kindId: kinds[kind], coUnitIds: [] }))).json();
      expect(
        (await office.post(`/api/activities/${a.id}/hold`, { version: a.version, heldOn: day, residents: 10, volunteers: 5, cadres: 1, coBuildingStaff: 0 }))
          .statusCode,
      ).toBe(200);
    }
    const march = (await office.get(`/api/activities?regionCode=${COMMUNITY_A}&month=2026-03`)).json().items;
    expect(march.map((a: any) => a.onDate)).toEqual(['2026-03-12', '2026-03-05']);
    expect((await office.get(`/api/activities?regionCode=${COMMUNITY_B}&month=2026-03`)).json().items).toEqual([]);
    expect((await office.get(`/api/activities?unitId=${ids.station}&state=cancelled`)).json().items.map((a: any) => a.title)).toEqual(['文明劝导']);
    const p1 = (await office.get(`/api/activities?regionCode=${TOWN}&limit=2`)).json();
    const p2 = (await office.get(`/api/activities?regionCode=${TOWN}&limit=2&cursor=${p1.nextCursor}`)).json();
    expect(p1.items.length).toBe(2);
    expect(p2.items.map((a: any) => a.id)).not.toContain(p1.items[0].id);
    expect((await office.get('/api/activities?cursor=bad')).statusCode).toBe(400);
    expect((await office.get('/api/activities?limit=500')).statusCode).toBe(400);

    const v = await activityFigureValues(tdb.db, TOWN, '2026-01-01', '2026-12-31');
    expect(v).toEqual({ 'activities.held': 4, 'activities.featured': 3 });
    // Through the registry's API, each with a drill-down listing exactly what it counts (the desk page's `region` is the API's regionCode).
    const figs = (await office.get(`/api/figures?region=${TOWN}&period=2026&ids=activities.held,activities.featured`)).json();
    const items: any[] = figs.items ?? figs.figures ?? figs;
    for (const fig of ['activities.held', 'activities.featured'] as const) {
      const f = items.find((x: any) => x.id === fig);
      expect(f.value, fig).toBe(v[fig]);
      expect(f.drillUrl).toBe(activityDrillDown(fig, TOWN, '2026-01-01', '2026-12-31'));
      const listed = (await office.get(`/api${f.drillUrl.replace('region=', 'regionCode=')}&limit=200`)).json().items;
      expect(listed.length, f.drillUrl).toBe(v[fig]);
    }
    // Another town's office sees none of it.
    const office2 = as(app, await login(app, 'office2'));
    expect((await office2.get(`/api/activities?regionCode=${TOWN}`)).json().items).toEqual([]);
  });
});

describe('Excel', () => {
  it('exports the list and imports a good file in one go', async () => {
    const cookie = await login(app, 'office');
    const ex = await app.inject({ method: 'GET', url: `/api/activities/export.xlsx?regionCode=${COMMUNITY_A}&state=held`, headers: { cookie } });
    expect(ex.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(ex.rawPayload as any);
    const ws = wb.getWorksheet('活动清单')!;
    expect(ws.getRow(1).getCell(2).value).toBe('活动名称');
    expect(ws.rowCount - 1).toBe(5);
    const before = (await office.get(`/api/activities?regionCode=${TOWN}&limit=200`)).json().items.length;
    const good = await upload(
      cookie,
      await sheet([
        [
          '重阳敬老文艺汇演',
          '文体活动',
          '已开展',
          '2026-10-18',
          '水东街社区',
          '水东街文化广场',
          '水东街社区新时代文明实践站',
          '汀州镇中心小学',
          80,
          10,
          '为老人表演节目',
          'https://mp.weixin.qq.com/s/xyz',
          '',
        ],
        ['道德模范评选', '先进评选', '计划中', '2026-12-20', '', '五通街', '汀州镇新时代文明实践所', '', '', '', '', '', ''],
        ['元旦游园', '节日活动', '已取消', '2026-12-30', '', '东门公园', '汀州镇新时代文明实践所', '', '', '', '', '', '场地维修'],
      ]),
    );
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json().created).toBe(3);
    expect((await office.get(`/api/activities?regionCode=${TOWN}&limit=200`)).json().items.length).toBe(before + 3);
  });

  it('an import with one bad row imports nothing and names the row', async () => {
    const cookie = await login(app, 'office');
    const before = Number((await tdb.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM activities`)).rows[0].n);
    const bad = await upload(
      cookie,
      await sheet([
        ['好的一行', '主题宣讲', '计划中', '2026-12-21', '', '五通街', '水东街社区新时代文明实践站', '', '', '', '', '', ''],
        ['外镇共建', '主题宣讲', '计划中', '2026-12-22', '', '五通街', '水东街社区新时代文明实践站', '大同镇卫生院', '', '', '', '', ''],
        ['坏链接', '主题宣讲', '已开展', '2026-12-01', '', '五通街', '水东街社区新时代文明实践站', '', 5, 1, '', 'not a url', ''],
      ]),
    );
    expect(bad.statusCode).toBe(400);
    const e = bad.json().error;
    expect(e.code).toBe('IMPORT_INVALID');
    expect(e.details.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 3, column: '共建单位' }), expect.objectContaining({ row: 4, column: '宣传报道链接' })]),
    );
    expect(e.details.errors.some((x: any) => x.row === 2)).toBe(false);
    expect(e.message).toContain('第 3 行');
    expect(e.details.report.base64.length).toBeGreaterThan(100);
    expect(Number((await tdb.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM activities`)).rows[0].n)).toBe(before);
    // A file that is not .xlsx, or lacks the headers: 4xx, never 500.
    expect((await upload(cookie, Buffer.from('not a spreadsheet'))).statusCode).toBe(415);
    const noHeader = await upload(cookie, await sheet([['x']], ['随便']));
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.json().error.details.errors[0].row).toBe(1);
  });
});

describe('kinds (admin-editable)', () => {
  it('the admin renames and retires a kind; a retired kind cannot be planned; others may not edit', async () => {
    const admin = as(app, await login(app, 'admin'));
    const k = (await admin.get('/api/activities/kinds')).json().items.find((x: any) => x.code === 'festival');
    const r = await admin.patch(`/api/activities/kinds/${k.id}`, { version: k.version, name: '我们的节日', active: false });
    expect(r.statusCode, r.body).toBe(200);
    const refused = await office.post('/api/activities', planBody({ kindId: k.id, coUnitIds: [] }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0].message).toContain('已停用');
    expect((await office.patch(`/api/activities/kinds/${k.id}`, { version: k.version + 1, active: true })).statusCode).toBe(403);
    expect((await admin.post('/api/activities/kinds', { name: '主题宣讲' })).statusCode).toBe(409);
    expect((await admin.post('/api/activities/kinds', { name: '邻里节' })).statusCode).toBe(201);
  });
});

describe('assessment: activity_held and activity_shortfall rules', () => {
  it('scores each held activity to its community and a station’s short month, and refuses a shortfall rule without its minimum', async () => {
    const rule = (body: Record<string, unknown>) =>
      office.post('/api/assessment/rules', { regionCode: TOWN, effectiveFrom: '2026-01-01', capPerPeriod: null, ...body });
    const noMin = await rule({ name: '实践站每月活动不少于2场', eventKind: 'activity_shortfall', subjectKind: 'unit', points: -2 });
    expect(noMin.statusCode).toBe(400);
    expect(noMin.json().error.fields[0].path).toBe('threshold');
    expect((await rule({ name: '每开展1场活动加0.5分', eventKind: 'activity_held', subjectKind: 'community', points: 0.5 })).statusCode).toBe(201);
    const short = await rule({ name: '实践站每月活动不少于2场', eventKind: 'activity_shortfall', subjectKind: 'unit', points: -2, threshold: 2 });
    expect(short.statusCode, short.body).toBe(201);
    expect(short.json().threshold).toBe(2);
    // March 2026: the station held 2 (03-05, 03-12), so no shortfall; June: 1 (06-19), short.
    const march = (await office.get(`/api/assessment/why?subjectKind=community&ref=${COMMUNITY_A}&kind=month&date=2026-03-01`)).json();
    expect(march.entries.filter((e: any) => e.eventKind === 'activity_held').map((e: any) => [e.onDate, e.points])).toEqual([
      ['2026-03-05', 0.5],
      ['2026-03-12', 0.5],
    ]);
    const station = (m: string) => office.get(`/api/assessment/why?subjectKind=unit&ref=${ids.station}&kind=month&date=${m}`).then((r) => r.json());
    expect((await station('2026-03-01')).entries.filter((e: any) => e.eventKind === 'activity_shortfall')).toEqual([]);
    const june = (await station('2026-06-01')).entries.filter((e: any) => e.eventKind === 'activity_shortfall');
    expect(june.map((e: any) => [e.onDate, e.points])).toEqual([['2026-06-30', -2]]);
    expect(june[0].note).toContain('1 场');
    // December is not over (the clock says 2026-12-06): no shortfall yet.
    expect((await station('2026-12-01')).entries.filter((e: any) => e.eventKind === 'activity_shortfall')).toEqual([]);
    // The nightly recompute stores the same entries.
    expect((await office.post('/api/assessment/recompute', { region: TOWN, date: '2026-06-01' })).statusCode).toBe(200);
    const ledger = (await office.get(`/api/assessment/ledger?region=${TOWN}&kind=month&date=2026-06-01`)).json();
    // The held one to the community; the station (1 held) and the institute (none) each short.
    expect(
      ledger
        .filter((e: any) => e.eventKind.startsWith('activity_'))
        .map((e: any) => `${e.eventKind}:${e.subjectRef}`)
        .sort(),
    ).toEqual([`activity_held:${COMMUNITY_A}`, `activity_shortfall:${ids.institute}`, `activity_shortfall:${ids.station}`].sort());
  });
});
