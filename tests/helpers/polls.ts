// The resident surveys' test town: the demo town with its categories,
// calendar and checklists, the evaluation tree seeded (questionnaire items
// map to its 问卷调查 standards), interviewers added, and the clock in the
// middle of June 2026 (a wave of June is open).
import { expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from './db.ts';
import { addPerson, as, closeTown, login, openTown, TOWN } from './town.ts';
import { setClock } from '../../server/platform/clock.ts';

export interface Interviewer {
  name: string;
  username: string;
  /** The town the interviewer works in (the grant's region). */
  town: string;
}

/** Open the survey town; `logins` are the accounts signed in (cookies by user name). */
export async function pollsTown(o: { interviewers: Interviewer[]; logins: string[] }) {
  setClock(() => new Date('2026-06-15T02:00:00Z'));
  const { tdb, app } = await openTown({ categories: true, calendar: true, checklists: true });
  for (const p of o.interviewers)
    await addPerson(tdb.db, { name: p.name, username: p.username, regionCode: p.town, grants: [{ role: 'interviewer', region: p.town }] });
  const c: Record<string, string> = {};
  for (const who of o.logins) c[who] = await login(app, who);
  expect((await as(app, c.office).post('/api/evaluation/systems/seed', { townCode: TOWN })).statusCode).toBe(201);
  return { tdb, app, c };
}

export async function closePollsTown(app: FastifyInstance | undefined, tdb: TestDb | undefined) {
  setClock(null);
  await closeTown(app, tdb);
}
