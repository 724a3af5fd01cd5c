// Deadline reminders and escalation with an injected clock, idempotent
// sweeps, and the pg-boss runner surviving a restart without notifying twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { buildTown, COMMUNITY_A, TOWN, type Town } from '../helpers/town.ts';
import { seedCategories } from '../../server/modules/categories/seed.ts';
import { seedCalendar } from '../../server/modules/calendar/calendar.service.ts';
import { setSetting } from '../../server/platform/bootstrap.ts';
import * as repo from '../../server/modules/problems/problems.repository.ts';
import { JOBS, runDeadlineSweep, SCHEDULES, startJobRunner, TIME_ZONE } from '../../server/jobs/index.ts';

let tdb: TestDb;
let town: Town;
let catId: number;

beforeAll(async () => {
  tdb = await createTestDb();
  town = await buildTown(tdb.db);
  await seedCategories(tdb.db);
  await seedCalendar(tdb.db, [2026]);
  catId = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE level = 2 ORDER BY id LIMIT 1`)).rows[0].id;
  await tdb.db.execute(
    sql`INSERT INTO webhooks (region_code, name, url, secret, events) VALUES (${TOWN}, '县平台', 'http://127.0.0.1:9/none', 's', '["problem.overdue"]'::jsonb)`,
  );
});
afterAll(async () => {
  await tdb?.drop();
});

/** China-time instant: 10:00 on that day. */
const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

async function buildDispatchedProblem(dueDate: string, state = 'rectifying') {
  const code = 'J' + crypto.randomBytes(5).toString('hex');
  const id = await repo.insertProblem(tdb.db, {
    code,
    townCode: TOWN,
    regionCode: COMMUNITY_A,
    gridCode: null,
    placeId: null,
    lat: null,
    lng: null,
    address: null,
    categoryId: catId,
    tier: 'community',
    source: 'patrol',
    sourceRef: null,
    sourceId: null,
    description: '店头街口乱堆物',
    state,
    responsibleUnitId: town.units.committeeA,
    reporterId: town.people.chief,
    reporterName: '街巷长甲',
    reporterPhone: null,
    dueDate,
    dispatchedAt: new Date(),
    closedAt: null,
    closedOnTime: null,
    recurrenceOfId: null,
    idempotencyKey: null,
  });
  return { id: id!, code };
}

async function notes(problemId: number) {
  return (
    await tdb.db.execute<{ person_id: number; kind: string; dedupe_key: string }>(sql`
    SELECT person_id, kind, dedupe_key FROM notifications WHERE problem_id = ${problemId} ORDER BY id`)
  ).rows;
}
const events = async (problemId: number, action: string) =>
  (await tdb.db.execute<{ data: any }>(sql`SELECT data FROM problem_events WHERE problem_id = ${problemId} AND action = ${action} ORDER BY id`)).rows;

describe('deadline sweep', () => {
  it('reminds one working day before a deadline after 国庆, escalates the day after it, once each', async () => {
    // Due Thursday 2026-10-08, the first working day after the 10-01..10-07 holiday.
    const p = await buildDispatchedProblem('2026-10-08');
    await runDeadlineSweep(tdb.db, at('2026-09-29')); // two working days left (09-30, 10-08)
    expect(await notes(p.id)).toEqual([]);

    await runDeadlineSweep(tdb.db, at('2026-09-30')); // one working day left: the holiday does not count
    let n = await notes(p.id);
    expect(n).toEqual([{ person_id: town.people.cadreA, kind: 'reminder', dedupe_key: `remind:${p.id}:2026-10-08` }]);

    for (const d of ['2026-09-30', '2026-10-03', '2026-10-07', '2026-10-08']) await runDeadlineSweep(tdb.db, at(d));
    expect(await notes(p.id)).toHaveLength(1); // nothing new while not overdue; no second reminder

    const r = await runDeadlineSweep(tdb.db, at('2026-10-09'));
    expect(r.escalated).toBeGreaterThanOrEqual(1);
    n = await notes(p.id);
    const esc = n.filter((x) => x.kind === 'escalation');
    expect(esc.map((x) => x.person_id).sort()).toEqual([town.people.office, town.people.cadreA].sort());
    expect(new Set(esc.map((x) => x.dedupe_key))).toEqual(new Set([`escalate:${p.id}:2026-10-08`]));
    const ev = await events(p.id, 'overdue');
    expect(ev).toHaveLength(1);
    expect(ev[0].data).toMatchObject({ dueDate: '2026-10-08', overdueDays: 1 });
    // The overdue event went to the webhook outbox once.
    const wh = await tdb.db.execute(sql`SELECT 1 FROM webhook_deliveries WHERE event = 'problem.overdue' AND dedupe_key = ${`overdue:${p.id}:2026-10-08`}`);
    expect(wh.rows).toHaveLength(1);

    // Running again, the next day (a 调休 Saturday), or twice: nothing doubles.
    await runDeadlineSweep(tdb.db, at('2026-10-09'));
    await runDeadlineSweep(tdb.db, at('2026-10-10'));
    expect(await notes(p.id)).toHaveLength(3);
    expect(await events(p.id, 'overdue')).toHaveLength(1);
    // The problem row itself does not store "overdue".
    expect((await tdb.db.execute<{ state: string }>(sql`SELECT state FROM problems WHERE id = ${p.id}`)).rows[0].state).toBe('rectifying');

    // An extension moves the deadline: reminded and escalated afresh.
    await tdb.db.execute(sql`UPDATE problems SET due_date = '2026-10-13' WHERE id = ${p.id}`);
    await runDeadlineSweep(tdb.db, at('2026-10-12'));
    expect((await notes(p.id)).filter((x) => x.dedupe_key === `remind:${p.id}:2026-10-13`)).toHaveLength(1);
    await runDeadlineSweep(tdb.db, at('2026-10-14'));
    await runDeadlineSweep(tdb.db, at('2026-10-14'));
    expect((await notes(p.id)).filter((x) => x.dedupe_key === `escalate:${p.id}:2026-10-13`)).toHaveLength(2);
    expect(await events(p.id, 'overdue')).toHaveLength(2);
  });

  it('across a weekend: due Monday, reminded Friday, escalated Tuesday', async () => {
    const p = await buildDispatchedProblem('2026-11-16', 'dispatched');
    await runDeadlineSweep(tdb.db, at('2026-11-12'));
    expect(await notes(p.id)).toHaveLength(0);
    await runDeadlineSweep(tdb.db, at('2026-11-13'));
    await runDeadlineSweep(tdb.db, at('2026-11-14'));
    expect((await notes(p.id)).map((x) => x.kind)).toEqual(['reminder']);
    await runDeadlineSweep(tdb.db, at('2026-11-16'));
    expect(await notes(p.id)).toHaveLength(1);
    await runDeadlineSweep(tdb.db, at('2026-11-17'));
    expect((await notes(p.id)).filter((x) => x.kind === 'escalation')).toHaveLength(2);
  });

  it('leaves closed and unfiled problems alone and honours deadline.remind_working_days', async () => {
    const closed = await buildDispatchedProblem('2026-11-02', 'closed');
    await runDeadlineSweep(tdb.db, at('2026-11-20'));
    expect(await notes(closed.id)).toHaveLength(0);

    await setSetting(tdb.db, 'deadline.remind_working_days', 2);
    const p = await buildDispatchedProblem('2026-11-30'); // Monday
    await runDeadlineSweep(tdb.db, at('2026-11-25')); // Wed: Thu, Fri, Mon = 3 left
    expect(await notes(p.id)).toHaveLength(0);
    await runDeadlineSweep(tdb.db, at('2026-11-26')); // Thu: Fri, Mon = 2 left
    expect((await notes(p.id)).map((x) => x.kind)).toEqual(['reminder']);
    await setSetting(tdb.db, 'deadline.remind_working_days', 1);
  });
});

describe('the pg-boss runner', () => {
  it('schedules every job in China time and survives a restart without notifying twice', async () => {
    const p = await buildDispatchedProblem('2026-12-01');
    const clock = () => at('2026-12-03');

    const first = await startJobRunner({ db: tdb.db, now: clock, pollingIntervalSeconds: 0.5 });
    try {
      const schedules = await first.boss.getSchedules();
      expect(schedules.map((s) => [s.name, s.cron, (s as unknown as { timezone: string }).timezone]).sort()).toEqual(
        Object.values(JOBS)
          .map((name) => [name, SCHEDULES[name], TIME_ZONE])
          .sort(),
      );
      expect(await first.runNow(JOBS.deadline)).toBe('completed');
      expect(await first.runNow(JOBS.deadline)).toBe('completed');
    } finally {
      await first.stop();
    }
    const afterFirst = await notes(p.id);
    expect(afterFirst.filter((x) => x.kind === 'escalation')).toHaveLength(2); // cadre + office

    // A new process: same database, same schedules, the same sweep again.
    const second = await startJobRunner({ db: tdb.db, now: clock, pollingIntervalSeconds: 0.5 });
    try {
      expect((await second.boss.getSchedules()).length).toBe(Object.values(JOBS).length);
      expect(await second.runNow(JOBS.deadline)).toBe('completed');
      expect(await second.runNow(JOBS.reinspections)).toBe('completed');
      expect(await second.runNow(JOBS.accountability)).toBe('completed');
      expect(await second.runNow(JOBS.webhooks)).toBe('completed');
    } finally {
      await second.stop();
    }
    const all = await notes(p.id);
    expect(all).toEqual(afterFirst);
    // Exactly one notification per (person, dedupe key) across the whole database.
    const dup = await tdb.db.execute(sql`SELECT person_id, dedupe_key FROM notifications GROUP BY 1, 2 HAVING count(*) > 1`);
    expect(dup.rows).toEqual([]);
    expect(await events(p.id, 'overdue')).toHaveLength(1);
    const done = await tdb.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${JOBS.deadline} AND state = 'completed'`);
    expect(done.rows[0].n).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
