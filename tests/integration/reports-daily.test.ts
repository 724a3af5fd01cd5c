// Community daily reports (issue 19 item 1) on real PostgreSQL: the form
// pre-filled from the day's records; after the town's cut-off a report is
// accepted and marked late; two cadres at once give one report and a 409
// carrying it; corrections by version; the office's list and the missing
// ones (working days, or every day when the town says so); the
// daily_report_missing rule scores them; figure ⑧ counts them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { addPerson, as, closeTown, COMMUNITY_A, COMMUNITY_B, login, openTown, TOWN, type Town } from '../helpers/town.ts';
import { closedProblem, reportedProblem } from '../helpers/problems.ts';
import { uploadPhoto } from '../helpers/photos.ts';
import { setClock } from '../../server/platform/clock.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const c: Record<string, string> = {};

beforeAll(async () => {
  setClock(new Date('2026-12-07T17:00:00+08:00')); // a Monday, before the 18:00 cut-off
  ({ tdb, town, app } = await openTown({ categories: true, calendar: [2026] }));
  await addPerson(tdb.db, {
    name: '社区干部丙',
    username: 'cadrea2',
    regionCode: COMMUNITY_A,
    unitId: town.units.committeeA,
    grants: [{ role: 'community_staff', region: COMMUNITY_A }],
  });
  for (const who of ['office', 'office2', 'leader', 'cadrea', 'cadrea2', 'cadreb', 'chief', 'county']) c[who] = await login(app, who);
});
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

const submit = (cookie: string, day: string, o: Record<string, unknown> = {}) =>
  as(app, cookie).post('/api/reports/daily', { communityCode: COMMUNITY_A, day, body: '今日组织街巷长巡查，清理卫生死角两处。', ...o });

