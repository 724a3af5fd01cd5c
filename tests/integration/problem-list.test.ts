// Lists, search, the workbench, the map and duplicate hints through the HTTP
// API on real PostgreSQL: filters (category 大类 → 小类, community prefix,
// overdue, dates), Chinese substring search, keyset pages that stay stable
// while rows are inserted, phone masking per role, scoping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, COMMUNITY_B, login, TOWN, closeTown, openTown, type Town } from '../helpers/town.ts';
import { problemIn } from '../helpers/problems.ts';
import { PROBLEM_PAGE_MAX } from '../../domain/api/problems.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let catParking: number; // 机动车乱停放 (街面秩序)
let catAds: number; // 非法小广告
let majorOfParking: number;
let seq = 0;

beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true }));
  const cat = async (name: string) =>
    (await tdb.db.execute<{ id: number; parent_id: number }>(sql`SELECT id, parent_id FROM categories WHERE name = ${name} AND level = 2 LIMIT 1`)).rows[0];
  const parking = await cat('机动车乱停放');
  catParking = parking.id;
  majorOfParking = parking.parent_id;
  catAds = (await cat('非法小广告')).id;
});
afterAll(() => closeTown(app, tdb));

/** A problem row in a state (the list reads rows; intake is tested elsewhere): a resident's report unless said otherwise. */
async function buildProblem(
  o: {
    region?: string;
    category?: number;
    state?: string;
    description?: string;
    due?: string;
    created?: string;
    phone?: string | null;
    lat?: number;
    lng?: number;
    unit?: number | null;
  } = {},
) {
  seq++;
  const state = o.state ?? 'reported';
  const routed = ['dispatched', 'rectifying', 'rectified', 'closed'].includes(state);
  return (
    await problemIn(tdb.db, state, {
      region: o.region ?? COMMUNITY_A,
      category: o.category ?? catParking,
      source: 'resident',
      description: o.description ?? `测试问题 ${seq}`,
      reporterName: '居民甲',
      reporterPhone: o.phone === undefined ? '13900001111' : o.phone,
      lat: o.lat ?? null,
      lng: o.lng ?? null,
      created: o.created,
      unit: o.unit ?? (routed ? town.units.committeeA : null),
      due: o.due,
    })
  ).id;
}

const buildOverdueProblem = (o: Parameters<typeof buildProblem>[0] = {}) => buildProblem({ state: 'rectifying', due: '2020-01-06', ...o });

