// Sign-in lockout (LOCKOUT in domain/people.ts, README "Sign-in lockout"):
// counted per (name, client IP) with a growing delay and per name across IPs;
// a name without an account answers exactly like one with; a stranger's
// failures elsewhere do not shut the owner out; an admin sees and clears a lock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, login, PASSWORD, closeTown, openTown, type Town } from '../helpers/town.ts';
import { LOCKOUT } from '../../domain/people.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;

beforeAll(async () => {
  ({ tdb, town, app } = await openTown());
});
afterAll(() => closeTown(app, tdb));

const attempt = (name: string, password: string, ip: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: name, password }, remoteAddress: ip });

/** What a caller can observe of an answer, apart from the session cookie of a success. */
const seen = (r: Awaited<ReturnType<typeof attempt>>) => ({ status: r.statusCode, body: r.json(), retryAfter: r.headers['retry-after'] !== undefined });

/** The IP's block ran out (as if its delay had passed). */
const letTimePass = (ip: string) => tdb.db.execute(sql`UPDATE login_throttle SET blocked_until = now() - interval '1 second' WHERE ip = ${ip}`);

describe('sign-in lockout', () => {
  it('answers a known and an unknown name alike through the whole sequence, with a growing delay per IP', async () => {
    const run = async (name: string, ip: string) => {
      const out = [];
      for (let i = 0; i < LOCKOUT.ipFreeFailures; i++) out.push(seen(await attempt(name, 'wrong-pass-1', ip)));
      out.push(seen(await attempt(name, 'wrong-pass-2', ip))); // shut out now
      const locked = await attempt(name, PASSWORD, ip); // even the right password is not checked
      out.push(seen(locked));
      const firstDelay = Number(locked.headers['retry-after']);
      await letTimePass(ip);
      out.push(seen(await attempt(name, 'wrong-pass-3', ip))); // tried again: counted, a longer delay
      const again = await attempt(name, 'wrong-pass-4', ip);
      out.push(seen(again));
      return { out, firstDelay, secondDelay: Number(again.headers['retry-after']) };
    };
    const known = await run('cadreb', '10.1.0.1');
    const unknown = await run('no-such-person', '10.1.0.2');
    expect(unknown.out).toEqual(known.out);
    expect(known.out.map((x) => x.status)).toEqual([401, 401, 401, 423, 423, 401, 423]);
    expect(known.out[3].body.error).toMatchObject({ code: 'AUTH_LOCKED' });
    expect(known.out[3].body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(known.secondDelay).toBeGreaterThan(known.firstDelay);
    expect(unknown.secondDelay).toBeGreaterThan(unknown.firstDelay);

    // The admin sees the lock and clears it; the owner is in again from that IP.
    const admin = as(app, await login(app, 'admin'));
    expect((await admin.get('/api/people?q=社区干部乙')).json().items[0].locked).toBe(true);
    expect((await admin.post(`/api/people/${town.people.cadreB}/unlock`)).statusCode).toBe(204);
    expect((await admin.get('/api/people?q=社区干部乙')).json().items[0].locked).toBe(false);
    expect((await attempt('cadreb', PASSWORD, '10.1.0.1')).statusCode).toBe(200);
  });

  it('does not let a stranger on another IP shut the owner out', async () => {
    for (let i = 0; i < LOCKOUT.ipFreeFailures + 2; i++) await attempt('cadrea', 'wrong-pass-1', '10.2.0.1');
    expect((await attempt('cadrea', PASSWORD, '10.2.0.1')).statusCode).toBe(423);
    const owner = await attempt('13859710005', PASSWORD, '10.2.0.2'); // by phone: the same account
    expect(owner.statusCode).toBe(200);
  });

  it('across IPs, locks the name for new addresses only, alike for unknown names; the owner’s usual address still signs in', async () => {
    await login(app, 'leader'); // from inject's default address, now a known one for this account
    const strangers = (n: number) => Array.from({ length: LOCKOUT.accountMaxFailures }, (_, i) => `10.3.${n}.${i + 1}`);
    const results: number[] = [];
    for (const ip of strangers(1)) results.push((await attempt('leader', 'wrong-pass-1', ip)).statusCode);
    for (const ip of strangers(2)) results.push((await attempt('nobody-at-all', 'wrong-pass-1', ip)).statusCode);
    expect(new Set(results)).toEqual(new Set([401]));
    const fresh = seen(await attempt('leader', PASSWORD, '10.3.9.1'));
    expect(fresh.status).toBe(423);
    expect(seen(await attempt('nobody-at-all', PASSWORD, '10.3.9.2'))).toEqual(fresh);
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'leader', password: PASSWORD } })).statusCode).toBe(200);
    const audit = await tdb.db.execute(sql`SELECT 1 FROM audit_log WHERE action = 'lock' AND entity = 'person' AND entity_id = ${String(town.people.leader)}`);
    expect(audit.rows.length).toBe(1);
  });
});
