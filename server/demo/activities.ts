// The demo's activities at the practice institute and stations (issue 16):
// each station linked to its 新时代文明实践站 point, then a year of activities
// (eleven months back to next month): two a month at most stations — a
// 宣讲/评选/志愿服务 one and a seasonal one (义务植树 in March, a festival's
// activity in its month, 文明劝导 or 文体活动 otherwise) — some stations
// skipping the second now and then (so the monthly minimum bites), a few
// cancelled with their reason, a few past ones still waiting to be recorded,
// this month's later ones and next month's planned. Written through the real
// import (one .xlsx of the year: every row checked like a form), then each
// held activity gets a photo (copies of three stored pictures, so the load
// stays quick), and the town's two activity rules.
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import { todayChina } from '../platform/clock.ts';
import { addDays } from '../../domain/dates.ts';
import { monthRange } from '../../domain/activities.ts';
import { uploadPhoto } from '../modules/problems/problems.service.ts';
import { createRule } from '../modules/assessment/rules.service.ts';
import { importActivities } from '../modules/activities/activities.import.ts';
import { setStationPlace } from '../modules/activities/catalog.service.ts';
import { calendarYear } from '../modules/activities/activities.seed.ts';
import { demoActors } from './actors.ts';
import { shortCommunityName } from '../../domain/regions.ts';

const FEATURED = [
  ['主题宣讲', '党的二十届四中全会精神宣讲'],
  ['志愿服务', '学雷锋志愿服务进小区'],
  ['先进评选', '“最美家庭”“文明家庭”评选'],
] as const;
const OTHER = [
  ['文明劝导', '文明交通劝导'],
  ['文体活动', '广场舞展演暨创城知识宣传'],
  ['文明劝导', '背街小巷文明行为劝导'],
] as const;
const CANCEL_REASONS = ['台风预警，活动改期', '场地临时维修，另行安排', '与镇级集中整治行动时间冲突'];
const REPORTS = [
  '组织辖区居民、志愿者集中学习，结合创城要求讲解文明行为规范，现场发放宣传资料。',
  '志愿者分组清理楼道小广告、整理乱堆物，入户宣传创城知识，居民反响良好。',
  '活动由实践站牵头、共建单位参与，群众参与积极，下一步将常态化开展。',
];

interface Row {
  title: string;
  kind: string;
  state: string;
  on: string;
  community: string;
  place: string;
  unit: string;
  co: string;
  theme: string;
  festival: string;
  residents: number;
  volunteers: number;
  cadres: number;
  staff: number;
  report: string;
  url: string;
  reason: string;
}

