// Residents' service orders (issue 17 item 4): 点单 from the resident pages
// with a tracking code, the station's inbox and the unanswered list with
// ages, 派单 to a team of the town, 退回, 接单 turned into an activity,
// 评单 once (a second rating is 409), and the figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, COMMUNITY_A, login, openTown, TOWN, TOWN2 } from '../helpers/town.ts';
import { setClock } from '../../server/platform/clock.ts';
import { volunteerFigureValues } from '../../server/modules/volunteers/index.ts';

let tdb: TestDb;
let app: FastifyInstance;
const ids: Record<string, number> = {};
const c: Record<string, string> = {};
let code = '';

const unit = async (kind: string, name: string, region: string) =>
  Number((await tdb.db.execute<{ id: number }>(sql`INSERT INTO units (kind, name, region_code) VALUES (${kind}, ${name}, ${region}) RETURNING id`)).rows[0].id);
const pub = (method: 'GET' | 'POST', url: string, payload?: unknown) => app.inject({ method, url: `/api/public${url}`, payload: payload as any });
const order = (o: Record<string, unknown> = {}) =>
  pub('POST', '/orders', {
    stationId: ids.station,
    kind: '关爱帮扶',
    wishedOn: '2026-12-10',
    wishedTime: '上午',
    place: '水东街 12 号',
    contactName: '陈阿姨',
    contactPhone: '13812345678',
    details: '帮独居老人打扫卫生',
    ...o,
  });

beforeAll(async () => {
  setClock(new Date('2026-12-06T10:00:00+08:00'));
  ({ tdb, app } = await openTown({ categories: true, calendar: true }));
  ids.station = await unit('practice_station', '水东街社区新时代文明实践站', COMMUNITY_A);
  ids.team = await unit('volunteer_team', '水东街社区志愿服务队', COMMUNITY_A);
  ids.team2 = await unit('volunteer_team', '大同镇志愿服务队', TOWN2);
  for (const who of ['office', 'office2', 'cadrea', 'cadreb', 'leader']) c[who] = await login(app, who);
  expect((await as(app, c.office).get('/api/activities/kinds')).statusCode).toBe(200);
  ids.place = (await as(app, c.office).post('/api/places', { kind: 'street', regionCode: COMMUNITY_A, name: '点单巷' })).json().id;
}, 300_000);
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

describe('点单 (public)', () => {
  it('lists the stations and kinds, takes an order and answers a tracking code', async () => {
    const st = (await pub('GET', '/order-stations')).json();
    expect(st.items.map((s: any) => s.id)).toContain(ids.station);
    expect(st.kinds).toContain('关爱帮扶');
    const r = await order();
    expect(r.statusCode, r.body).toBe(201);
    code = r.json().code;
    expect(code).toMatch(/^FW[2-9A-HJ-NP-Z]{8}$/);
    expect((await pub('GET', `/orders/${code}`)).json()).toMatchObject({
      state: 'received',
      stateLabel: '待派单',
      stationName: '水东街社区新时代文明实践站',
      canRate: false,
    });
  });

  it('refuses a past day, an unknown kind or station, a bad phone, and an unknown code', async () => {
    expect((await order({ wishedOn: '2026-12-01' })).json().error.fields[0].path).toBe('wishedOn');
    expect((await order({ kind: '代购' })).json().error.fields[0].path).toBe('kind');
    expect((await order({ stationId: ids.team })).json().error.fields[0].path).toBe('stationId');
    expect((await order({ contactPhone: '12345' })).statusCode).toBe(400);
    expect((await pub('GET', '/orders/FW23456789')).statusCode).toBe(404);
    expect((await pub('GET', '/orders/nope')).statusCode).toBe(400);
  });

  it('cannot be rated before a team takes it', async () => {
    expect((await pub('POST', `/orders/${code}/rate`, { rating: 5 })).statusCode).toBe(409);
  });
});

