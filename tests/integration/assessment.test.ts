// Assessment on real PostgreSQL: rules as versioned data, the derived ledger
// (deterministic, versions never reach back), "why" with its .xlsx, indicators,
// rankings published to staff and the public, and who may see what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, COMMUNITY_B, COUNTY, login, TOWN, TOWN2, closeTown, openTown, type Town } from '../helpers/town.ts';
import { closedProblem, rectifyingProblem } from '../helpers/problems.ts';
import { runAssessmentRecompute } from '../../server/modules/assessment/assessment.job.ts';
import { setClock } from '../../server/platform/clock.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let office: string;
let overdueRuleKey: string;

const at = (d: string) => new Date(`${d}T10:00:00+08:00`);
/** A problem dispatched on `created` and closed on `closed` (else still being rectified). */
async function problem(p: {
  code: string;
  region: string;
  source?: string;
  due: string;
  created: string;
  closed?: string;
  onTime?: boolean;
  rework?: number;
  unit?: number;
}) {
  const f = {
    code: p.code,
    region: p.region,
    source: p.source,
    description: '测试问题',
    created: at(p.created),
    unit: p.unit ?? null,
    due: p.due,
    rework: p.rework,
  };
  return (p.closed ? await closedProblem(tdb.db, { ...f, closed: at(p.closed), onTime: p.onTime }) : await rectifyingProblem(tdb.db, f)).id;
}
async function event(problemId: number, action: string, on: string, data: unknown = null) {
  return (
    await tdb.db.execute<{ id: number }>(
      sql`INSERT INTO problem_events (problem_id, at, action, data) VALUES (${problemId}, ${at(on)}, ${action}, ${JSON.stringify(data)}::jsonb) RETURNING id`,
    )
  ).rows[0].id;
}

let p1: number;
let overdueEvent: number;
beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true }));
  office = await login(app, 'office');
  // October 2026 (National Day holiday Oct 1-7, so Oct 10 is a make-up working day if the calendar says so).
  p1 = await problem({
    code: 'A-LATE',
    region: COMMUNITY_A,
    due: '2026-10-12',
    created: '2026-10-09',
    closed: '2026-10-20',
    onTime: false,
    unit: town.units.committeeA,
  });
  overdueEvent = await event(p1, 'overdue', '2026-10-13', { dueDate: '2026-10-12' });
  await problem({
    code: 'A-COUNTY',
    region: COMMUNITY_A,
    source: 'county_notice',
    due: '2026-10-16',
    created: '2026-10-12',
    closed: '2026-10-15',
    onTime: true,
  });
  const p3 = await problem({ code: 'B-REWORK', region: COMMUNITY_B, due: '2026-10-23', created: '2026-10-13', closed: '2026-10-22', onTime: true, rework: 1 });
  await event(p3, 'verify_fail', '2026-10-20');
  const rule = async (name: string, eventKind: string, points: number, capPerPeriod: number | null = null) => {
    const r = await as(app, office).post('/api/assessment/rules', {
      regionCode: TOWN,
      name,
      eventKind,
      subjectKind: 'community',
      points,
      capPerPeriod,
      effectiveFrom: '2026-01-01',
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().ruleKey as string;
  };
  overdueRuleKey = await rule('问题超期每工作日扣分', 'problem_overdue_day', -0.5);
  await rule('被县通报发现问题', 'found_by_higher', -2);
  await rule('按期办结加分', 'on_time_closure', 0.5);
  await rule('返工扣分', 'rework', -1);
  await rule('上红榜加分', 'red_list', 5);
  await rule('上黑榜扣分', 'black_list', -5);
});
afterAll(() => closeTown(app, tdb));

const strip = (rows: any[]) => rows.map(({ id, ...rest }) => rest);
const ledgerOct = async () => {
  const r = await as(app, office).get(`/api/assessment/ledger?region=${TOWN}&kind=month&date=2026-10-15`);
  expect(r.statusCode, r.body).toBe(200);
  return strip(r.json());
};

