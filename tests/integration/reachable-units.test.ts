// A town's reachable units (issue 10): its own units, the units paired with
// its communities, its county's departments, and nothing else. Dispatch,
// file-and-dispatch at intake, the dispatch matrix, category defaults and the
// picker all give the same answer; the SQL twin agrees with the domain rule.
// And the problem loop is a town's own: the county viewer reads but writes
// nothing in it; a county-level unit's liaison acts only as an assignee.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { TestDb } from '../helpers/db.ts';
import { addPerson, as, COMMUNITY_A, COMMUNITY_B, COUNTY, login, TOWN, TOWN2, closeTown, openTown, type Town } from '../helpers/town.ts';
import { reachVia } from '../../domain/units.ts';
import { reachableSql } from '../../server/db/scope.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let cat: number; // 乱堆物堆料: routed to the community committee by default
const COMMUNITY_T2 = '350821101201'; // a community of 大同镇
const unit: Record<string, number> = {};
const cookies: Record<string, string> = {};

async function addUnit(kind: string, name: string, regionCode: string, paired: string[] = []) {
  const id = (await tdb.db.execute<{ id: number }>(sql`INSERT INTO units (kind, name, region_code) VALUES (${kind}, ${name}, ${regionCode}) RETURNING id`))
    .rows[0].id;
  for (const c of paired) await tdb.db.execute(sql`INSERT INTO unit_communities (unit_id, community_code) VALUES (${id}, ${c})`);
  return id;
}

beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true }));
  cat = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = '乱堆物堆料' AND level = 2`)).rows[0].id;
  unit.caizheng = await addUnit('co_building', '长汀县财政局', COUNTY, [COMMUNITY_A]); // 挂钩共建 with 水东街
  // Someone signs in for it, so work sent there reaches a person.
  await addPerson(tdb.db, {
    name: '财政局联络员',
    username: 'caizheng',
    phone: '13859719001',
    regionCode: COUNTY,
    unitId: unit.caizheng,
    grants: [{ role: 'unit_liaison', unit: unit.caizheng }],
  });
  unit.shuiwu = await addUnit('co_building', '长汀县水务局', COUNTY, [COMMUNITY_T2]); // paired with 大同镇 only
  unit.yinhang = await addUnit('co_building', '长汀县农商银行', COUNTY); // paired with nobody
  unit.committeeT2 = await addUnit('community_committee', '大同镇某社区居委会', COMMUNITY_T2);
  unit.deptT2 = await addUnit('department', '大同镇综合执法队', TOWN2);
  unit.volunteers = await addUnit('volunteer_team', '汀州镇志愿服务队', TOWN);
  for (const who of ['office', 'office2', 'county', 'liaison', 'admin', 'cadrea']) cookies[who] = await login(app, who);
});
afterAll(() => closeTown(app, tdb));

async function reported(regionCode = COMMUNITY_A) {
  const r = await as(app, cookies.office).post('/api/problems', { source: 'self_check', categoryId: cat, description: '巷口堆放杂物', regionCode });
  expect(r.statusCode).toBe(201);
  return r.json() as { id: number; version: number; state: string };
}

async function filed() {
  const p = await reported();
  const r = await as(app, cookies.office).post(`/api/problems/${p.id}/actions/file`, { version: p.version });
  expect(r.statusCode).toBe(200);
  return r.json() as { id: number; version: number; state: string };
}

describe('the dispatch picker', () => {
  it('lists the town’s own units, the units paired with its communities and the county’s departments, grouped', async () => {
    const r = await as(app, cookies.office).get(`/api/units/reachable?regionCode=${COMMUNITY_A}`);
    expect(r.statusCode).toBe(200);
    const items = r.json().items as { id: number; via: string; viaLabel: string; kind: string }[];
    const via = Object.fromEntries(items.map((u) => [u.id, u.via]));
    expect(via[town.units.office]).toBe('own');
    expect(via[town.units.committeeA]).toBe('own');
    expect(via[town.units.committeeB]).toBe('own');
    expect(via[unit.caizheng]).toBe('paired');
    expect(via[town.units.chengguan]).toBe('county_department');
    for (const other of [unit.shuiwu, unit.yinhang, unit.committeeT2, unit.deptT2, town.units.office2, unit.volunteers, town.units.county]) {
      expect(via[other], `unit ${other}`).toBeUndefined();
    }
    expect(items.find((u) => u.via === 'paired')?.viaLabel).toBe('挂钩共建单位');
    expect(items.find((u) => u.via === 'county_department')?.viaLabel).toBe('县级职能部门');
  });

  it('finds a county department by name, and answers another town’s region with 404', async () => {
    const r = await as(app, cookies.office).get(`/api/units/reachable?regionCode=${COMMUNITY_A}&q=${encodeURIComponent('城市管理')}`);
    expect(r.json().items.map((u: { id: number }) => u.id)).toEqual([town.units.chengguan]);
    expect((await as(app, cookies.office2).get(`/api/units/reachable?regionCode=${COMMUNITY_A}`)).statusCode).toBe(404);
    expect((await as(app, cookies.county).get(`/api/units/reachable?regionCode=${COMMUNITY_A}`)).statusCode).toBe(404);
  });
});

describe('the units an office sees', () => {
  it('include the co-building units paired with its communities and the county departments, read-only', async () => {
    const office = as(app, cookies.office);
    const items = (await office.get('/api/units')).json().items as { id: number; can: { update: boolean } }[];
    const seen = new Map(items.map((u) => [u.id, u]));
    expect(seen.get(unit.caizheng)?.can.update).toBe(false);
    expect(seen.get(town.units.chengguan)?.can.update).toBe(false);
    expect(seen.get(town.units.committeeA)?.can.update).toBe(true);
    for (const other of [unit.shuiwu, unit.yinhang, unit.committeeT2, unit.deptT2, town.units.office2]) expect(seen.has(other), `unit ${other}`).toBe(false);
    expect((await office.get(`/api/units/${unit.caizheng}`)).statusCode).toBe(200);
    expect((await office.get(`/api/units/${unit.shuiwu}`)).statusCode).toBe(404);
    const patch = await office.patch(`/api/units/${unit.caizheng}`, { version: 1, name: '县财政局（改名）' });
    expect(patch.statusCode).toBe(403);
  });
});

describe('dispatch refuses what the town cannot reach', () => {
  it('refuses another town’s unit with 400 and a reason, leaving the problem as it was', async () => {
    const p = await filed();
    for (const target of [unit.committeeT2, unit.deptT2, unit.shuiwu, unit.yinhang]) {
      const r = await as(app, cookies.office).post(`/api/problems/${p.id}/actions/dispatch`, { version: p.version, unitId: target });
      expect(r.statusCode, `unit ${target}`).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION_FAILED');
      expect(r.json().error.fields[0]).toMatchObject({ path: 'unitId' });
      expect(r.json().error.fields[0].message).toContain('不是本镇可派遣的单位');
    }
    const after = (await as(app, cookies.office).get(`/api/problems/${p.id}`)).json();
    expect(after).toMatchObject({ state: 'filed', version: p.version });
  });

  it('refuses a unit that takes no problems (a volunteer team)', async () => {
    const p = await filed();
    const r = await as(app, cookies.office).post(`/api/problems/${p.id}/actions/dispatch`, { version: p.version, unitId: unit.volunteers });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields[0].message).toContain('不接收派遣');
  });

  it('the admin is held to the problem’s town too', async () => {
    const p = await filed();
    const r = await as(app, cookies.admin).post(`/api/problems/${p.id}/actions/dispatch`, { version: p.version, unitId: unit.committeeT2 });
    expect(r.statusCode).toBe(400);
  });

  it('sends to a paired co-building unit and to a county department', async () => {
    for (const target of [unit.caizheng, town.units.chengguan]) {
      const p = await filed();
      const r = await as(app, cookies.office).post(`/api/problems/${p.id}/actions/dispatch`, { version: p.version, unitId: target });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ state: 'dispatched' });
      expect((await as(app, cookies.office).get(`/api/problems/${p.id}`)).json().unit.id).toBe(target);
    }
  });

  it('file-and-dispatch at intake refuses another town’s unit and creates nothing', async () => {
    const count = async () => Number((await tdb.db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM problems`)).rows[0].n);
    const before = await count();
    const r = await as(app, cookies.office).post('/api/problems', {
      source: 'self_check',
      categoryId: cat,
      description: '派往外镇',
      regionCode: COMMUNITY_A,
      then: 'dispatch',
      unitId: unit.committeeT2,
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields[0].path).toBe('unitId');
    expect(await count()).toBe(before);
  });
});

