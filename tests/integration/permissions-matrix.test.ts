// For each write route (and the key reads), which roles may use it and what
// everyone else gets: 2xx for those allowed, 403 for those who can see the
// record but may not act, 404 for those who must not even see it, 401 for
// no session. Each attempt gets a fresh target, so one role's success never
// changes what the next role meets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, login, closeTown, openTown, type Town } from '../helpers/town.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let cat: number;
const cookies: Record<string, string> = {};
const ROLES = ['admin', 'county', 'office', 'office2', 'leader', 'cadrea', 'cadreb', 'chief', 'liaison', 'anonymous'] as const;
type Who = (typeof ROLES)[number];
type Expect = 'ok' | 403 | 404 | 401;

beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true }));
  cat = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = '乱堆物堆料' AND level = 2`)).rows[0].id;
  for (const r of ROLES) if (r !== 'anonymous') cookies[r] = await login(app, r);
});
afterAll(() => closeTown(app, tdb));

function call(who: Who, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) {
  return app.inject({ method, url, payload: payload as any, headers: who === 'anonymous' ? {} : { cookie: cookies[who] } });
}

/** A problem in 水东街社区 brought to `state` by the office (and the community), reported by the street chief. */
async function problemIn(state: 'reported' | 'dispatched' | 'rectified') {
  const chief = as(app, cookies.chief);
  let p = (await chief.post('/api/problems', { source: 'patrol', categoryId: cat, description: '巷口乱堆放', regionCode: COMMUNITY_A })).json();
  if (state === 'reported') return p;
  const office = as(app, cookies.office);
  p = (await office.post(`/api/problems/${p.id}/actions/file`, { version: p.version })).json();
  p = (await office.post(`/api/problems/${p.id}/actions/dispatch`, { version: p.version, unitId: town.units.committeeA })).json();
  if (state === 'dispatched') return p;
  const cadre = as(app, cookies.cadrea);
  p = (await cadre.post(`/api/problems/${p.id}/actions/accept`, { version: p.version })).json();
  const upload = await import('../helpers/photos.ts');
  const photo = (await upload.uploadPhoto(app, cookies.cadrea)).json().id;
  p = (await cadre.post(`/api/problems/${p.id}/actions/submit`, { version: p.version, note: '已清理', photoIds: [photo] })).json();
  expect(p.state).toBe('rectified');
  return p;
}

interface Case {
  name: string;
  expect: Partial<Record<Who, Expect>>;
  run: (who: Who) => Promise<{ statusCode: number; body: string }>;
}

let n = 0;
const CASES: Case[] = [
  {
    name: 'POST /api/places (a street in 水东街社区)',
    expect: { admin: 'ok', office: 'ok', county: 403, leader: 403, cadrea: 403, chief: 403, liaison: 403, office2: 404, cadreb: 404, anonymous: 401 },
    run: (who) => call(who, 'POST', '/api/places', { kind: 'street', regionCode: COMMUNITY_A, name: `矩阵巷${n++}` }),
  },
  {
    name: 'POST /api/problems (report in 水东街社区)',
    // The county viewer and a county-level unit's liaison write nothing in a town's problem loop.
    expect: { admin: 'ok', office: 'ok', county: 403, leader: 'ok', cadrea: 'ok', chief: 'ok', liaison: 403, office2: 403, cadreb: 403, anonymous: 401 },
    run: (who) => call(who, 'POST', '/api/problems', { source: 'self_check', categoryId: cat, description: '矩阵测试', regionCode: COMMUNITY_A }),
  },
  {
    name: 'GET /api/problems/:id',
    expect: { admin: 'ok', county: 'ok', office: 'ok', leader: 'ok', cadrea: 'ok', chief: 'ok', office2: 404, cadreb: 404, liaison: 404, anonymous: 401 },
    run: async (who) => call(who, 'GET', `/api/problems/${(await problemIn('reported')).id}`),
  },
  {
    name: 'file (立案) a reported problem',
    expect: { admin: 'ok', office: 'ok', county: 403, leader: 403, cadrea: 403, chief: 403, office2: 404, cadreb: 404, liaison: 404, anonymous: 401 },
    run: async (who) => {
      const p = await problemIn('reported');
      return call(who, 'POST', `/api/problems/${p.id}/actions/file`, { version: p.version });
    },
  },
  {
    name: 'accept (接收) a problem dispatched to 水东街社区居委会',
    expect: { cadrea: 'ok', admin: 403, office: 403, county: 403, leader: 403, chief: 403, office2: 404, cadreb: 404, liaison: 404, anonymous: 401 },
    run: async (who) => {
      const p = await problemIn('dispatched');
      return call(who, 'POST', `/api/problems/${p.id}/actions/accept`, { version: p.version });
    },
  },
  {
    name: 'verify_pass (核查通过) a rectified problem',
    expect: { admin: 'ok', office: 'ok', county: 403, leader: 403, cadrea: 403, chief: 403, office2: 404, cadreb: 404, liaison: 404, anonymous: 401 },
    run: async (who) => {
      const p = await problemIn('rectified');
      return call(who, 'POST', `/api/problems/${p.id}/actions/verify_pass`, { version: p.version });
    },
  },
  {
    name: 'request an extension',
    expect: { cadrea: 'ok', admin: 403, office: 403, leader: 403, chief: 403, county: 403, office2: 404, cadreb: 404, liaison: 404, anonymous: 401 },
    run: async (who) => {
      const p = await problemIn('dispatched');
      return call(who, 'POST', `/api/problems/${p.id}/extensions`, { days: 2, reason: '需协调' });
    },
  },
  {
    name: 'PUT /api/dispatch-rules (a rule for 水东街社区)',
    expect: { admin: 'ok', office: 'ok', county: 403, leader: 403, cadrea: 403, cadreb: 403, chief: 403, liaison: 403, anonymous: 401 },
    run: (who) => call(who, 'PUT', '/api/dispatch-rules', { categoryId: cat, regionCode: COMMUNITY_A, unitId: town.units.committeeA }),
  },
  {
    name: 'POST /api/people',
    expect: { admin: 'ok', office: 'ok', county: 403, leader: 403, cadrea: 403, cadreb: 403, chief: 403, liaison: 403, anonymous: 401 },
    run: (who) => call(who, 'POST', '/api/people', { name: '矩阵人员', phone: `139${String(10_000_000 + n++).slice(-8)}`, regionCode: COMMUNITY_A, roles: [] }),
  },
  {
    name: 'PATCH /api/categories/:id',
    expect: { admin: 'ok', office: 403, county: 403, leader: 403, cadrea: 403, chief: 403, liaison: 403, anonymous: 401 },
    run: async (who) => {
      const c = (await tdb.db.execute<{ version: number }>(sql`SELECT version FROM categories WHERE id = ${cat}`)).rows[0];
      return call(who, 'PATCH', `/api/categories/${cat}`, { version: c.version, deadlineDays: 2 });
    },
  },
  {
    name: 'PUT /api/calendar/days/:day',
    expect: { admin: 'ok', office: 403, county: 403, leader: 403, cadrea: 403, chief: 403, anonymous: 401 },
    run: (who) => call(who, 'PUT', '/api/calendar/days/2026-12-31', { kind: 'holiday', name: '测试' }),
  },
  {
    name: 'GET /api/audit',
    expect: { admin: 'ok', office: 403, county: 403, leader: 403, cadrea: 403, chief: 403, liaison: 403, anonymous: 401 },
    run: (who) => call(who, 'GET', '/api/audit'),
  },
];

describe('who may use each route', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const got: Record<string, number> = {};
      const want: Record<string, number | string> = {};
      for (const [who, e] of Object.entries(c.expect) as [Who, Expect][]) {
        const r = await c.run(who);
        got[who] = r.statusCode;
        want[who] = e;
        if (e === 'ok' && r.statusCode >= 200 && r.statusCode < 300) got[who] = 0;
        if (e === 'ok') want[who] = 0;
      }
      expect(got).toEqual(want);
    });
  }
});
