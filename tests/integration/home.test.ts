// GET /api/home per role on real PostgreSQL: the office's figures (today's
// new, due in three days, overdue, awaiting verification, the week's trend),
// a community cadre's queue and place in the ranking, a liaison's unit queue,
// the leader's ranking, the street chief's day and a county's towns; each
// scoped, so another town's office sees none of this town's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, COMMUNITY_B, login, TOWN, TOWN2, closeTown, openTown, type Town } from '../helpers/town.ts';
import { problemIn } from '../helpers/problems.ts';
import { setClock } from '../../server/platform/clock.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let cat: number;
let otherCommunity: string;
let places: { lane: number; street: number };
let dueMonday: number;
let copyId: number;

// Wednesday 2026-06-10, 10:00 in China.
const NOW = new Date('2026-06-10T02:00:00Z');
const TODAY = '2026-06-10';

async function problem(state: string, o: { region?: string; unit?: number | null; due?: string; created?: string; closed?: string; place?: number } = {}) {
  const routed = ['dispatched', 'rectifying', 'rectified', 'closed'].includes(state);
  return (
    await problemIn(tdb.db, state, {
      region: o.region ?? COMMUNITY_A,
      category: cat,
      source: 'resident',
      description: '首页测试问题',
      reporterName: '居民甲',
      reporterPhone: '13900001111',
      placeId: o.place ?? null,
      lat: null,
      lng: null,
      created: o.created ?? '2026-06-01T02:00:00Z',
      unit: o.unit ?? (routed ? town.units.committeeA : null),
      due: o.due,
      closed: o.closed,
    })
  ).id;
}

const home = async (who: string) => {
  const r = await as(app, await login(app, who)).get('/api/home');
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true }));
  cat = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = '机动车乱停放' AND level = 2 LIMIT 1`)).rows[0].id;
  otherCommunity = (await tdb.db.execute<{ code: string }>(sql`SELECT code FROM regions WHERE parent_code = ${TOWN2} ORDER BY code LIMIT 1`)).rows[0].code;
  setClock(NOW);
  await problem('reported', { created: '2026-06-10T01:00:00Z' }); // new today (09:00 China)
  await problem('filed', { created: '2026-06-09T17:00:00Z' }); // new today (01:00 China on the 10th)
  await problem('reported', { created: '2026-06-09T15:00:00Z' }); // 23:00 China on the 9th: not today
  await problem('rectifying', { due: '2026-06-12' }); // due soon
  await problem('dispatched', { due: '2026-06-10' }); // due today (soon)
  await problem('rectifying', { due: '2026-06-20' }); // not soon
  await problem('rectifying', { due: '2026-06-05' }); // overdue
  await problem('rectified', { due: '2026-06-30' }); // awaiting verification
  await problem('closed', { closed: '2026-06-08T03:00:00Z' }); // closed this week
  await problem('dispatched', { region: COMMUNITY_B, unit: town.units.chengguan, due: '2026-06-30' }); // the liaison's unit, in community B
  await problem('reported', { region: otherCommunity, created: '2026-06-10T01:00:00Z' }); // the other town: new today
  const place = async (name: string) =>
    (await tdb.db.execute<{ id: number }>(sql`INSERT INTO places (kind, name, region_code) VALUES ('street', ${name}, ${COMMUNITY_A}) RETURNING id`)).rows[0]
      .id;
  places = { lane: await place('丽春巷'), street: await place('营背街') };
  // Monday the 15th is the third working day after Wednesday the 10th (Thursday, Friday, Monday): due soon; Tuesday is not.
  dueMonday = await problem('rectifying', { due: '2026-06-15', place: places.lane });
  await problem('rectifying', { due: '2026-06-16', place: places.lane });
  // A problem a 回头看 found again at 营背街 (closed since): a recurrence, no open problem there.
  const old = await problem('closed', { closed: '2026-05-02T03:00:00Z', place: places.street });
  const again = await problem('closed', { closed: '2026-06-02T03:00:00Z', created: '2026-05-20T02:00:00Z', place: places.street });
  await tdb.db.execute(sql`UPDATE problems SET recurrence_of_id = ${old} WHERE id = ${again}`);
  // The county's notice and the town's copy awaiting its feedback (due the 12th).
  const person = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM people ORDER BY id LIMIT 1`)).rows[0].id;
  const notice = async (direction: string, town: string, parent: number | null) =>
    (
      await tdb.db.execute<{ id: number }>(sql`INSERT INTO notices
    (direction, kind, town_code, year, doc_number, title, issuer, issue_date, due_date, state, created_by, parent_id)
    VALUES (${direction}, 'county_notice', ${town}, 2026, '长创城办〔2026〕3号', '关于第二季度督查情况的通报', '县创城办', '2026-06-01', '2026-06-12', ${direction === 'county' ? 'published' : 'recorded'}, ${person}, ${parent})
    RETURNING id`)
    ).rows[0].id;
  const parent = await notice('county', TOWN.slice(0, 6), null);
  copyId = await notice('received', TOWN, parent);
  await tdb.db.execute(sql`INSERT INTO notice_items (notice_id, position, problem_id) VALUES (${copyId}, 1, ${dueMonday})`);
});
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

