// Compliance over any range, with assignment and cadence history (issue 12
// item 4), on real PostgreSQL with the clock pinned and moved forward the way
// an office lives it: the cadence set in October, a street chief given a
// street on 1 November, a second place added on 3 December (the edit that
// used to re-create the rows), a place handed from one chief to another on
// 8 December (recorded two days later), the supervision cadence changed on
// 10 December; "today" is 16 December 2026.
//
// What must hold: November + December = November–December for every figure;
// the misses job records exactly the missed owed slots and the ledger charges
// those; a handover splits a place's slots between the two people; a cadence
// change applies from its date only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { addPerson, as, COMMUNITY_A, COMMUNITY_B, login, TOWN, closeTown, openTown, type Town } from '../helpers/town.ts';
import { setClock } from '../../server/platform/clock.ts';
import { addDays } from '../../domain/dates.ts';
import { runMissesSweep } from '../../server/modules/inspections/misses.sweep.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let office: ReturnType<typeof as>;
const noon = (d: string) => new Date(`${d}T12:00:00+08:00`);
const TODAY = '2026-12-16';
const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};
const ids = { p: 0, q: 0, r: 0, chiefB: 0, chiefC: 0 };
/** Figures captured before later changes, to show they did not move. */
const before: { novSupervision?: unknown; sweepDec10?: { slot_key: string }[] } = {};

