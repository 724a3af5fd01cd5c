// The demo town's inspection history, relative to the day the demo is
// loaded: three weeks of street chiefs' daily patrols (every day: the demo town counts weekends and holidays)
// (with a few misses), weekly supervision of every community (one week left
// out here and there), the town leaders' weekly unannounced visits, this
// month's demo-point visits and one mock evaluation named after the month
// over the points of two communities, with grades and a few problems.
// Everything is recorded through the phone's sync (the same validation,
// scoring, problem intake and audit rows as a real phone), one request per
// person. No photos: the demo stores no files. The assignments are dated
// back to the start of the history, and one street changed hands ten days
// ago (assignmentHistory), so the pages show who held what, from when.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import type { Actor } from '../../domain/permissions.ts';
import { isWorkingDay } from '../../domain/calendar.ts';
import { weekStart, type Cadence } from '../../domain/inspections/cadence.ts';
import { addDays } from '../../domain/dates.ts';
import { checklistTypeFor, type Grade, type InspectionKind } from '../../domain/inspections/vocab.ts';
import type { SyncItem } from '../../domain/inspections/sync.ts';
import { loadConfig } from '../platform/config.ts';
import { getCalendar, todayChina } from '../modules/calendar/calendar.service.ts';
import { seedCategories } from '../modules/categories/seed.ts';
import { seedChecklists } from '../modules/inspections/index.ts';
import { currentChecklists } from '../modules/inspections/checklists.repository.ts';
import { versionsOf as cadenceVersions } from '../modules/inspections/cadence.repository.ts';
import { setCadence } from '../modules/inspections/cadence.settings.ts';
import { atTime } from '../platform/clock.ts';
import { sync } from '../modules/inspections/sync.service.ts';
import { History } from './history.ts';
import { DEMO_ACCOUNTS } from './accounts.ts';
import { prng } from './data.ts';
import { demoActors } from './actors.ts';

type Place = {
  id: number;
  kind: string;
  name: string;
  region_code: string;
  point_type: string | null;
  is_demo_point: boolean;
  lat: number | null;
  lng: number | null;
};

/** 每日一巡查 in the demo town: every day counts, weekends and holidays included. */
export const DEMO_PATROL_CADENCE: Cadence = { period: 'day', times: 1, countWeekends: true, countHolidays: true };
/** Days of inspection history before today. */
const HISTORY_DAYS = 22;

export interface DemoInspectionCounts {
  inspections: number;
  problems: number;
  failed: number;
}

/**
 * The demo town's assignments as they were over its three weeks of history:
 * every place held since the history began (the accounts are created today,
 * so their rows are moved back), the town leaders leading since then, and one
 * place of the second street chief held by the third until ten days ago, so
 * the compliance pages show a handover. Returns the rows with their dates.
 */
async function assignmentHistory(q: Db, townCode: string, today: string, chiefs: Actor[]) {
  const start = addDays(today, -HISTORY_DAYS);
  const handover = addDays(today, -10);
  await q.execute(sql`UPDATE place_assignments pa SET valid_from = ${start}::date FROM places pl
    WHERE pl.id = pa.place_id AND pl.region_code LIKE ${townCode + '%'} AND pa.valid_to IS NULL AND pa.valid_from > ${start}::date`);
  await q.execute(sql`UPDATE role_grants SET created_at = ${at(start, 8 * 60)}::timestamptz
    WHERE role = 'town_leader' AND scope_region_code = ${townCode} AND created_at > ${at(start, 8 * 60)}::timestamptz`);
  const [, to, from] = chiefs;
  if (to && from) {
    const row = (
      await q.execute<{ place_id: number }>(sql`SELECT pa.place_id FROM place_assignments pa JOIN places pl ON pl.id = pa.place_id
      WHERE pa.person_id = ${to.personId} AND pa.valid_to IS NULL AND pa.valid_from = ${start}::date AND pl.region_code LIKE ${townCode + '%'}
      ORDER BY pa.place_id LIMIT 1`)
    ).rows[0];
    if (row) {
      await q.execute(
        sql`UPDATE place_assignments SET valid_from = ${handover}::date WHERE person_id = ${to.personId} AND place_id = ${row.place_id} AND valid_to IS NULL`,
      );
      await q.execute(sql`INSERT INTO place_assignments (person_id, place_id, valid_from, valid_to) VALUES (${from.personId}, ${row.place_id}, ${start}::date, ${handover}::date)
        ON CONFLICT DO NOTHING`);
    }
  }
  return (
    await q.execute<{ person_id: number; place_id: number; valid_from: string; valid_to: string | null }>(sql`
    SELECT pa.person_id, pa.place_id, pa.valid_from::text, pa.valid_to::text FROM place_assignments pa JOIN places pl ON pl.id = pa.place_id
    WHERE pl.region_code LIKE ${townCode + '%'} AND (pa.valid_to IS NULL OR pa.valid_to > ${start}::date) ORDER BY pa.place_id, pa.valid_from`)
  ).rows;
}

