// Rectification on the phone (issue 14, item 6): a community cadre's and a
// unit liaison's queue (GET /api/problems?assigned=1), and their moves sent
// through the phone's offline queue (POST /api/inspections/sync, type
// 'action'): accept, return with a reason, submit with after-photos taken on
// the phone. Each move goes through transition(); a re-send after a lost
// answer is a replay with the first answer; a problem changed meanwhile is a
// CONFLICT for that item alone while the rest of the queue goes on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, login, closeTown, openTown, type Town } from '../helpers/town.ts';
import { phoneJpeg } from '../helpers/photos.ts';
import type { SyncItem, SyncResponse } from '../../domain/inspections/sync.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let office: ReturnType<typeof as>;
let cadre: string;
let liaison: string;
let cat: number;
let photoB64 = '';
const uuid = () => crypto.randomUUID();

beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true }));
  cat = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = '乱堆物堆料' AND level = 2`)).rows[0].id;
  office = as(app, await login(app, 'office'));
  cadre = await login(app, 'cadrea');
  liaison = await login(app, 'liaison');
  photoB64 = (await phoneJpeg('#39c')).toString('base64');
});
afterAll(() => closeTown(app, tdb));

const dispatched = async (description: string, unitId: number) => {
  const r = await office.post('/api/problems', { source: 'self_check', categoryId: cat, description, regionCode: COMMUNITY_A, then: 'dispatch', unitId });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; version: number; code: string };
};
const send = async (cookie: string, items: SyncItem[]) => {
  const r = await as(app, cookie).post('/api/inspections/sync', { items });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as SyncResponse).results;
};
const queue = async (cookie: string) => {
  const r = await as(app, cookie).get('/api/problems?assigned=1&state=dispatched,rectifying&sort=due&limit=200');
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items as { id: number; state: string; reworkCount: number; version: number }[];
};
const events = async (id: number) =>
  (await tdb.db.execute<{ action: string }>(sql`SELECT action FROM problem_events WHERE problem_id = ${id} ORDER BY id`)).rows.map((r) => r.action);

describe('the assignee’s queue', () => {
  it('lists what is dispatched to the liaison’s unit and the cadre’s community, not what they merely reported or see', async () => {
    const toCadre = await dispatched('社区门口堆放建筑垃圾', town.units.committeeA);
    const toUnit = await dispatched('人行道堆放杂物', town.units.chengguan);
    const c = (await queue(cadre)).map((p) => p.id);
    const l = (await queue(liaison)).map((p) => p.id);
    expect(c).toContain(toCadre.id);
    expect(c).not.toContain(toUnit.id); // in the cadre's community, but the department's to fix
    expect(l).toContain(toUnit.id);
    expect(l).not.toContain(toCadre.id);
    // The office has no assignee's queue.
    expect(await queue(await login(app, 'office'))).toEqual([]);
  });
});

describe('moves from the phone’s queue', () => {
  it('accepts, then submits with an after-photo taken on the phone; a re-send after a lost answer is a replay', async () => {
    const p = await dispatched('巷口堆放废旧家具', town.units.chengguan);
    const acc = { type: 'action', key: uuid(), problemId: p.id, action: 'accept', version: p.version } as const;
    const [a] = await send(liaison, [acc]);
    expect(a).toMatchObject({ type: 'action', status: 'updated', id: p.id, state: 'rectifying', version: p.version + 1 });
    const photo = uuid();
    const sub: SyncItem = { type: 'action', key: uuid(), problemId: p.id, action: 'submit', version: a.version!, note: '已清运完毕', photoKeys: [photo] };
    const first = await send(liaison, [acc, { type: 'photo', key: photo, data: photoB64 }, sub]);
    expect(first.map((r) => r.status)).toEqual(['replayed', 'created', 'updated']);
    expect(first[2]).toMatchObject({ state: 'rectified', version: p.version + 2 });
    // The answer was lost: the phone sends the same queue again.
    const again = await send(liaison, [acc, { type: 'photo', key: photo, data: photoB64 }, sub]);
    expect(again.map((r) => r.status)).toEqual(['replayed', 'replayed', 'replayed']);
    expect(again[2]).toMatchObject({ id: p.id, state: 'rectified', version: p.version + 2 });
    expect((await events(p.id)).filter((x) => x === 'submit' || x === 'accept')).toEqual(['accept', 'submit']);
    const detail = (await office.get(`/api/problems/${p.id}`)).json();
    expect(detail).toMatchObject({ state: 'rectified', version: p.version + 2 });
    expect(detail.photos.filter((x: { kind: string }) => x.kind === 'after')).toHaveLength(1);
    expect(detail.timeline.at(-1)).toMatchObject({ action: 'submit', note: '已清运完毕', actorName: '城管联络员' });
  });

  it('the same move sent twice at once moves once', async () => {
    const p = await dispatched('并发接收测试', town.units.committeeA);
    const item = { type: 'action', key: uuid(), problemId: p.id, action: 'accept', version: p.version } as const;
    const [x, y] = await Promise.all([send(cadre, [item]), send(cadre, [item])]);
    expect([x[0].status, y[0].status].sort()).toEqual(['replayed', 'updated']);
    expect((await events(p.id)).filter((e) => e === 'accept')).toHaveLength(1);
  });

  it('a problem changed meanwhile answers CONFLICT for that move alone; the rest of the queue goes on', async () => {
    const stale = await dispatched('已被撤回的问题', town.units.committeeA);
    const fresh = await dispatched('正常接收的问题', town.units.committeeA);
    const recalled = await office.post(`/api/problems/${stale.id}/actions/recall`, { version: stale.version, note: '派错单位' });
    expect(recalled.statusCode, recalled.body).toBe(200);
    const res = await send(cadre, [
      { type: 'action', key: uuid(), problemId: stale.id, action: 'accept', version: stale.version },
      { type: 'action', key: uuid(), problemId: fresh.id, action: 'accept', version: fresh.version },
    ]);
    expect(res[0]).toMatchObject({ status: 'failed', error: { code: 'CONFLICT' } });
    expect(res[0].error!.message).toMatch(/刚被他人处理过/);
    expect(res[1]).toMatchObject({ status: 'updated', state: 'rectifying' });
    expect(await events(stale.id)).not.toContain('accept');
  });

  it('a problem recalled from the liaison’s unit meanwhile answers that it is no longer theirs', async () => {
    const p = await dispatched('撤回后联络员再接收', town.units.chengguan);
    expect((await office.post(`/api/problems/${p.id}/actions/recall`, { version: p.version, note: '派错单位' })).statusCode).toBe(200);
    const [r] = await send(liaison, [{ type: 'action', key: uuid(), problemId: p.id, action: 'accept', version: p.version }]);
    expect(r).toMatchObject({ status: 'failed', error: { code: 'NOT_FOUND' } });
    expect(r.error!.message).toMatch(/不再派给您/);
    // The same words for a problem that never existed.
    const [x] = await send(liaison, [{ type: 'action', key: uuid(), problemId: 99_999_999, action: 'accept', version: 1 }]);
    expect(x.error).toEqual(r.error);
  });

  it('returns with a reason (退回); without one, or with a submit lacking photos, the item says what is missing', async () => {
    const p = await dispatched('不属于本社区的问题', town.units.committeeA);
    const res = await send(cadre, [
      { type: 'action', key: uuid(), problemId: p.id, action: 'return', version: p.version },
      { type: 'action', key: uuid(), problemId: p.id, action: 'submit', version: p.version, note: '已整改' },
      { type: 'action', key: uuid(), problemId: p.id, action: 'verify_pass' as never, version: p.version },
      { type: 'action', key: uuid(), problemId: p.id, action: 'return', version: p.version, note: '该路段属城管局管理' },
    ]);
    expect(res[0]).toMatchObject({ status: 'failed', error: { code: 'VALIDATION_FAILED', fields: [{ path: 'note', message: '请说明退回原因' }] } });
    expect(res[1]).toMatchObject({ status: 'failed', error: { code: 'INVALID_STATE' } });
    expect(res[2]).toMatchObject({ status: 'failed', error: { code: 'VALIDATION_FAILED', fields: [{ path: 'action' }] } });
    expect(res[3]).toMatchObject({ status: 'updated', state: 'filed' });
    const notes = (
      await tdb.db.execute<{ title: string }>(sql`SELECT title FROM notifications WHERE person_id = ${town.people.office} AND problem_id = ${p.id}`)
    ).rows.map((r) => r.title);
    expect(notes.join()).toContain('该路段属城管局管理');
  });

  it('nobody but the assignee moves a problem from the phone, and nothing is written for a refusal', async () => {
    const p = await dispatched('别人的问题', town.units.chengguan);
    const chief = await login(app, 'chief');
    const before = (await tdb.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`)).rows[0].n;
    const [r] = await send(cadre, [{ type: 'action', key: uuid(), problemId: p.id, action: 'accept', version: p.version }]);
    expect(r).toMatchObject({ status: 'failed', error: { code: 'FORBIDDEN' } });
    const [c] = await send(chief, [{ type: 'action', key: uuid(), problemId: p.id, action: 'accept', version: p.version }]);
    expect(c.status).toBe('failed');
    expect((await tdb.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`)).rows[0].n).toBe(before);
  });
});