export async function loadDemoActivities(q: Db, townCode: string, storageDir: string) {
  const { byUsername } = await demoActors(q);
  const office = byUsername('office');
  if (!office) return 0;
  const today = todayChina();
  // Stations and the institute, each with its community's 新时代文明实践站 point and a paired co-building unit.
  const stations = (
    await q.execute<{
      id: number;
      name: string;
      kind: string;
      region: string;
      community: string;
      place_id: number | null;
      place: string | null;
      co: string | null;
    }>(sql`
    SELECT u.id, u.name, u.kind, u.region_code AS region, coalesce(r.name, '') AS community, p.id AS place_id, p.name AS place,
      (SELECT c.name FROM units c JOIN unit_communities uc ON uc.unit_id = c.id WHERE c.kind = 'co_building' AND uc.community_code = u.region_code ORDER BY c.id LIMIT 1) AS co
    FROM units u LEFT JOIN regions r ON r.code = u.region_code
      LEFT JOIN LATERAL (SELECT id, name FROM places WHERE region_code LIKE u.region_code || '%' AND point_type = 'practice_station' ORDER BY id LIMIT 1) p ON true
    WHERE u.kind = 'practice_station' AND u.region_code LIKE ${townCode + '%'} ORDER BY u.region_code`)
  ).rows;
  for (const s of stations) if (s.place_id) await setStationPlace(q, office, s.id, s.place_id);
  const institute = (
    await q.execute<{ id: number; name: string }>(sql`SELECT id, name FROM units WHERE kind = 'practice_institute' AND region_code = ${townCode} LIMIT 1`)
  ).rows[0];
  const hub = stations.find((s) => s.place_id);
  if (institute && hub?.place_id) await setStationPlace(q, office, institute.id, hub.place_id);

  const rows: Row[] = [];
  const start = `${addDays(today, -335).slice(0, 7)}-01`;
  let n = 0;
  for (let m = start.slice(0, 7); m <= addDays(`${today.slice(0, 7)}-01`, 40).slice(0, 7); m = addDays(`${m}-01`, 40).slice(0, 7)) {
    const month = Number(m.slice(5, 7));
    const cal = await calendarYear(q, Number(m.slice(0, 4)));
    const theme = cal.find((e) => e.month === month && e.kind === 'theme')?.name ?? '';
    const festival = cal.find((e) => e.month === month && e.kind === 'festival');
    const last = monthRange(m).to;
    stations.forEach((s, i) => {
      if (!s.place) return;
      const people = (k: number) => ({
        residents: 20 + ((i * 7 + k * 13 + month * 5) % 60),
        volunteers: 6 + ((i + k + month) % 12),
        cadres: 2 + ((i + month) % 4),
        staff: s.co ? 3 + ((i + k) % 5) : 0,
      });
      const f = FEATURED[(i + month) % 3];
      const day1 = `${m}-${String(3 + ((i * 2) % 12)).padStart(2, '0')}`;
      const second =
        month === 3
          ? (['义务植树', '“践行绿色发展，共建绿色美丽汀州”义务植树'] as const)
          : festival
            ? (['节日活动', `“我们的节日·${festival.name}”主题活动`] as const)
            : OTHER[(i + month) % 3];
      const day2 = festival?.onDate && month !== 3 ? festival.onDate : `${m}-${String(Math.min(16 + (i % 10), Number(last.slice(8)))).padStart(2, '0')}`;
      const plan: { kind: string; title: string; on: string; k: number; co: string }[] = [{ kind: f[0], title: f[1], on: day1, k: 0, co: s.co ?? '' }];
      // Every fourth station skips its second activity in alternate months (short of the monthly minimum).
      if (!(i % 4 === 3 && month % 2 === 0)) plan.push({ kind: second[0], title: second[1], on: day2, k: 1, co: '' });
      for (const p of plan) {
        n++;
        const past = p.on < today;
        const cancelled = past && n % 17 === 0;
        const unrecorded = past && !cancelled && p.on >= addDays(today, -6) && i % 3 === 0;
        const state = !past || unrecorded ? '计划中' : cancelled ? '已取消' : '已开展';
        const pp = people(p.k);
        const held = state === '已开展';
        rows.push({
          title: `${shortCommunityName(s.community)}${p.title}`,
          kind: p.kind,
          state,
          on: p.on,
          community: s.community,
          place: s.place,
          unit: s.name,
          co: p.co,
          theme,
          festival: p.kind === '节日活动' ? (festival?.name ?? '') : '',
          residents: held ? pp.residents : 0,
          volunteers: held ? pp.volunteers : 0,
          cadres: held ? pp.cadres : 0,
          staff: held ? pp.staff : 0,
          report: held ? REPORTS[n % 3] : '',
          url: held && n % 4 === 0 ? `https://mp.weixin.qq.com/s/demo-${m}-${i}-${p.k}` : '',
          reason: cancelled ? CANCEL_REASONS[n % 3] : '',
        });
      }
    });
    // The institute's own monthly 主题宣讲 at the hub station.
    if (institute && hub?.place) {
      const on = `${m}-${String(Math.min(25, Number(last.slice(8)))).padStart(2, '0')}`;
      const held = on < today;
      rows.push({
        title: `${theme || '创城'}专题宣讲`,
        kind: '主题宣讲',
        state: held ? '已开展' : '计划中',
        on,
        community: hub.community,
        place: hub.place,
        unit: institute.name,
        co: '',
        theme,
        festival: '',
        residents: held ? 120 : 0,
        volunteers: held ? 20 : 0,
        cadres: held ? 15 : 0,
        staff: 0,
        report: held ? REPORTS[0] : '',
        url: held ? `https://mp.weixin.qq.com/s/demo-${m}-institute` : '',
        reason: '',
      });
    }
  }
  if (!rows.length) return 0;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('活动清单');
  ws.addRow([
    '活动名称',
    '活动类别',
    '状态',
    '活动日期',
    '所在社区',
    '活动地点',
    '组织单位',
    '共建单位',
    '每月主题',
    '节日',
    '群众',
    '志愿者',
    '镇村干部',
    '共建单位人员',
    '活动简报',
    '宣传报道链接',
    '取消原因',
  ]);
  for (const r of rows)
    ws.addRow([
      r.title,
      r.kind,
      r.state,
      r.on,
      r.community,
      r.place,
      r.unit,
      r.co,
      r.theme,
      r.festival,
      r.residents,
      r.volunteers,
      r.cadres,
      r.staff,
      r.report,
      r.url,
      r.reason,
    ]);
  const done = await importActivities(q, office, Buffer.from(await wb.xlsx.writeBuffer()));

  // A photo for every held activity: three pictures stored once, each activity its own row pointing at one of them.
  const colours = [
    { r: 196, g: 64, b: 52 },
    { r: 82, g: 140, b: 96 },
    { r: 66, g: 110, b: 168 },
  ];
  const templates: number[] = [];
  for (const background of colours) {
    const img = await sharp({ create: { width: 640, height: 480, channels: 3, background } })
      .jpeg({ quality: 70 })
      .toBuffer();
    templates.push((await uploadPhoto(q, storageDir, office, img, '活动照片.jpg')).id);
  }
  await q.execute(sql`WITH held AS (SELECT id, row_number() OVER (ORDER BY id) % 3 AS k FROM activities WHERE state = 'held' AND town_code = ${townCode}),
    t AS (SELECT (ord - 1) AS k, ph.* FROM unnest(${sql.param(templates)}::bigint[]) WITH ORDINALITY AS x(pid, ord) JOIN problem_photos ph ON ph.id = x.pid),
    ins AS (INSERT INTO problem_photos (path, thumb_path, mime, width, height, bytes, uploaded_by, upload_key)
      SELECT t.path, t.thumb_path, t.mime, t.width, t.height, t.bytes, t.uploaded_by, 'activity:' || held.id FROM held JOIN t ON t.k = held.k RETURNING id, upload_key)
    INSERT INTO file_links (file_kind, file_id, owner_kind, owner_id, created_by) SELECT 'photo', id, 'activity', substr(upload_key, 10)::bigint, ${office.personId} FROM ins`);
  await q.execute(sql`UPDATE problem_photos SET upload_key = NULL WHERE upload_key LIKE 'activity:%'`);
  await q.execute(
    sql`DELETE FROM problem_photos WHERE id = ANY(${sql.param(templates)}::bigint[]) AND NOT EXISTS (SELECT 1 FROM file_links l WHERE l.file_kind = 'photo' AND l.file_id = problem_photos.id)`,
  );

  // The town's activity rules: points per activity held to its community, a station's short month.
  const from = `${start.slice(0, 4)}-01-01`;
  await createRule(q, office, {
    regionCode: townCode,
    name: '每开展1场文明实践活动加0.1分',
    eventKind: 'activity_held',
    subjectKind: 'community',
    points: 0.1,
    capPerPeriod: 1,
    effectiveFrom: from,
    note: '演示：镇创建全国文明城市工作奖惩办法（暂行）',
  });
  await createRule(q, office, {
    regionCode: townCode,
    name: '实践站每月开展活动少于2场扣1分',
    eventKind: 'activity_shortfall',
    subjectKind: 'unit',
    points: -1,
    capPerPeriod: null,
    threshold: 2,
    effectiveFrom: from,
    note: '演示：新时代文明实践站活动常态化要求',
  });
  return done.created;
}
