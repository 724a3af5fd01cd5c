// The figure registry (issue 16): every figure of the catalogue with its
// definition; a figure some register provides answers a number (0 when nothing
// matched) and a drill-down, one no register provides yet answers null; the
// caller reads only the regions it covers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, COMMUNITY_A, COUNTY, login, openTown, TOWN, TOWN2 } from '../helpers/town.ts';
import { figures, isProvided } from '../../server/modules/figures/index.ts';
import { FIGURES, parsePeriod, seedStyle } from '../../domain/figures.ts';

let tdb: TestDb;
let app: FastifyInstance;
const c: Record<string, string> = {};

beforeAll(async () => {
  ({ tdb, app } = await openTown());
  for (const who of ['office', 'cadrea', 'county', 'chief', 'admin']) c[who] = await login(app, who);
  // ㉗ is served by the reports module (issue 19): a town's published notices, none here.
  await tdb.db.execute(sql`INSERT INTO notices (direction, kind, town_code, year, seq, title, issuer, issue_date, state, created_by)
    VALUES ('issued', 'supervision', ${TOWN}, 2026, 1, '督查通报', '汀州镇创城办', '2026-03-02', 'published', 1),
           ('issued', 'unannounced_visit', ${TOWN}, 2026, 1, '暗访情况通报', '汀州镇创城办', '2026-05-02', 'published', 1),
           ('issued', 'supervision', ${TOWN}, 2026, NULL, '草稿', '汀州镇创城办', '2026-05-03', 'draft', 1)`);
});
afterAll(() => closeTown(app, tdb));

describe('the catalogue', () => {
  it('holds the seed’s 27 figures, numbered once each, with a definition', () => {
    const seqs = FIGURES.map((f) => f.seq)
      .filter((s) => s !== null)
      .sort((a, b) => a! - b!);
    expect(seqs).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
    expect(new Set(FIGURES.map((f) => f.id)).size).toBe(FIGURES.length);
    for (const f of FIGURES) expect(f.definition.length).toBeGreaterThan(8);
  });

  it('reads a year, a month and two dates as a period, and nothing else', () => {
    expect(parsePeriod('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(parsePeriod('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(parsePeriod('2026-03-01..2026-06-30')).toEqual({ from: '2026-03-01', to: '2026-06-30' });
    for (const bad of ['2026-13', '2026-06-30..2026-03-01', '2026-02-30..2026-03-01', '1999', '26', '2026-1']) expect(parsePeriod(bad), bad).toBeNull();
  });

  it('prints a figure the seed’s way when asked', () => {
    expect([seedStyle(7), seedStyle(372), seedStyle(1250), seedStyle(40)]).toEqual(['7', '370余', '1200余', '40']);
  });
});

describe('figures(region, period, ids?)', () => {
  it('answers a provided figure with its number and drill-down, and null where no register provides one', async () => {
    const all = await figures(tdb.db, TOWN, { from: '2026-01-01', to: '2026-12-31' });
    expect(all.map((f) => f.id)).toEqual(FIGURES.map((f) => f.id));
    const n = all.find((f) => f.id === 'notices.town_published')!;
    expect(n).toMatchObject({ value: 2, seq: 27 });
    expect(n.drillUrl).toContain(`region=${TOWN}&from=2026-01-01&to=2026-12-31`);
    // A figure no register serves yet (while one remains) answers null, never a number.
    for (const f of all.filter((x) => !isProvided(x.id))) expect(f).toMatchObject({ value: null, drillUrl: null });
    const zero = await figures(tdb.db, COMMUNITY_A, { from: '2026-01-01', to: '2026-12-31' }, ['notices.town_published']);
    expect(zero).toEqual([expect.objectContaining({ id: 'notices.town_published', value: 0 })]);
  });
});

describe('GET /api/figures', () => {
  it('gives the office its town’s figures for a year', async () => {
    const res = await as(app, c.office).get('/api/figures?period=2026');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ region: TOWN, regionName: '汀州镇', from: '2026-01-01', to: '2026-12-31' });
    expect(res.json().figures).toHaveLength(FIGURES.length);
    expect(res.json().figures.find((f: { id: string }) => f.id === 'notices.town_published').value).toBe(2);
  });

  it('gives a community cadre its community, and the county any of its towns', async () => {
    expect((await as(app, c.cadrea).get('/api/figures?period=2026-03&ids=notices.town_published')).json()).toMatchObject({
      region: COMMUNITY_A,
      figures: [{ value: 0 }],
    });
    expect((await as(app, c.county).get(`/api/figures?region=${TOWN2}&period=2026`)).statusCode).toBe(200);
    expect((await as(app, c.county).get('/api/figures')).json().region).toBe(COUNTY);
  });

  it('refuses a region outside the caller’s, a bad period, an unknown figure, and roles without figures', async () => {
    const office = as(app, c.office);
    expect((await office.get(`/api/figures?region=${TOWN2}`)).statusCode).toBe(404);
    expect((await as(app, c.cadrea).get(`/api/figures?region=${TOWN}`)).statusCode).toBe(404);
    const bad = await office.get('/api/figures?period=2026-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('querystring.period');
    expect((await office.get('/api/figures?ids=nope.nothing')).json().error.fields[0].message).toContain('nope.nothing');
    expect((await office.get('/api/figures?region=350821100999')).statusCode).toBe(404);
    expect((await as(app, c.chief).get('/api/figures')).statusCode).toBe(403);
    expect((await as(app, c.admin).get('/api/figures')).statusCode).toBe(400);
  });
});
