// The demo's month of reports (issue 19), recorded through the reports
// services on their own days (the clock pinned there): each community's daily
// reports for the last 30 days — most on time, some late, a few missing (the
// missing list and the daily_report_missing rule have something to show) —,
// the town's daily reports drafted at 18:30 and published (one corrected,
// today's still a draft), the last four weekly reports published and this
// week's drafted, and an edited year-end text for last year (whose figures
// are computed from the demo's year of records).
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import type { Db } from '../db/pool.ts';
import type { Actor } from '../../domain/permissions.ts';
import { addDays } from '../../domain/dates.ts';
import { isWorkingDay } from '../../domain/calendar.ts';
import { weekStart } from '../../domain/reports.ts';
import { atTime } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { getCalendar, todayChina } from '../modules/calendar/index.ts';
import { uploadPhoto } from '../modules/problems/index.ts';
import { dailyService, townReportService, yearendService } from '../modules/reports/index.ts';
import { demoActors } from './actors.ts';
import { prng } from './data.ts';
import { shortCommunityName } from '../../domain/regions.ts';

const DAYS = 30;
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);

const WORK = [
  '组织街巷长对辖区背街小巷开展“每日一巡查”，清理卫生死角{n}处。',
  '联合共建单位开展文明劝导，规范非机动车停放{n}处。',
  '入户发放创城宣传单，宣传市民文明公约。',
  '对上级督查反馈问题逐项整改，已整改{n}处，其余限期整改。',
  '清理“牛皮癣”小广告{n}处，整治乱堆放{n}处。',
  '新时代文明实践站开展志愿服务活动一场。',
];

export async function loadDemoReports(q: Db, townCode: string, storageDir = loadConfig(process.env, []).storageDir) {
  const { byUsername } = await demoActors(q);
  const office = byUsername('office');
  if (!office) return { daily: 0, town: 0 };
  const r = prng(`demo-reports-${townCode}`);
  const today = todayChina();
  const cal = await getCalendar(q);
  const communities = (
    await q.execute<{ code: string; name: string }>(sql`SELECT code, name FROM regions WHERE level = 'community' AND code LIKE ${townCode + '%'} ORDER BY code`)
  ).rows;
  const cadres = (
    await q.execute<{ id: number; name: string; region_code: string }>(sql`SELECT DISTINCT ON (p.region_code) p.id, p.name, p.region_code
      FROM people p JOIN role_grants g ON g.person_id = p.id AND g.role = 'community_staff'
      WHERE p.region_code LIKE ${townCode + '%'} AND length(p.region_code) = 12 AND p.active ORDER BY p.region_code, p.id`)
  ).rows;
  // A community without a cadre account of its own reports through one standing in for it (the demo has one cadre login).
  const cadreOf = (c: { code: string; name: string }): Actor => {
    const p = cadres.find((x) => x.region_code === c.code);
    return {
      personId: p?.id ?? office.personId,
      name: p?.name ?? `${shortCommunityName(c.name)}社区干部`,
      grants: [{ role: 'community_staff', regionCode: c.code, unitId: null }],
    };
  };
  const photoBuf = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 46, g: 125, b: 50 } } })
    .jpeg({ quality: 70 })
    .toBuffer();

  await dailyService.saveSettings(q, office, { townCode, cutoff: '18:00', restDays: false, draftAt: '18:30', version: 0 }).catch(() => null);

  let daily = 0;
  let photos = 0;
  const first = addDays(today, -DAYS + 1);
  for (let day = first; day <= today; day = addDays(day, 1)) {
    if (!isWorkingDay(day, cal)) continue;
    for (const c of communities) {
      const roll = r.next();
      if (roll < 0.06) continue; // missing
      if (day === today && roll < 0.5) continue; // today: half have not reported yet
      const late = roll > 0.9;
      const when = late
        ? at(addDays(day, 1), `09:${String(r.int(5, 50)).padStart(2, '0')}`)
        : at(day, `${r.int(15, 17)}:${String(r.int(0, 59)).padStart(2, '0')}`);
      if (when.getTime() > Date.now() && day !== today) continue;
      const actor = cadreOf(c);
      const lines = r
        .shuffle(WORK)
        .slice(0, r.int(2, 3))
        .map((l) => l.replaceAll('{n}', String(r.int(1, 6))));
      await atTime(day === today ? new Date(Math.min(when.getTime(), Date.now())) : when, async () => {
        const photoIds = photos < 6 && roll < 0.1 ? [(await uploadPhoto(q, storageDir, actor, photoBuf, '巡查现场.jpg')).id] : [];
        photos += photoIds.length;
        await dailyService.submit(q, actor, { communityCode: c.code, day, body: lines.join(''), photoIds });
      });
      daily++;
    }
  }

  // The town's daily reports: drafted at 18:30, published by the office (today's left as a draft).
  let town = 0;
  for (let day = first; day <= today; day = addDays(day, 1)) {
    if (!isWorkingDay(day, cal)) continue;
    const drafted = await atTime(at(day, '18:30'), () => townReportService.draft(q, office, { kind: 'daily', townCode, day }));
    town++;
    if (day === today) continue;
    await atTime(at(day, '19:10'), () => townReportService.publish(q, office, drafted.report.id, drafted.report.version));
  }
  // One corrected the next morning, with its reason.
  const toCorrect = (await townReportService.list(q, office, { kind: 'daily', state: 'published', limit: 5 })).items[2];
  if (toCorrect) {
    const full = await townReportService.get(q, office, toCorrect.id);
    await atTime(at(addDays(full.periodFrom, 1), '08:40'), () =>
      townReportService.correct(q, office, full.id, {
        version: full.version,
        reason: '一社区迟报的汇报未计入，补充后更正',
        title: full.title,
        body: { ...full.body, body: `${full.body.body}（已补充迟报社区的情况。）` },
      }),
    );
  }
  // The weekly reports: the last four weeks published on their Monday after, this week's drafted.
  const thisWeek = weekStart(today);
  for (let w = 4; w >= 0; w--) {
    const monday = addDays(thisWeek, -7 * w);
    const drafted = await atTime(at(w ? addDays(monday, 7) : today, w ? '09:00' : '08:00'), () =>
      townReportService.draft(q, office, { kind: 'weekly', townCode, day: w ? monday : today }),
    );
    town++;
    if (w) await atTime(at(addDays(monday, 7), '10:30'), () => townReportService.publish(q, office, drafted.report.id, drafted.report.version));
  }
  // Last year's summary, its opening edited by the office (the figures stay fields).
  const year = Number(today.slice(0, 4)) - 1;
  await yearendService.saveYearend(q, office, {
    region: townCode,
    year,
    version: 0,
    texts: {
      opening:
        '今年以来，在县委、县政府的坚强领导下，在县委文明办的正确指导下，在挂钩共建单位的全力帮助下，{region}聚焦“三提三效”，扎实开展宣传教育、示范引领、文明劝导、环境整治等各项创建活动。现将{year}年度创建全国文明城市工作情况及{nextYear}年工作计划汇报如下：',
    },
  });
  return { daily, town };
}
