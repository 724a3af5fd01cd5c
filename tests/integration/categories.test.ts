// The category tree: seeded after 数字城管 plus the 创城 items, idempotent
// seeding that keeps the admin's edits, read by everyone, changed by the
// admin only, optimistic concurrency, deactivate instead of delete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { TestDb } from '../helpers/db.ts';
import { reportedProblem } from '../helpers/problems.ts';
import { as, COMMUNITY_A, login, closeTown, openTown } from '../helpers/town.ts';
import { seedCategories } from '../../server/modules/categories/seed.ts';

let tdb: TestDb;
let app: FastifyInstance;

beforeAll(async () => {
  ({ tdb, app } = await openTown({ categories: true }));
});
afterAll(() => closeTown(app, tdb));

const count = async () => Number((await tdb.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM categories`)).rows[0].n);
const find = (tree: any[], kind: string, code: string) =>
  tree
    .filter((m) => m.kind === kind)
    .flatMap((m) => [m, ...m.children])
    .find((c: any) => c.code === code);

describe('seeding', () => {
  it('loads both kinds with their classes and the 创城 items', async () => {
    const r = await as(app, await login(app, 'cadrea')).get('/api/categories');
    expect(r.statusCode).toBe(200);
    const tree = r.json().items;
    expect(tree.filter((m: any) => m.kind === 'event').map((m: any) => `${m.code} ${m.name}`)).toEqual([
      '01 市容环境',
      '02 宣传广告',
      '03 施工管理',
      '04 突发事件',
      '05 街面秩序',
    ]);
    expect(tree.filter((m: any) => m.kind === 'component').map((m: any) => `${m.code} ${m.name}`)).toEqual([
      '01 公用设施',
      '02 道路交通',
      '03 市容环境',
      '04 园林绿化',
      '05 房屋土地',
      '06 其他设施',
    ]);
    expect(tree[0].kindLabel).toBe('事件');
    expect(find(tree, 'event', '0201')).toMatchObject({ name: '非法小广告', plainName: '牛皮癣小广告', defaultTier: 'on_spot', level: 2 });
    expect(find(tree, 'event', '0102')).toMatchObject({ name: '暴露垃圾', plainName: '路面垃圾', defaultTier: 'on_spot' });
    expect(find(tree, 'event', '0507')).toMatchObject({ name: '乱堆物堆料', plainName: '乱堆放', defaultTier: 'community' });
    expect(find(tree, 'event', '0505')).toMatchObject({ plainName: '未规范停车', defaultRoute: 'unit', defaultUnitName: '交警' });
    expect(find(tree, 'component', '0190')).toMatchObject({ name: '三线交越搭挂', defaultTier: 'centralized', defaultUnitName: '供电' });
    expect(find(tree, 'component', '0590')).toMatchObject({ name: '裸房', defaultTier: 'centralized', defaultUnitName: '名城管委会' });
    expect(find(tree, 'component', '0291')).toMatchObject({ name: '路面破损', defaultTier: 'centralized', defaultUnitName: '城市管理局' });
    expect(find(tree, 'component', '0690')).toMatchObject({ name: '无全民健身设施', defaultTier: 'centralized', defaultUnitName: '文体旅游局' });
    expect(find(tree, 'component', '0290')).toMatchObject({ name: '需划停车线', defaultUnitName: '交警' });
    for (const name of ['无垃圾分类收集点', '烟头垃圾桶缺失', '公益广告缺失或破损', '上水井盖', '路灯', '架空线', '垃圾箱', '公共厕所', '行道树', '绿地']) {
      expect(
        tree.flatMap((m: any) => m.children).some((c: any) => c.name === name),
        name,
      ).toBe(true);
    }
    // Every subclass sits under its own kind's class and has a 4-digit code starting with the class code.
    for (const m of tree)
      for (const c of m.children) {
        expect(c.kind).toBe(m.kind);
        expect(c.code).toMatch(new RegExp(`^${m.code}\\d{2}$`));
        expect(c.defaultRoute === 'unit').toBe(!!c.defaultUnitName);
      }
  });

  it('seeding twice changes nothing, and keeps the admin’s edits and deactivations', async () => {
    const n = await count();
    expect((await seedCategories(tdb.db)).inserted).toBe(0);
    expect(await count()).toBe(n);

    const admin = as(app, await login(app, 'admin'));
    const c = find((await admin.get('/api/categories')).json().items, 'event', '0102');
    const edited = await admin.patch(`/api/categories/${c.id}`, { version: c.version, name: '暴露垃圾（含积存）', deadlineDays: 2, plainName: '地上有垃圾' });
    expect(edited.statusCode).toBe(200);
    const gone = await admin.del(`/api/categories/${find((await admin.get('/api/categories')).json().items, 'event', '0502').id}`);
    expect(gone.json()).toMatchObject({ deleted: false, category: { active: false } }); // seeded: deactivated, not deleted

    expect((await seedCategories(tdb.db)).inserted).toBe(0);
    const after = (await admin.get('/api/categories')).json().items;
    expect(find(after, 'event', '0102')).toMatchObject({ name: '暴露垃圾（含积存）', deadlineDays: 2, plainName: '地上有垃圾' });
    expect(find(after, 'event', '0502').active).toBe(false);
    expect(await count()).toBe(n);
  });

  it('re-inserts a missing seeded row (a new release adds items) without touching the rest', async () => {
    await tdb.db.execute(sql`DELETE FROM categories WHERE kind = 'component' AND code = '0391'`);
    expect((await seedCategories(tdb.db)).inserted).toBe(1);
  });
});

describe('plain list for reporters', () => {
  it('lists active subclasses with the words residents use', async () => {
    const r = await as(app, await login(app, 'chief')).get('/api/categories/plain');
    expect(r.statusCode).toBe(200);
    const items = r.json().items;
    expect(items.find((c: any) => c.code === '0201' && c.kind === 'event')).toMatchObject({ plainName: '牛皮癣小广告', parentName: '宣传广告' });
    expect(items.some((c: any) => c.code === '0502' && c.kind === 'event')).toBe(false); // deactivated above
    expect(items.every((c: any) => c.plainName)).toBe(true);
    expect(items.some((c: any) => c.code.length === 2)).toBe(false);
  });

  it('needs a session', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/categories' })).statusCode).toBe(401);
  });
});

describe('managing categories', () => {
  it('the admin adds a subclass; the office and a cadre may not (403)', async () => {
    const admin = as(app, await login(app, 'admin'));
    const tree = (await admin.get('/api/categories')).json();
    expect(tree.can.create).toBe(true);
    const parent = tree.items.find((m: any) => m.kind === 'event' && m.code === '01');
    const body = { kind: 'event', code: '0195', parentId: parent.id, name: '门前三包不落实', plainName: '门前脏乱', defaultTier: 'community', deadlineDays: 2 };
    for (const who of ['office', 'cadrea', 'leader']) {
      const r = await as(app, await login(app, who)).post('/api/categories', body);
      expect(r.statusCode, who).toBe(403);
      expect(r.json().error.code).toBe('FORBIDDEN');
    }
    const officeTree = (await as(app, await login(app, 'office')).get('/api/categories')).json();
    expect(officeTree.can.create).toBe(false);
    expect(officeTree.items[0].can.update).toBe(false);

    const created = await admin.post('/api/categories', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ level: 2, code: '0195', defaultRoute: 'community', active: true, version: 1 });
    const dup = await admin.post('/api/categories', body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields[0].path).toBe('code');

    const id = created.json().id;
    expect((await as(app, await login(app, 'office')).patch(`/api/categories/${id}`, { version: 1, name: 'x' })).statusCode).toBe(403);
    expect((await as(app, await login(app, 'office')).del(`/api/categories/${id}`)).statusCode).toBe(403);
    // Unused and local: really deleted.
    const del = await admin.del(`/api/categories/${id}`);
    expect(del.json()).toEqual({ deleted: true, category: null });
    expect((await admin.get(`/api/categories/${id}`)).statusCode).toBe(404);
  });

  it('validates in Chinese: parent of another kind, unit route without a department, unknown fields', async () => {
    const admin = as(app, await login(app, 'admin'));
    const tree = (await admin.get('/api/categories')).json().items;
    const componentMajor = tree.find((m: any) => m.kind === 'component');
    const wrongParent = await admin.post('/api/categories', { kind: 'event', code: '0196', parentId: componentMajor.id, name: '错挂' });
    expect(wrongParent.statusCode).toBe(400);
    expect(wrongParent.json().error.fields[0]).toMatchObject({ path: 'parentId', message: '上级类别须为同一分类体系中的大类' });
    const noUnit = await admin.post('/api/categories', { kind: 'event', code: '0197', parentId: tree[0].id, name: '无部门', defaultRoute: 'unit' });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.fields[0].path).toBe('defaultUnitName');
    const c = find(tree, 'event', '0201');
    const codeChange = await admin.patch(`/api/categories/${c.id}`, { version: c.version, code: '9999' });
    expect(codeChange.statusCode).toBe(400);
    const badDays = await admin.patch(`/api/categories/${c.id}`, { version: c.version, deadlineDays: -1 });
    expect(badDays.statusCode).toBe(400);
    expect(badDays.json().error.fields[0].message).toMatch(/不能小于 0/);
  });

  it('a stale version is refused with 409', async () => {
    const admin = as(app, await login(app, 'admin'));
    const c = find((await admin.get('/api/categories')).json().items, 'component', '0304');
    expect((await admin.patch(`/api/categories/${c.id}`, { version: c.version, reinspectDays: 5 })).statusCode).toBe(200);
    const stale = await admin.patch(`/api/categories/${c.id}`, { version: c.version, reinspectDays: 9 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
  });

  it('a category used by a problem is deactivated, not deleted; a class with subclasses stays', async () => {
    const admin = as(app, await login(app, 'admin'));
    const tree = (await admin.get('/api/categories')).json().items;
    const major = tree.find((m: any) => m.kind === 'event' && m.code === '05');
    const local = (await admin.post('/api/categories', { kind: 'event', code: '0598', parentId: major.id, name: '临时类别' })).json();
    await reportedProblem(tdb.db, { region: COMMUNITY_A, category: local.id, description: '测试' });
    const r = await admin.del(`/api/categories/${local.id}`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ deleted: false, category: { id: local.id, active: false } });
    const withChildren = await admin.del(`/api/categories/${major.id}`);
    expect(withChildren.statusCode).toBe(409);
    expect(withChildren.json().error.code).toBe('IN_USE');
  });

  it('every change is audited', async () => {
    const rows = (await tdb.db.execute<any>(sql`SELECT action, count(*)::int AS n FROM audit_log WHERE entity = 'category' GROUP BY action`)).rows;
    const by = Object.fromEntries(rows.map((r) => [r.action, r.n]));
    expect(by).toMatchObject({ create: 2, delete: 1, deactivate: 2 });
    expect(by.update).toBeGreaterThanOrEqual(2);
  });
});
