// The year-end summary and plan (issue 19 item 5) on real PostgreSQL: the
// seed's structure for a town, a community or the county, every figure a
// live field of the registry (the figures API's own values), exact or the
// seed's 余 style; a figure no register serves is shown missing; a year with
// no records says so; the office edits the text (fields stay fields, an
// unknown field is refused); the .docx carries the text and the appendix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, COMMUNITY_A, COUNTY, login, openTown, TOWN, type Town } from '../helpers/town.ts';
import { reportedProblem } from '../helpers/problems.ts';
import { setClock } from '../../server/platform/clock.ts';
import { sql } from 'drizzle-orm';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const c: Record<string, string> = {};

beforeAll(async () => {
  setClock(new Date('2026-12-07T10:00:00+08:00'));
  ({ tdb, town, app } = await openTown({ categories: true, calendar: [2025, 2026] }));
  for (const who of ['office', 'office2', 'cadrea', 'cadreb', 'county', 'chief', 'admin']) c[who] = await login(app, who);
  for (let i = 0; i < 372; i++) await reportedProblem(tdb.db, { region: COMMUNITY_A, created: '2025-06-01', tier: 'on_spot' });
  await as(app, c.cadrea).post('/api/reports/daily', { communityCode: COMMUNITY_A, day: '2025-12-01', body: '巡查街巷。' });
});
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

const doc = (cookie: string, q: string) => as(app, cookie).get(`/api/reports/yearend?${q}`);
const fieldOf = (d: any, id: string) => d.sections.flatMap((s: any) => s.segments).find((x: any) => x.field === id);

