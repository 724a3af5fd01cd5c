// A wave's sample plan per community and the office's choice about
// self-served answers (issue 21 items 2-3): N per community with overrides (0
// leaves a community out: not offered on the phone, its answers kept and
// flagged), quota progress against each community's own N, the plan changed
// while the wave is open, whether self-served answers count toward the rates
// (default no; the only change a completed wave takes), and the results as an
// .xlsx workbook.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, COMMUNITY_B, TOWN } from '../helpers/town.ts';
import { closePollsTown, pollsTown } from '../helpers/polls.ts';
import { standardRates } from '../../server/modules/polls/index.ts';

let tdb: TestDb;
let app: FastifyInstance;
let c: Record<string, string> = {};
let q: any;
let wave: any;

beforeAll(async () => {
  ({ tdb, app, c } = await pollsTown({ interviewers: [{ name: '调查员乙', username: 'poller', town: TOWN }], logins: ['office', 'cadrea', 'poller'] }));
  const std = (await as(app, c.office).get(`/api/polls/standards?town=${TOWN}`)).json().items;
  const r = await as(app, c.office).post('/api/polls/questionnaires', {
    townCode: TOWN,
    code: 'A',
    title: '创城居民问卷',
    groupLabel: '居民',
    items: [
      { code: 'Q1', text: '您知道本市正在创建全国文明城市吗？', indicator: 'awareness', standardId: std[0].id },
      { code: 'Q2', text: '您对社区环境卫生满意吗？', indicator: 'satisfaction', standardId: std[1].id },
    ],
  });
  expect(r.statusCode, r.body).toBe(201);
  q = r.json();
}, 120_000);
afterAll(() => closePollsTown(app, tdb));

let seq = 0;
const answers = (positive: boolean) => q.items.map((i: any) => ({ itemId: i.id, value: positive ? 0 : i.options.length - 1 }));
const interview = (over: Record<string, unknown>, positive = true) => ({
  type: 'poll',
  key: `p-${++seq}`,
  waveId: wave.id,
  questionnaireId: q.id,
  communityCode: COMMUNITY_A,
  sex: 'female',
  age: 30,
  residenceMonths: 24,
  answeredAt: '2026-06-15T01:00:00Z',
  answers: answers(positive),
  ...over,
});
const sync = (items: unknown[]) => as(app, c.poller).post('/api/inspections/sync', { items });
const base = {
  townCode: TOWN,
  name: '六月模拟问卷调查',
  startsOn: '2026-06-01',
  endsOn: '2026-06-30',
  perCommunity: 2,
  quotas: { ageBands: { '18-34': 100, '35-49': 0, '50-65': 0 }, sex: { male: 50, female: 50 } },
  selfServed: true,
};

