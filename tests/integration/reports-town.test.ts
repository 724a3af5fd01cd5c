// The town's own reports (issue 19 items 2 and 3) on real PostgreSQL: drafted
// from the records and the community reports (by the office, or by the job at
// the town's draft time), edited, published with a 期数 per town, kind and
// year; a published one is never edited, a correction is a new revision with
// its reason keeping the 期数; figure ⑨ counts published issues once; the
// weekly report prints as .docx with photos of typical problems.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import JSZip from 'jszip';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, COMMUNITY_A, COMMUNITY_B, login, openTown, TOWN, TOWN2, type Town } from '../helpers/town.ts';
import { overdueProblem, reportedProblem } from '../helpers/problems.ts';
import { uploadPhoto } from '../helpers/photos.ts';
import { setClock } from '../../server/platform/clock.ts';
import { runTownDrafts } from '../../server/modules/reports/town.service.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const c: Record<string, string> = {};

beforeAll(async () => {
  setClock(new Date('2026-12-07T17:00:00+08:00')); // a Monday
  ({ tdb, town, app } = await openTown({ categories: true, calendar: [2026] }));
  for (const who of ['office', 'office2', 'leader', 'cadrea', 'county']) c[who] = await login(app, who);
  const p = await reportedProblem(tdb.db, { region: COMMUNITY_A, created: '2026-12-02T09:00:00+08:00', description: '水东街垃圾桶满溢' });
  await overdueProblem(tdb.db, { region: COMMUNITY_B, unit: town.units.committeeB, today: '2026-12-07', workingDaysLate: 3, created: '2026-11-20' });
  const photo = (await uploadPhoto(app, c.office)).json().id;
  await tdb.db.execute(sql`UPDATE problem_photos SET problem_id = ${p.id}, kind = 'before' WHERE id = ${photo}`);
  await as(app, c.cadrea).post('/api/reports/daily', { communityCode: COMMUNITY_A, day: '2026-12-04', body: '巡查两条街巷。' });
});
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

