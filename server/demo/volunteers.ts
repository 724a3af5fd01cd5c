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
  for (const a of held) {
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
  // One member of the town's 总队 moved away: deactivated in the directory, their service kept.
  const gone = townTeams[0] ? (byTeam.get(townTeams[0].id) ?? [])[2] : undefined;
  if (gone) {
    const p = await people.get(q, office, gone);
    await people.update(q, office, gone, p.version, { active: false });
  }
  return { members: n, records: recorded };
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
