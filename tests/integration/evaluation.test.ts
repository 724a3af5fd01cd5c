// The 测评体系 as versioned data (issue 20 items 1-2): the seeded edition as a
// town's first version with its departments matched to the town's units and
// its field standards linked to the checklists; the .xlsx round trip and the
// all-or-nothing import; a new version never changes an old one or a cycle's
// assignments; the cycle's window; a liaison sees their unit's standards only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, login, openTown, TOWN, TOWN2, type Town } from '../helpers/town.ts';
import { multipartFile } from '../helpers/photos.ts';
import { setClock } from '../../server/platform/clock.ts';
import { materialWindow } from '../../domain/evaluation.ts';
import { COLUMNS } from '../../server/modules/evaluation/systems.excel.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const c: Record<string, string> = {};
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  setClock(() => new Date('2026-06-15T02:00:00Z'));
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true, checklists: true }));
  for (const who of ['admin', 'office', 'office2', 'leader', 'liaison', 'cadrea', 'chief', 'county']) c[who] = await login(app, who);
}, 120_000);
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

async function sheet(rows: (string | number)[][], header: readonly string[] = COLUMNS) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('测评体系');
  ws.addRow([...header]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
function importAs(cookie: string, buf: Buffer, town = TOWN) {
  const m = multipartFile(buf, '测评体系.xlsx', XLSX);
  return app.inject({ method: 'POST', url: `/api/evaluation/systems/import?town=${town}`, payload: m.payload, headers: { ...m.headers, cookie } });
}

describe('the 测评体系', () => {
  let seeded: number;

  it('creates the seeded edition as the town’s version 1, departments matched to its units, field standards linked to checklist items', async () => {
    const r = await as(app, c.office).post('/api/evaluation/systems/seed', { townCode: TOWN });
    expect(r.statusCode, r.body).toBe(201);
    const { system, unmatchedDepartments } = r.json();
    expect(system.version).toBe(1);
    expect(system.standards).toBeGreaterThanOrEqual(40);
    // The test town has 长汀县城市管理局 and 汀州镇创城办, not the other departments.
    expect(unmatchedDepartments).toContain('教育局');
    expect(unmatchedDepartments).not.toContain('城市管理局');
    seeded = system.id;
    const t = (await as(app, c.office).get(`/api/evaluation/systems/${seeded}`)).json();
    const levels = new Set(t.nodes.map((n: any) => n.level));
    expect([...levels]).toEqual(['item', 'content', 'standard']);
    const street = t.nodes.find((n: any) => n.name.startsWith('背街小巷路面平整'));
    expect(street.methods).toEqual(['field']);
    expect(street.units).toEqual([{ id: town.units.chengguan, name: '长汀县城市管理局' }]);
    expect(street.checklistItems[0]).toEqual({ code: 'BS01', pointType: 'back_street', title: '路面状况' });
    const office = t.nodes.find((n: any) => n.name.startsWith('成立创建工作领导机构'));
    expect(office.units.map((u: any) => u.name)).toEqual(['汀州镇创城办']);
    expect(office.materialKinds).toEqual(['regulation', 'table']);
    expect(t.totals.byMethod.material).toBeGreaterThan(0);
  });

  it('another town’s office cannot read or seed this town’s; a street chief reads nothing', async () => {
    expect((await as(app, c.office2).get(`/api/evaluation/systems/${seeded}`)).statusCode).toBe(404);
    expect((await as(app, c.office2).get(`/api/evaluation/systems?town=${TOWN}`)).statusCode).toBe(404);
    expect((await as(app, c.office2).post('/api/evaluation/systems/seed', { townCode: TOWN })).statusCode).toBe(404);
    expect((await as(app, c.chief).get(`/api/evaluation/systems?town=${TOWN}`)).statusCode).toBe(403);
    expect((await as(app, c.leader).post('/api/evaluation/systems/seed', { townCode: TOWN })).statusCode).toBe(403);
  });

  it('a liaison sees only the standards of their unit, with the items and contents above them', async () => {
    const t = (await as(app, c.liaison).get(`/api/evaluation/systems/${seeded}`)).json();
    const standards = t.nodes.filter((n: any) => n.level === 'standard');
    expect(standards.length).toBeGreaterThan(3);
    for (const s of standards) expect(s.units.map((u: any) => u.id)).toContain(town.units.chengguan);
    const ids = new Set(t.nodes.map((n: any) => n.id));
    for (const n of t.nodes) if (n.parentId) expect(ids.has(n.parentId)).toBe(true);
    expect(t.nodes.some((n: any) => n.name.startsWith('成立创建工作领导机构'))).toBe(false);
  });

  it('exports a version that imports back as the next version, identical in its standards', async () => {
    const ex = await as(app, c.office).get(`/api/evaluation/systems/${seeded}/export.xlsx`);
    expect(ex.statusCode).toBe(200);
    expect(ex.headers['content-type']).toContain('spreadsheetml');
    // The seed's departments the town lacks would not match: keep only rows whose departments all exist.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(ex.rawPayload as any);
    const ws = wb.getWorksheet('测评体系')!;
    const rows: (string | number)[][] = [];
    ws.eachRow((row, i) => {
      if (i === 1) return;
      const v = (row.values as any[]).slice(1).map((x) => x ?? '');
      if (
        String(v[5])
          .split('、')
          .every((d: string) => !d || d === '城市管理局' || d === '创城办')
      )
        rows.push(v);
    });
    expect(rows.length).toBeGreaterThan(10);
    const r = await importAs(c.office, await sheet(rows));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().system.version).toBe(2);
    expect(r.json().system.standards).toBe(rows.length);
    const t1 = (await as(app, c.office).get(`/api/evaluation/systems/${seeded}`)).json();
    const t2 = (await as(app, c.office).get(`/api/evaluation/systems/${r.json().system.id}`)).json();
    const key = (n: any) => `${n.name}|${n.methods}|${n.points}|${n.checklistItems.map((x: any) => x.code)}|${n.materialKinds}`;
    const kept = new Set(rows.map((x) => String(x[2])));
    expect(t2.nodes.filter((n: any) => n.level === 'standard').map(key)).toEqual(
      t1.nodes.filter((n: any) => n.level === 'standard' && kept.has(n.name)).map(key),
    );
  });

  it('refuses a file with one bad row whole, naming each row and column', async () => {
    const before = Number((await tdb.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM evaluation_systems`)).rows[0].n);
    const r = await importAs(
      c.office,
      await sheet([
        ['城乡环境卫生', '市容市貌', '背街小巷整洁', '实地考察', 3, '城市管理局', '背街小巷', 'BS01', ''],
        ['城乡环境卫生', '市容市貌', '路灯完好', '实地考察', 0, '城市管理局', '背街小巷', 'MK03', ''],
        ['长效机制', '组织领导', '工作方案', '材料审核', 1, '不存在局', '', '', '规范文件'],
        ['长效机制', '组织领导', '经费保障', '现场打分', 1, '创城办', '', '', ''],
        ['长效机制', '组织领导', '例会制度', '材料审核', 1, '创城办', '', '', ''],
      ]),
    );
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('IMPORT_INVALID');
    const errs = r.json().error.details.errors.map((e: any) => `${e.row}:${e.column}`);
    expect(errs).toEqual(expect.arrayContaining(['3:分值', '3:清单条目', '4:责任单位', '5:测评方法', '6:材料类型']));
    expect(errs.some((e: string) => e.startsWith('2:'))).toBe(false);
    expect(Number((await tdb.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM evaluation_systems`)).rows[0].n)).toBe(before);
    const notXlsx = await importAs(c.office, Buffer.from('not a spreadsheet'));
    expect(notXlsx.statusCode).toBeGreaterThanOrEqual(400);
    expect(notXlsx.statusCode).toBeLessThan(500);
  });
});

