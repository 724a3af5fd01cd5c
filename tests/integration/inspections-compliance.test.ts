// Cadence compliance on real PostgreSQL: expected vs done per kind,
// community, person and place (done, missed, due today); a street chief's
// calendar; the daily misses job (idempotent, catching up after days without
// a run, dropping a miss whose patrol synced late); missed patrols scored by
// the assessment recompute; cadence settings; who may see what.
// The clock is pinned (TODAY, China time); D(k) is k days before it. The
// history cases (Nov + Dec = Nov–Dec, reassignment, cadence change) are in
// inspections-history.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, COMMUNITY_B, COUNTY, login, TOWN, closeTown, openTown, type Town } from '../helpers/town.ts';
import { setClock } from '../../server/platform/clock.ts';
import { weekStart } from '../../domain/inspections/cadence.ts';
import { addDays } from '../../domain/dates.ts';
import { runMissesSweep } from '../../server/modules/inspections/misses.sweep.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let office: string;
const today = '2026-12-16'; // a Wednesday
const D = (k: number) => addDays(today, -k);
const chinaNoon = (d: string) => new Date(`${d}T12:00:00+08:00`);
const NOW = chinaNoon(today);
/** Monday three weeks before this week's: two whole weeks [M, M+13] that ended before today. */
const M = addDays(weekStart(today), -21);
const lastMonth = (() => {
  const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
})();
const places = { street: 0, compound: 0, demo: 0 };

async function place(kind: string, name: string, region: string, demo = false) {
  const r = await tdb.db.execute<{ id: number }>(sql`INSERT INTO places (kind, name, region_code, point_type, is_demo_point, created_at)
    VALUES (${kind}, ${name}, ${region}, ${kind === 'point' ? 'public_square' : null}, ${demo}, ${chinaNoon(addDays(M, -40))}) RETURNING id`);
  return r.rows[0].id;
}
let seq = 0;
async function inspection(kind: string, inspector: number, on: string, p: { place?: number | null; region: string; state?: string }) {
  await tdb.db.execute(sql`INSERT INTO inspections (kind, state, town_code, region_code, place_id, inspector_id, inspector_name, on_date, started_at, finished_at, client_key)
    VALUES (${kind}, ${p.state ?? 'finished'}, ${p.region.slice(0, 9)}, ${p.region}, ${p.place ?? null}, ${inspector}, '测试', ${on}, ${chinaNoon(on)},
      ${p.state === 'in_progress' ? null : chinaNoon(on)}, ${`t-${++seq}`})`);
}
const patrolMisses = async () =>
  (
    await tdb.db.execute<{ id: number; slot_key: string; period_start: string; place_id: number }>(sql`
  SELECT id, slot_key, period_start::text, place_id FROM inspection_misses WHERE kind = 'patrol' AND person_id = ${town.people.chief} ORDER BY slot_key`)
  ).rows;

beforeAll(async () => {
  // The cadence is set long before the records (a change applies from its date only), then the clock moves to today.
  setClock(chinaNoon(addDays(M, -45)));
  ({ tdb, town, app } = await openTown({ calendar: [2026, 2027] }));
  office = await login(app, 'office');
  // Every day counts for patrols and supervision, so the figures below do not depend on which days are holidays.
  const every = { times: 1, countWeekends: true, countHolidays: true };
  const put = await as(app, office).put(`/api/inspections/cadence?regionCode=${TOWN}`, {
    patrol: { period: 'day', ...every },
    supervision: { period: 'week', ...every },
    unannounced_visit: { period: 'week', ...every },
  });
  expect(put.statusCode, put.body).toBe(200);
  setClock(NOW);

  places.street = await place('street', '店头街', COMMUNITY_A);
  places.compound = await place('compound', '水东小区', COMMUNITY_A);
  places.demo = await place('point', '中心坝广场', COMMUNITY_B, true);
  // The chief holds both places since D(10); the leader leads since before M.
  await tdb.db.execute(sql`INSERT INTO place_assignments (person_id, place_id, valid_from) VALUES
    (${town.people.chief}, ${places.street}, ${D(10)}), (${town.people.chief}, ${places.compound}, ${D(10)})`);
  await tdb.db.execute(sql`UPDATE role_grants SET created_at = ${chinaNoon(addDays(M, -1))} WHERE person_id = ${town.people.leader}`);

  // 店头街: patrolled every day D(10)..D(1) but D(3). 水东小区: only D(1) (an unfinished one on D(2), someone else's on D(5)).
  for (let k = 10; k >= 1; k--) if (k !== 3) await inspection('patrol', town.people.chief, D(k), { place: places.street, region: COMMUNITY_A });
  await inspection('patrol', town.people.chief, D(1), { place: places.compound, region: COMMUNITY_A });
  await inspection('patrol', town.people.chief, D(2), { place: places.compound, region: COMMUNITY_A, state: 'in_progress' });
  await inspection('patrol', town.people.office, D(5), { place: places.compound, region: COMMUNITY_A });
  // Supervision: community A in the first week (Wednesday), community B in the second (Sunday). The leader visits in the second week.
  await inspection('supervision', town.people.office, addDays(M, 2), { region: COMMUNITY_A });
  await inspection('supervision', town.people.office, addDays(M, 13), { region: COMMUNITY_B });
  await inspection('unannounced_visit', town.people.leader, addDays(M, 8), { region: COMMUNITY_B });
  // The demo point was visited last month.
  await inspection('demo_visit', town.people.leader, `${lastMonth}-15`, { place: places.demo, region: COMMUNITY_B });
});
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

