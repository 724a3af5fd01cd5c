// The demo's volunteers (issue 17): the town's two teams and each
// community's team with members (a leader each, most without an account, the
// two demo volunteer accounts among them, some with an ID number, a few who
// left a team, one person deactivated with their history kept), a year of
// service records from the demo's held activities recorded by their
// organisers (a few corrected), and, when the later parts of the register
// exist, check-ins awaiting confirmation and orders in every state. Written
// through the module's services as the town office and the community cadres.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import { todayChina } from '../platform/clock.ts';
import { addDays } from '../../domain/dates.ts';
import type { Actor } from '../../domain/permissions.ts';
import * as members from '../modules/volunteers/members.service.ts';
import * as records from '../modules/volunteers/records.service.ts';
import * as people from '../modules/people/people.service.ts';
import * as checkins from '../modules/volunteers/checkin.service.ts';
import * as orders from '../modules/volunteers/orders.service.ts';
import { atTime } from '../platform/clock.ts';
import { DEMO_ACCOUNTS } from './accounts.ts';
import { demoActors } from './actors.ts';
import { prng } from './data.ts';

const SURNAMES =
  '李王张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严赖覃洪武莫孔';
const GIVEN = [
  '秀英',
  '建国',
  '丽华',
  '志强',
  '海燕',
  '国庆',
  '晓燕',
  '春梅',
  '文斌',
  '桂兰',
  '德明',
  '玉兰',
  '俊杰',
  '雨涵',
  '子轩',
  '欣怡',
  '浩然',
  '梓涵',
  '嘉怡',
  '宇航',
  '思远',
  '佳琪',
  '明辉',
  '淑珍',
  '伟',
  '芳',
  '敏',
  '静',
  '磊',
  '洋',
];
const SKILLS = ['文明劝导', '理论宣讲', '摄影', '急救', '法律咨询', '文艺演出', '环境整治', '关爱老人', '电脑维修', '心理疏导'];
const STATUSES = ['cpc_member', 'masses', 'cyl_member', 'masses', 'cpc_member', 'democratic_party', 'masses'] as const;
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** A valid-looking resident ID number (checksum per GB 11643) of the town's county, born in `year`. */
function idNumber(county: string, year: number, n: number): string {
  const body = `${county}${year}${String((n % 12) + 1).padStart(2, '0')}${String((n % 27) + 1).padStart(2, '0')}${String(100 + (n % 900)).padStart(3, '0')}`;
  return body + CHECK[W.reduce((s, w, i) => s + w * Number(body[i]), 0) % 11];
}

export interface DemoVolunteerCounts {
  members: number;
  records: number;
}

