// The 大屏 (issue 19 item 6) on real PostgreSQL: an office creates a display token for its town (shown once, only
// its digest kept, audited without it), a wall display reads the screen with it and nothing else, only within its
// region, until the token is revoked; a signed-in leader reads the same screen; the screen's figures are the
// registry's; the feed gives what happened since the last id; the forecast slot shows the forecast page's numbers.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { addPerson, as, COMMUNITY_A, COUNTY, login, TOWN, TOWN2, closeTown, openTown, type Town } from '../helpers/town.ts';
import { problemIn } from '../helpers/problems.ts';
import { setClock } from '../../server/platform/clock.ts';
import { figures } from '../../server/modules/figures/index.ts';
import { forgetShared } from '../../server/modules/screen/shared.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const c: Record<string, string> = {};
const NOW = new Date('2026-06-10T02:00:00Z');

const display = (token: string, url: string) => app.inject({ method: 'GET', url, headers: { 'x-display-token': token } });

beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true, checklists: true }));
  setClock(NOW);
  await addPerson(tdb.db, { name: '督查甲', username: 'supervisor', regionCode: TOWN, grants: [{ role: 'supervisor', region: TOWN }] });
  for (const who of ['office', 'office2', 'leader', 'supervisor', 'chief', 'county', 'cadrea', 'admin']) c[who] = await login(app, who);
  await problemIn(tdb.db, 'rectifying', { region: COMMUNITY_A, unit: town.units.committeeA, due: '2026-06-05', created: '2026-06-01T02:00:00Z' });
  await problemIn(tdb.db, 'reported', { region: COMMUNITY_A, created: '2026-06-10T01:00:00Z', lat: 25.83, lng: 116.36 });
});
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

async function create(who: string, body: { name: string; regionCode: string }) {
  return as(app, c[who]).post('/api/screen/tokens', body);
}

describe('display tokens', () => {
  let token: string;
  let id: number;

  it('an office creates one for its town: the token is answered once, only its digest kept, the audit row without it', async () => {
    const res = await create('office', { name: '镇政府一楼大厅', regionCode: TOWN });
    expect(res.statusCode, res.body).toBe(200);
    ({ token, id } = res.json());
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(res.json()).toMatchObject({ name: '镇政府一楼大厅', regionCode: TOWN, regionName: '汀州镇', revokedAt: null, url: `/screen?token=${token}` });
    const stored = (await tdb.db.execute<{ token_hash: string }>(sql`SELECT token_hash FROM display_tokens WHERE id = ${id}`)).rows[0];
    expect(stored.token_hash).not.toContain(token);
    const list = (await as(app, c.office).get('/api/screen/tokens')).json();
    expect(list.items).toEqual([expect.objectContaining({ id, name: '镇政府一楼大厅', canRevoke: true })]);
    expect(JSON.stringify(list)).not.toContain(token);
    const rows = (await tdb.db.execute<{ after: unknown }>(sql`SELECT after FROM audit_log WHERE entity = 'display_token' AND entity_id = ${String(id)}`)).rows;
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0].after)).not.toContain(token);
  });

  it('refuses a region outside the office’s, an empty name, and people without the right', async () => {
    const other = await create('office', { name: '大同镇', regionCode: TOWN2 });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields[0].path).toBe('regionCode');
    expect((await create('office', { name: '  ', regionCode: TOWN })).statusCode).toBe(400);
    expect((await create('office', { name: '网格', regionCode: `${COMMUNITY_A}001` })).statusCode).toBe(400);
    expect((await create('leader', { name: '书记办公室', regionCode: TOWN })).statusCode).toBe(403);
    expect((await create('cadrea', { name: '社区', regionCode: COMMUNITY_A })).statusCode).toBe(403);
    expect((await as(app, c.office2).get('/api/screen/tokens')).json().items).toEqual([]);
    expect((await create('county', { name: '县指挥中心', regionCode: COUNTY })).statusCode).toBe(200);
  });

  it('lets the display read its screen, a community inside its town, and nothing else', async () => {
    const s = await display(token, '/api/screen/summary');
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toMatchObject({ region: TOWN, regionName: '汀州镇', level: 'town', displayName: '镇政府一楼大厅', today: '2026-06-10', forecast: null });
    expect((await display(token, '/api/screen/map')).statusCode).toBe(200);
    expect((await display(token, '/api/screen/feed')).statusCode).toBe(200);
    expect((await display(token, `/api/screen/summary?region=${COMMUNITY_A}`)).json().level).toBe('community');
    expect((await display(token, `/api/screen/summary?region=${TOWN2}`)).statusCode).toBe(404);
    // The token is no session: every other route answers 401, and no cookie is set.
    for (const url of ['/api/problems', '/api/me', '/api/figures', '/api/screen/tokens']) expect((await display(token, url)).statusCode, url).toBe(401);
    expect(s.headers['set-cookie']).toBeUndefined();
    const used = (await as(app, c.office).get('/api/screen/tokens')).json().items[0];
    expect(used.lastUsedAt).not.toBeNull();
  });

  it('stops working once revoked; revoking twice is 409, another town’s office gets 404', async () => {
    expect((await as(app, c.office2).post(`/api/screen/tokens/${id}/revoke`)).statusCode).toBe(404);
    const res = await as(app, c.office).post(`/api/screen/tokens/${id}/revoke`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, canRevoke: false, revokedAt: expect.any(String) });
    const after = await display(token, '/api/screen/summary');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toContain('撤销');
    expect((await as(app, c.office).post(`/api/screen/tokens/${id}/revoke`)).statusCode).toBe(409);
    expect((await display('not-a-token', '/api/screen/summary')).statusCode).toBe(401);
  });
});

