// A team leader who holds only the volunteer role (issue 17 item 6: "a team
// leader sees their team"): the team's members, the records counted for it
// (confirming or rejecting their check-outs, never correcting), and the
// orders dispatched to it, which the team's own account takes (接单, turned
// into an activity) or gives back; nothing of another team, no 派单. A
// community cadre sees the community's teams. Leadership ends with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { addPerson, as, closeTown, COMMUNITY_A, COMMUNITY_B, login, openTown, TOWN, type Town } from '../helpers/town.ts';
import { setClock } from '../../server/platform/clock.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const ids: Record<string, number> = {};
const c: Record<string, string> = {};

const unit = async (kind: string, name: string, region: string) =>
  Number((await tdb.db.execute<{ id: number }>(sql`INSERT INTO units (kind, name, region_code) VALUES (${kind}, ${name}, ${region}) RETURNING id`)).rows[0].id);
/** A check-out's pending record (what the phone's check-out writes). */
const pending = async (personId: number, teamId: number, region: string) =>
  Number(
    (
      await tdb.db.execute<{
        id: number;
      }>(sql`INSERT INTO volunteer_service (person_id, team_id, activity_id, town_code, region_code, on_date, minutes, status, source)
        VALUES (${personId}, ${teamId}, ${ids.act}, ${TOWN}, ${region}, '2026-12-01', 120, 'pending', 'checkin') RETURNING id`)
    ).rows[0].id,
  );
const order = async (teamId: number) => {
  const r = await app.inject({
    method: 'POST',
    url: '/api/public/orders',
    payload: { stationId: ids.station, kind: '关爱帮扶', wishedOn: '2026-12-10', place: '水东街 8 号', contactName: '陈阿姨', contactPhone: '13812345678' },
  });
  expect(r.statusCode, r.body).toBe(201);
  const o = (await as(app, c.office).get('/api/volunteers/orders?unanswered=1')).json().items[0];
  const d = await as(app, c.cadrea).post(`/api/volunteers/orders/${o.id}/dispatch`, { version: o.version, teamId });
  expect(d.statusCode, d.body).toBe(200);
  return d.json() as { id: number; version: number };
};

beforeAll(async () => {
  setClock(new Date('2026-12-06T10:00:00+08:00'));
  ({ tdb, app, town } = await openTown({ categories: true, calendar: true }));
  ids.teamA = await unit('volunteer_team', '水东街社区志愿服务队', COMMUNITY_A);
  ids.teamB = await unit('volunteer_team', '东门街社区志愿服务队', COMMUNITY_B);
  ids.station = await unit('practice_station', '水东街社区新时代文明实践站', COMMUNITY_A);
  ids.capt = Number(
    await addPerson(tdb.db, {
      name: '王队长',
      username: 'capt',
      phone: '13900007001',
      regionCode: COMMUNITY_A,
      unitId: ids.teamA,
      grants: [{ role: 'volunteer', unit: ids.teamA }],
    }),
  );
  ids.plain = Number(
    await addPerson(tdb.db, {
      name: '李队员',
      username: 'plain',
      phone: '13900007002',
      regionCode: COMMUNITY_A,
      unitId: ids.teamA,
      grants: [{ role: 'volunteer', unit: ids.teamA }],
    }),
  );
  for (const who of ['office', 'cadrea', 'cadreb', 'capt', 'plain']) c[who] = await login(app, who);
  const cadrea = as(app, c.cadrea);
  expect((await cadrea.post('/api/volunteers', { personId: ids.capt, teamId: ids.teamA, role: 'leader', joinedOn: '2026-01-01' })).statusCode).toBe(201);
  expect((await cadrea.post('/api/volunteers', { personId: ids.plain, teamId: ids.teamA, joinedOn: '2026-01-01' })).statusCode).toBe(201);
  ids.m1 = (await cadrea.post('/api/volunteers', { name: '赵队员', phone: '13900007003', teamId: ids.teamA, joinedOn: '2026-02-01' })).json().personId;
  ids.m2 = (
    await as(app, c.cadreb).post('/api/volunteers', { name: '钱队员', phone: '13900007004', teamId: ids.teamB, joinedOn: '2026-02-01' })
  ).json().personId;
  expect((await cadrea.get('/api/activities/kinds')).statusCode).toBe(200);
  ids.place = (await as(app, c.office).post('/api/places', { kind: 'street', regionCode: COMMUNITY_A, name: '队长巷' })).json().id;
  ids.act = (
    await cadrea.post('/api/activities', { title: '文明劝导', kindId: 1, unitId: town.units.committeeA, placeId: ids.place, onDate: '2026-12-01' })
  ).json().id;
  ids.recA = await pending(ids.m1, ids.teamA, COMMUNITY_A);
  ids.recB = await pending(ids.m2, ids.teamB, COMMUNITY_B);
}, 300_000);
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