export async function loadDemoVolunteers(q: Db, townCode: string): Promise<DemoVolunteerCounts> {
  const { byUsername, actorOf } = await demoActors(q);
  const office = byUsername('office');
  if (!office) return { members: 0, records: 0 };
  const today = todayChina();
  const yearAgo = addDays(today, -360);
  const r = prng(`volunteers:${townCode}`);
  const teams = (await members.teams(q, office, townCode)).items;
  const teamOfRegion = new Map(teams.filter((t) => t.level === 'community').map((t) => [t.regionCode, t.id]));
  const townTeams = teams.filter((t) => t.level === 'town');
  const byTeam = new Map<number, number[]>();
  const add = (team: number, person: number) => byTeam.set(team, [...(byTeam.get(team) ?? []), person]);
  let n = 0;
  const led = new Set<number>();
  let phone = 13959700000;

  // The demo volunteer accounts: 郑雨欣 leads the town's 总队, 傅俊杰 is in the first community's team.
  for (const a of DEMO_ACCOUNTS.filter((x) => x.role === 'volunteer')) {
    const actor = actorOf(a.phone);
    const team = teams.find((t) => t.name === a.scopeLabel);
    if (!actor || !team) continue;
    await members.create(q, office, {
      personId: actor.personId,
      teamId: team.id,
      role: a.username ? 'leader' : 'member',
      joinedOn: yearAgo,
      gender: a.name === '郑雨欣' ? 'female' : 'male',
      birthYear: 1995 + (n % 5),
      politicalStatus: 'cyl_member',
      skills: ['文明劝导', '摄影'],
      idNumber: idNumber(townCode.slice(0, 6), 1995 + (n % 5), n),
    });
    add(team.id, actor.personId);
    if (a.username) led.add(team.id);
    n++;
  }
  // Members without an account: a leader and four to seven members in each community's team, ten in each town team.
  for (const t of teams) {
    const count = t.level === 'town' ? 10 : r.int(5, 8);
    const cadre = t.level === 'town' ? office : (communityCadre(actorOf, t.regionCode) ?? office);
    for (let i = 0; i < count; i++) {
      const year = r.int(1958, 2004);
      const v = await members.create(q, cadre, {
        name: SURNAMES[r.int(0, SURNAMES.length - 1)] + GIVEN[r.int(0, GIVEN.length - 1)],
        phone: String(phone++),
        teamId: t.id,
        role: i === 0 && !led.has(t.id) ? 'leader' : 'member',
        joinedOn: addDays(yearAgo, r.int(0, 120)),
        gender: r.next() < 0.55 ? 'female' : 'male',
        birthYear: year,
        politicalStatus: STATUSES[r.int(0, STATUSES.length - 1)],
        skills: r.shuffle(SKILLS).slice(0, r.int(1, 3)),
        idNumber: r.next() < 0.7 ? idNumber(townCode.slice(0, 6), year, n) : null,
      });
      add(t.id, v.personId);
      n++;
    }
  }
  // A few community members also serve in the town's 巾帼 team; two left their team in the spring.
  const second = townTeams[1];
  const sample = [...byTeam.entries()].filter(([id]) => teamOfRegion.size && [...teamOfRegion.values()].includes(id)).slice(0, 4);
  for (const [, ps] of sample) if (second) await members.joinTeam(q, office, ps[ps.length - 1], { teamId: second.id, joinedOn: addDays(yearAgo, 150) });
  for (const [teamId, ps] of sample.slice(0, 2)) await members.leaveTeam(q, office, ps[1], teamId, addDays(yearAgo, 200));

  // A year of service at the demo's held activities, recorded by their organisers: the community's team serves its station's activities.
  const held = (
    await q.execute<{ id: number; region_code: string; on_date: string }>(sql`SELECT id, region_code, on_date::text FROM activities
    WHERE town_code = ${townCode} AND state = 'held' AND on_date <= ${today}::date ORDER BY on_date, id`)
  ).rows;
  let recorded = 0;
  const firstIds: number[] = [];
  // The last held activity of the first two communities is left to check-ins (below), not to the organiser's record.
  const byCheckin = new Set(
    [...teamOfRegion.keys()]
      .slice(0, 2)
      .map((region) => held.filter((a) => a.region_code === region).at(-1)?.id)
      .filter((x): x is number => !!x),
  );
  for (const a of held) {
    if (byCheckin.has(a.id)) continue;
    const team = teamOfRegion.get(a.region_code);
    const pool = [...(team ? (byTeam.get(team) ?? []) : []), ...(townTeams[0] && r.next() < 0.3 ? (byTeam.get(townTeams[0].id) ?? []).slice(0, 3) : [])];
    const people = r.shuffle(pool).slice(0, r.int(3, 6));
    if (!people.length) continue;
    const cadre = communityCadre(actorOf, a.region_code) ?? office;
    const res = await records
      .record(q, cadre, { activityId: Number(a.id), entries: people.map((personId) => ({ personId, hours: [1, 1.5, 2, 2.5, 3, 4][r.int(0, 5)] })) })
      .catch(() => ({ ids: [] as number[] })); // a member who joined after the day: skip the activity
    recorded += res.ids.length;
    if (res.ids[0]) firstIds.push(res.ids[0]);
  }
  // Two corrections (the 签到表 said otherwise): new entries, the old ones kept and superseded.
  for (const id of firstIds.slice(-2)) {
    await records.correct(q, office, id, { hours: 3.5, reason: '核对签到表后更正服务时长' });
    recorded++;
  }
  // Check-ins at those activities: the station's cadre opened the code, members checked in and out; records wait for
  // confirmation, one confirmed, one not accepted (it was a different day's duty).
  let decided = 0;
  for (const a of held.filter((x) => byCheckin.has(x.id))) {
    const team = teams.find((t) => t.id === teamOfRegion.get(a.region_code))!;
    const cadre = communityCadre(actorOf, a.region_code) ?? office;
    const at = (hhmm: string) => new Date(`${a.on_date}T${hhmm}:00+08:00`);
    await atTime(at('08:30'), () => checkins.openCode(q, cadre, Number(a.id), { startsAt: at('09:00').toISOString(), endsAt: at('11:30').toISOString() }));
    const code = (await q.execute<{ code: string }>(sql`SELECT code FROM volunteer_checkin_codes WHERE activity_id = ${a.id}`)).rows[0].code;
    const current = new Set((await members.list(q, office, { teamId: team.id, current: true, limit: 200 })).items.map((m) => m.personId));
    for (const [i, personId] of (byTeam.get(team.id) ?? [])
      .filter((p) => current.has(p))
      .slice(0, 4)
      .entries()) {
      const me = volunteerActor(personId, team);
      await atTime(at(`08:${40 + i * 5}`), () => checkins.checkin(q, me, { activityId: Number(a.id), code, direction: 'in' }));
      const out = await atTime(at(`11:${10 + i * 5}`), () => checkins.checkin(q, me, { activityId: Number(a.id), code, direction: 'out' }));
      if (out.serviceId && decided < 2) {
        await records.decide(
          q,
          cadre,
          out.serviceId,
          decided === 0 ? 'confirmed' : 'rejected',
          decided === 0 ? null : '当天实际在另一场活动值守，请登记在该活动',
        );
        decided++;
      }
      recorded++;
    }
  }
  // A member of the town's 总队 (led by the demo volunteer 郑雨欣) checked in and out at the first of those activities:
  // the record counts for the 总队 and waits for her (or the organiser) to confirm it on her team page.
  const townMember = townTeams[0] ? (byTeam.get(townTeams[0].id) ?? [])[3] : undefined;
  const first = held.find((x) => byCheckin.has(x.id));
  if (townMember && first) {
    const at = (hhmm: string) => new Date(`${first.on_date}T${hhmm}:00+08:00`);
    const code = (await q.execute<{ code: string }>(sql`SELECT code FROM volunteer_checkin_codes WHERE activity_id = ${first.id}`)).rows[0].code;
    const me = volunteerActor(townMember, townTeams[0]);
    await atTime(at('09:05'), () => checkins.checkin(q, me, { activityId: Number(first.id), code, direction: 'in' }));
    await atTime(at('11:25'), () => checkins.checkin(q, me, { activityId: Number(first.id), code, direction: 'out' }));
    recorded++;
  }
  // Sign-ups for the next planned activity of the first community, the demo volunteer 傅俊杰 among them.
  const firstTeam = teams.find((t) => t.id === [...teamOfRegion.values()][0]);
  const next = firstTeam
    ? (
        await q.execute<{
          id: number;
        }>(sql`SELECT id FROM activities WHERE region_code = ${firstTeam.regionCode} AND state = 'planned' AND on_date >= ${today}::date
        ORDER BY on_date, id LIMIT 1`)
      ).rows[0]
    : undefined;
  if (firstTeam && next) {
    const current = new Set((await members.list(q, office, { teamId: firstTeam.id, current: true, limit: 200 })).items.map((m) => m.personId));
    for (const personId of (byTeam.get(firstTeam.id) ?? []).filter((p) => current.has(p)).slice(0, 3))
      await checkins.signUp(q, volunteerActor(personId, firstTeam), Number(next.id));
  }

  // Residents' orders in every state at the first three communities' stations.
  await loadDemoOrders(q, townCode, teams, actorOf, office);
  // One more order, dispatched to the town's 总队: the demo leader takes it (接单) or gives it back on her team page.
  const station = (
    await q.execute<{ id: number; region_code: string }>(sql`SELECT id, region_code FROM units WHERE kind = 'practice_station'
    AND region_code LIKE ${townCode + '%'} ORDER BY region_code LIMIT 1`)
  ).rows[0];
  if (station && townTeams[0]) {
    const day = addDays(today, -1);
    const { id } = await atTime(new Date(`${day}T10:00:00+08:00`), () =>
      orders.create(q, {
        stationId: station.id,
        kind: '关爱帮扶',
        wishedOn: addDays(today, 4),
        wishedTime: '下午',
        place: '敬老院',
        contactName: '王主任',
        contactPhone: '13859719100',
        details: '陪敬老院老人聊天、读报',
      }),
    );
    await q.execute(sql`UPDATE service_orders SET created_at = ${`${day}T10:00:00+08:00`}::timestamptz WHERE id = ${id}`);
    await orders.dispatch(q, communityCadre(actorOf, station.region_code) ?? office, id, { version: 1, teamId: townTeams[0].id });
  }

  // One member of the town's 总队 moved away: deactivated in the directory, their service kept.
  const gone = townTeams[0] ? (byTeam.get(townTeams[0].id) ?? [])[2] : undefined;
  if (gone) {
    const p = await people.get(q, office, gone);
    await people.update(q, office, gone, p.version, { active: false });
  }
  return { members: n, records: recorded };
}

