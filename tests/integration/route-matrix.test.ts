// The authorisation matrix, generated from the route table (issue 10): every
// route the app registers × every role, with ids of the caller's town, of a
// community the caller does not cover and of another town, in paths and in
// bodies. What it holds, for every route without exception:
//   - anonymous callers get 401 on every staff route (before any validation);
//   - a role the route's permission (domain/permissions.ts RULES) leaves out
//     never gets a 2xx;
//   - another town's office, leader, supervisor and street chief never get a
//     2xx on this town's records, and this town's office never gets one for a
//     body naming another town's unit, place, person or region;
//   - a refused request writes nothing (no audit row: every write audits).
// A route missing from GUARDS fails the test, so a new route is covered the
// day it lands. Bodies are generated from each route's own zod schema, with
// ids from the test town; the test prints how many refusals were decided by
// authorisation rather than by validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TestDb } from '../helpers/db.ts';
import { addPerson, as, COMMUNITY_A, login, TOWN, TOWN2, closeTown, openTown, type Town } from '../helpers/town.ts';
import { uploadPhoto } from '../helpers/photos.ts';
import { GUARDS } from '../helpers/route-guards.ts';

let tdb: TestDb;
let app: FastifyInstance;
let town: Town;
const COMMUNITY_T2 = '350821101201'; // a community of 大同镇
const cookies: Record<string, string> = {};
const can: Record<string, Record<string, boolean>> = {};
/** Ids of this town's records (汀州镇) and of another town's (大同镇). */
const here: Record<string, number | string> = {};
const there: Record<string, number | string> = {};

const TOWN_ROLES = ['office', 'leader', 'supervisor', 'cadrea', 'cadreb', 'chief', 'liaison', 'liaison2', 'volunteer', 'county'] as const;
const OTHER_TOWN = ['office2', 'leader2', 'supervisor2', 'chief2'] as const;

async function insertId(q: ReturnType<typeof sql>) {
  return Number((await tdb.db.execute<{ id: number }>(q)).rows[0].id);
}

