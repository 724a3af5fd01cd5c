// A unit's liaisons (issue 12 item 5): the office sees the co-building units
// paired with its communities and the county departments it dispatches to
// (read-only), and adds and removes liaisons of its own town's units; the
// liaisons of county-level units are the county office's (or an admin's).
// Ids in bodies are checked like ids in paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { TestDb } from '../helpers/db.ts';
import { addPerson, as, COMMUNITY_A, COUNTY, closeTown, login, openTown, TOWN, TOWN2, type Town } from '../helpers/town.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const unit: Record<string, number> = {};
const cookies: Record<string, string> = {};
let townPerson: number;
let otherTownPerson: number;

async function addUnit(kind: string, name: string, regionCode: string, paired: string[] = []) {
  const id = (await tdb.db.execute<{ id: number }>(sql`INSERT INTO units (kind, name, region_code) VALUES (${kind}, ${name}, ${regionCode}) RETURNING id`))
    .rows[0].id;
  for (const c of paired) await tdb.db.execute(sql`INSERT INTO unit_communities (unit_id, community_code) VALUES (${id}, ${c})`);
  return Number(id);
}

beforeAll(async () => {
  ({ tdb, town, app } = await openTown());
  unit.caizheng = await addUnit('co_building', '长汀县财政局', COUNTY, [COMMUNITY_A]); // county-level, paired with 水东街
  unit.school = await addUnit('co_building', '汀州镇中心小学', TOWN); // the town's own
  unit.townDept = await addUnit('department', '汀州镇综合执法队', TOWN);
  unit.other = await addUnit('department', '大同镇综合执法队', TOWN2);
  townPerson = await addPerson(tdb.db, { name: '镇干部甲', username: 'townperson', regionCode: TOWN, grants: [{ role: 'volunteer', unit: unit.school }] });
  otherTownPerson = await addPerson(tdb.db, { name: '大同镇干部', username: 'otherperson', regionCode: TOWN2, grants: [] });
  for (const who of ['office', 'office2', 'county', 'admin', 'leader']) cookies[who] = await login(app, who);
});
afterAll(() => closeTown(app, tdb));

describe('what the office sees', () => {
  it('sees a co-building unit paired with its community and the county department it dispatches to, read-only, with their liaisons masked', async () => {
    const office = as(app, cookies.office);
    const paired = await office.get(`/api/units/${unit.caizheng}`);
    expect(paired.statusCode).toBe(200);
    expect(paired.json().can).toMatchObject({ update: false, delete: false, liaisons: false });
    const dept = await office.get(`/api/units/${town.units.chengguan}/liaisons`);
    expect(dept.statusCode).toBe(200);
    expect(dept.json().can.manage).toBe(false);
    expect(dept.json().items).toEqual([expect.objectContaining({ name: '城管联络员', phone: '138****0008' })]);
    const listed = (await office.get('/api/units')).json().items.map((u: { id: number }) => u.id);
    expect(listed).toEqual(expect.arrayContaining([unit.caizheng, town.units.chengguan, unit.school]));
    expect(listed).not.toContain(unit.other);
  });

  it('refuses, with the reason, a liaison for a county-level unit', async () => {
    const r = await as(app, cookies.office).post(`/api/units/${unit.caizheng}/liaisons`, { name: '财政局联络员', phone: '13900000101' });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.message).toContain('县创城办');
    const del = await as(app, cookies.office).del(`/api/units/${town.units.chengguan}/liaisons/${town.people.liaison}`);
    expect(del.statusCode).toBe(403);
    expect(await grants(town.people.liaison)).toEqual([{ role: 'unit_liaison', unit: town.units.chengguan }]);
  });

  it('answers 404 to another town’s office and to a leader nothing to change', async () => {
    expect((await as(app, cookies.office2).get(`/api/units/${unit.school}/liaisons`)).statusCode).toBe(404);
    expect((await as(app, cookies.office2).post(`/api/units/${unit.school}/liaisons`, { name: '越权', phone: '13900000102' })).statusCode).toBe(404);
    expect((await as(app, cookies.leader).post(`/api/units/${unit.school}/liaisons`, { name: '越权', phone: '13900000103' })).statusCode).toBe(403);
  });
});

async function grants(personId: number) {
  return (
    await tdb.db.execute<{ role: string; unit: number | null }>(
      sql`SELECT role, scope_unit_id AS unit FROM role_grants WHERE person_id = ${personId} ORDER BY id`,
    )
  ).rows.map((g) => ({ role: g.role, unit: g.unit == null ? null : Number(g.unit) }));
}