async function place(kind: string, name: string, region: string) {
  return (
    await tdb.db.execute<{ id: number }>(sql`INSERT INTO places (kind, name, region_code, created_at)
    VALUES (${kind}, ${name}, ${region}, ${noon('2026-10-01')}) RETURNING id`)
  ).rows[0].id;
}
let seq = 0;
async function patrols(person: number, placeId: number, region: string, on: string[]) {
  for (const d of on) {
    await tdb.db.execute(sql`INSERT INTO inspections (kind, state, town_code, region_code, place_id, inspector_id, inspector_name, on_date, started_at, finished_at, client_key)
      VALUES ('patrol', 'finished', ${TOWN}, ${region}, ${placeId}, ${person}, '测试', ${d}, ${noon(d)}, ${noon(d)}, ${`h-${++seq}`})`);
  }
}
async function supervision(region: string, on: string) {
  await tdb.db.execute(sql`INSERT INTO inspections (kind, state, town_code, region_code, inspector_id, inspector_name, on_date, started_at, finished_at, client_key)
    VALUES ('supervision', 'finished', ${TOWN}, ${region}, ${town.people.office}, '测试', ${on}, ${noon(on)}, ${noon(on)}, ${`h-${++seq}`})`);
}
async function setPlaces(person: number, placeIds: number[], effectiveFrom?: string) {
  const r = await office.put(`/api/people/${person}/places`, { placeIds, ...(effectiveFrom ? { effectiveFrom } : {}) });
  expect(r.statusCode, r.body).toBe(200);
}
const compliance = async (q: string) => {
  const r = await office.get(`/api/inspections/compliance?regionCode=${TOWN}&${q}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const FIGS = ['expected', 'done', 'missed', 'due'] as const;
const figs = (x: any) => (x ? Object.fromEntries(FIGS.map((k) => [k, x[k]])) : { expected: 0, done: 0, missed: 0, due: 0 });
const personFigs = (c: any, id: number) => figs(c.people.find((p: any) => p.personId === id && p.kind === 'patrol'));
const placeFigs = (c: any, id: number) => c.places.find((p: any) => p.placeId === id && p.kind === 'patrol');
const misses = async (person: number) =>
  (
    await tdb.db.execute<{ slot_key: string; period_start: string }>(sql`
  SELECT slot_key, period_start::text FROM inspection_misses WHERE kind = 'patrol' AND person_id = ${person} ORDER BY period_start, slot_key`)
  ).rows;

beforeAll(async () => {
  setClock(noon('2026-10-31'));
  ({ tdb, town, app } = await openTown({ calendar: [2026, 2027] }));
  office = as(app, await login(app, 'office'));
  // Every day counts, so the figures do not depend on weekends and holidays.
  const every = { times: 1, countWeekends: true, countHolidays: true };
  const put = await office.put(`/api/inspections/cadence?regionCode=${TOWN}`, {
    patrol: { period: 'day', ...every },
    supervision: { period: 'week', ...every },
  });
  expect(put.statusCode, put.body).toBe(200);
  ids.p = await place('street', '店头街', COMMUNITY_A);
  ids.q = await place('compound', '水东小区', COMMUNITY_A);
  ids.r = await place('street', '东大街', COMMUNITY_B);
  const chief = (name: string, username: string, phone: string) =>
    addPerson(tdb.db, { name, username, phone, regionCode: COMMUNITY_B, grants: [{ role: 'street_chief', region: COMMUNITY_B }] });
  ids.chiefB = await chief('街巷长乙', 'chiefb', '13859710017');
  ids.chiefC = await chief('街巷长丙', 'chiefc', '13859710018');

  // 1 November: 店头街 to chief A, 东大街 to chief B.
  setClock(noon('2026-11-01'));
  await setPlaces(town.people.chief, [ids.p]);
  await setPlaces(ids.chiefB, [ids.r]);
  // Chief A patrols 店头街 1-24 November, nothing 25 November - 2 December, then every day from 3 December.
  await patrols(town.people.chief, ids.p, COMMUNITY_A, [...days('2026-11-01', '2026-11-24'), ...days('2026-12-03', '2026-12-15')]);
  // 3 December: 水东小区 added (patrolled from then on but 10 December).
  setClock(noon('2026-12-03'));
  await setPlaces(town.people.chief, [ids.p, ids.q]);
  await patrols(
    town.people.chief,
    ids.q,
    COMMUNITY_A,
    days('2026-12-03', '2026-12-15').filter((d) => d !== '2026-12-10'),
  );
  // 东大街: chief B every day of November and 1-7 December but the 5th, and once more on the 9th (after handing over);
  // chief C from 8 December but the 12th.
  await patrols(ids.chiefB, ids.r, COMMUNITY_B, [...days('2026-11-01', '2026-12-07').filter((d) => d !== '2026-12-05'), '2026-12-09']);
  await patrols(
    ids.chiefC,
    ids.r,
    COMMUNITY_B,
    days('2026-12-08', '2026-12-15').filter((d) => d !== '2026-12-12'),
  );
  // Supervision of 水东街社区: every week of November (Wednesdays), 8, 11 and 14 December.
  for (const d of ['2026-11-04', '2026-11-11', '2026-11-18', '2026-11-25', '2026-12-08', '2026-12-11', '2026-12-14']) await supervision(COMMUNITY_A, d);

  // 10 December: the night job has run; then the handover of 8 December is recorded, and supervision becomes daily.
  setClock(noon('2026-12-10'));
  await runMissesSweep(tdb.db, noon('2026-12-10'));
  before.sweepDec10 = await misses(ids.chiefB);
  before.novSupervision = (await compliance('month=2026-11')).communities.find((c: any) => c.code === COMMUNITY_A).kinds.supervision;
  await setPlaces(ids.chiefB, [], '2026-12-08');
  await setPlaces(ids.chiefC, [ids.r], '2026-12-08');
  const change = await office.put(`/api/inspections/cadence?regionCode=${TOWN}`, { supervision: { period: 'day', ...every } });
  expect(change.statusCode, change.body).toBe(200);

  setClock(noon(TODAY));
});
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

describe('compliance adds up over ranges', () => {
  it('December + November = November–December, for the chief and each place (the defect: 0 in December, 6 together)', async () => {
    const [nov, dec, both] = await Promise.all([compliance('month=2026-11'), compliance('month=2026-12'), compliance('from=2026-11-01&to=2026-12-31')]);
    const A = town.people.chief;
    // November: 店头街 owed from the 1st, missed 25-30.
    expect(personFigs(nov, A)).toEqual({ expected: 30, done: 24, missed: 6, due: 0 });
    // December: 店头街 missed the 1st and 2nd; 水东小区 owed from the 3rd, missed the 10th; today due at both.
    expect(personFigs(dec, A)).toEqual({ expected: 30, done: 25, missed: 3, due: 2 });
    expect(figs(placeFigs(dec, ids.p))).toEqual({ expected: 16, done: 13, missed: 2, due: 1 });
    expect(figs(placeFigs(dec, ids.q))).toEqual({ expected: 14, done: 12, missed: 1, due: 1 });
    expect(personFigs(both, A)).toEqual({ expected: 60, done: 49, missed: 9, due: 2 });
    // Any cut adds up, for every person and place.
    for (const cut of ['2026-11-30', '2026-11-24', '2026-12-02', '2026-12-07', '2026-12-10']) {
      const [a, b] = await Promise.all([compliance(`from=2026-11-01&to=${cut}`), compliance(`from=${addDays(cut, 1)}&to=2026-12-31`)]);
      for (const id of [A, ids.chiefB, ids.chiefC]) {
        const sum = Object.fromEntries(FIGS.map((k) => [k, personFigs(a, id)[k] + personFigs(b, id)[k]]));
        expect(sum, `person ${id}, cut after ${cut}`).toEqual(personFigs(both, id));
      }
      const sup = (c: any) => figs(c.communities.find((x: any) => x.code === COMMUNITY_A).kinds.supervision);
      expect(Object.fromEntries(FIGS.map((k) => [k, sup(a)[k] + sup(b)[k]])), `supervision, cut after ${cut}`).toEqual(sup(both));
    }
  });

  it('the misses job records exactly the missed slots, and the ledger charges those', async () => {
    const sweep = await runMissesSweep(tdb.db, noon(TODAY));
    expect(sweep.from).toBe('2026-11-01');
    const A = await misses(town.people.chief);
    expect(A.map((m) => m.period_start)).toEqual([...days('2026-11-25', '2026-12-02'), '2026-12-10']);
    const both = await compliance('from=2026-11-01&to=2026-12-31');
    for (const id of [town.people.chief, ids.chiefB, ids.chiefC]) expect((await misses(id)).length).toBe(personFigs(both, id).missed);

    const rule = await office.post('/api/assessment/rules', {
      regionCode: TOWN,
      name: '未按要求巡查 每次扣 1 分',
      eventKind: 'missed_patrol',
      subjectKind: 'street_chief',
      points: -1,
      capPerPeriod: null,
      effectiveFrom: '2020-01-01',
    });
    expect(rule.statusCode, rule.body).toBe(201);
    let charged = 0;
    for (const month of ['2026-11', '2026-12']) {
      const rc = await office.post('/api/assessment/recompute', { region: TOWN, date: `${month}-01` });
      expect(rc.statusCode, rc.body).toBe(200);
      const ledger = (await office.get(`/api/assessment/ledger?region=${TOWN}&kind=month&date=${month}-01`)).json();
      const mine = ledger.filter((e: any) => e.eventKind === 'missed_patrol' && e.subjectRef === String(town.people.chief));
      const c = await compliance(`month=${month}`);
      expect(mine.length, month).toBe(personFigs(c, town.people.chief).missed);
      charged += mine.length;
    }
    expect(charged).toBe(personFigs(both, town.people.chief).missed);
  });
});

describe('a handover splits the slots', () => {
  it('owes 东大街 to chief B until 7 December and to chief C from the 8th; a patrol after handing over counts for no one', async () => {
    const dec = await compliance('month=2026-12');
    expect(personFigs(dec, ids.chiefB)).toEqual({ expected: 7, done: 6, missed: 1, due: 0 });
    expect(personFigs(dec, ids.chiefC)).toEqual({ expected: 9, done: 7, missed: 1, due: 1 });
    const r = placeFigs(dec, ids.r);
    expect(figs(r)).toEqual({ expected: 16, done: 13, missed: 2, due: 1 });
    expect(r.people.map((p: any) => p.name).sort()).toEqual(['街巷长丙', '街巷长乙'].sort());
    // November is chief B's alone, as it was.
    expect(personFigs(await compliance('month=2026-11'), ids.chiefB)).toEqual({ expected: 30, done: 30, missed: 0, due: 0 });
  });

  it('drops the miss recorded before the handover was entered, and keeps the history readable', async () => {
    // On 10 December the job had charged chief B the 5th and the 8th; the 8th is chief C's (done) since the handover.
    expect(before.sweepDec10!.map((m) => m.slot_key)).toEqual([`patrol:day:${ids.chiefB}:${ids.r}:2026-12-05`, `patrol:day:${ids.chiefB}:${ids.r}:2026-12-08`]);
    expect((await misses(ids.chiefB)).map((m) => m.period_start)).toEqual(['2026-12-05']);
    expect((await misses(ids.chiefC)).map((m) => m.period_start)).toEqual(['2026-12-12']);

    const h = await office.get(`/api/inspections/place-assignments?regionCode=${COMMUNITY_B}&placeId=${ids.r}&from=2026-11-01&to=2026-12-31`);
    expect(h.statusCode, h.body).toBe(200);
    expect(h.json()).toMatchObject({ regionCode: COMMUNITY_B, today: TODAY, earliestChange: '2026-11-01', truncated: false });
    expect(h.json().items.map((x: any) => [x.personName, x.validFrom, x.validTo, x.lastDay])).toEqual([
      ['街巷长乙', '2026-11-01', '2026-12-08', '2026-12-07'],
      ['街巷长丙', '2026-12-08', null, null],
    ]);
    // Chief B's calendar: 东大街 held until the 7th; nothing owed after.
    const cal = (await office.get(`/api/inspections/compliance/person/${ids.chiefB}?month=2026-12`)).json();
    expect(cal.places).toMatchObject([{ id: ids.r, validFrom: '2026-11-01', validTo: '2026-12-08' }]);
    expect(cal.days.find((d: any) => d.date === '2026-12-09')).toMatchObject({ expected: 0, inspections: 1 });
    // The people page shows current places only.
    expect((await office.get(`/api/people/${ids.chiefB}`)).json().places ?? []).toEqual([]);
  });

  it('takes an effective date from the first day of last month up to today', async () => {
    for (const [effectiveFrom, status] of [
      ['2026-12-17', 400],
      ['2026-10-31', 400],
      ['2026-13-01', 400],
    ] as const) {
      const r = await office.put(`/api/people/${ids.chiefC}/places`, { placeIds: [ids.r], effectiveFrom });
      expect(r.statusCode, effectiveFrom).toBe(status);
      expect(r.json().error.code).toBe('VALIDATION_FAILED');
    }
    // Saving the same places again changes nothing; taking a place away and giving it back from the same day leaves one row.
    await setPlaces(ids.chiefC, [ids.r]);
    await setPlaces(ids.chiefC, [], '2026-12-12');
    await setPlaces(ids.chiefC, [ids.r], '2026-12-12');
    const h = (await office.get(`/api/inspections/place-assignments?regionCode=${COMMUNITY_B}&personId=${ids.chiefC}`)).json();
    expect(h.items.map((x: any) => [x.validFrom, x.validTo])).toEqual([['2026-12-08', null]]);
    // Taken away from the 14th and given back today: a gap the 14th and 15th, owed to no one.
    await setPlaces(ids.chiefC, [], '2026-12-14');
    await setPlaces(ids.chiefC, [ids.r]);
    const gap = (await office.get(`/api/inspections/place-assignments?regionCode=${COMMUNITY_B}&personId=${ids.chiefC}`)).json();
    expect(gap.items.map((x: any) => [x.validFrom, x.validTo])).toEqual([
      ['2026-12-08', '2026-12-14'],
      [TODAY, null],
    ]);
    expect(figs(placeFigs(await compliance('from=2026-12-14&to=2026-12-16'), ids.r))).toEqual({ expected: 1, done: 0, missed: 0, due: 1 });
    expect((await as(app, await login(app, 'office2')).get(`/api/inspections/place-assignments?regionCode=${COMMUNITY_B}`)).statusCode).toBe(403);
  });
});

describe('a cadence change applies from its date only', () => {
  it('owes the week that began before the change, then every day from the 10th; November is as it was', async () => {
    const dec = await compliance('month=2026-12');
    // Week of 7 December (done on the 8th) under the weekly cadence; then days 10-16: done 11 and 14, today due.
    expect(figs(dec.communities.find((c: any) => c.code === COMMUNITY_A).kinds.supervision)).toEqual({ expected: 8, done: 3, missed: 4, due: 1 });
    expect(dec.kinds.find((k: any) => k.kind === 'supervision')).toMatchObject({ period: 'day', periodLabel: '每日' });
    const nov = await compliance('month=2026-11');
    expect(nov.communities.find((c: any) => c.code === COMMUNITY_A).kinds.supervision).toEqual(before.novSupervision);
    expect(nov.kinds.find((k: any) => k.kind === 'supervision')).toMatchObject({ period: 'week' });
  });

  it('keeps the versions; a change may be scheduled, never dated before today or before a scheduled one', async () => {
    const g = (await office.get(`/api/inspections/cadence?regionCode=${TOWN}`)).json();
    expect(g).toMatchObject({ inheritedFrom: 'own', effectiveFrom: '2026-12-10', cadence: { supervision: { period: 'day' }, patrol: { period: 'day' } } });
    expect(g.versions.map((v: any) => [v.version, v.effectiveFrom, v.inForce, v.scheduled])).toEqual([
      [2, '2026-12-10', true, false],
      [1, '2026-10-31', false, false],
    ]);
    const past = await office.put(`/api/inspections/cadence?regionCode=${TOWN}`, {
      supervision: { period: 'week', times: 1, countWeekends: true, countHolidays: true },
      effectiveFrom: '2026-12-15',
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields[0].path).toBe('effectiveFrom');
    const later = await office.put(`/api/inspections/cadence?regionCode=${TOWN}`, {
      supervision: { period: 'week', times: 1, countWeekends: true, countHolidays: true },
      effectiveFrom: '2027-01-04',
    });
    expect(later.statusCode, later.body).toBe(200);
    expect(later.json().cadence.supervision.period).toBe('day'); // still in force today
    expect(later.json().versions[0]).toMatchObject({ version: 3, effectiveFrom: '2027-01-04', scheduled: true, inForce: false });
    expect(
      (
        await office.put(`/api/inspections/cadence?regionCode=${TOWN}`, {
          patrol: { period: 'day', times: 2, countWeekends: true, countHolidays: true },
          effectiveFrom: '2026-12-20',
        })
      ).statusCode,
    ).toBe(400);
    // December is untouched by the scheduled version; January's weeks follow it.
    const jan = await compliance('from=2027-01-01&to=2027-01-31');
    expect(jan.kinds.find((k: any) => k.kind === 'supervision')).toMatchObject({ period: 'week' });
  });
});
