// One intake, one writer (issue 12): a 随手整 closing, an approved extension
// and a notice's deadline leave the same history, audit and webhook as every
// other move; intake is one transaction with what the caller writes in it (the
// phone sync's checklist finding); and no code outside transition.ts writes a
// problem's state or deadline.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TestDb } from '../helpers/db.ts';
import { as, COMMUNITY_A, login, closeTown, openTown, TOWN, type Town } from '../helpers/town.ts';
import { uploadPhoto } from '../helpers/photos.ts';
import { setClock } from '../../server/platform/clock.ts';
import { intake } from '../../server/modules/problems/intake.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
let catAds: number; // 非法小广告 (usually 随手整)
let catParking: number;
const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: [2026, 2027] }));
  const cat = async (name: string) =>
    (await tdb.db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = ${name} AND level = 2 LIMIT 1`)).rows[0].id;
  catAds = await cat('非法小广告');
  catParking = await cat('机动车乱停放');
  // A webhook for every problem event of the town: each move must be delivered like the others.
  await tdb.db.execute(sql`INSERT INTO webhooks (region_code, name, url, secret, events)
    VALUES (${TOWN}, '测试', 'https://example.invalid/hook', 'secret', ${JSON.stringify(['problem.close_on_spot', 'problem.deadline', 'problem.dispatch'])}::jsonb)`);
});
afterEach(() => setClock(null));
afterAll(() => closeTown(app, tdb));

const photo = async (cookie: string) => (await uploadPhoto(app, cookie)).json().id as number;
const rows = async <T>(q: ReturnType<typeof sql>) => (await tdb.db.execute<T & Record<string, unknown>>(q)).rows as T[];

describe('every move through transition.ts', () => {
  it('a 随手整 report is closed by the close_on_spot move: history, audit, webhook and 回头看 like a 核查通过', async () => {
    setClock(at('2026-12-08'));
    const chief = await login(app, 'chief');
    const r = await as(app, chief).post('/api/problems', {
      source: 'patrol',
      categoryId: catAds,
      tier: 'on_spot',
      description: '一步结案的小广告',
      regionCode: COMMUNITY_A,
      beforePhotoIds: [await photo(chief)],
      afterPhotoIds: [await photo(chief)],
    });
    expect(r.statusCode, r.body).toBe(201);
    const p = r.json();
    expect(p).toMatchObject({ state: 'closed', closedOnTime: true, version: 2 });
    expect(p.timeline.map((e: any) => [e.action, e.toState])).toEqual([
      ['report', 'reported'],
      ['close_on_spot', 'closed'],
    ]);
    expect(p.timeline[1].photoIds).toHaveLength(1);
    expect(p.photos.map((x: any) => x.kind).sort()).toEqual(['after', 'before']);
    const audit = await rows<{ action: string }>(sql`SELECT action FROM audit_log WHERE entity = 'problem' AND entity_id = ${String(p.id)} ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(['problem.report', 'problem.close_on_spot']);
    const hooks = await rows<{ event: string }>(sql`SELECT event FROM webhook_deliveries WHERE payload->>'id' = ${String(p.id)}`);
    expect(hooks.map((h) => h.event)).toEqual(['problem.close_on_spot']);
    const ri = await rows<{ due_date: string }>(sql`SELECT due_date::text AS due_date FROM reinspections WHERE problem_id = ${p.id}`);
    expect(ri).toHaveLength(1);
    expect(ri[0].due_date > '2026-12-08').toBe(true);
    // Nobody can take the intake-only move from the problem's page.
    expect((await as(app, chief).post(`/api/problems/${p.id}/actions/close_on_spot`, { version: 2 })).statusCode).toBe(400);
  });

  it('an approved extension moves the deadline with audit problem.deadline and webhook problem.deadline', async () => {
    setClock(at('2026-12-07')); // a Monday
    const office = await login(app, 'office');
    const cadre = await login(app, 'cadrea');
    let p = (
      await as(app, office).post('/api/problems', {
        source: 'supervision',
        categoryId: catParking,
        description: '延期的占道',
        regionCode: COMMUNITY_A,
        then: 'dispatch',
        unitId: town.units.committeeA,
        dueDate: '2026-12-11',
      })
    ).json();
    p = (await as(app, cadre).post(`/api/problems/${p.id}/extensions`, { days: 2, reason: '需联系车主' })).json();
    p = (await as(app, office).post(`/api/problems/${p.id}/extensions/${p.extensions[0].id}/decision`, { approve: true, note: '同意' })).json();
    expect(p.dueDate).toBe('2026-12-15'); // Friday + Monday, Tuesday
    const audit = await rows<{ action: string; before: any; after: any }>(
      sql`SELECT action, before, after FROM audit_log WHERE entity = 'problem' AND entity_id = ${String(p.id)} ORDER BY id`,
    );
    const moved = audit.find((a) => a.action === 'problem.deadline');
    expect(moved).toMatchObject({ before: { dueDate: '2026-12-11' }, after: { dueDate: '2026-12-15', event: 'extension_approved', extension_count: 1 } });
    const hooks = await rows<{ event: string; payload: any }>(
      sql`SELECT event, payload FROM webhook_deliveries WHERE payload->>'id' = ${String(p.id)} ORDER BY id`,
    );
    expect(hooks.map((h) => h.event)).toEqual(['problem.dispatch', 'problem.deadline']);
    expect(hooks[1].payload).toMatchObject({ oldDueDate: '2026-12-11', dueDate: '2026-12-15', event: 'extension_approved' });
  });
});