describe('settings', () => {
  it('defaults to 18:00 on working days; the office changes its own town, with its version', async () => {
    const office = as(app, c.office);
    expect((await office.get(`/api/reports/settings?town=${TOWN}`)).json()).toMatchObject({ cutoff: '18:00', restDays: false, version: 0 });
    const saved = await office.put('/api/reports/settings', { townCode: TOWN, cutoff: '18:00', restDays: false, draftAt: '18:30', version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(1);
    expect((await office.put('/api/reports/settings', { townCode: TOWN, cutoff: '17:00', restDays: false, draftAt: '18:30', version: 0 })).statusCode).toBe(
      409,
    );
    expect((await office.put('/api/reports/settings', { townCode: TOWN, cutoff: '25:00', restDays: false, draftAt: '18:30', version: 1 })).statusCode).toBe(
      400,
    );
    expect(
      (await as(app, c.cadrea).put('/api/reports/settings', { townCode: TOWN, cutoff: '17:00', restDays: false, draftAt: '18:30', version: 1 })).statusCode,
    ).toBe(403);
    expect((await as(app, c.office2).get(`/api/reports/settings?town=${TOWN}`)).statusCode).toBe(404);
  });
});

describe('the form and the report', () => {
  it('pre-fills the day from the records, for the community’s own cadres only', async () => {
    await reportedProblem(tdb.db, { region: COMMUNITY_A, created: '2026-12-04T09:00:00+08:00' });
    await closedProblem(tdb.db, {
      region: COMMUNITY_A,
      unit: town.units.committeeA,
      due: '2026-12-10',
      created: '2026-12-01',
      closed: '2026-12-04T15:00:00+08:00',
    });
    await reportedProblem(tdb.db, { region: COMMUNITY_B, created: '2026-12-04T09:00:00+08:00' });
    const f = await as(app, c.cadrea).get(`/api/reports/daily/form?communityCode=${COMMUNITY_A}&day=2026-12-04`);
    expect(f.statusCode, f.body).toBe(200);
    expect(f.json()).toMatchObject({ communityCode: COMMUNITY_A, day: '2026-12-04', cutoff: '18:00', owed: true, lateIfNow: true, report: null });
    expect(f.json().facts).toMatchObject({ problemsFound: 1, problemsClosed: 1, patrolsDone: 0, activitiesHeld: 0 });
    expect((await as(app, c.cadrea).get(`/api/reports/daily/form?communityCode=${COMMUNITY_A}&day=2026-12-07`)).json().lateIfNow).toBe(false);
    expect((await as(app, c.cadrea).get(`/api/reports/daily/form?communityCode=${COMMUNITY_A}&day=2026-12-05`)).json().owed).toBe(false);
    expect((await as(app, c.cadreb).get(`/api/reports/daily/form?communityCode=${COMMUNITY_A}&day=2026-12-04`)).statusCode).toBe(400);
    expect((await as(app, c.cadrea).get(`/api/reports/daily/form?communityCode=${COMMUNITY_A}&day=2026-12-08`)).statusCode).toBe(400);
    expect((await as(app, c.office).get(`/api/reports/daily/form?communityCode=${COMMUNITY_A}&day=2026-12-04`)).statusCode).toBe(403);
  });

  it('accepts today’s report on time and an earlier day’s marked late, with the facts as they were', async () => {
    const today = await submit(c.cadrea, '2026-12-07');
    expect(today.statusCode, today.body).toBe(201);
    expect(today.json()).toMatchObject({ late: false, day: '2026-12-07', submittedByName: '社区干部甲', version: 1 });
    const photo = (await uploadPhoto(app, c.cadrea)).json().id;
    const late = await submit(c.cadrea, '2026-12-04', { photoIds: [photo] });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json()).toMatchObject({ late: true, facts: { problemsFound: 1, problemsClosed: 1 } });
    expect(late.json().attachments.photos.map((p: any) => p.id)).toEqual([photo]);
    expect((await as(app, c.office).get(`/api/photos/${photo}`)).statusCode).toBe(200);
    expect((await as(app, c.cadreb).get(`/api/photos/${photo}`)).statusCode).toBe(404);
  });

  it('keeps one report per community and day: the second gets 409 with the one saved', async () => {
    const again = await submit(c.cadrea2, '2026-12-07', { body: '另一位干部的汇报' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
    expect(again.json().error.details.latest).toMatchObject({ day: '2026-12-07', body: '今日组织街巷长巡查，清理卫生死角两处。', version: 1 });

    const [a, b] = await Promise.all([submit(c.cadrea, '2026-12-03', { body: '甲的汇报' }), submit(c.cadrea2, '2026-12-03', { body: '丙的汇报' })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const loser = a.statusCode === 409 ? a : b;
    const winner = a.statusCode === 201 ? a : b;
    expect(loser.json().error.details.latest.id).toBe(winner.json().id);
    const n = await tdb.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM community_daily_reports WHERE community_code = ${COMMUNITY_A} AND day = '2026-12-03'`,
    );
    expect(n.rows[0].n).toBe(1);
  });

  it('is corrected by its community’s cadres at its version; a stale one gets 409 with the latest', async () => {
    const r = (await as(app, c.office).get(`/api/reports/daily?region=${COMMUNITY_A}&from=2026-12-07&to=2026-12-07`)).json().items[0];
    const ok = await as(app, c.cadrea2).put(`/api/reports/daily/${r.id}`, { version: r.version, body: '补充：下午开展文明劝导。' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, body: '补充：下午开展文明劝导。', late: false });
    const stale = await as(app, c.cadrea).put(`/api/reports/daily/${r.id}`, { version: 1, body: '旧版本上的修改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.latest).toMatchObject({ version: 2, body: '补充：下午开展文明劝导。' });
    expect((await as(app, c.cadreb).put(`/api/reports/daily/${r.id}`, { version: 2, body: '别的社区' })).statusCode).toBe(404);
    expect((await as(app, c.office).put(`/api/reports/daily/${r.id}`, { version: 2, body: '办公室改' })).statusCode).toBe(403);
    const audit = await tdb.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'daily_report' AND entity_id = ${String(r.id)}`,
    );
    expect(audit.rows[0].n).toBe(2);
  });
});

describe('the office’s list and the missing reports', () => {
  it('lists reports newest day first, per community or per day, within each reader’s regions', async () => {
    const all = (await as(app, c.office).get(`/api/reports/daily?region=${TOWN}`)).json();
    expect(all.items.map((r: any) => r.day)).toEqual(['2026-12-07', '2026-12-04', '2026-12-03']);
    expect(all.items.find((r: any) => r.day === '2026-12-04').photos).toBe(1);
    const late = (await as(app, c.office).get(`/api/reports/daily?region=${TOWN}&late=true`)).json();
    expect(late.items.map((r: any) => r.day)).toEqual(['2026-12-04', '2026-12-03']);
    const page1 = (await as(app, c.office).get('/api/reports/daily?limit=2')).json();
    const page2 = (await as(app, c.office).get(`/api/reports/daily?limit=2&cursor=${page1.nextCursor}`)).json();
    expect([...page1.items, ...page2.items].map((r: any) => r.day)).toEqual(['2026-12-07', '2026-12-04', '2026-12-03']);
    expect(page2.nextCursor).toBeNull();
    expect((await as(app, c.cadreb).get('/api/reports/daily')).json().items).toEqual([]);
    expect((await as(app, c.office2).get('/api/reports/daily')).json().items).toEqual([]);
    expect((await as(app, c.county).get('/api/reports/daily')).json().items).toHaveLength(3);
    expect((await as(app, c.chief).get('/api/reports/daily')).statusCode).toBe(403);
    expect((await as(app, c.office).get('/api/reports/daily?cursor=nonsense')).statusCode).toBe(400);
  });

  it('lists the owed days without a report whose cut-off has passed', async () => {
    const m = (await as(app, c.office).get(`/api/reports/daily/missing?region=${TOWN}&from=2026-12-01&to=2026-12-07`)).json();
    const days = (code: string) => m.items.filter((i: any) => i.communityCode === code).map((i: any) => i.day);
    expect(days(COMMUNITY_A)).toEqual(['2026-12-02', '2026-12-01']); // 12-03 and 12-04 late, 12-05/06 weekend, 12-07 before 18:00
    expect(days(COMMUNITY_B)).toEqual(['2026-12-04', '2026-12-03', '2026-12-02', '2026-12-01']);
    expect(m).toMatchObject({ submitted: 3, late: 2 });
    setClock(new Date('2026-12-07T18:30:00+08:00'));
    const after = (await as(app, c.office).get(`/api/reports/daily/missing?region=${COMMUNITY_B}&from=2026-12-07&to=2026-12-07`)).json();
    expect(after.items.map((i: any) => i.day)).toEqual(['2026-12-07']);
    setClock(new Date('2026-12-07T17:00:00+08:00'));
    expect((await as(app, c.cadreb).get(`/api/reports/daily/missing?region=${COMMUNITY_A}`)).statusCode).toBe(404);
    expect((await as(app, c.office).get(`/api/reports/daily/missing?region=${TOWN}&from=2026-01-01&to=2026-12-07`)).statusCode).toBe(400);
  });

  it('counts weekends too when the town says reports are owed every day', async () => {
    const s = (await as(app, c.office).get(`/api/reports/settings?town=${TOWN}`)).json();
    expect((await as(app, c.office).put('/api/reports/settings', { ...s, restDays: true })).statusCode).toBe(200);
    const m = (await as(app, c.office).get(`/api/reports/daily/missing?region=${COMMUNITY_A}&from=2026-12-01&to=2026-12-07`)).json();
    expect(m.items.map((i: any) => i.day)).toEqual(['2026-12-06', '2026-12-05', '2026-12-02', '2026-12-01']);
    const s2 = (await as(app, c.office).get(`/api/reports/settings?town=${TOWN}`)).json();
    expect((await as(app, c.office).put('/api/reports/settings', { ...s2, restDays: false })).statusCode).toBe(200);
  });
});

describe('assessment and figures', () => {
  it('scores each missing day to the community through a daily_report_missing rule', async () => {
    const office = as(app, c.office);
    const rule = { regionCode: TOWN, name: '社区日报缺报', eventKind: 'daily_report_missing', points: -0.5, effectiveFrom: '2026-01-01' };
    expect((await office.post('/api/assessment/rules', { ...rule, subjectKind: 'street_chief' })).statusCode).toBe(400);
    const made = await office.post('/api/assessment/rules', { ...rule, subjectKind: 'community' });
    expect(made.statusCode, made.body).toBe(201);
    expect((await office.post('/api/assessment/recompute', { region: TOWN, date: '2026-12-01' })).statusCode).toBe(200);
    const ledger = (await office.get(`/api/assessment/ledger?region=${TOWN}&kind=month&date=2026-12-01`)).json();
    const of = (code: string) =>
      ledger.filter((e: any) => e.eventKind === 'daily_report_missing' && e.subjectRef === code).map((e: any) => [e.onDate, e.points, e.causeKind]);
    expect(of(COMMUNITY_A)).toEqual([
      ['2026-12-01', -0.5, 'daily_report'],
      ['2026-12-02', -0.5, 'daily_report'],
    ]);
    expect(of(COMMUNITY_B).map((e: any) => e[0])).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
  });

  it('serves ⑧ (reports submitted) with the list that shows them, ⑨ and ㉗ as counts', async () => {
    const r = (await as(app, c.office).get(`/api/figures?region=${COMMUNITY_A}&period=2026-12&ids=reports.community_daily`)).json();
    expect(r.figures[0]).toMatchObject({ seq: 8, value: 3 });
    expect(r.figures[0].drillUrl).toContain('/reports/daily?');
    const t = (await as(app, c.office).get(`/api/figures?region=${TOWN}&period=2026&ids=reports.town_daily,notices.town_published`)).json();
    expect(t.figures.map((f: any) => [f.seq, f.value])).toEqual([
      [9, 0],
      [27, 0],
    ]);
  });
});
