// The holiday calendar: seeded from chinese-days, read by everyone, the
// admin's overrides survive re-seeding, getCalendar() follows edits at once,
// and a year the package lacks is reported as unpublished.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { TestDb } from '../helpers/db.ts';
import { as, login, closeTown, openTown } from '../helpers/town.ts';
import { seedCalendar } from '../../server/modules/calendar/seed.ts';
import { getCalendar } from '../../server/modules/calendar/calendar.service.ts';
import { addWorkingDays, isWorkingDay } from '../../domain/calendar.ts';
import { isPublished } from '../../server/modules/calendar/package-data.ts';

let tdb: TestDb;
let app: FastifyInstance;

beforeAll(async () => {
  ({ tdb, app } = await openTown());
});
afterAll(() => closeTown(app, tdb));

const rows = async () => (await tdb.db.execute<any>(sql`SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, name, source FROM calendar_days ORDER BY day`)).rows;

describe('seeding', () => {
  it('fills 2026 from the package and is idempotent', async () => {
    const first = await seedCalendar(tdb.db, [2026]);
    expect(first[0]).toMatchObject({ year: 2026, published: true });
    expect(first[0].written).toBeGreaterThan(15);
    const again = await seedCalendar(tdb.db, [2026]);
    expect(again[0]).toMatchObject({ written: 0, removed: 0 });
    const all = await rows();
    expect(all.find((r) => r.day === '2026-10-01')).toEqual({ day: '2026-10-01', kind: 'holiday', name: '国庆节', source: 'chinese-days' });
    expect(all.find((r) => r.day === '2026-10-10')).toEqual({ day: '2026-10-10', kind: 'workday', name: '国庆节调休上班', source: 'chinese-days' });
  });

  it('defaults to the current and the next year (China time)', async () => {
    const r = await seedCalendar(tdb.db);
    const y = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    expect(r.map((x) => x.year)).toEqual([y, y + 1]);
  });
});

describe('the API', () => {
  it('everyone signed in reads a year; only the admin may change it', async () => {
    const r = await as(app, await login(app, 'cadrea')).get('/api/calendar?year=2026');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ year: 2026, published: true, notice: null, can: { manage: false } });
    expect(r.json().days).toContainEqual({ day: '2026-02-16', kind: 'holiday', name: '春节', source: 'chinese-days' });
    for (const who of ['office', 'cadrea', 'leader']) {
      const s = as(app, await login(app, who));
      expect((await s.put('/api/calendar/days/2026-06-01', { kind: 'holiday', name: '儿童节' })).statusCode, who).toBe(403);
      expect((await s.post('/api/calendar/2026/reseed')).statusCode, who).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: '/api/calendar?year=2026' })).statusCode).toBe(401);
  });

  it('reports a year the package lacks as unpublished, with a notice', async () => {
    const admin = as(app, await login(app, 'admin'));
    const y = isPublished(2027) ? 2099 : 2027;
    const r = await admin.get(`/api/calendar?year=${y}`);
    expect(r.json()).toMatchObject({ year: y, published: false, days: [], can: { manage: true } });
    expect(r.json().notice).toMatch(/尚未收录/);
    const reseed = await admin.post(`/api/calendar/${y}/reseed`);
    expect(reseed.statusCode).toBe(200);
    expect(reseed.json()).toMatchObject({ published: false, written: 0 });
  });

  it('the admin’s override wins over the package, survives re-seeding, and null restores the package', async () => {
    const admin = as(app, await login(app, 'admin'));
    const before = await getCalendar(tdb.db);
    expect(isWorkingDay('2026-10-07', before)).toBe(false);
    expect(addWorkingDays('2026-09-30', 1, before)).toBe('2026-10-08');

    // Say the town works on Oct 7 (a local arrangement) and takes Monday Oct 12 off.
    const w = await admin.put('/api/calendar/days/2026-10-07', { kind: 'workday', name: '本地调整上班' });
    expect(w.statusCode).toBe(200);
    expect(w.json()).toMatchObject({ day: '2026-10-07', weekday: '星期三', entry: { kind: 'workday', source: 'admin' } });
    expect((await admin.put('/api/calendar/days/2026-10-12', { kind: 'holiday', name: '本地假日' })).statusCode).toBe(200);

    // getCalendar() is cached, but edits invalidate it at once.
    const after = await getCalendar(tdb.db);
    expect(isWorkingDay('2026-10-07', after)).toBe(true);
    expect(addWorkingDays('2026-09-30', 1, after)).toBe('2026-10-07');
    expect(addWorkingDays('2026-10-09', 2, after)).toBe('2026-10-13'); // Sat 10 worked, Mon 12 off

    // Re-seeding (start-up or the button) keeps admin rows.
    await seedCalendar(tdb.db, [2026]);
    const reseed = await admin.post('/api/calendar/2026/reseed');
    expect(reseed.statusCode).toBe(200);
    const days = reseed.json().days;
    expect(days.find((d: any) => d.day === '2026-10-07')).toMatchObject({ kind: 'workday', source: 'admin' });
    expect(days.find((d: any) => d.day === '2026-10-12')).toMatchObject({ kind: 'holiday', source: 'admin' });

    // null removes the override: Oct 7 is the package's holiday again, Oct 12 an ordinary Monday.
    const back = await admin.put('/api/calendar/days/2026-10-07', { kind: null });
    expect(back.json().entry).toEqual({ day: '2026-10-07', kind: 'holiday', name: '国庆节', source: 'chinese-days' });
    expect((await admin.put('/api/calendar/days/2026-10-12', { kind: null })).json().entry).toBeNull();
    const restored = await getCalendar(tdb.db);
    expect(isWorkingDay('2026-10-07', restored)).toBe(false);
    expect(isWorkingDay('2026-10-12', restored)).toBe(true);
  });

  it('the admin enters an unpublished year by hand', async () => {
    const admin = as(app, await login(app, 'admin'));
    expect((await admin.put('/api/calendar/days/2099-10-01', { kind: 'holiday', name: '国庆节' })).statusCode).toBe(200);
    expect((await admin.put('/api/calendar/days/2099-09-26', { kind: 'workday', name: '国庆节调休上班' })).statusCode).toBe(200);
    const y = (await admin.get('/api/calendar?year=2099')).json();
    expect(y.published).toBe(false);
    expect(y.days).toEqual([
      { day: '2099-09-26', kind: 'workday', name: '国庆节调休上班', source: 'admin' },
      { day: '2099-10-01', kind: 'holiday', name: '国庆节', source: 'admin' },
    ]);
  });

  it('validates dates and kinds in Chinese', async () => {
    const admin = as(app, await login(app, 'admin'));
    const bad = await admin.put('/api/calendar/days/2026-02-30', { kind: 'holiday' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].message).toMatch(/^日期不存在/);
    expect((await admin.put('/api/calendar/days/20261001', { kind: 'holiday' })).statusCode).toBe(400);
    expect((await admin.put('/api/calendar/days/2026-10-01', { kind: 'weekend' })).statusCode).toBe(400);
    expect((await admin.get('/api/calendar?year=1999')).statusCode).toBe(400);
  });

  it('every change is audited', async () => {
    const r = (await tdb.db.execute<any>(sql`SELECT entity, action FROM audit_log WHERE entity IN ('calendar', 'calendar_day') ORDER BY id`)).rows;
    expect(r.filter((x) => x.entity === 'calendar_day').length).toBe(6);
    expect(r.filter((x) => x.entity === 'calendar' && x.action === 'reseed').length).toBe(2);
  });
});