describe('the sample plan per community', () => {
  it('takes a size per community (0 leaves one out) and refuses a community of another town or a plan with nobody sampled', async () => {
    const other = await as(app, c.office).post('/api/polls/waves', { ...base, questionnaireIds: [q.id], communityPlan: { '350821101001': 5 } });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields[0]).toMatchObject({ path: 'body.communityPlan.350821101001', message: '该社区不属于本乡镇' });
    const towns = (await as(app, c.office).get(`/api/regions/tree`)).json();
    const all: string[] = [];
    const walk = (n: any) => (n.level === 'community' && n.code.startsWith(TOWN) ? all.push(n.code) : (n.children ?? []).forEach(walk));
    towns.items.forEach(walk);
    const nobody = await as(app, c.office).post('/api/polls/waves', {
      ...base,
      questionnaireIds: [q.id],
      perCommunity: 0,
      communityPlan: Object.fromEntries(all.map((x) => [x, 0])),
    });
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().error.fields[0].message).toContain('至少要有一个社区');

    const r = await as(app, c.office).post('/api/polls/waves', { ...base, questionnaireIds: [q.id], communityPlan: { [COMMUNITY_A]: 3, [COMMUNITY_B]: 0 } });
    expect(r.statusCode, r.body).toBe(201);
    wave = r.json();
    expect(wave.plan.find((p: any) => p.code === COMMUNITY_A)).toMatchObject({ planned: 3, override: true });
    expect(wave.plan.find((p: any) => p.code === COMMUNITY_B)).toMatchObject({ planned: 0, override: true });
    const rest = wave.plan.filter((p: any) => ![COMMUNITY_A, COMMUNITY_B].includes(p.code));
    expect(rest.every((p: any) => p.planned === 2 && !p.override)).toBe(true);
    expect(wave).toMatchObject({ communities: wave.plan.length - 1, planned: 3 + 2 * rest.length, selfCounts: false });
  });

  it('the phone offers the sampled communities with their own size; a left-out community’s answer is kept and flagged', async () => {
    const p = (await as(app, c.poller).get('/api/polls/phone')).json().waves[0];
    expect(p.communities.map((x: any) => x.code)).not.toContain(COMMUNITY_B);
    expect(p.communities.find((x: any) => x.code === COMMUNITY_A)).toMatchObject({ planned: 3 });
    expect(p.communities.find((x: any) => x.code === COMMUNITY_A).sexes.map((s: any) => s.quota)).toEqual([2, 2]);

    const res = (
      await sync([
        interview({ sex: 'female' }),
        interview({ sex: 'male' }),
        interview({ sex: 'female' }, false),
        interview({ sex: 'male', age: 20 }),
        interview({ communityCode: COMMUNITY_B }),
      ])
    ).json().results;
    expect(res.map((x: any) => x.state)).toEqual(['in_quota', 'in_quota', 'in_quota', 'out_of_quota', 'out_of_quota']);
    const notes = await tdb.db.execute<any>(sql`SELECT community_code, quota_note FROM poll_responses WHERE out_of_quota ORDER BY id`);
    expect(notes.rows.map((x: any) => x.quota_note)).toEqual(['本社区样本已满（计划 3 份）', '本社区不在本批次的抽样计划内']);
  });

  it('/h5 lists only the communities the plan covers and refuses a self-served answer for a left-out one', async () => {
    const token = wave.publicPath.split('/').pop();
    const pub = (await app.inject({ method: 'GET', url: `/api/public/polls/${token}` })).json();
    const codes = pub.communities.map((x: any) => x.code);
    expect(codes).toContain(COMMUNITY_A);
    expect(codes).not.toContain(COMMUNITY_B);
    expect(codes).toEqual(wave.plan.filter((p: any) => p.planned > 0).map((p: any) => p.code));
    const r = await app.inject({
      method: 'POST',
      url: `/api/public/polls/${token}/answers`,
      payload: { phone: '13912340009', questionnaireId: q.id, communityCode: COMMUNITY_B, sex: 'male', age: 40, residenceMonths: 60, answers: answers(true) },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields[0]).toMatchObject({ path: 'body.communityCode', message: '该社区不在本次调查的抽样范围内，请选择您居住的社区' });
    const kept = await tdb.db.execute<any>(sql`SELECT count(*)::int AS n FROM poll_responses WHERE source = 'self'`);
    expect(kept.rows[0].n).toBe(0);
  });

  it('results give each community’s own plan and the wave’s quotas by age band and sex in total', async () => {
    const r = (await as(app, c.office).get(`/api/polls/waves/${wave.id}/results`)).json();
    expect(r.communities.find((x: any) => x.code === COMMUNITY_A)).toMatchObject({ planned: 3, inQuota: 3, outOfQuota: 1, fulfilment: 1 });
    expect(r.communities.find((x: any) => x.code === COMMUNITY_B)).toMatchObject({ planned: 0, inQuota: 0, outOfQuota: 1 });
    expect(r.quota).toMatchObject({ planned: wave.planned, inQuota: 3, outOfQuota: 2 });
    expect(r.quota.bands.find((b: any) => b.band === '18-34')).toMatchObject({ have: 3, quota: wave.planned });
    expect(r.quota.sexes.map((s: any) => s.have)).toEqual([1, 2]);
  });

  it('an open wave’s plan changes (version-checked, audited); answers already kept keep their flags', async () => {
    const stale = await as(app, c.office).patch(`/api/polls/waves/${wave.id}`, { version: wave.version + 5, perCommunity: 4 });
    expect(stale.statusCode).toBe(409);
    expect((await as(app, c.cadrea).patch(`/api/polls/waves/${wave.id}`, { version: wave.version, perCommunity: 4 })).statusCode).toBe(403);
    const r = await as(app, c.office).patch(`/api/polls/waves/${wave.id}`, { version: wave.version, perCommunity: 4, communityPlan: { [COMMUNITY_B]: 1 } });
    expect(r.statusCode, r.body).toBe(200);
    wave = r.json();
    expect(wave.plan.find((p: any) => p.code === COMMUNITY_A)).toMatchObject({ planned: 4, override: false });
    expect(wave.plan.find((p: any) => p.code === COMMUNITY_B)).toMatchObject({ planned: 1, override: true });
    const flagged = await tdb.db.execute<any>(sql`SELECT count(*)::int AS n FROM poll_responses WHERE out_of_quota`);
    expect(flagged.rows[0].n).toBe(2);
    const au = await tdb.db.execute<any>(sql`SELECT after FROM audit_log WHERE action = 'poll.wave_update' AND entity_id = ${String(wave.id)}`);
    expect(au.rows[0].after).toMatchObject({ perCommunity: 4, communityPlan: { [COMMUNITY_B]: 1 } });
  });
});

