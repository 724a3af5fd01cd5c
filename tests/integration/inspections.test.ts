// Inspections as the demo town has them: the demo's history, the phone's
// bootstrap and "today", history and detail, responsibility, and who may
// read what (a street chief their own, another town's office nothing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { addPerson, as, login, testApp, TOWN2, PASSWORD } from '../helpers/town.ts';
import { phoneJpeg } from '../helpers/photos.ts';
import { ensureAdmin } from '../../server/platform/bootstrap.ts';
import { loadDemo } from '../../server/demo/demo.ts';
import { DEMO_PASSWORD, DEMO_TOWN } from '../../server/demo/accounts.ts';
import { seedCategories } from '../../server/modules/categories/seed.ts';
import { seedCalendar, todayChina } from '../../server/modules/calendar/calendar.service.ts';
import { importTown } from '../../server/modules/regions/regions.service.ts';
import { INSPECTION_KINDS } from '../../domain/inspections/vocab.ts';

let tdb: TestDb;
let app: FastifyInstance;
let chief: string;
let office: string;
let office2: string;
let supervisor: string;
const today = todayChina();
const rows = async <T = any>(q: ReturnType<typeof sql>) => (await tdb.db.execute<T & Record<string, unknown>>(q)).rows as T[];

beforeAll(async () => {
  tdb = await createTestDb();
  await seedCategories(tdb.db);
  await seedCalendar(tdb.db);
  await ensureAdmin(tdb.db, 'Admin12345', '');
  await loadDemo(tdb.db, DEMO_TOWN); // how long it takes is the benchmark's business (startup.cold_ms)
  await importTown(tdb.db, TOWN2, null);
  await addPerson(tdb.db, { name: '大同镇创城办甲', username: 'office2', regionCode: TOWN2, grants: [{ role: 'office_staff', region: TOWN2 }] });
  app = await testApp(tdb);
  chief = await login(app, 'chief', DEMO_PASSWORD);
  office = await login(app, 'office', DEMO_PASSWORD);
  supervisor = await login(app, 'supervisor', DEMO_PASSWORD);
  office2 = await login(app, 'office2', PASSWORD);
}, 300_000);
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('the demo history', () => {
  it('holds three weeks of every kind, through the same sync, with misses left', async () => {
    const byKind = new Map(
      (await rows<{ kind: string; n: number }>(sql`SELECT kind, count(*) AS n FROM inspections GROUP BY kind`)).map((r) => [r.kind, Number(r.n)]),
    );
    for (const k of INSPECTION_KINDS) expect(byKind.get(k), k).toBeGreaterThan(0);
    expect(byKind.get('patrol')).toBeGreaterThan(100);
    const [span] = await rows<{ first: string; last: string; unfinished: number }>(sql`
      SELECT min(on_date)::text AS first, max(on_date)::text AS last, count(*) FILTER (WHERE state <> 'finished') AS unfinished FROM inspections`);
    expect(span.last <= today).toBe(true);
    expect(span.first >= new Date(Date.parse(today) - 22 * 86400_000).toISOString().slice(0, 10)).toBe(true);
    expect(Number(span.unfinished)).toBe(0);
    // Not every assigned place was patrolled on every day a patrol happened: misses are left.
    const [gap] = await rows<{ slots: number; done: number }>(sql`
      SELECT (SELECT count(*) FROM place_assignments) * (SELECT count(DISTINCT on_date) FROM inspections WHERE kind = 'patrol') AS slots,
             (SELECT count(DISTINCT (inspector_id, place_id, on_date)) FROM inspections WHERE kind = 'patrol') AS done`);
    expect(Number(gap.done)).toBeLessThan(Number(gap.slots));
    // The month's mock evaluation: ~10 points of two communities, scored, with a few problems.
    const batch = `${Number(today.slice(0, 4))}年${Number(today.slice(5, 7))}月模拟测评`;
    const [ev] = await rows<{ n: number; communities: number; scored: number; problems: number }>(sql`
      SELECT count(*) AS n, count(DISTINCT left(region_code, 12)) AS communities, count(*) FILTER (WHERE max_score > 0) AS scored,
             sum(problems_found) AS problems FROM inspections WHERE kind = 'mock_evaluation' AND batch = ${batch}`);
    expect(Number(ev.n)).toBeGreaterThanOrEqual(6);
    expect(Number(ev.communities)).toBe(2);
    expect(Number(ev.scored)).toBe(Number(ev.n));
    expect(Number(ev.problems)).toBeGreaterThan(0);
    const [probs] = await rows<{ n: number }>(sql`SELECT count(*) AS n FROM problems WHERE source IN ('patrol', 'mock_evaluation') AND source_id IS NOT NULL`);
    expect(Number(probs.n)).toBeGreaterThan(0);
    expect((await rows(sql`SELECT 1 FROM supervision_assignments`)).length).toBe(13);
  });
});

