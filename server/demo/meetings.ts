// The demo's year of meetings (issue 16), recorded through the meetings
// services as the office, each on its own day (the clock pinned there): a
// 每周例会 nearly every Monday (a few weeks missed, so the cadence lists them),
// 动员部署会, 专题会 (one by a community), quarterly 培训会 and monthly 内部工作会议,
// with attendance, minutes, 传达, a photo and the minutes as a PDF for the
// big ones; decisions in every state (done with progress, open, overdue, one
// turned into a problem), owned by committees, 城管局 and co-building units;
// and a study trip shared at a training meeting.
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import type { Db } from '../db/pool.ts';
import type { Actor } from '../../domain/permissions.ts';
import { addDays, weekday } from '../../domain/dates.ts';
import { weekStart } from '../../domain/meetings.ts';
import { atTime } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { todayChina } from '../modules/calendar/index.ts';
import { uploadPhoto } from '../modules/problems/index.ts';
import { uploadDocument } from '../modules/files/index.ts';
import { cadenceService, decisionService, meetingService, tripService } from '../modules/meetings/index.ts';
import { demoActors } from './actors.ts';
import { prng } from './data.ts';

const WEEKS = 52;
const at = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;
const instant = (day: string, hhmm: string) => new Date(at(day, hhmm));