describe('the screen', () => {
  it('shows a signed-in leader and the county their region; refuses roles without the screen and anonymous callers', async () => {
    const leader = await as(app, c.leader).get('/api/screen/summary');
    expect(leader.statusCode, leader.body).toBe(200);
    expect(leader.json().region).toBe(TOWN);
    expect((await as(app, c.county).get('/api/screen/summary')).json()).toMatchObject({ region: COUNTY, level: 'county' });
    expect((await as(app, c.county).get(`/api/screen/summary?region=${TOWN2}`)).statusCode).toBe(200);
    expect((await as(app, c.leader).get(`/api/screen/summary?region=${TOWN2}`)).statusCode).toBe(404);
    expect((await as(app, c.supervisor).get('/api/screen/summary')).statusCode).toBe(403);
    expect((await as(app, c.chief).get('/api/screen/map')).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/screen/summary' })).statusCode).toBe(401);
    expect((await as(app, c.admin).get('/api/screen/summary')).statusCode).toBe(400);
    expect((await as(app, c.leader).get('/api/screen/summary?region=35082110')).statusCode).toBe(400);
  });

  it('shows the registry’s figures, the 30 days, the ranking, the forecast slot empty and volunteers missing until they exist', async () => {
    const s = (await as(app, c.leader).get('/api/screen/summary')).json();
    const reg = await figures(tdb.db, TOWN, { from: '2026-06-10', to: '2026-06-10' });
    const val = (list: { id: string; value: number | null }[], id: string) => list.find((f) => f.id === id)?.value;
    for (const id of ['problems.new', 'problems.open', 'problems.overdue']) expect(val(s.kpis.today, id), id).toBe(val(reg, id));
    expect(val(s.kpis.today, 'problems.new')).toBe(1);
    expect(val(s.kpis.month, 'problems.overdue')).toBe(1);
    expect(s.trend).toHaveLength(30);
    expect(s.trend.at(-1)).toEqual({ day: '2026-06-10', reported: 1, closed: 0 });
    expect(s.ranking.rows.length).toBeGreaterThan(0);
    expect(s.categories[0].count).toBeGreaterThan(0);
    const teams = s.mobilisation.find((f: { id: string }) => f.id === 'volunteers.teams');
    expect(teams).toBeDefined();
    expect(s.mobilisation.find((f: { id: string }) => f.id === 'activities.held').value).toBe(0);
  });

  it('draws the open problems’ heat and feeds what happened since the last id', async () => {
    const m = (await as(app, c.leader).get('/api/screen/map')).json();
    expect(m.heat).toEqual([[116.36, 25.83, 1]]);
    const mapWith = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/api/screen/map', headers: { cookie: c.leader, ...headers } });
    // A display that accepts gzip gets the same map gzipped; one that holds this version (its ETag) gets 304, no body.
    const zipped = await mapWith({ 'accept-encoding': 'gzip, deflate' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8'))).toEqual(m);
    const etag = String(zipped.headers.etag);
    expect(etag).toMatch(/^"[\w-]{27}-gz"$/);
    const held = await mapWith({ 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect([held.statusCode, held.body]).toEqual([304, '']);
    // The plain bytes have their own ETag: a display that does not take gzip revalidates those.
    const plain = await mapWith({});
    expect(plain.headers.etag).toBe(etag.replace('-gz"', '"'));
    expect((await mapWith({ 'if-none-match': String(plain.headers.etag) })).statusCode).toBe(304);
    expect((await mapWith({ 'if-none-match': etag })).statusCode).toBe(200);
    expect((await mapWith({ 'if-none-match': '"older"' })).json()).toEqual(m);
    const f = (await as(app, c.leader).get('/api/screen/feed')).json();
    const more = (await as(app, c.leader).get(`/api/screen/feed?after=${f.lastId ?? 0}`)).json();
    expect(more.items).toEqual([]);
    const ev = await tdb.db.execute<{ id: number }>(sql`INSERT INTO problem_events (problem_id, action, from_state, to_state)
      SELECT id, 'file', 'reported', 'filed' FROM problems WHERE state = 'reported' AND region_code = ${COMMUNITY_A} LIMIT 1 RETURNING id`);
    const next = (await as(app, c.leader).get(`/api/screen/feed?after=${f.lastId ?? 0}`)).json();
    expect(next.items).toEqual([expect.objectContaining({ id: Number(ev.rows[0].id), text: '立案 → 待派遣' })]);
    expect(next.lastId).toBe(Number(ev.rows[0].id));
    expect((await as(app, c.leader).get('/api/screen/feed?after=abc')).statusCode).toBe(400);
  });
});

describe('the forecast slot', () => {
  it('shows the town’s and the county’s forecast once a cycle exists: the forecast page’s numbers, a pillar without data incomplete', async () => {
    const systemId = (await as(app, c.office).post('/api/evaluation/systems/seed', { townCode: TOWN })).json().system.id;
    const cy = await as(app, c.office).put('/api/evaluation/cycles', { townCode: TOWN, year: 2026, systemId, testMonth: '2026-10', deadline: '2026-08-31' });
    expect(cy.statusCode, cy.body).toBe(200);
    // One market of the town evaluated at 7/10: the field pillar has data, the survey none.
    const placeId = Number(
      (
        await tdb.db.execute<{ id: number }>(
          sql`INSERT INTO places (kind, name, region_code, point_type) VALUES ('point', '水东市场', ${COMMUNITY_A}, 'market') RETURNING id`,
        )
      ).rows[0].id,
    );
    await tdb.db.execute(sql`INSERT INTO inspections (kind, state, town_code, region_code, place_id, inspector_id, inspector_name, on_date, started_at,
        finished_at, score, max_score, client_key)
      VALUES ('mock_evaluation', 'finished', ${TOWN}, ${COMMUNITY_A}, ${placeId}, ${town.people.office}, '测评员', '2026-06-08', now(), now(), 7, 10, 'screen-fc-1')`);
    forgetShared();
    for (const [who, region] of [
      ['leader', TOWN],
      ['county', COUNTY],
    ]) {
      const s = (await as(app, c[who]).get(`/api/screen/summary?region=${region}`)).json();
      const f = (await as(app, c[who]).get(`/api/evaluation/forecast?region=${region}&year=2026`)).json();
      expect(s.forecast, region).toMatchObject({ year: 2026, total: f.total, pillars: f.pillars });
      expect(s.forecast.drillUrl).toBe(`/evaluation/forecast?region=${region}&from=2026-01-01&to=2026-06-10`);
      expect(s.forecast.losses).toEqual(f.losses.slice(0, 3).map((l: any) => ({ code: l.code, name: l.name, pillar: l.pillar, lost: l.lost })));
      expect(s.forecast.pillars.field.rate).toBe(0.7);
      expect(s.forecast.pillars.survey).toMatchObject({ state: 'incomplete', score: null });
      expect(s.forecast.total.partial).toBe(true);
    }
    // A town with no cycle this year: the slot says so (null), never a zero forecast.
    expect((await as(app, c.county).get(`/api/screen/summary?region=${TOWN2}`)).json().forecast).toBeNull();
  });
});