describe('points ledger', () => {
  it('recomputing twice gives the identical ledger, each entry naming cause, rule and version', async () => {
    const a = await as(app, office).post('/api/assessment/recompute', { region: TOWN, date: '2026-10-01' });
    expect(a.statusCode, a.body).toBe(200);
    const first = await ledgerOct();
    await as(app, office).post('/api/assessment/recompute', { region: TOWN, date: '2026-10-31' });
    expect(await ledgerOct()).toEqual(first);
    const late = first.find((e: any) => e.causeRef === 'A-LATE' && e.eventKind === 'problem_overdue_day');
    expect(late).toMatchObject({
      subjectKind: 'community',
      subjectRef: COMMUNITY_A,
      causeKind: 'problem',
      causeId: p1,
      causeEventId: overdueEvent,
      ruleVersion: 1,
      onDate: '2026-10-13',
    });
    expect(late.quantity).toBe(6); // Oct 13-16, 19, 20
    expect(late.points).toBe(-3);
    expect(first.map((e: any) => e.eventKind).sort()).toEqual(['found_by_higher', 'on_time_closure', 'on_time_closure', 'problem_overdue_day', 'rework']);
  });

  it('a rule changed from a later date leaves the earlier month identical', async () => {
    const before = await ledgerOct();
    const v = await as(app, office).post(`/api/assessment/rules/${overdueRuleKey}/versions`, { points: -3, effectiveFrom: '2026-11-01' });
    expect(v.statusCode, v.body).toBe(201);
    expect(v.json().version).toBe(2);
    // A version may not start before an existing one.
    expect((await as(app, office).post(`/api/assessment/rules/${overdueRuleKey}/versions`, { points: -1, effectiveFrom: '2026-10-01' })).statusCode).toBe(400);
    await as(app, office).post('/api/assessment/recompute', { region: TOWN, date: '2026-10-01' });
    expect(await ledgerOct()).toEqual(before);
    const rules = (await as(app, office).get(`/api/assessment/rules?region=${TOWN}`)).json();
    expect(rules.rules.find((r: any) => r.ruleKey === overdueRuleKey).versions).toHaveLength(2);
  });

  it('answers why a community has its score, down to each entry, and exports it as .xlsx', async () => {
    const cadreA = await login(app, 'cadrea');
    const r = await as(app, cadreA).get(`/api/assessment/why?subjectKind=community&ref=${COMMUNITY_A}&kind=month&date=2026-10-01`);
    expect(r.statusCode, r.body).toBe(200);
    const w = r.json();
    expect(w.baseScore).toBe(100);
    expect(w.points).toBe(-4.5); // -3 overdue, -2 found by the county, +0.5 on time
    expect(w.score).toBe(95.5);
    expect(w.entries.map((e: any) => e.ruleName)).toContain('问题超期每工作日扣分');
    const x = await as(app, cadreA).get(`/api/assessment/why.xlsx?subjectKind=community&ref=${COMMUNITY_A}&kind=month&date=2026-10-01`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as any);
    const ws = wb.worksheets[0];
    expect(ws.getRow(2).getCell(6).value).toBe(95.5);
    const codes = [];
    for (let i = 5; i <= ws.rowCount; i++) codes.push(ws.getRow(i).getCell(6).value);
    expect(codes.sort()).toEqual(['A-COUNTY', 'A-COUNTY', 'A-LATE']);
  });

  it('computes the standard indicators per community', async () => {
    const r = await as(app, office).get(`/api/assessment/indicators?region=${TOWN}&groupBy=community&kind=month&date=2026-10-01`);
    expect(r.statusCode, r.body).toBe(200);
    const a = r.json().rows.find((x: any) => x.code === COMMUNITY_A);
    expect(a).toMatchObject({ filed: 2, due: 2, closed: 2, onTime: 1, overdue: 1, closeRate: 1, onTimeRate: 0.5 });
    const b = r.json().rows.find((x: any) => x.code === COMMUNITY_B);
    expect(b).toMatchObject({ due: 1, rework: 1, reworkRate: 1 });
  });
});

