// Overdue, one definition everywhere (issue 12): a running problem is overdue
// from the calendar day after its due date; how late counts working days.
// The problem page, the list filter, the map, the queue counts, the deadline
// sweep and the indicators agree across a weekend, across 国庆 and across a
// 调休 make-up working day. The clock is pinned, so this passes on any date.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, login, TOWN, closeTown, openTown, type Town } from '../helpers/town.ts';
import { setClock } from '../../server/platform/clock.ts';
import { runDeadlineSweep } from '../../server/jobs/deadline-sweep.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let office: ReturnType<typeof as>;
let cat: number;
const POINT = { lat: 25.8297, lng: 116.3571 }; // 汀州镇
const BBOX = '116.30,25.79,116.40,25.87';

/** 10:00 China time on `day`. */
const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: [2026] }));
  cat = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = '乱堆物堆料' AND level = 2`)).rows[0].id;
  office = as(app, await login(app, 'office'));
});
afterEach(() => setClock(null));
afterAll(() => closeTown(app, tdb));

/** A problem dispatched on `dispatchedOn` to the community committee, due `dueDate`. */
async function dispatchedProblem(dispatchedOn: string, dueDate: string, description: string) {
  setClock(at(dispatchedOn));
  const r = await office.post('/api/problems', {
    source: 'self_check',
    categoryId: cat,
    description,
    regionCode: COMMUNITY_A,
    ...POINT,
    then: 'dispatch',
    unitId: town.units.committeeA,
    dueDate,
  });
  expect(r.statusCode).toBe(201);
  expect(r.json()).toMatchObject({ state: 'dispatched', dueDate });
  return r.json() as { id: number; code: string };
}

/** What every view says about problem `id` on `day`. */
async function views(id: number, description: string, day: string) {
  setClock(at(day));
  const page = (await office.get(`/api/problems/${id}`)).json();
  const listed = async (overdue: 0 | 1) =>
    (await office.get(`/api/problems?overdue=${overdue}&q=${encodeURIComponent(description)}`)).json().items.some((p: { id: number }) => p.id === id);
  const map = (await office.get(`/api/problems/map?bbox=${BBOX}&zoom=18&q=${encodeURIComponent(description)}`)).json();
  const point = map.points.find((p: { id: number }) => p.id === id);
  const counts = (await office.get('/api/problems/counts')).json();
  return {
    overdue: page.overdue,
    overdueDays: page.overdueDays,
    inOverdueList: await listed(1),
    inOnTimeList: await listed(0),
    onMap: point?.overdue,
    overdueCount: counts.overdue,
  };
}

describe('overdue across a weekend', () => {
  it('a problem due Friday is on time that day, 已超期 by 0 working days on Saturday and Sunday, by 1 on Monday', async () => {
    const p = await dispatchedProblem('2026-12-02', '2026-12-04', '周五到期的堆放');
    expect(await views(p.id, '周五到期的堆放', '2026-12-04')).toEqual({
      overdue: false,
      overdueDays: 0,
      inOverdueList: false,
      inOnTimeList: true,
      onMap: false,
      overdueCount: 0,
    });
    for (const day of ['2026-12-05', '2026-12-06']) {
      expect(await views(p.id, '周五到期的堆放', day)).toEqual({
        overdue: true,
        overdueDays: 0,
        inOverdueList: true,
        inOnTimeList: false,
        onMap: true,
        overdueCount: 1,
      });
    }
    expect(await views(p.id, '周五到期的堆放', '2026-12-07')).toMatchObject({
      overdue: true,
      overdueDays: 1,
      inOverdueList: true,
      onMap: true,
      overdueCount: 1,
    });
  });

  it('the deadline sweep escalates it on Saturday, once, saying 已超期', async () => {
    const p = await dispatchedProblem('2026-12-09', '2026-12-11', '周五到期的暴露垃圾');
    const escalations = async () =>
      Number((await tdb.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM problem_events WHERE problem_id = ${p.id} AND action = 'overdue'`)).rows[0].n);
    await runDeadlineSweep(tdb.db, at('2026-12-11'));
    expect(await escalations()).toBe(0);
    await runDeadlineSweep(tdb.db, at('2026-12-12'));
    expect(await escalations()).toBe(1);
    await runDeadlineSweep(tdb.db, at('2026-12-13'));
    expect(await escalations()).toBe(1);
    const titles = (await tdb.db.execute<{ title: string }>(sql`SELECT title FROM notifications WHERE problem_id = ${p.id} AND kind = 'escalation'`)).rows.map(
      (r) => r.title,
    );
    expect(titles.length).toBeGreaterThan(0);
    expect(titles[0]).toContain('已超期（整改期限 2026-12-11）');
  });

  it('the indicators count it among 超期 once its deadline has passed', async () => {
    setClock(at('2026-12-12'));
    const r = (await office.get(`/api/assessment/indicators?region=${TOWN}&groupBy=community&kind=month&date=2026-12-12`)).json();
    expect(r.total).toMatchObject({ due: 2, closed: 0, overdue: 2 });
  });
});

describe('overdue across 国庆 and a 调休 Saturday', () => {
  it('due 30 September: overdue all through the holiday by 0 working days, 3 by the make-up Saturday 10 October', async () => {
    const p = await dispatchedProblem('2026-09-28', '2026-09-30', '国庆前到期的乱堆放');
    expect(await views(p.id, '国庆前到期的乱堆放', '2026-10-03')).toMatchObject({ overdue: true, overdueDays: 0, inOverdueList: true, onMap: true });
    expect(await views(p.id, '国庆前到期的乱堆放', '2026-10-07')).toMatchObject({ overdue: true, overdueDays: 0 });
    expect(await views(p.id, '国庆前到期的乱堆放', '2026-10-08')).toMatchObject({ overdue: true, overdueDays: 1 });
    expect(await views(p.id, '国庆前到期的乱堆放', '2026-10-10')).toMatchObject({ overdue: true, overdueDays: 3 });
  });
});
