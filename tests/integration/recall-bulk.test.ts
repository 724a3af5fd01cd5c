// Work that reaches people (issue 14, item 1): the office recalls (撤回) a
// dispatched problem or re-dispatches it (改派) with a reason, through
// transition(); a unit nobody signs in for is refused with the reason; bulk
// 立案/派遣 moves each problem on its own and reports each one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, COUNTY, login, closeTown, openTown, type Town } from '../helpers/town.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let office: ReturnType<typeof as>;
let cadre: ReturnType<typeof as>;
let cat: number;
let emptyUnit: number;

beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true }));
  cat = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = '乱堆物堆料' AND level = 2`)).rows[0].id;
  office = as(app, await login(app, 'office'));
  cadre = as(app, await login(app, 'cadrea'));
  // A county department with no liaison yet.
  emptyUnit = (
    await tdb.db.execute<{ id: number }>(sql`INSERT INTO units (kind, name, region_code) VALUES ('department', '长汀县无人单位', ${COUNTY}) RETURNING id`)
  ).rows[0].id;
});
afterAll(() => closeTown(app, tdb));

const dispatched = async (description: string, unitId = town.units.committeeA) => {
  const r = await office.post('/api/problems', { source: 'self_check', categoryId: cat, description, regionCode: COMMUNITY_A, then: 'dispatch', unitId });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
};
const act = (p: { id: number; version: number }, action: string, body: Record<string, unknown> = {}) =>
  office.post(`/api/problems/${p.id}/actions/${action}`, { version: p.version, ...body });
const notes = async (personId: number, problemId: number) =>
  (
    await tdb.db.execute<{ title: string }>(sql`SELECT title FROM notifications WHERE person_id = ${personId} AND problem_id = ${problemId} ORDER BY id`)
  ).rows.map((r) => r.title);

describe('recall and re-dispatch', () => {
  it('the office recalls a problem in 待接收 with a reason: back to 待派遣, unit and deadline cleared, the unit told', async () => {
    const p = await dispatched('撤回测试');
    expect(p.can.actions.map((a: { action: string }) => a.action).sort()).toEqual(['recall', 'redispatch']);
    expect((await act(p, 'recall')).statusCode).toBe(400); // a reason is required
    const r = await act(p, 'recall', { note: '派错社区' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'filed', unit: null, dueDate: null });
    expect(r.json().timeline.at(-1)).toMatchObject({ action: 'recall', toState: 'filed', note: '派错社区', data: { fromUnitId: town.units.committeeA } });
    expect((await notes(town.people.cadreA, p.id)).at(-1)).toContain('已被镇创城办撤回');
    // The cadre has nothing left to accept.
    const acc = await cadre.post(`/api/problems/${p.id}/actions/accept`, { version: r.json().version });
    expect(acc.json().error.code).toBe('INVALID_STATE');
  });

  it('re-dispatches a problem in 整改中 to another unit: both units told, a pending extension closed', async () => {
    let p = await dispatched('改派测试');
    p = (await cadre.post(`/api/problems/${p.id}/actions/accept`, { version: p.version })).json();
    p = (await cadre.post(`/api/problems/${p.id}/extensions`, { days: 2, reason: '需协调' })).json();
    expect((await act(p, 'redispatch', { note: '属城管职责', unitId: town.units.committeeA })).statusCode).toBe(400); // same unit
    const r = await act(p, 'redispatch', { note: '属城管职责', unitId: town.units.chengguan });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'dispatched', unit: { id: town.units.chengguan } });
    expect(r.json().extensions[0]).toMatchObject({ state: 'refused', decisionNote: '问题已改派' });
    expect((await notes(town.people.liaison, p.id)).at(-1)).toContain('改派问题');
    expect((await notes(town.people.cadreA, p.id)).at(-1)).toContain('已由镇创城办改派给长汀县城市管理局');
  });

  it('recall of a problem already submitted is refused (409); the assignee cannot recall (403)', async () => {
    let p = await dispatched('已提交不可撤回');
    p = (await cadre.post(`/api/problems/${p.id}/actions/accept`, { version: p.version })).json();
    const photo = (
      await tdb.db.execute<{ id: number }>(
        sql`INSERT INTO problem_photos (path, thumb_path, mime, width, height, bytes, uploaded_by) VALUES ('x', 'y', 'image/jpeg', 1, 1, 1, ${town.people.cadreA}) RETURNING id`,
      )
    ).rows[0].id;
    p = (await cadre.post(`/api/problems/${p.id}/actions/submit`, { version: p.version, note: '已清理', photoIds: [photo] })).json();
    expect(p.state).toBe('rectified');
    const r = await act(p, 'recall', { note: '晚了' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('INVALID_STATE');
    // And the assignee never recalls, even while it could be recalled.
    const q = await dispatched('联络员不能撤回');
    expect((await cadre.post(`/api/problems/${q.id}/actions/recall`, { version: q.version, note: 'x' })).statusCode).toBe(403);
  });

  it('refuses to dispatch to a unit nobody signs in for, naming it', async () => {
    const r = await office.post('/api/problems', {
      source: 'self_check',
      categoryId: cat,
      description: '无人单位',
      regionCode: COMMUNITY_A,
      then: 'dispatch',
      unitId: emptyUnit,
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields[0]).toMatchObject({ path: 'unitId' });
    expect(r.json().error.fields[0].message).toContain('长汀县无人单位');
    expect((await tdb.db.execute(sql`SELECT 1 FROM problems WHERE description = '无人单位'`)).rows).toHaveLength(0);
  });
});

describe('bulk 立案 and 派遣', () => {
  it('files and dispatches each selected problem; one changed meanwhile answers its own 409, the others are done', async () => {
    const chief = as(app, await login(app, 'chief'));
    const reported = [];
    for (const d of ['批量一', '批量二', '批量三'])
      reported.push((await chief.post('/api/problems', { source: 'patrol', categoryId: cat, description: d, regionCode: COMMUNITY_A })).json());
    // The second one is filed by someone else first: its version moved.
    await act(reported[1], 'file');
    const r = await office.post('/api/problems/bulk', {
      action: 'dispatch',
      unitId: town.units.committeeA,
      items: reported.map((p) => ({ id: p.id, version: p.version })),
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ done: 2, failed: 1 });
    expect(body.results.map((x: { ok: boolean }) => x.ok)).toEqual([true, false, true]);
    expect(body.results[1].error.code).toBe('CONFLICT');
    const states = (
      await tdb.db.execute<{ description: string; state: string }>(sql`SELECT description, state FROM problems WHERE description LIKE '批量%' ORDER BY id`)
    ).rows;
    expect(states.map((s) => s.state)).toEqual(['dispatched', 'filed', 'dispatched']);
  });

  it('answers 4xx when nothing could move, and 403 to roles that may not dispatch', async () => {
    const chief = as(app, await login(app, 'chief'));
    const p = (await chief.post('/api/problems', { source: 'patrol', categoryId: cat, description: '批量无人', regionCode: COMMUNITY_A })).json();
    const r = await office.post('/api/problems/bulk', { action: 'dispatch', unitId: emptyUnit, items: [{ id: p.id, version: p.version }] });
    expect(r.statusCode).toBe(400);
    expect((await tdb.db.execute<{ state: string }>(sql`SELECT state FROM problems WHERE id = ${p.id}`)).rows[0].state).toBe('reported');
    expect((await chief.post('/api/problems/bulk', { action: 'file', items: [{ id: p.id, version: p.version }] })).statusCode).toBe(403);
    expect((await office.post('/api/problems/bulk', { action: 'file', items: [] })).statusCode).toBe(400);
  });
});
