// The package (issue 20 item 4): a cycle's materials downloaded as one .zip
// laid out by the tree (项目/内容/标准 folders, files named by standard, kind
// and title) with 材料目录.xlsx listing each material's place and what is
// missing; accepted materials by default, those awaiting review on request;
// a liaison's package holds their unit's alone; refused with a code otherwise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, login, openTown, TOWN, type Town } from '../helpers/town.ts';
import { multipartFile, uploadPhoto } from '../helpers/photos.ts';
import { setClock } from '../../server/platform/clock.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const c: Record<string, string> = {};
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
let cycleId: number;
let door: any; // 门前三包 (城市管理局)
let officeAssignment: any; // a standard of 汀州镇创城办
const ids: Record<string, number> = {};

const upload = (cookie: string, buf: Buffer, name: string) => {
  const m = multipartFile(buf, name, 'application/pdf');
  return app.inject({ method: 'POST', url: '/api/files', payload: m.payload, headers: { ...m.headers, cookie } });
};
const submit = async (cookie: string, assignmentId: number, body: unknown) => {
  const r = await as(app, cookie).post(`/api/evaluation/assignments/${assignmentId}/materials`, body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
};
const accept = async (m: any) =>
  expect((await as(app, c.office).post(`/api/evaluation/materials/${m.id}/review`, { decision: 'accept', version: m.version })).statusCode).toBe(200);
const download = (cookie: string, q = '') => as(app, cookie).get(`/api/evaluation/cycles/${cycleId}/package.zip${q}`);

async function unpack(body: Buffer) {
  const zip = await JSZip.loadAsync(body);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  const indexName = names.find((n) => n.endsWith('/材料目录.xlsx'))!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await zip.file(indexName)!.async('nodebuffer')) as never);
  const rows = (sheet: string) =>
    (wb.getWorksheet(sheet)!.getSheetValues().slice(2) as unknown[][]).filter(Boolean).map((r) => r.slice(1).map((v) => (v == null ? '' : String(v))));
  return { zip, names, indexName, header: (wb.getWorksheet('材料目录')!.getRow(1).values as string[]).slice(1), rows, wb };
}

beforeAll(async () => {
  setClock(() => new Date('2026-06-15T02:00:00Z'));
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true, checklists: true }));
  for (const who of ['office', 'office2', 'liaison', 'cadrea']) c[who] = await login(app, who);
  const system = (await as(app, c.office).post('/api/evaluation/systems/seed', { townCode: TOWN })).json().system;
  const cy = await as(app, c.office).put('/api/evaluation/cycles', {
    townCode: TOWN,
    year: 2026,
    systemId: system.id,
    testMonth: '2026-10',
    deadline: '2026-08-31',
  });
  expect(cy.statusCode, cy.body).toBe(200);
  cycleId = cy.json().id;
  const all = (await as(app, c.office).get(`/api/evaluation/assignments?cycle=${cycleId}&limit=200`)).json().items;
  door = all.find((a: any) => a.name.startsWith('建立门前三包责任制'));
  officeAssignment = all.find((a: any) => a.unitId === town.units.office && a.kinds.includes('regulation'));

  // 门前三包: two regulations and a photo accepted, a table by evidence accepted; the office's standard: one awaiting review.
  const f1 = (await upload(c.liaison, PDF, 'a.pdf')).json().id;
  const f2 = (await upload(c.liaison, Buffer.concat([PDF, Buffer.from('% 2')]), 'b.pdf')).json().id;
  const reg1 = await submit(c.liaison, door.id, { kind: 'regulation', title: '门前三包责任制度', dated: '2026-03-01', fileId: f1 });
  const reg2 = await submit(c.liaison, door.id, { kind: 'regulation', title: '门前三包/考核办法?', dated: '2026-03-02', fileId: f2 });
  const photo = (await uploadPhoto(app, c.liaison)).json().id;
  const pic = await submit(c.liaison, door.id, { kind: 'photo', title: '沿街店铺门前实景', dated: '2026-04-20', photoId: photo });
  const table = await submit(c.liaison, door.id, {
    kind: 'table',
    title: '每周例会次数',
    dated: '2026-05-31',
    evidence: { type: 'figure', ref: 'meetings.weekly' },
  });
  for (const m of [reg1, reg2, pic, table]) await accept(m);
  const f3 = (await upload(c.office, PDF, 'c.pdf')).json().id;
  const pending = await submit(c.office, officeAssignment.id, { kind: 'regulation', title: '年度工作方案', dated: '2026-02-01', fileId: f3 });
  Object.assign(ids, { reg1: reg1.id, reg2: reg2.id, pic: pic.id, table: table.id, pending: pending.id, photo });
}, 180_000);
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

