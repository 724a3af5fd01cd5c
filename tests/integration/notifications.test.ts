// The notification centre: own notifications only, newest first with the
// problem code, unread filter and count, read one, read all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { dispatchedProblem } from '../helpers/problems.ts';
import { as, COMMUNITY_A, login, closeTown, openTown, type Town } from '../helpers/town.ts';
import { notify } from '../../server/modules/notifications/notify.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let problemId: number;

beforeAll(async () => {
  ({ tdb, town, app } = await openTown());
  await tdb.db.execute(sql`INSERT INTO categories (kind, code, name, level) VALUES ('event', '0199', '测试类', 2)`);
  problemId = (
    await dispatchedProblem(tdb.db, { code: '2611250001', region: COMMUNITY_A, description: '测试', unit: town.units.committeeA, due: '2099-12-31' })
  ).id;
});
afterAll(() => closeTown(app, tdb));

describe('notification centre', () => {
  it('lists only the caller’s notifications, newest first, with the problem code; counts and marks read', async () => {
    const { cadreA, office } = town.people;
    await notify(tdb.db, [cadreA, office], { kind: 'dispatch', title: '新派遣问题', problemId, dedupeKey: 'k1' });
    await notify(tdb.db, [cadreA], { kind: 'reminder', title: '即将到期', problemId, dedupeKey: 'k2' });
    await notify(tdb.db, [cadreA], { kind: 'reminder', title: '即将到期', problemId, dedupeKey: 'k2' }); // deduplicated
    await notify(tdb.db, [cadreA], { kind: 'info', title: '无关联问题' });

    const cadre = as(app, await login(app, 'cadrea'));
    const list = (await cadre.get('/api/notifications')).json();
    expect(list.items.map((n: any) => n.title)).toEqual(['无关联问题', '即将到期', '新派遣问题']);
    expect(list.items[1]).toMatchObject({ kind: 'reminder', problemId, problemCode: '2611250001', read: false });
    expect((await cadre.get('/api/notifications/unread-count')).json()).toEqual({ count: 3 });

    const r = await cadre.post(`/api/notifications/${list.items[1].id}/read`);
    expect(r.statusCode).toBe(200);
    expect(r.json().read).toBe(true);
    expect((await cadre.get('/api/notifications/unread-count')).json()).toEqual({ count: 2 });
    const unread = (await cadre.get('/api/notifications?unread=1')).json();
    expect(unread.items.map((n: any) => n.title)).toEqual(['无关联问题', '新派遣问题']);
    // Keyset pages: the opaque cursor of one page brings the next; the last page has none.
    const first = (await cadre.get('/api/notifications?limit=1')).json();
    expect(first.items.map((n: any) => n.title)).toEqual(['无关联问题']);
    const page = (await cadre.get(`/api/notifications?limit=1&cursor=${first.nextCursor}`)).json();
    expect(page.items.map((n: any) => n.title)).toEqual(['即将到期']);
    const last = (await cadre.get(`/api/notifications?limit=2&cursor=${page.nextCursor}`)).json();
    expect(last.items.map((n: any) => n.title)).toEqual(['新派遣问题']);
    expect(last.nextCursor).toBeNull();
    // Over the documented maximum, or a cursor that is not one: 400.
    expect((await cadre.get('/api/notifications?limit=101')).statusCode).toBe(400);
    const bad = await cadre.get('/api/notifications?cursor=bm90LWEtY3Vyc29y');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('querystring.cursor');

    // Another person's notification: 404, as if it did not exist.
    const officeApi = as(app, await login(app, 'office'));
    const officeList = (await officeApi.get('/api/notifications')).json();
    expect(officeList.items).toHaveLength(1);
    expect((await officeApi.post(`/api/notifications/${list.items[0].id}/read`)).statusCode).toBe(404);
    expect((await cadre.post('/api/notifications/999999/read')).statusCode).toBe(404);

    expect((await cadre.post('/api/notifications/read-all')).json()).toEqual({ updated: 2 });
    expect((await cadre.get('/api/notifications/unread-count')).json()).toEqual({ count: 0 });
    expect((await officeApi.get('/api/notifications/unread-count')).json()).toEqual({ count: 1 });
  });

  it('needs a session', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
  });
});