describe('派单 → 接单 → 评单', () => {
  it('waits in the station’s inbox and the unanswered list, with its age', async () => {
    setClock(new Date('2026-12-08T10:00:00+08:00'));
    const inbox = (await as(app, c.cadrea).get('/api/inbox')).json();
    expect(inbox.items.map((i: any) => i.kind)).toContain('service_order');
    const list = (await as(app, c.office).get('/api/volunteers/orders?unanswered=1')).json();
    expect(list.items[0]).toMatchObject({ code, ageDays: 2, contactPhone: '13812345678', can: { dispatch: true } });
    ids.order = list.items[0].id;
    expect((await as(app, c.leader).get(`/api/volunteers/orders/${ids.order}`)).json().contactPhone).toBe('138****5678');
    expect((await as(app, c.office2).get(`/api/volunteers/orders/${ids.order}`)).statusCode).toBe(404);
  });

  it('dispatches to a team of the town only; the team may give it back', async () => {
    const cadrea = as(app, c.cadrea);
    let o = (await cadrea.get(`/api/volunteers/orders/${ids.order}`)).json();
    expect((await cadrea.post(`/api/volunteers/orders/${ids.order}/dispatch`, { version: o.version, teamId: ids.team2 })).statusCode).toBe(400);
    expect((await as(app, c.leader).post(`/api/volunteers/orders/${ids.order}/dispatch`, { version: o.version, teamId: ids.team })).statusCode).toBe(403);
    let r = await cadrea.post(`/api/volunteers/orders/${ids.order}/dispatch`, { version: o.version, teamId: ids.team });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'dispatched', stateLabel: '待接单', team: { id: ids.team } });
    expect((await cadrea.post(`/api/volunteers/orders/${ids.order}/dispatch`, { version: o.version, teamId: ids.team })).statusCode).toBe(409);
    o = r.json();
    r = await cadrea.post(`/api/volunteers/orders/${ids.order}/return`, { version: o.version, reason: '本周队员不足' });
    expect(r.json()).toMatchObject({ state: 'received', team: null, returnReason: '本周队员不足' });
    r = await cadrea.post(`/api/volunteers/orders/${ids.order}/dispatch`, { version: r.json().version, teamId: ids.team });
    expect(r.json().state).toBe('dispatched');
  });

  it('is taken and turned into a planned activity of the station; the inbox item closes', async () => {
    const cadrea = as(app, c.cadrea);
    const o = (await cadrea.get(`/api/volunteers/orders/${ids.order}`)).json();
    expect((await cadrea.post(`/api/volunteers/orders/${ids.order}/accept`, { version: o.version })).statusCode).toBe(400);
    const r = await cadrea.post(`/api/volunteers/orders/${ids.order}/accept`, {
      version: o.version,
      plan: { title: '关爱独居老人志愿服务', kindId: 3, placeId: ids.place, onDate: '2026-12-10' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'accepted', activityId: expect.any(Number) });
    const a = (await cadrea.get(`/api/activities/${r.json().activityId}`)).json();
    expect(a).toMatchObject({ title: '关爱独居老人志愿服务', state: 'planned', organizer: { id: ids.station } });
    const inbox = (await cadrea.get('/api/inbox')).json();
    expect(inbox.items.filter((i: any) => i.kind === 'service_order')).toEqual([]);
    expect((await as(app, c.office).get('/api/volunteers/orders?unanswered=1')).json().items).toEqual([]);
  });

  it('is rated once with its code; a second rating is 409', async () => {
    const r = await pub('POST', `/orders/${code}/rate`, { rating: 5, comment: '志愿者很耐心' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'rated', rating: 5, activity: { title: '关爱独居老人志愿服务', state: 'planned' } });
    const again = await pub('POST', `/orders/${code}/rate`, { rating: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DUPLICATE');
    expect((await pub('POST', `/orders/${code}/rate`, { rating: 9 })).statusCode).toBe(400);
  });

  it('counts orders received, answered and rated', async () => {
    await order({ kind: '法律咨询' });
    expect(await volunteerFigureValues(tdb.db, TOWN, '2026-12-01', '2026-12-31', ['orders.received', 'orders.answered', 'orders.rated'])).toEqual({
      'orders.received': 2,
      'orders.answered': 1,
      'orders.rated': 1,
    });
  });
});
