// The forecast (issue 21 item 4): field from the mock evaluations of the point
// types a standard maps to, with coverage; materials from completeness; the
// survey pillar without data shown incomplete and the total partial — never
// as if it scored zero; the weights of the cycle; the standards losing most
// with their fix; a trend per month; per community, town and county; figures;
// scoped and refused with a code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, COMMUNITY_A, COMMUNITY_B, login, openTown, TOWN, type Town } from '../helpers/town.ts';
import { setClock } from '../../server/platform/clock.ts';
import { reportedProblem } from '../helpers/problems.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const c: Record<string, string> = {};
let systemId: number;
let cycle: any;
let market: any; // 农贸市场内有核心价值观宣传… (field: market)
let marketPoints: number; // the points of every field standard mapped to markets
const url = (region: string) => `/api/evaluation/forecast?region=${region}&year=2026`;
const get = async (cookie: string, region: string) => {
  const r = await as(app, cookie).get(url(region));
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

async function place(name: string, region: string) {
  const r = await tdb.db.execute<{ id: number }>(
    sql`INSERT INTO places (kind, name, region_code, point_type) VALUES ('point', ${name}, ${region}, 'market') RETURNING id`,
  );
  return Number(r.rows[0].id);
}
async function mock(placeId: number, region: string, on: string, score: number, max: number) {
  await tdb.db.execute(sql`INSERT INTO inspections (kind, state, town_code, region_code, place_id, inspector_id, inspector_name, on_date, started_at,
      finished_at, score, max_score, client_key)
    VALUES ('mock_evaluation', 'finished', ${TOWN}, ${region}, ${placeId}, ${town.people.office}, '测评员', ${on}, now(), now(), ${score}, ${max},
      ${`fc-${placeId}-${on}`})`);
}

beforeAll(async () => {
  setClock(() => new Date('2026-06-15T02:00:00Z'));
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true, checklists: true }));
  for (const who of ['office', 'office2', 'cadrea', 'county', 'leader']) c[who] = await login(app, who);
  systemId = (await as(app, c.office).post('/api/evaluation/systems/seed', { townCode: TOWN })).json().system.id;
  const tree = (await as(app, c.office).get(`/api/evaluation/systems/${systemId}`)).json();
  market = tree.nodes.find((n: any) => n.name.startsWith('农贸市场内有核心价值观宣传'));
  marketPoints = tree.nodes.filter((n: any) => n.methods[0] === 'field' && n.pointTypes.includes('market')).reduce((t: number, n: any) => t + n.points, 0);
  const cy = await as(app, c.office).put('/api/evaluation/cycles', { townCode: TOWN, year: 2026, systemId, testMonth: '2026-10', deadline: '2026-08-31' });
  expect(cy.statusCode, cy.body).toBe(200);
  cycle = cy.json();
  await tdb.db.execute(sql`DELETE FROM places WHERE point_type = 'market'`);
  // Community A: two markets evaluated this month (8/10 and 6/10); community B: one market not evaluated.
  const a1 = await place('水东市场', COMMUNITY_A);
  const a2 = await place('水东二市场', COMMUNITY_A);
  await place('东门市场', COMMUNITY_B);
  await mock(a1, COMMUNITY_A, '2026-06-10', 8, 10);
  await mock(a2, COMMUNITY_A, '2026-06-11', 6, 10);
  // An older, worse result of a1 is superseded by the latest.
  await mock(a1, COMMUNITY_A, '2026-06-01', 2, 10);
  // One material standard complete: every kind accepted.
  const assignments = (await as(app, c.office).get(`/api/evaluation/assignments?cycle=${cycle.id}&limit=200`)).json().items;
  const materialFirst = new Set(tree.nodes.filter((n: any) => n.methods[0] === 'material').map((n: any) => n.id));
  const mine = assignments
    .filter((a: any) => a.unitId === town.units.office && materialFirst.has(a.nodeId))
    .sort((x: any, y: any) => x.kinds.length - y.kinds.length)[0];
  for (const kind of mine.kinds) {
    const m = await as(app, c.office).post(`/api/evaluation/assignments/${mine.id}/materials`, {
      kind,
      title: '工作方案',
      dated: '2026-03-01',
      evidence: { type: 'figure', ref: 'meetings.weekly' },
    });
    expect(m.statusCode, m.body).toBe(201);
    const ok = await as(app, c.office).post(`/api/evaluation/materials/${m.json().id}/review`, { decision: 'accept', version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
  }
}, 180_000);
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