describe('self-served answers and the rates', () => {
  it('count toward the rates only when the office chooses so for the wave; never toward the quotas', async () => {
    const token = wave.publicPath.split('/').pop();
    for (const phone of ['13912340001', '13912340002']) {
      const r = await app.inject({
        method: 'POST',
        url: `/api/public/polls/${token}/answers`,
        payload: { phone, questionnaireId: q.id, communityCode: COMMUNITY_A, sex: 'male', age: 40, residenceMonths: 60, answers: answers(false) },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const cellA = (r: any) => r.cells.find((x: any) => x.communityCode === COMMUNITY_A && x.itemCode === 'Q1');
    const before = (await as(app, c.office).get(`/api/polls/waves/${wave.id}/results`)).json();
    expect(before.source).toBe('counted');
    expect(cellA(before)).toMatchObject({ n: 4, positive: 3 }); // the interviewers' four (one out of quota counts in the rates)

    const on = await as(app, c.office).patch(`/api/polls/waves/${wave.id}`, { version: wave.version, selfCounts: true });
    expect(on.statusCode, on.body).toBe(200);
    wave = on.json();
    expect(wave.selfCounts).toBe(true);
    const counted = (await as(app, c.office).get(`/api/polls/waves/${wave.id}/results`)).json();
    expect(cellA(counted)).toMatchObject({ n: 6, positive: 3 });
    expect(counted.communities.find((x: any) => x.code === COMMUNITY_A)).toMatchObject({ inQuota: 3 }); // quotas: interviewers only
    expect(cellA((await as(app, c.office).get(`/api/polls/waves/${wave.id}/results?source=interviewer`)).json())).toMatchObject({ n: 4 });
    expect(cellA((await as(app, c.office).get(`/api/polls/waves/${wave.id}/results?source=self`)).json())).toMatchObject({ n: 2, positive: 0 });
    expect((await as(app, c.office).get(`/api/polls/waves/${wave.id}/results?source=all`)).statusCode).toBe(400);
  });

  it('a completed wave takes only that choice, and the forecast’s survey pillar follows it', async () => {
    const closed = (await as(app, c.office).post(`/api/polls/waves/${wave.id}/close`, { version: wave.version })).json();
    const rate = async () =>
      (await standardRates(tdb.db, { regionCode: TOWN })).find((x) => x.communityCode === COMMUNITY_A && x.standardCode === q.items[0].standardCode)!;
    expect(await rate()).toMatchObject({ n: 6, rate: 0.5 });
    const moved = await as(app, c.office).patch(`/api/polls/waves/${wave.id}`, { version: closed.version, perCommunity: 9 });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().error.code).toBe('INVALID_STATE');
    const off = await as(app, c.office).patch(`/api/polls/waves/${wave.id}`, { version: closed.version, selfCounts: false });
    expect(off.statusCode, off.body).toBe(200);
    wave = off.json();
    expect(await rate()).toMatchObject({ n: 4, rate: 0.75 });
  });
});

describe('the results as .xlsx', () => {
  it('holds the items, the communities with their plan and quotas, the cells and the weak items, in the caller’s scope', async () => {
    const r = await as(app, c.office).get(`/api/polls/waves/${wave.id}/results.xlsx`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toContain(encodeURIComponent('六月模拟问卷调查-调查结果.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as any);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['各题目', '各社区', '社区×题目', '薄弱项', '说明']);
    const items = wb.getWorksheet('各题目')!;
    // The town's interviewer answers: 水东街's four and 东门街's one (kept, flagged, counted in the rates).
    expect((items.getRow(2).values as unknown[]).slice(1, 8)).toEqual([
      'Q1',
      '您知道本市正在创建全国文明城市吗？',
      '知晓率',
      q.items[0].standardCode,
      5,
      4,
      80,
    ]);
    const comms = wb.getWorksheet('各社区')!;
    const rowA = comms.getSheetValues().find((v: any) => Array.isArray(v) && v[1] === '水东街社区居民委员会') as any[];
    expect(rowA.slice(1, 6)).toEqual(['水东街社区居民委员会', 4, 3, 1, 75]);
    const cadre = await as(app, c.cadrea).get(`/api/polls/waves/${wave.id}/results.xlsx`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(cadre.rawPayload as any);
    expect(wb2.getWorksheet('各社区')!.rowCount).toBe(2);
  });
});
