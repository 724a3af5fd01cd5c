// The route-table fuzz test: every route buildApp registers (read from its
// own route table, never a hand list), every field of its params,
// querystring and body, attacked with wrong types, NUL, lone surrogates,
// 1 MB strings, ids ≥ 2^31, impossible dates, deep nesting and malformed
// JSON/multipart (tests/helpers/fuzz.ts), as anonymous and as three staff
// roles with real sessions. It fails on any 5xx, any error body outside
// {error: {code, message, fields?, details?}} with a documented code and a
// Chinese message, any request unanswered after 10 s, and any 400 an
// anonymous caller gets from a staff route (authentication comes first).
// FUZZ_SEED replays a run; FUZZ_PER_ROUTE scales it.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { closeTown, COMMUNITY_A, COMMUNITY_B, COUNTY, login, openTown, TOWN, TOWN2, type Town } from '../helpers/town.ts';
import { runFuzz } from '../helpers/fuzz-run.ts';
import { COOKIE, invalidateSessions, tokenId } from '../../server/platform/session.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const SCALE = Number(process.env.FUZZ_PER_ROUTE ?? 1);
const STAFF = ['office', 'county', 'chief'] as const;
/** Region codes that exist, so the fuzzer's other fields pass and its attack reaches the inner code. */
const KNOWN = [COUNTY, TOWN, TOWN2, COMMUNITY_A, COMMUNITY_B];

/** Routes an anonymous caller may use: they validate first. Every other route answers 401 before anything else. */
const isPublic = (url: string) => url.startsWith('/api/public/') || url === '/api/auth/login' || url === '/api/health';
/** A path Fastify could not decode or route: refused before any route (and its authentication) is known, naming no field. */
const unroutable = (res: { statusCode: number; body: string }) =>
  res.statusCode >= 400 && res.statusCode < 500 && /^\{"error":\{"code":"(BAD_REQUEST|ROUTE_NOT_FOUND)","message":"[^"]*"\}\}$/.test(res.body);

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const cookies: Record<string, string> = {};
let grantsSnapshot: { person_id: number; role: string; scope_region_code: string | null; scope_unit_id: number | null }[] = [];
let peopleSnapshot: { id: number; region_code: string; unit_id: number | null }[] = [];

beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true, checklists: true }));
  for (const who of STAFF) cookies[who] = await login(app, who);
  const ids = STAFF.map((w) => town.people[w]);
  peopleSnapshot = (await tdb.db.execute<any>(sql`SELECT id, region_code, unit_id FROM people WHERE id = ANY(${sql.param(ids)}::int[])`)).rows;
  grantsSnapshot = (
    await tdb.db.execute<any>(sql`SELECT person_id, role, scope_region_code, scope_unit_id FROM role_grants WHERE person_id = ANY(${sql.param(ids)}::int[])`)
  ).rows;
}, 120_000);
afterAll(() => closeTown(app, tdb));

/**
 * The fuzzer may sign its callers out, deactivate them or change their roles
 * (it is office staff): put them back as they were, with a new session if
 * theirs is gone, so every route meets the same callers.
 */
async function restoreCallers() {
  for (const p of peopleSnapshot) {
    await tdb.db.execute(
      sql`UPDATE people SET active = true, must_change_password = false, region_code = ${p.region_code}, unit_id = ${p.unit_id} WHERE id = ${p.id}`,
    );
    await tdb.db.execute(sql`DELETE FROM role_grants WHERE person_id = ${p.id}`);
    for (const g of grantsSnapshot.filter((x) => x.person_id === p.id)) {
      await tdb.db.execute(
        sql`INSERT INTO role_grants (person_id, role, scope_region_code, scope_unit_id) VALUES (${p.id}, ${g.role}, ${g.scope_region_code}, ${g.scope_unit_id})`,
      );
    }
  }
  invalidateSessions();
  for (const who of STAFF) {
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookies[who] } });
    if (me.statusCode === 200) continue;
    const token = crypto.randomBytes(32).toString('base64url');
    await tdb.db.execute(sql`INSERT INTO sessions (id, person_id, expires_at) VALUES (${tokenId(token)}, ${town.people[who]}, now() + interval '1 day')`);
    cookies[who] = `${COOKIE}=${token}`;
  }
}

describe('route-table fuzz', () => {
  it('no route answers 5xx, an undocumented error shape or nothing at all, for any caller', async () => {
    expect(app.routeTable.length).toBeGreaterThan(100);
    const run = await runFuzz(app, {
      seed: SEED,
      known: KNOWN,
      callers: [
        { name: 'anonymous', cookie: () => null, count: 6 * SCALE },
        { name: 'office', cookie: () => cookies.office, count: 14 * SCALE, sweep: true },
        { name: 'county', cookie: () => cookies.county, count: 6 * SCALE },
        { name: 'chief', cookie: () => cookies.chief, count: 4 * SCALE },
      ],
      extraCheck: (caller, route, res) =>
        caller === 'anonymous' && !isPublic(route.url) && res.statusCode !== 401 && !unroutable(res)
          ? `anonymous got ${res.statusCode} (not 401) from a staff route`
          : null,
      afterRoute: async (route) => {
        if (route.method !== 'GET') await restoreCallers();
      },
    });
    console.log(
      `route-table fuzz: ${run.requests} requests over ${app.routeTable.length} routes in ${run.seconds.toFixed(1)} s (seed ${SEED}), ${run.failures.length} failures`,
    );
    if (run.failures.length) console.log(run.failures.slice(0, 300).join('\n'));
    expect(Math.min(...app.routeTable.map((r) => run.perRoute.get(`${r.method} ${r.url}`) ?? 0))).toBeGreaterThanOrEqual(20);
    expect(run.failures.slice(0, 40)).toEqual([]);
  }, 600_000);
});