describe('the cycle', () => {
  it('counts material from the 12 months before the assumed test month', () => {
    expect(materialWindow('2026-10')).toEqual({ from: '2025-10-01', to: '2026-09-30' });
    expect(materialWindow('2027-03')).toEqual({ from: '2026-03-01', to: '2027-02-28' });
  });

  it('sets the cycle, opens each responsible unit’s inbox item per 材料审核 standard, and keeps them when a new version is imported', async () => {
    const systems = (await as(app, c.office).get(`/api/evaluation/systems?town=${TOWN}`)).json().items;
    const v1 = systems.find((s: any) => s.version === 1);
    const r = await as(app, c.office).put('/api/evaluation/cycles', {
      townCode: TOWN,
      year: 2026,
      systemId: v1.id,
      testMonth: '2026-10',
      deadline: '2026-08-31',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().window).toEqual({ from: '2025-10-01', to: '2026-09-30' });
    expect(r.json().assignments).toBeGreaterThan(0);
    const inbox = (await as(app, c.liaison).get('/api/inbox?kind=evaluation_material')).json().items;
    expect(inbox.length).toBeGreaterThan(0);
    expect(inbox[0].dueDate).toBe('2026-08-31');
    // A stale version is 409; the deadline moves the items.
    expect(
      (await as(app, c.office).put('/api/evaluation/cycles', { townCode: TOWN, year: 2026, systemId: v1.id, testMonth: '2026-10', deadline: '2026-08-31' }))
        .statusCode,
    ).toBe(409);
    const moved = await as(app, c.office).put('/api/evaluation/cycles', {
      townCode: TOWN,
      year: 2026,
      systemId: v1.id,
      testMonth: '2026-10',
      deadline: '2026-09-15',
      version: r.json().version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = (await as(app, c.liaison).get('/api/inbox?kind=evaluation_material')).json().items;
    expect(after.length).toBe(inbox.length);
    expect(after.every((i: any) => i.dueDate === '2026-09-15')).toBe(true);
    // A new version leaves version 1's tree and the cycle alone.
    const tree1 = (await as(app, c.office).get(`/api/evaluation/systems/${v1.id}`)).json();
    expect((await as(app, c.office).post('/api/evaluation/systems/seed', { townCode: TOWN })).statusCode).toBe(201);
    expect((await as(app, c.office).get(`/api/evaluation/systems/${v1.id}`)).json().nodes).toEqual(tree1.nodes);
    const cy = (await as(app, c.office).get(`/api/evaluation/cycles?town=${TOWN}`)).json().items[0];
    expect(cy.systemId).toBe(v1.id);
    expect(cy.assignments).toBe(moved.json().assignments);
  });

  it('refuses a deadline after the test month, a version of another town, and another town’s office', async () => {
    const v1 = (await as(app, c.office).get(`/api/evaluation/systems?town=${TOWN}`)).json().items.at(-1);
    const bad = await as(app, c.office).put('/api/evaluation/cycles', {
      townCode: TOWN,
      year: 2027,
      systemId: v1.id,
      testMonth: '2027-05',
      deadline: '2027-06-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('body.deadline');
    expect(
      (await as(app, c.office2).put('/api/evaluation/cycles', { townCode: TOWN2, year: 2027, systemId: v1.id, testMonth: '2027-05', deadline: '2027-04-01' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await as(app, c.office2).put('/api/evaluation/cycles', { townCode: TOWN, year: 2027, systemId: v1.id, testMonth: '2027-05', deadline: '2027-04-01' }))
        .statusCode,
    ).toBe(404);
  });
});