const office = () => as(app, c.office);
async function draft(kind: 'daily' | 'weekly', day: string) {
  const r = await office().post('/api/reports/town/draft', { kind, townCode: TOWN, day });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

describe('the town daily report', () => {
  it('is drafted from the day’s records and the community reports, once per day', async () => {
    const d = await draft('daily', '2026-12-04');
    expect(d.created).toBe(true);
    expect(d.report).toMatchObject({ kind: 'daily', periodFrom: '2026-12-04', periodTo: '2026-12-04', state: 'draft', seq: null, revision: 1 });
    expect(d.report.facts.communityReports.submitted).toBe(1);
    expect(d.report.facts.communityReports.missing).toContain('东门街社区居民委员会');
    expect(d.report.body.body).toContain('社区每日创城情况汇报');
    expect(d.report.can).toEqual({ edit: true, publish: true, correct: false });
    const again = await draft('daily', '2026-12-04');
    expect(again).toMatchObject({ created: false, report: { id: d.report.id } });
    expect((await office().post('/api/reports/town/draft', { kind: 'daily', townCode: TOWN, day: '2026-12-08' })).statusCode).toBe(400);
    expect((await as(app, c.cadrea).post('/api/reports/town/draft', { kind: 'daily', townCode: TOWN, day: '2026-12-04' })).statusCode).toBe(403);
    expect((await as(app, c.office2).post('/api/reports/town/draft', { kind: 'daily', townCode: TOWN, day: '2026-12-04' })).statusCode).toBe(404);
  });

  it('is edited by the office at its version, then published with the next 期数; published, it is never edited', async () => {
    const d = (await draft('daily', '2026-12-04')).report;
    const body = { opening: '12月4日，全镇开展创城工作。', body: '发现问题1个。\n社区汇报1篇。', closing: '明日继续。' };
    const ed = await office().put(`/api/reports/town/${d.id}`, { version: d.version, title: d.title, body });
    expect(ed.statusCode, ed.body).toBe(200);
    expect(ed.json().body).toEqual(body);
    expect((await office().put(`/api/reports/town/${d.id}`, { version: d.version, title: d.title, body })).statusCode).toBe(409);
    expect((await as(app, c.leader).post(`/api/reports/town/${d.id}/publish`, { version: ed.json().version })).statusCode).toBe(403);
    const pub = await office().post(`/api/reports/town/${d.id}/publish`, { version: ed.json().version });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ state: 'published', seq: 1, issue: '2026年第1期', can: { edit: false, correct: true } });
    const refused = await office().put(`/api/reports/town/${d.id}`, { version: pub.json().version, title: '改标题', body });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('INVALID_STATE');
    expect((await office().post(`/api/reports/town/${d.id}/publish`, { version: pub.json().version })).json().error.code).toBe('INVALID_STATE');

    const next = (await draft('daily', '2026-12-07')).report;
    expect((await office().post(`/api/reports/town/${next.id}/publish`, { version: next.version })).json()).toMatchObject({ seq: 2, issue: '2026年第2期' });
  });

  it('is corrected by a new revision with its reason, keeping the 期数; ⑨ counts the issue once', async () => {
    const list = (await office().get(`/api/reports/town?kind=daily&region=${TOWN}&state=published`)).json();
    const first = list.items.find((r: any) => r.seq === 1);
    expect(
      (
        await office().post(`/api/reports/town/${first.id}/correct`, {
          version: first.version,
          reason: '',
          title: first.title,
          body: { opening: 'a', body: 'b', closing: 'c' },
        })
      ).statusCode,
    ).toBe(400);
    const cor = await office().post(`/api/reports/town/${first.id}/correct`, {
      version: first.version,
      reason: '问题数字有误',
      title: first.title,
      body: { opening: '更正后的开头', body: '发现问题2个。', closing: '明日继续。' },
    });
    expect(cor.statusCode, cor.body).toBe(200);
    expect(cor.json()).toMatchObject({ seq: 1, revision: 2, state: 'published', correctionReason: '问题数字有误', previousId: first.id });
    expect((await office().get(`/api/reports/town/${first.id}`)).json().state).toBe('superseded');
    expect(
      (
        await office().post(`/api/reports/town/${first.id}/correct`, {
          version: first.version + 1,
          reason: '再改',
          title: 'x标题',
          body: { opening: 'a', body: 'b', closing: 'c' },
        })
      ).statusCode,
    ).toBe(409);
    const f = (await office().get(`/api/figures?region=${TOWN}&period=2026&ids=reports.town_daily`)).json().figures[0];
    expect(f).toMatchObject({ seq: 9, value: 2 });
    expect(f.drillUrl).toContain('/reports/town?kind=daily&state=published');
    expect((await office().get(`/api/figures?region=${COMMUNITY_A}&period=2026&ids=reports.town_daily`)).json().figures[0].value).toBe(0);
  });

  it('is drafted by the job once the town’s draft time has passed, once', async () => {
    await tdb.db.execute(sql`DELETE FROM town_reports WHERE period_from = '2026-12-07'`);
    expect((await runTownDrafts(tdb.db, new Date('2026-12-07T18:00:00+08:00'))).drafted).toBe(0); // before 18:30
    const ran = await runTownDrafts(tdb.db, new Date('2026-12-07T18:31:00+08:00'));
    expect(ran.drafted).toBeGreaterThanOrEqual(1);
    expect((await runTownDrafts(tdb.db, new Date('2026-12-07T18:40:00+08:00'))).drafted).toBe(0);
    const mine = (await office().get('/api/reports/town?kind=daily&from=2026-12-07&to=2026-12-07')).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ state: 'draft', townCode: TOWN });
  });

  it('is read by the town and the county, not by another town or a community', async () => {
    expect((await as(app, c.county).get('/api/reports/town?kind=daily')).json().items.length).toBeGreaterThan(0);
    expect((await as(app, c.office2).get('/api/reports/town?kind=daily')).json().items.filter((r: any) => r.townCode === TOWN)).toEqual([]);
    const id = (await office().get('/api/reports/town?kind=daily')).json().items[0].id;
    expect((await as(app, c.office2).get(`/api/reports/town/${id}`)).statusCode).toBe(404);
    expect((await as(app, c.cadrea).get(`/api/reports/town/${id}`)).statusCode).toBe(404);
    expect(TOWN2).not.toBe(TOWN);
  });
});

describe('the weekly report', () => {
  it('counts the week by community and category, with the typical problems, and numbers its own 期数', async () => {
    const w = (await draft('weekly', '2026-12-03')).report;
    expect(w).toMatchObject({ kind: 'weekly', periodFrom: '2026-11-30', periodTo: '2026-12-06' });
    expect(w.facts.problems.found).toBe(1);
    expect(w.facts.byCommunity.find((x: any) => x.key === COMMUNITY_B).overdue).toBe(1);
    expect(w.facts.typicalProblems.map((p: any) => p.description)).toEqual(['水东街垃圾桶满溢']);
    expect(w.facts.communityReports).toMatchObject({ submitted: 1 });
    const pub = await office().post(`/api/reports/town/${w.id}/publish`, { version: w.version });
    expect(pub.json()).toMatchObject({ seq: 1, issue: '2026年第1期' }); // the weekly report's own numbering
  });

  it('prints as .docx in the notices’ layout with the typical problems’ photos', async () => {
    const w = (await office().get('/api/reports/town?kind=weekly')).json().items[0];
    const res = await office().get(`/api/reports/town/${w.id}/docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('创城周报2026年第1期');
    expect(xml).toContain('水东街垃圾桶满溢');
    expect(xml).toContain('汀州镇创建全国文明城市工作办公室');
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(1);
    expect((await as(app, c.office2).get(`/api/reports/town/${w.id}/docx`)).statusCode).toBe(404);
  });
});