describe('red and black lists', () => {
  it('publishes a ranking: frozen rows, list points into the ledger, a public page, a rank history', async () => {
    expect(
      (
        await as(app, office).put(`/api/assessment/config?region=${TOWN}`, {
          baseScore: 100,
          weights: { closeRate: 0.3, onTimeRate: 0.5, reworkRate: 0.2 },
          lists: { redSize: 1, blackSize: 1 },
        })
      ).statusCode,
    ).toBe(200);
    const live = await as(app, await login(app, 'leader')).get(`/api/assessment/rankings?region=${TOWN}&kind=month&date=2026-10-01`);
    expect(live.statusCode, live.body).toBe(200);
    expect(live.json().published).toBe(false);
    const rows = live.json().rows;
    // Communities with nothing to assess are 无数据, listed after the ranked ones.
    const ranked = rows.filter((x: any) => !x.noData);
    expect(rows.slice(ranked.length).every((x: any) => x.rank === null && x.list === null)).toBe(true);
    expect(ranked.at(-1)).toMatchObject({ code: COMMUNITY_A, score: 95.5, list: 'black' });
    // Among equal scores the better 按期结案率 ranks first, then the region code.
    const b = rows.findIndex((x: any) => x.code === COMMUNITY_B);
    expect(rows[b].score).toBe(99.5);
    // The office submits, a town leader approves, and the approval publishes it.
    const sub = await as(app, office).post('/api/assessment/rankings/submit', { region: TOWN, kind: 'month', date: '2026-10-01' });
    expect(sub.statusCode, sub.body).toBe(201);
    const pub = await as(app, await login(app, 'leader')).post(`/api/assessment/rankings/${sub.json().id}/actions/approve`, { version: sub.json().version });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ state: 'published', approvedBy: town.people.leader });
    expect((await as(app, office).post('/api/assessment/rankings/submit', { region: TOWN, kind: 'month', date: '2026-10-01' })).statusCode).toBe(409);
    const why = (await as(app, office).get(`/api/assessment/why?ref=${COMMUNITY_A}&kind=day`)).json();
    expect(why.entries).toEqual([expect.objectContaining({ eventKind: 'black_list', causeKind: 'ranking', causeId: pub.json().id, points: -5 })]);
    const pubPage = await app.inject({ method: 'GET', url: `/api/public/rankings/latest?town=${TOWN}` });
    expect(pubPage.statusCode).toBe(200);
    expect(pubPage.json().black.map((x: any) => x.code)).toEqual([COMMUNITY_A]);
    // Red list size 1: the best community with records. Those with none (100 points, no indicators) used
    // to tie for first and all make the red list; they are 无数据 now and make neither.
    expect(ranked[0]).toMatchObject({ rank: 1, list: 'red' });
    expect(pubPage.json().red.map((x: any) => x.code)).toEqual(ranked.filter((x: any) => x.list === 'red').map((x: any) => x.code));
    expect(pubPage.json().red.every((x: any) => ranked.some((y: any) => y.code === x.code))).toBe(true);
    const hist = (await as(app, office).get(`/api/assessment/rankings/history?region=${TOWN}&kind=month`)).json();
    expect(hist.periods).toHaveLength(1);
    expect(hist.series.find((s: any) => s.code === COMMUNITY_A).ranks).toEqual([ranked.length]);
    // A recompute leaves the published list's entries alone.
    await as(app, office).post('/api/assessment/recompute', { region: TOWN, date: new Date().toISOString().slice(0, 10) });
    expect((await as(app, office).get(`/api/assessment/why?ref=${COMMUNITY_A}&kind=day`)).json().entries).toHaveLength(1);
  });
});

describe('who may see and change what', () => {
  it('hides a town from another town’s office, lets a cadre read only its own community, and not manage rules', async () => {
    const office2 = await login(app, 'office2');
    expect((await as(app, office2).get(`/api/assessment/rankings?region=${TOWN}&kind=month&date=2026-10-01`)).statusCode).toBe(404);
    expect((await as(app, office2).get(`/api/assessment/why?ref=${COMMUNITY_A}&kind=month&date=2026-10-01`)).statusCode).toBe(404);
    const cadreA = await login(app, 'cadrea');
    expect((await as(app, cadreA).get(`/api/assessment/why?ref=${COMMUNITY_A}&kind=month&date=2026-10-01`)).statusCode).toBe(200);
    expect((await as(app, cadreA).get(`/api/assessment/why?ref=${COMMUNITY_B}&kind=month&date=2026-10-01`)).statusCode).toBe(404);
    const r = await as(app, cadreA).post('/api/assessment/rules', {
      regionCode: COMMUNITY_A,
      name: 'x',
      eventKind: 'rework',
      subjectKind: 'community',
      points: 1,
      effectiveFrom: '2026-01-01',
    });
    expect(r.statusCode).toBe(403);
    expect((await as(app, cadreA).post('/api/assessment/recompute', { region: COMMUNITY_A, date: '2026-10-01' })).statusCode).toBe(403);
    const county = await login(app, 'county');
    expect((await as(app, county).get(`/api/assessment/rankings?region=${TOWN}&kind=month&date=2026-10-01`)).statusCode).toBe(200);
    expect((await as(app, county).post('/api/assessment/rankings/submit', { region: TOWN, kind: 'month', date: '2026-09-01' })).statusCode).toBe(403);
  });
});

