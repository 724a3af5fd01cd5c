// The office's inspection reads on real PostgreSQL: a point's page (latest
// grades, score trend, counts, open problems) and the mock-evaluation report
// per community (rates by point type over each point's latest result, worst
// items, problems raised) on screen and as .xlsx; who may see what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { problemIn } from '../helpers/problems.ts';
import { as, COMMUNITY_A, COMMUNITY_B, login, TOWN, TOWN2, closeTown, openTown, type Town } from '../helpers/town.ts';
import { todayChina } from '../../server/modules/calendar/calendar.service.ts';
import { addDays } from '../../domain/dates.ts';
import { scoreInspection } from '../../domain/inspections/scoring.ts';
import type { Grade } from '../../domain/inspections/vocab.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let office: string;
const today = todayChina();
const day = (n: number) => addDays(today, n);
const BATCH = '测试模拟测评批次';

async function one<T = any>(q: ReturnType<typeof sql>): Promise<T> {
  return (await tdb.db.execute<any>(q)).rows[0] as T;
}
async function place(kind: string, name: string, region: string, pointType: string | null, extra: { demo?: boolean; unit?: number } = {}) {
  return (
    await one<{ id: number }>(sql`INSERT INTO places (kind, name, region_code, point_type, is_demo_point, responsible_unit_id)
    VALUES (${kind}, ${name}, ${region}, ${pointType}, ${extra.demo ?? false}, ${extra.unit ?? null}) RETURNING id`)
  ).id;
}
// Test checklists sit beside whatever the app seeds: not current, at a version of their own.
async function checklist(pointType: string, items: [string, number][]) {
  const c = (
    await one<{ id: number }>(
      sql`INSERT INTO checklists (point_type, version, title, current) VALUES (${pointType}, 901, ${pointType + ' 测试标准'}, false) RETURNING id`,
    )
  ).id;
  const ids: Record<string, { id: number; points: number }> = {};
  let seq = 0;
  for (const [code, points] of items) {
    ids[code] = {
      id: (
        await one<{ id: number }>(sql`INSERT INTO checklist_items (checklist_id, seq, code, title, criterion, points)
      VALUES (${c}, ${++seq}, ${code}, ${'项目' + code}, ${'标准' + code}, ${points}) RETURNING id`)
      ).id,
      points,
    };
  }
  return { id: c, items: ids };
}
type Checklist = Awaited<ReturnType<typeof checklist>>;
let seqKey = 0;
async function inspection(i: {
  kind: string;
  region: string;
  placeId: number | null;
  cl: Checklist | null;
  on: string;
  batch?: string | null;
  grades?: Record<string, Grade | null>;
  inspector?: number;
}) {
  const graded = Object.entries(i.grades ?? {}).map(([code, grade]) => ({ ...i.cl!.items[code], grade }));
  const s = graded.length ? scoreInspection(graded) : null;
  const at = new Date(`${i.on}T10:00:00+08:00`);
  const id = (
    await one<{ id: number }>(sql`INSERT INTO inspections (kind, state, town_code, region_code, place_id, checklist_id, inspector_id, inspector_name,
      batch, on_date, started_at, finished_at, score, max_score, client_key)
    VALUES (${i.kind}, 'finished', ${i.region.slice(0, 9)}, ${i.region}, ${i.placeId}, ${i.cl?.id ?? null}, ${i.inspector ?? town.people.office}, '测评员甲',
      ${i.batch ?? null}, ${i.on}, ${at}, ${at}, ${s?.score ?? null}, ${s?.max ?? null}, ${'k' + ++seqKey}) RETURNING id`)
  ).id;
  for (const g of graded) {
    await tdb.db.execute(sql`INSERT INTO inspection_grades (inspection_id, item_id, grade, points, score)
      VALUES (${id}, ${g.id}, ${g.grade}, ${g.points}, ${g.grade ? scoreInspection([g]).score : null})`);
  }
  return id;
}
async function problem(p: { region: string; placeId: number | null; source: string; sourceId: number | null; state: string; due: string | null }) {
  return (
    await problemIn(tdb.db, p.state, {
      region: p.region,
      placeId: p.placeId,
      source: p.source,
      sourceId: p.sourceId,
      description: '测评发现的问题',
      due: p.due ?? undefined,
      unit: town.units.committeeA,
    })
  ).id;
}

