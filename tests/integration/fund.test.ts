// The campaign fund (issue 18 item 5): only the office records money, each
// entry with a voucher; amounts are integer fen (fractions, negatives and
// text refused); spending always against a project; a spend past the
// project's budget needs the confirmation flag; a correction is a reversing
// entry, never an edit, and an entry is reversed once; balances per period and
// per project; the ledger .xlsx; projects with milestones, photos and the
// 摸排 needs they answer; scoping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, COMMUNITY_A, login, openTown, TOWN, type Town } from '../helpers/town.ts';
import { multipartFile, uploadPhoto } from '../helpers/photos.ts';
import { setClock } from '../../server/platform/clock.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let office: ReturnType<typeof as>;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};

const voucher = async () => (await uploadPhoto(app, cookies.office)).json().id as number;

beforeAll(async () => {
  setClock(new Date('2026-12-06T10:00:00+08:00'));
  ({ tdb, town, app } = await openTown({ categories: true }));
  for (const who of ['office', 'office2', 'leader', 'cadrea', 'county', 'supervisor']) {
    try {
      cookies[who] = await login(app, who);
    } catch {
      // not every role has an account in the test town
    }
  }
  office = as(app, cookies.office);
}, 120_000);
afterAll(async () => {
  setClock(null);
  await closeTown(app, tdb);
});

const income = async (amountFen: unknown, extra: Record<string, unknown> = {}) =>
  office.post('/api/fund/entries', {
    regionCode: TOWN,
    direction: 'income',
    source: 'county_allocation',
    amountFen,
    onDate: '2026-03-01',
    note: '县创城办拨付创城工作经费',
    voucherPhotoIds: [await voucher()],
    ...extra,
  });
const spend = async (amountFen: number, extra: Record<string, unknown> = {}) =>
  office.post('/api/fund/entries', {
    regionCode: TOWN,
    direction: 'spend',
    amountFen,
    onDate: '2026-04-10',
    projectId: ids.project,
    note: '水东街立面改造进度款',
    voucherPhotoIds: [await voucher()],
    ...extra,
  });

