// 问责: items open at the thresholds (rework, overdue working days, a unit's
// overdue problems in a month) and only once; the office decides; scoping
// and permissions; thresholds changed by the admin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, COMMUNITY_B, login, TOWN, closeTown, openTown, type Town } from '../helpers/town.ts';
import * as repo from '../../server/modules/problems/problems.repository.ts';
import { runAccountabilitySweep } from '../../server/jobs/index.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let catId: number;

beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: [2026] }));
  catId = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE level = 2 ORDER BY id LIMIT 1`)).rows[0].id;
  await tdb.db.execute(
    sql`INSERT INTO webhooks (region_code, name, url, secret, events) VALUES (${TOWN}, '县平台', 'http://127.0.0.1:9/none', 's', '["accountability.opened"]'::jsonb)`,
  );
});
afterAll(() => closeTown(app, tdb));

const at = (day: string) => new Date(`${day}T02:00:00+08:00`);

async function buildProblem(o: { dueDate: string; state?: string; unitId?: number; reworkCount?: number; closedOnTime?: boolean | null; region?: string }) {
  const code = 'A' + crypto.randomBytes(5).toString('hex');
  const id = (await repo.insertProblem(tdb.db, {
    code,
    townCode: TOWN,
    regionCode: o.region ?? COMMUNITY_A,
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
    description: '测试问题',
    state: o.state ?? 'rectifying',
    responsibleUnitId: o.unitId ?? town.units.committeeA,
    reporterId: null,
    reporterName: null,
    reporterPhone: null,
    dueDate: o.dueDate,
    dispatchedAt: new Date(),
    closedAt: o.state === 'closed' ? new Date() : null,
    closedOnTime: o.closedOnTime ?? null,
    recurrenceOfId: null,
    idempotencyKey: null,
  }))!;
  if (o.reworkCount) await tdb.db.execute(sql`UPDATE problems SET rework_count = ${o.reworkCount} WHERE id = ${id}`);
  return { id, code };
}
const item = async (key: string) => (await tdb.db.execute<any>(sql`SELECT * FROM accountability_items WHERE dedupe_key = ${key}`)).rows;

describe('the accountability sweep', () => {
  it('opens an item at 3 reworks, not at 2, and only once', async () => {
    const two = await buildProblem({ dueDate: '2026-12-30', reworkCount: 2 });
    const three = await buildProblem({ dueDate: '2026-12-30', reworkCount: 3, state: 'closed', closedOnTime: true });
    await runAccountabilitySweep(tdb.db, at('2026-11-25'));
    expect(await item(`rework:${two.id}`)).toHaveLength(0);
    const rows = await item(`rework:${three.id}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      town_code: TOWN,
      subject_kind: 'unit',
      subject_id: town.units.committeeA,
      cause: 'rework',
      problem_ids: [three.id],
      state: 'open',
    });
    const r2 = await runAccountabilitySweep(tdb.db, at('2026-11-26'));
    expect(await item(`rework:${three.id}`)).toHaveLength(1);
    const notes = await tdb.db.execute<any>(sql`SELECT person_id FROM notifications WHERE dedupe_key = ${`accountability:${rows[0].id}`}`);
    expect(notes.rows.map((n) => n.person_id)).toEqual([town.people.office]);
    expect(r2.opened).toBe(0);
    const wh = await tdb.db.execute(
      sql`SELECT 1 FROM webhook_deliveries WHERE event = 'accountability.opened' AND dedupe_key = ${`accountability:${rows[0].id}`}`,
    );
    expect(wh.rows).toHaveLength(1);
  });

  it('opens an item when a problem is overdue by more than 10 working days, counted on the holiday calendar', async () => {
    // Due 2026-09-30; 10-01..10-07 are 国庆 holidays, 10-10 a make-up working day.
    const p = await buildProblem({ dueDate: '2026-09-30', unitId: town.units.chengguan, region: COMMUNITY_B });
    // 10-08 … 10-21 = 10 working days (10-08, 09, 10, 12, 13, 14, 15, 16, 19, 20): not more than 10 yet on 10-20.
    await runAccountabilitySweep(tdb.db, at('2026-10-20'));
    expect(await item(`overdue:${p.id}`)).toHaveLength(0);
    await runAccountabilitySweep(tdb.db, at('2026-10-21')); // 11 working days
    const rows = await item(`overdue:${p.id}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ cause: 'overdue_days', subject_id: town.units.chengguan, problem_ids: [p.id] });
    await runAccountabilitySweep(tdb.db, at('2026-10-22'));
    expect(await item(`overdue:${p.id}`)).toHaveLength(1);
  });

  it('opens a monthly item for a unit with 3 overdue problems due in one month (open past due or closed late)', async () => {
    const unit = town.units.committeeB;
    const a = await buildProblem({ dueDate: '2026-08-03', unitId: unit, region: COMMUNITY_B });
    const b = await buildProblem({ dueDate: '2026-08-10', unitId: unit, region: COMMUNITY_B, state: 'closed', closedOnTime: false });
    await buildProblem({ dueDate: '2026-08-11', unitId: unit, region: COMMUNITY_B, state: 'closed', closedOnTime: true }); // on time: not counted
    const key = `unit_overdue:${unit}:2026-08:${TOWN}`;
    await runAccountabilitySweep(tdb.db, at('2026-08-20'));
    expect(await item(key)).toHaveLength(0);
    const c = await buildProblem({ dueDate: '2026-08-12', unitId: unit, region: COMMUNITY_B, state: 'rectified' });
    await runAccountabilitySweep(tdb.db, at('2026-08-20'));
    await runAccountabilitySweep(tdb.db, at('2026-08-21'));
    const rows = await item(key);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ cause: 'unit_overdue_month', period: '2026-08', subject_id: unit, problem_ids: [a.id, b.id, c.id] });
    const notes = await tdb.db.execute(sql`SELECT 1 FROM notifications WHERE dedupe_key = ${`accountability:${rows[0].id}`}`);
    expect(notes.rows).toHaveLength(1);
  });
});

describe('the accountability API', () => {
  it('lists within the caller’s town; the office decides once with an audit row; others may not', async () => {
    const office = as(app, await login(app, 'office'));
    const list = (await office.get('/api/accountability?state=open')).json();
    expect(list.items.length).toBeGreaterThanOrEqual(3);
    const it0 = list.items.find((x: any) => x.cause === 'rework');
    expect(it0).toMatchObject({ townCode: TOWN, subject: { kind: 'unit', name: '水东街社区居委会' }, causeLabel: '同一问题多次返工', can: { decide: false } }); // the office prepares; a leader decides
    expect(it0.problems[0].code).toMatch(/^A/);

    // Pages by the opaque cursor, newest first (one pagination, issue 13); at most 200 a page.
    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (await office.get(`/api/accountability?state=open&limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json();
      paged.push(...page.items.map((x: any) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(list.items.map((x: any) => x.id));
    expect((await office.get('/api/accountability?limit=201')).statusCode).toBe(400);
    expect((await office.get('/api/accountability?cursor=bm9wZQ')).statusCode).toBe(400);

    expect((await as(app, await login(app, 'office2')).get('/api/accountability')).json().items).toHaveLength(0);
    expect((await as(app, await login(app, 'chief')).get('/api/accountability')).statusCode).toBe(403);
    const leader = as(app, await login(app, 'leader'));
    expect((await leader.get('/api/accountability')).json().items.find((x: any) => x.id === it0.id).can.decide).toBe(true);

    const url = `/api/accountability/${it0.id}/decision`;
    const body = { decision: '约谈', note: '约谈社区主任', decisionDate: '2026-11-25' };
    expect((await office.post(url, body)).statusCode).toBe(403);
    expect((await as(app, await login(app, 'office2')).post(url, body)).statusCode).toBe(404);
    expect((await leader.post(url, { ...body, decision: '罚款' })).statusCode).toBe(400);
    const r = await leader.post(url, body);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'decided', decision: '约谈', decisionDate: '2026-11-25', decisionNote: '约谈社区主任', can: { decide: false } });
    expect((await leader.post(url, { ...body, decision: '通报批评' })).statusCode).toBe(409);
    const audit = await tdb.db.execute<any>(sql`SELECT action, after FROM audit_log WHERE entity = 'accountability_item' AND entity_id = ${String(it0.id)}`);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ action: 'accountability.decide', after: { decision: '约谈' } });
    expect((await office.get('/api/accountability?state=decided')).json().items.map((x: any) => x.id)).toEqual([it0.id]);
  });

  it('thresholds: defaults, changed only by the admin, then used by the sweep', async () => {
    const office = as(app, await login(app, 'office'));
    expect((await office.get('/api/accountability/thresholds')).json()).toMatchObject({
      reworkPerProblem: 3,
      overdueWorkingDays: 10,
      unitOverduePerMonth: 3,
      can: { manage: false },
    });
    const t = { reworkPerProblem: 2, overdueWorkingDays: 10, unitOverduePerMonth: 3 };
    expect((await office.put('/api/accountability/thresholds', t)).statusCode).toBe(403);
    const admin = as(app, await login(app, 'admin'));
    expect((await admin.put('/api/accountability/thresholds', { ...t, reworkPerProblem: 0 })).statusCode).toBe(400);
    const r = await admin.put('/api/accountability/thresholds', t);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject(t);
    const p = await buildProblem({ dueDate: '2026-12-30', reworkCount: 2 });
    await runAccountabilitySweep(tdb.db, at('2026-11-27'));
    expect(await item(`rework:${p.id}`)).toHaveLength(1);
  });
});