describe('one intake', () => {
  it('is one transaction with what the caller writes in it: a failure there leaves no problem behind', async () => {
    const actor = { personId: town.people.chief, name: '街巷长甲', grants: [{ role: 'street_chief' as const, regionCode: COMMUNITY_A, unitId: null }] };
    const before = (await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM problems`))[0].n;
    await expect(
      intake(
        tdb.db,
        { actor },
        { source: 'patrol', categoryId: catParking, description: '写入发现时出错', regionCode: COMMUNITY_A },
        { placeMatchMeters: 30, communityMatchMeters: 500 },
        {
          within: async () => {
            throw new Error('crash between the problem and its finding');
          },
        },
      ),
    ).rejects.toThrow('crash');
    expect((await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM problems`))[0].n).toBe(before);
  });

  it('gives a county item of a usually-随手整 category the tier 社区整, dispatched in a valid state', async () => {
    const office = await login(app, 'office');
    const r = await as(app, office).post('/api/notices/received', {
      kind: 'county_notice',
      docNumber: '长汀县创城办〔2026〕99号',
      title: '督查通报',
      issuer: '县创城办',
      issueDate: '2026-12-01',
      dueDate: null,
      items: [{ regionCode: COMMUNITY_A, categoryId: catAds, description: '县里发现的小广告' }],
    });
    expect(r.statusCode, r.body).toBe(201);
    const [p] = await rows<{ tier: string; state: string; source_id: number }>(
      sql`SELECT tier, state, source_id FROM problems WHERE description = '县里发现的小广告'`,
    );
    expect(p).toMatchObject({ tier: 'community', state: 'dispatched', source_id: r.json().id });
  });
});

describe('the code itself', () => {
  const files = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []));
  const server = files(path.resolve(__dirname, '../../server')).filter((f) => !f.includes(`${path.sep}migrations${path.sep}`));

  it('writes the problems table only inside the problems module', () => {
    const outside = server
      .filter((f) => !f.includes(`modules${path.sep}problems${path.sep}`) && !f.includes(`${path.sep}demo${path.sep}`))
      .filter((f) => /(UPDATE|INSERT INTO)\s+problems\b/.test(fs.readFileSync(f, 'utf8')));
    expect(outside.map((f) => path.relative(process.cwd(), f))).toEqual([]);
  });

  it('sets state and due_date only in transition.ts (every other updateProblem call leaves them alone)', () => {
    const offenders: string[] = [];
    for (const f of server) {
      if (f.endsWith(`problems${path.sep}transition.ts`)) continue;
      const text = fs.readFileSync(f, 'utf8');
      for (const m of text.matchAll(/updateProblem\([^;]*?\);/gs))
        if (/\b(state|due_date)\s*:/.test(m[0])) offenders.push(`${path.relative(process.cwd(), f)}: ${m[0].slice(0, 80)}`);
      if (/UPDATE\s+problems\s+SET[^`]*\b(state|due_date)\s*=/.test(text))
        offenders.push(`${path.relative(process.cwd(), f)}: UPDATE problems SET state/due_date`);
    }
    expect(offenders).toEqual([]);
  });
});