describe('filters and search', () => {
  it('filters by state (multi), 大类 → its 小类, community prefix, overdue, created dates; searches Chinese substrings', async () => {
    const a1 = await buildProblem({ description: '水东街巷口机动车乱停放占用盲道' });
    const a2 = await buildProblem({ category: catAds, description: '电线杆上张贴非法小广告', state: 'filed' });
    const b1 = await buildProblem({ region: COMMUNITY_B, description: '东门街菜市场旁乱停放' });
    const od = await buildOverdueProblem({ description: '超期未整改的乱停放' });
    const old = await buildProblem({ description: '很久以前的问题', created: '2024-03-01T04:00:00Z' });
    const office = as(app, await login(app, 'office'));
    const ids = async (qs: string) => {
      const r = await office.get(`/api/problems?${qs}`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json().items.map((x: any) => x.id) as number[];
    };
    expect(await ids(`regionCode=${COMMUNITY_B}`)).toEqual([b1]);
    expect(await ids(`community=${COMMUNITY_A}&state=filed`)).toEqual([a2]);
    expect((await ids(`state=filed,rectifying`)).sort()).toEqual([a2, od].sort());
    expect((await ids(`state=filed&state=rectifying`)).sort()).toEqual([a2, od].sort());
    // A 大类 stands for its 小类.
    expect(await ids(`categoryId=${majorOfParking}`)).toEqual(expect.arrayContaining([a1, b1, od, old]));
    expect(await ids(`categoryId=${majorOfParking}`)).not.toContain(a2);
    expect(await ids('overdue=1')).toEqual([od]);
    expect(await ids('createdFrom=2024-03-01&createdTo=2024-03-01')).toEqual([old]);
    expect(await ids('createdTo=2024-12-31')).toEqual([old]);
    // Two-character and longer Chinese substrings; the code too.
    expect(await ids(`q=${encodeURIComponent('巷口')}`)).toEqual([a1]);
    expect((await ids(`q=${encodeURIComponent('乱停放')}`)).sort()).toEqual([a1, b1, od].sort());
    expect(await ids(`q=${encodeURIComponent('乱停放')}&community=${COMMUNITY_B}`)).toEqual([b1]);
    expect(await ids(`q=${encodeURIComponent('小广告')}`)).toEqual([a2]);
    const code = (await office.get(`/api/problems/${a2}`)).json().code;
    expect(await ids(`q=${code}`)).toEqual([a2]);
    // LIKE wildcards in the text are literal.
    expect(await ids(`q=${encodeURIComponent('%')}`)).toEqual([]);
    const item = (await office.get(`/api/problems?q=${encodeURIComponent('超期未整改')}`)).json().items[0];
    expect(item).toMatchObject({ id: od, overdue: true, state: 'rectifying', stateLabel: '整改中', sourceLabel: '群众随手拍' });
    expect(item.overdueDays).toBeGreaterThan(0);
    // Bad input answers 400 with the field.
    const bad = await office.get('/api/problems?state=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('is scoped: another town sees none of it, a community cadre only their community', async () => {
    await buildProblem({ description: '范围测试甲' });
    await buildProblem({ region: COMMUNITY_B, description: '范围测试乙' });
    const q = `q=${encodeURIComponent('范围测试')}`;
    expect((await as(app, await login(app, 'office2')).get(`/api/problems?${q}`)).json().items).toEqual([]);
    const cadre = (await as(app, await login(app, 'cadrea')).get(`/api/problems?${q}`)).json().items;
    expect(cadre.map((x: any) => x.description)).toEqual(['范围测试甲']);
    expect((await app.inject({ method: 'GET', url: '/api/problems' })).statusCode).toBe(401);
  });

  it('masks the reporter phone except for the office (and admin) of that region', async () => {
    await buildProblem({ description: '电话遮挡测试', phone: '13812345678' });
    const q = `/api/problems?q=${encodeURIComponent('电话遮挡测试')}`;
    const phoneAs = async (user: string) => (await as(app, await login(app, user)).get(q)).json().items[0].reporterPhone;
    expect(await phoneAs('office')).toBe('13812345678');
    expect(await phoneAs('admin')).toBe('13812345678');
    expect(await phoneAs('leader')).toBe('138****5678');
    expect(await phoneAs('cadrea')).toBe('138****5678');
    expect(await phoneAs('county')).toBe('138****5678');
    const id = (await as(app, await login(app, 'office')).get(q)).json().items[0].id;
    expect((await as(app, await login(app, 'chief')).get(`/api/problems/${id}`)).json().reporter.phone).toBe('138****5678');
  });
});

describe('keyset pagination', () => {
  it('pages are stable while rows are inserted between them: nothing shifts, nothing repeats', async () => {
    const tag = '翻页稳定性';
    for (let i = 0; i < 7; i++) await buildProblem({ description: `${tag} ${i}`, created: new Date(Date.now() - (10 - i) * 60_000).toISOString() });
    // Two rows with the same created_at: the id breaks the tie.
    const same = new Date(Date.now() - 30 * 60_000).toISOString();
    await buildProblem({ description: `${tag} 同刻甲`, created: same });
    await buildProblem({ description: `${tag} 同刻乙`, created: same });
    const office = as(app, await login(app, 'office'));
    const base = `/api/problems?q=${encodeURIComponent(tag)}&limit=3`;
    const all = (await office.get(`/api/problems?q=${encodeURIComponent(tag)}&limit=100`)).json().items.map((x: any) => x.id);
    expect(all).toHaveLength(9);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await office.get(cursor ? `${base}&cursor=${cursor}` : `${base}&withTotal=1`);
      expect(r.statusCode, r.body).toBe(200);
      const body = r.json();
      if (!cursor) expect(body).toMatchObject({ total: 9, totalCapped: false });
      seen.push(...body.items.map((x: any) => x.id));
      cursor = body.nextCursor;
      // New reports arrive while the user reads.
      await buildProblem({ description: `${tag} 新增 ${pages}` });
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(all);

    // Sorted by deadline (ascending, no deadline last) and by last change, the cursor works the same way.
    for (const sort of ['due', 'updated']) {
      const got: number[] = [];
      let c: string | null = null;
      do {
        const body: any = (await office.get(`${base}&sort=${sort}${c ? `&cursor=${c}` : ''}`)).json();
        got.push(...body.items.map((x: any) => x.id));
        c = body.nextCursor;
      } while (c);
      expect(new Set(got).size).toBe(got.length);
      expect(got.length).toBe(9 + pages);
    }
    // A cursor of another sort, or garbage, is refused clearly.
    const first = (await office.get(base)).json();
    expect((await office.get(`${base}&sort=due&cursor=${first.nextCursor}`)).statusCode).toBe(400);
    expect((await office.get(`${base}&cursor=xyz`)).statusCode).toBe(400);
    // One way to page (issue 13): the legacy id cursor is gone, and a page is at most PROBLEM_PAGE_MAX rows.
    expect(first).not.toHaveProperty('nextBefore');
    expect((await office.get(`/api/problems?limit=${PROBLEM_PAGE_MAX}`)).statusCode).toBe(200);
    const over = await office.get(`/api/problems?limit=${PROBLEM_PAGE_MAX + 1}`);
    expect(over.statusCode).toBe(400);
    expect(over.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('workbench', () => {
  it('counts queues and lists what needs my action, overdue first', async () => {
    const od = await buildOverdueProblem({ description: '工作台超期' });
    await buildProblem({ state: 'rectified', unit: town.units.committeeA, due: '2099-01-01' });
    const office = (await as(app, await login(app, 'office')).get('/api/problems/workbench')).json();
    expect(office.byState.reported).toBeGreaterThan(0);
    expect(office.overdue).toBeGreaterThanOrEqual(1);
    expect(office.awaitingVerification).toBe(office.byState.rectified);
    // The office acts on reported/filed/rectified (as verifier), not on rectifying.
    expect(office.myActions.items.every((x: any) => ['reported', 'filed', 'rectified'].includes(x.state))).toBe(true);
    const cadre = (await as(app, await login(app, 'cadrea')).get('/api/problems/workbench')).json();
    expect(cadre.myActions.items[0].overdue).toBe(true); // the assignee's overdue problems come first
    expect(cadre.myActions.items.map((x: any) => x.id)).toContain(od);
    expect(cadre.myActions.items.every((x: any) => ['dispatched', 'rectifying'].includes(x.state))).toBe(true);
    const other = (await as(app, await login(app, 'office2')).get('/api/problems/workbench')).json();
    expect(other.myActions.total).toBe(0);
    expect(other.overdue).toBe(0);
  });
});

describe('map', () => {
  it('clusters a box on the server and sends small cells as points', async () => {
    // 20 problems around one spot, 2 far away in the same box.
    for (let i = 0; i < 20; i++)
      await buildProblem({ description: '地图聚合', lat: 25.84 + i * 0.00001, lng: 116.36 + i * 0.00001, state: i === 0 ? 'reported' : 'closed' });
    await buildOverdueProblem({ description: '地图单点', lat: 25.9, lng: 116.45 });
    await buildProblem({ description: '地图单点', lat: 25.91, lng: 116.46, region: COMMUNITY_B });
    const office = as(app, await login(app, 'office'));
    const q = `q=${encodeURIComponent('地图')}`;
    const r = await office.get(`/api/problems/map?bbox=116.3,25.8,116.5,25.95&zoom=13&${q}`);
    expect(r.statusCode, r.body).toBe(200);
    const m = r.json();
    expect(m.total).toBe(22);
    expect(m.clusters).toHaveLength(1);
    expect(m.clusters[0]).toMatchObject({ count: 20, worstState: 'reported', overdue: 0 });
    expect(m.clusters[0].lat).toBeCloseTo(25.8401, 3);
    expect(m.points).toHaveLength(2);
    expect(m.points.find((p: any) => p.overdue)).toBeTruthy();
    // High zoom: every problem is a point; filters apply; outside the box nothing.
    expect((await office.get(`/api/problems/map?bbox=116.35,25.83,116.37,25.85&zoom=18&${q}`)).json().points).toHaveLength(20);
    expect((await office.get(`/api/problems/map?bbox=116.3,25.8,116.5,25.95&zoom=13&${q}&state=rectifying`)).json().total).toBe(1);
    expect((await office.get(`/api/problems/map?bbox=100,20,101,21&zoom=13&${q}`)).json().total).toBe(0);
    expect((await office.get('/api/problems/map?bbox=1,2,3')).statusCode).toBe(400);
    // Scoped: the other town's office sees none.
    expect((await as(app, await login(app, 'office2')).get(`/api/problems/map?bbox=116.3,25.8,116.5,25.95&${q}`)).json().total).toBe(0);
  });

  it('leaves merged and rejected problems off the map unless asked for by state', async () => {
    await buildProblem({ description: '地图外 合并', lat: 25.6, lng: 116.1, state: 'merged' });
    await buildProblem({ description: '地图外 不予立案', lat: 25.6, lng: 116.1, state: 'rejected' });
    await buildProblem({ description: '地图外 整改中', lat: 25.6, lng: 116.1, state: 'rectifying' });
    const office = as(app, await login(app, 'office'));
    const q = `bbox=116.0,25.5,116.2,25.7&zoom=18&q=${encodeURIComponent('地图外')}`;
    expect((await office.get(`/api/problems/map?${q}`)).json().points.map((p: any) => p.state)).toEqual(['rectifying']);
    expect((await office.get(`/api/problems/map?${q}&state=merged`)).json().total).toBe(1);
  });
});

describe('duplicate hints', () => {
  it('finds open problems of the same category within 50 m and 7 days only; following adds the reporter', async () => {
    const lat = 25.7;
    const lng = 116.2;
    const near = await buildProblem({ description: '重复提示 近', lat: lat + 0.0003, lng }); // ≈ 33 m
    await buildProblem({ description: '重复提示 远', lat: lat + 0.0006, lng }); // ≈ 67 m
    await buildProblem({ description: '重复提示 旧', lat, lng, created: new Date(Date.now() - 8 * 86400_000).toISOString() });
    await buildProblem({ description: '重复提示 结案', lat, lng, state: 'closed' });
    await buildProblem({ description: '重复提示 别类', lat, lng, category: catAds });
    const chief = as(app, await login(app, 'chief'));
    const r = await chief.get(`/api/problems/duplicates?categoryId=${catParking}&lat=${lat}&lng=${lng}`);
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json();
    expect(d).toMatchObject({ meters: 50, days: 7 });
    expect(d.items.map((x: any) => x.id)).toEqual([near]);
    expect(d.items[0].distanceM).toBeGreaterThan(25);
    expect(d.items[0].distanceM).toBeLessThan(40);
    const f = await chief.post(`/api/problems/${near}/follow`, {});
    expect(f.statusCode, f.body).toBe(201);
    expect(f.json()).toMatchObject({ followed: true, followers: 1 });
    expect((await chief.post(`/api/problems/${near}/follow`, { phone: '13700001234' })).json().followers).toBe(2);
    expect((await chief.post(`/api/problems/${near}/follow`, {})).json().followers).toBe(2); // once per follower
    const timeline = (await chief.get(`/api/problems/${near}`)).json().timeline;
    expect(timeline.filter((e: any) => e.action === 'follow')).toHaveLength(2);
    // Out of scope: 404.
    expect((await as(app, await login(app, 'office2')).post(`/api/problems/${near}/follow`, {})).statusCode).toBe(404);
  });
});

describe('the town', () => {
  it('uses the town of the fixtures', () => expect(TOWN).toBe('350821100'));
});