const ids = {} as Record<'m1' | 's1' | 'm2' | 'x' | 'i1' | 'i2' | 'i3' | 'i4' | 'i5' | 'i6' | 'p1' | 'p2' | 'p3' | 'p4', number>;
beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true }));
  office = await login(app, 'office');

  ids.m1 = await place('point', '水东农贸市场', COMMUNITY_A, 'market', { demo: true, unit: town.units.committeeA });
  ids.s1 = await place('street', '水东后巷', COMMUNITY_A, null);
  ids.m2 = await place('point', '东门菜市场', COMMUNITY_B, 'market');
  ids.x = await place('point', '大同市场', `${TOWN2}001`, 'market');
  await tdb.db.execute(sql`INSERT INTO place_assignments (person_id, place_id) VALUES (${town.people.chief}, ${ids.m1}), (${town.people.chief}, ${ids.s1})`);
  const market = await checklist('market', [
    ['MK01', 4],
    ['MK02', 3],
    ['MK03', 3],
  ]);
  const street = await checklist('back_street', [
    ['BS01', 5],
    ['BS02', 5],
  ]);

  // M1 twice in the batch: the later result (7/10) is the one that counts.
  ids.i1 = await inspection({
    kind: 'mock_evaluation',
    region: COMMUNITY_A,
    placeId: ids.m1,
    cl: market,
    on: day(-10),
    batch: BATCH,
    grades: { MK01: 'A', MK02: 'B', MK03: 'C' },
  });
  ids.i2 = await inspection({
    kind: 'mock_evaluation',
    region: COMMUNITY_A,
    placeId: ids.m1,
    cl: market,
    on: day(-5),
    batch: BATCH,
    grades: { MK01: 'A', MK02: 'C#', MK03: 'A' },
  });
  ids.i3 = await inspection({
    kind: 'mock_evaluation',
    region: COMMUNITY_A,
    placeId: ids.s1,
    cl: street,
    on: day(-5),
    batch: BATCH,
    grades: { BS01: 'B', BS02: null },
  });
  ids.i4 = await inspection({
    kind: 'mock_evaluation',
    region: COMMUNITY_B,
    placeId: ids.m2,
    cl: market,
    on: day(-4),
    batch: BATCH,
    grades: { MK01: 'A', MK02: 'A', MK03: 'B' },
  });
  ids.i5 = await inspection({
    kind: 'mock_evaluation',
    region: `${TOWN2}001`,
    placeId: ids.x,
    cl: market,
    on: day(-4),
    batch: BATCH,
    grades: { MK01: 'C#', MK02: 'C#', MK03: 'C#' },
  });
  ids.i6 = await inspection({
    kind: 'supervision',
    region: COMMUNITY_A,
    placeId: ids.m1,
    cl: market,
    on: day(-20),
    grades: { MK01: 'B', MK02: 'B', MK03: 'B' },
  });
  await inspection({ kind: 'demo_visit', region: COMMUNITY_A, placeId: ids.m1, cl: market, on: day(-400), grades: { MK01: 'C', MK02: 'C', MK03: 'C' } }); // older than a year
  await inspection({ kind: 'patrol', region: COMMUNITY_A, placeId: ids.m1, cl: market, on: day(-1), inspector: town.people.chief }); // newest, but grades nothing

  ids.p1 = await problem({ region: COMMUNITY_A, placeId: ids.m1, source: 'mock_evaluation', sourceId: ids.i2, state: 'rectifying', due: day(-20) });
  ids.p2 = await problem({ region: COMMUNITY_A, placeId: ids.m1, source: 'mock_evaluation', sourceId: ids.i2, state: 'closed', due: day(-3) });
  ids.p3 = await problem({ region: COMMUNITY_B, placeId: ids.m2, source: 'mock_evaluation', sourceId: ids.i4, state: 'dispatched', due: day(30) });
  ids.p4 = await problem({ region: COMMUNITY_A, placeId: ids.m1, source: 'resident', sourceId: null, state: 'reported', due: null });
  await problem({ region: COMMUNITY_A, placeId: ids.s1, source: 'patrol', sourceId: ids.i2, state: 'rectifying', due: day(5) }); // same id, another source: not the batch's
});
afterAll(() => closeTown(app, tdb));

