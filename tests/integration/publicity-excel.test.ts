// Publicity Excel for LED programmes and 入户宣传 sessions (issue 18 item 1 +
// item 7): the export carries the columns the import reads; the import is all
// or nothing, naming each bad row and column (a period ending before it
// starts, an LED screen or a unit the town doesn't have, a session filed at
// the town, a negative count, a region the caller doesn't manage), writes
// nothing when any row is bad, links the screen and the units by name when
// it is good, and refuses a re-upload of an exported file (import only adds).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, COMMUNITY_A, login, openTown, TOWN, TOWN2 } from '../helpers/town.ts';
import { setClock } from '../../server/platform/clock.ts';
import { multipartFile } from '../helpers/photos.ts';

let tdb: TestDb;
let app: FastifyInstance;
let office: ReturnType<typeof as>;
let screenId = 0;
const HERE = { lat: 25.83, lng: 116.37 };

beforeAll(async () => {
  setClock(new Date('2026-12-06T10:00:00+08:00'));
  ({ tdb, app } = await openTown({ categories: true, calendar: true }));
  office = as(app, await login(app, 'office'));
  await tdb.db.execute(
    sql`INSERT INTO units (kind, name, region_code) VALUES ('co_building', '汀州镇中心小学', ${TOWN}), ('co_building', '大同镇卫生院', ${TOWN2})`,
  );
  const kinds = (await office.get('/api/publicity/terms')).json().kinds;
  const led = kinds.find((k: any) => k.code === 'led').id;
  const f = await office.post('/api/publicity/facilities', { name: '水东广场LED屏', kindId: led, regionCode: COMMUNITY_A, lat: HERE.lat, lng: HERE.lng });
  expect(f.statusCode).toBe(201);
  screenId = f.json().id;
}, 120_000);
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

