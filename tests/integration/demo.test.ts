// The demo town (server/demo): what a first start shows must cover every
// role with the documented accounts, and must never be loaded twice.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { as, login, testApp } from '../helpers/town.ts';
import { ensureAdmin, getSetting } from '../../server/platform/bootstrap.ts';
import { verifyAudit } from '../../server/platform/audit-verify.ts';
import { createLogger } from '../../server/platform/logger.ts';
import { loadDemo, loadDemoIfEmpty, type DemoCounts } from '../../server/demo/demo.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOWN } from '../../server/demo/accounts.ts';
import { TINGZHOU_CENTRE } from '../../server/demo/data.ts';
import { ROLES } from '../../domain/roles.ts';
import { PROBLEM_STATES } from '../../domain/problems/vocab.ts';
import { todayChina } from '../../server/platform/clock.ts';
import { addDays } from '../../domain/dates.ts';
import { UNIT_KINDS } from '../../domain/units.ts';
import { SEED_CATEGORIES } from '../../server/modules/categories/seed-data.ts';

let tdb: TestDb;
let app: FastifyInstance;
let counts: DemoCounts | null;

const rows = async <T = any>(q: ReturnType<typeof sql>) => (await tdb.db.execute<T & Record<string, unknown>>(q)).rows as T[];