describe('a point page', () => {
  it('shows the place, who answers for it, the latest grades, the trend, counts by kind and open problems', async () => {
    const r = await as(app, office).get(`/api/inspections/points/${ids.m1}`);
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json();
    expect(b.place).toMatchObject({
      name: '水东农贸市场',
      kind: 'point',
      pointType: 'market',
      pointTypeLabel: '农贸（集贸）市场',
      communityName: '水东街社区',
      isDemoPoint: true,
    });
    expect(b.place.responsibleUnit.name).toBe('水东街社区居委会');
    expect(b.place.streetChiefs.map((c: any) => c.name)).toEqual(['街巷长甲']);
    // The patrol of yesterday graded nothing: the latest grades are the mock evaluation's.
    expect(b.latest).toMatchObject({ id: ids.i2, kind: 'mock_evaluation', score: 7, max: 10, rate: 0.7 });
    expect(b.latest.items.map((i: any) => [i.code, i.grade, i.score])).toEqual([
      ['MK01', 'A', 4],
      ['MK02', 'C#', 0],
      ['MK03', 'A', 3],
    ]);
    // Scored inspections of the last twelve months, oldest first; the patrol and the visit of 400 days ago are not in it.
    expect(b.trend.map((t: any) => [t.id, t.rate])).toEqual([
      [ids.i6, 0.66],
      [ids.i1, 0.697],
      [ids.i2, 0.7],
    ]);
    const counts = Object.fromEntries(b.countsByKind.map((c: any) => [c.kind, c.count]));
    expect(counts).toEqual({ patrol: 1, supervision: 1, unannounced_visit: 0, demo_visit: 1, mock_evaluation: 2 });
    expect(b.recent[0].kind).toBe('patrol');
    const open = Object.fromEntries(b.openProblems.map((p: any) => [p.id, p]));
    expect(Object.keys(open).map(Number).sort()).toEqual([ids.p1, ids.p4].sort());
    expect(open[ids.p1]).toMatchObject({ stateLabel: '整改中', overdue: true });
    expect(open[ids.p4]).toMatchObject({ stateLabel: '待立案', overdue: false });
  });

  it('answers 404 to whoever may not read the place, and to a place that does not exist', async () => {
    expect((await as(app, await login(app, 'office2')).get(`/api/inspections/points/${ids.m1}`)).statusCode).toBe(404);
    const cadreB = await login(app, 'cadreb');
    expect((await as(app, cadreB).get(`/api/inspections/points/${ids.m1}`)).statusCode).toBe(404);
    expect((await as(app, cadreB).get(`/api/inspections/points/${ids.m2}`)).statusCode).toBe(200);
    const missing = await as(app, office).get('/api/inspections/points/99999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toMatch(/点位/);
    expect((await app.inject({ method: 'GET', url: `/api/inspections/points/${ids.m1}` })).statusCode).toBe(401);
  });
});

describe('the mock-evaluation report', () => {
  const url = (q: Record<string, string>) => `/api/inspections/reports/evaluation?${new URLSearchParams(q)}`;

  it('rates each community by point type over each point’s latest result in the batch', async () => {
    const r = await as(app, office).get(url({ regionCode: TOWN, batch: BATCH }));
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json();
    expect(b.town.name).toBe('汀州镇');
    expect(b.title).toContain(BATCH);
    expect(b.communities.map((c: any) => c.code)).toEqual([COMMUNITY_A, COMMUNITY_B]); // 大同镇's point of the same batch name is not here
    const [a, bb] = b.communities;
    expect(a).toMatchObject({ name: '水东街社区', pointsEvaluated: 2, inspections: 3, overall: 0.6867 });
    expect(a.byType.map((t: any) => [t.pointType, t.rate])).toEqual([
      ['back_street', 0.66],
      ['market', 0.7],
    ]);
    expect(a.byType[1].label).toBe('农贸（集贸）市场');
    expect(bb).toMatchObject({ pointsEvaluated: 1, overall: 0.898 });
    expect(b.total).toMatchObject({ pointsEvaluated: 3, overall: round4((7 + 3.3 + 8.98) / 25) });

    // Worst items across all the community's inspections (both of M1's): MK02 (B, C#) averages 0.33.
    expect(a.worstItems.map((w: any) => [w.code, w.avgCoefficient, w.bad])).toEqual([
      ['MK02', 0.33, 1],
      ['BS01', 0.66, 0],
      ['MK03', 0.665, 1],
    ]);
    expect(a.worstItems[0]).toMatchObject({ title: '项目MK02', criterion: '标准MK02', graded: 2, counts: { A: 0, B: 1, C: 0, 'C#': 1 } });

    // Problems the batch raised, by state; a patrol problem that happens to carry the same id is not one.
    expect(a.problems.total).toBe(2);
    expect(a.problems.byState).toEqual([
      { state: 'rectifying', label: '整改中', count: 1 },
      { state: 'closed', label: '已结案', count: 1 },
    ]);
    expect(a.problems.items.find((p: any) => p.id === ids.p1)).toMatchObject({ overdue: true, inspectionId: ids.i2 });
    expect(bb.problems.items.map((p: any) => p.id)).toEqual([ids.p3]);
  });

  it('takes a period instead of a batch, and a community alone', async () => {
    const r = await as(app, office).get(url({ regionCode: COMMUNITY_A, from: day(-6), to: day(-4) }));
    expect(r.statusCode, r.body).toBe(200);
    const a = r.json().communities;
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ code: COMMUNITY_A, pointsEvaluated: 2, inspections: 2, overall: 0.6867 });
    // Only i2 and i3 in the window: MK03 was graded A there.
    expect(a[0].worstItems.map((w: any) => w.code)).toEqual(['MK02', 'BS01']);
  });

  it('asks for a batch or dates, in Chinese', async () => {
    const r = await as(app, office).get(url({ regionCode: TOWN }));
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: '请选择测评批次或起止日期' });
    const swapped = await as(app, office).get(url({ regionCode: TOWN, from: day(-1), to: day(-9) }));
    expect(swapped.statusCode).toBe(400);
    expect((await as(app, office).get(url({ regionCode: '350821', batch: BATCH }))).statusCode).toBe(400);
  });

  it('is read only within one’s own regions', async () => {
    const cadreB = await login(app, 'cadreb');
    expect((await as(app, cadreB).get(url({ regionCode: TOWN, batch: BATCH }))).statusCode).toBe(403);
    const own = await as(app, cadreB).get(url({ regionCode: COMMUNITY_B, batch: BATCH }));
    expect(own.statusCode).toBe(200);
    expect(own.json().communities.map((c: any) => c.code)).toEqual([COMMUNITY_B]);
    expect((await as(app, await login(app, 'office2')).get(url({ regionCode: TOWN, batch: BATCH }))).statusCode).toBe(403);
    const county = await as(app, await login(app, 'county')).get(url({ regionCode: TOWN, batch: BATCH }));
    expect(county.statusCode).toBe(200);
    expect((await as(app, await login(app, 'liaison')).get(url({ regionCode: TOWN, batch: BATCH }))).statusCode).toBe(403);
  });

  it('downloads as a workbook with the summary, the worst items and the problem list', async () => {
    const r = await as(app, office).get(`/api/inspections/reports/evaluation.xlsx?${new URLSearchParams({ regionCode: TOWN, batch: BATCH })}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as any);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '失分项', '问题清单']);
    const sum = wb.getWorksheet('汇总')!;
    expect(String(sum.getCell('A1').value)).toContain('汀州镇');
    expect(String(sum.getCell('A1').value)).toContain(BATCH);
    const header = (sum.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual(['社区', '测评点位数', '背街小巷得分率', '农贸（集贸）市场得分率', '综合得分率', '发现问题数']);
    const rowA = sum.getRow(4);
    expect(rowA.getCell(1).value).toBe('水东街社区');
    expect(rowA.getCell(4).value).toBe(0.7);
    expect(rowA.getCell(5).value).toBe(0.6867);
    expect(rowA.getCell(5).numFmt).toBe('0.00%');
    expect(sum.getRow(6).getCell(1).value).toBe('合计');
    const worst = wb.getWorksheet('失分项')!;
    expect(worst.getRow(4).getCell(3).value).toBe('MK02');
    const probs = wb.getWorksheet('问题清单')!;
    expect((probs.getRow(3).values as unknown[]).slice(1, 3)).toEqual(['社区', '问题编号']);
    expect(probs.actualRowCount - 3).toBe(3);
  });

  it('lists the batches of the town for the filter', async () => {
    const r = await as(app, office).get(`/api/inspections/batches?regionCode=${TOWN}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items).toEqual([
      { batch: BATCH, from: day(-10), to: day(-4), points: 3, inspections: 4, inProgress: 0, communities: 2, inspectors: ['测评员甲'] },
    ]);
    expect((await as(app, await login(app, 'cadreb')).get(`/api/inspections/batches?regionCode=${TOWN}`)).statusCode).toBe(403);
  });
});

function round4(x: number) {
  return Math.round(x * 10000) / 10000;
}