describe('the dispatch matrix keeps to reachable units', () => {
  it('refuses a rule that sends the town’s problems to another town’s unit or an unpaired co-building unit', async () => {
    for (const target of [unit.committeeT2, unit.yinhang]) {
      const r = await as(app, cookies.office).put('/api/dispatch-rules', { categoryId: cat, regionCode: COMMUNITY_A, unitId: target });
      expect(r.statusCode, `unit ${target}`).toBe(400);
      expect(r.json().error.fields[0].path).toBe('unitId');
    }
    const ok = await as(app, cookies.office).put('/api/dispatch-rules', { categoryId: cat, regionCode: COMMUNITY_B, unitId: unit.caizheng });
    expect(ok.statusCode).toBeLessThan(300); // paired with 水东街, a community of the same town
  });

  it('skips a rule whose unit is no longer reachable (the pairing ended) and falls back to the community', async () => {
    const paired = await addUnit('co_building', '长汀县税务局', COUNTY, [COMMUNITY_A]);
    const put = await as(app, cookies.office).put('/api/dispatch-rules', { categoryId: cat, regionCode: COMMUNITY_A, unitId: paired });
    expect(put.statusCode).toBeLessThan(300);
    const explain = async () => (await as(app, cookies.office).get(`/api/dispatch-rules/resolve?categoryId=${cat}&regionCode=${COMMUNITY_A}`)).json();
    expect(await explain()).toMatchObject({ unitId: paired, via: 'rule' });
    await tdb.db.execute(sql`DELETE FROM unit_communities WHERE unit_id = ${paired}`);
    expect(await explain()).toMatchObject({ unitId: town.units.committeeA, via: 'community' });
  });
});

describe('the SQL twin agrees with the domain rule', () => {
  it('for every unit, from a community, a town, another town and the county', async () => {
    const units = (
      await tdb.db.execute<{ id: number; kind: string; region_code: string; paired: string[] }>(sql`
      SELECT u.id, u.kind, u.region_code, COALESCE(array_agg(x.community_code) FILTER (WHERE x.community_code IS NOT NULL), '{}') AS paired
      FROM units u LEFT JOIN unit_communities x ON x.unit_id = u.id GROUP BY u.id`)
    ).rows;
    expect(units.length).toBeGreaterThan(8);
    for (const from of [COMMUNITY_A, TOWN, COMMUNITY_T2, TOWN2, COUNTY]) {
      const r = reachableSql(from);
      const rows = (await tdb.db.execute<{ id: number; via: string | null }>(sql`SELECT u.id, CASE WHEN ${r.where} THEN ${r.via} END AS via FROM units u`))
        .rows;
      const bySql = new Map(rows.map((x) => [Number(x.id), x.via]));
      for (const u of units) {
        expect(bySql.get(Number(u.id)) ?? null, `${from} → unit ${u.id}`).toBe(
          reachVia(from, { kind: u.kind, regionCode: u.region_code, pairedCommunities: u.paired }),
        );
      }
    }
  });
});

describe('the problem loop is the town’s own', () => {
  it('the county viewer reads a town’s problems but cannot report, import or follow', async () => {
    const p = await reported();
    const county = as(app, cookies.county);
    expect((await county.get(`/api/problems/${p.id}`)).statusCode).toBe(200);
    const report = await county.post('/api/problems', { source: 'self_check', categoryId: cat, description: '县里代报', regionCode: COMMUNITY_A });
    expect(report.statusCode).toBe(403);
    const follow = await county.post(`/api/problems/${p.id}/follow`, { phone: '13800001111' });
    expect(follow.statusCode).toBe(403);
    const followers = (await tdb.db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM problem_followers WHERE problem_id = ${p.id}`)).rows[0].n;
    expect(Number(followers)).toBe(0);
    const me = (await county.get('/api/me')).json();
    expect(me.can['problem.report']).toBe(false);
  });

  it('a county-level unit’s liaison cannot report into a town, yet accepts what is dispatched to its unit', async () => {
    const liaison = as(app, cookies.liaison);
    const r = await liaison.post('/api/problems', { source: 'self_check', categoryId: cat, description: '城管代报', regionCode: COMMUNITY_A });
    expect(r.statusCode).toBe(403);
    const p = await filed();
    const d = await as(app, cookies.office).post(`/api/problems/${p.id}/actions/dispatch`, { version: p.version, unitId: town.units.chengguan });
    expect(d.statusCode).toBe(200);
    const a = await liaison.post(`/api/problems/${p.id}/actions/accept`, { version: d.json().version });
    expect(a.statusCode).toBe(200);
    expect(a.json().state).toBe('rectifying');
  });
});