describe('compliance figures', () => {
  it('counts each street chief × place × day: done, missed, due today, the rate', async () => {
    const r = await as(app, office).get(`/api/inspections/compliance?regionCode=${TOWN}&from=${D(10)}&to=${today}`);
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json();
    expect(c.region).toMatchObject({ code: TOWN, level: 'town' });
    const chief = c.people.find((p: any) => p.personId === town.people.chief);
    // 11 days × 2 places: 店头街 9 done, 1 missed, today due; 水东小区 1 done, 9 missed, today due.
    expect(chief).toMatchObject({
      kind: 'patrol',
      name: '街巷长甲',
      communityCode: COMMUNITY_A,
      places: 2,
      expected: 22,
      done: 10,
      missed: 10,
      due: 2,
      rate: 0.5,
    });
    const street = c.places.find((p: any) => p.placeId === places.street);
    expect(street).toMatchObject({
      kind: 'patrol',
      name: '店头街',
      expected: 11,
      done: 9,
      missed: 1,
      due: 1,
      rate: 0.9,
      people: [{ id: town.people.chief, name: '街巷长甲' }],
    });
    expect(c.places.find((p: any) => p.placeId === places.compound)).toMatchObject({ done: 1, missed: 9, due: 1, rate: 0.1 });
    expect(c.kinds.find((k: any) => k.kind === 'patrol')).toMatchObject({ label: '街巷长巡查', period: 'day', expected: 22, done: 10, missed: 10, due: 2 });
    expect(c.communities.find((x: any) => x.code === COMMUNITY_A).kinds.patrol).toMatchObject({ expected: 22, done: 10, missed: 10, due: 2 });
    // Another community of the town has no street chief: no patrol figures.
    expect(c.communities.find((x: any) => x.code === COMMUNITY_B).kinds.patrol).toBeUndefined();
  });

  it('counts supervision per community and week, visits per town leader and week', async () => {
    const r = await as(app, office).get(`/api/inspections/compliance?regionCode=${TOWN}&from=${M}&to=${addDays(M, 13)}`);
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json();
    const a = c.communities.find((x: any) => x.code === COMMUNITY_A);
    const b = c.communities.find((x: any) => x.code === COMMUNITY_B);
    expect(a.kinds.supervision).toEqual({ expected: 2, done: 1, missed: 1, due: 0, rate: 0.5 });
    expect(b.kinds.supervision).toEqual({ expected: 2, done: 1, missed: 1, due: 0, rate: 0.5 });
    const communities = c.communities.length;
    expect(c.kinds.find((k: any) => k.kind === 'supervision')).toMatchObject({ expected: 2 * communities, done: 2, missed: 2 * communities - 2 });
    expect(c.people.find((p: any) => p.personId === town.people.leader)).toMatchObject({ kind: 'unannounced_visit', expected: 2, done: 1, missed: 1 });
  });

  it('counts each demo point once a month', async () => {
    const r = await as(app, office).get(`/api/inspections/compliance?regionCode=${COMMUNITY_B}&month=${lastMonth}`);
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json();
    expect(c.places.find((p: any) => p.placeId === places.demo)).toMatchObject({ kind: 'demo_visit', expected: 1, done: 1, missed: 0, rate: 1 });
    // A community owes no town leader's visit.
    expect(c.kinds.map((k: any) => k.kind)).toEqual(['patrol', 'supervision', 'demo_visit']);
  });

  it('sums a county per town', async () => {
    const r = await as(app, await login(app, 'county')).get(`/api/inspections/compliance?regionCode=${COUNTY}&from=${D(10)}&to=${today}`);
    expect(r.statusCode, r.body).toBe(200);
    const t = r.json().towns.find((x: any) => x.code === TOWN);
    expect(t.kinds.patrol).toMatchObject({ done: 10, missed: 10, due: 2 });
    expect(r.json().towns).toHaveLength(2);
  });
  it('owes by the assignment, not by the work: a range that starts after the first patrol owes the same days', async () => {
    // Asked from D(2): 店头街 D(2), D(1) done, today due; 水东小区 D(2) missed, D(1) done, today due.
    const c = (await as(app, office).get(`/api/inspections/compliance?regionCode=${TOWN}&from=${D(2)}&to=${today}`)).json();
    expect(c.places.find((p: any) => p.placeId === places.street)).toMatchObject({ expected: 3, done: 2, missed: 0, due: 1 });
    expect(c.places.find((p: any) => p.placeId === places.compound)).toMatchObject({ expected: 3, done: 1, missed: 1, due: 1 });
    // Before the assignment nothing was owed, even with patrols on record (the office's patrol of D(5) is not the chief's).
    const before = (await as(app, office).get(`/api/inspections/compliance?regionCode=${TOWN}&from=${D(20)}&to=${D(11)}`)).json();
    expect(before.people.find((p: any) => p.personId === town.people.chief)).toBeUndefined();
  });
});