describe('the forecast', () => {
  it('a town: field from the latest mock evaluations with coverage, materials from completeness, the survey incomplete and the total partial', async () => {
    const f = await get(c.office, TOWN);
    expect(f).toMatchObject({ level: 'town', weights: { field: 40, material: 40, survey: 20 }, cycleId: cycle.id });
    // The market standards are the only field standards with data: 8/10 and 6/10 (the older 2/10 superseded),
    // with two of the town's three markets evaluated.
    expect(f.pillars.field.rate).toBe(0.7);
    expect(f.pillars.field.state).toBe('partial');
    expect(f.pillars.field.coverage).toBeCloseTo((marketPoints * 2) / 3 / f.pillars.field.points, 3);
    expect(f.pillars.field.score).toBeCloseTo(40 * 0.7, 1);
    // The standards losing most, most first, each with its fix.
    expect(f.losses.length).toBeLessThanOrEqual(10);
    expect(f.losses.map((l: any) => l.lost)).toEqual([...f.losses.map((l: any) => l.lost)].sort((x, y) => y - x));
    expect(market.methods[0]).toBe('field');
    // Known for every standard with a responsible unit in the town (a standard whose departments match none has no slots).
    expect(f.pillars.material.state).not.toBe('incomplete');
    expect(f.pillars.material.coverage).toBeGreaterThan(0);
    expect(f.pillars.material.rate).toBeGreaterThan(0);
    expect(f.pillars.material.rate).toBeLessThan(1);
    expect(f.pillars.survey).toMatchObject({ state: 'incomplete', rate: null, score: null });
    // The total over the pillars that have data, never the survey counted as zero.
    const known = (40 * f.pillars.field.rate + 40 * f.pillars.material.rate) / 80;
    expect(f.total.score).toBeCloseTo(known * 100, 0);
    expect(f.total.partial).toBe(true);
    expect(f.total.coverage).toBeLessThan(0.8);
    expect(f.losses.find((l: any) => l.pillar === 'material').link).toBe(`/evaluation/materials?town=${TOWN}`);
    // Each community: A has its markets evaluated, B has none.
    const a = f.parts.find((p: any) => p.code === COMMUNITY_A);
    const b = f.parts.find((p: any) => p.code === COMMUNITY_B);
    expect(a.pillars.field.rate).toBe(0.7);
    expect(a.pillars.field.coverage).toBeCloseTo(marketPoints / f.pillars.field.points, 3);
    expect(b.pillars.field).toMatchObject({ state: 'incomplete', rate: null });
    expect(b.pillars.material.rate).toBe(f.pillars.material.rate);
  });

  it('a trend per month: the field pillar appears the month the evaluations were made', async () => {
    const f = await get(c.office, TOWN);
    expect(f.trend.map((t: any) => t.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(f.trend[4].field).toBeNull();
    expect(f.trend[5].field).toBe(f.pillars.field.score);
    expect(f.trend[5].total).toEqual(f.total);
  });

  it('a community and the county: the county’s losses and trend are its towns', async () => {
    const b = await get(c.office, COMMUNITY_B);
    expect(b.level).toBe('community');
    expect(b.pillars.field.state).toBe('incomplete');
    const town = await get(c.office, TOWN);
    const county = await get(c.county, TOWN.slice(0, 6));
    expect(county.level).toBe('county');
    expect(county.parts.map((p: any) => p.code)).toEqual([TOWN]);
    // One town with a cycle: the county is that town, its losses and trend included (not empty lists).
    expect(county.total).toEqual(town.total);
    expect(county.losses.length).toBeGreaterThan(0);
    expect(county.losses.map((l: any) => [l.code, l.lost, l.town])).toEqual(town.losses.map((l: any) => [l.code, l.lost, TOWN]));
    expect(county.trend.map((t: any) => t.month)).toEqual(town.trend.map((t: any) => t.month));
    expect(county.trend.map((t: any) => t.total)).toEqual(town.trend.map((t: any) => t.total));
    // A county's material fix is the losing town's materials page.
    expect(county.losses.find((l: any) => l.pillar === 'material').link).toBe(`/evaluation/materials?town=${TOWN}`);
  });

  it('a field standard’s fix lists the open problems at places of its point types only', async () => {
    const f = await get(c.office, TOWN);
    const loss = f.losses.find((l: any) => l.pillar === 'field');
    expect(loss.link).toMatch(/^\/problems\?/);
    const link = new URLSearchParams(loss.link.split('?')[1]);
    expect(link.get('regionCode')).toBe(TOWN);
    expect(link.get('pointType')).toBe('market');
    expect(link.get('state')?.split(',')).not.toContain('closed');
    const stall = Number((await tdb.db.execute<{ id: number }>(sql`SELECT id FROM places WHERE name = '水东市场'`)).rows[0].id);
    const school = Number(
      (
        await tdb.db.execute<{ id: number }>(
          sql`INSERT INTO places (kind, name, region_code, point_type) VALUES ('point', '水东小学', ${COMMUNITY_A}, 'school') RETURNING id`,
        )
      ).rows[0].id,
    );
    const atMarket = await reportedProblem(tdb.db, { region: COMMUNITY_A, placeId: stall, source: 'mock_evaluation', description: '市场宣传栏破损' });
    await reportedProblem(tdb.db, { region: COMMUNITY_A, placeId: school, source: 'mock_evaluation', description: '学校周边乱停车' });
    await reportedProblem(tdb.db, { region: COMMUNITY_A, source: 'mock_evaluation', description: '没有点位的问题' });
    const r = await as(app, c.office).get(`/api/problems?${link.toString()}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items.map((p: any) => p.id)).toEqual([atMarket.id]);
    const bad = await as(app, c.office).get('/api/problems?pointType=moon');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('follows the cycle’s weights', async () => {
    const r = await as(app, c.office).put('/api/evaluation/cycles', {
      townCode: TOWN,
      year: 2026,
      systemId,
      testMonth: '2026-10',
      deadline: '2026-08-31',
      weights: { field: 60, material: 30, survey: 10 },
      version: cycle.version,
    });
    expect(r.statusCode, r.body).toBe(200);
    const f = await get(c.office, TOWN);
    expect(f.weights).toEqual({ field: 60, material: 30, survey: 10 });
    expect(f.total.score).toBeCloseTo(((60 * f.pillars.field.rate + 30 * f.pillars.material.rate) / 90) * 100, 0);
    expect(f.pillars.field.score).toBeCloseTo(60 * f.pillars.field.rate, 1);
  });

  it('reads the survey pillar from the resident surveys’ latest closed wave (interviewer answers), per community', async () => {
    const tree = (await as(app, c.office).get(`/api/evaluation/systems/${systemId}`)).json();
    const std = tree.nodes.find((n: any) => n.level === 'standard' && n.methods[0] === 'survey');
    const one = async <T>(q: ReturnType<typeof sql>) => (await tdb.db.execute<any>(q)).rows[0] as T & { id: number };
    const qn = await one(
      sql`INSERT INTO poll_questionnaires (town_code, code, version, title, group_label) VALUES (${TOWN}, 'A', 1, '问卷', '居民') RETURNING id`,
    );
    const item = await one(sql`INSERT INTO poll_items (questionnaire_id, seq, code, text, indicator, standard_id, standard_code)
      VALUES (${qn.id}, 1, 'Q01', '您是否知道本地正在创建全国文明城市？', 'awareness', ${std.id}, ${std.code}) RETURNING id`);
    const wave = await one(sql`INSERT INTO poll_waves (town_code, name, questionnaire_ids, starts_on, ends_on, per_community, quotas, public_token, state)
      VALUES (${TOWN}, '第一轮', ${sql.raw(`ARRAY[${qn.id}]`)}, '2026-06-01', '2026-06-10', 20, '{}'::jsonb, 'fc-token', 'closed') RETURNING id`);
    // Community A: 3 of 4 positive; community B: 1 of 4; a self-served answer is not counted.
    const answers: [string, boolean, string][] = [
      [COMMUNITY_A, true, 'interviewer'],
      [COMMUNITY_A, true, 'interviewer'],
      [COMMUNITY_A, true, 'interviewer'],
      [COMMUNITY_A, false, 'interviewer'],
      [COMMUNITY_B, true, 'interviewer'],
      [COMMUNITY_B, false, 'interviewer'],
      [COMMUNITY_B, false, 'interviewer'],
      [COMMUNITY_B, false, 'interviewer'],
      [COMMUNITY_B, true, 'self'],
    ];
    for (const [community, positive, source] of answers) {
      const r =
        await one(sql`INSERT INTO poll_responses (wave_id, questionnaire_id, town_code, community_code, source, sex, age, residence_months, age_band, answered_at)
        VALUES (${wave.id}, ${qn.id}, ${TOWN}, ${community}, ${source}, 'female', 40, 24, '35-49', now()) RETURNING id`);
      await tdb.db.execute(
        sql`INSERT INTO poll_answers (response_id, item_id, value, positive) VALUES (${r.id}, ${item.id}, ${positive ? 1 : 0}, ${positive})`,
      );
    }
    const f = await get(c.office, TOWN);
    expect(f.pillars.survey.rate).toBe(0.5);
    expect(f.pillars.survey.state).not.toBe('incomplete');
    expect(f.parts.find((p: any) => p.code === COMMUNITY_A).pillars.survey.rate).toBe(0.75);
    expect(f.parts.find((p: any) => p.code === COMMUNITY_B).pillars.survey.rate).toBe(0.25);
    const w = f.weights;
    expect(f.total.score).toBeCloseTo(((w.field * f.pillars.field.rate + w.material * f.pillars.material.rate + w.survey * 0.5) / 100) * 100, 0);
    // The survey's standard loses points; its fix is the wave's results (its weak items).
    expect(f.losses.find((l: any) => l.pillar === 'survey').link).toBe(`/polls/waves/${wave.id}`);

    // An earlier wave (ended in April, 4 of 4 positive): the trend per month reads the wave ended by each month's end,
    // and the trend per wave has a point per closed wave, as of its end.
    const old = await one(sql`INSERT INTO poll_waves (town_code, name, questionnaire_ids, starts_on, ends_on, per_community, quotas, public_token, state)
      VALUES (${TOWN}, '试调查', ${sql.raw(`ARRAY[${qn.id}]`)}, '2026-04-20', '2026-04-30', 20, '{}'::jsonb, 'fc-token-0', 'closed') RETURNING id`);
    for (let i = 0; i < 4; i++) {
      const r =
        await one(sql`INSERT INTO poll_responses (wave_id, questionnaire_id, town_code, community_code, source, sex, age, residence_months, age_band, answered_at)
        VALUES (${old.id}, ${qn.id}, ${TOWN}, ${COMMUNITY_A}, 'interviewer', 'male', 30, 24, '18-34', '2026-04-25') RETURNING id`);
      await tdb.db.execute(sql`INSERT INTO poll_answers (response_id, item_id, value, positive) VALUES (${r.id}, ${item.id}, 1, true)`);
    }
    const t = await get(c.office, TOWN);
    expect(t.pillars.survey.rate).toBe(0.5); // the latest wave still
    const month = (m: string) => t.trend.find((x: any) => x.month === m);
    expect(month('2026-03').survey).toBeNull();
    expect(month('2026-04').survey).toBeCloseTo(w.survey * 1, 1);
    expect(month('2026-05').survey).toBeCloseTo(w.survey * 1, 1);
    expect(month('2026-06').survey).toBe(t.pillars.survey.score);
    expect(t.waves.map((x: any) => [x.waveId, x.name, x.endsOn, x.townName])).toEqual([
      [old.id, '试调查', '2026-04-30', expect.any(String)],
      [wave.id, '第一轮', '2026-06-10', expect.any(String)],
    ]);
    expect(t.waves[0].survey).toBeCloseTo(w.survey * 1, 1);
    expect(t.waves[1].survey).toBe(t.pillars.survey.score);
    // As of 10 June the market evaluated on the 11th is not yet in the field pillar: 8/10 alone.
    expect(t.waves[1].field).toBeCloseTo(w.field * 0.8, 1);
    // The county's trend per wave: its towns' waves.
    const county = await get(c.county, TOWN.slice(0, 6));
    expect(county.waves.map((x: any) => x.waveId)).toEqual([old.id, wave.id]);
  });

  it('registers its figures, the same numbers as the answer', async () => {
    const f = await get(c.office, TOWN);
    const ids = 'evaluation.forecast_total,evaluation.forecast_coverage,evaluation.forecast_field,evaluation.forecast_survey';
    const figs = (await as(app, c.office).get(`/api/figures?region=${TOWN}&period=2026&ids=${ids}`)).json().figures;
    const value = (id: string) => figs.find((x: any) => x.id === id).value;
    expect(value('evaluation.forecast_total')).toBe(f.total.score);
    expect(value('evaluation.forecast_coverage')).toBe(Math.round(f.total.coverage * 1000) / 10);
    expect(value('evaluation.forecast_field')).toBe(f.pillars.field.score);
    expect(value('evaluation.forecast_survey')).toBe(f.pillars.survey.score);
  });

  it('is scoped and refuses bad input with a code', async () => {
    expect((await as(app, c.cadrea).get(url(TOWN))).statusCode).toBe(403);
    const other = await as(app, c.office2).get(url(TOWN));
    expect(other.statusCode).toBe(404);
    expect(other.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    const bad = await as(app, c.office).get('/api/evaluation/forecast?region=12');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect((await get(c.leader, TOWN)).level).toBe('town');
  });
  it('a past year is forecast as that year ended, not from today’s evaluations', async () => {
    const cy = await as(app, c.office).put('/api/evaluation/cycles', { townCode: TOWN, year: 2025, systemId, testMonth: '2025-10', deadline: '2025-08-31' });
    expect(cy.statusCode, cy.body).toBe(200);
    const a1 = Number((await tdb.db.execute<{ id: number }>(sql`SELECT id FROM places WHERE name = '水东市场'`)).rows[0].id);
    await mock(a1, COMMUNITY_A, '2025-11-20', 3, 10);
    const now = await get(c.office, TOWN);
    expect(now.pillars.field.rate).toBe(0.7); // 2026: the June results (8/10, 6/10) are the latest
    const r = await as(app, c.office).get(`/api/evaluation/forecast?region=${TOWN}&year=2025`);
    expect(r.statusCode, r.body).toBe(200);
    const last = r.json();
    expect(last).toMatchObject({ year: 2025, cycleId: cy.json().id });
    // By 31 December 2025 only the November result existed: 3/10, one of the three markets evaluated.
    expect(last.pillars.field.rate).toBe(0.3);
    // Nothing was accepted for the 2025 cycle by then: the materials read 0, not this year's accepted ones.
    expect(last.pillars.material.rate).toBe(0);
    expect(last.trend.at(-1).month).toBe('2025-12');
  });
});
