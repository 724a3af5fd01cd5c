// The 摸排 facility-gap survey (issue 18 item 4): a need recorded in a
// community with its kind, place, photos, finder, quantity and departments;
// moved 待对接 → 已对接 → 已立项 → 实施中 → 已完成 or 暂缓 with a reason, with
// its history; linked to a problem; a department's liaison sees the needs
// listing their unit and answers (a pending need becomes 已对接); the
// department's list as .xlsx; the all-or-nothing import; the map layer;
// scoping, permissions and bad input as 4xx naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, COMMUNITY_A, COMMUNITY_B, login, openTown, type Town } from '../helpers/town.ts';
import { multipartFile, uploadPhoto } from '../helpers/photos.ts';
import { filedProblem } from '../helpers/problems.ts';
import { setClock } from '../../server/platform/clock.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let office: ReturnType<typeof as>;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};
let kinds: Record<string, number> = {};

beforeAll(async () => {
  setClock(new Date('2026-12-06T10:00:00+08:00'));
  ({ tdb, town, app } = await openTown({ categories: true }));
  for (const who of ['office', 'office2', 'cadrea', 'cadreb', 'leader', 'liaison', 'chief']) cookies[who] = await login(app, who);
  office = as(app, cookies.office);
  ids.sports = Number(
    (await tdb.db.execute<{ id: number }>(sql`INSERT INTO units (kind, name, region_code) VALUES ('department', '长汀县文体旅游局', '350821') RETURNING id`))
      .rows[0].id,
  );
  ids.square = (await office.post('/api/places', { kind: 'compound', regionCode: COMMUNITY_A, name: '水东街小区', lat: 25.8266, lng: 116.3586 })).json().id;
  kinds = Object.fromEntries((await office.get('/api/surveys/kinds')).json().items.map((k: any) => [k.code, k.id]));
}, 120_000);
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

const need = (over: Record<string, unknown> = {}) => ({
  placeId: ids.square,
  kindId: kinds.fitness,
  description: '小区内无健身器材',
  quantity: 1,
  size: '约200平方米',
  foundBy: '罗美玲',
  foundOn: '2026-12-01',
  unitIds: [ids.sports],
  ...over,
});