describe("a person's calendar", () => {
  it('shows each day with its places and their status', async () => {
    const chief = await login(app, 'chief');
    const r = await as(app, chief).get(`/api/inspections/compliance/person/${town.people.chief}?month=${D(3).slice(0, 7)}`);
    expect(r.statusCode, r.body).toBe(200);
    const cal = r.json();
    expect(cal.places.map((p: any) => p.name).sort()).toEqual(['店头街', '水东小区'].sort());
    expect(cal.places[0]).toMatchObject({ validFrom: D(10), validTo: null });
    const d3 = cal.days.find((d: any) => d.date === D(3));
    expect(d3).toMatchObject({ expected: 2, done: 0, missed: 2 });
    expect(d3.places.map((p: any) => p.status)).toEqual(['missed', 'missed']);
    const r1 = await as(app, office).get(`/api/inspections/compliance/person/${town.people.chief}?month=${D(1).slice(0, 7)}`);
    const d1 = r1.json().days.find((d: any) => d.date === D(1));
    expect(d1).toMatchObject({ expected: 2, done: 2, missed: 0, inspections: 2 });
    expect(d1.places.every((p: any) => p.status === 'done' && p.statusLabel === '已完成')).toBe(true);
    expect(r1.json().days.find((d: any) => d.date === today)).toMatchObject({ due: 2 });
    // Before the assignment nothing was owed.
    expect(r1.json().days.find((d: any) => d.date === D(11))).toMatchObject({ expected: 0 });
  });

  it('is readable by the person and by those who read their region, not by others', async () => {
    const chief = await login(app, 'chief');
    expect((await as(app, chief).get(`/api/inspections/compliance/person/${town.people.leader}`)).statusCode).toBe(404);
    expect((await as(app, await login(app, 'cadreb')).get(`/api/inspections/compliance/person/${town.people.chief}`)).statusCode).toBe(404);
    expect((await as(app, await login(app, 'cadrea')).get(`/api/inspections/compliance/person/${town.people.chief}`)).statusCode).toBe(200);
    const leader = await as(app, await login(app, 'leader')).get(`/api/inspections/compliance/person/${town.people.leader}?month=${addDays(M, 7).slice(0, 7)}`);
    expect(leader.statusCode, leader.body).toBe(200);
    expect(leader.json().slots.find((s: any) => s.kind === 'unannounced_visit' && s.key === addDays(M, 7))).toMatchObject({ status: 'done', done: 1 });
    expect((await as(app, office).get('/api/inspections/compliance/person/999999')).statusCode).toBe(404);
  });
});

