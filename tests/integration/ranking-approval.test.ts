// Rankings published by approval (issue 12): the office submits a period's
// ranking of the town's communities, a town leader approves it (which
// publishes it) or sends it back with a reason; the county office publishes
// the county's ranking of its towns without a leader step. Each step tells
// the next person (the leaders, then the preparer). A community with nothing
// to assess is 无数据 and makes neither list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { TestDb } from '../helpers/db.ts';
import { closedProblem } from '../helpers/problems.ts';
import { setClock } from '../../server/platform/clock.ts';
import { addPerson, as, COMMUNITY_A, COUNTY, closeTown, login, openTown, TOWN, TOWN2, type Town } from '../helpers/town.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const c: Record<string, string> = {};
const PERIOD = { region: TOWN, kind: 'month', date: '2026-11-01' };
const VIEW = `/api/assessment/rankings?region=${TOWN}&kind=month&date=2026-11-01`;

const at = (d: string) => new Date(`${d}T10:00:00+08:00`);
/** A problem dispatched on 3 November, due the 10th, closed on time (the 9th) or late (the 20th). */
const closed = (code: string, region: string, onTime: boolean) =>
  closedProblem(tdb.db, {
    code,
    region,
    description: '测试问题',
    created: at('2026-11-03'),
    unit: null,
    due: '2026-11-10',
    closed: at(onTime ? '2026-11-09' : '2026-11-20'),
    onTime,
  });
const notes = async (personId: number) =>
  (
    await tdb.db.execute<{ title: string; body: string }>(
      sql`SELECT title, body FROM notifications WHERE person_id = ${personId} AND kind = 'ranking' ORDER BY id`,
    )
  ).rows;

beforeAll(async () => {
  // Early December 2026: November is over, the year 2026 is not (pinned, so this passes on any date).
  setClock(at('2026-12-06'));
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true }));
  await closed('R-A', COMMUNITY_A, true);
  await closed('R-B', '350821100020', false);
  await addPerson(tdb.db, { name: '大同镇领导', username: 'leader2', regionCode: TOWN2, grants: [{ role: 'town_leader', region: TOWN2 }] });
  for (const who of ['office', 'leader', 'leader2', 'county', 'cadrea', 'admin']) c[who] = await login(app, who);
});
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

