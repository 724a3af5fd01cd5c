// The map on real PostgreSQL: problems without their own coordinates drawn
// at their place's (read-time fallback, stored rows untouched).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, COMMUNITY_A, login, openTown, type Town } from '../helpers/town.ts';
import { problemIn } from '../helpers/problems.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;

beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true }));
});
afterAll(() => closeTown(app, tdb));

async function place(name: string, lat: number | null, lng: number | null, region = COMMUNITY_A) {
  return (await tdb.db.execute<{ id: number }>(sql`INSERT INTO places (kind, name, region_code, lat, lng) VALUES ('street', ${name}, ${region}, ${lat}, ${lng}) RETURNING id`)).rows[0].id;
}

describe('coordinates on the map', () => {
  it('draws a problem with a place but no coordinates at its place, and one with its own at its own', async () => {
    const lane = await place('坐标测试巷', 25.85, 116.37);
    const nowhere = await place('无坐标巷', null, null);
    const patrol = await problemIn(tdb.db, 'filed', { region: COMMUNITY_A, source: 'patrol', description: '坐标回退 巡查', placeId: lane });
    const own = await problemIn(tdb.db, 'filed', { region: COMMUNITY_A, source: 'resident', description: '坐标回退 自带', placeId: lane, lat: 25.86, lng: 116.38 });
    await problemIn(tdb.db, 'filed', { region: COMMUNITY_A, source: 'patrol', description: '坐标回退 无处', placeId: nowhere });
    const office = as(app, await login(app, 'office'));
    const q = `q=${encodeURIComponent('坐标回退')}&zoom=18`;
    const m = (await office.get(`/api/problems/map?bbox=116.3,25.8,116.5,25.95&${q}`)).json();
    expect(m.total).toBe(2); // the one whose place has no coordinates either stays off the map
    const byId = new Map(m.points.map((p: any) => [p.id, p]));
    expect(byId.get(patrol.id)).toMatchObject({ lat: 25.85, lng: 116.37 });
    expect(byId.get(own.id)).toMatchObject({ lat: 25.86, lng: 116.38 });
    // The box is matched on the drawn point: a box around the place only finds the fallback.
    const near = (await office.get(`/api/problems/map?bbox=116.369,25.849,116.371,25.851&${q}`)).json();
    expect(near.points.map((p: any) => p.id)).toEqual([patrol.id]);
    // Stored data is not rewritten.
    const row = (await tdb.db.execute<{ lat: number | null }>(sql`SELECT lat FROM problems WHERE id = ${patrol.id}`)).rows[0];
    expect(row.lat).toBeNull();
    // Clustering uses the same point.
    const far = (await office.get(`/api/problems/map?bbox=116.3,25.8,116.5,25.95&q=${encodeURIComponent('坐标回退')}&zoom=11`)).json();
    expect(far.total).toBe(2);
    void town;
  });
});
