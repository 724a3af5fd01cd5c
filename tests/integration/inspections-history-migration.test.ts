// The migration that gave assignments and cadences their history (issue 12
// item 4) keeps what existing databases hold: an assignment re-created by an
// edit holds from its holder's first patrol of the place, one never patrolled
// from the day it was created; cadence settings become version 1 of their
// region, in force since 2000-01-01, and leave the settings table. The
// migration's own statements are run again over rows shaped as before it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, login, TOWN, closeTown, openTown, type Town } from '../helpers/town.ts';
import { setClock } from '../../server/platform/clock.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const DIR = path.join(import.meta.dirname, '../../server/db/migrations');
const FILE = fs.readdirSync(DIR).find((f) => f.endsWith('_assignment_cadence_backfill.sql'))!;

beforeAll(async () => {
  setClock(new Date('2026-12-16T12:00:00+08:00'));
  ({ tdb, town, app } = await openTown());
});
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

it('dates existing assignments and turns cadence settings into versions', async () => {
  const place = async (name: string) =>
    (await tdb.db.execute<{ id: number }>(sql`INSERT INTO places (kind, name, region_code) VALUES ('street', ${name}, ${COMMUNITY_A}) RETURNING id`)).rows[0]
      .id;
  const [patrolled, idle] = [await place('店头街'), await place('营背街')];
  // As before the migration: rows created on 3 December (an edit re-created them), valid_from left to the column default.
  await tdb.db.execute(sql`INSERT INTO place_assignments (person_id, place_id, created_at) VALUES
    (${town.people.chief}, ${patrolled}, '2026-12-03T02:00:00Z'), (${town.people.chief}, ${idle}, '2026-12-02T17:00:00Z')`);
  await tdb.db.execute(sql`INSERT INTO inspections (kind, state, town_code, region_code, place_id, inspector_id, inspector_name, on_date, started_at, finished_at, client_key)
    VALUES ('patrol', 'finished', ${TOWN}, ${COMMUNITY_A}, ${patrolled}, ${town.people.chief}, '测试', '2026-11-02', now(), now(), 'm-1')`);
  await tdb.db.execute(sql`INSERT INTO settings (key, value) VALUES
    (${'inspections.cadence:' + TOWN}, ${JSON.stringify({ patrol: { period: 'week', times: 2, countWeekends: false, countHolidays: false } })}::jsonb),
    ('inspections.cadence', ${JSON.stringify({ supervision: { period: 'month', times: 1, countWeekends: false, countHolidays: false } })}::jsonb)`);

  for (const statement of fs.readFileSync(path.join(DIR, FILE), 'utf8').split('--> statement-breakpoint')) await tdb.db.execute(sql.raw(statement));

  const rows = (
    await tdb.db.execute<{ place_id: number; valid_from: string; valid_to: string | null }>(sql`
    SELECT place_id, valid_from::text, valid_to::text FROM place_assignments WHERE person_id = ${town.people.chief} ORDER BY place_id`)
  ).rows;
  expect(rows).toEqual([
    { place_id: patrolled, valid_from: '2026-11-02', valid_to: null }, // the first patrol
    { place_id: idle, valid_from: '2026-12-03', valid_to: null }, // 01:00 on 3 December, China time
  ]);
  expect((await tdb.db.execute(sql`SELECT 1 FROM settings WHERE key LIKE 'inspections.cadence%'`)).rows).toHaveLength(0);
  const office = as(app, await login(app, 'office'));
  const own = (await office.get(`/api/inspections/cadence?regionCode=${TOWN}`)).json();
  expect(own).toMatchObject({
    inheritedFrom: 'own',
    effectiveFrom: '2000-01-01',
    cadence: { patrol: { period: 'week', times: 2 }, supervision: { period: 'week' } },
  });
  expect(own.versions).toHaveLength(1);
  const other = (await as(app, await login(app, 'office2')).get('/api/inspections/cadence?regionCode=350821101')).json();
  expect(other).toMatchObject({ inheritedFrom: 'global', cadence: { supervision: { period: 'month' }, patrol: { period: 'day' } } });
});