describe('a need', () => {
  it('is recorded in a community with its place, photos and departments, and starts 待对接', async () => {
    expect(Object.keys(kinds)).toContain('overhead_wires');
    const photo = (await uploadPhoto(app, cookies.cadrea)).json().id;
    const res = await as(app, cookies.cadrea).post('/api/surveys/needs', need({ photoIds: [photo] }));
    expect(res.statusCode, res.body).toBe(201);
    const n = res.json();
    ids.need = n.id;
    expect(n).toMatchObject({ regionCode: COMMUNITY_A, state: 'pending', stateLabel: '待对接', place: { name: '水东街小区' }, quantity: 1 });
    expect(n.units.map((u: any) => u.name)).toEqual(['长汀县文体旅游局']);
    expect(n.photos).toHaveLength(1);
    expect(n.events.map((e: any) => e.toState)).toEqual(['pending']);
    expect(n.can).toMatchObject({ edit: true, moves: [], link: false });
  });

  it('refuses bad input and writers outside their community', async () => {
    const cadreb = as(app, cookies.cadreb);
    expect((await cadreb.post('/api/surveys/needs', need())).statusCode).toBe(400); // the place is in 水东街, not theirs
    expect((await office.post('/api/surveys/needs', need({ quantity: -1 }))).json().error.fields[0].path).toBe('body.quantity');
    expect((await office.post('/api/surveys/needs', need({ quantity: 2.5 }))).statusCode).toBe(400);
    expect((await office.post('/api/surveys/needs', need({ foundOn: '2026-12-07' }))).json().error.fields[0].message).toContain('不能晚于今天');
    const far = await office.post('/api/surveys/needs', need({ lat: 31.23, lng: 121.47 }));
    expect(far.statusCode).toBe(400);
    expect(far.json().error.fields[0].message).toContain('远在本镇范围之外');
    expect((await office.post('/api/surveys/needs', need({ unitIds: [999999] }))).json().error.fields[0].path).toBe('body.unitIds');
    expect((await office.post('/api/surveys/needs', need({ placeId: null, regionCode: null }))).statusCode).toBe(400);
    expect((await as(app, cookies.chief).post('/api/surveys/needs', need())).statusCode).toBe(403);
    expect((await as(app, cookies.office2).get(`/api/surveys/needs/${ids.need}`)).statusCode).toBe(404);
  });

  it('is moved by the office one step at a time, deferred only with a reason, with its history', async () => {
    const move = async (m: string, extra: Record<string, unknown> = {}) => {
      const v = (await office.get(`/api/surveys/needs/${ids.need}`)).json().version;
      return office.post(`/api/surveys/needs/${ids.need}/move`, { version: v, move: m, ...extra });
    };
    expect((await move('approve')).statusCode).toBe(409); // 待对接 cannot be 立项 yet
    expect((await as(app, cookies.cadrea).post(`/api/surveys/needs/${ids.need}/move`, { version: 1, move: 'contact' })).statusCode).toBe(403);
    expect((await move('contact', { note: '已电话联系文体旅游局' })).json().state).toBe('contacted');
    expect((await move('defer')).json().error.fields[0].path).toBe('body.reason');
    const deferred = (await move('defer', { reason: '资金待落实' })).json();
    expect(deferred).toMatchObject({ state: 'deferred', deferReason: '资金待落实', can: { moves: ['resume'] } });
    expect((await move('resume')).json().state).toBe('pending');
    expect((await move('contact')).json().state).toBe('contacted');
    expect((await move('approve')).json().state).toBe('approved');
    const stale = await office.post(`/api/surveys/needs/${ids.need}/move`, { version: 1, move: 'start' });
    expect(stale.statusCode).toBe(409);
    const n = (await move('start')).json();
    expect(n.state).toBe('in_progress');
    expect(n.events.map((e: any) => e.toState)).toEqual(['pending', 'contacted', 'deferred', 'pending', 'contacted', 'approved', 'in_progress']);
    expect(n.events[1].note).toBe('已电话联系文体旅游局');
  });

  it('is linked to the problem it became, and the link is refused across towns', async () => {
    const p = await filedProblem(tdb.db, { region: COMMUNITY_A, description: '健身器材缺失' });
    const v = (await office.get(`/api/surveys/needs/${ids.need}`)).json().version;
    const res = await office.put(`/api/surveys/needs/${ids.need}/link`, { version: v, problemId: p.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().problem.id).toBe(p.id);
    const other = await filedProblem(tdb.db, { region: '350821101201', description: '大同镇问题' });
    expect((await office.put(`/api/surveys/needs/${ids.need}/link`, { version: v + 1, problemId: other.id })).statusCode).toBe(400);
  });
});

describe('the department', () => {
  it('its liaison sees the needs listing their unit and answers; a pending need becomes 已对接', async () => {
    const n2 = (
      await office.post(
        '/api/surveys/needs',
        need({ placeId: null, regionCode: COMMUNITY_B, kindId: kinds.overhead_wires, description: '店头街三线交越搭挂', unitIds: [town.units.chengguan] }),
      )
    ).json();
    ids.need2 = n2.id;
    const liaison = as(app, cookies.liaison);
    const page = (await liaison.get('/api/surveys/department')).json();
    expect(page.unit.id).toBe(town.units.chengguan);
    expect(page.items.map((x: any) => x.id)).toEqual([n2.id]);
    expect((await liaison.get(`/api/surveys/needs/${n2.id}`)).statusCode).toBe(200);
    expect((await liaison.get(`/api/surveys/needs/${ids.need}`)).statusCode).toBe(404); // not listing their unit
    expect((await liaison.get('/api/surveys/needs')).statusCode).toBe(403);
    const a = await liaison.post(`/api/surveys/needs/${n2.id}/answer`, { answer: '已列入下月三线整治计划' });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ state: 'contacted', units: [{ answer: '已列入下月三线整治计划' }] });
    expect((await liaison.post(`/api/surveys/needs/${ids.need}/answer`, { answer: '不是我们的' })).statusCode).toBe(404);
    expect((await liaison.get(`/api/surveys/department?unitId=${ids.sports}`)).statusCode).toBe(404);
    expect((await office.get('/api/surveys/department')).statusCode).toBe(403);
  });

  it('gets its list as .xlsx, and the map layer shows needs with a point', async () => {
    const x = await office.get(`/api/surveys/needs/export.xlsx?unitId=${town.units.chengguan}`);
    expect(x.statusCode).toBe(200);
    expect(decodeURIComponent(String(x.headers['content-disposition']))).toContain('城市管理局');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as any);
    const ws = wb.getWorksheet('摸排需求')!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(5).value).toBe('店头街三线交越搭挂');
    const map = (await office.get('/api/surveys/needs/map')).json();
    expect(map.items.map((p: any) => p.id)).toEqual([ids.need]); // its place has a point; the other need has none
    expect((await office.get('/api/surveys/needs?state=contacted')).json().items.map((n: any) => n.id)).toEqual([ids.need2]);
  });
});

describe('import', () => {
  const HEADER = ['编号', '社区', '地点', '需求类别', '需求描述', '地址', '数量', '规模', '发现人', '发现日期', '对接部门'];
  const sheet = async (rows: (string | number)[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('摸排需求');
    ws.addRow(HEADER);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const upload = async (buf: Buffer) => {
    const m = multipartFile(buf, 'needs.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return app.inject({ method: 'POST', url: '/api/surveys/needs/import', payload: m.payload, headers: { ...m.headers, cookie: cookies.office } });
  };
  const count = async () => Number((await tdb.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM survey_needs`)).rows[0].n);

  it('imports all rows or none, naming each bad row and column', async () => {
    const before = await count();
    const bad = await upload(
      await sheet([
        ['', '水东街社区', '', '需划停车线', '水东街路段需划停车线', '', 20, '', '王丽萍', '2026-11-28', '长汀县城市管理局'],
        ['', '不存在社区', '', '裸房', '临街裸房', '', 1, '', '王丽萍', '2026-11-28', '长汀县城市管理局'],
        ['', '东门街社区', '', '飞碟', '东门街', '', -3, '', '王丽萍', '2026-02-30', '不认识的局'],
      ]),
    );
    expect(bad.statusCode).toBe(400);
    const errors = bad.json().error.details.errors;
    expect(errors.map((e: any) => `${e.row}:${e.column}`)).toEqual(['3:社区', '4:需求类别', '4:发现日期', '4:数量', '4:对接部门']);
    expect(await count()).toBe(before);
    const good = await upload(
      await sheet([
        ['', '水东街社区', '', '需划停车线', '水东街路段需划停车线', '水东街', 20, '约300米', '王丽萍', '2026-11-28', '长汀县城市管理局'],
        ['', '东门街社区居民委员会', '', '裸房', '临街裸房两栋', '', 2, '', '王丽萍', '2026-11-29', '长汀县城市管理局、长汀县文体旅游局'],
      ]),
    );
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json().created).toBe(2);
    expect(await count()).toBe(before + 2);
  });
});
