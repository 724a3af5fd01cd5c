// The county's own notices (issue 14): the county office issues a 督查通报 to
// its towns in the system, with no leader step; each town receives its part
// as a received notice whose items are its problems, filed and sent to their
// category's route; the county follows each town's progress and feedback;
// the towns of another county see nothing of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { addPerson, as, COMMUNITY_A, COMMUNITY_B, closeTown, login, openTown, TOWN, TOWN2, type Town } from '../helpers/town.ts';
import { todayChina } from '../../server/modules/calendar/calendar.service.ts';
import { addDays } from '../../domain/dates.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let cat: number;
let communityT2: string;
const c: Record<string, string> = {};
const OTHER_COUNTY = '350802';
const due = () => addDays(todayChina(), 14);

const issue = (who: string, items: { regionCode: string; description: string }[], extra: Record<string, unknown> = {}) =>
  as(app, c[who]).post('/api/notices/county', {
    kind: 'county_notice',
    title: '关于第四季度创城督查情况的通报',
    issueDate: todayChina(),
    dueDate: due(),
    items: items.map((i) => ({ ...i, categoryId: cat })),
    ...extra,
  });
const notes = async (personId: number) =>
  (
    await tdb.db.execute<{ title: string; body: string }>(
      sql`SELECT title, body FROM notifications WHERE person_id = ${personId} AND kind = 'notice' ORDER BY id`,
    )
  ).rows;

beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true }));
  const db = tdb.db;
  cat = (await db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = '机动车乱停放' AND level = 2 LIMIT 1`)).rows[0].id;
  communityT2 = (await db.execute<{ code: string }>(sql`SELECT code FROM regions WHERE level = 'community' AND parent_code = ${TOWN2} ORDER BY code LIMIT 1`))
    .rows[0].code;
  // Another county with a town, a community and its own county office and town office.
  await db.execute(sql`INSERT INTO regions (code, name, level, parent_code, source) VALUES
    (${OTHER_COUNTY}, '新罗区', 'county', NULL, 'manual'), (${OTHER_COUNTY + '001'}, '东城街道', 'town', ${OTHER_COUNTY}, 'manual'),
    (${OTHER_COUNTY + '001001'}, '东城社区', 'community', ${OTHER_COUNTY + '001'}, 'manual') ON CONFLICT DO NOTHING`);
  await addPerson(db, { name: '新罗区创城办', username: 'county9', regionCode: OTHER_COUNTY, grants: [{ role: 'county_viewer', region: OTHER_COUNTY }] });
  await addPerson(db, {
    name: '东城街道创城办',
    username: 'office9',
    regionCode: OTHER_COUNTY + '001',
    grants: [{ role: 'office_staff', region: OTHER_COUNTY + '001' }],
  });
  for (const who of ['county', 'office', 'office2', 'leader', 'cadrea', 'county9', 'office9', 'admin']) c[who] = await login(app, who);
});
afterAll(() => closeTown(app, tdb));

describe('the county issues a notice to its towns', () => {
  let id: number;
  let copy: { id: number; version: number };

  it('numbers it, splits it by town, and each town receives its items as its own problems, dispatched', async () => {
    const r = await issue('county', [
      { regionCode: COMMUNITY_A, description: '水东街菜市场门口机动车乱停放' },
      { regionCode: communityT2, description: '大同镇中心路段车辆占道' },
      { regionCode: COMMUNITY_B, description: '东门街人行道停车' },
    ]);
    expect(r.statusCode, r.body).toBe(201);
    id = r.json().id;
    const n = (await as(app, c.county).get(`/api/notices/county/${id}`)).json();
    expect(n).toMatchObject({ kind: 'county_notice', kindLabel: '县督查通报', seq: 1, progress: { towns: 2, items: 3, closed: 0, fedBack: 0 } });
    expect(n.docNumber).toMatch(/创城办〔\d{4}〕1号$/);
    expect(n.towns.map((t: any) => [t.townCode, t.items, t.feedback])).toEqual([
      [TOWN, 2, null],
      [TOWN2, 1, null],
    ]);
    // 汀州镇's copy: a received notice with the county's number, its two items in the county's order, dispatched with the deadline.
    const mine = (await as(app, c.office).get('/api/notices?direction=received')).json().items.find((x: any) => x.docNumber === n.docNumber);
    expect(mine).toMatchObject({ state: 'recorded', fromCounty: true, feedback: null, itemCount: 2 });
    const full = (await as(app, c.office).get(`/api/notices/${mine.id}`)).json();
    expect(full.items.map((i: any) => i.description)).toEqual(['水东街菜市场门口机动车乱停放', '东门街人行道停车']);
    expect(full.can.sendFeedback).toBe(true);
    const ps = await tdb.db.execute<{ source: string; source_ref: string; state: string; due_date: string; town_code: string }>(sql`
      SELECT source, source_ref, state, due_date::text, town_code FROM problems WHERE source_id = ${mine.id} ORDER BY id`);
    expect(ps.rows).toHaveLength(2);
    for (const p of ps.rows)
      expect(p).toMatchObject({ source: 'county_notice', source_ref: n.docNumber, state: 'dispatched', due_date: due(), town_code: TOWN });
    copy = { id: mine.id, version: mine.version };
    // The town office owes its feedback: an item in its inbox, due with the notice.
    const inbox = (await as(app, c.office).get('/api/inbox?kind=county_notice_feedback')).json().items;
    expect(inbox).toEqual([expect.objectContaining({ kind: 'county_notice_feedback', link: `/notices/${mine.id}`, dueDate: due(), state: 'open' })]);
    // Each town's office is told, with its own count.
    expect(await notes(town.people.office)).toEqual([
      expect.objectContaining({ title: expect.stringContaining('关于第四季度创城督查情况的通报'), body: expect.stringContaining('2 个问题') }),
    ]);
    expect((await notes(town.people.office2))[0].body).toContain('1 个问题');
    // The next one takes the next number.
    const second = await issue('county', [{ regionCode: COMMUNITY_A, description: '水东街再次发现车辆乱停' }], {
      kind: 'county_weekly',
      title: '长汀县创城周报',
    });
    expect(second.statusCode, second.body).toBe(201);
    expect((await as(app, c.county).get(`/api/notices/county/${second.json().id}`)).json()).toMatchObject({
      seq: 1,
      kindLabel: '县创城周报',
      docNumber: expect.stringMatching(/^创城周报\d{4}年第1期$/),
    });
  });

  it('another town sees only its own part, and the county’s notice itself only the county reads', async () => {
    const theirs = (await as(app, c.office2).get('/api/notices?direction=received')).json().items;
    expect(theirs).toHaveLength(1);
    expect(theirs[0].itemCount).toBe(1);
    expect((await as(app, c.office2).get(`/api/notices/${copy.id}`)).statusCode).toBe(404);
    for (const who of ['office', 'office2', 'leader', 'cadrea']) {
      expect((await as(app, c[who]).get(`/api/notices/county/${id}`)).statusCode, who).toBe(404);
      expect((await as(app, c[who]).get(`/api/notices/${id}`)).statusCode, who).toBe(404);
    }
    // The county reads each town's copy (its items and progress).
    expect((await as(app, c.county).get(`/api/notices/${copy.id}`)).statusCode).toBe(200);
  });

  it('a town of another county sees nothing, and no county issues into another', async () => {
    expect((await as(app, c.county9).get('/api/notices/county')).json().items).toEqual([]);
    expect((await as(app, c.county9).get(`/api/notices/county/${id}`)).statusCode).toBe(404);
    expect((await as(app, c.office9).get('/api/notices?direction=received')).json().items).toEqual([]);
    expect((await as(app, c.office9).get(`/api/notices/${copy.id}`)).statusCode).toBe(404);
    const into = await issue('county9', [{ regionCode: COMMUNITY_A, description: '越界下发' }]);
    expect(into.statusCode).toBe(400);
    expect(into.json().error.fields[0]).toMatchObject({ path: 'items.0.regionCode' });
    const mixed = await issue('county', [
      { regionCode: COMMUNITY_A, description: '本县问题' },
      { regionCode: OTHER_COUNTY + '001001', description: '外县问题' },
    ]);
    expect(mixed.statusCode).toBe(400);
    // A deadline already past is refused (it would leave every item undispatched in the towns).
    const late = await issue('county', [{ regionCode: COMMUNITY_A, description: '过期的通报' }], { dueDate: addDays(todayChina(), -1) });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.fields[0]).toMatchObject({ path: 'dueDate', message: '整改期限不能早于今天' });
    // A town office does not issue county notices.
    expect((await issue('office', [{ regionCode: COMMUNITY_A, description: '镇里下发' }])).statusCode).toBe(403);
    // Nothing of any refused notice was created.
    expect(
      (
        await tdb.db.execute<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM problems WHERE description IN ('越界下发', '本县问题', '外县问题', '过期的通报', '镇里下发')`,
        )
      ).rows[0].n,
    ).toBe(0);
  });

  it('the town feeds back; the county is told and sees it; a stale or foreign feedback is refused', async () => {
    const note = '两处车辆乱停问题已由城管局劝离并施划停车线，长效管理由社区网格员每日巡查。';
    expect((await as(app, c.county).post(`/api/notices/${copy.id}/feedback`, { version: copy.version, note })).statusCode).toBe(403);
    expect((await as(app, c.office2).post(`/api/notices/${copy.id}/feedback`, { version: copy.version, note })).statusCode).toBe(404);
    const r = await as(app, c.office).post(`/api/notices/${copy.id}/feedback`, { version: copy.version, note });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ feedback: { note } });
    expect((await as(app, c.office).post(`/api/notices/${copy.id}/feedback`, { version: copy.version, note: '重复提交的旧版本' })).statusCode).toBe(409);
    // Sent: the inbox item is done.
    expect(
      (await as(app, c.office).get('/api/inbox?kind=county_notice_feedback&state=open')).json().items.filter((i: any) => i.link === `/notices/${copy.id}`),
    ).toEqual([]);
    const n = (await as(app, c.county).get(`/api/notices/county/${id}`)).json();
    expect(n.progress.fedBack).toBe(1);
    expect(n.towns.find((t: any) => t.townCode === TOWN).feedback).toMatchObject({ note, byName: '镇创城办甲' });
    expect(await notes(town.people.county)).toContainEqual(expect.objectContaining({ title: expect.stringContaining('报送了整改情况反馈') }));
    // A notice entered by hand has no issuer in the system to feed back to.
    const hand = await as(app, c.office).post('/api/notices/received', {
      kind: 'county_notice',
      docNumber: '长汀县创城办〔2026〕99号',
      title: '手工登记的县通报',
      issuer: '长汀县创城办',
      issueDate: todayChina(),
      dueDate: due(),
      items: [{ regionCode: COMMUNITY_A, categoryId: cat, description: '手工登记的问题' }],
    });
    expect(hand.statusCode, hand.body).toBe(201);
    expect(hand.json().can.sendFeedback).toBe(false);
    expect((await as(app, c.office).post(`/api/notices/${hand.json().id}/feedback`, { version: hand.json().version, note })).statusCode).toBe(409);
  });

  it('lists the county’s notices newest first by cursor; an oversized page is a 400', async () => {
    const first = (await as(app, c.county).get('/api/notices/county?limit=1')).json();
    expect(first.items).toHaveLength(1);
    expect(first.items[0].kind).toBe('county_weekly');
    const next = (await as(app, c.county).get(`/api/notices/county?limit=1&cursor=${first.nextCursor}`)).json();
    expect(next.items[0].id).toBe(id);
    expect(next.items[0].progress).toMatchObject({ towns: 2, items: 3, fedBack: 1 });
    expect((await as(app, c.county).get('/api/notices/county?limit=101')).statusCode).toBe(400);
    expect((await as(app, c.admin).get('/api/notices/county')).json().items.length).toBe(2);
  });
});