describe('the year-end summary', () => {
  it('follows the seed’s structure with every figure a live field of the registry', async () => {
    const r = await doc(c.office, `region=${TOWN}&year=2025`);
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json();
    expect(d.title).toBe('汀州镇2025年度创建全国文明城市工作总结及2026年工作计划');
    expect(d.sections.map((s: any) => s.heading).filter(Boolean)).toEqual([
      '一、2025年工作情况',
      '（一）高度重视，落实责任。',
      '（二）积极宣传，营造氛围。',
      '（三）有效配合，督促整改。',
      '（四）强化监督，推动落实。',
      '二、2026年工作计划',
    ]);
    expect(d.sections.map((s: any) => s.segments.map((x: any) => x.text ?? '').join('')).join('')).toContain('一是强化组织领导');
    const api = (await as(app, c.office).get(`/api/figures?region=${TOWN}&period=2025`)).json().figures;
    expect(d.figures).toEqual(api);
    expect(fieldOf(d, 'problems.tier_on_spot')).toEqual({ field: 'problems.tier_on_spot', shown: '372' });
    expect(fieldOf(d, 'reports.community_daily')).toEqual({ field: 'reports.community_daily', shown: '1' });
    expect(d.figures.find((f: any) => f.id === 'problems.tier_on_spot').drillUrl).toBe('/problems?tier=on_spot&region=350821100&from=2025-01-01&to=2025-12-31');
    // Every one of the seed's 27 figures appears in the text as a field.
    const fields = new Set(
      d.sections
        .flatMap((s: any) => s.segments)
        .filter((x: any) => x.field)
        .map((x: any) => x.field),
    );
    expect(api.filter((f: any) => f.seq !== null && !fields.has(f.id)).map((f: any) => f.id)).toEqual([]);
  });

  it('prints the seed’s way (rounded down, with 余) on request, and a missing figure as missing, never a number', async () => {
    const d = (await doc(c.office, `region=${TOWN}&year=2025&style=seed`)).json();
    expect(fieldOf(d, 'problems.tier_on_spot').shown).toBe('370余');
    const missing = d.figures.filter((f: any) => f.value === null);
    expect(d.missing).toEqual(missing.map((f: any) => f.name));
    for (const f of missing) expect(fieldOf(d, f.id)?.shown ?? '（暂无数据）').toBe('（暂无数据）');
  });

  it('says so for a year with no records', async () => {
    const d = (await doc(c.office, `region=${TOWN}&year=2019`)).json();
    expect(d.empty).toBe(true);
    const shown = d.sections.flatMap((s: any) => s.segments).filter((x: any) => x.field);
    expect(shown.length).toBeGreaterThan(27);
    for (const x of shown) expect(['0', '（暂无数据）']).toContain(x.shown);
  });

  it('is read for a community by its cadre and for the county by the county, each its own', async () => {
    const community = (await doc(c.cadrea, `region=${COMMUNITY_A}&year=2025`)).json();
    expect(community).toMatchObject({ regionLevel: 'community', can: { edit: true } });
    expect(fieldOf(community, 'problems.tier_on_spot').shown).toBe('372');
    const county = (await doc(c.county, `region=${COUNTY}&year=2025`)).json();
    expect(county.regionLevel).toBe('county');
    expect(fieldOf(county, 'problems.tier_on_spot').shown).toBe('372');
    expect((await doc(c.office2, `region=${TOWN}&year=2025`)).statusCode).toBe(404);
    expect((await doc(c.cadrea, `region=${TOWN}&year=2025`)).statusCode).toBe(404);
    expect((await doc(c.chief, `region=${COMMUNITY_A}&year=2025`)).statusCode).toBe(403);
    expect((await doc(c.office, `region=35082110001&year=2025`)).statusCode).toBe(400);
  });

  it('takes the office’s text, keeping its fields live, and refuses a field that is not a figure', async () => {
    const office = as(app, c.office);
    const bad = await office.put('/api/reports/yearend', {
      region: TOWN,
      year: 2025,
      version: 0,
      texts: { opening: '{region}本年度发布{publicity.nonsense}篇。' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].message).toContain('{publicity.nonsense}');
    const saved = await office.put('/api/reports/yearend', {
      region: TOWN,
      year: 2025,
      version: 0,
      texts: { opening: '{region}全年随手整问题{problems.tier_on_spot}个。' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(1);
    expect(saved.json().sections[0].segments).toEqual([{ text: '汀州镇全年随手整问题' }, { field: 'problems.tier_on_spot', shown: '372' }, { text: '个。' }]);
    expect((await office.put('/api/reports/yearend', { region: TOWN, year: 2025, version: 0, texts: { opening: '旧版本' } })).statusCode).toBe(409);
    expect((await as(app, c.office2).put('/api/reports/yearend', { region: TOWN, year: 2025, version: 1, texts: { opening: '别的镇' } })).statusCode).toBe(404);
  });

  it('takes a community cadre’s text for their own community only; the office may edit it too', async () => {
    const cadre = as(app, c.cadrea);
    const saved = await cadre.put('/api/reports/yearend', {
      region: COMMUNITY_A,
      year: 2025,
      version: 0,
      texts: { opening: '{region}全年随手整问题{problems.tier_on_spot}个。' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, can: { edit: true } });
    expect(saved.json().sections[0].segments).toEqual([
      { text: '水东街社区居民委员会全年随手整问题' },
      { field: 'problems.tier_on_spot', shown: '372' },
      { text: '个。' },
    ]);
    // Their town's text and another community's are not theirs (404: not in their region), nor may a street chief write any.
    expect((await cadre.put('/api/reports/yearend', { region: TOWN, year: 2025, version: 1, texts: { opening: '镇' } })).statusCode).toBe(404);
    expect(
      (await as(app, c.cadreb).put('/api/reports/yearend', { region: COMMUNITY_A, year: 2025, version: 1, texts: { opening: '别的社区' } })).statusCode,
    ).toBe(404);
    expect((await as(app, c.chief).put('/api/reports/yearend', { region: COMMUNITY_A, year: 2025, version: 1, texts: { opening: '街长' } })).statusCode).toBe(
      403,
    );
    expect((await as(app, c.cadreb).get(`/api/reports/yearend?region=${COMMUNITY_A}&year=2025`)).statusCode).toBe(404);
    // The town's office edits its communities' text as well, on the version the cadre left.
    const office = await as(app, c.office).put('/api/reports/yearend', { region: COMMUNITY_A, year: 2025, version: 1, texts: { plan1: '明年继续。' } });
    expect(office.statusCode, office.body).toBe(200);
    expect(office.json().version).toBe(2);
    expect(office.json().sections[0].template).toBe('{region}全年随手整问题{problems.tier_on_spot}个。');
    const audit = await tdb.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'yearend_doc' AND entity_id = ${`${COMMUNITY_A}:2025`}`,
    );
    expect(audit.rows[0].n).toBe(2);
  });

  it('exports .docx with the text, the figures filled in and the appendix of every figure', async () => {
    const res = await as(app, c.office).get(`/api/reports/yearend/docx?region=${TOWN}&year=2025&style=seed`);
    expect(res.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('汀州镇全年随手整问题370余个。');
    expect(text).toContain('附表：年度数字一览');
    expect(text).toContain('社区每日创城情况汇报');
    expect(text).toContain('（二）积极宣传，营造氛围。');
    expect(town.people.office).toBeGreaterThan(0);
  });
});
