// The departments' materials (issue 20 item 3): a liaison sees and submits
// for their unit's standards only; uploads go through the file store, which
// refuses what is not what it says; material must be dated in the cycle's
// window; each review is one decision (a second, or a concurrent one, is 409);
// the unit's inbox item closes when every required kind is in and opens again
// when one is returned; completeness and the missing list by department.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, login, openTown, TOWN, type Town } from '../helpers/town.ts';
import { multipartFile, uploadPhoto } from '../helpers/photos.ts';
import { zipOf } from '../helpers/xlsx.ts';
import { setClock } from '../../server/platform/clock.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const c: Record<string, string> = {};
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
let cycleId: number;
let doorAssignment: any; // 门前三包 (城市管理局): 规范文件、统计表格、实景图片
let officeAssignment: any; // a standard of 汀州镇创城办

beforeAll(async () => {
  setClock(() => new Date('2026-06-15T02:00:00Z'));
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true, checklists: true }));
  for (const who of ['office', 'office2', 'leader', 'liaison', 'cadrea']) c[who] = await login(app, who);
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
  const res = await as(app, c.office).get(`/api/evaluation/assignments?cycle=${cycleId}&limit=200`);
  expect(res.statusCode, res.body).toBe(200);
  const all = res.json().items;
  doorAssignment = all.find((a: any) => a.name.startsWith('建立门前三包责任制'));
  officeAssignment = all.find((a: any) => a.unitId === town.units.office);
  expect(doorAssignment?.kinds).toEqual(['regulation', 'table', 'photo']);
  expect(officeAssignment).toBeTruthy();
}, 120_000);
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

const upload = (cookie: string, buf: Buffer, name: string, type = 'application/pdf') => {
  const m = multipartFile(buf, name, type);
  return app.inject({ method: 'POST', url: '/api/files', payload: m.payload, headers: { ...m.headers, cookie } });
};
const submit = (cookie: string, assignmentId: number, body: unknown) => as(app, cookie).post(`/api/evaluation/assignments/${assignmentId}/materials`, body);
const openItems = async (cookie: string, kind: string) => (await as(app, cookie).get(`/api/inbox?kind=${kind}&state=open`)).json().items as any[];

