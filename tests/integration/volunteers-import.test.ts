// Service records in Excel (issue 17 item 2): the organiser downloads the
// template, fills it and imports it; the records arrive confirmed (source
// 导入), one audit row per activity. Any bad row (another community's
// activity, a future or cancelled one, an unknown or ambiguous volunteer, a
// phone that names someone else, bad hours, a duplicate, a record already
// there) refuses the whole file with the 错误清单. The register exports as
// .xlsx with the list's filter, phones masked for a reader.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, COMMUNITY_A, COMMUNITY_B, login, openTown, type Town } from '../helpers/town.ts';
import { setClock } from '../../server/platform/clock.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const ids: Record<string, number> = {};
const c: Record<string, string> = {};
const HEAD = ['活动编号', '活动名称', '姓名', '手机号', '服务时长（小时）', '开始时间', '结束时间', '服务内容'];

const unit = async (kind: string, name: string, region: string) =>
  Number((await tdb.db.execute<{ id: number }>(sql`INSERT INTO units (kind, name, region_code) VALUES (${kind}, ${name}, ${region}) RETURNING id`)).rows[0].id);

async function xlsx(rows: (string | number)[][], header = HEAD) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('志愿服务记录');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
function upload(cookie: string, buf: Buffer) {
  const boundary = '----vol17';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="service.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
    ),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url: '/api/volunteers/service/import',
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
}
const count = async () => Number((await tdb.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM volunteer_service`)).rows[0].n);

beforeAll(async () => {
  setClock(new Date('2026-12-06T10:00:00+08:00'));
  ({ tdb, app, town } = await openTown({ categories: true, calendar: true }));
  for (const who of ['office', 'cadrea', 'cadreb', 'leader']) c[who] = await login(app, who);
  ids.teamA = await unit('volunteer_team', '水东街社区志愿服务队', COMMUNITY_A);
  ids.teamB = await unit('volunteer_team', '东门街社区志愿服务队', COMMUNITY_B);
  const cadrea = as(app, c.cadrea);
  const add = async (name: string, phone: string, teamId = ids.teamA, who = cadrea) =>
    (await who.post('/api/volunteers', { name, phone, teamId, joinedOn: '2026-01-01' })).json().personId as number;
  ids.lin = await add('林一', '13900008001');
  ids.wu = await add('吴二', '13900008002');
  ids.zhang1 = await add('张三', '13900008003');
  ids.zhang2 = await add('张三', '13900008004');
  ids.other = await add('郑四', '13900008005', ids.teamB, as(app, c.cadreb));
  expect((await cadrea.get('/api/activities/kinds')).statusCode).toBe(200);
  ids.placeA = (await as(app, c.office).post('/api/places', { kind: 'street', regionCode: COMMUNITY_A, name: '导入巷' })).json().id;
  ids.placeB = (await as(app, c.office).post('/api/places', { kind: 'street', regionCode: COMMUNITY_B, name: '东门巷' })).json().id;
  const act = async (title: string, onDate: string, placeId = ids.placeA, unitId = town.units.committeeA, who = cadrea) =>
    (await who.post('/api/activities', { title, kindId: 1, unitId, placeId, onDate })).json().id as number;
  ids.held = await act('学雷锋志愿服务', '2026-11-20');
  ids.held2 = await act('文明劝导', '2026-12-01');
  ids.future = await act('元旦活动', '2026-12-30');
  ids.elsewhere = await act('东门街活动', '2026-11-20', ids.placeB, town.units.committeeB, as(app, c.cadreb));
}, 300_000);
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

describe('the import template', () => {
  it('gives the organiser the columns to fill and how, and refuses a reader', async () => {
    const r = await as(app, c.cadrea).get('/api/volunteers/service/template.xlsx');
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as any);
    expect((wb.getWorksheet('志愿服务记录')!.getRow(1).values as string[]).slice(1)).toEqual(HEAD);
    expect(wb.getWorksheet('填写说明')!.rowCount).toBeGreaterThan(5);
    expect((await as(app, c.leader).get('/api/volunteers/service/template.xlsx')).statusCode).toBe(403);
  });
});

describe('importing service records', () => {
  it('refuses the whole file when any row is wrong, naming each row and column, with the 错误清单', async () => {
    const before = await count();
    const r = await upload(
      c.cadrea,
      await xlsx([
        [ids.held, '', '林一', '13900008001', 2, '', '', '秩序维护'], // good
        [ids.elsewhere, '', '吴二', '13900008002', 2, '', '', ''], // another community's activity
        [ids.future, '', '吴二', '13900008002', 2, '', '', ''], // not held yet
        [ids.held, '', '张三', '', 2, '', '', ''], // two of that name
        [ids.held, '', '吴二', '13900008001', 2, '', '', ''], // the phone is 林一's
        [ids.held, '', '王五', '', 2, '', '', ''], // nobody
        [ids.held2, '', '吴二', '13900008002', 30, '', '', ''], // too long
        [ids.held2, '', '吴二', '13900008002', '', '11:00', '09:00', ''], // ends before it starts
        [ids.held, '', '林一', '13900008001', 1, '', '', ''], // twice in the file
        [ids.held2, '', '郑四', '13900008005', 1, '', '', ''], // not in the organiser's scope
      ]),
    );
    expect(r.statusCode, r.body).toBe(400);
    const e = r.json().error;
    expect(e.code).toBe('IMPORT_INVALID');
    const at = (row: number) => e.details.errors.filter((x: any) => x.row === row).map((x: any) => x.column);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(['活动编号']);
    expect(at(4)).toEqual(['活动编号']);
    expect(at(5)).toEqual(['姓名']);
    expect(at(6)).toEqual(['姓名']);
    expect(at(7)).toEqual(['姓名']);
    expect(at(8)).toEqual(['服务时长（小时）']);
    expect(at(9)).toEqual(['结束时间']);
    expect(at(10)).toEqual(['姓名']);
    expect(at(11)).toEqual(['手机号']);
    expect(e.details.report.filename).toBe('志愿服务记录导入错误清单.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(e.details.report.base64, 'base64') as any);
    expect(String(wb.worksheets[0].getRow(4).getCell(HEAD.length + 1).value)).toContain('【活动编号】“元旦活动”的日期 2026-12-30 还没到');
    expect(await count()).toBe(before);
  });

  it('imports a good file: confirmed records from the organiser, hours or times, one audit row per activity', async () => {
    const r = await upload(
      c.cadrea,
      await xlsx([
        [ids.held, '学雷锋志愿服务', '林一', '13900008001', 2.5, '', '', '秩序维护'],
        [ids.held, '', '吴二', '', '', '09:00', '11:30', ''],
        [ids.held2, '', '张三', '13900008004', 1, '', '', '文明劝导'],
      ]),
    );
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().created).toBe(3);
    const [a, b, z] = r.json().items;
    expect(a.row).toBe(2);
    const office = as(app, c.office);
    expect((await office.get(`/api/volunteers/service/${a.id}`)).json()).toMatchObject({
      status: 'confirmed',
      source: 'import',
      sourceLabel: '导入',
      hours: 2.5,
      team: { id: ids.teamA },
      recordedByName: expect.any(String),
    });
    const timed = (await office.get(`/api/volunteers/service/${b.id}`)).json();
    expect(timed.hours).toBe(2.5);
    expect(Date.parse(timed.startedAt)).toBe(Date.parse('2026-11-20T09:00:00+08:00'));
    expect((await office.get(`/api/volunteers/service/${z.id}`)).json().person.id).toBe(ids.zhang2);
    const audits = await tdb.db.execute<{ entity_id: string }>(sql`SELECT entity_id FROM audit_log WHERE action = 'volunteer.service_import' ORDER BY id`);
    expect(audits.rows.map((x) => Number(x.entity_id)).sort()).toEqual([ids.held, ids.held2].sort());
  });

  it('refuses a record already there, a row carrying a 记录编号, a file without the headers, and a reader (403)', async () => {
    let r = await upload(c.cadrea, await xlsx([[ids.held, '', '林一', '13900008001', 1, '', '', '']]));
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.errors[0]).toMatchObject({ row: 2, column: '姓名' });
    r = await upload(
      c.cadrea,
      await xlsx([[5, ids.held2, '', '', '吴二']], ['记录编号', '活动编号', '活动名称', '服务日期', '姓名', '手机号', '服务时长（小时）']),
    );
    expect(r.json().error.details.errors.map((x: any) => x.column)).toContain('记录编号');
    r = await upload(c.cadrea, await xlsx([['x']], ['名字']));
    expect(r.json().error.details.errors.map((x: any) => x.column)).toEqual(['活动编号', '姓名', '服务时长（小时）']);
    expect((await upload(c.leader, await xlsx([[ids.held, '', '林一', '', 1]]))).statusCode).toBe(403);
    expect((await upload(c.cadrea, Buffer.from('not a workbook'))).statusCode).toBe(415);
  });
});

describe('the register as Excel', () => {
  it('exports the filtered records, the imports among them, phones masked for a reader', async () => {
    const r = await as(app, c.leader).get(`/api/volunteers/service/export.xlsx?activityId=${ids.held}`);
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as any);
    const ws = wb.getWorksheet('志愿服务记录')!;
    const head = (ws.getRow(1).values as string[]).slice(1);
    expect(head.slice(0, 8)).toEqual(['记录编号', '活动编号', '活动名称', '服务日期', '姓名', '手机号', '志愿服务队', '服务时长（小时）']);
    const rows = [];
    for (let i = 2; i <= ws.rowCount; i++) rows.push((ws.getRow(i).values as unknown[]).slice(1));
    expect(rows.map((x) => x[4]).sort()).toEqual(['吴二', '林一']);
    expect(rows.every((x) => String(x[5]).includes('****'))).toBe(true);
    expect(rows.every((x) => x[12] === '导入')).toBe(true);
    expect(rows.find((x) => x[4] === '吴二')!.slice(8, 10)).toEqual(['09:00', '11:30']);
    const own = await as(app, c.cadrea).get(`/api/volunteers/service/export.xlsx?activityId=${ids.held}`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(own.rawPayload as any);
    expect(String(wb2.worksheets[0].getRow(2).getCell(6).value)).toMatch(/^139000080\d\d$/);
    expect((await as(app, c.cadrea).get('/api/volunteers/service/export.xlsx?month=2026-13')).statusCode).toBe(400);
  });
});
