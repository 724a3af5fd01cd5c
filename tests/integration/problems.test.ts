// The problem loop end to end through the HTTP API, on real PostgreSQL:
// intake with photos, dispatch by the routing matrix, rectify, rework,
// verify, concurrency, extensions, on-the-spot fixes, merge, scoping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, login, closeTown, openTown, type Town } from '../helpers/town.ts';
import { uploadPhoto } from '../helpers/photos.ts';
import { getCalendar } from '../../server/modules/calendar/calendar.service.ts';
import { isWorkingDay } from '../../domain/calendar.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let catParking: number; // 机动车乱停放
let catAds: number; // 非法小广告

beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true }));
  const cat = async (name: string) =>
    (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = ${name} AND level = 2 LIMIT 1`)).rows[0].id;
  catParking = await cat('机动车乱停放');
  catAds = await cat('非法小广告');
});
afterAll(() => closeTown(app, tdb));

async function photo(cookie: string) {
  const r = await uploadPhoto(app, cookie);
  expect(r.statusCode).toBe(201);
  return r.json().id as number;
}

async function report(cookie: string, extra: Record<string, unknown> = {}) {
  const r = await as(app, cookie).post('/api/problems', {
    source: 'patrol',
    categoryId: catParking,
    tier: 'community',
    description: '店头街口机动车占用人行道停放',
    regionCode: COMMUNITY_A,
    beforePhotoIds: [await photo(cookie)],
    ...extra,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

const act = (cookie: string, p: { id: number; version: number }, action: string, body: Record<string, unknown> = {}) =>
  as(app, cookie).post(`/api/problems/${p.id}/actions/${action}`, { version: p.version, ...body });

describe('photos', () => {
  it('re-encodes a phone JPEG, strips EXIF, and keeps capture time and GPS as fields', async () => {
    const chief = await login(app, 'chief');
    const r = await uploadPhoto(app, chief);
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body.gpsLat).toBeCloseTo(25.842, 3);
    expect(body.gpsLng).toBeCloseTo(116.357, 3);
    expect(new Date(body.takenAt).toISOString()).toBe('2026-11-20T01:30:00.000Z'); // 09:30 in China
    const file = await as(app, chief).get(`/api/photos/${body.id}`);
    expect(file.statusCode).toBe(200);
    const sharp = (await import('sharp')).default;
    const meta = await sharp(file.rawPayload).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    const thumb = await sharp((await as(app, chief).get(`/api/photos/${body.id}?thumb=1`)).rawPayload).metadata();
    expect(thumb.width).toBeLessThanOrEqual(320);
    // Someone else's unattached upload is not visible.
    expect((await as(app, await login(app, 'cadreb')).get(`/api/photos/${body.id}`)).statusCode).toBe(404);
  });

  it('judges by content, not by name: a text file called .jpg is refused, a PNG called .txt is accepted', async () => {
    const chief = await login(app, 'chief');
    const fake = await uploadPhoto(app, chief, Buffer.from('这不是图片'), '现场.jpg');
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.message).toContain('现场.jpg');
    const sharp = (await import('sharp')).default;
    const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#0a0' } })
      .png()
      .toBuffer();
    expect((await uploadPhoto(app, chief, png, 'notes.txt')).statusCode).toBe(201);
  });

  it('refuses a photo over 15 MB with a clear message', async () => {
    const r = await uploadPhoto(app, await login(app, 'chief'), Buffer.alloc(16 * 1024 * 1024, 1), '大图.jpg');
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('FILE_TOO_LARGE');
  });
});

describe('the rectify-verify loop', () => {
  it('office dispatches by the routing matrix; the community rectifies; rework is counted; the supervisor closes', async () => {
    const chief = await login(app, 'chief');
    const office = await login(app, 'office');
    const cadre = await login(app, 'cadrea');
    let p = await report(chief);
    expect(p).toMatchObject({ state: 'reported', regionCode: COMMUNITY_A, source: 'patrol', sourceLabel: '街巷长巡查' });
    expect(p.photos[0].kind).toBe('before');

    // The street chief may not file; the office may.
    expect((await act(chief, p, 'file')).statusCode).toBe(403);
    p = (await act(office, p, 'file')).json();
    expect(p.state).toBe('filed');
    const dispatched = await act(office, p, 'dispatch');
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    p = dispatched.json();
    expect(p.state).toBe('dispatched');
    expect(p.unit.id).toBe(town.units.committeeA); // the community committee where the problem is
    expect(p.dueDate >= new Date().toISOString().slice(0, 10) || p.dueDate).toBeTruthy();

    // The cadre of community A sees it as an assignee; community B does not see it at all.
    expect((await as(app, await login(app, 'cadreb')).get(`/api/problems/${p.id}`)).statusCode).toBe(404);
    const seen = (await as(app, cadre).get(`/api/problems/${p.id}`)).json();
    expect(seen.can.actions.map((a: any) => a.action).sort()).toEqual(['accept', 'return']);
    p = (await act(cadre, p, 'accept')).json();
    expect(p.state).toBe('rectifying');

    // Submitting needs a note and an after-photo.
    const noPhoto = await act(cadre, p, 'submit', { note: '已劝离' });
    expect(noPhoto.statusCode).toBe(400);
    expect(noPhoto.json().error.fields[0].path).toBe('photoIds');
    p = (await act(cadre, p, 'submit', { note: '已劝离并设置隔离桩', photoIds: [await photo(cadre)] })).json();
    expect(p.state).toBe('rectified');

    // The office fails verification: back to rectifying, rework counted.
    p = (await act(office, p, 'verify_fail', { note: '隔离桩未安装到位' })).json();
    expect(p).toMatchObject({ state: 'rectifying', reworkCount: 1 });
    p = (await act(cadre, p, 'submit', { note: '隔离桩已安装', photoIds: [await photo(cadre)] })).json();
    const sup = await login(app, 'leader');
    expect((await act(sup, p, 'verify_pass')).statusCode).toBe(403); // a town leader does not verify
    const supervisor = await as(app, await login(app, 'admin')).post('/api/people', {
      name: '督查员',
      phone: '13900000301',
      roles: [{ role: 'supervisor', scopeRegionCode: '350821100' }],
      password: 'Superv1sor',
    });
    expect(supervisor.statusCode).toBe(201);
    const supCookie = await login(app, '13900000301', 'Superv1sor');
    // A password the admin set must be changed at first sign-in before anything else.
    expect((await as(app, supCookie).post('/api/auth/password', { currentPassword: 'Superv1sor', newPassword: 'Superv1sor2' })).statusCode).toBe(204);
    p = (await act(supCookie, p, 'verify_pass')).json();
    expect(p).toMatchObject({ state: 'closed', closedOnTime: true, reworkCount: 1 });

    // The timeline tells the whole story, with photos on the submit steps.
    expect(p.timeline.map((e: any) => e.action)).toEqual(['report', 'file', 'dispatch', 'accept', 'submit', 'verify_fail', 'submit', 'verify_pass']);
    expect(p.timeline.filter((e: any) => e.action === 'submit').every((e: any) => e.photoIds.length === 1)).toBe(true);
    // 回头看 is scheduled, and every step is in the audit trail.
    const re = await tdb.db.execute(sql`SELECT state FROM reinspections WHERE problem_id = ${p.id}`);
    expect(re.rows[0]).toMatchObject({ state: 'scheduled' });
    const audits = await tdb.db.execute(sql`SELECT action FROM audit_log WHERE entity = 'problem' AND entity_id = ${String(p.id)} ORDER BY id`);
    expect(audits.rows.map((r: any) => r.action)).toContain('problem.verify_fail');
    // The assignee was notified of the dispatch and of the rework.
    const notes = await tdb.db.execute<{ kind: string }>(
      sql`SELECT kind FROM notifications WHERE person_id = ${town.people.cadreA} AND problem_id = ${p.id} ORDER BY id`,
    );
    expect(notes.rows.map((n) => n.kind)).toEqual(['dispatch', 'verify_fail']);
  });

  it('of two people acting at once on the same version, exactly one succeeds and the other gets 409', async () => {
    const office = await login(app, 'office');
    const p = await report(office);
    const [a, b] = await Promise.all([act(office, p, 'file'), act(await login(app, 'admin'), p, 'reject', { reason: 'invalid' })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe('CONFLICT');
    expect(loser.json().error.message).toContain('刷新');
  });

  it('lets the assignee return a wrongly routed problem to the office, with a reason', async () => {
    const office = await login(app, 'office');
    const cadre = await login(app, 'cadrea');
    let p = (
      await as(app, office).post('/api/problems', {
        source: 'self_check',
        categoryId: catParking,
        description: '占道停车',
        regionCode: COMMUNITY_A,
        then: 'dispatch',
      })
    ).json();
    expect(p.state).toBe('dispatched');
    expect((await act(cadre, p, 'return', {})).statusCode).toBe(400);
    p = (await act(cadre, p, 'return', { note: '属于交警管辖，请改派' })).json();
    expect(p).toMatchObject({ state: 'filed', returnCount: 1 });
    p = (await act(office, p, 'dispatch', { unitId: town.units.chengguan })).json();
    expect(p.unit.id).toBe(town.units.chengguan);
    // Now the department's liaison sees and works it; the community no longer acts on it.
    const liaison = await login(app, 'liaison');
    expect((await as(app, liaison).get(`/api/problems/${p.id}`)).json().can.actions.map((a: any) => a.action)).toContain('accept');
    expect((await as(app, cadre).get(`/api/problems/${p.id}`)).statusCode).toBe(200); // still in the cadre's community
    expect((await act(cadre, p, 'accept')).statusCode).toBe(403);
    expect((await act(liaison, p, 'accept')).statusCode).toBe(200);
  });

  it('moves the deadline by working days when the office approves an extension', async () => {
    const office = await login(app, 'office');
    const cadre = await login(app, 'cadrea');
    // A working Friday at least two weeks ahead, followed by a plain weekend and a working Monday and
    // Tuesday: two more working days then land on that Tuesday (a deadline may not lie in the past).
    const cal = await getCalendar(tdb.db);
    const day = (iso: string, n: number) => new Date(Date.parse(iso + 'T00:00:00Z') + n * 86400_000).toISOString().slice(0, 10);
    let friday = day(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10), 14);
    while (
      new Date(friday + 'T00:00:00Z').getUTCDay() !== 5 ||
      !isWorkingDay(friday, cal) ||
      isWorkingDay(day(friday, 1), cal) ||
      isWorkingDay(day(friday, 2), cal) ||
      !isWorkingDay(day(friday, 3), cal) ||
      !isWorkingDay(day(friday, 4), cal)
    )
      friday = day(friday, 1);
    const tuesday = day(friday, 4);
    let p = (
      await as(app, office).post('/api/problems', {
        source: 'supervision',
        categoryId: catParking,
        description: '车辆长期占道',
        regionCode: COMMUNITY_A,
        then: 'dispatch',
        dueDate: friday,
      })
    ).json();
    expect(p.dueDate).toBe(friday);
    const req = await as(app, cadre).post(`/api/problems/${p.id}/extensions`, { days: 2, reason: '需联系车主' });
    expect(req.statusCode).toBe(201);
    p = req.json();
    expect(p.can.requestExtension).toBe(false);
    expect((await as(app, cadre).post(`/api/problems/${p.id}/extensions/${p.extensions[0].id}/decision`, { approve: true })).statusCode).toBe(403);
    p = (await as(app, office).post(`/api/problems/${p.id}/extensions/${p.extensions[0].id}/decision`, { approve: true, note: '同意' })).json();
    expect(p.dueDate).toBe(tuesday); // Monday, Tuesday
    expect(p.extensionCount).toBe(1);
    expect(p.timeline.at(-1)).toMatchObject({ action: 'extension_approved', data: { oldDueDate: friday, dueDate: tuesday } });
    const again = await as(app, office).post(`/api/problems/${p.id}/extensions/${p.extensions[0].id}/decision`, { approve: false });
    expect(again.statusCode).toBe(409);
  });

  it('closes an on-the-spot fix in one step, and insists on both photos', async () => {
    const chief = await login(app, 'chief');
    const base = { source: 'patrol', categoryId: catAds, tier: 'on_spot', description: '电线杆上的牛皮癣', regionCode: COMMUNITY_A };
    const onlyBefore = await as(app, chief).post('/api/problems', { ...base, beforePhotoIds: [await photo(chief)] });
    expect(onlyBefore.statusCode).toBe(400);
    expect(onlyBefore.json().error.fields[0].path).toBe('afterPhotoIds');
    const r = await as(app, chief).post('/api/problems', { ...base, beforePhotoIds: [await photo(chief)], afterPhotoIds: [await photo(chief)] });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ state: 'closed', tier: 'on_spot', closedOnTime: true });
    expect(
      r
        .json()
        .photos.map((x: any) => x.kind)
        .sort(),
    ).toEqual(['after', 'before']);
  });

  it('replays a retried submission with the same idempotency key instead of creating a second problem', async () => {
    const chief = await login(app, 'chief');
    const key = 'device-1-queue-item-42';
    const first = await report(chief, { idempotencyKey: key });
    const again = await as(app, chief).post('/api/problems', {
      source: 'patrol',
      categoryId: catParking,
      description: '重发',
      regionCode: COMMUNITY_A,
      idempotencyKey: key,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.id);
  });

  it('rejects with a reason, and merges a duplicate into its original, following the reporter', async () => {
    const office = await login(app, 'office');
    const chief = await login(app, 'chief');
    const bad = await report(chief);
    expect((await act(office, bad, 'reject', {})).statusCode).toBe(400);
    expect((await act(office, bad, 'reject', { reason: 'out_of_jurisdiction' })).json()).toMatchObject({
      state: 'rejected',
      rejectReason: 'out_of_jurisdiction',
    });
    const original = await report(office);
    const dup = await report(chief);
    const merged = (await act(office, dup, 'merge', { targetId: original.id })).json();
    expect(merged).toMatchObject({ state: 'merged', mergedIntoId: original.id });
    const f = await tdb.db.execute(sql`SELECT key FROM problem_followers WHERE problem_id = ${original.id}`);
    expect(f.rows.map((r: any) => r.key)).toContain(`person:${town.people.chief}`);
  });

  it('requires the source reference for a county notice, and validates in Chinese', async () => {
    const office = await login(app, 'office');
    const r = await as(app, office).post('/api/problems', {
      source: 'county_notice',
      categoryId: catParking,
      description: '县通报问题',
      regionCode: COMMUNITY_A,
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields[0]).toMatchObject({ path: 'sourceRef' });
    const ok = await as(app, office).post('/api/problems', {
      source: 'county_notice',
      sourceRef: '2026年第12期',
      categoryId: catParking,
      description: '县通报问题',
      regionCode: COMMUNITY_A,
    });
    expect(ok.json()).toMatchObject({ source: 'county_notice', sourceRef: '2026年第12期' });
    const empty = await as(app, office).post('/api/problems', { source: 'nonsense', description: '' });
    expect(empty.statusCode).toBe(400);
    const fields = Object.fromEntries(empty.json().error.fields.map((f: any) => [f.path, f.message]));
    expect(fields['body.source']).toBe('请选择问题来源');
  });

  it('counts the office queues over the caller’s scope only', async () => {
    const office = await as(app, await login(app, 'office')).get('/api/problems/counts');
    expect(office.statusCode).toBe(200);
    const want = await tdb.db.execute<{ state: string; n: number }>(
      sql`SELECT state, count(*) AS n FROM problems WHERE town_code = '350821100' GROUP BY state`,
    );
    for (const r of want.rows) expect(office.json().byState[r.state]).toBe(Number(r.n));
    const other = (await as(app, await login(app, 'office2')).get('/api/problems/counts')).json();
    expect(Object.values(other.byState).reduce((a: number, b: any) => a + b, 0)).toBe(0);
    // The street chief sees their community's problems and their own reports, counted once each.
    const chief = (await as(app, await login(app, 'chief')).get('/api/problems/counts')).json();
    const mine = await tdb.db.execute<{ n: number }>(
      sql`SELECT count(*) AS n FROM problems WHERE region_code LIKE ${COMMUNITY_A + '%'} OR reporter_id = ${town.people.chief}`,
    );
    expect(Object.values(chief.byState).reduce((a: number, b: any) => a + b, 0)).toBe(Number(mine.rows[0].n));
  });

  it('resolves the community and the nearest evaluation point from a GPS position', async () => {
    const office = await login(app, 'office');
    const point = (
      await as(app, office).post('/api/places', {
        kind: 'point',
        regionCode: COMMUNITY_A,
        name: '水东街农贸市场',
        pointType: 'market',
        lat: 25.8421,
        lng: 116.3571,
      })
    ).json();
    const near = (
      await as(app, office).post('/api/problems', { source: 'supervision', categoryId: catParking, description: '市场门口乱停车', lat: 25.8423, lng: 116.3572 })
    ).json();
    expect(near).toMatchObject({ regionCode: COMMUNITY_A, place: { id: point.id } });
    const far = await as(app, office).post('/api/problems', { source: 'supervision', categoryId: catParking, description: '远处', lat: 26.5, lng: 117.5 });
    expect(far.statusCode).toBe(400);
    expect(far.json().error.fields[0].path).toBe('regionCode');
  });
});