describe('materials', () => {
  it('a liaison sees only their unit’s assignments; another unit’s is 404, a cadre is refused', async () => {
    const mine = (await as(app, c.liaison).get(`/api/evaluation/assignments?cycle=${cycleId}&limit=200`)).json().items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((a: any) => a.unitId === town.units.chengguan)).toBe(true);
    expect(mine.every((a: any) => a.can.submit && !a.can.review)).toBe(true);
    expect((await as(app, c.liaison).get(`/api/evaluation/assignments/${officeAssignment.id}`)).statusCode).toBe(404);
    expect((await submit(c.liaison, officeAssignment.id, { kind: 'regulation', title: '越权材料', dated: '2026-03-01', fileId: 1 })).statusCode).toBe(404);
    expect((await as(app, c.cadrea).get(`/api/evaluation/assignments?cycle=${cycleId}`)).statusCode).toBe(403);
    expect((await as(app, c.office2).get(`/api/evaluation/assignments?cycle=${cycleId}`)).statusCode).toBe(404);
  });

  it('the file store refuses executables, archives, macro-enabled and mismatching files before anything is submitted', async () => {
    const cases: [Buffer, string][] = [
      [Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), '门前三包制度.pdf'],
      [zipOf([{ name: 'a.txt', data: Buffer.from('x') }]), '台账.xlsx'],
      [PDF, '制度.docm'],
      [Buffer.from('hello'), '说明.pdf'],
    ];
    for (const [buf, name] of cases) {
      const r = await upload(c.liaison, buf, name);
      expect(r.statusCode, name).toBe(415);
      expect(r.json().error.code).toBe('FILE_REFUSED');
    }
  });

  it('refuses material dated outside the 12 months before the test month, and a kind the standard does not ask for', async () => {
    const file = (await upload(c.liaison, PDF, '门前三包责任制度.pdf')).json().id;
    const old = await submit(c.liaison, doorAssignment.id, { kind: 'regulation', title: '门前三包责任制度', dated: '2025-09-30', fileId: file });
    expect(old.statusCode).toBe(400);
    expect(old.json().error.fields[0].message).toContain('2025-10-01 至 2026-09-30');
    const kind = await submit(c.liaison, doorAssignment.id, { kind: 'explanation', title: '情况说明', dated: '2026-03-01', fileId: file });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.fields[0].path).toBe('body.kind');
    const none = await submit(c.liaison, doorAssignment.id, { kind: 'regulation', title: '无文件', dated: '2026-03-01' });
    expect(none.statusCode).toBe(400);
  });

  it('closes the unit’s item when every kind is in, queues each for review, and reopens it when one is returned', async () => {
    const file = (await upload(c.liaison, PDF, '门前三包责任制度.pdf')).json().id;
    const reg = await submit(c.liaison, doorAssignment.id, { kind: 'regulation', title: '门前三包责任制度', dated: '2026-03-01', fileId: file });
    expect(reg.statusCode, reg.body).toBe(201);
    expect(reg.json()).toMatchObject({ state: 'submitted', file: { kind: 'document', id: file, name: '门前三包责任制度.pdf' } });
    // The office (and whoever sees the assignment) reads the file; another town does not.
    expect((await as(app, c.office).get(`/api/files/${file}`)).statusCode).toBe(200);
    expect((await as(app, c.office2).get(`/api/files/${file}`)).statusCode).toBe(404);
    const table = await submit(c.liaison, doorAssignment.id, {
      kind: 'table',
      title: '每周例会次数',
      dated: '2026-05-31',
      evidence: { type: 'figure', ref: 'meetings.weekly' },
    });
    expect(table.statusCode, table.body).toBe(201);
    expect(table.json().evidence).toMatchObject({ type: 'figure', ref: 'meetings.weekly' });
    const mine = async () => (await openItems(c.liaison, 'evaluation_material')).filter((i) => i.subjectId === doorAssignment.id);
    expect(await mine()).toHaveLength(1);
    const photo = (await uploadPhoto(app, c.liaison)).json().id;
    const pic = await submit(c.liaison, doorAssignment.id, { kind: 'photo', title: '沿街店铺门前实景', dated: '2026-04-20', photoId: photo });
    expect(pic.statusCode, pic.body).toBe(201);
    expect(await mine()).toHaveLength(0);
    const reviews = (await openItems(c.office, 'evaluation_review')).map((i) => i.subjectId);
    expect(reviews).toEqual(expect.arrayContaining([reg.json().id, table.json().id, pic.json().id]));
    // Return the photo with a comment: the unit owes it again.
    expect((await as(app, c.office).post(`/api/evaluation/materials/${pic.json().id}/review`, { decision: 'return', version: 1 })).statusCode).toBe(400);
    const ret = await as(app, c.office).post(`/api/evaluation/materials/${pic.json().id}/review`, {
      decision: 'return',
      comment: '照片模糊，请重拍',
      version: 1,
    });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json()).toMatchObject({ state: 'returned', reviewComment: '照片模糊，请重拍', reviewedByName: '镇创城办甲' });
    expect(await mine()).toHaveLength(1);
    expect((await openItems(c.office, 'evaluation_review')).map((i) => i.subjectId)).not.toContain(pic.json().id);
  });

  it('one decision per material: a second is 409, and of two reviewers at once one wins', async () => {
    const list = (await as(app, c.office).get(`/api/evaluation/assignments/${doorAssignment.id}`)).json().materials;
    const reg = list.find((m: any) => m.kind === 'regulation');
    const ok = await as(app, c.office).post(`/api/evaluation/materials/${reg.id}/review`, { decision: 'accept', version: reg.version });
    expect(ok.statusCode, ok.body).toBe(200);
    const again = await as(app, c.office).post(`/api/evaluation/materials/${reg.id}/review`, { decision: 'accept', version: ok.json().version });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
    const table = list.find((m: any) => m.kind === 'table');
    const both = await Promise.all([
      as(app, c.office).post(`/api/evaluation/materials/${table.id}/review`, { decision: 'accept', version: table.version }),
      as(app, c.office).post(`/api/evaluation/materials/${table.id}/review`, { decision: 'return', comment: '数据不全', version: table.version }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const decisions = await tdb.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'evaluation_material' AND entity_id = ${String(table.id)} AND action IN ('evaluation.review_accept', 'evaluation.review_return')`,
    );
    expect(decisions.rows[0].n).toBe(1);
    // A liaison cannot review.
    const photo = list.find((m: any) => m.kind === 'photo');
    expect((await as(app, c.liaison).post(`/api/evaluation/materials/${photo.id}/review`, { decision: 'accept', version: photo.version })).statusCode).toBe(
      403,
    );
  });

  it('answers completeness per standard, per department and overall, with the missing list by department', async () => {
    const r = await as(app, c.office).get(`/api/evaluation/completeness?cycle=${cycleId}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    const count = async (state: string) =>
      Number((await tdb.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM evaluation_materials WHERE state = ${state}`)).rows[0].n);
    const accepted = await count('accepted');
    // The photo returned, and the table if the returning reviewer won the race above.
    const returned = await count('returned');
    expect(body.counts.accepted).toBe(accepted);
    expect(body.counts.returned).toBe(returned);
    expect([1, 2]).toContain(returned);
    expect(body.overall.accepted).toBe(accepted);
    expect(body.overall.required).toBeGreaterThan(accepted);
    const dept = body.departments.find((d: any) => d.unitId === town.units.chengguan);
    const door = dept.missing.find((m: any) => m.nodeId === doorAssignment.nodeId);
    const missing = returned === 2 ? ['table', 'photo'] : ['photo'];
    expect(door.kinds).toEqual(missing);
    const a = (await as(app, c.liaison).get(`/api/evaluation/assignments/${doorAssignment.id}`)).json();
    expect(a.standard).toMatchObject({ required: 3, missing });
    // The liaison's answer holds their unit alone.
    const theirs = (await as(app, c.liaison).get(`/api/evaluation/completeness?cycle=${cycleId}`)).json();
    expect(theirs.departments.map((d: any) => d.unitId)).toEqual([town.units.chengguan]);
    // The figure registry reads the same definition.
    const ids = 'evaluation.completeness,evaluation.materials_accepted,evaluation.materials_returned,evaluation.materials_missing';
    const figs = (await as(app, c.office).get(`/api/figures?region=${TOWN}&period=2026&ids=${ids}`)).json();
    const value = (id: string) => figs.figures.find((f: any) => f.id === id).value;
    expect(value('evaluation.completeness')).toBe(Math.round((body.overall.accepted / body.overall.required) * 1000) / 10);
    expect(value('evaluation.materials_accepted')).toBe(body.counts.accepted);
    expect(value('evaluation.materials_returned')).toBe(returned);
    expect(value('evaluation.materials_missing')).toBe(body.counts.missing);
  });
});