describe('a town’s ranking: the office submits, a leader approves', () => {
  let id: number;
  let version: number;

  it('shows who may do what: the office may submit, a leader nothing yet', async () => {
    const office = (await as(app, c.office).get(VIEW)).json();
    expect(office).toMatchObject({ state: 'none', stateLabel: '未提交', published: false });
    expect(office.can.actions).toEqual([{ action: 'submit', label: '提交审批' }]);
    expect((await as(app, c.leader).get(VIEW)).json().can.actions).toEqual([]);
    // An unfinished period cannot be submitted, so no button either.
    expect((await as(app, c.office).get(`/api/assessment/rankings?region=${TOWN}&kind=year&date=2026-11-01`)).json().can.actions).toEqual([]);
    const early = await as(app, c.office).post('/api/assessment/rankings/submit', { region: TOWN, kind: 'year', date: '2026-11-01' });
    expect(early.statusCode).toBe(400);
  });

  it('submits: the rows freeze, the town’s leaders are told, nothing is public yet', async () => {
    const r = await as(app, c.office).post('/api/assessment/rankings/submit', PERIOD);
    expect(r.statusCode, r.body).toBe(201);
    ({ id, version } = r.json());
    expect(r.json()).toMatchObject({ state: 'submitted', preparedBy: town.people.office, publishedAt: null });
    expect(await notes(town.people.leader)).toEqual([expect.objectContaining({ title: '待审批：汀州镇2026年11月红黑榜' })]);
    expect(await notes(town.people.office)).toEqual([]);
    expect((await app.inject({ method: 'GET', url: `/api/public/rankings/latest?town=${TOWN}` })).statusCode).toBe(404);
    // Nor does the public page's town list offer the town before a ranking of it is published.
    expect((await app.inject({ method: 'GET', url: '/api/public/rankings/towns' })).json().items).toEqual([]);
    const view = (await as(app, c.leader).get(VIEW)).json();
    expect(view).toMatchObject({ state: 'submitted', stateLabel: '待审批', published: false });
    expect(view.can.actions.map((a: { action: string }) => a.action)).toEqual(['approve', 'reject']);
    expect((await as(app, c.office).get(VIEW)).json().can.actions).toEqual([]);
    // Submitting again while it waits is refused.
    expect((await as(app, c.office).post('/api/assessment/rankings/submit', PERIOD)).statusCode).toBe(409);
  });

  it('only a leader of the town decides', async () => {
    const office = await as(app, c.office).post(`/api/assessment/rankings/${id}/actions/approve`, { version });
    expect(office.statusCode).toBe(403);
    expect(office.json().error.message).toContain('镇领导');
    expect((await as(app, c.county).post(`/api/assessment/rankings/${id}/actions/approve`, { version })).statusCode).toBe(403);
    expect((await as(app, c.cadrea).post(`/api/assessment/rankings/${id}/actions/approve`, { version })).statusCode).toBe(404); // a cadre reads only its community
    expect((await as(app, c.leader2).post(`/api/assessment/rankings/${id}/actions/approve`, { version })).statusCode).toBe(404);
    expect((await tdb.db.execute<{ state: string }>(sql`SELECT state FROM rankings WHERE id = ${id}`)).rows[0].state).toBe('submitted');
  });

  it('a leader sends it back with a reason; the office sees why and submits again', async () => {
    const leader = as(app, c.leader);
    expect((await leader.post(`/api/assessment/rankings/${id}/actions/reject`, { version })).statusCode).toBe(400);
    const r = await leader.post(`/api/assessment/rankings/${id}/actions/reject`, { version, note: '请核实腾飞社区的数据' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'draft', rejectNote: '请核实腾飞社区的数据' });
    expect(await notes(town.people.office)).toEqual([
      expect.objectContaining({ title: '已退回：汀州镇2026年11月红黑榜', body: expect.stringContaining('请核实腾飞社区的数据') }),
    ]);
    const view = (await as(app, c.office).get(VIEW)).json();
    expect(view).toMatchObject({ state: 'draft', stateLabel: '已退回', rejectNote: '请核实腾飞社区的数据' });
    expect(view.can.actions.map((a: { action: string }) => a.action)).toEqual(['submit']);
    const again = await as(app, c.office).post('/api/assessment/rankings/submit', PERIOD);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ id, state: 'submitted', rejectNote: null });
    expect(again.json().version).toBeGreaterThan(version);
    // A decision on the version the leader saw before the resubmission is stale.
    expect((await leader.post(`/api/assessment/rankings/${id}/actions/approve`, { version })).statusCode).toBe(409);
    version = again.json().version;
  });

  it('approval publishes it: public page, rank history, the preparer told; 无数据 communities on neither list', async () => {
    const r = await as(app, c.leader).post(`/api/assessment/rankings/${id}/actions/approve`, { version });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'published', approvedBy: town.people.leader, publishedBy: town.people.leader });
    expect(r.json().publishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await as(app, c.leader).post(`/api/assessment/rankings/${id}/actions/approve`, { version: r.json().version })).statusCode).toBe(409);
    const view = await as(app, c.cadrea).get(`/api/assessment/rankings?region=${COMMUNITY_A.slice(0, 9)}&kind=month&date=2026-11-01`);
    expect(view.statusCode).toBe(404); // a cadre reads its community, not the town's table
    const pub = (await as(app, c.office).get(VIEW)).json();
    expect(pub).toMatchObject({ state: 'published', stateLabel: '已发布', published: true });
    expect(pub.can.actions).toEqual([]);
    const empty = pub.rows.filter((x: { noData: boolean }) => x.noData);
    expect(empty.length).toBeGreaterThan(5);
    for (const x of empty) expect(x).toMatchObject({ rank: null, list: null });
    expect(pub.rows.find((x: { code: string }) => x.code === COMMUNITY_A)).toMatchObject({ rank: 1, list: 'red', noData: false });
    const page = await app.inject({ method: 'GET', url: `/api/public/rankings/latest?town=${TOWN}` });
    expect(page.statusCode).toBe(200);
    expect(page.json().red.map((x: { code: string }) => x.code)).toEqual([COMMUNITY_A]);
    // The public page finds the town in its list of towns that publish one (no region code to type).
    expect((await app.inject({ method: 'GET', url: '/api/public/rankings/towns' })).json().items).toEqual([
      expect.objectContaining({ code: TOWN, name: '汀州镇', title: '汀州镇2026年11月红黑榜' }),
    ]);
    expect(pub.rows.find((x: { code: string }) => x.code === '350821100020')).toMatchObject({ rank: 2, noData: false });
    expect((await as(app, c.office).get(`/api/assessment/rankings/history?region=${TOWN}&kind=month`)).json().periods).toHaveLength(1);
    expect((await notes(town.people.office)).map((n) => n.title)).toContain('已发布：汀州镇2026年11月红黑榜');
    const audit = (
      await tdb.db.execute<{ action: string }>(sql`SELECT action FROM audit_log WHERE entity = 'ranking' AND entity_id = ${String(id)} ORDER BY id`)
    ).rows.map((x) => x.action);
    expect(audit).toEqual(['ranking.submit', 'ranking.reject', 'ranking.submit', 'ranking.approve']);
  });
});

describe('a county’s ranking of its towns: the county office publishes it', () => {
  it('publishes directly, without a leader step; a town ranking cannot be published that way', async () => {
    const county = as(app, c.county);
    const view = (await county.get(`/api/assessment/rankings?region=${COUNTY}&kind=month&date=2026-11-01`)).json();
    expect(view).toMatchObject({ level: 'town', state: 'none' });
    expect(view.can.actions).toEqual([{ action: 'publish', label: '发布' }]);
    expect((await county.post('/api/assessment/rankings/submit', { region: COUNTY, kind: 'month', date: '2026-11-01' })).statusCode).toBe(409);
    expect((await county.post('/api/assessment/rankings/publish', { region: TOWN, kind: 'month', date: '2026-10-01' })).statusCode).toBe(409);
    expect((await as(app, c.office).post('/api/assessment/rankings/publish', { region: COUNTY, kind: 'month', date: '2026-11-01' })).statusCode).toBe(404);
    const r = await county.post('/api/assessment/rankings/publish', { region: COUNTY, kind: 'month', date: '2026-11-01' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ level: 'town', state: 'published', publishedBy: town.people.county, approvedBy: null });
    expect((await county.post('/api/assessment/rankings/publish', { region: COUNTY, kind: 'month', date: '2026-11-01' })).statusCode).toBe(409);
    const rows = (await county.get(`/api/assessment/rankings?region=${COUNTY}&kind=month&date=2026-11-01`)).json().rows;
    expect(rows.find((x: { code: string }) => x.code === TOWN2)).toMatchObject({ noData: true, list: null, rank: null });
  });
});