describe('a county ranks its towns, and the nightly job', () => {
  it('ranks the towns of a county by town points and indicators', async () => {
    const admin = await login(app, 'admin');
    const r = await as(app, admin).post('/api/assessment/rules', {
      regionCode: COUNTY,
      name: '乡镇被县通报',
      eventKind: 'found_by_higher',
      subjectKind: 'town',
      points: -1,
      effectiveFrom: '2026-01-01',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect((await as(app, admin).post('/api/assessment/recompute', { region: COUNTY, date: '2026-10-01' })).statusCode).toBe(200);
    const county = await login(app, 'county');
    const k = await as(app, county).get(`/api/assessment/rankings?region=${COUNTY}&kind=quarter&date=2026-10-01`);
    expect(k.statusCode, k.body).toBe(200);
    expect(k.json().level).toBe('town');
    const rows = k.json().rows;
    expect(rows.map((x: any) => x.code)).toEqual(expect.arrayContaining([TOWN, TOWN2]));
    expect(rows.find((x: any) => x.code === TOWN)).toMatchObject({ points: -1, score: 99 });
    // 大同镇 has nothing to assess this quarter: 无数据, not ranked above or below anyone.
    expect(rows.find((x: any) => x.code === TOWN)).toMatchObject({ rank: 1, noData: false });
    expect(rows.find((x: any) => x.code === TOWN2)).toMatchObject({ rank: null, list: null, noData: true });
    // The town's own communities are unchanged by the county rule (its subject is the town).
    expect((await as(app, office).get(`/api/assessment/why?ref=${COMMUNITY_A}&kind=month&date=2026-10-01`)).json().score).toBe(95.5);
  });

  it('the nightly recompute rewrites nothing when nothing changed', async () => {
    const before = await ledgerOct();
    const r = await runAssessmentRecompute(tdb.db, new Date('2026-11-03T19:00:00Z'));
    expect(r.regions).toBe(1); // the county's rules cover the town's
    expect(await ledgerOct()).toEqual(before);
    const ids = (await tdb.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM points_ledger WHERE on_date BETWEEN '2026-10-01' AND '2026-10-31'`))
      .rows[0].n;
    await runAssessmentRecompute(tdb.db, new Date('2026-11-03T19:00:00Z'));
    expect(
      (await tdb.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM points_ledger WHERE on_date BETWEEN '2026-10-01' AND '2026-10-31'`)).rows[0].n,
    ).toBe(ids);
  });
});

describe('the live ranking is a read of the same rules', () => {
  it('counts a rework the moment it is recorded, writes nothing, and equals the ledger once the night’s job has run', async () => {
    setClock(at('2026-12-06'));
    try {
      const VIEW = `/api/assessment/rankings?region=${TOWN}&kind=month&date=2026-12-01`;
      const rowB = async () => (await as(app, office).get(VIEW)).json().rows.find((x: any) => x.code === COMMUNITY_B);
      // The stored list points of October's published ranking land on its publication day, so start from B's score now.
      const before = await rowB();
      const ledgerRows = async () => (await tdb.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM points_ledger`)).rows[0].n;
      const stored = await ledgerRows();
      // Found, sent back by the verifier on 2 December, now being fixed again: due on the 18th, not yet overdue.
      const id = await problem({ code: 'B-DEC', region: COMMUNITY_B, due: '2026-12-18', created: '2026-12-01', rework: 1 });
      await event(id, 'verify_fail', '2026-12-02');
      // No recompute has run, yet the page that says "按当前台账实时计算" counts it.
      expect(await rowB()).toMatchObject({ points: before.points - 1, score: before.score - 1, noData: false });
      const why = (await as(app, office).get(`/api/assessment/why?ref=${COMMUNITY_B}&kind=month&date=2026-12-01`)).json();
      expect(why).toMatchObject({ points: before.points - 1, score: before.score - 1 });
      expect(why.entries).toContainEqual(expect.objectContaining({ id: null, derived: true, eventKind: 'rework', causeRef: 'B-DEC', ruleName: '返工扣分' }));
      expect(await ledgerRows()).toBe(stored);
      // The night's job stores exactly what was shown.
      await runAssessmentRecompute(tdb.db, new Date('2026-12-06T19:00:00Z'));
      expect(await ledgerRows()).toBe(stored + 1);
      expect(await rowB()).toMatchObject({ points: before.points - 1, score: before.score - 1 });
      const after = (await as(app, office).get(`/api/assessment/why?ref=${COMMUNITY_B}&kind=month&date=2026-12-01`)).json();
      expect(strip(after.entries)).toEqual(strip(why.entries));
    } finally {
      setClock(null);
    }
  });
});