describe('the office manages its own units’ liaisons', () => {
  it('adds a new liaison, who signs in once with the one-time password and then acts for the unit', async () => {
    const r = await as(app, cookies.office).post(`/api/units/${unit.school}/liaisons`, { name: '小学联络员', phone: '13900000104', title: '总务主任' });
    expect(r.statusCode, r.body).toBe(201);
    const { liaison, initialPassword } = r.json();
    expect(liaison).toMatchObject({ name: '小学联络员', phone: '13900000104', title: '总务主任', active: true });
    expect(initialPassword).toMatch(/\S{8,}/);
    expect(await grants(liaison.id)).toEqual([{ role: 'unit_liaison', unit: unit.school }]);
    const [p] = (
      await tdb.db.execute<{ region_code: string; unit_id: number; must_change_password: boolean }>(
        sql`SELECT region_code, unit_id, must_change_password FROM people WHERE id = ${liaison.id}`,
      )
    ).rows;
    expect(p).toMatchObject({ region_code: TOWN, unit_id: unit.school, must_change_password: true });
    const list = (await as(app, cookies.office).get(`/api/units/${unit.school}/liaisons`)).json();
    expect(list.can.manage).toBe(true);
    expect(list.items.map((x: { name: string }) => x.name)).toEqual(['小学联络员']);
    const audit = await tdb.db.execute(sql`SELECT 1 FROM audit_log WHERE entity = 'person' AND entity_id = ${String(liaison.id)} AND action = 'create'`);
    expect(audit.rows.length).toBe(1);
  });

  it('makes an existing person of its town a liaison, and refuses a person of another town or of the county named in the body', async () => {
    const office = as(app, cookies.office);
    const ok = await office.post(`/api/units/${unit.townDept}/liaisons`, { personId: townPerson });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await grants(townPerson)).toEqual([
      { role: 'volunteer', unit: unit.school },
      { role: 'unit_liaison', unit: unit.townDept },
    ]);
    expect((await office.post(`/api/units/${unit.townDept}/liaisons`, { personId: townPerson })).statusCode).toBe(409);
    for (const personId of [otherTownPerson, town.people.liaison, town.people.county]) {
      const r = await office.post(`/api/units/${unit.townDept}/liaisons`, { personId });
      expect(r.statusCode, String(personId)).toBe(400);
      expect(r.json().error.fields[0]).toMatchObject({ path: 'personId' });
    }
    expect(await grants(otherTownPerson)).toEqual([]);
  });

  it('removes a liaison; removing again is 404', async () => {
    const office = as(app, cookies.office);
    const gone = await office.del(`/api/units/${unit.townDept}/liaisons/${townPerson}`);
    expect([gone.statusCode, gone.body]).toEqual([204, '']);
    expect(await grants(townPerson)).toEqual([{ role: 'volunteer', unit: unit.school }]);
    expect((await office.del(`/api/units/${unit.townDept}/liaisons/${townPerson}`)).statusCode).toBe(404);
  });

  it('refuses a liaison for a unit that has none, a taken phone and a missing name', async () => {
    const office = as(app, cookies.office);
    expect((await office.post(`/api/units/${town.units.committeeA}/liaisons`, { name: '居委会联络员', phone: '13900000105' })).statusCode).toBe(400);
    const dup = await office.post(`/api/units/${unit.school}/liaisons`, { name: '重复', phone: '13859710008' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE');
    const noName = await office.post(`/api/units/${unit.school}/liaisons`, { phone: '13900000106' });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.fields[0].path).toBe('name');
  });
});

describe('county-level units', () => {
  it('the county office adds and removes their liaisons, but not a town unit’s', async () => {
    const county = as(app, cookies.county);
    const r = await county.post(`/api/units/${unit.caizheng}/liaisons`, { name: '财政局联络员', phone: '13900000107' });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().liaison.id;
    expect(await grants(id)).toEqual([{ role: 'unit_liaison', unit: unit.caizheng }]);
    expect((await county.get(`/api/units/${unit.caizheng}`)).json().can.liaisons).toBe(true);
    expect((await county.post(`/api/units/${unit.school}/liaisons`, { name: '越权', phone: '13900000108' })).statusCode).toBe(403);
    expect((await county.del(`/api/units/${unit.caizheng}/liaisons/${id}`)).statusCode).toBe(204);
    expect((await as(app, cookies.admin).post(`/api/units/${unit.caizheng}/liaisons`, { personId: id })).statusCode).toBe(201);
  });
});