describe('the package', () => {
  it('is a .zip laid out by the tree, files named by standard, kind and title, with the index at the top', async () => {
    const r = await download(c.office);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toBe('application/zip');
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain('2026年度网上申报材料.zip');
    const { zip, names, indexName, header, rows } = await unpack(r.rawPayload);
    const root = indexName.split('/')[0];
    expect(root).toMatch(/2026年度网上申报材料$/);
    expect(indexName).toBe(`${root}/材料目录.xlsx`);
    const code = door.code as string;
    const [item, content] = code.split('.');
    const folder = names
      .find((n) => n.includes(`/${code} `))!
      .split('/')
      .slice(0, 4);
    expect(folder[1]).toMatch(new RegExp(`^${item} `));
    expect(folder[2]).toMatch(new RegExp(`^${item}\\.${content} `));
    expect(folder[3]).toMatch(new RegExp(`^${code.replace(/\./g, '\\.')} 建立门前三包责任制`));
    const dir = folder.join('/');
    // Accepted files only (the evidence record has no file; the one awaiting review is left out), numbered per kind; reserved characters replaced.
    expect(names.filter((n) => n !== indexName).sort()).toEqual(
      [
        `${dir}/${code}-规范文件-1-门前三包责任制度.pdf`,
        `${dir}/${code}-规范文件-2-门前三包_考核办法_.pdf`,
        `${dir}/${code}-实景图片-1-沿街店铺门前实景.jpg`,
      ].sort(),
    );
    expect((await zip.file(`${dir}/${code}-规范文件-1-门前三包责任制度.pdf`)!.async('nodebuffer')).equals(PDF)).toBe(true);
    const jpeg = await zip.file(`${dir}/${code}-实景图片-1-沿街店铺门前实景.jpg`)!.async('nodebuffer');
    expect(jpeg.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);

    expect(header).toEqual([
      '序号',
      '测评项目',
      '测评内容',
      '标准编号',
      '测评标准',
      '分值',
      '材料类型',
      '材料名称',
      '材料日期',
      '责任单位',
      '审核状态',
      '审核人',
      '材料包内位置 / 佐证记录',
    ]);
    const list = rows('材料目录');
    expect(list).toHaveLength(4);
    const byTitle = new Map(list.map((x) => [x[7], x]));
    expect(byTitle.get('门前三包责任制度')).toMatchObject({
      3: code,
      6: '规范文件',
      8: '2026-03-01',
      10: '已采纳',
      12: `${dir}/${code}-规范文件-1-门前三包责任制度.pdf`,
    });
    expect(byTitle.get('每周例会次数')![12]).toBe('统计数字 meetings.weekly（本系统记录）');
    // What is missing, by department: the office's standard has nothing accepted.
    const gaps = rows('缺项');
    expect(gaps.some((g) => g[1] === officeAssignment.code && g[3].includes('规范文件'))).toBe(true);
    expect(gaps.some((g) => g[1] === code)).toBe(false);
    const audited = await tdb.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'evaluation.package' AND entity_id = ${String(cycleId)}`,
    );
    expect(audited.rows[0].n).toBe(1);
  });

  it('holds the materials awaiting review too on request, marked so', async () => {
    const { names, rows } = await unpack((await download(c.office, '?states=all')).rawPayload);
    expect(names.some((n) => n.endsWith(`${officeAssignment.code}-规范文件-1-年度工作方案.pdf`))).toBe(true);
    expect(rows('材料目录').find((x) => x[7] === '年度工作方案')![10]).toBe('待审核');
  });

  it('gives a liaison their unit’s materials alone', async () => {
    const { rows } = await unpack((await download(c.liaison, '?states=all')).rawPayload);
    expect(new Set(rows('材料目录').map((x) => x[9]))).toEqual(new Set([door.unitName]));
  });

  it('says a file lost from the store in the index instead of failing the download', async () => {
    await tdb.db.execute(sql`UPDATE files SET path = 'documents/lost.pdf' WHERE id = (SELECT file_id FROM evaluation_materials WHERE id = ${ids.reg2})`);
    const { names, rows } = await unpack((await download(c.office)).rawPayload);
    expect(names.some((n) => n.includes('规范文件-2'))).toBe(false);
    expect(rows('材料目录').find((x) => x[7] === '门前三包/考核办法?')![12]).toContain('文件已丢失');
  });

  it('refuses bad input and those without the right, with a code', async () => {
    const bad = await download(c.office, '?states=everything');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect((await download(c.cadrea)).statusCode).toBe(403);
    const other = await download(c.office2);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await as(app, c.office).get('/api/evaluation/cycles/999999/package.zip')).statusCode).toBe(404);
  });
});