describe('the phone', () => {
  it('bootstraps a street chief with everything to work offline', async () => {
    const r = await as(app, chief).get('/api/inspections/bootstrap');
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json();
    expect(b.me).toMatchObject({ name: '赖福林', title: '街巷长' });
    expect(b.today).toBe(today);
    expect(b.kinds).toEqual(['patrol']);
    const assigned = b.places.filter((p: any) => p.assigned);
    expect(assigned).toHaveLength(4);
    expect(b.places.slice(0, 4).every((p: any) => p.assigned)).toBe(true); // assigned first
    expect(b.places.length).toBeGreaterThan(4); // the rest of the community, for "nearby"
    expect(new Set(b.places.map((p: any) => p.communityName))).toEqual(new Set(['水东街社区居民委员会']));
    const street = assigned.find((p: any) => p.kind === 'street');
    const backStreet = b.checklists.find((c: any) => c.pointType === 'back_street');
    expect(street.checklistId).toBe(backStreet.id);
    expect(backStreet.items[0]).toEqual({
      id: expect.any(Number),
      code: 'BS01',
      title: '路面状况',
      criterion: expect.any(String),
      points: 3,
      categoryId: expect.any(Number),
    });
    expect(b.checklists).toHaveLength(13);
    const posters = b.categories.find((c: any) => c.name === '非法小广告');
    expect(posters).toMatchObject({ plainName: '牛皮癣小广告', defaultTier: 'on_spot', group: expect.any(String) });
    expect(b.cadence.find((c: any) => c.kind === 'patrol')).toMatchObject({ period: 'day', periodLabel: '每日', times: 1 });
  });

  it("shows a street chief's day: places due, nothing done yet today, problems open on their places", async () => {
    const r = await as(app, chief).get('/api/inspections/today');
    expect(r.statusCode, r.body).toBe(200);
    const t = r.json();
    expect(t.date).toBe(today);
    expect(t.places).toHaveLength(4);
    expect(t.places.every((p: any) => p.due === t.countedDay && p.doneToday === false)).toBe(true);
    expect(t.places.some((p: any) => p.lastInspectedOn && p.lastInspectedOn < today)).toBe(true);
    expect(t.doneToday).toEqual([]);
    for (const p of t.openProblems) expect(p).toMatchObject({ code: expect.any(String), stateLabel: expect.any(String), categoryName: expect.any(String) });

    // After a patrol of one place, that place is done and the patrol is listed.
    const place = t.places[0];
    const k = crypto.randomUUID();
    const photo = crypto.randomUUID();
    const boot = (await as(app, chief).get('/api/inspections/bootstrap')).json();
    const cl = boot.checklists.find((c: any) => c.id === boot.places.find((p: any) => p.id === place.placeId).checklistId);
    const res = (
      await as(app, chief).post('/api/inspections/sync', {
        items: [
          { type: 'photo', key: photo, data: (await phoneJpeg()).toString('base64') },
          {
            type: 'inspection',
            key: k,
            inspectionKey: k,
            kind: 'patrol',
            placeId: place.placeId,
            startedAt: new Date(Date.now() - 600_000).toISOString(),
            finishedAt: new Date().toISOString(),
            grades: cl.items.map((it: any, n: number) => ({ itemId: it.id, grade: 'A', photoKeys: n === 0 ? [photo] : [] })),
          },
        ],
      })
    ).json().results;
    expect(res.map((x: any) => x.status)).toEqual(['created', 'created']);
    const after = (await as(app, chief).get('/api/inspections/today')).json();
    expect(after.places.find((p: any) => p.placeId === place.placeId)).toMatchObject({ doneToday: true, lastInspectedOn: today });
    expect(after.doneToday).toEqual([
      expect.objectContaining({ id: res[1].id, kind: 'patrol', kindLabel: '街巷长巡查', placeName: place.name, problemsFound: 0, score: null, rate: null }),
    ]);

    // The grade photo: visible to the office of the town, not to another town's.
    expect((await as(app, office).get(`/api/photos/${res[0].id}?thumb=1`)).statusCode).toBe(200);
    expect((await as(app, office2).get(`/api/photos/${res[0].id}`)).statusCode).toBe(404);
    const d = (await as(app, office).get(`/api/inspections/${res[1].id}`)).json();
    expect(d.items[0].photos).toEqual([{ id: res[0].id, url: `/api/photos/${res[0].id}`, thumbUrl: `/api/photos/${res[0].id}?thumb=1` }]);
  });

  it('bootstraps the office with every kind it records and every place of the town', async () => {
    const b = (await as(app, office).get('/api/inspections/bootstrap')).json();
    expect(b.kinds).toEqual(['supervision', 'unannounced_visit', 'demo_visit', 'mock_evaluation']);
    const [n] = await rows<{ n: number }>(sql`SELECT count(*) AS n FROM places WHERE region_code LIKE ${DEMO_TOWN + '%'}`);
    expect(b.places).toHaveLength(Number(n.n));
    expect(b.places.some((p: any) => p.isDemoPoint)).toBe(true);
  });
});

