// 随手拍 end to end through the public API: photo → report → tracking code →
// status page without personal data → the office files, dispatches, the
// community rectifies, the office closes → the resident rates once;
// 不满意 flags the problem and tells the office. Rate limits per IP and per
// phone number answer 429 RATE_LIMITED in Chinese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, closeTown, COMMUNITY_A, login, openTown, type Town } from '../helpers/town.ts';
import { multipartFile, phoneJpeg, uploadPhoto } from '../helpers/photos.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let catParking: number;
let ipSeq = 0;
const nextIp = () => `10.0.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

beforeAll(async () => {
  // Low limits so the test reaches them quickly.
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true, env: { RESIDENT_REPORTS_PER_IP_HOUR: '3', RESIDENT_REPORTS_PER_PHONE_DAY: '2' } }));
  catParking = (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = '机动车乱停放' AND level = 2 LIMIT 1`)).rows[0].id;
});
afterAll(() => closeTown(app, tdb));

async function publicPhoto(ip: string, key?: string) {
  const m = multipartFile(await phoneJpeg('#36c'), '随手拍.jpg');
  const r = await app.inject({
    method: 'POST',
    url: '/api/public/photos',
    payload: m.payload,
    headers: { ...m.headers, ...(key ? { 'x-upload-key': key } : {}) },
    remoteAddress: ip,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; uploadKey: string };
}

async function residentReport(ip: string, extra: Record<string, unknown> = {}) {
  const ph = await publicPhoto(ip);
  return app.inject({
    method: 'POST',
    url: '/api/public/reports',
    remoteAddress: ip,
    payload: {
      categoryId: catParking,
      description: '小区门口汽车占用消防通道',
      regionCode: COMMUNITY_A,
      photoIds: [ph.id],
      uploadKey: ph.uploadKey,
      ...extra,
    },
  });
}

const status = (code: string) => app.inject({ method: 'GET', url: `/api/public/reports/${code}`, remoteAddress: nextIp() });

describe('随手拍', () => {
  it('lists categories in plain language without an account', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/public/categories' });
    expect(r.statusCode).toBe(200);
    const items = r.json().items;
    expect(items.length).toBeGreaterThan(10);
    expect(items.find((c: any) => c.id === catParking)).toMatchObject({ officialName: '机动车乱停放' });
  });

  it('report → code → status without personal data → office files, dispatches, closes → rating once; 不满意 flags it', async () => {
    const ip = nextIp();
    const p1 = await publicPhoto(ip);
    const p2 = await publicPhoto(ip, p1.uploadKey); // the second photo of the same report shares the key
    expect(p2.uploadKey).toBe(p1.uploadKey);
    const r = await app.inject({
      method: 'POST',
      url: '/api/public/reports',
      remoteAddress: ip,
      payload: {
        categoryId: catParking,
        description: '小区门口汽车占用消防通道',
        regionCode: COMMUNITY_A,
        photoIds: [p1.id, p2.id],
        uploadKey: p1.uploadKey,
        phone: '13912345678',
        name: '热心市民王女士',
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const code = r.json().trackingCode as string;
    expect(code).toMatch(/^\d{12}$/);

    // The office is told and sees the full phone; others see it masked.
    const office = await login(app, 'office');
    const notes = (await as(app, office).get('/api/notifications')).json();
    expect(JSON.stringify(notes)).toContain(code);
    const list = (await as(app, office).get(`/api/problems?q=${code}&source=resident`)).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ state: 'reported', source: 'resident', reporterPhone: '13912345678' });
    const id = list[0].id;
    expect((await as(app, await login(app, 'cadrea')).get(`/api/problems/${id}`)).json().reporter.phone).toBe('139****5678');

    // The public page: state, category, community, public steps, photos; no names, phones or notes.
    let s = (await status(code)).json();
    expect(s).toMatchObject({ trackingCode: code, state: 'reported', stateLabel: '待立案', canRate: false });
    expect(s.communityName).toBeTruthy();
    expect(s.photos.before).toHaveLength(2);
    const text = JSON.stringify(s);
    for (const secret of ['13912345678', '139****5678', '王女士', '镇创城办甲']) expect(text).not.toContain(secret);
    // Its photos are reachable by the code; another report's photo is not, even with a valid id.
    expect((await app.inject({ method: 'GET', url: s.photos.before[0].url })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: s.photos.before[0].thumbUrl })).headers['content-type']).toBe('image/jpeg');
    const other = (await residentReport(nextIp())).json().trackingCode;
    expect((await app.inject({ method: 'GET', url: `/api/public/reports/${other}/photos/${p1.id}` })).statusCode).toBe(404);
    // A staff photo not attached to this report either.
    const staffPhoto = (await uploadPhoto(app, office)).json().id;
    expect((await app.inject({ method: 'GET', url: `/api/public/reports/${code}/photos/${staffPhoto}` })).statusCode).toBe(404);

    // Rating before closure is refused.
    const early = await app.inject({ method: 'POST', url: `/api/public/reports/${code}/rating`, remoteAddress: nextIp(), payload: { rating: '满意' } });
    expect(early.statusCode).toBe(409);

    // The office files and dispatches from the workbench; the community rectifies; the office verifies.
    const wb = (await as(app, office).get('/api/problems/workbench')).json();
    expect(wb.myActions.items.map((x: any) => x.id)).toContain(id);
    const act = async (cookie: string, action: string, body: Record<string, unknown> = {}) => {
      const cur = (await as(app, cookie).get(`/api/problems/${id}`)).json();
      const res = await as(app, cookie).post(`/api/problems/${id}/actions/${action}`, { version: cur.version, ...body });
      expect(res.statusCode, res.body).toBe(200);
    };
    await act(office, 'file');
    await act(office, 'dispatch');
    const cadre = await login(app, 'cadrea');
    await act(cadre, 'accept');
    const after = (await uploadPhoto(app, cadre)).json().id;
    await act(cadre, 'submit', { note: '已联系车主挪车，社区干部甲现场确认', photoIds: [after] });
    await act(office, 'verify_pass');

    s = (await status(code)).json();
    expect(s).toMatchObject({ state: 'closed', stateLabel: '已结案', canRate: true, finished: true });
    expect(s.photos.after).toHaveLength(1);
    expect(s.timeline.map((e: any) => e.action)).toEqual(['report', 'file', 'dispatch', 'accept', 'submit', 'verify_pass']);
    const closedText = JSON.stringify(s);
    for (const secret of ['社区干部甲', '镇创城办甲', '已联系车主', '13912345678']) expect(closedText).not.toContain(secret);

    // Rated once; 不满意 flags it and notifies the office.
    const rate = await app.inject({
      method: 'POST',
      url: `/api/public/reports/${code}/rating`,
      remoteAddress: nextIp(),
      payload: { rating: '不满意', comment: '车又停回来了' },
    });
    expect(rate.statusCode, rate.body).toBe(200);
    expect(rate.json()).toMatchObject({ canRate: false, rating: { rating: '不满意', comment: '车又停回来了' } });
    const again = await app.inject({ method: 'POST', url: `/api/public/reports/${code}/rating`, remoteAddress: nextIp(), payload: { rating: '满意' } });
    expect(again.statusCode).toBe(409);
    const flagged = (await as(app, office).get('/api/problems?flagged=1')).json().items;
    expect(flagged.map((x: any) => x.id)).toEqual([id]);
    expect(flagged[0].satisfaction).toBe('不满意');
    expect((await as(app, office).get('/api/problems/workbench')).json().flagged).toBe(1);
    expect(JSON.stringify((await as(app, office).get('/api/notifications')).json())).toContain('不满意');
    expect((await app.inject({ method: 'POST', url: `/api/public/reports/${code}/rating`, payload: { rating: '很好' } })).statusCode).toBe(400);
  });

  it("refuses photos that are not the report's own upload key", async () => {
    const mine = await publicPhoto(nextIp());
    const theirs = await publicPhoto(nextIp());
    const r = await app.inject({
      method: 'POST',
      url: '/api/public/reports',
      remoteAddress: nextIp(),
      payload: {
        categoryId: catParking,
        description: '别人的照片',
        regionCode: COMMUNITY_A,
        photoIds: [mine.id, theirs.id],
        uploadKey: mine.uploadKey,
      },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields[0].path).toBe('photoIds');
    expect((await app.inject({ method: 'GET', url: '/api/public/reports/000000000000' })).statusCode).toBe(404);
  });

  it('answers a retried report (same Idempotency-Key and upload key) with its tracking code, not “photo already used”', async () => {
    const ip = nextIp();
    const ph = await publicPhoto(ip);
    const body = { categoryId: catParking, description: '路口积水', regionCode: COMMUNITY_A, photoIds: [ph.id], uploadKey: ph.uploadKey };
    const send = (payload: object, key = 'retry-key-0001') =>
      app.inject({ method: 'POST', url: '/api/public/reports', remoteAddress: ip, headers: { 'idempotency-key': key }, payload });
    const first = await send(body);
    expect(first.statusCode, first.body).toBe(201);
    const again = await send(body);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().trackingCode).toBe(first.json().trackingCode);
    const n = await tdb.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM problems WHERE description = '路口积水'`);
    expect(n.rows[0].n).toBe(1);
    // The key alone replays nothing: with other photos (another upload key) it is another report.
    const ph2 = await publicPhoto(ip);
    const other = await send({ ...body, photoIds: [ph2.id], uploadKey: ph2.uploadKey });
    expect(other.statusCode).toBe(201);
    expect(other.json().trackingCode).not.toBe(first.json().trackingCode);
    const bad = await send(body, 'short');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('rate-limits per IP and per phone number with a clear Chinese 429', async () => {
    const ip = nextIp();
    for (let i = 0; i < 3; i++) expect((await residentReport(ip)).statusCode).toBe(201);
    const limited = await residentReport(ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(limited.json().error.message).toContain('每小时最多提交 3 条');
    expect(limited.headers['retry-after']).toBeTruthy();
    expect((await residentReport(nextIp())).statusCode).toBe(201); // another IP is not affected

    // The same phone from different IPs: 2 a day.
    const phone = '13700007777';
    expect((await residentReport(nextIp(), { phone })).statusCode).toBe(201);
    expect((await residentReport(nextIp(), { phone })).statusCode).toBe(201);
    const byPhone = await residentReport(nextIp(), { phone });
    expect(byPhone.statusCode).toBe(429);
    expect(byPhone.json().error.message).toContain('同一手机号每天最多提交 2 条');
    expect((await residentReport(nextIp(), { phone: '13700008888' })).statusCode).toBe(201);
  });

  it('never shows the office’s internal problems by a guessed code, nor in the public duplicate hints', async () => {
    const office = as(app, await login(app, 'office'));
    const p = (
      await office.post('/api/problems', {
        source: 'county_notice',
        sourceRef: '2026年第3期',
        categoryId: catParking,
        description: '内部通报问题',
        regionCode: COMMUNITY_A,
        lat: 25.9001,
        lng: 116.4001,
      })
    ).json();
    expect(p.code).toBeTruthy();
    expect((await status(p.code)).statusCode).toBe(404);
    const d = (await app.inject({ method: 'GET', url: `/api/public/duplicates?categoryId=${catParking}&lat=25.9001&lng=116.4001` })).json();
    expect(d.items).toEqual([]);
    expect(
      (await app.inject({ method: 'POST', url: `/api/public/reports/${p.code}/follow`, remoteAddress: nextIp(), payload: { phone: '13600002222' } }))
        .statusCode,
    ).toBe(404);
  });

  it('shows residents nearby open reports of the same category and lets them follow one instead', async () => {
    const ip = nextIp();
    const ph = await publicPhoto(ip);
    const r = await app.inject({
      method: 'POST',
      url: '/api/public/reports',
      remoteAddress: ip,
      payload: {
        categoryId: catParking,
        description: '路口乱停车',
        lat: 25.8425,
        lng: 116.3571,
        regionCode: COMMUNITY_A,
        photoIds: [ph.id],
        uploadKey: ph.uploadKey,
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const code = r.json().trackingCode;
    const d = (await app.inject({ method: 'GET', url: `/api/public/duplicates?categoryId=${catParking}&lat=25.8426&lng=116.3571` })).json();
    expect(d.items.map((x: any) => x.trackingCode)).toEqual([code]);
    expect(JSON.stringify(d)).not.toMatch(/reporter|phone/i);
    const f = await app.inject({ method: 'POST', url: `/api/public/reports/${code}/follow`, remoteAddress: nextIp(), payload: { phone: '13600001111' } });
    expect(f.statusCode, f.body).toBe(201);
    const n = await tdb.db.execute<{ n: number }>(
      sql`SELECT count(*) AS n FROM problem_followers f JOIN problems p ON p.id = f.problem_id WHERE p.code = ${code}`,
    );
    expect(Number(n.rows[0].n)).toBe(1);
    expect(town.units.committeeA).toBeGreaterThan(0);
  });
});
