import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, COMMUNITY_B, login, TOWN, TOWN2, closeTown, openTown, type Town } from '../helpers/town.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;

beforeAll(async () => {
  ({ tdb, town, app } = await openTown());
});
afterAll(() => closeTown(app, tdb));

async function xlsx(
  rows: (string | number)[][],
  headers = ['姓名', '手机号', '用户名', '职务', '所属单位', '所属区域代码', '角色', '管辖区域代码', '初始密码'],
) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(buf: Buffer, filename = 'people.xlsx') {
  const boundary = '----cc' + Date.now();
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, buf, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(cookie: string, buf: Buffer) {
  const m = multipart(buf);
  return app.inject({ method: 'POST', url: '/api/people/import', payload: m.payload, headers: { ...m.headers, cookie } });
}

const count = async () => Number((await tdb.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM people`)).rows[0].n);

describe('people and roles', () => {
  it('creates a street chief with a community scope and assigned streets; the one-time password works', async () => {
    const office = as(app, await login(app, 'office'));
    const street = (await office.post('/api/places', { kind: 'street', regionCode: COMMUNITY_A, name: '五通街' })).json();
    const r = await office.post('/api/people', {
      name: '李街巷',
      phone: '13900000001',
      roles: [{ role: 'street_chief', scopeRegionCode: COMMUNITY_A }],
      placeIds: [street.id],
    });
    expect(r.statusCode).toBe(201);
    const { person, initialPassword } = r.json();
    expect(person.regionCode).toBe(COMMUNITY_A);
    expect(person.places.map((p: any) => p.name)).toEqual(['五通街']);
    expect(person.mustChangePassword).toBe(true);
    const me = await as(app, await login(app, '13900000001', initialPassword)).get('/api/me');
    expect(me.json().user.mustChangePassword).toBe(true);
    expect(me.json().roles[0]).toMatchObject({ role: 'street_chief', roleLabel: '街巷长' });
  });

  it('refuses grants that do not fit: an office cannot make admins, nor scope outside its town, nor a cadre on a town', async () => {
    const office = as(app, await login(app, 'office'));
    const adm = await office.post('/api/people', { name: '想当管理员', phone: '13900000002', roles: [{ role: 'admin' }] });
    expect(adm.statusCode).toBe(400);
    expect(adm.json().error.fields[0].message).toContain('只有系统管理员');
    const outside = await office.post('/api/people', {
      name: '越界',
      phone: '13900000003',
      regionCode: TOWN,
      roles: [{ role: 'community_staff', scopeRegionCode: '350821101201' }],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields[0].message).toContain('不在您的管辖范围内');
    const level = await office.post('/api/people', { name: '层级错', phone: '13900000004', roles: [{ role: 'community_staff', scopeRegionCode: TOWN }] });
    expect(level.statusCode).toBe(400);
    expect(level.json().error.fields[0].message).toContain('社区');
    const liaison = await office.post('/api/people', { name: '无单位联络员', phone: '13900000005', roles: [{ role: 'unit_liaison' }] });
    expect(liaison.statusCode).toBe(400);
    const home = await office.post('/api/people', { name: '外镇人', phone: '13900000006', regionCode: TOWN2, roles: [] });
    expect([403, 404]).toContain(home.statusCode);
  });

  it('validates fields with Chinese messages', async () => {
    const office = as(app, await login(app, 'office'));
    const r = await office.post('/api/people', { name: '', phone: '123' });
    expect(r.statusCode).toBe(400);
    const fields = Object.fromEntries(r.json().error.fields.map((f: any) => [f.path, f.message]));
    expect(fields['body.name']).toBe('姓名不能为空');
    expect(fields['body.phone']).toBe('手机号应为 11 位手机号');
    const dup = await office.post('/api/people', { name: '重复手机', phone: '13859710002' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields[0]).toMatchObject({ path: 'phone', message: '该手机号已被其他人员使用' });
  });

  it('masks phone numbers for roles that do not manage people', async () => {
    const leader = await as(app, await login(app, 'leader')).get(`/api/people/${town.people.cadreA}`);
    expect(leader.json().phone).toBe('138****0005');
    const office = await as(app, await login(app, 'office')).get(`/api/people/${town.people.cadreA}`);
    expect(office.json().phone).toBe('13859710005');
    // A street chief may not list people at all.
    expect((await as(app, await login(app, 'chief')).get('/api/people')).statusCode).toBe(403);
  });

  it('keyset pages are stable and complete', async () => {
    const admin = as(app, await login(app, 'admin'));
    const seen: number[] = [];
    let cursor: number | null = null;
    do {
      const page: any = (await admin.get(`/api/people?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((p: any) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(await count());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('imports an .xlsx of people with Chinese headers, all rows at once', async () => {
    const before = await count();
    const buf = await xlsx([
      ['王社区', '13900000011', 'wangsq', '主任', '水东街社区居委会', '', '社区干部', '', ''],
      ['赵街巷', '13900000012', '', '', '', COMMUNITY_B, '街巷长', '', 'Chief2026x'],
    ]);
    const r = await upload(await login(app, 'office'), buf);
    expect(r.statusCode).toBe(200);
    expect(r.json().created).toBe(2);
    expect(r.json().people[0].initialPassword).toBeTruthy();
    expect(r.json().people[1].initialPassword).toBeNull();
    expect(await count()).toBe(before + 2);
    const wang = (await as(app, await login(app, 'admin')).get('/api/people?q=王社区')).json().items[0];
    expect(wang).toMatchObject({ regionCode: COMMUNITY_A, unitName: '水东街社区居委会' });
    expect(wang.roles[0]).toMatchObject({ role: 'community_staff', scopeRegionCode: COMMUNITY_A });
    await login(app, '13900000012', 'Chief2026x');
  });

  it('rejects the whole file with row-level errors when any row is bad', async () => {
    const before = await count();
    const buf = await xlsx([
      ['好人', '13900000021', '', '', '', COMMUNITY_A, '社区干部', '', ''],
      ['坏手机', '1390000', '', '', '', COMMUNITY_A, '社区干部', '', ''],
      ['坏角色', '13900000023', '', '', '', COMMUNITY_A, '村长', '', ''],
      ['重复', '13900000021', '', '', '', COMMUNITY_A, '街巷长', '', ''],
      ['已存在', '13859710005', '', '', '', COMMUNITY_A, '街巷长', '', ''],
    ]);
    const r = await upload(await login(app, 'office'), buf);
    expect(r.statusCode).toBe(400);
    const body = r.json();
    expect(body.error.code).toBe('IMPORT_INVALID');
    const errors = body.error.details.errors as { row: number; column: string; message: string }[];
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, '手机号'],
      [4, '角色'],
      [5, '手机号'],
      [6, '手机号'],
    ]);
    expect(errors[1].message).toContain('不认识的角色“村长”');
    expect(await count()).toBe(before);
  });

  it('refuses a file that is not .xlsx, and one without the required headers', async () => {
    const office = await login(app, 'office');
    const notXlsx = await upload(office, Buffer.from('姓名,手机号\n张三,13900000031\n'));
    expect(notXlsx.statusCode).toBe(415);
    const noHeaders = await upload(office, await xlsx([['张三', '13900000031']], ['名字', '电话']));
    expect(noHeaders.statusCode).toBe(400);
    expect(noHeaders.json().error.details.errors[0].message).toContain('缺少必需的表头');
  });

  it('serves an import template that round-trips through the importer', async () => {
    const office = await login(app, 'office');
    const t = await as(app, office).get('/api/people/import-template');
    expect(t.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.rawPayload as any);
    const headers = (wb.worksheets[0].getRow(1).values as any[]).filter(Boolean);
    expect(headers).toContain('姓名*');
    expect(headers).toContain('角色*');
    wb.worksheets[0].getRow(2).getCell(2).value = '13900000041';
    const r = await upload(office, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.statusCode).toBe(200);
  });
});
