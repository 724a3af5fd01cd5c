// 集中整: a hard problem's rectification plan with milestones and progress,
// and the 问题责任清单 as a real .xlsx read back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, login, closeTown, openTown } from '../helpers/town.ts';

let tdb: TestDb;
let app: FastifyInstance;
let problem: any;

beforeAll(async () => {
  ({ tdb, app } = await openTown({ categories: true, calendar: true }));
  const cat = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = '三线交越搭挂' LIMIT 1`)).rows[0].id;
  const office = await login(app, 'office');
  const r = await as(app, office).post('/api/problems', {
    source: 'county_notice',
    sourceRef: '2026年第9期',
    categoryId: cat,
    tier: 'centralized',
    description: '店头街三线交越搭挂严重',
    regionCode: COMMUNITY_A,
    then: 'dispatch',
  });
  expect(r.statusCode, r.body).toBe(201);
  problem = r.json();
});
afterAll(() => closeTown(app, tdb));

describe('rectification plans (集中整)', () => {
  it('the office writes a plan with milestones; progress is recorded; the timeline shows it', async () => {
    const office = as(app, await login(app, 'office'));
    expect((await office.get(`/api/problems/${problem.id}/plan`)).json()).toMatchObject({ plan: null, can: { edit: true } });
    const empty = await office.put(`/api/problems/${problem.id}/plan`, { summary: '三线下地', milestones: [] });
    expect(empty.statusCode).toBe(400);
    const saved = await office.put(`/api/problems/${problem.id}/plan`, {
      summary: '联合供电公司、电信、广电开展三线整治',
      measures: '梳理线路，废弃线缆拆除，保留线路规整入管',
      responsibleName: '王丽萍',
      milestones: [
        { title: '摸排线路权属', dueDate: '2026-12-05' },
        { title: '拆除废弃线缆', dueDate: '2026-12-20', responsibleName: '供电公司' },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const plan = saved.json().plan;
    expect(plan.milestones.map((m: any) => m.title)).toEqual(['摸排线路权属', '拆除废弃线缆']);
    const done = await office.post(`/api/problems/${problem.id}/plan/milestones/${plan.milestones[0].id}`, { done: true });
    expect(done.json().plan.milestones[0].doneAt).toBeTruthy();
    const prog = await office.post(`/api/problems/${problem.id}/plan/progress`, { note: '已完成权属摸排，共 12 处', percent: 30 });
    expect(prog.statusCode).toBe(201);
    expect(prog.json().plan.percent).toBe(30);
    // Stale version → 409.
    const stale = await office.put(`/api/problems/${problem.id}/plan`, { version: 99, summary: 'x 改', milestones: [{ title: 'a', dueDate: '2026-12-30' }] });
    expect(stale.statusCode).toBe(409);
    const detail = (await office.get(`/api/problems/${problem.id}`)).json();
    expect(detail.timeline.map((e: any) => e.action)).toEqual(expect.arrayContaining(['plan_created', 'milestone_done', 'plan_progress']));
  });

  it('the assignee may update the plan; an unrelated community cannot see it', async () => {
    const cadre = as(app, await login(app, 'cadrea'));
    const r = await cadre.post(`/api/problems/${problem.id}/plan/progress`, { note: '社区已通知沿街商户', percent: 40 });
    expect(r.statusCode).toBe(201);
    expect((await as(app, await login(app, 'cadreb')).get(`/api/problems/${problem.id}/plan`)).statusCode).toBe(404);
    expect((await as(app, await login(app, 'leader')).post(`/api/problems/${problem.id}/plan/progress`, { note: '领导批示' })).statusCode).toBe(403);
  });

  it('exports the problem responsibility list as .xlsx with Chinese headers and the plan', async () => {
    const res = await as(app, await login(app, 'office')).get('/api/plans/responsibility-list.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as any);
    const ws = wb.getWorksheet('问题责任清单')!;
    const headers = (ws.getRow(1).values as any[]).filter(Boolean);
    expect(headers).toEqual([
      '序号',
      '问题编号',
      '问题类别',
      '所在社区',
      '点位',
      '问题描述',
      '责任单位',
      '责任人',
      '整改措施',
      '时间节点',
      '整改期限',
      '整改进度',
      '最新进展',
      '状态',
    ]);
    expect(ws.rowCount).toBe(2);
    const row = ws.getRow(2);
    expect(row.getCell(2).value).toBe(problem.code);
    expect(row.getCell(4).value).toBe('水东街社区居民委员会');
    expect(String(row.getCell(10).value)).toContain('摸排线路权属（已完成）');
    expect(row.getCell(12).value).toBe('40%');
    // Another town's office gets an empty list.
    const other = await as(app, await login(app, 'office2')).get('/api/plans/responsibility-list.xlsx');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(other.rawPayload as any);
    expect(wb2.getWorksheet('问题责任清单')!.rowCount).toBe(1);
  });
});