describe('GET /api/home', () => {
  it("gives the office its town's figures and the week's trend, each list's count", async () => {
    const h = await home('office');
    expect(h.today).toBe(TODAY);
    expect(h.problems).toMatchObject({ newToday: 2, dueSoon: 3, dueSoonTo: '2026-06-15', dueToday: 1, overdue: 1, awaitingVerification: 1 });
    expect(h.problems.open).toBe(11);
    expect(h.trend.map((d: any) => d.day)).toEqual(['2026-06-04', '2026-06-05', '2026-06-06', '2026-06-07', '2026-06-08', '2026-06-09', '2026-06-10']);
    expect(h.trend.at(-1)).toEqual({ day: TODAY, reported: 2, closed: 0 });
    expect(h.trend.find((d: any) => d.day === '2026-06-08').closed).toBe(1);
    expect(h.trend.find((d: any) => d.day === '2026-06-09').reported).toBe(1);
    expect(h.patrols).toBeNull();
    expect(h.towns).toBeNull();
  });

  it("gives another town's office none of this town's problems", async () => {
    const h = await home('office2');
    expect(h.problems).toMatchObject({ newToday: 1, dueSoon: 0, overdue: 0, awaitingVerification: 0, open: 1 });
    expect(h.trend.reduce((n: number, d: any) => n + d.reported + d.closed, 0)).toBe(1);
  });

  it("gives a community cadre its community's queue and its place in the town's live ranking", async () => {
    const a = await home('cadrea');
    expect(a.problems.overdue).toBe(1);
    expect(a.problems.byState.dispatched + a.problems.byState.rectifying).toBe(6);
    expect(a.ranking.regionCode).toBe(TOWN);
    expect(a.ranking.own.code).toBe(COMMUNITY_A);
    expect(a.trend).toBeNull();
    const b = await home('cadreb');
    expect(b.problems.overdue).toBe(0);
    expect(b.ranking.own.code).toBe(COMMUNITY_B);
  });

  it("gives a liaison its unit's queue only", async () => {
    const h = await home('liaison');
    expect(h.problems.byState.dispatched).toBe(1);
    expect(h.problems.open).toBe(1);
    expect(h.ranking).toBeNull();
    expect(h.towns).toBeNull();
  });

  it('gives the leader the ranking and the trend, the street chief the day, the county its towns', async () => {
    const leader = await home('leader');
    expect(leader.ranking.regionCode).toBe(TOWN);
    expect(leader.ranking.own).toBeNull();
    expect(leader.trend).toHaveLength(7);
    const chief = await home('chief');
    expect(chief.patrols).toEqual({ countedDay: expect.any(Boolean), places: 0, done: 0, openProblems: 0 });
    const county = await home('county');
    const towns = Object.fromEntries(county.towns.map((t: any) => [t.code, t]));
    expect(towns[TOWN]).toMatchObject({ open: 11, overdue: 1, newToday: 2 });
    expect(towns[TOWN2]).toMatchObject({ open: 1, overdue: 0, newToday: 1 });
    expect(county.ranking.regionCode).toBe(TOWN.slice(0, 6));
  });

  it('三日内到期 drills down to exactly the problems it counts (due within three working days, running)', async () => {
    const h = await home('office');
    const r = await as(app, await login(app, 'office')).get(
      `/api/problems?state=dispatched,rectifying,rectified&dueFrom=${h.today}&dueTo=${h.problems.dueSoonTo}&withTotal=1`,
    );
    expect(r.statusCode, r.body).toBe(200);
    const list = r.json();
    expect(list.total).toBe(h.problems.dueSoon);
    expect(list.items.map((p: any) => p.dueDate).sort()).toEqual(['2026-06-10', '2026-06-12', '2026-06-15']);
    expect(list.items.map((p: any) => p.id)).toContain(dueMonday);
  });

  it('gives the leader the worst points (open problems and recurrences), worst first; nobody else', async () => {
    const leader = await home('leader');
    expect(leader.worstPoints).toEqual([
      { placeId: places.lane, name: '丽春巷', communityName: expect.any(String), open: 2, recurred: 0 },
      { placeId: places.street, name: '营背街', communityName: expect.any(String), open: 0, recurred: 1 },
    ]);
    expect((await home('office')).worstPoints).toBeNull();
    expect((await home('cadrea')).worstPoints).toBeNull();
  });

  it('shows the town office the county notices awaiting its feedback, until the feedback is sent', async () => {
    const h = await home('office');
    expect(h.countyNotices).toEqual([
      { id: copyId, title: '关于第二季度督查情况的通报', docNumber: '长创城办〔2026〕3号', dueDate: '2026-06-12', overdue: false, items: 1, closed: 0 },
    ]);
    expect((await home('office2')).countyNotices).toEqual([]);
    expect((await home('leader')).countyNotices).toBeNull();
    await tdb.db.execute(sql`UPDATE notices SET feedback_at = now(), feedback_note = '已整改' WHERE id = ${copyId}`);
    expect((await home('office')).countyNotices).toEqual([]);
  });

  it('answers 401 without a session', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/home' })).statusCode).toBe(401);
  });
});
