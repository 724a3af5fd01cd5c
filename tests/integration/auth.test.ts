import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, login, PASSWORD, closeTown, openTown, type Town } from '../helpers/town.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;

beforeAll(async () => {
  ({ tdb, town, app } = await openTown());
});
afterAll(() => closeTown(app, tdb));

describe('sign-in', () => {
  it('accepts a username or a phone number and sets an HttpOnly SameSite cookie', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'office', password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'cc_sid')!;
    expect(c.httpOnly).toBe(true);
    expect(String(c.sameSite).toLowerCase()).toBe('lax');
    expect(res.json().roles[0]).toMatchObject({ role: 'office_staff', roleLabel: '镇创城办', scopeRegionCode: '350821100', scopeRegionName: '汀州镇' });
    const byPhone = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: '13859710002', password: PASSWORD } });
    expect(byPhone.statusCode).toBe(200);
  });

  it('refuses a wrong password with a Chinese message and no hint which part was wrong', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'office', password: 'nope12345' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'AUTH_INVALID', message: '账号或密码错误' });
    const unknown = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'nobody', password: 'nope12345' } });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('AUTH_INVALID');
  });

  it('lets a session whose password must change see itself, change it and sign out, and nothing else (409)', async () => {
    const admin = as(app, await login(app, 'admin'));
    const reset = await admin.post(`/api/people/${town.people.office2}/reset-password`, {});
    expect(reset.statusCode).toBe(200);
    const oneTime = reset.json().password as string;
    const s = as(app, await login(app, 'office2', oneTime));
    const me = await s.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.mustChangePassword).toBe(true);
    for (const r of [
      await s.get('/api/problems'),
      await s.get(`/api/people/${town.people.office2}`),
      await s.post('/api/webhooks', { name: 'x', url: 'https://example.com/h', events: ['problem.reported'] }),
    ]) {
      expect(r.statusCode).toBe(409);
      expect(r.json().error).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    }
    expect((await s.get('/api/public/categories')).statusCode).toBe(200); // public pages need no session
    expect((await s.post('/api/auth/password', { currentPassword: oneTime, newPassword: 'Fresh1234pw' })).statusCode).toBe(204);
    expect((await s.get('/api/problems')).statusCode).toBe(200);
    // Sign-out is allowed too, before the change.
    const again = await admin.post(`/api/people/${town.people.office2}/reset-password`, {});
    const s2 = as(app, await login(app, 'office2', again.json().password));
    expect((await s2.get('/api/problems')).statusCode).toBe(409);
    expect((await s2.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await s2.get('/api/me')).statusCode).toBe(401);
  });

  it('requires a session for /api/me and forgets it after logout', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    const cookie = await login(app, 'leader');
    const me = await as(app, cookie).get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().can['person.manage']).toBe(false);
    expect((await as(app, cookie).post('/api/auth/logout')).statusCode).toBe(204);
    expect((await as(app, cookie).get('/api/me')).statusCode).toBe(401);
  });

  it('changes a password: checks the current one and the strength, ends the other sessions', async () => {
    const s1 = await login(app, 'chief');
    const s2 = await login(app, 'chief');
    const u = as(app, s1);
    const wrong = await u.post('/api/auth/password', { currentPassword: 'x', newPassword: 'NewPass123' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].path).toBe('currentPassword');
    const weak = await u.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(weak.json().error.code).toBe('PASSWORD_WEAK');
    expect((await u.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'NewPass123' })).statusCode).toBe(204);
    expect((await u.get('/api/me')).statusCode).toBe(200);
    expect((await as(app, s2).get('/api/me')).statusCode).toBe(401);
    await login(app, 'chief', 'NewPass123');
  });

  it('lets an admin revoke a person’s sessions, and only an admin', async () => {
    const victim = await login(app, 'cadrea');
    const office = as(app, await login(app, 'office'));
    expect((await office.post(`/api/people/${town.people.cadreA}/sessions/revoke`, {})).statusCode).toBe(403);
    const admin = as(app, await login(app, 'admin'));
    const sessions = await admin.get(`/api/people/${town.people.cadreA}/sessions`);
    expect(sessions.json().items.filter((s: any) => s.active).length).toBeGreaterThan(0);
    const r = await admin.post(`/api/people/${town.people.cadreA}/sessions/revoke`, {});
    expect(r.statusCode).toBe(200);
    expect(r.json().revoked).toBeGreaterThan(0);
    expect((await as(app, victim).get('/api/me')).statusCode).toBe(401);
  });

  it('keeps only a hash of the session token in the database', async () => {
    const cookie = await login(app, 'county');
    const token = cookie.split('=')[1];
    const r = await tdb.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM sessions WHERE id = ${token}`);
    expect(Number(r.rows[0].n)).toBe(0);
  });
});