beforeAll(async () => {
  ({ tdb, town, app } = await openTown({ categories: true, calendar: true, checklists: true }));
  const db = tdb.db;
  const cobuild = await insertId(sql`INSERT INTO units (kind, name, region_code) VALUES ('co_building', '汀州镇中心小学', ${TOWN}) RETURNING id`);
  const team = await insertId(sql`INSERT INTO units (kind, name, region_code) VALUES ('volunteer_team', '汀州镇志愿服务队', ${TOWN}) RETURNING id`);
  const committeeT2 = await insertId(
    sql`INSERT INTO units (kind, name, region_code) VALUES ('community_committee', '大同镇某社区居委会', ${COMMUNITY_T2}) RETURNING id`,
  );
  await addPerson(db, { name: '督查甲', username: 'supervisor', regionCode: TOWN, grants: [{ role: 'supervisor', region: TOWN }] });
  await addPerson(db, { name: '共建联络员', username: 'liaison2', regionCode: TOWN, unitId: cobuild, grants: [{ role: 'unit_liaison', unit: cobuild }] });
  await addPerson(db, { name: '志愿者甲', username: 'volunteer', regionCode: TOWN, unitId: team, grants: [{ role: 'volunteer', unit: team }] });
  await addPerson(db, { name: '大同镇领导', username: 'leader2', regionCode: TOWN2, grants: [{ role: 'town_leader', region: TOWN2 }] });
  await addPerson(db, { name: '大同镇督查', username: 'supervisor2', regionCode: TOWN2, grants: [{ role: 'supervisor', region: TOWN2 }] });
  const resident = await addPerson(db, {
    name: '楼栋长甲',
    username: 'louzhang',
    regionCode: COMMUNITY_A,
    grants: [{ role: 'street_chief', region: COMMUNITY_A }],
  });
  const chief2 = await addPerson(db, {
    name: '大同镇街巷长',
    username: 'chief2',
    regionCode: COMMUNITY_T2,
    grants: [{ role: 'street_chief', region: COMMUNITY_T2 }],
  });
  for (const who of ['admin', ...TOWN_ROLES, ...OTHER_TOWN]) {
    cookies[who] = await login(app, who);
    can[who] = (await as(app, cookies[who]).get('/api/me')).json().can;
  }
  const office = as(app, cookies.office);
  const office2 = as(app, cookies.office2);
  const cat = Number((await db.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = '乱堆物堆料' AND level = 2`)).rows[0].id);
  const place = async (o: typeof office, regionCode: string, name: string) =>
    (await o.post('/api/places', { kind: 'street', regionCode, name })).json().id as number;
  const problem = async (o: typeof office, regionCode: string) => {
    const p = (await o.post('/api/problems', { source: 'self_check', categoryId: cat, description: '矩阵测试问题', regionCode, then: 'file' })).json();
    return p as { id: number; code: string };
  };
  const pA = await problem(office, COMMUNITY_A);
  const pB = await problem(office2, COMMUNITY_T2);
  const photoA = (await uploadPhoto(app, cookies.chief)).json().id;
  const photoB = (await uploadPhoto(app, cookies.chief2)).json().id;
  const rule = async (o: typeof office, regionCode: string, unitId: number) =>
    (await o.put('/api/dispatch-rules', { categoryId: cat, regionCode, unitId })).json().id ?? 0;
  // An intranet chat robot the admin allows (public names do not resolve on a closed test machine).
  expect((await as(app, cookies.admin).put('/api/webhooks/allowed-hosts', { hosts: ['10.1.2.3'] })).statusCode).toBe(200);
  const hook = async (o: typeof office, regionCode: string) =>
    (await o.post('/api/webhooks', { name: '矩阵机器人', url: 'http://10.1.2.3/hook', regionCode, events: ['problem.file'] })).json().id ?? 0;
  const notice = async (o: typeof office, problemId: number) =>
    (await o.post('/api/notices', { kind: 'supervision', title: '矩阵督查通报', issueDate: '2026-12-01', problemIds: [problemId] })).json().id ?? 0;
  expect((await office.get('/api/activities/kinds')).statusCode).toBe(200); // seeds the kinds
  const activity = async (o: typeof office, placeId: number, unitId: number) =>
    (await o.post('/api/activities', { title: '矩阵活动', kindId: 1, unitId, placeId, onDate: '2026-12-01' })).json().id ?? 0;
  const meeting = async (o: typeof office, regionCode: string) =>
    (await o.post('/api/meetings', { regionCode, kindId: 4, title: '矩阵例会', startsAt: '2026-12-01T09:00:00+08:00', attendees: [] })).json().id ?? 0;
  const decision = async (o: typeof office, meetingId: number, unitId: number) =>
    (await o.post(`/api/meetings/${meetingId}/decisions`, { content: '矩阵事项', ownerUnitId: unitId, workingDays: 3 })).json().id ?? 0;
  const trip = async (o: typeof office, regionCode: string) =>
    (
      await o.post('/api/meetings/trips', { regionCode, day: '2026-10-12', destination: '矩阵考察地', leaderName: '矩阵', headCount: 3, participants: [] })
    ).json().id ?? 0;
  const kindId = (await office.get('/api/publicity/terms')).json().kinds[0].id; // seeds the facility kinds
  const article = async (o: typeof office, regionCode: string) =>
    (await o.post('/api/publicity/articles', { regionCode, channel: 'wechat', title: '矩阵稿件', publishedOn: '2026-12-01' })).json().id ?? 0;
  const facility = async (o: typeof office, placeId: number) =>
    (await o.post('/api/publicity/facilities', { name: '矩阵宣传栏', kindId, placeId, lat: 25.83, lng: 116.37 })).json().id ?? 0;
  expect((await office.get('/api/campaigns/kinds')).statusCode).toBe(200); // seeds the kinds
  const campaign = async (o: typeof office, regionCode: string) =>
    (await o.post('/api/campaigns', { theme: '矩阵整治', startDate: '2026-12-01', endDate: '2026-12-31', communityCodes: [regionCode] })).json().id ?? 0;
  const need = async (o: typeof office, regionCode: string) => {
    const kind = (await o.get('/api/surveys/kinds')).json().items[0].id;
    const body = { regionCode, kindId: kind, description: '矩阵需求', quantity: 1, foundBy: '矩阵', foundOn: '2026-12-01', unitIds: [town.units.chengguan] };
    return (await o.post('/api/surveys/needs', body)).json().id ?? 0;
  };
  const project = async (o: typeof office, townCode: string, unitId: number) =>
    (await o.post('/api/fund/projects', { regionCode: townCode, kind: '立面改造', name: '矩阵项目', budgetFen: 100, unitId })).json().id ?? 0;
  const entry = async (o: typeof office, cookie: string, townCode: string) => {
    const photo = (await uploadPhoto(app, cookie)).json().id;
    const body = {
      regionCode: townCode,
      direction: 'income',
      source: 'other',
      amountFen: 100,
      onDate: '2026-12-01',
      note: '矩阵收入',
      voucherPhotoIds: [photo],
    };
    return (await o.post('/api/fund/entries', body)).json().id ?? 0;
  };
  const notification = async (personId: number) =>
    insertId(sql`INSERT INTO notifications (person_id, kind, title) VALUES (${personId}, 'dispatched', '矩阵通知') RETURNING id`);
  Object.assign(here, {
    problem: pA.id,
    code: pA.code,
    place: await place(office, COMMUNITY_A, '矩阵巷'),
    unit: town.units.committeeA,
    person: resident,
    region: COMMUNITY_A,
    photo: photoA,
    rule: await rule(office, COMMUNITY_A, town.units.committeeA),
    webhook: await hook(office, TOWN),
    notice: await notice(office, pA.id),
    notification: await notification(town.people.office),
    category: cat,
  });
  here.activity = await activity(office, here.place as number, town.units.committeeA);
  here.meeting = await meeting(office, TOWN);
  here.campaign = await campaign(office, COMMUNITY_A);
  here.need = await need(office, COMMUNITY_A);
  here.project = await project(office, TOWN, town.units.committeeA);
  here.entry = await entry(office, cookies.office, TOWN);
  Object.assign(here, { decision: await decision(office, Number(here.meeting), town.units.committeeA), trip: await trip(office, TOWN), kind: 1 });
  Object.assign(here, { article: await article(office, TOWN), facility: await facility(office, Number(here.place)) });
  Object.assign(there, {
    problem: pB.id,
    code: pB.code,
    place: await place(office2, COMMUNITY_T2, '大同矩阵巷'),
    unit: committeeT2,
    person: chief2,
    region: COMMUNITY_T2,
    photo: photoB,
    rule: await rule(office2, COMMUNITY_T2, committeeT2),
    webhook: await hook(office2, TOWN2),
    notice: await notice(office2, pB.id),
    notification: await notification(town.people.office2),
    category: cat,
  });
  there.activity = await activity(office2, there.place as number, committeeT2);
  there.meeting = await meeting(office2, TOWN2);
  there.campaign = await campaign(office2, COMMUNITY_T2);
  there.need = await need(office2, COMMUNITY_T2);
  there.project = await project(office2, TOWN2, committeeT2);
  there.entry = await entry(office2, cookies.office2, TOWN2);
  Object.assign(there, { decision: await decision(office2, Number(there.meeting), committeeT2), trip: await trip(office2, TOWN2), kind: 1 });
  Object.assign(there, { article: await article(office2, TOWN2), facility: await facility(office2, Number(there.place)) });
  // The national evaluation: a version, a cycle, an assignment of the county's 城管局 and a material of it, in each town.
  const evaluation = async (o: typeof office, townCode: string) => {
    const system = (await o.post('/api/evaluation/systems/seed', { townCode })).json().system?.id ?? 0;
    const cycle =
      (await o.put('/api/evaluation/cycles', { townCode, year: 2026, systemId: system, testMonth: '2026-12', deadline: '2026-11-30' })).json().id ?? 0;
    const items = (await o.get(`/api/evaluation/assignments?cycle=${cycle}&unitId=${town.units.chengguan}`)).json().items ?? [];
    const assignment = items[0]?.id ?? 0;
    const material =
      (
        await as(app, cookies.liaison).post(`/api/evaluation/assignments/${assignment}/materials`, {
          kind: items[0]?.kinds?.[0] ?? 'regulation',
          title: '矩阵材料',
          dated: '2026-06-01',
          evidence: { type: 'figure', ref: 'meetings.weekly' },
        })
      ).json().id ?? 0;
    return { town: townCode, evalSystem: system, evalCycle: cycle, evalAssignment: assignment, evalMaterial: material };
  };
  Object.assign(here, await evaluation(office, TOWN));
  Object.assign(there, await evaluation(office2, TOWN2));
  // Volunteers (issue 17): a volunteer of each town's team with a service record at the town's activity.
  const team2 = await insertId(sql`INSERT INTO units (kind, name, region_code) VALUES ('volunteer_team', '大同镇志愿服务队', ${TOWN2}) RETURNING id`);
  const volunteer = async (o: typeof office, teamId: number, name: string, phone: string) =>
    (await o.post('/api/volunteers', { name, phone, teamId, idNumber: '350821199001011235' })).json().personId ?? 0;
  const service = async (o: typeof office, activityId: number, personId: number) =>
    (await o.post('/api/volunteers/service', { activityId, entries: [{ personId, hours: 2 }] })).json().ids?.[0] ?? 0;
  Object.assign(here, { team, volunteer: await volunteer(office, team, '矩阵志愿者', '13900000001') });
  here.service = await service(office, Number(here.activity), Number(here.volunteer));
  Object.assign(there, { team: team2, volunteer: await volunteer(office2, team2, '大同志愿者', '13900000002') });
  there.service = await service(office2, Number(there.activity), Number(there.volunteer));
  // A resident's service order to a practice station of each town.
  const order = async (regionCode: string) => {
    const stationId = await insertId(
      sql`INSERT INTO units (kind, name, region_code) VALUES ('practice_station', ${`${regionCode}实践站`}, ${regionCode}) RETURNING id`,
    );
    const body = {
      stationId,
      kind: '文明劝导',
      wishedOn: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
      place: '矩阵小区',
      contactName: '矩阵',
      contactPhone: '13900000003',
    };
    const code = (await app.inject({ method: 'POST', url: '/api/public/orders', payload: body })).json().code;
    return insertId(sql`SELECT id FROM service_orders WHERE code = ${code ?? ''}`);
  };
  here.order = await order(COMMUNITY_A);
  there.order = await order(COMMUNITY_T2);
  for (const ids of [here, there])
    expect(
      Object.entries(ids).filter(([, v]) => !v),
      'fixtures that could not be made',
    ).toEqual([]);
}, 300_000);
afterAll(() => closeTown(app, tdb));

/** The record a path parameter names, by the resource before it. */
function paramValue(url: string, name: string, ids: Record<string, number | string>): string {
  const seg = url.split('/');
  const before = seg[seg.indexOf(`:${name}`) - 1];
  if (name === 'code') return String(before === 'reports' ? ids.code : ids.region);
  if (name === 'action') return url.includes('/notices/') ? 'submit' : 'dispatch';
  if (name === 'day') return '2026-12-01';
  if (name === 'year') return '2026';
  if (name === 'key') return 'overdue';
  if (name === 'pointType') return 'back_street';
  if (name === 'placeId') return String(ids.place);
  if (name === 'photoId') return String(ids.photo);
  if (name === 'unitId') return String(ids.unit);
  const byResource: Record<string, keyof typeof ids> = {
    problems: 'problem',
    places: 'place',
    units: 'unit',
    people: 'person',
    person: 'person',
    photos: 'photo',
    'dispatch-rules': 'rule',
    webhooks: 'webhook',
    notices: 'notice',
    notifications: 'notification',
    categories: 'category',
    activities: 'activity',
    meetings: 'meeting',
    decisions: 'decision',
    trips: 'trip',
    kinds: 'kind',
    articles: 'article',
    facilities: 'facility',
    campaigns: 'campaign',
    needs: 'need',
    projects: 'project',
    entries: 'entry',
    systems: 'evalSystem',
    cycles: 'evalCycle',
    assignments: 'evalAssignment',
    materials: 'evalMaterial',
    volunteers: 'volunteer',
    service: 'service',
    teams: 'team',
    orders: 'order',
  };
  const key = byResource[before];
  return String(key ? ids[key] : 1);
}

const ID_FIELDS: Record<string, string> = {
  unitId: 'unit',
  placeId: 'place',
  personId: 'person',
  problemId: 'problem',
  targetId: 'problem',
  categoryId: 'category',
  regionCode: 'region',
  region: 'region',
  communityCode: 'region',
  coUnitId: 'unit',
  town: 'town',
  townCode: 'town',
  cycle: 'evalCycle',
  systemId: 'evalSystem',
  teamId: 'team',
  activityId: 'activity',
};

/** A plausible value for a JSON-schema node: ids from `ids` by field name, else the smallest valid value. */
function sample(node: any, field: string, ids: Record<string, number | string>, depth = 0): unknown {
  if (!node || depth > 6) return undefined;
  if (node.anyOf || node.oneOf) {
    const alts = (node.anyOf ?? node.oneOf).filter((a: any) => a.type !== 'null');
    return sample(alts[0] ?? {}, field, ids, depth + 1);
  }
  if (node.const !== undefined) return node.const;
  if (node.enum) return node.enum[0];
  if (field in ID_FIELDS) return ids[ID_FIELDS[field]];
  if (/Ids$/.test(field) && node.type === 'array') {
    const key = ID_FIELDS[field.replace(/Ids$/, 'Id')];
    return key ? [ids[key]] : [];
  }
  if (field === 'communityCodes') return [ids.region];
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node.properties ?? {})) {
        if ((node.required ?? []).includes(k) || k in ID_FIELDS) out[k] = sample(v, k, ids, depth + 1);
      }
      return out;
    }
    case 'array':
      return node.minItems ? [sample(node.items, field, ids, depth + 1)] : [];
    case 'integer':
    case 'number':
      return field === 'version' ? (ids.version ?? 1) : Math.max(1, node.minimum ?? 1);
    case 'boolean':
      return false;
    case 'string': {
      if (node.format === 'date' || /date|Date|day/.test(field)) return '2026-12-01';
      if (node.pattern && /\\d\{6,15\}|\\d\{9\}|\\d\{12\}/.test(node.pattern)) return ids.region;
      return '矩阵'.padEnd(Math.max(2, node.minLength ?? 1), '测');
    }
    default:
      return undefined;
  }
}

function bodyFor(schema: unknown, ids: Record<string, number | string>) {
  if (!schema) return undefined;
  try {
    return sample(z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }), '', ids);
  } catch {
    return {};
  }
}

function urlFor(route: { url: string; schema?: any }, ids: Record<string, number | string>) {
  let url = route.url.replace(/:(\w+)/g, (_m, name) => paramValue(route.url, name, ids));
  const qs = route.schema?.querystring ? (bodyFor(route.schema.querystring, ids) as Record<string, unknown>) : {};
  const params = new URLSearchParams(
    Object.entries(qs ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  if ([...params].length) url += `?${params}`;
  return url;
}

const auditCount = async () => Number((await tdb.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log`)).rows[0].n);

interface Refusal {
  route: string;
  who: string;
  status: number;
  body: string;
}
const stats = { requests: 0, byAuthorisation: 0, byValidation: 0 };

const VERSIONED: Record<string, string> = {
  problems: 'problems',
  places: 'places',
  units: 'units',
  people: 'people',
  notices: 'notices',
  'dispatch-rules': 'dispatch_rules',
  activities: 'activities',
  campaigns: 'campaigns',
};

/** The current version of the record the route's path names, so a write is judged on its merits, not refused as stale. */
async function versionFor(url: string, ids: Record<string, number | string>) {
  const m = /^\/api\/([\w-]+)\/:(id|code)/.exec(url);
  const table = m && VERSIONED[m[1]];
  if (!table) return 1;
  const id = paramValue(url, m[2], ids);
  const r = await tdb.db.execute<{ version: number }>(sql`SELECT version FROM ${sql.identifier(table)} WHERE id = ${Number(id)}`);
  return Number(r.rows[0]?.version ?? 1);
}

async function mustRefuse(
  route: { method: string; url: string; schema?: any },
  who: string,
  ids: Record<string, number | string>,
  bodyIds = ids,
): Promise<Refusal | null> {
  const before = await auditCount();
  const version = await versionFor(route.url, ids);
  const payload = ['GET', 'DELETE'].includes(route.method) ? undefined : (bodyFor(route.schema?.body, { ...bodyIds, version }) ?? {});
  const res = await app.inject({
    method: route.method as any,
    url: urlFor(route, ids),
    payload: payload as any,
    headers: who === 'anonymous' ? {} : { cookie: cookies[who] },
  });
  stats.requests++;
  if (res.statusCode === 400) stats.byValidation++;
  else if ([401, 403, 404, 409].includes(res.statusCode)) stats.byAuthorisation++;
  const wrote = (await auditCount()) !== before;
  if ((res.statusCode >= 200 && res.statusCode < 300) || res.statusCode >= 500 || wrote) {
    return { route: `${route.method} ${route.url}`, who, status: res.statusCode, body: `${wrote ? '[wrote an audit row] ' : ''}${res.body.slice(0, 200)}` };
  }
  return null;
}

const apiRoutes = () => app.routeTable.filter((r) => r.url.startsWith('/api/'));

describe('the authorisation matrix over the route table', () => {
  it('names a guard for every route, and every guard names a route', () => {
    const keys = apiRoutes().map((r) => `${r.method} ${r.url}`);
    expect(
      keys.filter((k) => !(k in GUARDS)),
      'routes without a guard in GUARDS',
    ).toEqual([]);
    expect(
      Object.keys(GUARDS).filter((k) => !keys.includes(k)),
      'guards of routes that no longer exist',
    ).toEqual([]);
  });

  it('answers 401 to anonymous callers on every staff route', { timeout: 300_000 }, async () => {
    const bad: Refusal[] = [];
    for (const r of apiRoutes()) {
      if (GUARDS[`${r.method} ${r.url}`] === 'public') continue;
      const res = await app.inject({
        method: r.method as any,
        url: urlFor(r, here),
        payload: ['GET', 'DELETE'].includes(r.method) ? undefined : { junk: '\u0000' },
      });
      if (res.statusCode !== 401) bad.push({ route: `${r.method} ${r.url}`, who: 'anonymous', status: res.statusCode, body: res.body.slice(0, 120) });
    }
    expect(bad).toEqual([]);
  });

  it('never gives a role what its permission leaves out, and a refusal writes nothing', { timeout: 300_000 }, async () => {
    const bad: Refusal[] = [];
    for (const r of apiRoutes()) {
      const guard = GUARDS[`${r.method} ${r.url}`];
      if (['public', 'session', 'party'].includes(guard)) continue;
      for (const who of TOWN_ROLES) {
        if (can[who][guard]) continue;
        const refusal = await mustRefuse(r, who, here);
        if (refusal) bad.push(refusal);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the county viewer writes nothing in a town’s problem loop', { timeout: 300_000 }, async () => {
    const bad: Refusal[] = [];
    for (const r of apiRoutes()) {
      if (r.method === 'GET' || !/^\/api\/(problems|photos|plans|reinspections)/.test(r.url)) continue;
      if (r.url === '/api/photos') continue; // a photo is the caller's own until a record names it
      const refusal = await mustRefuse(r, 'county', here);
      if (refusal) bad.push(refusal);
    }
    expect(bad).toEqual([]);
  });

  it('never lets another town read or change this town’s records', { timeout: 300_000 }, async () => {
    const bad: Refusal[] = [];
    for (const r of apiRoutes()) {
      const guard = GUARDS[`${r.method} ${r.url}`];
      if (guard === 'public') continue;
      // Only routes that name a record of this town: a path id, or a query/body field naming one.
      const named = JSON.stringify([bodyFor(r.schema?.body, here), bodyFor(r.schema?.querystring, here)]);
      const namesRecord = /:\w+/.test(r.url) || Object.keys(ID_FIELDS).some((f) => named.includes(`"${f}"`)) || /Ids"/.test(named);
      if (!namesRecord) continue;
      if (
        [
          'GET /api/categories/:id',
          'GET /api/checklists/:id',
          'GET /api/checklists/types/:pointType/versions',
          'GET /api/calendar',
          'GET /api/publicity/requirements/:pointType/versions',
        ].includes(`${r.method} ${r.url}`)
      )
        continue; // shared reference data
      for (const who of OTHER_TOWN) {
        const refusal = await mustRefuse(r, who, here);
        // A list asked with this town's filters may answer 200, with nothing of this town in it.
        const emptyList =
          refusal &&
          r.method === 'GET' &&
          !/:\w+/.test(r.url) &&
          refusal.status === 200 &&
          !/水东街|矩阵巷|矩阵测试问题/.test(refusal.body) &&
          !refusal.body.includes(String(here.code));
        if (refusal && !emptyList) bad.push(refusal);
      }
    }
    expect(bad).toEqual([]);
  });

  it('refuses a body that names another town’s unit, place, person or region', { timeout: 300_000 }, async () => {
    const bad: Refusal[] = [];
    for (const r of apiRoutes()) {
      if (r.method === 'GET' || r.method === 'DELETE' || !r.schema?.body) continue;
      const guard = GUARDS[`${r.method} ${r.url}`];
      if (guard === 'public' || guard === 'session') continue;
      const fields = JSON.stringify(z.toJSONSchema(r.schema.body as z.ZodType, { io: 'input', unrepresentable: 'any' }));
      if (!/"(unitId|placeId|personId|placeIds|regionCode|region|communityCode|communityCodes|problemId|problemIds|targetId)"/.test(fields)) continue;
      const refusal = await mustRefuse(r, 'office', here, { ...there, category: here.category });
      if (refusal) bad.push(refusal);
    }
    expect(bad).toEqual([]);
  });

  it('reports its reach', () => {
    console.log(
      `authorisation matrix: ${stats.requests} requests over ${apiRoutes().length} routes; refused by authorisation ${stats.byAuthorisation}, by validation ${stats.byValidation}`,
    );
    expect(stats.byAuthorisation).toBeGreaterThan(stats.byValidation);
  });
});