describe('the daily misses job', () => {
  it('catches up after days without a run, is idempotent, and drops a miss whose patrol synced late', async () => {
    // The job last ran five days ago: slots that ended before D(5).
    const early = await runMissesSweep(tdb.db, chinaNoon(D(5)));
    expect(early.recorded).toBeGreaterThan(0);
    expect((await patrolMisses()).map((m) => m.period_start)).toEqual([D(10), D(9), D(8), D(7), D(6)].sort().map((d) => d));
    // Today's run records the days in between; a second run writes nothing.
    await runMissesSweep(tdb.db, NOW);
    const after = await patrolMisses();
    expect(after).toHaveLength(10);
    expect(after.filter((m) => m.place_id === places.street).map((m) => m.period_start)).toEqual([D(3)]);
    expect(after.find((m) => m.place_id === places.street)!.slot_key).toBe(`patrol:day:${town.people.chief}:${places.street}:${D(3)}`);
    const again = await runMissesSweep(tdb.db, NOW);
    expect(again).toMatchObject({ recorded: 0, cleared: 0 });
    expect(await patrolMisses()).toEqual(after);
    // Supervision and the leader's visits are recorded too (per community and week, per leader and week).
    const sup = await tdb.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM inspection_misses WHERE kind = 'supervision' AND slot_key = ${`supervision:week:${COMMUNITY_A}:${addDays(M, 7)}`}`,
    );
    expect(sup.rows[0].n).toBe(1);
    const visit = await tdb.db.execute<{ region_code: string }>(
      sql`SELECT region_code FROM inspection_misses WHERE kind = 'unannounced_visit' AND person_id = ${town.people.leader} AND period_start = ${M}`,
    );
    expect(visit.rows).toEqual([{ region_code: TOWN }]);
    // The phone was offline: 水东小区's patrol of D(2) arrives today.
    await inspection('patrol', town.people.chief, D(2), { place: places.compound, region: COMMUNITY_A });
    expect(await runMissesSweep(tdb.db, NOW)).toMatchObject({ recorded: 0, cleared: 1 });
    expect(await patrolMisses()).toHaveLength(9);
  });

  it('lists the recorded misses with person, place and community names', async () => {
    const r = await as(app, office).get(`/api/inspections/misses?regionCode=${TOWN}&from=${D(10)}&to=${today}&kind=patrol`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items).toHaveLength(9);
    expect(r.json().nextCursor).toBeNull();
    expect(r.json().items[0]).toMatchObject({
      kind: 'patrol',
      kindLabel: '街巷长巡查',
      personName: '街巷长甲',
      communityName: expect.stringContaining('水东街社区'),
      regionCode: COMMUNITY_A,
    });
    expect(new Date(r.json().items[0].recordedAt).toISOString()).toBe(r.json().items[0].recordedAt);
    expect(r.json().items.map((m: any) => m.periodStart)).toEqual([...r.json().items.map((m: any) => m.periodStart)].sort().reverse());
    expect((await as(app, await login(app, 'office2')).get(`/api/inspections/misses?regionCode=${TOWN}`)).statusCode).toBe(403);
    // Keyset pages of 4 give the same 9 in the same order; more than 200 a page is refused.
    const ids: number[] = [];
    let cursor: string | null = null;
    do {
      const p: any = (
        await as(app, office).get(
          `/api/inspections/misses?regionCode=${TOWN}&from=${D(10)}&to=${today}&kind=patrol&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
        )
      ).json();
      expect(p.items.length).toBeLessThanOrEqual(4);
      ids.push(...p.items.map((m: any) => m.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(ids).toEqual(r.json().items.map((m: any) => m.id));
    expect((await as(app, office).get(`/api/inspections/misses?regionCode=${TOWN}&limit=201`)).statusCode).toBe(400);
    expect((await as(app, office).get(`/api/inspections/misses?regionCode=${TOWN}&cursor=xyz`)).statusCode).toBe(400);
  });
});

