// Two towns of one county side by side: each town's users see only their
// town, the county office sees both, and another community's record answers
// 404 (not 403), so its existence is not revealed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, COMMUNITY_B, COUNTY, login, TOWN, TOWN2, closeTown, openTown, type Town } from '../helpers/town.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const COMMUNITY_T2 = '350821101201'; // a community of 大同镇

beforeAll(async () => {
  ({ tdb, town, app } = await openTown());
});
afterAll(() => closeTown(app, tdb));

const codes = (nodes: any[]): string[] => nodes.flatMap((n) => [n.code, ...codes(n.children)]);

describe('region scoping', () => {
  it('the county office sees both towns; a town office only its own', async () => {
    const county = await as(app, await login(app, 'county')).get('/api/regions/tree');
    const all = codes(county.json().items);
    expect(all).toContain(TOWN);
    expect(all).toContain(TOWN2);
    expect(county.json().items[0].code).toBe(COUNTY);

    const office = await as(app, await login(app, 'office')).get('/api/regions/tree');
    const mine = codes(office.json().items);
    expect(office.json().items.map((n: any) => n.code)).toEqual([TOWN]);
    expect(mine).toContain(COMMUNITY_A);
    expect(mine.some((c) => c.startsWith(TOWN2))).toBe(false);
  });

  it('a community cadre asking for another community gets 404, not 403', async () => {
    const cadre = as(app, await login(app, 'cadrea'));
    expect((await cadre.get(`/api/regions/${COMMUNITY_A}`)).statusCode).toBe(200);
    const other = await cadre.get(`/api/regions/${COMMUNITY_B}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('NOT_FOUND');
    expect((await cadre.get(`/api/places?regionCode=${COMMUNITY_B}`)).statusCode).toBe(404);
  });

  it('places created in one town are invisible to the other town and to other communities', async () => {
    const office = as(app, await login(app, 'office'));
    const created = await office.post('/api/places', { kind: 'street', regionCode: COMMUNITY_A, name: '店头街' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const office2 = as(app, await login(app, 'office2'));
    expect((await office2.get(`/api/places/${id}`)).statusCode).toBe(404);
    expect((await office2.patch(`/api/places/${id}`, { version: 1, name: '改名' })).statusCode).toBe(404);
    expect((await office2.del(`/api/places/${id}`)).statusCode).toBe(404);
    expect((await office2.post('/api/places', { kind: 'street', regionCode: COMMUNITY_A, name: '越权街' })).statusCode).toBe(404);
    expect((await as(app, await login(app, 'cadreb')).get(`/api/places/${id}`)).statusCode).toBe(404);
    // The county sees it.
    expect((await as(app, await login(app, 'county')).get(`/api/places/${id}`)).statusCode).toBe(200);
    // The other town can still use the same name in its own community.
    expect((await office2.post('/api/places', { kind: 'street', regionCode: COMMUNITY_T2, name: '店头街' })).statusCode).toBe(201);
    const list2 = await office2.get('/api/places?kind=street');
    expect(list2.json().items.every((p: any) => p.regionCode.startsWith(TOWN2))).toBe(true);
  });

  it('units and people lists are scoped to the caller’s region', async () => {
    const office2 = as(app, await login(app, 'office2'));
    const units = await office2.get('/api/units');
    // Its own units, and the county's departments it dispatches to; nothing of 汀州镇.
    expect(units.json().items.every((u: any) => u.regionCode.startsWith(TOWN2) || (u.kind === 'department' && u.regionCode === COUNTY))).toBe(true);
    expect(units.json().items.some((u: any) => u.regionCode.startsWith(TOWN))).toBe(false);
    expect((await office2.get(`/api/units/${town.units.office}`)).statusCode).toBe(404);
    const people = await office2.get('/api/people');
    expect(people.json().items.every((p: any) => p.regionCode.startsWith(TOWN2))).toBe(true);
    expect((await office2.get(`/api/people/${town.people.office}`)).statusCode).toBe(404);
    const countyPeople = await as(app, await login(app, 'county')).get('/api/people?limit=200');
    const regions = countyPeople.json().items.map((p: any) => p.regionCode);
    expect(regions.some((r: string) => r.startsWith(TOWN))).toBe(true);
    expect(regions.some((r: string) => r.startsWith(TOWN2))).toBe(true);
  });

  it('a read-only role sees a record but may not change it (403), and is told so by `can`', async () => {
    const leader = as(app, await login(app, 'leader'));
    const region = await leader.get(`/api/regions/${COMMUNITY_A}`);
    expect(region.statusCode).toBe(200);
    expect(region.json().can).toMatchObject({ addGrid: false, addPlace: false });
    const r = await leader.post('/api/places', { kind: 'street', regionCode: COMMUNITY_A, name: '镇领导加的街' });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('FORBIDDEN');
    const office = await as(app, await login(app, 'office')).get(`/api/regions/${COMMUNITY_A}`);
    expect(office.json().can).toMatchObject({ addGrid: true, addPlace: true });
  });

  it('grids get a 15-digit code under their community', async () => {
    const office = as(app, await login(app, 'office'));
    const g1 = await office.post(`/api/regions/${COMMUNITY_A}/grids`, { name: '第一网格' });
    expect(g1.statusCode).toBe(201);
    expect(g1.json().code).toBe(`${COMMUNITY_A}001`);
    const g2 = await office.post(`/api/regions/${COMMUNITY_A}/grids`, { name: '第二网格' });
    expect(g2.json().code).toBe(`${COMMUNITY_A}002`);
    const dup = await office.post(`/api/regions/${COMMUNITY_A}/grids`, { name: '重复', seq: 2 });
    expect(dup.statusCode).toBe(409);
    const onTown = await office.post(`/api/regions/${TOWN}/grids`, { name: '镇上的网格' });
    expect(onTown.statusCode).toBe(400);
  });

  it('points need a point type, and both coordinates or none', async () => {
    const office = as(app, await login(app, 'office'));
    const noType = await office.post('/api/places', { kind: 'point', regionCode: COMMUNITY_A, name: '水东街农贸市场' });
    expect(noType.statusCode).toBe(400);
    expect(noType.json().error.fields[0]).toMatchObject({ path: 'pointType', message: '点位必须选择点位类型' });
    const half = await office.post('/api/places', { kind: 'point', regionCode: COMMUNITY_A, name: '水东街农贸市场', pointType: 'market', lat: 25.84 });
    expect(half.statusCode).toBe(400);
    const ok = await office.post('/api/places', {
      kind: 'point',
      regionCode: COMMUNITY_A,
      name: '水东街农贸市场',
      pointType: 'market',
      lat: 25.842,
      lng: 116.357,
      isDemoPoint: true,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ pointType: 'market', lat: 25.842, lng: 116.357, isDemoPoint: true });
    // Optimistic concurrency: a stale version is refused with 409.
    const id = ok.json().id;
    expect((await office.patch(`/api/places/${id}`, { version: 1, name: '水东街市场' })).statusCode).toBe(200);
    const stale = await office.patch(`/api/places/${id}`, { version: 1, name: '再改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
  });
});
