// A publicity facility's detail (issue 18 item 2, the detail page): its
// condition history from the audit log — recorded, the condition changed,
// reported damaged with the problem that opened — and the problems opened
// from it, newest first; a change that leaves the condition alone is not
// history; another town's facility stays hidden (404).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, COMMUNITY_A, login, openTown, type Town } from '../helpers/town.ts';
import { setClock } from '../../server/platform/clock.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let office: ReturnType<typeof as>;

beforeAll(async () => {
  setClock(new Date('2026-12-06T10:00:00+08:00'));
  ({ tdb, app, town } = await openTown({ categories: true, calendar: true }));
  office = as(app, await login(app, 'office'));
}, 120_000);
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

describe('a facility’s history', () => {
  it('lists the record, each condition change and each damage report with its problem; the problems newest first', async () => {
    const kinds = (await office.get('/api/publicity/terms')).json().kinds;
    const body = {
      name: '水东街宣传栏',
      kindId: kinds.find((k: any) => k.code === 'bulletin_board').id,
      regionCode: COMMUNITY_A,
      ownerUnitId: town.units.committeeA,
      condition: 'good',
      lat: 25.83,
      lng: 116.37,
    };
    const made = await office.post('/api/publicity/facilities', body);
    expect(made.statusCode).toBe(201);
    const f = made.json();
    expect(f.history).toMatchObject([{ action: 'created', label: '登记', fromCondition: null, toCondition: 'good', actorName: '镇创城办甲' }]);
    expect(f.problems).toEqual([]);
    // A change that keeps the condition is no history; one that moves it is.
    const renamed = (await office.put(`/api/publicity/facilities/${f.id}`, { ...body, name: '水东街宣传栏（东）', version: f.version })).json();
    expect(renamed.history).toHaveLength(1);
    const outdated = (await office.put(`/api/publicity/facilities/${f.id}`, { ...body, condition: 'outdated', version: renamed.version })).json();
    expect(outdated.history.at(-1)).toMatchObject({ action: 'changed', fromCondition: 'good', toCondition: 'outdated' });
    const p1 = await office.post(`/api/publicity/facilities/${f.id}/damage`, { note: '面板碎裂' });
    expect(p1.statusCode).toBe(201);
    const back = (await office.get(`/api/publicity/facilities/${f.id}`)).json();
    await office.put(`/api/publicity/facilities/${f.id}`, { ...body, condition: 'good', version: back.version });
    const p2 = (await office.post(`/api/publicity/facilities/${f.id}/damage`, { note: '又被撕毁' })).json();
    const d = (await office.get(`/api/publicity/facilities/${f.id}`)).json();
    expect(d.history.map((e: any) => `${e.action}:${e.fromCondition ?? ''}>${e.toCondition}`)).toEqual([
      'created:>good',
      'changed:good>outdated',
      'damaged:outdated>damaged',
      'changed:damaged>good',
      'damaged:good>damaged',
    ]);
    expect(d.history[2].problem).toMatchObject({ id: p1.json().id, code: p1.json().code, stateLabel: expect.any(String) });
    expect(d.problems.map((p: any) => p.id)).toEqual([p2.id, p1.json().id]);
    expect(d.problem.id).toBe(p2.id);
    // Another town's office does not see it at all.
    const other = as(app, await login(app, 'office2'));
    expect((await other.get(`/api/publicity/facilities/${f.id}`)).statusCode).toBe(404);
  });
});
