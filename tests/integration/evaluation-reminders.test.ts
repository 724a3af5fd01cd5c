// Reminders before the materials' deadline (issue 20 item 3): the daily job
// tells a unit's people, within the cycle's reminder days (working days, the
// National Day holiday not counted), once per assignment and deadline; not a
// unit whose standard has every kind in; again when the deadline moves; never
// when the cycle's reminder days are 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, login, openTown, TOWN, type Town } from '../helpers/town.ts';
import { uploadPhoto } from '../helpers/photos.ts';
import { setClock } from '../../server/platform/clock.ts';
import { runEvaluationReminders } from '../../server/jobs/index.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const c: Record<string, string> = {};
let systemId: number;
let cycle: any;
let door: any; // 门前三包 (城市管理局): 规范文件、统计表格、实景图片
const at = (day: string) => new Date(`${day}T01:00:00Z`); // 09:00 in China

// A person's reminders (read from the table: the deadline moves re-open inbox items, whose own notifications fill the first page).
const reminders = async (username: string) =>
  (
    await tdb.db.execute<{ title: string }>(sql`
      SELECT n.title FROM notifications n JOIN people p ON p.id = n.person_id WHERE p.username = ${username} AND n.kind = 'evaluation_reminder' ORDER BY n.id`)
  ).rows;
const saveCycle = async (body: Record<string, unknown>) => {
  const r = await as(app, c.office).put('/api/evaluation/cycles', { townCode: TOWN, year: 2026, systemId, testMonth: '2026-11', ...body });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

beforeAll(async () => {
  setClock(() => at('2026-09-20'));
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true, checklists: true }));
  for (const who of ['office', 'liaison']) c[who] = await login(app, who);
  systemId = (await as(app, c.office).post('/api/evaluation/systems/seed', { townCode: TOWN })).json().system.id;
  // Due Thursday 2026-10-08, the first working day after the 10-01..10-07 holiday.
  cycle = await saveCycle({ deadline: '2026-10-08' });
  expect(cycle).toMatchObject({ remindDays: 3, weights: { field: 40, material: 40, survey: 20 } });
  const all = (await as(app, c.office).get(`/api/evaluation/assignments?cycle=${cycle.id}&limit=200`)).json().items;
  door = all.find((a: any) => a.name.startsWith('建立门前三包责任制'));
}, 120_000);
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

describe('deadline reminders', () => {
  it('remind nobody while the deadline is further off than the reminder days', async () => {
    expect((await runEvaluationReminders(tdb.db, at('2026-09-25'))).due).toBe(0); // Fri: 3 working days (28, 29, 30) + 10-08 = 4
    expect(await reminders('liaison')).toEqual([]);
  });

  it('tell the unit’s people within the reminder days, the holiday not counted, once', async () => {
    const first = await runEvaluationReminders(tdb.db, at('2026-09-28')); // Mon: 29, 30, 10-08 = 3 working days
    expect(first.reminded).toBeGreaterThan(0);
    const mine = await reminders('liaison');
    const d = mine.find((n) => n.title.includes(door.code))!;
    expect(d.title).toContain('还缺规范文件、统计表格、实景图片');
    expect(d.title).toContain('2026-10-08 截止（还剩 3 个工作日）');
    // Only the standards of the liaison's unit.
    const codes = (await as(app, c.liaison).get(`/api/evaluation/assignments?cycle=${cycle.id}&limit=200`)).json().items.map((a: any) => a.code);
    expect(mine.every((n) => codes.some((code: string) => n.title.includes(` ${code} `)))).toBe(true);
    const again = await runEvaluationReminders(tdb.db, at('2026-09-29'));
    expect(again.notifications).toBe(0);
    expect(await reminders('liaison')).toHaveLength(mine.length);
  });

  it('remind again when the deadline moves, and skip a standard whose every kind is in', async () => {
    cycle = await saveCycle({ deadline: '2026-10-09', version: cycle.version });
    await runEvaluationReminders(tdb.db, at('2026-09-30'));
    const moved = (await reminders('liaison')).filter((n) => n.title.includes('2026-10-09'));
    expect(moved.some((n) => n.title.includes(door.code))).toBe(true);
    const photo = (await uploadPhoto(app, c.liaison)).json().id;
    for (const body of [
      { kind: 'photo', title: '门前实景', dated: '2026-09-01', photoId: photo },
      { kind: 'table', title: '例会次数', dated: '2026-09-01', evidence: { type: 'figure', ref: 'meetings.weekly' } },
      { kind: 'regulation', title: '责任制度', dated: '2026-09-01', evidence: { type: 'figure', ref: 'meetings.weekly' } },
    ]) {
      const r = await as(app, c.liaison).post(`/api/evaluation/assignments/${door.id}/materials`, body);
      expect(r.statusCode, r.body).toBe(201);
    }
    cycle = await saveCycle({ deadline: '2026-10-12', version: cycle.version });
    await runEvaluationReminders(tdb.db, at('2026-10-09'));
    expect((await reminders('liaison')).some((n) => n.title.includes('2026-10-12') && n.title.includes(door.code))).toBe(false);
  });

  it('never remind when the cycle’s reminder days are 0', async () => {
    cycle = await saveCycle({ deadline: '2026-10-13', remindDays: 0, version: cycle.version });
    expect(cycle.remindDays).toBe(0);
    expect(await runEvaluationReminders(tdb.db, at('2026-10-12'))).toMatchObject({ due: 0, notifications: 0 });
    const bad = await as(app, c.office).put('/api/evaluation/cycles', {
      townCode: TOWN,
      year: 2026,
      systemId,
      testMonth: '2026-11',
      deadline: '2026-10-13',
      weights: { field: 50, material: 40, survey: 20 },
      version: cycle.version,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0]).toMatchObject({ path: 'body.weights', message: '实地考察、材料审核、问卷调查三项权重之和应为 100' });
    const n = await tdb.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM notifications WHERE kind = 'evaluation_reminder' AND title LIKE '%2026-10-13%'`,
    );
    expect(n.rows[0].n).toBe(0);
    expect(town.units.chengguan).toBeTruthy();
  });
});