describe('a team leader with only the volunteer role', () => {
  it('sees their own team and its members, nothing of another team', async () => {
    const capt = as(app, c.capt);
    const teams = (await capt.get('/api/volunteers/teams')).json().items;
    expect(teams.map((t: any) => t.id)).toEqual([ids.teamA]);
    const list = await capt.get('/api/volunteers');
    expect(list.statusCode, list.body).toBe(200);
    expect(
      list
        .json()
        .items.map((m: any) => m.personId)
        .sort(),
    ).toEqual([ids.capt, ids.plain, ids.m1].sort());
    expect(list.json().can.manage).toBe(true);
    expect((await capt.get(`/api/volunteers/${ids.m1}`)).json().name).toBe('赵队员');
    expect((await capt.get(`/api/volunteers/${ids.m2}`)).statusCode).toBe(404);
    expect((await capt.get(`/api/volunteers/${ids.m1}/certificate`)).statusCode).toBe(200);
    expect((await capt.get('/api/volunteers/me')).json().leads).toEqual([{ id: ids.teamA, name: '水东街社区志愿服务队' }]);
  });

  it('gets the desk’s 志愿服务 pages: /api/me says volunteer.read and order.read (and no more)', async () => {
    const can = (await as(app, c.capt).get('/api/me')).json().can;
    expect(can).toMatchObject({ 'volunteer.read': true, 'order.read': true, 'volunteer.manage': false, 'order.manage': false, 'volunteer.export_id': false });
    const plain = (await as(app, c.plain).get('/api/me')).json().can;
    expect(plain).toMatchObject({ 'volunteer.read': false, 'order.read': false });
  });

  it('adds and removes members of their team, but names no leader and touches no other team', async () => {
    const capt = as(app, c.capt);
    const r = await capt.post('/api/volunteers', { name: '孙新人', phone: '13900007005', teamId: ids.teamA });
    expect(r.statusCode, r.body).toBe(201);
    ids.m3 = r.json().personId;
    expect((await capt.post('/api/volunteers', { name: '周新人', teamId: ids.teamA, role: 'leader' })).statusCode).toBe(403);
    const other = await capt.post('/api/volunteers', { name: '吴新人', teamId: ids.teamB });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields[0].path).toBe('teamId');
    expect((await capt.post(`/api/volunteers/${ids.m3}/teams/${ids.teamA}/leave`, {})).statusCode).toBe(200);
    expect((await capt.post(`/api/volunteers/${ids.m3}/account`, { teamId: ids.teamA })).statusCode).toBe(403);
    expect((await capt.put(`/api/volunteers/${ids.m1}`, { version: 1, gender: 'male' })).statusCode).toBe(403);
  });

  it('confirms the pending records of their team (not another team’s) and never corrects confirmed hours', async () => {
    const capt = as(app, c.capt);
    const list = (await capt.get('/api/volunteers/service?status=pending')).json().items;
    expect(list.map((x: any) => x.id)).toEqual([ids.recA]);
    expect(list[0].can).toEqual({ confirm: true, correct: false });
    const r = await capt.post(`/api/volunteers/service/${ids.recA}/confirm`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'confirmed', confirmedByName: '王队长' });
    expect((await capt.post(`/api/volunteers/service/${ids.recA}/correct`, { hours: 3, reason: '少记了一小时' })).statusCode).toBe(403);
    expect((await capt.post(`/api/volunteers/service/${ids.recB}/confirm`)).statusCode).toBe(404);
    expect((await capt.get('/api/volunteers/service/totals')).json().total).toMatchObject({ records: 1, hours: 2 });
    const audit = await tdb.db.execute<{ actor_name: string }>(
      sql`SELECT actor_name FROM audit_log WHERE action = 'volunteer.service_confirm' AND entity_id = ${String(ids.recA)}`,
    );
    expect(audit.rows.map((x) => x.actor_name)).toEqual(['王队长']);
  });

  it('takes an order dispatched to the team (接单) and plans its activity; cannot dispatch; sees no other team’s order', async () => {
    const capt = as(app, c.capt);
    const o = await order(ids.teamA);
    const seen = (await capt.get('/api/volunteers/orders')).json().items;
    expect(seen.map((x: any) => x.id)).toEqual([o.id]);
    expect(seen[0]).toMatchObject({ contactPhone: '13812345678', can: { dispatch: false, accept: true, return: true } });
    expect((await capt.post(`/api/volunteers/orders/${o.id}/dispatch`, { version: o.version, teamId: ids.teamA })).statusCode).toBe(403);
    const r = await capt.post(`/api/volunteers/orders/${o.id}/accept`, {
      version: o.version,
      plan: { title: '上门关爱志愿服务', kindId: 3, placeId: ids.place, onDate: '2026-12-10' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'accepted', activityId: expect.any(Number) });
    const a = (await as(app, c.cadrea).get(`/api/activities/${r.json().activityId}`)).json();
    expect(a).toMatchObject({ title: '上门关爱志愿服务', state: 'planned', organizer: { id: ids.station } });
    expect(a.coUnits.map((u: any) => u.id)).toEqual([ids.teamA]);
    const other = await order(ids.teamB);
    expect((await capt.get(`/api/volunteers/orders/${other.id}`)).statusCode).toBe(404);
    expect((await capt.post(`/api/volunteers/orders/${other.id}/accept`, { version: other.version, activityId: a.id })).statusCode).toBe(404);
  });

  it('finds the 接单 form’s place by name on the server, a page at a time, within the team’s region', async () => {
    const office = as(app, c.office);
    for (const name of ['队长巷东段', '队长巷西段', '队长巷南段'])
      expect((await office.post('/api/places', { kind: 'street', regionCode: COMMUNITY_A, name })).statusCode).toBe(201);
    expect((await office.post('/api/places', { kind: 'street', regionCode: COMMUNITY_B, name: '队长巷北段' })).statusCode).toBe(201);
    const capt = as(app, c.capt);
    const found = (await capt.get(`/api/places?q=${encodeURIComponent('队长巷')}`)).json().items.map((p: any) => p.name);
    expect(found.sort()).toEqual(['队长巷', '队长巷东段', '队长巷南段', '队长巷西段'].sort());
    const page = (await capt.get(`/api/places?q=${encodeURIComponent('队长巷')}&limit=2`)).json().items;
    expect(page).toHaveLength(2);
    const big = await capt.get('/api/places?limit=5000');
    expect(big.statusCode).toBe(400);
    expect(big.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('gives an order back to the station, with the reason', async () => {
    const o = await order(ids.teamA);
    const r = await as(app, c.capt).post(`/api/volunteers/orders/${o.id}/return`, { version: o.version, reason: '本周队员不足' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'received', team: null });
    expect((await as(app, c.capt).get(`/api/volunteers/orders/${o.id}`)).statusCode).toBe(404);
  });

  it('a member who leads no team reads none of it; a leader who steps down neither', async () => {
    const plain = as(app, c.plain);
    expect((await plain.get('/api/volunteers')).statusCode).toBe(403);
    expect((await plain.get('/api/volunteers/orders')).statusCode).toBe(403);
    expect((await plain.get('/api/volunteers/me')).json().leads).toEqual([]);
    expect((await as(app, c.capt).get('/api/me')).json().can['volunteer.read']).toBe(true);
    expect((await as(app, c.cadrea).post(`/api/volunteers/${ids.capt}/teams/${ids.teamA}/leave`, {})).statusCode).toBe(200);
    // the desk's menu goes with the leadership at once (not after the session cache's seconds)
    expect((await as(app, c.capt).get('/api/me')).json().can).toMatchObject({ 'volunteer.read': false, 'order.read': false });
    expect((await as(app, c.capt).get('/api/volunteers')).statusCode).toBe(403);
    expect((await as(app, c.capt).get(`/api/volunteers/service/${ids.recA}`)).statusCode).toBe(403);
  });
});

describe('a community cadre', () => {
  it('sees the community’s teams, not the town’s other communities’', async () => {
    const teams = (await as(app, c.cadreb).get('/api/volunteers/teams')).json().items;
    expect(teams.map((t: any) => t.id)).toEqual([ids.teamB]);
    expect((await as(app, c.cadreb).get(`/api/volunteers/service/${ids.recA}`)).statusCode).toBe(404);
  });
});