describe('history and detail', () => {
  it('lists with filters, newest first, scoped: a street chief their own, another town nothing', async () => {
    const batch = `${Number(today.slice(0, 4))}年${Number(today.slice(5, 7))}月模拟测评`;
    const r = await as(app, office).get(`/api/inspections?kind=mock_evaluation&batch=${encodeURIComponent(batch)}&limit=50`);
    expect(r.statusCode, r.body).toBe(200);
    const l = r.json();
    expect(l.items.length).toBeGreaterThanOrEqual(6);
    expect(l.items[0]).toMatchObject({
      kind: 'mock_evaluation',
      kindLabel: '模拟测评',
      state: 'finished',
      stateLabel: '已完成',
      batch,
      place: { pointTypeLabel: expect.any(String) },
    });
    expect(l.items.every((i: any) => i.rate > 0 && i.rate <= 1 && i.gradedItems > 0)).toBe(true);
    const dates = l.items.map((i: any) => i.onDate);
    expect([...dates].sort().reverse()).toEqual(dates);

    const all = (await as(app, office).get('/api/inspections?limit=200')).json();
    const mine = (await as(app, chief).get('/api/inspections?limit=200')).json();
    const [me] = await rows<{ id: number }>(sql`SELECT id FROM people WHERE username = 'chief'`);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.length).toBeLessThan(all.items.length);
    expect(mine.items.every((i: any) => i.inspector.id === me.id)).toBe(true);
    expect((await as(app, office2).get('/api/inspections')).json()).toEqual({ items: [], nextCursor: null });
    const other = l.items[0].id;
    expect((await as(app, office2).get(`/api/inspections/${other}`)).statusCode).toBe(404);
    expect((await as(app, chief).get(`/api/inspections/${other}`)).statusCode).toBe(404);
    const from = (await as(app, office).get(`/api/inspections?kind=patrol&from=${today}&to=${today}`)).json();
    expect(from.items.every((i: any) => i.onDate === today)).toBe(true);
    expect((await as(app, office).get('/api/inspections?kind=bogus')).statusCode).toBe(400);
  });

  it('pages the history with the opaque cursor: every row once, in order; a page over 200 or a forged cursor is a 400', async () => {
    const all = (await as(app, office).get('/api/inspections?kind=mock_evaluation&limit=200')).json();
    expect(all.nextCursor).toBeNull();
    expect(all.items.length).toBeGreaterThan(3);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const r = await as(app, office).get(`/api/inspections?kind=mock_evaluation&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.statusCode, r.body).toBe(200);
      seen.push(...r.json().items.map((i: any) => i.id));
      cursor = r.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i: any) => i.id));
    for (const bad of ['limit=201', 'cursor=garbage', `cursor=${Buffer.from('[1]').toString('base64url')}`]) {
      const r = await as(app, office).get(`/api/inspections?${bad}`);
      expect(r.statusCode, bad).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it("shows an inspection's place, checklist version, graded items, score and the problems found", async () => {
    const [row] = await rows<{ id: number }>(sql`SELECT id FROM inspections WHERE kind = 'mock_evaluation' AND problems_found > 0 ORDER BY id LIMIT 1`);
    const d = (await as(app, office).get(`/api/inspections/${row.id}`)).json();
    expect(d.checklist).toMatchObject({ version: 1, current: true, title: expect.stringContaining('实地考察标准') });
    expect(d.items.length).toBeGreaterThan(0);
    const graded = d.items.filter((i: any) => i.grade);
    expect(graded.reduce((s: number, i: any) => s + i.score, 0)).toBeCloseTo(d.score, 1);
    expect(graded.reduce((s: number, i: any) => s + i.points, 0)).toBeCloseTo(d.maxScore, 1);
    expect(d.rate).toBeCloseTo(d.score / d.maxScore, 3);
    expect(d.problems.length).toBe(d.problemsFound);
    expect(d.problems[0]).toMatchObject({ code: expect.any(String), stateLabel: expect.any(String), categoryName: expect.any(String) });
    expect(d.place).toMatchObject({ name: expect.any(String) });
  });
});

describe('responsibility', () => {
  it('lists street chiefs with their places, supervisors with their communities, demo points with their units', async () => {
    const r = await as(app, office).get(`/api/inspections/responsibility?regionCode=${DEMO_TOWN}`);
    expect(r.statusCode, r.body).toBe(200);
    const x = r.json();
    expect(x.streetChiefs.find((c: any) => c.name === '赖福林').places).toHaveLength(4);
    expect(x.supervisors).toHaveLength(3);
    expect(x.supervisors.flatMap((s: any) => s.communities)).toHaveLength(13);
    expect(x.communitiesWithoutSupervisor).toEqual([]);
    expect(x.demoPoints.length).toBeGreaterThan(0);
    expect(x.demoPoints.every((d: any) => d.unit?.name)).toBe(true);
    expect(x.canManage).toBe(true);
    expect((await as(app, office2).get(`/api/inspections/responsibility?regionCode=${DEMO_TOWN}`)).statusCode).toBe(403);
  });

  it('lets the office reassign a supervisor; not a street chief or a supervisor', async () => {
    const cur = (await as(app, office).get('/api/inspections/supervision-assignments')).json();
    const sup = cur.supervisors.find((s: any) => s.name === '黄国平');
    const codes = cur.communities.slice(0, 2).map((c: any) => c.code);
    const body = { items: [{ personId: sup.id, communityCodes: codes }] };
    expect((await as(app, chief).put(`/api/inspections/supervision-assignments?regionCode=${DEMO_TOWN}`, body)).statusCode).toBe(403);
    expect((await as(app, supervisor).put(`/api/inspections/supervision-assignments?regionCode=${DEMO_TOWN}`, body)).statusCode).toBe(403);
    const r = await as(app, office).put(`/api/inspections/supervision-assignments?regionCode=${DEMO_TOWN}`, body);
    expect(r.statusCode, r.body).toBe(200);
    expect(
      r
        .json()
        .supervisors.find((s: any) => s.id === sup.id)
        .communities.map((c: any) => c.code),
    ).toEqual(codes);
    const [chiefRow] = await rows<{ id: number }>(sql`SELECT id FROM people WHERE username = 'chief'`);
    const bad = await as(app, office).put(`/api/inspections/supervision-assignments?regionCode=${DEMO_TOWN}`, {
      items: [{ personId: chiefRow.id, communityCodes: ['350821101001'] }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: any) => f.path)).toEqual(['items.0.personId', 'items.0.communityCodes.0']);
  });
});
