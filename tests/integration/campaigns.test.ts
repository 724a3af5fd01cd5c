// Clean-up campaigns (issue 18 item 3): a town's campaign over communities and
// places with target categories; daily records of person-times and results
// (non-negative integers, inside the campaign's dates, never in the future,
// stale versions refused); the problems closed during it in its areas and
// categories, live while it runs and frozen when it closes; the summary and
// its .docx; totals per period and figures ⑱-㉖ with their drill-down;
// scoping and permissions; bad input is a 4xx naming the field, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, COMMUNITY_A, COMMUNITY_B, login, openTown, TOWN, type Town } from '../helpers/town.ts';
import { closedProblem } from '../helpers/problems.ts';
import { multipartFile, phoneJpeg, uploadPhoto } from '../helpers/photos.ts';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { setClock } from '../../server/platform/clock.ts';
import { campaignDrillDown, campaignFigureValues } from '../../server/modules/campaigns/index.ts';
import { figures } from '../../server/modules/figures/index.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let office: ReturnType<typeof as>;
let cookies: Record<string, string> = {};
const ids: Record<string, number> = {};
let tally: Record<string, number> = {};

const cat = async (name: string) =>
  Number((await tdb.db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = ${name} AND level = 2`)).rows[0].id);

beforeAll(async () => {
  setClock(new Date('2026-12-06T10:00:00+08:00'));
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true }));
  for (const who of ['office', 'office2', 'cadrea', 'cadreb', 'leader', 'chief', 'county']) cookies[who] = await login(app, who);
  office = as(app, cookies.office);
  const place = async (regionCode: string, name: string) => (await office.post('/api/places', { kind: 'street', regionCode, name })).json().id as number;
  ids.alley = await place(COMMUNITY_B, '兆征巷');
  ids.otherAlley = await place(COMMUNITY_B, '店头街');
  ids.garbage = await cat('暴露垃圾');
  ids.piles = await cat('乱堆物堆料');
  ids.posters = await cat('非法小广告');
  const k = (await office.get('/api/campaigns/kinds')).json();
  tally = Object.fromEntries(k.tallyKinds.map((x: any) => [x.code, x.id]));
  ids.defaultKind = k.defaultKindId;
}, 120_000);
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

const closed = (region: string, category: number, at: string, placeId: number | null = null) =>
  closedProblem(tdb.db, { region, category, placeId, unit: town.units.committeeA, due: '2026-12-31', created: '2026-11-20T09:00:00+08:00', closed: at });

describe('a campaign', () => {
  it('starts with the default kind, its areas (a community and a place) and target categories', async () => {
    const k = (await office.get('/api/campaigns/kinds')).json();
    expect(k.kinds.find((x: any) => x.id === k.defaultKindId).name).toBe('环境卫生集中整治');
    expect(k.tallyKinds.find((x: any) => x.code === 'garbage')).toMatchObject({ name: '清理路面垃圾', unit: '车处', measure: 'result' });
    const res = await office.post('/api/campaigns', {
      theme: '背街小巷环境卫生大扫除',
      startDate: '2026-12-01',
      endDate: '2026-12-10',
      communityCodes: [COMMUNITY_A],
      placeIds: [ids.alley],
      categoryIds: [ids.garbage, ids.piles],
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    ids.campaign = c.id;
    expect(c).toMatchObject({ townCode: TOWN, state: 'running', phase: 'running', kind: { id: ids.defaultKind } });
    expect(c.areas.map((a: any) => a.place?.name ?? a.communityName)).toEqual(['水东街社区居民委员会', '兆征巷']);
    expect(c.categories.map((x: any) => x.name).sort()).toEqual(['乱堆物堆料', '暴露垃圾'].sort());
    expect(c.can).toEqual({ edit: true, record: true, close: true });
  });

  it('refuses impossible dates, areas outside the caller’s town, and writers without the right', async () => {
    const base = { theme: '测试行动', startDate: '2026-12-01', endDate: '2026-12-10', communityCodes: [COMMUNITY_A] };
    const back = await office.post('/api/campaigns', { ...base, endDate: '2026-11-30' });
    expect(back.statusCode).toBe(400);
    expect(back.json().error.fields[0]).toMatchObject({ path: 'body.endDate', message: '结束日期不能早于开始日期' });
    expect((await office.post('/api/campaigns', { ...base, communityCodes: [] })).statusCode).toBe(400);
    expect((await office.post('/api/campaigns', { ...base, communityCodes: ['350821101201'] })).statusCode).toBe(400);
    expect((await office.post('/api/campaigns', { ...base, startDate: '2026-02-30' })).statusCode).toBe(400);
    expect((await as(app, cookies.cadrea).post('/api/campaigns', base)).statusCode).toBe(403);
    expect((await as(app, cookies.office2).get(`/api/campaigns/${ids.campaign}`)).statusCode).toBe(404);
    expect((await as(app, cookies.chief).get(`/api/campaigns/${ids.campaign}`)).statusCode).toBe(403);
  });

  it('records a day: person-times and results by kind, before/after photos; a second writer must name the version', async () => {
    const photo = (await uploadPhoto(app, cookies.cadrea)).json().id;
    const counts = [
      { kindId: tally.cadres, value: 30 },
      { kindId: tally.workers, value: 12 },
      { kindId: tally.garbage, value: 8 },
      { kindId: tally.posters, value: 45 },
    ];
    const res = await as(app, cookies.cadrea).put(`/api/campaigns/${ids.campaign}/days/2026-12-02`, { counts, note: '水东街片区', beforePhotoIds: [photo] });
    expect(res.statusCode, res.body).toBe(200);
    const day = res.json().dayRecords[0];
    expect(day).toMatchObject({ onDate: '2026-12-02', note: '水东街片区', version: 1 });
    expect(day.before).toHaveLength(1);
    const again = await office.put(`/api/campaigns/${ids.campaign}/days/2026-12-02`, { counts });
    expect(again.statusCode).toBe(409);
    const fixed = await office.put(`/api/campaigns/${ids.campaign}/days/2026-12-02`, {
      version: 1,
      counts: [...counts.slice(0, 3), { kindId: tally.posters, value: 40 }],
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    // The community of the campaign's place records too.
    const b = await as(app, cookies.cadreb).put(`/api/campaigns/${ids.campaign}/days/2026-12-03`, {
      counts: [
        { kindId: tally.cadres, value: 10 },
        { kindId: tally.co_building, value: 6 },
        { kindId: tally.parking, value: 14 },
      ],
    });
    expect(b.statusCode, b.body).toBe(200);
    const c = b.json();
    const total = (code: string) => c.totals.find((t: any) => t.code === code).value;
    expect([total('cadres'), total('workers'), total('co_building'), total('garbage'), total('posters'), total('parking')]).toEqual([40, 12, 6, 8, 40, 14]);
    expect(c.staffTotal).toBe(58);
  });

  it('refuses negative, fractional or duplicate counts, days outside the campaign or in the future', async () => {
    const url = (d: string) => `/api/campaigns/${ids.campaign}/days/${d}`;
    for (const value of [-1, 1.5, '3', 100_001]) {
      const r = await office.put(url('2026-12-04'), { counts: [{ kindId: tally.cadres, value }] });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.fields[0].path).toBe('body.counts.0.value');
    }
    const dup = await office.put(url('2026-12-04'), {
      counts: [
        { kindId: tally.cadres, value: 1 },
        { kindId: tally.cadres, value: 2 },
      ],
    });
    expect(dup.statusCode).toBe(400);
    expect((await office.put(url('2026-11-30'), { counts: [] })).json().error.fields[0].message).toContain('专项行动期间');
    expect((await office.put(url('2026-12-07'), { counts: [] })).json().error.fields[0].message).toContain('今天以后');
    expect((await office.put(url('2026-12-04'), { counts: [{ kindId: 99999, value: 1 }] })).statusCode).toBe(400);
    expect((await as(app, cookies.leader).put(url('2026-12-04'), { counts: [] })).statusCode).toBe(403);
  });

  it('links the problems closed during it in its areas and target categories, live while it runs', async () => {
    await closed(COMMUNITY_A, ids.garbage, '2026-12-02T15:00:00+08:00'); // counted
    await closed(COMMUNITY_A, ids.piles, '2026-12-01T00:10:00+08:00'); // counted: the first day, China time
    await closed(COMMUNITY_A, ids.garbage, '2026-11-30T23:50:00+08:00'); // before it
    await closed(COMMUNITY_A, ids.posters, '2026-12-03T10:00:00+08:00'); // not a target category
    await closed(COMMUNITY_B, ids.garbage, '2026-12-03T10:00:00+08:00', ids.alley); // its place: counted
    await closed(COMMUNITY_B, ids.garbage, '2026-12-03T10:00:00+08:00', ids.otherAlley); // another place of B
    const c = (await office.get(`/api/campaigns/${ids.campaign}`)).json();
    expect(c).toMatchObject({ linkedProblems: 3, linkedFrozen: false });
    const page1 = (await office.get(`/api/campaigns/${ids.campaign}/problems?limit=2`)).json();
    expect(page1.items).toHaveLength(2);
    const page2 = (await office.get(`/api/campaigns/${ids.campaign}/problems?limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`)).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    // A day's page lists those closed that day (China time).
    const onDay = (d: string) => office.get(`/api/campaigns/${ids.campaign}/problems?on=${d}`).then((r) => r.json().items.length);
    expect([await onDay('2026-12-01'), await onDay('2026-12-02'), await onDay('2026-12-03'), await onDay('2026-12-04')]).toEqual([1, 1, 1, 0]);
    expect((await office.get(`/api/campaigns/${ids.campaign}/problems?on=2026-13-01`)).statusCode).toBe(400);
    await closed(COMMUNITY_A, ids.garbage, '2026-12-05T09:00:00+08:00');
    expect((await office.get(`/api/campaigns/${ids.campaign}`)).json().linkedProblems).toBe(4);
  });

  it('summarises: totals, each day, the linked problems by category and community; a .docx in the notices’ layout', async () => {
    const s = (await office.get(`/api/campaigns/${ids.campaign}/summary`)).json();
    expect(s.byDay.map((d: any) => d.onDate)).toEqual(['2026-12-02', '2026-12-03']);
    expect(s.byDay[0].values).toMatchObject({ cadres: 30, garbage: 8, posters: 40 });
    expect(s.linked.total).toBe(4);
    expect(s.linked.byCategory).toEqual([
      { name: '暴露垃圾', count: 3 },
      { name: '乱堆物堆料', count: 1 },
    ]);
    expect(s.linked.byCommunity.map((x: any) => x.count).sort()).toEqual([1, 3]);
    // Two after photos on the second day: the .docx prints each day's pairs, 整治前 beside 整治后.
    const after = [
      (await uploadPhoto(app, cookies.cadreb, await phoneJpeg('#3a3'))).json().id,
      (await uploadPhoto(app, cookies.cadreb, await phoneJpeg('#33a'))).json().id,
    ];
    const day3 = s.byDay[1].values;
    const counts = Object.entries(tally)
      .filter(([code]) => day3[code])
      .map(([code, kindId]) => ({ kindId, value: day3[code] }));
    const put = await as(app, cookies.cadreb).put(`/api/campaigns/${ids.campaign}/days/2026-12-03`, { version: 1, counts, afterPhotoIds: after });
    expect(put.statusCode, put.body).toBe(200);
    const doc = await office.get(`/api/campaigns/${ids.campaign}/summary.docx`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(doc.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('专项行动每日情况统计表');
    expect(xml).toContain('整治前后对比照片');
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    expect(media).toHaveLength(3); // 12-02 before; 12-03 two after
    expect((xml.match(/<a:blip /g) ?? []).length).toBe(3);
    for (const f of media) expect((await zip.file(f)!.async('nodebuffer')).subarray(0, 2).toString('hex')).toBe('ffd8'); // JPEG thumbnails
    expect(doc.rawPayload.length).toBeLessThan(400_000);
  });

  it('freezes the linked problems when it closes; a closed campaign is not edited any more', async () => {
    const c = (await office.get(`/api/campaigns/${ids.campaign}`)).json();
    expect((await as(app, cookies.cadrea).post(`/api/campaigns/${ids.campaign}/close`, { version: c.version })).statusCode).toBe(403);
    const res = await office.post(`/api/campaigns/${ids.campaign}/close`, { version: c.version, summary: '共清理垃圾8车处' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'closed', linkedProblems: 4, linkedFrozen: true, can: { edit: false, record: false, close: false } });
    await closed(COMMUNITY_A, ids.garbage, '2026-12-05T18:00:00+08:00'); // closed later with an earlier date: not counted any more
    expect((await office.get(`/api/campaigns/${ids.campaign}`)).json().linkedProblems).toBe(4);
    expect((await office.put(`/api/campaigns/${ids.campaign}/days/2026-12-04`, { counts: [] })).statusCode).toBe(409);
    expect((await office.post(`/api/campaigns/${ids.campaign}/close`, { version: res.json().version })).statusCode).toBe(409);
    const edit = await office.put(`/api/campaigns/${ids.campaign}`, {
      version: res.json().version,
      theme: '改名',
      startDate: '2026-12-01',
      endDate: '2026-12-10',
      communityCodes: [COMMUNITY_A],
    });
    expect(edit.statusCode).toBe(409);
  });
});

describe('totals and figures', () => {
  it('counts person-times and results of the days in the period (⑱-㉖), ㉒ the sanitation campaigns started in it', async () => {
    const other = (await office.get('/api/campaigns/kinds')).json().kinds.find((k: any) => k.code === 'traffic').id;
    const t = await office.post('/api/campaigns', {
      kindId: other,
      theme: '交通秩序整治',
      startDate: '2026-12-04',
      endDate: '2026-12-20',
      communityCodes: [COMMUNITY_B],
    });
    expect(t.statusCode).toBe(201);
    await office.put(`/api/campaigns/${t.json().id}/days/2026-12-05`, { counts: [{ kindId: tally.urban_management, value: 9 }] });
    const v = await campaignFigureValues(tdb.db, TOWN, '2026-12-01', '2026-12-31');
    expect(v).toMatchObject({
      'campaigns.cadres': 40,
      'campaigns.workers': 12,
      'campaigns.urban_management': 9,
      'campaigns.co_building': 6,
      'campaigns.sanitation': 1,
      'campaigns.garbage': 8,
      'campaigns.posters': 40,
      'campaigns.piles': 0,
      'campaigns.parking': 14,
    });
    // A community counts the campaigns whose areas include it.
    expect((await campaignFigureValues(tdb.db, COMMUNITY_B, '2026-12-01', '2026-12-31'))['campaigns.urban_management']).toBe(9);
    expect((await campaignFigureValues(tdb.db, TOWN, '2026-12-03', '2026-12-31'))['campaigns.cadres']).toBe(10);
    const reg = await figures(tdb.db, TOWN, { from: '2026-01-01', to: '2026-12-31' }, ['campaigns.sanitation', 'campaigns.cadres']);
    expect(reg.map((f) => f.value)).toEqual([40, 1]);
    // The drill-down lists exactly the campaign ㉒ counts.
    const url = campaignDrillDown('campaigns.sanitation', { region: TOWN, from: '2026-12-01', to: '2026-12-31' });
    expect(url).toBe(`/campaigns?kind=sanitation&started=1&region=${TOWN}&from=2026-12-01&to=2026-12-31`);
    const listed = (await office.get(`/api/campaigns?kind=sanitation&started=1&regionCode=${TOWN}&from=2026-12-01&to=2026-12-31`)).json();
    expect(listed.items.map((c: any) => c.id)).toEqual([ids.campaign]);
  });

  it('totals a period by kind and by month for the year-end report', async () => {
    const t = (await office.get('/api/campaigns/totals?period=2026')).json();
    expect(t).toMatchObject({ from: '2026-01-01', to: '2026-12-31', region: TOWN, campaigns: 2 });
    expect(t.byMonth).toEqual([
      { month: '2026-12', campaigns: 2, values: { cadres: 40, workers: 12, co_building: 6, urban_management: 9, garbage: 8, posters: 40, parking: 14 } },
    ]);
    expect((await office.get('/api/campaigns/totals?period=2026-13')).statusCode).toBe(400);
    expect((await as(app, cookies.office2).get(`/api/campaigns/totals?regionCode=${TOWN}`)).statusCode).toBe(404);
    expect((await as(app, cookies.county).get(`/api/campaigns/totals?regionCode=${TOWN}&period=2026-12`)).json().campaigns).toBe(2);
  });

  it('lists by state and pages with an opaque cursor; a bad cursor is a 400', async () => {
    const running = (await office.get('/api/campaigns?state=running')).json();
    expect(running.items.map((c: any) => c.theme)).toEqual(['交通秩序整治']);
    const p1 = (await office.get('/api/campaigns?limit=1')).json();
    expect(p1.items).toHaveLength(1);
    const p2 = (await office.get(`/api/campaigns?limit=1&cursor=${encodeURIComponent(p1.nextCursor)}`)).json();
    expect(p2.items[0].id).not.toBe(p1.items[0].id);
    expect((await office.get('/api/campaigns?cursor=garbage')).statusCode).toBe(400);
    expect((await as(app, cookies.cadreb).get('/api/campaigns')).json().items).toHaveLength(2);
    expect((await as(app, cookies.cadrea).get('/api/campaigns')).json().items).toHaveLength(1);
  });
});

describe('Excel', () => {
  const sheet = async (rows: (string | number)[][], header = ['日期', '镇居干部（人次）', '清理路面垃圾（车处）', '备注']) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('日记录');
    ws.addRow(header);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const upload = async (id: number, buf: Buffer) => {
    const m = multipartFile(buf, 'days.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return app.inject({ method: 'POST', url: `/api/campaigns/${id}/days/import`, payload: m.payload, headers: { ...m.headers, cookie: cookies.office } });
  };
  const running = async () => (await office.get('/api/campaigns?state=running')).json().items[0].id as number;

  it('imports daily records all or nothing, naming each bad row and column', async () => {
    const id = await running();
    const bad = await upload(
      id,
      await sheet([
        ['2026-12-04', 5, 1, ''],
        ['2026-12-05', 3, 0, '已登记过'],
        ['2026-12-06', -1, 'x', ''],
        ['2026-12-08', 1, 1, '明天以后'],
      ]),
    );
    expect(bad.statusCode).toBe(400);
    const e = bad.json().error;
    expect(e.code).toBe('IMPORT_INVALID');
    expect(e.details.errors).toEqual([
      { row: 3, column: '日期', message: '该日已有记录，请在系统中修改' },
      { row: 4, column: '镇居干部（人次）', message: '“-1”不是非负整数' },
      { row: 4, column: '清理路面垃圾（车处）', message: '“x”不是非负整数' },
      { row: 5, column: '日期', message: '不能登记今天以后的日记录' },
    ]);
    expect(e.details.report.base64.length).toBeGreaterThan(100);
    expect((await office.get(`/api/campaigns/${id}`)).json().dayRecords).toHaveLength(1);
    const good = await upload(
      id,
      await sheet([
        ['2026-12-04', 5, 1, '东门片区'],
        ['2026-12-06', 7, '', ''],
      ]),
    );
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json()).toEqual({ saved: 2, days: ['2026-12-04', '2026-12-06'] });
    const c = (await office.get(`/api/campaigns/${id}`)).json();
    expect(c.dayRecords.map((d: any) => d.onDate)).toEqual(['2026-12-04', '2026-12-05', '2026-12-06']);
    expect(c.totals.find((t: any) => t.code === 'cadres').value).toBe(12);
    expect((await upload(id, await sheet([['2026-12-01', 1, 1, '']], ['日期', '不存在的项']))).json().error.details.errors[0].column).toBe('不存在的项');
    expect((await upload(id, Buffer.from('not a workbook'))).statusCode).toBe(415);
  });

  it('exports the daily records as the import template, and the campaign list with each kind total', async () => {
    const id = await running();
    const days = await office.get(`/api/campaigns/${id}/days.xlsx`);
    expect(days.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(days.rawPayload as any);
    const ws = wb.getWorksheet('日记录')!;
    expect(ws.getRow(1).getCell(1).value).toBe('日期');
    expect(ws.rowCount).toBe(4);
    const list = await office.get('/api/campaigns/export.xlsx');
    expect(list.statusCode).toBe(200);
    const lw = new ExcelJS.Workbook();
    await lw.xlsx.load(list.rawPayload as any);
    const sheet1 = lw.getWorksheet('专项行动')!;
    expect(sheet1.rowCount).toBe(3);
    const header = (sheet1.getRow(1).values as string[]).slice(1);
    expect(header).toContain('清理路面垃圾（车处）');
  });
});
