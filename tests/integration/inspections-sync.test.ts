// The phone's offline queue against real PostgreSQL: a patrol with an
// on-the-spot fix and a reported problem, the same queue re-sent, start and
// finish as two sends, failed items that do not block the others, scoping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, COMMUNITY_B, login, closeTown, openTown, type Town } from '../helpers/town.ts';
import { phoneJpeg } from '../helpers/photos.ts';
import type { SyncItem, SyncResponse } from '../../domain/inspections/sync.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let chief: string;
const places = { streetA: 0, marketA: 0, streetB: 0 };
const cats = { posters: 0, parking: 0 };
let photoB64 = '';

async function place(kind: string, name: string, region: string, pointType: string | null = null) {
  const r = await tdb.db.execute<{ id: number }>(sql`
    INSERT INTO places (kind, name, region_code, point_type, lat, lng) VALUES (${kind}, ${name}, ${region}, ${pointType}, 25.83, 116.36) RETURNING id`);
  return r.rows[0].id;
}

beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true, checklists: true }));
  places.streetA = await place('street', '水东街', COMMUNITY_A);
  places.marketA = await place('point', '水东农贸市场', COMMUNITY_A, 'market');
  places.streetB = await place('street', '东门街', COMMUNITY_B);
  await tdb.db.execute(sql`INSERT INTO place_assignments (person_id, place_id) VALUES (${town.people.chief}, ${places.streetA})`);
  const cat = async (name: string) =>
    (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = ${name} AND level = 2 LIMIT 1`)).rows[0].id;
  cats.posters = await cat('非法小广告');
  cats.parking = await cat('机动车乱停放');
  photoB64 = (await phoneJpeg('#3a3')).toString('base64');
  chief = await login(app, 'chief');
});
afterAll(() => closeTown(app, tdb));

const send = async (cookie: string, items: SyncItem[]) => {
  const r = await as(app, cookie).post('/api/inspections/sync', { items });
  expect(r.statusCode, r.body).toBe(200);
  return (r.json() as SyncResponse).results;
};
const uuid = () => crypto.randomUUID();
const count = async (q: ReturnType<typeof sql>) => Number((await tdb.db.execute<{ n: number }>(q)).rows[0].n);

async function backStreetItems() {
  const r = await tdb.db.execute<{ id: number; code: string }>(sql`
    SELECT it.id, it.code FROM checklist_items it JOIN checklists c ON c.id = it.checklist_id WHERE c.point_type = 'back_street' AND c.current ORDER BY it.seq`);
  return r.rows;
}

/** A whole patrol as the phone queues it: photos, start (with grades), an on-the-spot fix, a reported problem, finish. */
async function patrolQueue() {
  const k = uuid();
  const items = await backStreetItems();
  const ph = { b1: uuid(), a1: uuid(), b2: uuid(), g: uuid() };
  const started = new Date(Date.now() - 30 * 60_000).toISOString();
  const queue: SyncItem[] = [
    { type: 'photo', key: ph.b1, data: photoB64, name: 'before.jpg' },
    { type: 'photo', key: ph.a1, data: photoB64, name: 'after.jpg' },
    { type: 'photo', key: ph.b2, data: photoB64 },
    { type: 'photo', key: ph.g, data: photoB64 },
    { type: 'inspection', key: k, inspectionKey: k, kind: 'patrol', placeId: places.streetA, startedAt: started, lat: 25.83, lng: 116.36 },
    {
      type: 'problem',
      key: uuid(),
      inspectionKey: k,
      categoryId: cats.posters,
      tier: 'on_spot',
      description: '电线杆上的牛皮癣小广告，已现场清除',
      beforePhotoKeys: [ph.b1],
      afterPhotoKeys: [ph.a1],
    },
    {
      type: 'problem',
      key: uuid(),
      inspectionKey: k,
      categoryId: cats.parking,
      description: '机动车占用人行道停放',
      beforePhotoKeys: [ph.b2],
      lat: 25.8301,
      lng: 116.3601,
      itemId: items[4].id,
    },
    {
      type: 'inspection',
      key: `${k}:finish`,
      inspectionKey: k,
      kind: 'patrol',
      placeId: places.streetA,
      startedAt: started,
      finishedAt: new Date().toISOString(),
      grades: items.map((it, n) => ({ itemId: it.id, grade: n === 2 ? 'B' : n === 4 ? 'C' : 'A', photoKeys: n === 2 ? [ph.g] : [] })),
      track: [
        [25.83, 116.36, Date.now() - 60_000],
        [25.831, 116.361, Date.now()],
      ],
    },
  ];
  return { k, queue };
}

describe('sync', () => {
  it('records a patrol with a closed on-the-spot problem and an open one (on its checklist item); re-sending creates nothing', async () => {
    const { k, queue } = await patrolQueue();
    const before = await count(sql`SELECT count(*) AS n FROM problems`);
    const res = await send(chief, queue);
    expect(res.map((r) => r.status)).toEqual(['created', 'created', 'created', 'created', 'created', 'created', 'created', 'updated']);
    const insp = (await tdb.db.execute<any>(sql`SELECT * FROM inspections WHERE inspector_id = ${town.people.chief} AND client_key = ${k}`)).rows;
    expect(insp).toHaveLength(1);
    expect(insp[0]).toMatchObject({ state: 'finished', kind: 'patrol', place_id: places.streetA, region_code: COMMUNITY_A, problems_found: 2, score: null });
    expect(insp[0].track).toHaveLength(2);
    const probs = (
      await tdb.db.execute<any>(sql`SELECT id, state, tier, source, source_id, place_id FROM problems WHERE source_id = ${insp[0].id} ORDER BY id`)
    ).rows;
    expect(probs).toHaveLength(2);
    expect(probs[0]).toMatchObject({ state: 'closed', tier: 'on_spot', source: 'patrol', place_id: places.streetA });
    expect(probs[1]).toMatchObject({ state: 'reported', source: 'patrol' });
    expect(res[5].code).toMatch(/^\d{12}$/);
    expect(res[5].id).toBe(Number(probs[0].id));
    const grades = (
      await tdb.db.execute<any>(sql`SELECT item_id, grade, photo_ids FROM inspection_grades WHERE inspection_id = ${insp[0].id} ORDER BY item_id`)
    ).rows;
    expect(grades).toHaveLength((await backStreetItems()).length);
    expect(grades.filter((g: any) => g.photo_ids?.length)).toHaveLength(1);
    expect(await count(sql`SELECT count(*) AS n FROM problem_photos WHERE inspection_id = ${insp[0].id}`)).toBe(1);
    // The parked car was found on the checklist's fifth item; the inspection's page says so.
    const items = await backStreetItems();
    const detail = (await as(app, await login(app, 'office')).get(`/api/inspections/${insp[0].id}`)).json();
    expect(detail.problems.map((p: any) => p.item?.code ?? null)).toEqual([null, items[4].code]);

    // The same queue again (the phone did not hear the answer): nothing new.
    const again = await send(chief, queue);
    expect(again.map((r) => r.status)).toEqual(Array(queue.length).fill('replayed'));
    expect(again.map((r) => r.id)).toEqual(res.map((r) => r.id));
    expect(again[5].code).toBe(res[5].code);
    expect(await count(sql`SELECT count(*) AS n FROM problems`)).toBe(before + 2);
    expect(await count(sql`SELECT count(*) AS n FROM inspections WHERE client_key = ${k}`)).toBe(1);
    expect(await count(sql`SELECT problems_found AS n FROM inspections WHERE client_key = ${k}`)).toBe(2);
    expect(await count(sql`SELECT count(*) AS n FROM audit_log WHERE entity = 'inspection' AND entity_id = ${String(insp[0].id)}`)).toBe(2);
  });

  it('starts in one send and finishes in another', async () => {
    const k = uuid();
    const started = new Date(Date.now() - 10 * 60_000).toISOString();
    const [s] = await send(chief, [{ type: 'inspection', key: k, inspectionKey: k, kind: 'patrol', placeId: places.streetA, startedAt: started }]);
    expect(s.status).toBe('created');
    expect(await count(sql`SELECT count(*) AS n FROM inspections WHERE id = ${s.id!} AND state = 'in_progress'`)).toBe(1);
    const items = await backStreetItems();
    const fin: SyncItem = {
      type: 'inspection',
      key: `${k}:finish`,
      inspectionKey: k,
      kind: 'patrol',
      placeId: places.streetA,
      startedAt: started,
      finishedAt: new Date().toISOString(),
      grades: [{ itemId: items[0].id, grade: 'A' }],
    };
    const [f] = await send(chief, [fin]);
    expect(f).toMatchObject({ status: 'updated', id: s.id });
    const [f2] = await send(chief, [fin]);
    expect(f2).toMatchObject({ status: 'replayed', id: s.id });
    expect(await count(sql`SELECT count(*) AS n FROM inspections WHERE id = ${s.id!} AND state = 'finished' AND finished_at IS NOT NULL`)).toBe(1);
  });

  it('reports a failed item with its reason and applies the others', async () => {
    const k = uuid();
    const good = uuid();
    const res = await send(chief, [
      { type: 'photo', key: 'not-a-photo', data: Buffer.from('这不是图片').toString('base64') },
      { type: 'photo', key: good, data: photoB64 },
      { type: 'inspection', key: k, inspectionKey: k, kind: 'patrol', placeId: places.streetA, startedAt: new Date().toISOString() },
      { type: 'problem', key: uuid(), inspectionKey: k, categoryId: 999999, description: '类别不存在的问题', beforePhotoKeys: [good] },
      { type: 'problem', key: uuid(), inspectionKey: 'never-sent', categoryId: cats.parking, description: '所属巡查未同步', beforePhotoKeys: [] },
      { type: 'problem', key: uuid(), inspectionKey: k, categoryId: cats.parking, description: '照片没有上传成功', beforePhotoKeys: ['not-a-photo'] },
      { type: 'inspection', key: uuid(), inspectionKey: uuid(), kind: 'patrol', placeId: places.streetA, startedAt: 'yesterday-ish' } as any,
      { type: 'problem', key: uuid(), inspectionKey: k, categoryId: cats.parking, description: '机动车乱停放在巷口', beforePhotoKeys: [good] },
      {
        type: 'problem',
        key: uuid(),
        inspectionKey: k,
        categoryId: cats.parking,
        description: '项目不属于这张测评表',
        beforePhotoKeys: [good],
        itemId: 999999,
      },
    ]);
    expect(res.map((r) => r.status)).toEqual(['failed', 'created', 'created', 'failed', 'failed', 'failed', 'failed', 'created', 'failed']);
    expect(res[8].error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'itemId', message: '所选检查项目不属于这次巡查使用的测评标准' }] });
    expect(res[0].error).toMatchObject({ code: 'UNSUPPORTED_FILE' });
    expect(res[0].error!.message).toMatch(/图片/);
    expect(res[3].error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'categoryId' }] });
    expect(res[4].error).toMatchObject({ code: 'INSPECTION_NOT_SYNCED', message: '所属巡查记录尚未同步，请先同步该巡查' });
    expect(res[5].error!.code).toBe('PHOTO_NOT_SYNCED');
    expect(res[6].error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'startedAt' }] });
    expect(await count(sql`SELECT problems_found AS n FROM inspections WHERE id = ${res[2].id!}`)).toBe(1);
  });

  it('rejects a request that is not a queue, and keeps a street chief to their community', async () => {
    expect((await as(app, chief).post('/api/inspections/sync', { items: 'x' })).statusCode).toBe(400);
    expect((await as(app, chief).post('/api/inspections/sync', { items: [{ type: 'video', key: 'a' }] })).statusCode).toBe(400);
    const k = uuid();
    const [r] = await send(chief, [
      { type: 'inspection', key: k, inspectionKey: k, kind: 'patrol', placeId: places.streetB, startedAt: new Date().toISOString() },
    ]);
    expect(r).toMatchObject({ status: 'failed', error: { code: 'FORBIDDEN' } });
    const k2 = uuid();
    const [v] = await send(chief, [
      { type: 'inspection', key: k2, inspectionKey: k2, kind: 'mock_evaluation', placeId: places.marketA, startedAt: new Date().toISOString() },
    ]);
    expect(v).toMatchObject({ status: 'failed', error: { code: 'FORBIDDEN' } });
    // The county office has no phone queue; a liaison has one (rectification moves), but records no patrol.
    expect((await as(app, await login(app, 'county')).post('/api/inspections/sync', { items: [] })).statusCode).toBe(403);
    const liaison = await login(app, 'liaison');
    const k3 = uuid();
    const [l] = await send(liaison, [
      { type: 'inspection', key: k3, inspectionKey: k3, kind: 'patrol', placeId: places.streetA, startedAt: new Date().toISOString() },
    ]);
    expect(l).toMatchObject({ status: 'failed', error: { code: 'FORBIDDEN' } });
    expect((await app.inject({ method: 'POST', url: '/api/inspections/sync', payload: { items: [] } })).statusCode).toBe(401);
  });

  it('a finding of a category usually fixed on the spot (非法小广告), sent without a tier and without an after photo, is 社区整 and open', async () => {
    const k = uuid();
    const ph = uuid();
    const res = await send(chief, [
      { type: 'photo', key: ph, data: photoB64 },
      { type: 'inspection', key: k, inspectionKey: k, kind: 'patrol', placeId: places.streetA, startedAt: new Date().toISOString() },
      { type: 'problem', key: uuid(), inspectionKey: k, categoryId: cats.posters, description: '墙面大片牛皮癣，需社区组织清理', beforePhotoKeys: [ph] },
    ]);
    expect(res.map((r) => r.status)).toEqual(['created', 'created', 'created']);
    const p = (await tdb.db.execute<{ tier: string; state: string }>(sql`SELECT tier, state FROM problems WHERE id = ${res[2].id!}`)).rows[0];
    expect(p).toEqual({ tier: 'community', state: 'reported' });
  });

  it('scores a mock evaluation with the checklist version it used', async () => {
    const office = await login(app, 'office');
    const items = (
      await tdb.db.execute<{ id: number; points: number }>(sql`
      SELECT it.id, it.points FROM checklist_items it JOIN checklists c ON c.id = it.checklist_id WHERE c.point_type = 'market' AND c.current ORDER BY it.seq`)
    ).rows;
    const k = uuid();
    const grades = items.map((it, n) => ({ itemId: it.id, grade: (n === 0 ? 'B' : n === 1 ? 'C#' : n === 2 ? null : 'A') as any }));
    const [r] = await send(office, [
      {
        type: 'inspection',
        key: k,
        inspectionKey: k,
        kind: 'mock_evaluation',
        batch: '模拟测评第一轮',
        placeId: places.marketA,
        startedAt: new Date(Date.now() - 600_000).toISOString(),
        finishedAt: new Date().toISOString(),
        grades,
      },
    ]);
    expect(r.status).toBe('created');
    const row = (await tdb.db.execute<any>(sql`SELECT score, max_score, batch, checklist_id FROM inspections WHERE id = ${r.id!}`)).rows[0];
    const max = items.reduce((s, it, n) => s + (n === 2 ? 0 : it.points), 0);
    const score = items.reduce((s, it, n) => s + (n === 0 ? it.points * 0.66 : n === 1 || n === 2 ? 0 : it.points), 0);
    expect(row.max_score).toBeCloseTo(max, 2);
    expect(row.score).toBeCloseTo(score, 2);
    expect(row.batch).toBe('模拟测评第一轮');
  });
});