describe('missed patrols in the assessment', () => {
  it('score for the street chief and the community through the recompute, the same twice', async () => {
    for (const [subjectKind, points] of [
      ['street_chief', -0.5],
      ['community', -0.2],
    ] as const) {
      const r = await as(app, office).post('/api/assessment/rules', {
        regionCode: TOWN,
        name: `未按要求巡查 每次扣分（${subjectKind}）`,
        eventKind: 'missed_patrol',
        subjectKind,
        points,
        capPerPeriod: null,
        effectiveFrom: '2020-01-01',
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const month = D(3).slice(0, 7);
    const inMonth = (await patrolMisses()).filter((m) => m.period_start.startsWith(month)).length;
    const rc = await as(app, office).post('/api/assessment/recompute', { region: TOWN, date: `${month}-01` });
    expect(rc.statusCode, rc.body).toBe(200);
    expect(rc.json().missedPatrols).toBe(inMonth);
    const ledger = async () =>
      (await as(app, office).get(`/api/assessment/ledger?region=${TOWN}&kind=month&date=${month}-01`))
        .json()
        .filter((e: any) => e.eventKind === 'missed_patrol')
        .map(({ id, ...e }: any) => e);
    const first = await ledger();
    expect(first).toHaveLength(inMonth * 2);
    expect(first.find((e: any) => e.subjectKind === 'street_chief')).toMatchObject({ subjectRef: String(town.people.chief), causeKind: 'miss', points: -0.5 });
    expect(first.find((e: any) => e.subjectKind === 'community')).toMatchObject({ subjectRef: COMMUNITY_A, points: -0.2 });
    await as(app, office).post('/api/assessment/recompute', { region: TOWN, date: `${month}-01` });
    expect(await ledger()).toEqual(first);
    const why = await as(app, office).get(`/api/assessment/why?subjectKind=street_chief&ref=${town.people.chief}&kind=month&date=${month}-01`);
    expect(why.statusCode, why.body).toBe(200);
    expect(why.json()).toMatchObject({ subject: { kind: 'street_chief', name: '街巷长甲' }, points: Math.round(-0.5 * inMonth * 100) / 100 });
    expect(why.json().entries[0].eventLabel).toBe('未按要求巡查');
  });
});

describe('cadence settings and access', () => {
  it('reads and changes the town cadence; validates; only managers change it', async () => {
    const g = await as(app, office).get(`/api/inspections/cadence?regionCode=${TOWN}`);
    expect(g.statusCode, g.body).toBe(200);
    expect(g.json()).toMatchObject({
      inheritedFrom: 'own',
      can: { manage: true },
      cadence: { patrol: { period: 'day', countWeekends: true }, demo_visit: { period: 'month', times: 1 } },
    });
    const town2 = await as(app, await login(app, 'office2')).get('/api/inspections/cadence?regionCode=350821101');
    expect(town2.json()).toMatchObject({ inheritedFrom: 'default', cadence: { patrol: { countWeekends: false } } });
    const bad = await as(app, office).put(`/api/inspections/cadence?regionCode=${TOWN}`, {
      patrol: { period: 'day', times: 11, countWeekends: true, countHolidays: true },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(
      (
        await as(app, office).put(`/api/inspections/cadence?regionCode=${TOWN}`, {
          patrol: { period: 'fortnight', times: 1, countWeekends: true, countHolidays: true },
        })
      ).statusCode,
    ).toBe(400);
    expect((await as(app, office).put(`/api/inspections/cadence?regionCode=${COMMUNITY_A}`, {})).statusCode).toBe(400);
    const chief = await login(app, 'chief');
    expect(
      (
        await as(app, chief).put(`/api/inspections/cadence?regionCode=${TOWN}`, {
          demo_visit: { period: 'month', times: 2, countWeekends: false, countHolidays: false },
        })
      ).statusCode,
    ).toBe(403);
    const ok = await as(app, office).put(`/api/inspections/cadence?regionCode=${TOWN}`, {
      demo_visit: { period: 'month', times: 2, countWeekends: false, countHolidays: false },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().cadence.demo_visit.times).toBe(2);
    expect(ok.json().cadence.patrol.countWeekends).toBe(true); // untouched kinds keep their setting
    expect(ok.json().versions.map((v: any) => [v.version, v.effectiveFrom, v.inForce])).toEqual([
      [2, today, true],
      [1, addDays(M, -45), false],
    ]);
    // Twice a month from today on: last month keeps the cadence it had (once, done).
    const c = await as(app, office).get(`/api/inspections/compliance?regionCode=${COMMUNITY_B}&month=${lastMonth}`);
    expect(c.json().places.find((p: any) => p.placeId === places.demo)).toMatchObject({ done: 1, missed: 0 });
    const audit = await tdb.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'inspection_cadence' AND entity_id = ${TOWN}`,
    );
    expect(audit.rows[0].n).toBe(2);
  });

  it('scopes compliance to the regions one may read', async () => {
    expect((await as(app, await login(app, 'office2')).get(`/api/inspections/compliance?regionCode=${TOWN}`)).statusCode).toBe(403);
    expect((await as(app, await login(app, 'liaison')).get(`/api/inspections/compliance?regionCode=${TOWN}`)).statusCode).toBe(403);
    const chief = await login(app, 'chief');
    expect((await as(app, chief).get(`/api/inspections/compliance?regionCode=${TOWN}`)).statusCode).toBe(403);
    const own = await as(app, chief).get(`/api/inspections/compliance?regionCode=${COMMUNITY_A}&from=${D(10)}&to=${today}`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().communities.map((c: any) => c.code)).toEqual([COMMUNITY_A]);
    expect((await app.inject({ method: 'GET', url: `/api/inspections/compliance?regionCode=${TOWN}` })).statusCode).toBe(401);
    expect((await as(app, office).get(`/api/inspections/compliance?regionCode=${TOWN}&from=${today}&to=${D(1)}`)).statusCode).toBe(400);
    expect((await as(app, office).get(`/api/inspections/compliance?regionCode=${TOWN}&month=2026-13`)).statusCode).toBe(400);
  });
});
