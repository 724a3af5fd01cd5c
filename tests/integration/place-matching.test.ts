// Place matching (issue 12 item 5): a reported point is linked to the nearest
// place, but among places within a few metres of each other a compound or
// street (an area the report is inside) wins over a point-like place such as
// a practice station standing beside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, closeTown, login, openTown } from '../helpers/town.ts';
import { TIE_METERS } from '../../server/modules/problems/location.repository.ts';

let tdb: TestDb;
let app: FastifyInstance;
let office: string;
let cat: number;
const BASE = { lat: 25.85, lng: 116.36 };
/** A point `m` metres north of BASE. */
const north = (m: number) => ({ lat: Math.round((BASE.lat + m / 111_320) * 1e7) / 1e7, lng: BASE.lng });

beforeAll(async () => {
  ({ tdb, app } = await openTown({ categories: true, calendar: true }));
  office = await login(app, 'office');
  cat = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = '乱堆物堆料' AND level = 2`)).rows[0].id;
});
afterAll(() => closeTown(app, tdb));

async function place(body: Record<string, unknown>) {
  const r = await as(app, office).post('/api/places', { regionCode: COMMUNITY_A, ...body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}

async function reportAt(at: { lat: number; lng: number }) {
  const r = await as(app, office).post('/api/problems', { source: 'self_check', categoryId: cat, description: '堆放杂物', ...at });
  expect(r.statusCode, r.body).toBe(201);
  const p = (await as(app, office).get(`/api/problems/${r.json().id}`)).json() as { place: { id: number } | null };
  return { placeId: p.place?.id ?? null };
}

describe('place matching', () => {
  let compound: number;
  let toilet: number;
  beforeAll(async () => {
    compound = await place({ kind: 'compound', name: '汀江明珠小区', ...BASE });
    await place({ kind: 'point', pointType: 'practice_station', name: '水东街社区新时代文明实践站', ...north(6) });
    toilet = await place({ kind: 'point', pointType: 'public_toilet', name: '店头街公厕', ...north(80) });
  });

  it('prefers the compound to a practice station a few metres away, even when the station is nearer', async () => {
    expect((await reportAt(BASE)).placeId).toBe(compound);
    expect((await reportAt(north(4))).placeId).toBe(compound); // 2 m from the station, 4 m from the compound
  });

  it('takes the nearest place when the others are more than a few metres farther', async () => {
    expect((await reportAt(north(80))).placeId).toBe(toilet);
    const busStop = await place({ kind: 'point', pointType: 'bus_stop', name: '店头街公交站台', ...north(6 + TIE_METERS + 15) });
    expect((await reportAt(north(6 + TIE_METERS + 15))).placeId).toBe(busStop); // the compound and the station are more than TIE_METERS farther
    expect((await reportAt(north(6))).placeId).toBe(compound); // at the station's own coordinates, 6 m from the compound
  });

  it('links nothing beyond PLACE_MATCH_METERS', async () => {
    expect((await reportAt(north(400))).placeId).toBeNull();
  });
});
