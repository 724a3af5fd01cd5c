// 回头看: the scoped due list, pass, recurred (a new problem linked to the
// old one, dispatched to the same unit, in one transaction), once only,
// permissions, and the daily due sweep notifying once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { addPerson, as, COMMUNITY_A, login, TOWN, closeTown, openTown, type Town } from '../helpers/town.ts';
import * as repo from '../../server/modules/problems/problems.repository.ts';
import { runReinspectionSweep } from '../../server/jobs/index.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let catId: number;
let supervisor: number;

beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true }));
  catId = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = '机动车乱停放' AND level = 2 LIMIT 1`)).rows[0].id;
  supervisor = await addPerson(tdb.db, { name: '督查组甲', username: 'super', regionCode: TOWN, grants: [{ role: 'supervisor', region: TOWN }] });
  await tdb.db.execute(
    sql`INSERT INTO webhooks (region_code, name, url, secret, events) VALUES (${TOWN}, '县平台', 'http://127.0.0.1:9/none', 's', '["problem.reinspection_recurred"]'::jsonb)`,
  );
});
afterAll(() => closeTown(app, tdb));

/** A closed problem of community A (rectified by its committee) with its 回头看 due on `due`. */
async function buildClosedProblem(due: string, unitId: number | null = town.units.committeeA) {
  const code = 'R' + crypto.randomBytes(5).toString('hex');
  const id = (await repo.insertProblem(tdb.db, {
    code,
    townCode: TOWN,
    regionCode: COMMUNITY_A,
    gridCode: null,
    placeId: null,
    lat: 25.84,
    lng: 116.36,
    address: '店头街 12 号',
    categoryId: catId,
    tier: unitId ? 'community' : 'on_spot',
    source: 'patrol',
    sourceRef: null,
    sourceId: null,
    description: '机动车占用人行道',
    state: 'closed',
    responsibleUnitId: unitId,
    reporterId: town.people.chief,
    reporterName: '街巷长甲',
    reporterPhone: null,
    dueDate: '2026-11-10',
    dispatchedAt: new Date(),
    closedAt: new Date('2026-11-09T08:00:00Z'),
    closedOnTime: true,
    recurrenceOfId: null,
    idempotencyKey: null,
  }))!;
  const r = await tdb.db.execute<{ id: number }>(sql`INSERT INTO reinspections (problem_id, due_date) VALUES (${id}, ${due}) RETURNING id`);
  return { id, code, reinspectionId: r.rows[0].id };
}

describe('回头看', () => {
  it('lists due reinspections within the caller’s scope with the problem’s facts', async () => {
    const p = await buildClosedProblem('2026-11-16');
    const later = await buildClosedProblem('2099-01-01');
    const office = as(app, await login(app, 'office'));
    const due = (await office.get('/api/reinspections?due=1')).json();
    const ids = due.items.map((x: any) => x.id);
    expect(ids).toContain(p.reinspectionId);
    expect(ids).not.toContain(later.reinspectionId);
    const item = due.items.find((x: any) => x.id === p.reinspectionId);
    expect(item).toMatchObject({
      state: 'scheduled',
      dueDate: '2026-11-16',
      canRecord: true,
      problem: { id: p.id, code: p.code, categoryName: '机动车乱停放', address: '店头街 12 号' },
    });
    expect(item.problem.closedAt).toBeTruthy();
    expect((await office.get('/api/reinspections')).json().items.map((x: any) => x.id)).toContain(later.reinspectionId);
    // Another town and another community see nothing of it.
    expect((await as(app, await login(app, 'office2')).get('/api/reinspections')).json().items).toHaveLength(0);
    expect((await as(app, await login(app, 'cadreb')).get('/api/reinspections')).json().items).toHaveLength(0);
    // The street chief of community A sees it but may not record it.
    const chief = (await as(app, await login(app, 'chief')).get('/api/reinspections?due=1')).json();
    expect(chief.items.find((x: any) => x.id === p.reinspectionId).canRecord).toBe(false);
  });

  it('pages by an opaque cursor in due-date order, at most 200 a page (issue 13: one pagination)', async () => {
    for (const d of ['2099-03-01', '2099-03-01', '2099-03-02']) await buildClosedProblem(d); // not due: the sweep test below counts what is
    const office = as(app, await login(app, 'office'));
    const all = (await office.get('/api/reinspections?limit=200')).json();
    expect(all.nextCursor).toBeNull();
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (await office.get(`/api/reinspections?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((x: any) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((x: any) => x.id));
    expect((await office.get('/api/reinspections?limit=201')).statusCode).toBe(400);
    expect((await office.get('/api/reinspections?cursor=garbage')).statusCode).toBe(400);
    expect((await office.get('/api/reinspections?offset=10')).json().items).toEqual(all.items.slice(0, 50)); // offset is no longer a parameter
  });

  it('permissions: a street chief gets 403, another town’s office 404; a pass is recorded once', async () => {
    const p = await buildClosedProblem('2026-11-20');
    const url = `/api/reinspections/${p.reinspectionId}/result`;
    expect((await as(app, await login(app, 'chief')).post(url, { result: 'pass' })).statusCode).toBe(403);
    expect((await as(app, await login(app, 'office2')).post(url, { result: 'pass' })).statusCode).toBe(404);
    expect((await as(app, await login(app, 'cadrea')).post(url, { result: 'pass' })).statusCode).toBe(403);
    const sup = as(app, await login(app, 'super'));
    const r = await sup.post(url, { result: 'pass', note: '复查未见复发' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'passed', newProblem: null });
    const again = await as(app, await login(app, 'office')).post(url, { result: 'recurred', note: '又停满了' });
    expect(again.statusCode).toBe(409);
    const ev = await tdb.db.execute<any>(sql`SELECT action, actor_id, note FROM problem_events WHERE problem_id = ${p.id}`);
    expect(ev.rows).toEqual([{ action: 'reinspect_pass', actor_id: supervisor, note: '复查未见复发' }]);
    const audit = await tdb.db.execute<any>(sql`SELECT action FROM audit_log WHERE entity = 'reinspection' AND entity_id = ${String(p.reinspectionId)}`);
    expect(audit.rows.map((a) => a.action)).toEqual(['reinspection.pass']);
  });

  it('recurred opens a new problem linked to the old one, dispatched to the same unit, with events, audit and a webhook', async () => {
    const p = await buildClosedProblem('2026-11-20');
    const office = as(app, await login(app, 'office'));
    const url = `/api/reinspections/${p.reinspectionId}/result`;
    expect((await office.post(url, { result: 'recurred' })).statusCode).toBe(400); // the note says what recurred
    const r = await office.post(url, { result: 'recurred', note: '人行道上又停了三辆车' });
    expect(r.statusCode, r.body).toBe(200);
    const { newProblem } = r.json();
    expect(newProblem).toMatchObject({ state: 'dispatched', unitId: town.units.committeeA });

    const np = (await tdb.db.execute<any>(sql`SELECT * FROM problems WHERE id = ${newProblem.id}`)).rows[0];
    expect(np).toMatchObject({
      recurrence_of_id: p.id,
      category_id: catId,
      region_code: COMMUNITY_A,
      town_code: TOWN,
      address: '店头街 12 号',
      source: 'self_check',
      description: '回头看复发：人行道上又停了三辆车',
      state: 'dispatched',
      responsible_unit_id: town.units.committeeA,
      reporter_id: town.people.office,
      tier: 'community',
    });
    expect(np.due_date).toBeTruthy();
    const ri = (await tdb.db.execute<any>(sql`SELECT state, new_problem_id, done_by FROM reinspections WHERE id = ${p.reinspectionId}`)).rows[0];
    expect(ri).toEqual({ state: 'recurred', new_problem_id: newProblem.id, done_by: town.people.office });
    const evNew = await tdb.db.execute<any>(sql`SELECT action, to_state FROM problem_events WHERE problem_id = ${newProblem.id} ORDER BY id`);
    expect(evNew.rows).toEqual([
      { action: 'report', to_state: 'reported' },
      { action: 'file', to_state: 'filed' },
      { action: 'dispatch', to_state: 'dispatched' },
    ]);
    const evOld = await tdb.db.execute<any>(sql`SELECT action, data FROM problem_events WHERE problem_id = ${p.id}`);
    expect(evOld.rows[0]).toMatchObject({ action: 'reinspect_recurred', data: { newProblemId: newProblem.id } });
    const audit = await tdb.db.execute<any>(
      sql`SELECT action, entity_id FROM audit_log WHERE (entity = 'problem' AND entity_id = ${String(newProblem.id)}) OR (entity = 'reinspection' AND entity_id = ${String(p.reinspectionId)}) ORDER BY id`,
    );
    expect(audit.rows.map((a) => a.action)).toEqual(['problem.report', 'problem.file', 'problem.dispatch', 'reinspection.recurred']);
    const wh = await tdb.db.execute<any>(sql`SELECT payload FROM webhook_deliveries WHERE event = 'problem.reinspection_recurred'`);
    expect(wh.rows).toHaveLength(1);
    expect(wh.rows[0].payload).toMatchObject({ id: p.id, newProblemId: newProblem.id });
    // The committee's cadre is told of the new dispatch; the cadre sees the new problem and it links back.
    const cadre = as(app, await login(app, 'cadrea'));
    const notes = (await cadre.get('/api/notifications')).json().items;
    expect(notes.some((n: any) => n.problemId === newProblem.id && n.kind === 'dispatch')).toBe(true);
    const seen = await cadre.get(`/api/problems/${newProblem.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ recurrenceOfId: p.id, state: 'dispatched' });

    expect((await office.post(url, { result: 'pass' })).statusCode).toBe(409);
  });

  it('an on-the-spot fix that recurs is filed for the office to dispatch', async () => {
    const p = await buildClosedProblem('2026-11-20', null);
    const r = await as(app, await login(app, 'office')).post(`/api/reinspections/${p.reinspectionId}/result`, { result: 'recurred', note: '又有车停' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().newProblem).toMatchObject({ state: 'filed', unitId: null, dueDate: null });
  });

  it('the daily sweep tells the office and the supervisors once what became due', async () => {
    const p = await buildClosedProblem('2026-12-01');
    const n = async () =>
      (
        await tdb.db.execute<{ person_id: number }>(
          sql`SELECT person_id FROM notifications WHERE dedupe_key = ${`reinspect_due:${p.reinspectionId}`} ORDER BY person_id`,
        )
      ).rows.map((x) => x.person_id);
    await runReinspectionSweep(tdb.db, new Date('2026-11-30T10:00:00+08:00'));
    expect(await n()).toEqual([]);
    const r = await runReinspectionSweep(tdb.db, new Date('2026-12-01T07:30:00+08:00'));
    expect(r.announced).toBeGreaterThanOrEqual(1);
    expect(await n()).toEqual([town.people.office, supervisor].sort((a, b) => a - b));
    const again = await runReinspectionSweep(tdb.db, new Date('2026-12-02T07:30:00+08:00'));
    expect(again.notifications).toBe(0);
    expect(await n()).toHaveLength(2);
    const ev = await tdb.db.execute(sql`SELECT 1 FROM problem_events WHERE problem_id = ${p.id} AND action = 'reinspect_due'`);
    expect(ev.rows).toHaveLength(1);
  });
});
