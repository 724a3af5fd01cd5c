// The forecast's trend reads the mock evaluations of its whole span once and
// works out each dated point in memory (forecast.field.ts): for a town with
// evaluations across many months (several per place, two on one day, some
// older than a point's twelve months, item grades with 不涉及 left out), each
// point's field data is exactly what the point-by-point query (the latest
// evaluation per place in the point's twelve months, in SQL) gives, for a
// community, the town and the county; and the trend follows it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, COMMUNITY_A, COMMUNITY_B, COUNTY, login, openTown, TOWN, TOWN2, type Town } from '../helpers/town.ts';
import { setClock } from '../../server/platform/clock.ts';
import { addDays } from '../../domain/dates.ts';
import { fieldHistory } from '../../server/modules/evaluation/forecast.repository.ts';
import { fieldOf, trendDays } from '../../server/modules/evaluation/forecast.trend.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const c: Record<string, string> = {};
const TODAY = '2026-06-15';

/** The field pillar's data as of a window, one query per point (how the trend read it before). */
async function pointByPoint(prefix: string, from: string, to: string) {
  const latest = sql`
    SELECT DISTINCT ON (i.place_id) i.id, i.place_id, i.score, i.max_score
    FROM inspections i
    WHERE i.kind = 'mock_evaluation' AND i.state = 'finished' AND i.place_id IS NOT NULL
      AND i.region_code LIKE ${`${prefix}%`} AND i.on_date BETWEEN ${from} AND ${to}
    ORDER BY i.place_id, i.on_date DESC, i.id DESC`;
  const places = await tdb.db.execute<any>(sql`
    WITH latest AS (${latest})
    SELECT p.region_code AS community, p.point_type AS "pointType", count(*)::int AS places, count(l.id)::int AS evaluated,
      COALESCE(sum(l.score), 0)::float8 AS score, COALESCE(sum(l.max_score), 0)::float8 AS max
    FROM places p LEFT JOIN latest l ON l.place_id = p.id
    WHERE p.region_code LIKE ${`${prefix}%`} AND p.point_type IS NOT NULL GROUP BY 1, 2`);
  const items = await tdb.db.execute<any>(sql`
    WITH latest AS (${latest})
    SELECT p.region_code AS community, p.point_type AS "pointType", ci.code AS item, sum(g.score)::float8 AS score, sum(g.points)::float8 AS points
    FROM latest l JOIN places p ON p.id = l.place_id JOIN inspection_grades g ON g.inspection_id = l.id JOIN checklist_items ci ON ci.id = g.item_id
    WHERE g.score IS NOT NULL AND p.point_type IS NOT NULL GROUP BY 1, 2, 3`);
  return { places: places.rows, items: items.rows };
}
const sorted = (f: { places: any[]; items: any[] }) => ({
  places: [...f.places].sort((a, b) => `${a.community}|${a.pointType}`.localeCompare(`${b.community}|${b.pointType}`)),
  items: [...f.items].sort((a, b) => `${a.community}|${a.pointType}|${a.item}`.localeCompare(`${b.community}|${b.pointType}|${b.item}`)),
});

async function place(name: string, region: string, type: string) {
  const r = await tdb.db.execute<{ id: number }>(
    sql`INSERT INTO places (kind, name, region_code, point_type) VALUES ('point', ${name}, ${region}, ${type}) RETURNING id`,
  );
  return Number(r.rows[0].id);
}
let seq = 0;
/** A finished mock evaluation on a day with its item grades ([code, score or null for 不涉及, points]). */
async function mock(placeId: number, region: string, on: string, score: number, max: number, grades: [string, number | null, number][]) {
  const r = await tdb.db.execute<{ id: number }>(sql`INSERT INTO inspections (kind, state, town_code, region_code, place_id, inspector_id, inspector_name,
      on_date, started_at, finished_at, score, max_score, client_key)
    VALUES ('mock_evaluation', 'finished', ${region.slice(0, 9)}, ${region}, ${placeId}, ${town.people.office}, '测评员', ${on}, now(), now(), ${score}, ${max},
      ${`tr-${++seq}`}) RETURNING id`);
  for (const [code, s, points] of grades)
    await tdb.db.execute(sql`INSERT INTO inspection_grades (inspection_id, item_id, grade, points, score)
      SELECT ${r.rows[0].id}, id, ${s == null ? null : 'A'}, ${points}, ${s} FROM checklist_items WHERE code = ${code} ORDER BY id DESC LIMIT 1`);
}

