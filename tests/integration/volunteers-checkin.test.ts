// Sign-up and check-in on the phone (issue 17 item 3): a volunteer sees the
// planned activities of their teams' towns and signs up; the organiser opens
// a 6-digit code valid only for that activity and only while it runs; check
// in and out; an early or late attempt, a code of another activity, a
// second check-in (a replay, not a second record) and a check-out without a
// check-in each get their answer; wrong codes are limited per person and per
// activity; the check-out's pending record is confirmed by the organiser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { addPerson, as, closeTown, COMMUNITY_A, login, openTown, type Town } from '../helpers/town.ts';
import { setClock } from '../../server/platform/clock.ts';
import { CHECKIN } from '../../domain/volunteers.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const ids: Record<string, number> = {};
const c: Record<string, string> = {};
const at = (hhmm: string) => setClock(new Date(`2026-12-06T${hhmm}:00+08:00`));

beforeAll(async () => {
  at('08:00');
  ({ tdb, app, town } = await openTown({ categories: true, calendar: true }));
  const team = Number(
    (
      await tdb.db.execute<{ id: number }>(
        sql`INSERT INTO units (kind, name, region_code) VALUES ('volunteer_team', '水东街社区志愿服务队', ${COMMUNITY_A}) RETURNING id`,
      )
    ).rows[0].id,
  );
  ids.team = team;
  for (const [i, u] of ['vola', 'volb', 'volc'].entries()) {
    ids[u] = Number(
      await addPerson(tdb.db, {
        name: `志愿者${i}`,
        username: u,
        phone: `1390000100${i}`,
        regionCode: COMMUNITY_A,
        unitId: team,
        grants: [{ role: 'volunteer', unit: team }],
      }),
    );
  }
  for (const who of ['office', 'cadrea', 'leader', 'vola', 'volb', 'volc']) c[who] = await login(app, who);
  const cadrea = as(app, c.cadrea);
  for (const u of ['vola', 'volb', 'volc']) {
    const r = await cadrea.post('/api/volunteers', { personId: ids[u], teamId: team, joinedOn: '2026-01-01' });
    expect(r.statusCode, r.body).toBe(201);
  }
  expect((await cadrea.get('/api/activities/kinds')).statusCode).toBe(200);
  ids.place = (await as(app, c.office).post('/api/places', { kind: 'street', regionCode: COMMUNITY_A, name: '签到巷' })).json().id;
  const act = async (title: string, onDate: string) =>
    (await cadrea.post('/api/activities', { title, kindId: 1, unitId: town.units.committeeA, placeId: ids.place, onDate })).json().id as number;
  ids.today = await act('今日志愿服务', '2026-12-06');
  ids.other = await act('另一场活动', '2026-12-06');
  ids.later = await act('下周活动', '2026-12-13');
}, 300_000);
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

describe('sign-up', () => {
  it('lists the planned activities of the volunteer’s town and signs up (once)', async () => {
    const v = as(app, c.vola);
    const me = (await v.get('/api/volunteers/me')).json();
    expect(me.upcoming.map((a: any) => a.title)).toEqual(['今日志愿服务', '另一场活动', '下周活动']);
    let r = await v.post('/api/volunteers/me/signups', { activityId: ids.later });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().upcoming.find((a: any) => a.id === ids.later).signedUp).toBe(true);
    r = await v.post('/api/volunteers/me/signups', { activityId: ids.later });
    expect(r.statusCode).toBe(200);
    expect((await v.del(`/api/volunteers/me/signups/${ids.later}`)).json().upcoming.find((a: any) => a.id === ids.later).signedUp).toBe(false);
    expect((await v.del(`/api/volunteers/me/signups/${ids.later}`)).statusCode).toBe(409);
    expect((await as(app, c.office).get('/api/volunteers/me')).statusCode).toBe(404); // not a volunteer
  });
});