beforeAll(async () => {
  tdb = await createTestDb();
  await ensureAdmin(tdb.db, 'Admin12345', '');
  counts = await loadDemo(tdb.db, DEMO_TOWN, { storageDir: fs.mkdtempSync(path.join(os.tmpdir(), 'cc-demo-photos-')) });
  app = await testApp(tdb);
}, 300_000); // a hang cap on a loaded machine; the time itself is the benchmark's (startup.cold_ms)
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('demo town', () => {
  it('loads 长汀县汀州镇 with its 13 real communities', async () => {
    expect(counts).toMatchObject({ town: DEMO_TOWN, townName: '长汀县汀州镇', communities: 13, grids: 26, people: DEMO_ACCOUNTS.length });
    const [c] = await rows<{ n: number }>(sql`SELECT count(*) AS n FROM regions WHERE parent_code = ${DEMO_TOWN} AND level = 'community'`);
    expect(c.n).toBe(13);
    const [sd] = await rows<{ name: string }>(sql`SELECT name FROM regions WHERE code = '350821100010'`);
    expect(sd.name).toBe('水东街社区居民委员会');
    expect(await getSetting(tdb.db, 'demo.loaded')).toMatchObject({ town: DEMO_TOWN });
  });

  it('holds every role, with the counts the account list promises', async () => {
    const byRole = new Map((await rows<{ role: string; n: number }>(sql`SELECT role, count(*) AS n FROM role_grants GROUP BY role`)).map((r) => [r.role, r.n]));
    for (const role of ROLES) expect(byRole.get(role), role).toBeGreaterThan(0);
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      expect(byRole.get(role), role).toBe(DEMO_ACCOUNTS.filter((a) => a.role === role).length);
    }
    expect(byRole.get('town_leader')).toBeGreaterThanOrEqual(1);
    expect(byRole.get('community_staff')).toBeGreaterThanOrEqual(6);
    expect(byRole.get('street_chief')).toBeGreaterThanOrEqual(6);
    expect(byRole.get('unit_liaison')).toBe(10);
    const [county] = await rows<{ scope_region_code: string }>(sql`SELECT scope_region_code FROM role_grants WHERE role = 'county_viewer'`);
    expect(county.scope_region_code).toBe('350821');
  });

  it('has every kind of unit, a committee and a practice station per community, and 挂钩共建 pairs covering every community', async () => {
    const kinds = new Set((await rows<{ kind: string }>(sql`SELECT DISTINCT kind FROM units`)).map((r) => r.kind));
    for (const k of UNIT_KINDS) expect(kinds.has(k), k).toBe(true);
    const perCommunity = await rows<{ code: string; committees: number; stations: number }>(sql`
      SELECT r.code,
        (SELECT count(*) FROM units u WHERE u.region_code = r.code AND u.kind = 'community_committee') AS committees,
        (SELECT count(*) FROM units u WHERE u.region_code = r.code AND u.kind = 'practice_station') AS stations
      FROM regions r WHERE r.parent_code = ${DEMO_TOWN} AND r.level = 'community'`);
    for (const c of perCommunity) expect([c.committees, c.stations], c.code).toEqual([1, 1]);
    const names = (await rows<{ name: string }>(sql`SELECT name FROM units`)).map((r) => r.name);
    for (const n of [
      '长汀县创城办',
      '汀州镇创城办',
      '水东街社区居委会',
      '汀州镇新时代文明实践所',
      '长汀县城市管理局',
      '长汀县文体旅游局',
      '长汀县公安局交警大队',
      '长汀县历史文化名城管委会',
      '国网长汀县供电公司',
    ])
      expect(names).toContain(n);
    expect(names.some((n) => n.endsWith('红色业委会'))).toBe(true);
    expect(names.some((n) => n.endsWith('兼合式党支部'))).toBe(true);
    const pairs = await rows<{ name: string; n: number }>(sql`
      SELECT u.name, count(uc.community_code) AS n FROM units u JOIN unit_communities uc ON uc.unit_id = u.id WHERE u.kind = 'co_building' GROUP BY u.name`);
    expect(pairs.length).toBeGreaterThanOrEqual(4);
    expect(pairs.length).toBeLessThanOrEqual(6);
    for (const p of pairs) expect(p.n, p.name).toBeGreaterThanOrEqual(2);
    for (const p of pairs) expect(p.n, p.name).toBeLessThanOrEqual(3);
    const [unpaired] = await rows<{ n: number }>(sql`
      SELECT count(*) AS n FROM regions r WHERE r.parent_code = ${DEMO_TOWN} AND r.level = 'community'
        AND NOT EXISTS (SELECT 1 FROM unit_communities uc WHERE uc.community_code = r.code)`);
    expect(unpaired.n).toBe(0);
  });

  it('gives each community 2 grids, 3-6 streets, 1-3 compounds and 3-6 points near the town centre', async () => {
    const per = await rows<any>(sql`
      SELECT r.code,
        (SELECT count(*) FROM regions g WHERE g.parent_code = r.code AND g.level = 'grid') AS grids,
        (SELECT count(*) FROM places p WHERE p.region_code LIKE r.code || '%' AND p.kind = 'street') AS streets,
        (SELECT count(*) FROM places p WHERE p.region_code LIKE r.code || '%' AND p.kind = 'compound') AS compounds,
        (SELECT count(*) FROM places p WHERE p.region_code LIKE r.code || '%' AND p.kind = 'point') AS points
      FROM regions r WHERE r.parent_code = ${DEMO_TOWN} AND r.level = 'community'`);
    for (const c of per) {
      expect(c.grids, c.code).toBe(2);
      expect(c.streets, c.code).toBeGreaterThanOrEqual(3);
      expect(c.streets, c.code).toBeLessThanOrEqual(6);
      expect(c.compounds, c.code).toBeGreaterThanOrEqual(1);
      expect(c.compounds, c.code).toBeLessThanOrEqual(3);
      expect(c.points, c.code).toBeGreaterThanOrEqual(3);
      expect(c.points, c.code).toBeLessThanOrEqual(6);
    }
    const grids = await rows<{ code: string }>(sql`SELECT code FROM regions WHERE level = 'grid'`);
    for (const g of grids) expect(g.code).toMatch(/^350821100\d{6}$/);
    const pts = await rows<any>(sql`SELECT name, point_type, lat, lng, is_demo_point, responsible_unit_id FROM places`);
    const km = (p: { lat: number; lng: number }) => Math.hypot((p.lat - TINGZHOU_CENTRE.lat) * 111.3, (p.lng - TINGZHOU_CENTRE.lng) * 100.2);
    for (const p of pts) expect(km(p), p.name).toBeLessThan(2.2);
    expect(new Set(pts.filter((p) => p.point_type).map((p) => p.point_type)).size).toBeGreaterThanOrEqual(6);
    const demo = pts.filter((p) => p.is_demo_point);
    expect(demo.length).toBeGreaterThanOrEqual(3);
    for (const p of demo) expect(p.responsible_unit_id, p.name).not.toBeNull();
    expect(pts.map((p) => p.name)).toContain('店头街');
  });

  it('assigns each street chief 2-4 places of their own community', async () => {
    const chiefs = await rows<any>(sql`
      SELECT p.name, g.scope_region_code AS scope,
        array_agg(pl.region_code) AS regions, count(pl.id) AS n
      FROM people p JOIN role_grants g ON g.person_id = p.id AND g.role = 'street_chief'
      JOIN place_assignments pa ON pa.person_id = p.id AND pa.valid_to IS NULL JOIN places pl ON pl.id = pa.place_id
      GROUP BY p.name, g.scope_region_code`);
    expect(chiefs.length).toBe(DEMO_ACCOUNTS.filter((a) => a.role === 'street_chief').length);
    for (const c of chiefs) {
      expect(c.n, c.name).toBeGreaterThanOrEqual(2);
      expect(c.n, c.name).toBeLessThanOrEqual(4);
      for (const r of c.regions) expect(r.startsWith(c.scope), c.name).toBe(true);
    }
    // One place changed hands during the history: the compliance pages show a handover.
    const handed = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM place_assignments a JOIN place_assignments b
      ON b.place_id = a.place_id AND b.valid_from = a.valid_to AND b.person_id <> a.person_id`);
    expect(handed[0].n).toBe(1);
  });

  it('has an account for every community committee and for every unit the dispatch matrix routes to', async () => {
    const committees = await rows<{ name: string; n: number }>(sql`
      SELECT u.name, (SELECT count(*) FROM role_grants g WHERE g.role = 'community_staff' AND g.scope_region_code = u.region_code) AS n
      FROM units u WHERE u.kind = 'community_committee'`);
    expect(committees.length).toBe(13);
    for (const c of committees) expect(Number(c.n), c.name).toBeGreaterThanOrEqual(1);
    // Category defaults name their department by a part of its name (交警 for 0505 机动车乱停放); co-building units take dispatches too.
    const defaults = [
      ...new Set(
        SEED_CATEGORIES.flatMap((m) => m.children)
          .map((c) => c.defaultUnitName)
          .filter((n): n is string => !!n),
      ),
    ];
    expect(defaults).toContain('交警');
    const routed = await rows<{ name: string; n: number }>(sql`
      SELECT u.name, (SELECT count(*) FROM role_grants g WHERE g.role = 'unit_liaison' AND g.scope_unit_id = u.id) AS n FROM units u
      WHERE u.kind = 'co_building' OR (u.kind = 'department' AND EXISTS (SELECT 1 FROM unnest(${sql.param(defaults)}::text[]) d WHERE strpos(u.name, d) > 0))`);
    expect(routed.map((u) => u.name)).toContain('长汀县公安局交警大队');
    expect(routed.length).toBeGreaterThanOrEqual(defaults.length);
    for (const u of routed) expect(Number(u.n), u.name).toBeGreaterThanOrEqual(1);
  });

  it('gives 城管局’s liaison a rectification queue on the phone: two to accept, one in rectification', async () => {
    const [u] = await rows<{ id: number }>(sql`SELECT id FROM units WHERE name = '长汀县城市管理局'`);
    const queue = await rows<{ state: string; n: number }>(
      sql`SELECT state, count(*)::int AS n FROM problems WHERE responsible_unit_id = ${u.id} GROUP BY state ORDER BY state`,
    );
    expect(queue).toEqual([
      { state: 'dispatched', n: 2 },
      { state: 'rectifying', n: 1 },
    ]);
  });

  it('lets every key account sign in with the documented password, no forced change', async () => {
    for (const a of DEMO_ACCOUNTS.filter((x) => x.username)) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: a.username, password: DEMO_PASSWORD } });
      expect(res.statusCode, a.username!).toBe(200);
      expect(
        res.json().roles.map((r: any) => r.role),
        a.username!,
      ).toContain(a.role);
    }
    const byPhone = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: DEMO_ACCOUNTS[1].phone, password: DEMO_PASSWORD } });
    expect(byPhone.statusCode).toBe(200);
    const [m] = await rows<{ n: number }>(sql`SELECT count(*) AS n FROM people WHERE must_change_password AND lower(username) IS DISTINCT FROM 'admin'`);
    expect(m.n).toBe(0);
    const phones = DEMO_ACCOUNTS.map((a) => a.phone);
    expect(new Set(phones).size).toBe(phones.length);
    for (const p of phones) expect(p).toMatch(/^1[3-9]\d{9}$/);
  });

  it('audits every record it creates, and the chain verifies', async () => {
    const [missing] = await rows<{ n: number }>(sql`
      SELECT (SELECT count(*) FROM people p WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'person' AND a.entity_id = p.id::text))
           + (SELECT count(*) FROM units u WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'unit' AND a.entity_id = u.id::text))
           + (SELECT count(*) FROM places x WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'place' AND a.entity_id = x.id::text))
           + (SELECT count(*) FROM regions r WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'region' AND a.entity_id = r.code)) AS n`);
    expect(missing.n).toBe(0);
    expect(await verifyAudit(tdb.db, tdb.audit)).toMatchObject({ ok: true });
  });

  it('has the county’s own notices: one the town fed back on, one this week’s still open, their items the town’s problems', async () => {
    const county = await rows<{ kind: string; towns: number; fed: number; items: number }>(sql`
      SELECT n.kind, (SELECT count(*)::int FROM notices c WHERE c.parent_id = n.id) AS towns,
        (SELECT count(*)::int FROM notices c WHERE c.parent_id = n.id AND c.feedback_at IS NOT NULL) AS fed,
        (SELECT count(*)::int FROM notices c JOIN notice_items i ON i.notice_id = c.id WHERE c.parent_id = n.id) AS items
      FROM notices n WHERE n.direction = 'county' ORDER BY n.id`);
    expect(county).toEqual([
      { kind: 'county_notice', towns: 1, fed: 1, items: 3 },
      { kind: 'county_weekly', towns: 1, fed: 0, items: 2 },
    ]);
    const problems = await rows<{ source: string; n: number }>(
      sql`SELECT source, count(*)::int AS n FROM problems WHERE source IN ('county_notice', 'county_weekly') GROUP BY source ORDER BY source`,
    );
    expect(problems).toEqual([
      { source: 'county_notice', n: 3 },
      { source: 'county_weekly', n: 2 },
    ]);
  });

  it('leaves work in the inbox: a notice the supervisor drafted awaiting the leaders, a return and an extension for the office, problems for the cadres to accept', async () => {
    const open = await rows<{ kind: string; owner: string; n: number }>(sql`
      SELECT kind, coalesce(owner_role, CASE WHEN owner_unit_id IS NOT NULL THEN 'unit' ELSE 'person' END) AS owner, count(*)::int AS n
      FROM inbox_items WHERE state = 'open' GROUP BY 1, 2 ORDER BY 1, 2`);
    expect(open).toEqual(
      expect.arrayContaining([
        { kind: 'notice_approval', owner: 'town_leader', n: 1 },
        { kind: 'problem_returned', owner: 'office_staff', n: 1 },
        { kind: 'extension_request', owner: 'office_staff', n: 1 },
        expect.objectContaining({ kind: 'problem_accept', owner: 'unit' }),
      ]),
    );
    const drafted = await rows<{ state: string; role: string }>(sql`
      SELECT n.state, g.role FROM notices n JOIN role_grants g ON g.person_id = n.created_by WHERE n.direction = 'issued' AND n.state IN ('draft', 'submitted') ORDER BY n.id`);
    expect(drafted).toEqual([
      { state: 'submitted', role: 'supervisor' },
      { state: 'draft', role: 'supervisor' },
    ]);
  });

  it('counts 每日一巡查 on every day (its cadence setting), so the street chief has patrols due whatever day it is', async () => {
    const cookie = await login(app, 'chief', DEMO_PASSWORD);
    const today = (await as(app, cookie).get('/api/inspections/today')).json();
    expect(today.countedDay).toBe(true);
    expect(today.places.length).toBeGreaterThanOrEqual(2);
    expect(today.places.filter((p: any) => p.due && !p.doneToday).length).toBeGreaterThanOrEqual(1);
    // The setting, as the office sees it: patrols count on weekends and holidays; a weekend day of the history was patrolled.
    const office = await login(app, 'office', DEMO_PASSWORD);
    const cadence = (await as(app, office).get(`/api/inspections/cadence?regionCode=${DEMO_TOWN}`)).json();
    expect(cadence.inheritedFrom).toBe('own');
    expect(cadence.cadence.patrol).toMatchObject({ period: 'day', times: 1, countWeekends: true, countHolidays: true });
    const [weekend] = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM inspections WHERE kind = 'patrol' AND extract(isodow FROM on_date) IN (6, 7)`,
    );
    expect(weekend.n).toBeGreaterThan(0);
  });

  it('has months of cases in every state, each dated consistently (history rows from its report on, never in the future)', async () => {
    const states = new Set((await rows<{ state: string }>(sql`SELECT DISTINCT state FROM problems`)).map((r) => r.state));
    for (const st of PROBLEM_STATES) expect(states.has(st), st).toBe(true);
    const [f] = await rows<any>(sql`SELECT
        count(*) FILTER (WHERE state = 'closed' AND closed_on_time)::int AS on_time,
        count(*) FILTER (WHERE state = 'closed' AND NOT closed_on_time)::int AS late,
        count(*) FILTER (WHERE state = 'closed' AND rework_count > 0)::int AS reworked,
        count(*) FILTER (WHERE state IN ('dispatched', 'rectifying') AND due_date < ${todayChina()}::date)::int AS overdue,
        count(*) FILTER (WHERE extension_count > 0)::int AS extended,
        (${todayChina()}::date - min(created_at AT TIME ZONE 'Asia/Shanghai')::date)::int AS days_back
      FROM problems`);
    expect(f.on_time).toBeGreaterThanOrEqual(5);
    expect(f.late).toBeGreaterThanOrEqual(1);
    expect(f.reworked).toBeGreaterThanOrEqual(1);
    expect(f.overdue).toBeGreaterThanOrEqual(2);
    expect(f.extended).toBeGreaterThanOrEqual(1);
    expect(f.days_back).toBeGreaterThanOrEqual(90);
    const [bad] = await rows<{ n: number }>(sql`SELECT
        (SELECT count(*) FROM problem_events e JOIN problems p ON p.id = e.problem_id WHERE e.at < p.created_at OR e.at > now())
      + (SELECT count(*) FROM problems WHERE closed_at < created_at OR updated_at < created_at OR created_at > now())
      + (SELECT count(*) FROM problem_photos WHERE created_at > now())::int AS n`);
    expect(Number(bad.n)).toBe(0);
  });

  it('has town notices published with their 文号, one fed back (all its problems closed), and 集中整 plan in progress', async () => {
    const published = await rows<{ doc_number: string; seq: number; items: number; closed: number }>(sql`
      SELECT n.doc_number, n.seq, count(i.*)::int AS items, count(*) FILTER (WHERE p.state = 'closed')::int AS closed
      FROM notices n JOIN notice_items i ON i.notice_id = n.id JOIN problems p ON p.id = i.problem_id
      WHERE n.direction = 'issued' AND n.state = 'published' GROUP BY n.id ORDER BY n.id`);
    expect(published.length).toBe(2);
    for (const n of published) expect(n.doc_number).toMatch(/〔\d{4}〕\d+号$/);
    expect(published.some((n) => n.closed === n.items)).toBe(true);
    expect(published.some((n) => n.closed < n.items)).toBe(true);
    const [plan] = await rows<any>(sql`SELECT p.state, count(m.*) FILTER (WHERE m.done_at IS NOT NULL)::int AS done, count(m.*)::int AS milestones,
        (SELECT max(pp.percent) FROM plan_progress pp WHERE pp.plan_id = rp.id) AS percent
      FROM rectification_plans rp JOIN problems p ON p.id = rp.problem_id JOIN plan_milestones m ON m.plan_id = rp.id GROUP BY rp.id, p.state`);
    expect(plan).toMatchObject({ state: 'rectifying', done: 1, milestones: 3, percent: 40 });
  });

  it('has 回头看 kept, recurred and due, 问责 items decided by a leader, and each past month’s 红黑榜 published with differing scores', async () => {
    const looks = new Map(
      (await rows<{ state: string; n: number }>(sql`SELECT state, count(*)::int AS n FROM reinspections GROUP BY state`)).map((r) => [r.state, r.n]),
    );
    expect(looks.get('passed')).toBeGreaterThanOrEqual(3);
    expect(looks.get('recurred')).toBeGreaterThanOrEqual(1);
    const [due] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM reinspections WHERE state = 'scheduled' AND due_date <= ${todayChina()}::date`);
    expect(due.n).toBeGreaterThanOrEqual(1);
    const decided = await rows<{ decision: string; role: string }>(sql`
      SELECT a.decision, g.role FROM accountability_items a JOIN role_grants g ON g.person_id = a.decided_by WHERE a.state = 'decided'`);
    expect(decided.length).toBeGreaterThanOrEqual(1);
    for (const d of decided) expect(d.role).toBe('town_leader');
    const rankings = await rows<{ period_start: string; rows: any[] }>(sql`
      SELECT period_start::text, rows FROM rankings WHERE state = 'published' AND region_code = ${DEMO_TOWN} AND period_kind = 'month' ORDER BY period_start`);
    expect(rankings.length).toBe(3);
    const last = rankings.at(-1)!.rows;
    expect(new Set(last.map((r: any) => r.score)).size).toBeGreaterThan(2);
    expect(last.some((r: any) => r.list === 'red')).toBe(true);
    expect(last.some((r: any) => r.list === 'black')).toBe(true);
    // The ranking page shows it published, the communities scored differently.
    const office = await login(app, 'office', DEMO_PASSWORD);
    const res = await as(app, office).get(`/api/assessment/rankings?region=${DEMO_TOWN}&kind=month&date=${rankings.at(-1)!.period_start}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ published: true, state: 'published' });
    expect(new Set(res.json().rows.map((r: any) => r.score)).size).toBeGreaterThan(2);
  });

  it('holds a year of meetings of every kind, decisions in every state, missed 例会 weeks, a study trip and files', async () => {
    const office = as(app, await login(app, 'office', DEMO_PASSWORD));
    const kinds = await rows<{ code: string; n: number }>(
      sql`SELECT k.code, count(*)::int AS n FROM meetings m JOIN meeting_kinds k ON k.id = m.kind_id GROUP BY k.code`,
    );
    expect(Object.fromEntries(kinds.map((k) => [k.code, k.n]))).toMatchObject({
      weekly: expect.any(Number),
      mobilisation: expect.any(Number),
      topic: expect.any(Number),
      training: expect.any(Number),
      internal: expect.any(Number),
    });
    expect(kinds.find((k) => k.code === 'weekly')!.n).toBeGreaterThan(40);
    for (const view of ['open', 'overdue', 'done']) {
      expect((await office.get(`/api/meetings/decisions?view=${view}`)).json().items.length, view).toBeGreaterThan(0);
    }
    const cadence = (await office.get('/api/meetings/cadence')).json().towns.find((t: any) => t.townCode === DEMO_TOWN);
    expect(cadence.perWeek).toBe(1);
    const missed =
      (await office.get(`/api/meetings/cadence?year=${Number(todayChina().slice(0, 4)) - 1}`)).json().towns[0].missed.length + cadence.missed.length;
    expect(missed).toBeGreaterThan(0);
    const trips = (await office.get('/api/meetings/trips')).json().items;
    expect(trips.length).toBe(1);
    expect(trips[0].sharedMeeting).not.toBeNull();
    const withFiles = (await office.get('/api/meetings?kind=mobilisation')).json().items.find((m: any) => m.files > 0);
    const m = (await office.get(`/api/meetings/${withFiles.id}`)).json();
    expect(m.attachments.files[0]).toMatchObject({ kind: 'pdf' });
    expect(m.attachments.photos.length).toBeGreaterThan(0);
    // The figures ①-④ and ⑥ read the demo's records.
    const figs = (await office.get(`/api/figures?region=${DEMO_TOWN}&period=${todayChina().slice(0, 4)}`)).json().figures;
    expect(figs.find((f: any) => f.id === 'meetings.weekly').value).toBeGreaterThan(0);
  });

  it('holds a year of publicity and facilities at the points in every condition, some points short of their requirement', async () => {
    const office = as(app, await login(app, 'office', DEMO_PASSWORD));
    const figs = (await office.get(`/api/figures?region=${DEMO_TOWN}&period=${addDays(todayChina(), -364)}..${todayChina()}`)).json().figures;
    const v = Object.fromEntries(figs.map((f: any) => [f.id, f.value]));
    for (const id of [
      'publicity.articles',
      'publicity.featured',
      'facilities.boards',
      'facilities.ads',
      'publicity.flyers',
      'publicity.items',
      'publicity.door_to_door',
    ])
      expect(v[id], id).toBeGreaterThan(0);
    expect(v['publicity.articles']).toBeGreaterThan(30);
    for (const condition of ['good', 'damaged', 'outdated', 'removed'])
      expect((await office.get(`/api/publicity/facilities?condition=${condition}`)).json().items.length, condition).toBeGreaterThan(0);
    const short = (await office.get(`/api/publicity/short-points?regionCode=${DEMO_TOWN}`)).json().items;
    expect(short.length).toBeGreaterThan(0);
    const damaged = (await office.get('/api/publicity/facilities?condition=damaged&limit=200')).json().items.filter((f: any) => f.problem);
    expect(damaged.length).toBe(1);
    expect(damaged[0].problem.state).toBe('dispatched');
  });

  it('holds two closed sanitation campaigns and a running one with daily records, a survey in every state, a fund with projects and a reversal', async () => {
    const office = as(app, await login(app, 'office', DEMO_PASSWORD));
    const campaigns = (await office.get('/api/campaigns')).json().items;
    expect(campaigns.map((c: any) => c.state).sort()).toEqual(['closed', 'closed', 'running']);
    for (const c of campaigns) expect(c.days, c.theme).toBeGreaterThan(0);
    const closed = (await office.get(`/api/campaigns/${campaigns.find((c: any) => c.state === 'closed').id}`)).json();
    expect(closed).toMatchObject({ linkedFrozen: true });
    expect(closed.dayRecords.some((d: any) => d.before.length && d.after.length)).toBe(true);
    const figs = (await office.get(`/api/figures?region=${DEMO_TOWN}&period=${addDays(todayChina(), -364)}..${todayChina()}`)).json().figures;
    const v = Object.fromEntries(figs.map((f: any) => [f.id, f.value]));
    expect(v['campaigns.sanitation']).toBe(2);
    for (const id of ['campaigns.cadres', 'campaigns.workers', 'campaigns.garbage', 'campaigns.posters', 'campaigns.piles', 'campaigns.parking'])
      expect(v[id], id).toBeGreaterThan(0);
    const needs = (await office.get('/api/surveys/needs?limit=200')).json().items;
    expect(new Set(needs.map((n: any) => n.state))).toEqual(new Set(['pending', 'contacted', 'approved', 'in_progress', 'done', 'deferred']));
    expect(needs.some((n: any) => n.units.some((u: any) => u.answer))).toBe(true);
    const liaison = as(app, await login(app, 'liaison', DEMO_PASSWORD));
    expect((await liaison.get('/api/surveys/department')).json().items.length).toBeGreaterThan(0);
    const b = (await office.get(`/api/fund/balance?period=${addDays(todayChina(), -364)}..${todayChina()}`)).json();
    expect(b.incomeFen).toBeGreaterThan(b.spendFen);
    expect(b.byProject.length).toBe(3);
    expect(b.byProject.some((p: any) => p.remainingFen < 0)).toBe(true);
    const entries = (await office.get('/api/fund/entries?limit=200')).json().items;
    expect(entries.some((e: any) => e.reversesId)).toBe(true);
  });

  it('holds a completed survey wave answered by interviewers across the communities, with weak items and a task, and an open one', async () => {
    const office = as(app, await login(app, 'office', DEMO_PASSWORD));
    const waves = (await office.get(`/api/polls/waves?town=${DEMO_TOWN}`)).json().items;
    expect(waves.map((w: any) => w.state).sort()).toEqual(['closed', 'open']);
    const done = waves.find((w: any) => w.state === 'closed');
    expect(done.responses).toBeGreaterThanOrEqual(200);
    const r = (await office.get(`/api/polls/waves/${done.id}/results`)).json();
    expect(r.communities.filter((c: any) => c.n > 0)).toHaveLength(13);
    expect(r.weak.length).toBeGreaterThan(0);
    expect(r.weak.some((w: any) => w.followups.length)).toBe(true);
    expect(waves.find((w: any) => w.state === 'open').selfResponses).toBe(3);
    const interviewer = as(app, await login(app, 'interviewer', DEMO_PASSWORD));
    expect((await interviewer.get('/api/polls/phone')).json().waves).toHaveLength(1);
  });

  it('is never loaded twice', async () => {
    const before = await rows<any>(
      sql`SELECT (SELECT count(*) FROM people) AS p, (SELECT count(*) FROM units) AS u, (SELECT count(*) FROM places) AS pl, (SELECT count(*) FROM audit_log) AS a`,
    );
    expect(await loadDemo(tdb.db, DEMO_TOWN)).toBeNull();
    expect(await loadDemoIfEmpty(tdb.db, DEMO_TOWN, createLogger('silent'))).toBeNull();
    const after = await rows<any>(
      sql`SELECT (SELECT count(*) FROM people) AS p, (SELECT count(*) FROM units) AS u, (SELECT count(*) FROM places) AS pl, (SELECT count(*) FROM audit_log) AS a`,
    );
    expect(after).toEqual(before);
  });
});