/** A China time on `day` (hh:mm), as ISO. */
const at = (day: string, minutes: number) => new Date(Date.parse(`${day}T00:00:00+08:00`) + minutes * 60_000).toISOString();

export async function loadDemoInspections(q: Db, townCode: string, now = new Date()): Promise<DemoInspectionCounts> {
  // Reference data the records need (idempotent; a server start seeds them too).
  await seedCategories(q);
  await seedChecklists(q);
  const r = prng(`chuangcheng-inspections-${townCode}`);
  const today = todayChina(now);
  const cal = await getCalendar(q);
  const config = loadConfig({}, []);

  // People by their demo phone number, as actors with their grants.
  const { actorOf, byRole } = await demoActors(q);

  const places = (
    await q.execute<Place>(sql`
    SELECT id, kind, name, region_code, point_type, is_demo_point, lat, lng FROM places WHERE region_code LIKE ${townCode + '%'} ORDER BY region_code, id`)
  ).rows;
  const communities = (
    await q.execute<{ code: string }>(sql`SELECT code FROM regions WHERE parent_code = ${townCode} AND level = 'community' ORDER BY code`)
  ).rows.map((c) => c.code);
  const assigned = await assignmentHistory(q, townCode, today, byRole('street_chief'));
  // The town's cadence as the office set it when the history began, through
  // the settings service as of that day: the usual one (每周一督查 ...), with
  // 每日一巡查 counted every day, weekends and holidays included, so the
  // street chiefs have a patrol due on any day.
  const setter = actorOf(DEMO_ACCOUNTS.find((a) => a.username === 'office')!.phone);
  if (setter && !(await cadenceVersions(q, [townCode])).length) {
    await atTime(new Date(at(addDays(today, -HISTORY_DAYS), 8 * 60)), () =>
      setCadence(q, setter, townCode, {
        patrol: DEMO_PATROL_CADENCE,
        effectiveFrom: addDays(today, -HISTORY_DAYS),
        note: '按创城工作方案设定：每日一巡查，周末、节假日照常',
      }),
    );
  }
  const checklists = new Map((await currentChecklists(q)).map((c) => [c.pointType, c]));
  const pointsOf = (community: string) => places.filter((p) => p.kind === 'point' && p.region_code.startsWith(community));

  // Supervision group ↔ communities, dealt round-robin.
  const supervisors = byRole('supervisor');
  const supervised = new Map<number, string[]>(supervisors.map((s) => [s.personId, []]));
  communities.forEach((c, i) => {
    if (supervisors.length) supervised.get(supervisors[i % supervisors.length].personId)!.push(c);
  });
  for (const [personId, codes] of supervised) {
    if (codes.length)
      await q.execute(
        sql`INSERT INTO supervision_assignments (person_id, community_code) SELECT ${personId}, unnest(${sql.param(codes)}::text[]) ON CONFLICT DO NOTHING`,
      );
  }

  const queues = new Map<number, { actor: Actor; items: SyncItem[] }>();
  const push = (actor: Actor, items: SyncItem[]) => {
    const e = queues.get(actor.personId) ?? { actor, items: [] };
    e.items.push(...items);
    queues.set(actor.personId, e);
  };
  const found: { actor: Actor; items: SyncItem[]; at: string }[] = [];
  let seq = 0;
  /** One finished inspection (and the problems found on it) as the phone queues it. */
  const inspection = (
    actor: Actor,
    kind: InspectionKind,
    place: Place,
    day: string,
    startMin: number,
    opts: { batch?: string; quality?: number; problems?: number } = {},
  ) => {
    const key = `demo-${townCode}-${kind}-${actor.personId}-${place.id}-${day}-${seq++}`;
    const type = checklistTypeFor({ kind: place.kind, pointType: place.point_type });
    const cl = type ? checklists.get(type) : undefined;
    const quality = opts.quality ?? 0.85;
    const grades = (cl?.items ?? []).map((it) => {
      const x = r.next();
      const grade: Grade | null =
        x < 0.04 ? null : x < quality ? 'A' : x < quality + (1 - quality) * 0.6 ? 'B' : x < quality + (1 - quality) * 0.9 ? 'C' : 'C#';
      return { itemId: it.id, grade, note: grade && grade !== 'A' ? `${it.title}存在不足，已提醒整改` : null };
    });
    const items: SyncItem[] = [
      {
        type: 'inspection',
        key,
        inspectionKey: key,
        kind,
        placeId: place.id,
        batch: opts.batch ?? null,
        startedAt: at(day, startMin),
        finishedAt: at(day, startMin + r.int(12, 35)),
        grades,
        lat: place.lat,
        lng: place.lng,
      },
    ];
    // Problems on the items graded worst, filed under the item's usual category.
    const worst = (cl?.items ?? []).filter((it, n) => it.categoryId && grades[n].grade && grades[n].grade !== 'A');
    for (const it of worst.slice(0, opts.problems ?? 0)) {
      // Filed into the problem loop (an on-the-spot fix would need before/after photos).
      items.push({
        type: 'problem',
        key: `${key}-p${it.id}`,
        inspectionKey: key,
        categoryId: it.categoryId!,
        itemId: it.id,
        tier: 'community',
        description: `${place.name}：${it.title}不达标（${it.criterion.slice(0, 30)}）`,
        beforePhotoKeys: [],
        placeId: place.id,
      });
    }
    // An inspection that found problems is synced on its own, as of its finish (see the end).
    if (items.length > 1) found.push({ actor, items, at: items[0].type === 'inspection' ? items[0].finishedAt! : at(day, startMin) });
    else push(actor, items);
  };

  const allDays = Array.from({ length: 21 }, (_, i) => addDays(today, -21 + i));
  const days = allDays.filter((d) => isWorkingDay(d, cal));
  const nowMin = Math.floor((now.getTime() - Date.parse(`${today}T00:00:00+08:00`)) / 60_000);

  // 1. Patrols: each street chief, each assigned place, most working days; the
  // main demo chief ('chief') leaves today's patrol for whoever tries the phone.
  const chiefs = DEMO_ACCOUNTS.filter((a) => a.role === 'street_chief');
  let patrolProblems = 0;
  for (const [n, a] of chiefs.entries()) {
    const actor = actorOf(a.phone);
    if (!actor) continue;
    // The places this chief held on that day (one changed hands ten days ago).
    const mineOn = (day: string) =>
      assigned
        .filter((x) => x.person_id === actor.personId && x.valid_from <= day && (!x.valid_to || day < x.valid_to))
        .map((x) => places.find((p) => p.id === x.place_id)!)
        .filter(Boolean);
    const sickDay = allDays[r.int(0, allDays.length - 1)]; // one whole day missed
    // 每日一巡查 counts every day (DEMO_PATROL_CADENCE), so the chiefs patrol on weekends too.
    const patrolDays = a.username !== 'chief' && nowMin > 13 * 60 ? [...allDays, today] : allDays;
    for (const day of patrolDays) {
      if (day === sickDay && n % 2 === 0) continue;
      let t = 8 * 60 + r.int(0, 60);
      for (const p of mineOn(day)) {
        if (r.next() < 0.06) continue; // a place skipped that day
        const recent = day >= addDays(today, -5) && patrolProblems < 6 && r.next() < 0.12;
        inspection(actor, 'patrol', p, day, t, { quality: 0.9, problems: recent ? 1 : 0 });
        if (recent) patrolProblems++;
        t += r.int(20, 45);
      }
    }
  }

  // 2. Weekly supervision of every community (a few weeks left out), at one of its points.
  const weeks = [...new Set(days.map((d) => weekStart(d)))];
  for (const s of supervisors) {
    for (const w of weeks) {
      for (const c of supervised.get(s.personId) ?? []) {
        if (r.next() < 0.12) continue;
        const day = days.filter((d) => weekStart(d) === w)[r.int(0, Math.max(0, days.filter((d) => weekStart(d) === w).length - 1))];
        const pts = pointsOf(c);
        if (!day || !pts.length) continue;
        inspection(s, 'supervision', pts[r.int(0, pts.length - 1)], day, 14 * 60 + r.int(0, 120), { quality: 0.8 });
      }
    }
  }

  // 3. The town leaders' weekly unannounced visits (each missed one week, not the same).
  for (const [n, leader] of byRole('town_leader').entries()) {
    for (const [i, w] of weeks.entries()) {
      if (i === 1 + n) continue;
      const wd = days.filter((d) => weekStart(d) === w);
      const c = communities[r.int(0, communities.length - 1)];
      const pts = pointsOf(c);
      if (wd.length && pts.length) inspection(leader, 'unannounced_visit', pts[r.int(0, pts.length - 1)], wd[wd.length - 1], 16 * 60, { quality: 0.75 });
    }
  }

  // 4. This month's demo-point visits (by the office), all but one point.
  const office = actorOf(DEMO_ACCOUNTS.find((a) => a.username === 'office')!.phone);
  const monthDays = days.filter((d) => d.slice(0, 7) === today.slice(0, 7));
  if (office) {
    const demo = places.filter((p) => p.is_demo_point);
    for (const [i, p] of demo.entries()) {
      if (i === demo.length - 1 && demo.length > 1) continue;
      const day = monthDays.length ? monthDays[r.int(0, monthDays.length - 1)] : today;
      inspection(office, 'demo_visit', p, day, day === today ? Math.max(0, nowMin - 120) : 10 * 60, { quality: 0.9 });
    }
  }

  // 5. One mock evaluation named after the month, over the points of two communities.
  const [y, m] = today.split('-').map(Number);
  const batch = `${y}年${m}月模拟测评`;
  const evaluators = [office, actorOf(DEMO_ACCOUNTS.find((a) => a.role === 'office_staff' && a.username !== 'office')!.phone)].filter((a): a is Actor => !!a);
  const evalDays = monthDays.slice(-2);
  const targets = communities
    .slice(0, 2)
    .flatMap((c) => pointsOf(c))
    .slice(0, 10);
  for (const [i, p] of targets.entries()) {
    const who = evaluators[i % evaluators.length];
    const day = evalDays.length ? evalDays[i % evalDays.length] : today;
    const start = day === today ? Math.max(0, nowMin - 180 + i * 10) : 9 * 60 + i * 25;
    if (who) inspection(who, 'mock_evaluation', p, day, start, { batch, quality: 0.7, problems: i % 2 === 0 ? 2 : 0 });
  }

  // The demo runs outside a request: an item failing unexpectedly is printed (and counted in `failed`).
  const DEMO_LOG = { error: (obj: object, msg?: string) => console.error(msg, obj) };
  const counts: DemoInspectionCounts = { inspections: 0, problems: 0, failed: 0 };
  const tally = (res: Awaited<ReturnType<typeof sync>>) => {
    for (const x of res.results) {
      if (x.status === 'failed') counts.failed++;
      else if (x.type === 'inspection') counts.inspections++;
      else if (x.type === 'problem') counts.problems++;
    }
  };
  for (const { actor, items } of queues.values()) tally(await sync(q, actor, items, config, DEMO_LOG));
  // The problems found on an inspection are reported when it finished, not when the demo was loaded:
  // each such inspection is synced with the clock at its finish, and the rows SQL stamped now() are
  // moved to that moment (history.ts), so a problem's 上报时间 and history match its inspection's.
  const history = await History.begin(q);
  for (const f of found.sort((a, b) => a.at.localeCompare(b.at))) {
    tally(await history.on(new Date(f.at), () => sync(q, f.actor, f.items, config, DEMO_LOG)));
  }
  return counts;
}
