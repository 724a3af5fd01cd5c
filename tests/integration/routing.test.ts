// The dispatch matrix: rule > category default department > community
// committee; the most specific rule wins; an office edits only its town's
// rules (another town's answers 404) and may route to county departments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, COMMUNITY_B, COUNTY, login, TOWN, TOWN2, closeTown, openTown, type Town } from '../helpers/town.ts';
import { resolveUnit } from '../../server/modules/routing/routing.service.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const COMMUNITY_T2 = '350821101201'; // a community of 大同镇
const GRID_A = `${COMMUNITY_A}001`;
const cat: Record<string, number> = {};
const unit: Record<string, number> = {};

async function addUnit(kind: string, name: string, regionCode: string) {
  return (await tdb.db.execute<{ id: number }>(sql`INSERT INTO units (kind, name, region_code) VALUES (${kind}, ${name}, ${regionCode}) RETURNING id`)).rows[0]
    .id;
}

beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true }));
  const rows = (await tdb.db.execute<{ id: number; kind: string; code: string }>(sql`SELECT id, kind, code FROM categories WHERE level = 2`)).rows;
  for (const r of rows) cat[`${r.kind === 'event' ? 'e' : 'c'}${r.code}`] = r.id;
  unit.jiaojing = await addUnit('department', '长汀县公安局交通警察大队（交警）', COUNTY);
  unit.gongdian = await addUnit('department', '国网长汀县供电公司', COUNTY);
  unit.cobuild = await addUnit('co_building', '汀州镇中心小学', TOWN);
  unit.volunteers = await addUnit('volunteer_team', '汀州镇志愿服务队', TOWN);
  unit.committeeT2 = await addUnit('community_committee', '大同镇某社区居委会', COMMUNITY_T2);
  await tdb.db.execute(sql`INSERT INTO regions (code, name, level, parent_code, source) VALUES (${GRID_A}, '第一网格', 'grid', ${COMMUNITY_A}, 'manual')`);
});
afterAll(() => closeTown(app, tdb));

const resolve = (categoryId: number | null, regionCode: string) => resolveUnit(tdb.db, { categoryId, regionCode });

describe('resolveUnit without rules', () => {
  it('sends a community item to the community committee, also from a grid', async () => {
    expect(await resolve(cat.e0201, COMMUNITY_A)).toEqual({ unitId: town.units.committeeA, ruleId: null, via: 'community' });
    expect(await resolve(cat.e0201, GRID_A)).toEqual({ unitId: town.units.committeeA, ruleId: null, via: 'community' });
    expect(await resolve(cat.e0507, COMMUNITY_B)).toEqual({ unitId: town.units.committeeB, ruleId: null, via: 'community' });
  });

  it('sends a department item to the county department named by the category', async () => {
    expect(await resolve(cat.c0291, COMMUNITY_A)).toEqual({ unitId: town.units.chengguan, ruleId: null, via: 'category_default' }); // 路面破损 → 城市管理局
    expect(await resolve(cat.e0505, COMMUNITY_B)).toEqual({ unitId: unit.jiaojing, ruleId: null, via: 'category_default' }); // 机动车乱停放 → 交警
    expect(await resolve(cat.c0190, COMMUNITY_T2)).toEqual({ unitId: unit.gongdian, ruleId: null, via: 'category_default' }); // 三线 → 供电, the other town too
  });

  it('falls back to the community when no such department exists, and to null when there is no committee', async () => {
    expect(await resolve(cat.c0690, COMMUNITY_A)).toEqual({ unitId: town.units.committeeA, ruleId: null, via: 'community' }); // no 文体旅游局 yet
    expect(await resolve(cat.e0201, '350821100030')).toBeNull(); // a community without a committee unit
    expect(await resolve(cat.e0201, TOWN)).toBeNull();
  });

  it('prefers the nearest department: a town’s own before the county’s', async () => {
    const local = await addUnit('department', '汀州镇城市管理局执法中队', TOWN);
    expect((await resolve(cat.c0291, COMMUNITY_A))?.unitId).toBe(local);
    expect((await resolve(cat.c0291, COMMUNITY_T2))?.unitId).toBe(town.units.chengguan);
    await tdb.db.execute(sql`DELETE FROM units WHERE id = ${local}`);
  });
});