describe('projects', () => {
  it('holds a budget in fen, the department, milestones with progress, photos and the needs it answers', async () => {
    await office.get('/api/surveys/kinds');
    const kind = (await office.get('/api/surveys/kinds')).json().items[0].id;
    const need = await office.post('/api/surveys/needs', {
      regionCode: COMMUNITY_A,
      kindId: kind,
      description: '临街立面破旧',
      quantity: 3,
      foundBy: '王丽萍',
      foundOn: '2026-02-01',
      unitIds: [town.units.chengguan],
    });
    expect(need.statusCode, need.body).toBe(201);
    const photo = await voucher();
    const res = await office.post('/api/fund/projects', {
      regionCode: TOWN,
      kind: '立面改造',
      name: '水东街临街立面改造',
      budgetFen: 50_000_000,
      unitId: town.units.chengguan,
      milestones: [
        { name: '设计方案', progress: 100, doneOn: '2026-03-20' },
        { name: '施工', progress: 40, dueDate: '2026-12-31' },
      ],
      needIds: [need.json().id],
      photoIds: [photo],
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    ids.project = p.id;
    expect(p).toMatchObject({
      budgetFen: 50_000_000,
      spentFen: 0,
      remainingFen: 50_000_000,
      progress: 70,
      state: 'planned',
      unit: { name: '长汀县城市管理局' },
    });
    expect(p.needs.map((n: any) => n.description)).toEqual(['临街立面破旧']);
    expect(p.photos).toHaveLength(1);
    const edit = await office.put(`/api/fund/projects/${p.id}`, {
      regionCode: TOWN,
      kind: '立面改造',
      name: '水东街临街立面改造',
      budgetFen: 50_000_000,
      unitId: town.units.chengguan,
      state: 'in_progress',
      version: p.version,
      milestones: [{ id: p.milestones[1].id, name: '施工', progress: 60 }],
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ state: 'in_progress', progress: 60 });
    expect(edit.json().milestones).toHaveLength(1);
    expect((await office.put(`/api/fund/projects/${p.id}`, { ...(edit.json() as object), regionCode: TOWN, version: p.version })).statusCode).toBe(400);
  });

  it('refuses a fractional or negative budget and another town’s office', async () => {
    const base = { regionCode: TOWN, kind: '三线整治', name: '三线整治', budgetFen: 100, unitId: town.units.chengguan };
    expect((await office.post('/api/fund/projects', { ...base, budgetFen: 100.5 })).json().error.fields[0].message).toContain('不能有小数');
    expect((await office.post('/api/fund/projects', { ...base, budgetFen: -1 })).statusCode).toBe(400);
    expect((await office.post('/api/fund/projects', { ...base, budgetFen: '100' })).statusCode).toBe(400);
    expect((await as(app, cookies.office2).post('/api/fund/projects', base)).statusCode).toBe(404);
    expect((await as(app, cookies.office2).get(`/api/fund/projects/${ids.project}`)).statusCode).toBe(404);
  });
});

describe('the ledger', () => {
  it('records income with a voucher, only by the office, in integer fen', async () => {
    const res = await income(100_000_000, { onDate: '2026-01-15' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ amountFen: 100_000_000, amountYuan: '1,000,000.00', sourceLabel: '县级拨款' });
    expect(res.json().vouchers).toHaveLength(1);
    for (const bad of [12.5, -100, 0, '100', 1e13]) expect((await income(bad)).json().error.fields?.[0]?.path, String(bad)).toBe('body.amountFen');
    const noVoucher = await office.post('/api/fund/entries', {
      regionCode: TOWN,
      direction: 'income',
      source: 'other',
      amountFen: 100,
      onDate: '2026-03-01',
      note: '无凭证',
    });
    expect(noVoucher.json().error.fields[0].path).toBe('body.voucherFileIds');
    expect((await income(100, { source: null })).json().error.fields[0].path).toBe('body.source');
    expect((await income(100, { onDate: '2026-12-07' })).statusCode).toBe(400);
    const leader = await as(app, cookies.leader).post('/api/fund/entries', {
      regionCode: TOWN,
      direction: 'income',
      source: 'other',
      amountFen: 1,
      onDate: '2026-03-01',
      note: '领导',
    });
    expect(leader.statusCode).toBe(403);
    const earmarked = await income(20_000_000, { source: 'co_building', projectId: ids.project, unitId: town.units.chengguan, onDate: '2026-02-01' });
    expect(earmarked.statusCode, earmarked.body).toBe(201);
  });

  it('spends against a project only; past its budget only with the confirmation flag', async () => {
    const noProject = await office.post('/api/fund/entries', {
      regionCode: TOWN,
      direction: 'spend',
      amountFen: 100,
      onDate: '2026-04-01',
      note: '无项目',
      voucherPhotoIds: [await voucher()],
    });
    expect(noProject.json().error.fields[0].path).toBe('body.projectId');
    expect((await spend(30_000_000)).statusCode).toBe(201);
    const over = await spend(25_000_000);
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
      details: { overspend: { budgetFen: 50_000_000, spentFen: 30_000_000, afterFen: 55_000_000, overFen: 5_000_000 } },
    });
    expect(over.json().error.message).toContain('50,000.00');
    ids.overspent = (await spend(25_000_000, { confirmOverspend: true })).json().id;
    expect(ids.overspent).toBeGreaterThan(0);
  });

  it('corrects by a reversing entry, never an edit; an entry is reversed once, a reversal never', async () => {
    const r = await office.post(`/api/fund/entries/${ids.overspent}/reverse`, {
      reason: '金额录入错误',
      onDate: '2026-04-11',
      voucherPhotoIds: [await voucher()],
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ amountFen: -25_000_000, reversesId: ids.overspent, direction: 'spend', can: { reverse: false } });
    expect((await office.post(`/api/fund/entries/${ids.overspent}/reverse`, { reason: '再次冲正', voucherPhotoIds: [await voucher()] })).statusCode).toBe(409);
    expect((await office.post(`/api/fund/entries/${r.json().id}/reverse`, { reason: '冲正冲正', voucherPhotoIds: [await voucher()] })).statusCode).toBe(409);
    const list = (await office.get(`/api/fund/entries?projectId=${ids.project}`)).json();
    const original = list.items.find((e: any) => e.id === ids.overspent);
    expect(original).toMatchObject({ amountFen: 25_000_000, reversedById: r.json().id });
    expect((await office.get(`/api/fund/projects/${ids.project}`)).json()).toMatchObject({
      spentFen: 30_000_000,
      remainingFen: 20_000_000,
      earmarkedFen: 20_000_000,
    });
  });

  it('takes a scanned PDF as the voucher; an entry’s page shows it and the reversal that corrects it', async () => {
    const pdf = multipartFile(Buffer.from('%PDF-1.4\n%%EOF\n'), '拨款文件.pdf', 'application/pdf');
    const file = (await app.inject({ method: 'POST', url: '/api/files', payload: pdf.payload, headers: { ...pdf.headers, cookie: cookies.office } })).json();
    expect(file).toMatchObject({ kind: 'pdf', name: '拨款文件.pdf' });
    const e = await income(300_000, { onDate: '2026-05-06', voucherPhotoIds: undefined, voucherFileIds: [file.id] });
    expect(e.statusCode, e.body).toBe(201);
    expect(e.json().vouchers).toEqual([{ id: file.id, name: '拨款文件.pdf', url: `/api/files/${file.id}`, kind: 'document' }]);
    // The voucher downloads for whoever reads the fund, not for another town.
    expect((await as(app, cookies.leader).get(`/api/files/${file.id}`)).statusCode).toBe(200);
    expect((await as(app, cookies.office2).get(`/api/files/${file.id}`)).statusCode).toBe(404);
    // A file another record holds is not a voucher again.
    expect((await income(100, { voucherPhotoIds: undefined, voucherFileIds: [file.id] })).json().error.fields[0].path).toBe('body.voucherFileIds');
    const before = (await office.get(`/api/fund/entries/${e.json().id}`)).json();
    expect(before).toMatchObject({ id: e.json().id, reverses: null, reversedBy: null, can: { reverse: true } });
    const r = (
      await office.post(`/api/fund/entries/${e.json().id}/reverse`, { reason: '重复登记', onDate: '2026-05-07', voucherPhotoIds: [await voucher()] })
    ).json();
    const original = (await office.get(`/api/fund/entries/${e.json().id}`)).json();
    expect(original).toMatchObject({ reversedById: r.id, reversedBy: { id: r.id, amountFen: -300_000 }, can: { reverse: false } });
    const reversal = (await as(app, cookies.leader).get(`/api/fund/entries/${r.id}`)).json();
    expect(reversal).toMatchObject({ reversesId: e.json().id, reverses: { id: e.json().id, amountFen: 300_000 }, reversedBy: null, can: { reverse: false } });
    expect(reversal.note).toContain('重复登记');
    expect((await as(app, cookies.office2).get(`/api/fund/entries/${r.id}`)).statusCode).toBe(404);
    expect((await office.get('/api/fund/entries/99999999')).statusCode).toBe(404);
  });

  it('balances a period (opening, income by source, spending, closing) and each project', async () => {
    const b = (await office.get('/api/fund/balance?period=2026-04')).json();
    expect(b).toMatchObject({ openingFen: 120_000_000, incomeFen: 0, spendFen: 30_000_000, closingFen: 90_000_000 });
    const y = (await office.get('/api/fund/balance?period=2026')).json();
    expect(y).toMatchObject({ openingFen: 0, incomeFen: 120_000_000, spendFen: 30_000_000, closingFen: 90_000_000 });
    expect(y.bySource).toEqual(
      expect.arrayContaining([
        { source: 'county_allocation', label: '县级拨款', amountFen: 100_000_000 },
        { source: 'co_building', label: '共建单位捐资', amountFen: 20_000_000 },
      ]),
    );
    expect(y.byProject[0]).toMatchObject({ budgetFen: 50_000_000, spentFen: 30_000_000, spentInPeriodFen: 30_000_000 });
    expect((await as(app, cookies.county).get(`/api/fund/balance?regionCode=${TOWN}&period=2026`)).json().closingFen).toBe(90_000_000);
    expect((await as(app, cookies.office2).get(`/api/fund/balance?regionCode=${TOWN}`)).statusCode).toBe(404);
    expect((await as(app, cookies.cadrea).get('/api/fund/balance')).statusCode).toBe(403);
  });

  it('exports the ledger with a running balance in 元', async () => {
    const x = await office.get('/api/fund/ledger.xlsx?period=2026');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as any);
    const ws = wb.getWorksheet('基金台账')!;
    const col = (c: number) => ws.getColumn(c).values.slice(2) as string[];
    expect(col(8).slice(0, 6)).toEqual(['0.00', '1,000,000.00', '1,200,000.00', '900,000.00', '650,000.00', '900,000.00']);
    expect(col(5)).toContain('期末余额');
  });
});
