// Checklists: seeded once as version 1, read by point type and version,
// published as new versions by the admin; an inspection keeps the version it used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, login, closeTown, openTown } from '../helpers/town.ts';
import { seedChecklists } from '../../server/modules/inspections/index.ts';
import { SEED_CHECKLISTS } from '../../domain/inspections/checklists.ts';

let tdb: TestDb;
let app: FastifyInstance;
let admin: string;
let office: string;
let market = 0;

beforeAll(async () => {
  ({ tdb, app } = await openTown({ categories: true }));
  market = (
    await tdb.db.execute<{ id: number }>(sql`
    INSERT INTO places (kind, name, region_code, point_type) VALUES ('point', '水东农贸市场', ${COMMUNITY_A}, 'market') RETURNING id`)
  ).rows[0].id;
  admin = await login(app, 'admin');
  office = await login(app, 'office');
});
afterAll(() => closeTown(app, tdb));

const newMarketVersion = {
  pointType: 'market',
  title: '农贸（集贸）市场实地考察标准（2027 修订）',
  note: '增加“禁烟标识”项目',
  items: [
    { code: 'MK01', title: '核心价值观宣传', criterion: '市场内有社会主义核心价值观宣传不少于2处', points: 2, categoryKey: 'component:0392' },
    { code: 'MK09', title: '禁烟标识', criterion: '市场内有禁烟标识，无吸烟现象', points: 1 },
  ],
};

describe('checklists', () => {
  it('seeds every point type once as version 1, idempotently', async () => {
    expect((await seedChecklists(tdb.db)).inserted).toBe(SEED_CHECKLISTS.length);
    expect((await seedChecklists(tdb.db)).inserted).toBe(0);
    const r = await as(app, office).get('/api/checklists');
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.items).toHaveLength(SEED_CHECKLISTS.length);
    expect(body.canManage).toBe(false);
    const m = body.items.find((c: any) => c.pointType === 'market');
    expect(m).toMatchObject({ version: 1, current: true, pointTypeLabel: '农贸（集贸）市场' });
    const scale = m.items.find((it: any) => it.code === 'MK03');
    expect(scale.criterion).toContain('公平秤');
    // A finding's category is resolved from the seed's key to the category's id.
    expect(m.items.find((it: any) => it.code === 'MK04').categoryId).toBeGreaterThan(0);
  });

  it('publishes a new version that becomes current, and keeps the old one for the inspections that used it', async () => {
    const chief = await login(app, 'chief');
    const v1 = (await as(app, office).get('/api/checklists')).json().items.find((c: any) => c.pointType === 'market');
    const k = crypto.randomUUID();
    const sync = await as(app, office).post('/api/inspections/sync', {
      items: [
        {
          type: 'inspection',
          key: k,
          inspectionKey: k,
          kind: 'mock_evaluation',
          placeId: market,
          startedAt: new Date().toISOString(),
          finishedAt: new Date().toISOString(),
          grades: v1.items.map((it: any) => ({ itemId: it.id, grade: 'A' })),
        },
      ],
    });
    expect(sync.json().results[0].status, sync.body).toBe('created');
    const inspectionId = sync.json().results[0].id;

    expect((await as(app, office).post('/api/checklists', newMarketVersion)).statusCode).toBe(403);
    expect((await as(app, chief).post('/api/checklists', newMarketVersion)).statusCode).toBe(403);
    const r = await as(app, admin).post('/api/checklists', newMarketVersion);
    expect(r.statusCode, r.body).toBe(201);
    const v2 = r.json();
    expect(v2).toMatchObject({ version: 2, current: true, note: '增加“禁烟标识”项目', totalPoints: 3 });
    expect(v2.items.map((it: any) => it.code)).toEqual(['MK01', 'MK09']);

    const cur = (await as(app, office).get('/api/checklists')).json().items.find((c: any) => c.pointType === 'market');
    expect(cur.id).toBe(v2.id);
    const versions = (await as(app, office).get('/api/checklists/types/market/versions')).json();
    expect(versions.versions.map((v: any) => [v.version, v.current, v.inspections])).toEqual([
      [2, true, 0],
      [1, false, 1],
    ]);
    const old = (await as(app, office).get(`/api/checklists/${v1.id}`)).json();
    expect(old).toMatchObject({ version: 1, current: false });
    expect(old.items).toHaveLength(v1.items.length);

    // The inspection still shows the version it was graded with.
    const d = (await as(app, office).get(`/api/inspections/${inspectionId}`)).json();
    expect(d.checklist).toMatchObject({ id: v1.id, version: 1, current: false });
    expect(d.items).toHaveLength(v1.items.length);
    expect(d.items.every((it: any) => it.grade === 'A')).toBe(true);
    // A new inspection at the market uses version 2.
    const boot = (await as(app, office).get('/api/inspections/bootstrap')).json();
    expect(boot.places.find((p: any) => p.id === market).checklistId).toBe(v2.id);
    expect(
      await tdb.db.execute(sql`SELECT 1 FROM audit_log WHERE action = 'checklist.publish' AND entity_id = ${String(v2.id)}`).then((x) => x.rows.length),
    ).toBe(1);
  });

  it('says in Chinese what is wrong with a version', async () => {
    const bad = (items: unknown[]) => as(app, admin).post('/api/checklists', { ...newMarketVersion, items });
    const empty = await bad([]);
    expect(empty.statusCode).toBe(400);
    expect(JSON.stringify(empty.json().error.fields)).toContain('至少要有一个测评项目');
    const zero = await bad([{ code: 'A1', title: '项目', criterion: '标准说明', points: 0 }]);
    expect(JSON.stringify(zero.json().error.fields)).toContain('分值须大于 0');
    const dup = await bad([
      { code: 'A1', title: '项目', criterion: '标准说明', points: 1 },
      { code: 'a1', title: '项目二', criterion: '标准说明', points: 1 },
    ]);
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.fields).toEqual([{ path: 'items.1.code', message: '编号“a1”与第 1 项重复' }]);
    const cat = await bad([{ code: 'A1', title: '项目', criterion: '标准说明', points: 1, categoryKey: 'event:9999' }]);
    expect(cat.json().error.fields[0]).toMatchObject({ path: 'items.0.categoryKey' });
    const versions = (await as(app, office).get('/api/checklists/types/market/versions')).json();
    expect(versions.versions).toHaveLength(2);
    expect((await as(app, office).get('/api/checklists/99999')).statusCode).toBe(404);
  });
});