describe('the dispatch matrix', () => {
  it('who may use it: admin and office yes, others 403', async () => {
    for (const who of ['cadrea', 'leader', 'chief', 'liaison', 'county']) {
      const s = as(app, await login(app, who));
      expect((await s.get('/api/dispatch-rules')).statusCode, who).toBe(403);
      expect((await s.put('/api/dispatch-rules', { categoryId: null, regionCode: COMMUNITY_A, unitId: town.units.committeeA })).statusCode, who).toBe(403);
    }
    expect((await as(app, await login(app, 'office')).get('/api/dispatch-rules')).statusCode).toBe(200);
  });

  it('a rule beats the category default and the community; the most specific rule wins', async () => {
    const office = as(app, await login(app, 'office'));
    // 机动车乱停放 in this town goes to 城市管理局 (a county unit: allowed as a target) instead of 交警.
    const r1 = await office.put('/api/dispatch-rules', { categoryId: cat.e0505, regionCode: TOWN, unitId: town.units.chengguan });
    expect(r1.statusCode).toBe(201);
    expect(r1.json()).toMatchObject({
      categoryName: '机动车乱停放',
      regionCode: TOWN,
      unitName: '长汀县城市管理局',
      version: 1,
      can: { update: true, delete: true },
    });
    expect(await resolve(cat.e0505, COMMUNITY_A)).toEqual({ unitId: town.units.chengguan, ruleId: r1.json().id, via: 'rule' });
    expect((await resolve(cat.e0505, COMMUNITY_T2))?.via).toBe('category_default'); // the other town is untouched

    // Everything in community B goes to the co-building school, except 非法小广告 which stays with the committee.
    const any = await office.put('/api/dispatch-rules', { categoryId: null, regionCode: COMMUNITY_B, unitId: unit.cobuild });
    const specific = await office.put('/api/dispatch-rules', { categoryId: cat.e0201, regionCode: COMMUNITY_B, unitId: town.units.committeeB });
    expect(any.statusCode).toBe(201);
    expect(specific.statusCode).toBe(201);
    expect(await resolve(cat.e0102, COMMUNITY_B)).toEqual({ unitId: unit.cobuild, ruleId: any.json().id, via: 'rule' });
    expect(await resolve(cat.e0201, COMMUNITY_B)).toEqual({ unitId: town.units.committeeB, ruleId: specific.json().id, via: 'rule' });
    // The longer region prefix wins over category: the town's 0505 rule loses to community B's any-category rule.
    expect((await resolve(cat.e0505, COMMUNITY_B))?.ruleId).toBe(any.json().id);
    // And a grid-level rule beats its community's.
    const grid = await office.put('/api/dispatch-rules', { categoryId: null, regionCode: GRID_A, unitId: unit.cobuild });
    expect(grid.statusCode).toBe(201);
    expect((await resolve(cat.e0201, GRID_A))?.ruleId).toBe(grid.json().id);
    expect((await resolve(cat.e0201, COMMUNITY_A))?.via).toBe('community');
  });

  it('PUT upserts by (category, region) with optimistic concurrency', async () => {
    const office = as(app, await login(app, 'office'));
    const again = await office.put('/api/dispatch-rules', { categoryId: cat.e0505, regionCode: TOWN, unitId: unit.jiaojing, version: 1 });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ unitId: unit.jiaojing, version: 2 });
    const stale = await office.put('/api/dispatch-rules', { categoryId: cat.e0505, regionCode: TOWN, unitId: town.units.chengguan, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
    const n = (await tdb.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM dispatch_rules WHERE category_id = ${cat.e0505}`)).rows[0].n;
    expect(n).toBe(1);
  });

  it('targets: own town or county units only, and only units that take problems', async () => {
    const office = as(app, await login(app, 'office'));
    const otherTown = await office.put('/api/dispatch-rules', { categoryId: null, regionCode: COMMUNITY_A, unitId: town.units.office2 });
    expect(otherTown.statusCode).toBe(400);
    expect(otherTown.json().error.fields[0]).toMatchObject({ path: 'unitId', message: expect.stringContaining('不是本镇可派遣的单位') });
    const volunteers = await office.put('/api/dispatch-rules', { categoryId: null, regionCode: COMMUNITY_A, unitId: unit.volunteers });
    expect(volunteers.statusCode).toBe(400);
    expect(volunteers.json().error.fields[0].message).toMatch(/不接收派遣/);
    const noCategory = await office.put('/api/dispatch-rules', { categoryId: 999999, regionCode: COMMUNITY_A, unitId: town.units.committeeA });
    expect(noCategory.statusCode).toBe(400);
  });

  it('another town’s office gets 404 for this town’s rules and regions', async () => {
    const office = as(app, await login(app, 'office'));
    const mine = (await office.get(`/api/dispatch-rules?regionCode=${COMMUNITY_B}`)).json().items;
    const id = mine.find((r: any) => r.regionCode === COMMUNITY_B && r.categoryId === null).id;
    const office2 = as(app, await login(app, 'office2'));
    expect((await office2.get(`/api/dispatch-rules/${id}`)).statusCode).toBe(404);
    expect((await office2.del(`/api/dispatch-rules/${id}`)).statusCode).toBe(404);
    expect((await office2.put('/api/dispatch-rules', { categoryId: null, regionCode: COMMUNITY_B, unitId: unit.cobuild })).statusCode).toBe(404);
    expect((await office2.get(`/api/dispatch-rules?regionCode=${COMMUNITY_B}`)).statusCode).toBe(404);
    expect((await office2.get(`/api/dispatch-rules/resolve?categoryId=${cat.e0201}&regionCode=${COMMUNITY_A}`)).statusCode).toBe(404);
    const list2 = (await office2.get('/api/dispatch-rules')).json().items;
    expect(list2.every((r: any) => !r.regionCode.startsWith(TOWN))).toBe(true);
    // office2 routes its own town, to its own committee or a county department.
    expect((await office2.put('/api/dispatch-rules', { categoryId: cat.c0291, regionCode: TOWN2, unitId: unit.jiaojing })).statusCode).toBe(201);
    expect((await office2.put('/api/dispatch-rules', { categoryId: null, regionCode: COMMUNITY_T2, unitId: unit.committeeT2 })).statusCode).toBe(201);
  });

  it('county-level rules set by the admin show to the office read-only', async () => {
    const admin = as(app, await login(app, 'admin'));
    const county = await admin.put('/api/dispatch-rules', { categoryId: cat.c0108, regionCode: COUNTY, unitId: unit.gongdian });
    expect(county.statusCode).toBe(201);
    const office = as(app, await login(app, 'office'));
    const seen = (await office.get('/api/dispatch-rules')).json().items.find((r: any) => r.id === county.json().id);
    expect(seen).toMatchObject({ regionCode: COUNTY, unitName: '国网长汀县供电公司', can: { update: false, delete: false } });
    expect((await office.del(`/api/dispatch-rules/${county.json().id}`)).statusCode).toBe(403);
    expect((await office.put('/api/dispatch-rules', { categoryId: cat.c0108, regionCode: COUNTY, unitId: unit.gongdian })).statusCode).toBe(404);
  });

  it('resolve shows the office where a problem would go and why', async () => {
    const office = as(app, await login(app, 'office'));
    const byRule = await office.get(`/api/dispatch-rules/resolve?categoryId=${cat.e0102}&regionCode=${COMMUNITY_B}`);
    expect(byRule.statusCode).toBe(200);
    expect(byRule.json()).toMatchObject({
      via: 'rule',
      unitId: unit.cobuild,
      unitName: '汀州镇中心小学',
      categoryName: '暴露垃圾',
      regionName: '东门街社区居民委员会',
    });
    expect(byRule.json().reason).toMatch(/^按调度规则：.*所有类别.*汀州镇中心小学/);
    const byDefault = await office.get(`/api/dispatch-rules/resolve?categoryId=${cat.c0291}&regionCode=${COMMUNITY_A}`);
    expect(byDefault.json()).toMatchObject({ via: 'category_default', unitName: '长汀县城市管理局' });
    expect(byDefault.json().reason).toContain('城市管理局');
    const byCommunity = await office.get(`/api/dispatch-rules/resolve?categoryId=${cat.e0201}&regionCode=${COMMUNITY_A}`);
    expect(byCommunity.json()).toMatchObject({ via: 'community', unitId: town.units.committeeA, ruleId: null });
    const none = await office.get(`/api/dispatch-rules/resolve?categoryId=${cat.e0201}&regionCode=350821100030`);
    expect(none.json()).toMatchObject({ unitId: null, via: null });
    expect(none.json().reason).toMatch(/人工派遣/);
    expect((await as(app, await login(app, 'cadrea')).get(`/api/dispatch-rules/resolve?regionCode=${COMMUNITY_A}`)).statusCode).toBe(403);
  });

  it('deleting a rule restores the fallback, and every change is audited', async () => {
    const office = as(app, await login(app, 'office'));
    const rule = (await office.get(`/api/dispatch-rules?regionCode=${COMMUNITY_B}`))
      .json()
      .items.find((r: any) => r.regionCode === COMMUNITY_B && r.categoryId === null);
    expect((await office.del(`/api/dispatch-rules/${rule.id}`)).statusCode).toBe(204);
    expect(await resolve(cat.e0102, COMMUNITY_B)).toEqual({ unitId: town.units.committeeB, ruleId: null, via: 'community' });
    expect((await office.del(`/api/dispatch-rules/${rule.id}`)).statusCode).toBe(404);
    const audits = (await tdb.db.execute<any>(sql`SELECT action, count(*)::int AS n FROM audit_log WHERE entity = 'dispatch_rule' GROUP BY action`)).rows;
    expect(Object.fromEntries(audits.map((a) => [a.action, a.n]))).toEqual({ create: 7, update: 1, delete: 1 });
  });
});