describe('demo loader guards', () => {
  it('is deterministic, and stays out of a database that already has people', async () => {
    const other = await createTestDb();
    try {
      await ensureAdmin(other.db, 'Admin12345', '');
      // Someone already set the town up by hand: no demo on top of it.
      await other.db.execute(sql`INSERT INTO people (name, region_code) VALUES ('已有人员', '')`);
      expect(await loadDemoIfEmpty(other.db, DEMO_TOWN, createLogger('silent'))).toBeNull();
      await other.db.execute(sql`DELETE FROM people WHERE name = '已有人员'`);
      expect(await loadDemo(other.db, DEMO_TOWN)).not.toBeNull();
      const q = sql`SELECT kind, name, region_code, point_type, lat, lng, is_demo_point FROM places ORDER BY region_code, kind, name`;
      expect((await other.db.execute(q)).rows).toEqual((await tdb.db.execute(q)).rows);
    } finally {
      await other.drop();
    }
  });

  it('holds a year of activities across the stations, in every state, held ones with photos and stations at their places', async () => {
    const byState = new Map(
      (await rows<{ state: string; n: number }>(sql`SELECT state, count(*)::int AS n FROM activities GROUP BY state`)).map((r) => [r.state, r.n]),
    );
    for (const s of ['planned', 'held', 'cancelled']) expect(byState.get(s), s).toBeGreaterThan(0);
    const [span] = await rows<{ months: number; stations: number }>(sql`SELECT count(DISTINCT to_char(on_date, 'YYYY-MM'))::int AS months,
      count(DISTINCT organizer_unit_id) FILTER (WHERE state = 'held')::int AS stations FROM activities`);
    expect(span.months).toBeGreaterThanOrEqual(12);
    expect(span.stations).toBeGreaterThanOrEqual(13);
    const [bare] = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM activities a WHERE a.state = 'held' AND NOT EXISTS (SELECT 1 FROM file_links l WHERE l.owner_kind = 'activity' AND l.owner_id = a.id AND l.file_kind = 'photo')`,
    );
    expect(bare.n).toBe(0);
    const [linked] = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM units u JOIN station_places s ON s.unit_id = u.id WHERE u.kind = 'practice_station'`,
    );
    expect(linked.n).toBe(13);
    const office = as(app, await login(app, 'office', DEMO_PASSWORD));
    const first = (await office.get('/api/activities?state=held&limit=1')).json().items[0];
    const detail = (await office.get(`/api/activities/${first.id}`)).json();
    expect(detail.photos.length).toBeGreaterThan(0); // served from the demo's storage directory (not this app's)
  });

  it('has volunteers in every team (leaders, some who left, one deactivated) and a year of service, some corrected', async () => {
    const [m] = await rows<{ teams: number; people: number; leaders: number; left: number; inactive: number; ids: number }>(sql`SELECT
      (SELECT count(DISTINCT team_id)::int FROM volunteer_memberships) AS teams, (SELECT count(*)::int FROM volunteers) AS people,
      (SELECT count(DISTINCT team_id)::int FROM volunteer_memberships WHERE role = 'leader') AS leaders, (SELECT count(*)::int FROM volunteer_memberships WHERE left_on IS NOT NULL) AS "left",
      (SELECT count(*)::int FROM volunteers v JOIN people p ON p.id = v.person_id WHERE NOT p.active) AS inactive,
      (SELECT count(*)::int FROM volunteers WHERE id_number_enc IS NOT NULL) AS ids`);
    expect(m.teams).toBe(15);
    expect(m.people).toBeGreaterThan(80);
    expect(m.leaders).toBe(15); // every team has its leader
    expect(m.left).toBeGreaterThan(0);
    expect(m.inactive).toBe(1);
    expect(m.ids).toBeGreaterThan(40);
    const [s] = await rows<{ confirmed: number; superseded: number; months: number }>(sql`SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
      count(*) FILTER (WHERE superseded_by IS NOT NULL)::int AS superseded, count(DISTINCT to_char(on_date, 'YYYY-MM'))::int AS months FROM volunteer_service`);
    expect(s.confirmed).toBeGreaterThan(500);
    expect(s.superseded).toBe(2);
    expect(s.months).toBeGreaterThanOrEqual(11);
    const byStatus = new Map(
      (await rows<{ status: string; n: number }>(sql`SELECT status, count(*)::int AS n FROM volunteer_service GROUP BY status`)).map((r) => [r.status, r.n]),
    );
    for (const st of ['confirmed', 'pending', 'rejected']) expect(byStatus.get(st), st).toBeGreaterThan(0);
    const orders = new Map(
      (await rows<{ state: string; n: number }>(sql`SELECT state, count(*)::int AS n FROM service_orders GROUP BY state`)).map((r) => [r.state, r.n]),
    );
    for (const st of ['received', 'dispatched', 'accepted', 'rated']) expect(orders.get(st), st).toBeGreaterThan(0);
    const [signups] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM volunteer_signups WHERE checkin_at IS NULL`);
    expect(signups.n).toBeGreaterThan(0);
    const v = as(app, await login(app, 'volunteer', DEMO_PASSWORD));
    expect((await v.get('/api/me')).statusCode).toBe(200);
    // the demo volunteer leads the town's 总队: a record of the team to confirm and an order dispatched to it
    const [led] = (await v.get('/api/volunteers/me')).json().leads;
    expect((await v.get(`/api/volunteers/service?teamId=${led.id}&status=pending`)).json().items[0].can.confirm).toBe(true);
    expect((await v.get(`/api/volunteers/orders?teamId=${led.id}&state=dispatched`)).json().items[0].can.accept).toBe(true);
  });
});