describe('check-in', () => {
  it('the organiser opens a code only on the activity’s day; readers see the roster, not the code', async () => {
    const cadrea = as(app, c.cadrea);
    const bad = await cadrea.post(`/api/volunteers/activities/${ids.later}/code`, {
      startsAt: '2026-12-06T09:00:00+08:00',
      endsAt: '2026-12-06T11:00:00+08:00',
    });
    expect(bad.json().error.fields[0].path).toBe('startsAt');
    const r = await cadrea.post(`/api/volunteers/activities/${ids.today}/code`, { startsAt: '2026-12-06T09:00:00+08:00', endsAt: '2026-12-06T11:00:00+08:00' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().code).toMatch(/^\d{6}$/);
    expect(r.json().url).toBe(`/m/volunteer/checkin?activity=${ids.today}&code=${r.json().code}`);
    ids.code = Number(r.json().code);
    c.code = r.json().code;
    const o = await cadrea.post(`/api/volunteers/activities/${ids.other}/code`, { startsAt: '2026-12-06T14:00:00+08:00', endsAt: '2026-12-06T16:00:00+08:00' });
    c.otherCode = o.json().code;
    expect(
      (
        await as(app, c.leader).post(`/api/volunteers/activities/${ids.today}/code`, {
          startsAt: '2026-12-06T09:00:00+08:00',
          endsAt: '2026-12-06T11:00:00+08:00',
        })
      ).statusCode,
    ).toBe(403);
    const roster = (await as(app, c.leader).get(`/api/volunteers/activities/${ids.today}/roster`)).json();
    expect(roster.code).toBeNull();
  });

  it('refuses an early check-in, and a check-out without a check-in', async () => {
    at('08:00');
    const r = await as(app, c.vola).post('/api/volunteers/checkin', { activityId: ids.today, code: c.code, direction: 'in' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toMatchObject({ code: 'CHECKIN_CLOSED', message: expect.stringContaining('签到尚未开始') });
    at('09:10');
    const out = await as(app, c.vola).post('/api/volunteers/checkin', { activityId: ids.today, code: c.code, direction: 'out' });
    expect(out.statusCode).toBe(409);
    expect(out.json().error.message).toContain('还没有签到');
  });

  it('refuses another activity’s code', async () => {
    const r = await as(app, c.vola).post('/api/volunteers/checkin', {
      activityId: ids.today,
      code: c.otherCode === c.code ? '000000' : c.otherCode,
      direction: 'in',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('CHECKIN_CODE_WRONG');
  });

  it('checks in once: the second is a replay with the first time, not a second record', async () => {
    at('08:45');
    const v = as(app, c.vola);
    const first = await v.post('/api/volunteers/checkin', { activityId: ids.today, code: c.code, direction: 'in' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ direction: 'in', replayed: false });
    at('09:05');
    const again = await v.post('/api/volunteers/checkin', { activityId: ids.today, code: c.code, direction: 'in' });
    expect(again.json()).toMatchObject({ replayed: true, at: first.json().at });
    const [n] = (await tdb.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM volunteer_signups WHERE activity_id = ${ids.today}`)).rows;
    expect(n.n).toBe(1);
    // One audit row for the check-in (written with the stamp), none for the replay.
    const audits = await tdb.db.execute<{ actor_id: number; after: { personId: number } }>(
      sql`SELECT actor_id, after FROM audit_log WHERE action = 'volunteer.checkin' AND entity = 'activity' AND entity_id = ${String(ids.today)}`,
    );
    expect(audits.rows).toHaveLength(1);
    expect(audits.rows[0]).toMatchObject({ actor_id: ids.vola, after: { personId: ids.vola } });
  });

  it('two check-ins of one volunteer at once: one stamps, the other is its replay with the same time', async () => {
    at('08:50');
    const v = as(app, c.volb);
    const both = await Promise.all([0, 1].map(() => v.post('/api/volunteers/checkin', { activityId: ids.today, code: c.code, direction: 'in' })));
    expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(both.map((r) => r.json().replayed).sort()).toEqual([false, true]);
    expect(both[0].json().at).toBe(both[1].json().at);
    const [n] = (
      await tdb.db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'volunteer.checkin' AND entity_id = ${String(ids.today)} AND actor_id = ${ids.volb}`,
      )
    ).rows;
    expect(n.n).toBe(1);
  });

  it('checks out: a pending record of the time served within the activity, confirmed by the organiser', async () => {
    at('10:30');
    const v = as(app, c.vola);
    const r = await v.post('/api/volunteers/checkin', { activityId: ids.today, code: c.code, direction: 'out' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ direction: 'out', replayed: false, hours: 1.5 }); // 09:00 (the start) to 10:30
    const again = await v.post('/api/volunteers/checkin', { activityId: ids.today, code: c.code, direction: 'out' });
    expect(again.json()).toMatchObject({ replayed: true, serviceId: r.json().serviceId });
    const rec = (await as(app, c.office).get(`/api/volunteers/service/${r.json().serviceId}`)).json();
    expect(rec).toMatchObject({ status: 'pending', source: 'checkin', hours: 1.5, can: { confirm: true } });
    const ok = await as(app, c.cadrea).post(`/api/volunteers/service/${r.json().serviceId}/confirm`);
    expect(ok.json()).toMatchObject({ status: 'confirmed', confirmedByName: '社区干部甲' });
    expect((await as(app, c.cadrea).post(`/api/volunteers/service/${r.json().serviceId}/confirm`)).statusCode).toBe(409);
    expect((await v.get('/api/volunteers/me')).json().totals).toMatchObject({ records: 1, hours: 1.5 });
  });

  it('refuses a late check-in', async () => {
    at('11:20');
    const r = await as(app, c.volb).post('/api/volunteers/checkin', { activityId: ids.today, code: c.code, direction: 'in' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toContain('已于 11:00 结束');
  });

  it('stops guessing: after the wrong codes allowed, even the right code is refused with 429', async () => {
    at('10:00');
    const v = as(app, c.volb);
    for (let i = 0; i < CHECKIN.wrongPerPerson; i++) {
      const wrong = String((Number(c.code) + 1 + i) % 1_000_000).padStart(6, '0');
      expect((await v.post('/api/volunteers/checkin', { activityId: ids.today, code: wrong, direction: 'in' })).statusCode).toBe(400);
    }
    const r = await v.post('/api/volunteers/checkin', { activityId: ids.today, code: c.code, direction: 'in' });
    expect(r.statusCode).toBe(429);
    expect(r.json().error.code).toBe('RATE_LIMITED');
    // Another volunteer is not held up by one person's guesses.
    expect((await as(app, c.volc).post('/api/volunteers/checkin', { activityId: ids.today, code: c.code, direction: 'in' })).statusCode).toBe(200);
  });

  it('stops guessing across people at one activity', async () => {
    await tdb.db.execute(sql`UPDATE rate_counters SET hits = ${CHECKIN.wrongPerActivity} WHERE key = ${`checkin-wrong:a:${ids.today}`}`);
    const r = await as(app, c.volc).post('/api/volunteers/checkin', { activityId: ids.today, code: c.code, direction: 'out' });
    expect(r.statusCode).toBe(429);
  });

  it('rejects a malformed code at the edge, and a cancelled activity', async () => {
    const r = await as(app, c.vola).post('/api/volunteers/checkin', { activityId: ids.today, code: '12ab56', direction: 'in' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields[0].path).toBe('body.code');
    const act = (await as(app, c.cadrea).get(`/api/activities/${ids.later}`)).json();
    await as(app, c.cadrea).post(`/api/activities/${ids.later}/cancel`, { version: act.version, reason: '天气原因' });
    expect((await as(app, c.vola).post('/api/volunteers/me/signups', { activityId: ids.later })).statusCode).toBe(409);
  });
});