beforeAll(async () => {
  setClock(() => new Date(`${TODAY}T02:00:00Z`));
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true, checklists: true }));
  for (const who of ['office', 'county']) c[who] = await login(app, who);
  const systemId = (await as(app, c.office).post('/api/evaluation/systems/seed', { townCode: TOWN })).json().system.id;
  const cy = await as(app, c.office).put('/api/evaluation/cycles', { townCode: TOWN, year: 2026, systemId, testMonth: '2026-10', deadline: '2026-08-31' });
  expect(cy.statusCode, cy.body).toBe(200);
  await tdb.db.execute(sql`DELETE FROM places WHERE point_type IN ('market', 'school')`);
  const a1 = await place('水东市场', COMMUNITY_A, 'market');
  const a2 = await place('水东小学', COMMUNITY_A, 'school');
  const b1 = await place('东门市场', COMMUNITY_B, 'market');
  const b2 = await place('东门小学', COMMUNITY_B, 'school');
  await place('东门二市场', COMMUNITY_B, 'market'); // never evaluated
  const other = await place('大同市场', `${TOWN2}001`, 'market');
  // a1: a year and more of monthly-ish results, two on one day (the later id wins), one older than every window.
  await mock(a1, COMMUNITY_A, '2024-12-20', 1, 10, [['MK01', 0, 5]]);
  await mock(a1, COMMUNITY_A, '2025-03-05', 5, 10, [
    ['MK01', 2, 5],
    ['MK02', 3, 5],
  ]);
  await mock(a1, COMMUNITY_A, '2025-07-31', 7, 10, [
    ['MK01', 4, 5],
    ['MK02', null, 5],
  ]);
  await mock(a1, COMMUNITY_A, '2026-02-10', 6, 10, [
    ['MK01', 3, 5],
    ['MK02', 3, 5],
  ]);
  await mock(a1, COMMUNITY_A, '2026-02-10', 9, 10, [
    ['MK01', 5, 5],
    ['MK02', 4, 5],
  ]);
  await mock(a1, COMMUNITY_A, '2026-05-03', 8, 10, [
    ['MK01', 4, 5],
    ['MK03', 4, 5],
  ]);
  // a2: a month's end exactly (the window's last day counts), and one from before the first window only.
  await mock(a2, COMMUNITY_A, '2025-01-31', 4, 10, [['SC01', 4, 10]]);
  await mock(a2, COMMUNITY_A, '2026-04-30', 7.5, 10, [
    ['SC01', 3.5, 5],
    ['SC02', 4, 5],
  ]);
  await mock(b1, COMMUNITY_B, '2025-06-14', 3, 10, [
    ['MK01', 1, 5],
    ['MK03', 2, 5],
  ]);
  await mock(b1, COMMUNITY_B, '2026-03-31', 6, 10, []);
  await mock(b2, COMMUNITY_B, '2025-12-01', 2, 10, [['SC03', 2, 10]]);
  await mock(b2, COMMUNITY_B, TODAY, 10, 10, [['SC03', 10, 10]]);
  await mock(other, `${TOWN2}001`, '2026-01-15', 5, 10, [['MK01', 2.5, 5]]);
}, 180_000);
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

describe('the forecast’s trend', () => {
  it('each dated point’s field data is the point-by-point query’s, from one read of the whole span', async () => {
    const days = [...trendDays(TODAY, []).months.map((m) => m.day), '2025-11-30', '2025-06-13'];
    const first = days.slice().sort()[0];
    for (const region of [COMMUNITY_A, TOWN, COUNTY]) {
      const history = await fieldHistory(tdb.db, region, addDays(first, -365), TODAY);
      for (const day of days) {
        const expected = sorted(await pointByPoint(region, addDays(day, -365), day));
        expect(sorted(fieldOf(history, day)), `${region} as of ${day}`).toEqual(expected);
      }
    }
    // The data do move across the months (the comparison is not of empty sets).
    const town = await fieldHistory(tdb.db, TOWN, addDays(first, -365), TODAY);
    const scores = days.map((d) => fieldOf(town, d).places.reduce((n, p) => n + p.score, 0));
    expect(new Set(scores).size).toBeGreaterThan(3);
  });

  it('the forecast’s monthly trend follows the field data month by month, its last point the forecast itself', async () => {
    const f = (await as(app, c.office).get(`/api/evaluation/forecast?region=${TOWN}&year=2026`)).json();
    expect(f.trend.map((t: any) => t.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(f.trend.every((t: any) => t.field != null)).toBe(true);
    expect(new Set(f.trend.map((t: any) => t.field)).size).toBeGreaterThan(2);
    expect(f.trend[5].field).toBe(f.pillars.field.score);
    expect(f.trend[5].total).toEqual(f.total);
    const county = (await as(app, c.county).get(`/api/evaluation/forecast?region=${COUNTY}&year=2026`)).json();
    expect(county.trend.map((t: any) => t.field)).toEqual(f.trend.map((t: any) => t.field));
  });
});