/** A small real PDF (the minutes as filed), so the file store has something to serve. */
function minutesPdf(title: string): Buffer {
  const body = `BT /F1 12 Tf 72 720 Td (Minutes ${title.length}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${body.length} >>\nstream\n${body}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offs: number[] = [];
  objs.forEach((o, i) => {
    offs.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offs.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const WEEKLY_AGENDA = ['通报上周督查发现问题及整改情况', '部署本周背街小巷“每日一巡查”', '研究黑榜点位整改措施', '安排本周创城志愿服务活动'];
const RELAYED = ['传达县创城办《创城周报》精神', '传达县委常委会关于创城工作的部署要求', '传达市文明办测评反馈意见', '传达县创城工作推进会精神'];
const DECISIONS = [
  { content: '清理辖区背街小巷卫生死角，做到垃圾日产日清', days: 5, owner: 'committee' },
  { content: '整治主街沿线店外经营和占道经营', days: 5, owner: 'urban' },
  { content: '对黑榜点位开展“回头看”并报送整改照片', days: 3, owner: 'committee' },
  { content: '挂钩共建单位每周进社区开展文明劝导不少于一次', days: 10, owner: 'cobuild' },
  { content: '更新社区宣传栏创城公益广告', days: 8, owner: 'committee' },
  { content: '规范农贸市场周边非机动车停放', days: 5, owner: 'urban' },
] as const;

export async function loadDemoMeetings(q: Db, townCode: string, storageDir = loadConfig(process.env, []).storageDir) {
  const { byUsername, actorOf } = await demoActors(q);
  const office = byUsername('office');
  const leader = byUsername('leader');
  const mayor = actorOf('13859710002');
  const cadre = byUsername('community');
  if (!office || !leader) return { meetings: 0 };
  const r = prng(`demo-meetings-${townCode}`);
  const today = todayChina();
  const units = (
    await q.execute<{ id: number; kind: string; name: string; region_code: string }>(sql`
    SELECT id, kind, name, region_code FROM units WHERE region_code LIKE ${townCode + '%'} OR region_code = ${townCode.slice(0, 6)} ORDER BY id`)
  ).rows;
  const committees = units.filter((u) => u.kind === 'community_committee');
  const urban = units.find((u) => u.kind === 'department' && u.name.includes('城市管理局'));
  const cobuild = units.filter((u) => u.kind === 'co_building');
  const people = (
    await q.execute<{ id: number; name: string; region_code: string }>(sql`
    SELECT p.id, p.name, p.region_code FROM people p WHERE p.region_code LIKE ${townCode + '%'} AND p.active ORDER BY p.id`)
  ).rows;
  const townPeople = people.filter((p) => p.region_code === townCode);
  const cadres = people.filter((p) => p.region_code.length === 12).slice(0, 8);
  const place = (await q.execute<{ id: number }>(sql`SELECT id FROM places WHERE region_code LIKE ${townCode + '%'} AND kind = 'street' ORDER BY id LIMIT 1`))
    .rows[0];
  const category = (await q.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = '乱堆物堆料' AND level = 2 LIMIT 1`)).rows[0];
  const photoBuf = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 176, g: 58, b: 46 } } })
    .jpeg({ quality: 70 })
    .toBuffer();

  const attendees = (n: number) => [
    ...townPeople.slice(0, 4).map((p) => ({ personId: p.id, status: 'present' as const })),
    ...cadres.slice(0, n).map((p, i) => ({ personId: p.id, status: (i % 7 === 3 ? 'leave' : i % 11 === 5 ? 'absent' : 'present') as 'present' })),
  ];
  const kinds = new Map((await meetingService.listKinds(q, office)).items.map((k) => [k.code, k.id]));
  let made = 0;
  const record = async (
    day: string,
    hhmm: string,
    o: {
      kind: string;
      title: string;
      chair: Actor | null;
      region?: string;
      by?: Actor;
      agenda: string;
      minutes: string;
      relayed?: string;
      att: number;
      place?: string;
      extras?: boolean;
    },
  ) => {
    const by = o.by ?? office;
    return atTime(instant(day, hhmm), async () => {
      const photoIds = o.extras ? [(await uploadPhoto(q, storageDir, by, photoBuf, '会议现场.jpg')).id] : [];
      const fileIds = o.extras ? [(await uploadDocument(q, storageDir, 20 * 1024 * 1024, by, minutesPdf(o.title), `${o.title}纪要.pdf`)).id] : [];
      const m = await meetingService.create(q, by, {
        regionCode: o.region ?? townCode,
        kindId: kinds.get(o.kind)!,
        title: o.title,
        startsAt: at(day, hhmm),
        place: o.place ?? '镇政府三楼会议室',
        chairPersonId: o.chair?.personId ?? null,
        agenda: o.agenda,
        minutes: o.minutes,
        relayed: o.relayed ?? null,
        attendees: o.region ? [] : attendees(o.att),
        photoIds,
        fileIds,
      });
      made++;
      return m;
    });
  };

  // The cadence: one 例会 a week since a year ago.
  const first = addDays(weekStart(today), -7 * WEEKS);
  await atTime(instant(first, '08:00'), () => cadenceService.set(q, office, { townCode, perWeek: 1, effectiveFrom: first, version: 0 }));

  // 每周例会: Monday mornings, except a few weeks (missed: the cadence lists them) and the current week's, if Monday has not come.
  const decided: { id: number; day: string }[] = [];
  for (let w = 0; w < WEEKS; w++) {
    const monday = addDays(first, 7 * w);
    if (monday >= today || [6, 19, 33, 45].includes(w)) continue;
    const n = w + 1;
    const m = await record(monday, '08:30', {
      kind: 'weekly',
      title: `第${n}周创城工作例会`,
      chair: w % 3 === 0 ? leader : (mayor ?? leader),
      att: 6,
      agenda: `${WEEKLY_AGENDA[w % WEEKLY_AGENDA.length]}；${WEEKLY_AGENDA[(w + 1) % WEEKLY_AGENDA.length]}`,
      minutes: `会议通报了上周督查暗访发现的问题，点评了各社区整改进度，要求各社区、挂钩共建单位对照问题清单逐项销号，本周内完成整改并上传整改照片。`,
      relayed: w % 4 === 0 ? RELAYED[(w / 4) % RELAYED.length] : undefined,
    });
    if (w % 3 === 1 || WEEKS - w <= 3) decided.push({ id: m.id, day: monday });
  }

  // 动员部署会 (twice), 专题会 (every two months; one held by a community), 培训会 (quarterly), 内部工作会议 (monthly).
  const startMonth = addDays(first, 14);
  const monthDay = (k: number, dayOfMonth: number) => {
    const d = new Date(`${startMonth.slice(0, 7)}-01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + k, dayOfMonth);
    let s = d.toISOString().slice(0, 10);
    while (weekday(s) === 0 || weekday(s) === 6) s = addDays(s, 1);
    return s;
  };
  const within = (d: string) => d < today;
  let training: { id: number; day: string } | null = null;
  for (const k of [0, 7]) {
    const d = monthDay(k, 10);
    if (!within(d)) continue;
    const m = await record(d, '15:00', {
      kind: 'mobilisation',
      title: k === 0 ? '创建全国文明城市工作动员部署大会' : '创城迎检冲刺动员部署会',
      chair: leader,
      att: 8,
      extras: true,
      place: '镇政府大会议室',
      agenda: '部署创城重点任务；签订创城目标责任书',
      minutes: '会议强调要压紧压实各级责任，对标测评体系查漏补缺，形成齐抓共管的创城合力。',
      relayed: RELAYED[1],
    });
    decided.push({ id: m.id, day: d });
  }
  for (let k = 1; k < 12; k += 2) {
    const d = monthDay(k, 18);
    if (!within(d)) continue;
    const community = k === 5 && cadre ? (cadre.grants[0]?.regionCode ?? undefined) : undefined;
    const m = await record(d, '10:00', {
      kind: 'topic',
      title: community ? '社区背街小巷环境整治专题会' : ['农贸市场周边秩序整治专题会', '背街小巷“三线”整治专题会', '测评点位问题整改专题会'][k % 3],
      chair: community ? null : (mayor ?? leader),
      region: community,
      by: community ? cadre! : office,
      att: 5,
      agenda: '研究难点问题整改方案',
      minutes: '会议明确了责任单位和完成时限，难问题实行集中整治、挂图作战。',
    });
    if (!community) decided.push({ id: m.id, day: d });
  }
  for (const k of [2, 5, 8, 11]) {
    const d = monthDay(k, 22);
    if (!within(d)) continue;
    const m = await record(d, '14:30', {
      kind: 'training',
      title: `创城业务培训会（第${[2, 5, 8, 11].indexOf(k) + 1}期）`,
      chair: office,
      att: 8,
      extras: k === 8,
      agenda: '解读全国文明城市测评体系；街巷长巡查和问题上报操作培训',
      minutes: '培训讲解了实地测评点位要求和常见失分点，演示了手机巡查、随手拍上报和整改流程。',
    });
    training = { id: m.id, day: d };
  }
  for (let k = 0; k < 12; k++) {
    const d = monthDay(k, 27);
    if (!within(d)) continue;
    await record(d, '16:30', {
      kind: 'internal',
      title: `创城办${Number(d.slice(5, 7))}月内部工作会议`,
      chair: office,
      att: 0,
      place: '镇创城办',
      agenda: '梳理本月台账资料；安排下月督查计划',
      minutes: '会议梳理了本月会议纪要、活动档案和整改台账的归档情况，明确了下月督查暗访安排。',
    });
  }

  // Decisions: older ones done with progress (a few left open: overdue), recent ones open; one about a place becomes a problem.
  const owners = { committee: committees, urban: urban ? [urban] : [], cobuild };
  let n = 0;
  for (const m of decided) {
    for (let j = 0; j < (m.day > addDays(today, -28) ? 2 : 1); j++) {
      const d = DECISIONS[(n + j) % DECISIONS.length];
      const list = owners[d.owner].length ? owners[d.owner] : committees;
      const owner = list[(n + j) % list.length];
      if (!owner) continue;
      const x = await atTime(instant(m.day, '11:00'), () =>
        decisionService.create(q, office, m.id, {
          content: d.content,
          ownerUnitId: owner.id,
          workingDays: d.days,
          placeId: n === 3 && place ? place.id : null,
        }),
      );
      const recent = x.dueDate >= today;
      const leaveOpen = !recent && n % 9 === 4;
      if (!recent && !leaveOpen) {
        await atTime(instant(addDays(m.day, 2), '17:00'), () => decisionService.progress(q, office, x.id, { note: '已部署落实，正在整改中' }));
        const doneDay = addDays(x.dueDate, n % 5 === 2 ? 2 : -1);
        if (doneDay < today)
          await atTime(instant(doneDay, '17:30'), () => decisionService.progress(q, office, x.id, { note: '已按要求完成，整改照片已上传', state: 'done' }));
      } else if (n === 3 && place && category) {
        await atTime(instant(addDays(m.day, 1), '09:00'), () =>
          decisionService.toProblem(q, office, x.id, { categoryId: category.id }, loadConfig(process.env, [])),
        );
      } else if (leaveOpen) {
        await atTime(instant(addDays(m.day, 3), '10:00'), () => decisionService.progress(q, office, x.id, { note: '涉及多个部门，正在协调' }));
      }
      n++;
    }
  }

  // The study trip: a month before the last 培训会, shared there.
  if (training) {
    const day = addDays(training.day, -30 - (r.next() < 0.5 ? 0 : 1));
    const leaderName = leader.name;
    await atTime(instant(day, '18:00'), () =>
      tripService.create(q, office, {
        regionCode: townCode,
        day,
        destination: '福建省三明市沙县区',
        leaderPersonId: leader.personId,
        leaderName,
        headCount: 12,
        purpose: '学习背街小巷常态化管理和新时代文明实践站建设经验',
        learned: '一是网格员和街巷长“一岗双责”，每日巡查闭环；二是文明实践站“群众点单、中心派单、志愿者接单”；三是共建单位认领背街小巷。',
        participants: [...townPeople.slice(0, 3), ...cadres.slice(0, 5)].map((p) => ({ personId: p.id })),
        sharedMeetingId: training!.id,
      }),
    );
  }
  return { meetings: made };
}