async function book(sheet: string, rows: (string | number)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = async (path: string, buf: Buffer, who = 'office') => {
  const m = multipartFile(buf, 'publicity.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return app.inject({ method: 'POST', url: path, payload: m.payload, headers: { ...m.headers, cookie: await login(app, who) } });
};
const errorsOf = (r: { json: () => any }) => r.json().error.details.errors.map((e: any) => `${e.row}:${e.column}`);
async function sheetOf(path: string, name: string) {
  const r = await office.get(path);
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
  return { buf: r.rawPayload, ws: wb.getWorksheet(name)! };
}

describe('LED programmes as Excel', () => {
  const H = ['所属区划', 'LED屏', '关联设施', '播放内容', '开始日期', '结束日期'];

  it('refuses the whole file when one row is bad, naming its row and column; nothing is written', async () => {
    const r = await upload(
      '/api/publicity/led/import',
      await book('LED屏节目清单', [
        H,
        ['汀州镇', '水东广场LED屏', '水东广场LED屏', '创建文明城市 共建美好家园', '2026-11-01', '2026-11-30'],
        ['汀州镇', '汀州广场LED屏', '', '倒着的日期', '2026-11-30', '2026-11-01'],
        ['汀州镇', '汀州广场LED屏', '不存在的屏', '讲文明树新风', '2026-11-01', '2026-11-30'],
        ['大同镇', '大同LED屏', '', '讲文明树新风', '2026-11-01', '2026-11-30'],
      ]),
    );
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('IMPORT_INVALID');
    expect(errorsOf(r)).toEqual(['3:结束日期', '4:关联设施', '5:所属区划']);
    expect(r.json().error.details.report.filename).toBe('LED屏节目清单导入错误清单.xlsx');
    expect((await office.get('/api/publicity/led')).json().items).toHaveLength(0);
  });

  it('imports a good file with the screen linked by name, and exports it with the same columns', async () => {
    const ok = await upload(
      '/api/publicity/led/import',
      await book('LED屏节目清单', [
        H,
        ['汀州镇', '水东广场LED屏', '水东广场LED屏', '创建文明城市 共建美好家园', '2026-11-01', '2026-11-30'],
        ['水东街社区', '社区门口LED屏', '', '垃圾分类 从我做起', '2026-10-01', '2026-10-07'],
      ]),
    );
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ created: 2, items: [{ row: 2 }, { row: 3 }] });
    const one = (await office.get(`/api/publicity/led/${ok.json().items[0].id}`)).json();
    expect(one).toMatchObject({ screen: '水东广场LED屏', facility: { id: screenId }, fromDate: '2026-11-01', toDate: '2026-11-30' });
    const { ws } = await sheetOf('/api/publicity/led/export.xlsx?from=2026-11-01', 'LED屏节目清单');
    expect(ws.getRow(1).values).toEqual([undefined, '编号', ...H]);
    expect(ws.rowCount).toBe(2); // only November's
    expect(ws.getRow(2).getCell(4).value).toBe('水东广场LED屏');
    const audit = await tdb.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'publicity.import' AND entity = 'publicity_led'`,
    );
    expect(audit.rows[0].n).toBe(2);
  });
});

describe('入户宣传 sessions as Excel', () => {
  const H = ['所在社区', '日期', '入户户数', '参加单位', '备注'];

  it('refuses a town-level session, a negative count, an unknown or other town’s unit and a future day, all at once', async () => {
    const r = await upload(
      '/api/publicity/door-sessions/import',
      await book('入户宣传清单', [
        H,
        ['汀州镇', '2026-11-15', 40, '', ''],
        ['水东街社区', '2026-11-15', -3, '', ''],
        ['水东街社区', '2026-11-15', 20, '汀州镇中心小学、大同镇卫生院', ''],
        ['东门街社区', '2026-12-20', 20, '', ''],
      ]),
    );
    expect(r.statusCode).toBe(400);
    expect(errorsOf(r)).toEqual(['2:所在社区', '3:入户户数', '4:参加单位', '5:日期']);
    expect((await office.get('/api/publicity/door-sessions')).json().items).toHaveLength(0);
  });

  it('imports sessions with their units (joint), exports them, and refuses the exported file as a re-import', async () => {
    const ok = await upload(
      '/api/publicity/door-sessions/import',
      await book('入户宣传清单', [
        H,
        ['水东街社区', '2026-11-15', 86, '汀州镇中心小学、长汀县城市管理局', '文明城市创建入户宣传'],
        ['东门街社区', '2026-11-16', 40, '', ''],
      ]),
    );
    expect(ok.statusCode, ok.body).toBe(201);
    const [a, b] = ok.json().items.map((i: any) => i.id);
    const first = (await office.get(`/api/publicity/door-sessions/${a}`)).json();
    expect(first).toMatchObject({ households: 86, joint: true, regionCode: COMMUNITY_A, note: '文明城市创建入户宣传' });
    expect(first.units.map((u: any) => u.name).sort()).toEqual(['汀州镇中心小学', '长汀县城市管理局'].sort());
    expect((await office.get(`/api/publicity/door-sessions/${b}`)).json()).toMatchObject({ households: 40, joint: false, units: [] });
    // The figure counts them.
    const fig = (await office.get(`/api/figures?region=${TOWN}&period=2026-11`)).json().figures.find((f: any) => f.id === 'publicity.door_to_door');
    expect(fig.value).toBe(2);
    const { buf, ws } = await sheetOf('/api/publicity/door-sessions/export.xlsx', '入户宣传清单');
    expect(ws.getRow(1).values).toEqual([undefined, '编号', ...H]);
    expect(ws.rowCount).toBe(3);
    const again = await upload('/api/publicity/door-sessions/import', buf as unknown as Buffer);
    expect(again.statusCode).toBe(400);
    expect(errorsOf(again)).toEqual(['2:编号', '3:编号']);
  });

  it('lets a community cadre import only their own community’s sessions', async () => {
    const r = await upload('/api/publicity/door-sessions/import', await book('入户宣传清单', [H, ['东门街社区', '2026-11-20', 10, '', '']]), 'cadrea');
    expect(r.statusCode).toBe(400);
    expect(errorsOf(r)).toEqual(['2:所在社区']);
    const ok = await upload('/api/publicity/door-sessions/import', await book('入户宣传清单', [H, ['水东街社区', '2026-11-20', 10, '', '']]), 'cadrea');
    expect(ok.statusCode).toBe(201);
    const viewer = await upload('/api/publicity/door-sessions/import', await book('入户宣传清单', [H, ['水东街社区', '2026-11-20', 10, '', '']]), 'county');
    expect(viewer.statusCode).toBe(403);
  });
});