/** A member acting on their own phone (the demo's members mostly have no account: the service acts for them as the volunteer role would). */
function volunteerActor(personId: number, team: { id: number; regionCode: string }): Actor {
  return { personId, name: '志愿者', grants: [{ role: 'volunteer', regionCode: team.regionCode, unitId: team.id }] };
}

const ORDER_PLAN = [
  { kind: '关爱帮扶', place: '独居老人家中', details: '帮独居老人打扫卫生、检查用电安全', daysAgo: 5, to: 'received' },
  { kind: '法律咨询', place: '社区活动室', details: '邻里纠纷想咨询法律意见', daysAgo: 0, to: 'received' },
  { kind: '环境整治', place: '小区后巷', details: '后巷堆放杂物较多，希望组织清理', daysAgo: 3, to: 'dispatched' },
  { kind: '文体服务', place: '小区广场', details: '想请志愿者教广场舞', daysAgo: 8, to: 'returned' },
  { kind: '政策宣讲', place: '老年活动中心', details: '给老年人讲讲医保新政策', daysAgo: 10, to: 'accepted' },
  { kind: '医疗健康', place: '社区卫生服务站门口', details: '免费量血压、健康咨询', daysAgo: 30, to: 'rated' },
] as const;

async function loadDemoOrders(
  q: Db,
  townCode: string,
  teams: { id: number; regionCode: string; level: string }[],
  actorOf: (phone: string) => Actor | null,
  office: Actor,
) {
  const stations = (
    await q.execute<{
      id: number;
      region_code: string;
    }>(sql`SELECT id, region_code FROM units WHERE kind = 'practice_station' AND region_code LIKE ${townCode + '%'}
    ORDER BY region_code LIMIT 3`)
  ).rows;
  if (!stations.length) return;
  const today = todayChina();
  for (const [i, p] of ORDER_PLAN.entries()) {
    const st = stations[i % stations.length];
    const cadre = communityCadre(actorOf, st.region_code) ?? office;
    const team = teams.find((t) => t.regionCode === st.region_code) ?? teams[0];
    const day = addDays(today, -p.daysAgo);
    const { id, code } = await atTime(new Date(`${day}T09:30:00+08:00`), () =>
      orders.create(q, {
        stationId: st.id,
        kind: p.kind,
        wishedOn: addDays(day, 3),
        wishedTime: '上午',
        place: p.place,
        contactName: '陈阿姨',
        contactPhone: `1385971${String(9000 + i)}`,
        details: p.details,
      }),
    );
    await q.execute(sql`UPDATE service_orders SET created_at = ${`${day}T09:30:00+08:00`}::timestamptz WHERE id = ${id}`);
    if (p.to === 'received') continue;
    let o = await orders.dispatch(q, cadre, id, { version: 1, teamId: team.id });
    if (p.to === 'dispatched') continue;
    if (p.to === 'returned') {
      await orders.giveBack(q, cadre, id, { version: o.version, reason: '队员本周外出培训，请改派其他队伍' });
      continue;
    }
    const act = (
      await q.execute<{ id: number }>(sql`SELECT id FROM activities WHERE region_code = ${st.region_code} AND state = ${p.to === 'rated' ? 'held' : 'planned'}
      ORDER BY ${p.to === 'rated' ? sql`on_date DESC` : sql`on_date`} LIMIT 1`)
    ).rows[0];
    if (!act) continue;
    o = await orders.accept(q, cadre, id, { version: o.version, activityId: Number(act.id) });
    if (p.to === 'rated') await orders.rate(q, code, { rating: 5, comment: '志愿者很热心，量血压很仔细' });
  }
}

/** The demo cadre of a community (its 社区干部 account), if any. */
function communityCadre(actorOf: (phone: string) => Actor | null, community: string): Actor | null {
  for (const a of DEMO_ACCOUNTS) {
    if (a.role !== 'community_staff') continue;
    const actor = actorOf(a.phone);
    if (actor?.grants.some((g) => g.role === 'community_staff' && g.regionCode === community)) return actor;
  }
  return null;
}
