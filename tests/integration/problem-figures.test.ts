// The current-state problem figures of the registry (问题现状): new and closed in a period, open, overdue, due soon
// and awaiting verification as of today, and the period's 按期结案率, 结案率, 返工率 — for a community, a town or a
// county, each drilling down to the problem list that gives exactly the counted problems, and the same numbers the
// office's home page shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, COMMUNITY_B, COUNTY, login, TOWN, TOWN2, closeTown, openTown, type Town } from '../helpers/town.ts';
import { problemIn } from '../helpers/problems.ts';
import { setClock } from '../../server/platform/clock.ts';
import { figures } from '../../server/modules/figures/index.ts';
import { PROBLEM_FIGURES } from '../../server/modules/home/index.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let office: ReturnType<typeof as>;

// Wednesday 2026-06-10, 10:00 in China.
const NOW = new Date('2026-06-10T02:00:00Z');
const MAY = { from: '2026-05-01', to: '2026-05-31' };

async function problem(state: string, o: { region?: string; due?: string; created?: string; closed?: string; rework?: number }) {
  const routed = ['dispatched', 'rectifying', 'rectified', 'closed'].includes(state);
  await problemIn(tdb.db, state, {
    region: o.region ?? COMMUNITY_A,
    created: o.created ?? '2026-06-01T02:00:00Z',
    unit: routed ? town.units.committeeA : null,
    due: o.due,
    closed: o.closed,
    rework: o.rework,
  });
}

const values = async (region: string, period: { from: string; to: string }) =>
  Object.fromEntries((await figures(tdb.db, region, period, PROBLEM_FIGURES)).map((f) => [f.id, f.value]));

beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true }));
  setClock(NOW);
  const may = '2026-05-01T02:00:00Z';
  await problem('closed', { created: may, due: '2026-05-10', closed: '2026-05-08T03:00:00Z' }); // on time
  await problem('closed', { created: may, due: '2026-05-12', closed: '2026-05-14T03:00:00Z' }); // late
  await problem('closed', { created: may, due: '2026-05-15', closed: '2026-05-15T03:00:00Z', rework: 1 }); // on time, reworked
  await problem('rectifying', { created: may, due: '2026-05-20' }); // due in May, still open: overdue
  await problem('rectified', { due: '2026-06-30' }); // awaiting verification
  await problem('dispatched', { due: '2026-06-12' }); // due soon
  await problem('reported', { created: '2026-06-10T01:00:00Z' }); // new today
  await problem('rectifying', { region: COMMUNITY_B, due: '2026-06-11' }); // due soon, community B
  const other = (await tdb.db.execute<{ code: string }>(sql`SELECT code FROM regions WHERE parent_code = ${TOWN2} ORDER BY code LIMIT 1`)).rows[0].code;
  await problem('reported', { region: other, created: '2026-06-10T01:00:00Z' }); // another town
  office = as(app, await login(app, 'office'));
});
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

describe('the problem figures of the registry', () => {
  it('counts a town: May’s flows and rates, today’s states', async () => {
    expect(await values(TOWN, MAY)).toEqual({
      'problems.new': 4,
      'problems.closed': 3,
      'problems.open': 5,
      'problems.overdue': 1,
      'problems.due_soon': 2,
      'problems.awaiting_verification': 1,
      'problems.close_rate': 75,
      'problems.on_time_rate': 50,
      'problems.rework_rate': 25,
    });
  });

  it('counts a community and a county by their code, and leaves a rate empty when nothing fell due', async () => {
    const b = await values(COMMUNITY_B, MAY);
    expect(b).toMatchObject({ 'problems.new': 0, 'problems.open': 1, 'problems.due_soon': 1, 'problems.overdue': 0 });
    expect([b['problems.close_rate'], b['problems.on_time_rate'], b['problems.rework_rate']]).toEqual([null, null, null]);
    const county = await values(COUNTY, { from: '2026-06-10', to: '2026-06-10' });
    expect(county).toMatchObject({ 'problems.new': 2, 'problems.open': 6 });
  });

  it('drills down to the problem list that gives exactly the counted problems', async () => {
    const all = await figures(tdb.db, TOWN, MAY, PROBLEM_FIGURES);
    for (const f of all.filter((x) => x.unit === '件')) {
      const url = new URL(f.drillUrl!, 'http://x');
      expect(url.pathname).toBe('/problems');
      url.searchParams.set('withTotal', '1');
      const res = await office.get(`/api/problems?${url.searchParams}`);
      expect(res.statusCode, `${f.id} ${res.body}`).toBe(200);
      expect(res.json().total, f.id).toBe(f.value);
    }
    // The rates drill down to the problems due in the period (应结案): four.
    const rate = all.find((x) => x.id === 'problems.close_rate')!;
    const res = await office.get(`/api/problems?${new URL(rate.drillUrl!, 'http://x').searchParams}&withTotal=1`);
    expect(res.json().total).toBe(4);
  });

  it('is what the office’s home page shows, and what GET /api/figures answers', async () => {
    const h = (await office.get('/api/home')).json();
    const today = await values(TOWN, { from: '2026-06-10', to: '2026-06-10' });
    expect(h.problems).toMatchObject({
      newToday: today['problems.new'],
      dueSoon: today['problems.due_soon'],
      overdue: today['problems.overdue'],
      awaitingVerification: today['problems.awaiting_verification'],
      open: today['problems.open'],
    });
    const res = await office.get('/api/figures?period=2026-05&ids=problems.on_time_rate,problems.closed');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().figures.map((f: { value: number }) => f.value)).toEqual([3, 50]);
    const cadre = (await as(app, await login(app, 'cadreb')).get('/api/home')).json();
    expect(cadre.problems).toMatchObject({ open: 1, dueSoon: 1 });
  });
});
