// Rate-limit counters live in PostgreSQL: a rebuilt app (a restart, or a
// second server on the same database) counts on where the first one stopped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { closeTown, openTown, testApp } from '../helpers/town.ts';

let tdb: TestDb;
let app: FastifyInstance;
let second: FastifyInstance | undefined;

beforeAll(async () => {
  ({ tdb, app } = await openTown());
});
afterAll(async () => {
  await second?.close();
  await closeTown(app, tdb);
});

// An empty body fails validation at once, but the sign-in limit (30 a minute per IP) has counted it.
const signIn = (a: FastifyInstance, ip: string) => a.inject({ method: 'POST', url: '/api/auth/login', payload: {}, remoteAddress: ip });

describe('rate limits', () => {
  it('keep counting across an app rebuild on the same database, per IP', async () => {
    for (let i = 0; i < 20; i++) expect((await signIn(app, '10.9.0.1')).statusCode).toBe(400);
    await app.close();
    second = await testApp(tdb);
    for (let i = 0; i < 10; i++) expect((await signIn(second, '10.9.0.1')).statusCode).toBe(400);
    const limited = await signIn(second, '10.9.0.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect((await signIn(second, '10.9.0.2')).statusCode).toBe(400); // another address has its own count
  });
});
