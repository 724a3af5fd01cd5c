// The demo's publicity (issue 18 items 1-2), written through the real
// services as the town office: a year of articles (a 公众号 post most weeks,
// a 特色供稿 carried by county and city media now and then, others on
// 今日头条 or the county's channel), LED programmes month by month, handouts
// (宣传单 and 宣传品, some for an activity), 入户宣传 sessions in every
// community (some joint with co-building units); facilities at the points of
// every community in every condition (good, damaged, outdated, removed),
// with the seeded requirements, so some points meet theirs and some fall
// short; and one board reported damaged by the street chief, which opens a
// problem dispatched to its owner.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import { todayChina } from '../platform/clock.ts';
import { addDays } from '../../domain/dates.ts';
import * as output from '../modules/publicity/output.service.ts';
import * as facilities from '../modules/publicity/facilities.service.ts';
import { terms as termList } from '../modules/publicity/terms.service.ts';
import type { Condition } from '../../domain/publicity.ts';
import { demoActors } from './actors.ts';
import { prng } from './data.ts';

const TITLES = [
  '文明创建进行时｜汀州镇开展背街小巷环境卫生集中整治',
  '创城有我｜志愿者走进社区开展文明劝导',
  '汀州镇召开创建全国文明城市工作推进会',
  '文明交通从我做起，汀州镇开展交通秩序整治',
  '“最美家庭”评选结果出炉',
  '垃圾分类进小区，文明新风入人心',
  '新时代文明实践站里的“小课堂”',
  '汀州镇持续开展“牛皮癣”小广告清理行动',
];
const MEDIA = ['闽西日报', '龙岩电视台', '长汀县融媒体中心', '学习强国福建平台'];
const LED = ['创建全国文明城市 共建美好幸福家园', '讲文明 树新风 做文明长汀人', '社会主义核心价值观 富强 民主 文明 和谐', '文明交通 礼让斑马线'];
const FLYERS = ['创建文明城市倡议书', '市民文明公约', '垃圾分类指南', '文明养犬告知书'];
const ITEMS = ['创城宣传环保袋', '文明城市宣传扇', '创城知识手册'];

export async function loadDemoPublicity(q: Db, townCode: string) {
  const { byUsername } = await demoActors(q);
  const office = byUsername('office');
  const chief = byUsername('chief');
  if (!office) return;
  const r = prng('publicity');
  const today = todayChina();
  const units = (
    await q.execute<{ id: number; kind: string; region_code: string }>(
      sql`SELECT id, kind, region_code FROM units WHERE region_code LIKE ${townCode + '%'} AND kind IN ('community_committee', 'co_building') ORDER BY id`,
    )
  ).rows;
  const committeeOf = (code: string) => units.find((u) => u.kind === 'community_committee' && u.region_code === code)?.id ?? null;
  const coBuilding = units.filter((u) => u.kind === 'co_building').map((u) => u.id);
  const communities = (
    await q.execute<{ code: string }>(sql`SELECT code FROM regions WHERE parent_code = ${townCode} AND level = 'community' ORDER BY code`)
  ).rows.map((c) => c.code);
  const activities = (
    await q.execute<{ id: number; region_code: string; on_date: string }>(
      sql`SELECT id, region_code, on_date::text FROM activities WHERE town_code = ${townCode} AND state = 'held' ORDER BY on_date LIMIT 40`,
    )
  ).rows;

  // A year of articles: a 公众号 post most weeks, a 特色供稿 every few weeks.
  for (let d = addDays(today, -364), i = 0; d <= today; d = addDays(d, 7), i++) {
    if (r.int(0, 9) < 8)
      await output.create(q, office, 'articles', {
        regionCode: townCode,
        channel: 'wechat',
        channelName: '汀州镇人民政府',
        title: TITLES[i % TITLES.length],
        url: `https://mp.weixin.qq.com/s/demo${i}`,
        publishedOn: d,
        featured: false,
      });
    if (i % 5 === 2)
      await output.create(q, office, 'articles', {
        regionCode: townCode,
        channel: i % 2 ? 'other' : 'wechat',
        channelName: i % 2 ? '今日头条' : '汀州镇人民政府',
        title: `特色供稿：${TITLES[(i + 3) % TITLES.length]}`,
        publishedOn: addDays(d, 2) > today ? d : addDays(d, 2),
        featured: true,
        carriedBy: MEDIA[i % MEDIA.length],
      });
  }
  // LED programmes, one a month.
  for (let m = 11; m >= 0; m--) {
    const from = addDays(today, -30 * m - 20);
    await output.create(q, office, 'led', {
      regionCode: townCode,
      screen: '汀州镇政府门口LED屏',
      content: LED[m % LED.length],
      fromDate: from,
      toDate: addDays(from, 27),
    });
  }
  // Handouts and 入户宣传 in every community, every other month.
  for (const [ci, code] of communities.entries()) {
    for (let m = 10 - (ci % 2); m >= 0; m -= 2) {
      const day = addDays(today, -30 * m - r.int(1, 20));
      const act = activities.find((a) => a.region_code === code);
      await output.create(q, office, 'handouts', {
        regionCode: code,
        kind: 'flyer',
        title: FLYERS[(ci + m) % FLYERS.length],
        quantity: 100 * r.int(2, 12),
        handedOn: day,
        location: '辖区主要街巷',
        unitId: committeeOf(code),
        activityId: m === 2 && act ? act.id : null,
      });
      if (m % 4 === 0)
        await output.create(q, office, 'handouts', {
          regionCode: code,
          kind: 'item',
          title: ITEMS[ci % ITEMS.length],
          quantity: 10 * r.int(5, 30),
          handedOn: day,
        });
      await output.create(q, office, 'door', {
        regionCode: code,
        onDate: addDays(day, 1) > today ? day : addDays(day, 1),
        households: r.int(30, 160),
        note: '入户发放倡议书，讲解垃圾分类和文明养犬',
        unitIds: m % 3 === 0 && coBuilding.length ? [coBuilding[(ci + m) % coBuilding.length]] : [],
      });
    }
  }

  // Facilities at the points, in every condition: most points get what their type needs, some fall short.
  const t = await termList(q, office);
  const kind = (code: string) => t.kinds.find((k) => k.code === code)!.id;
  const theme = (code: string) => t.themes.find((k) => k.code === code)!.id;
  const points = (
    await q.execute<{ id: number; name: string; region_code: string; point_type: string; lat: number; lng: number }>(
      sql`SELECT id, name, region_code, point_type, lat, lng FROM places WHERE region_code LIKE ${townCode + '%'} AND point_type IS NOT NULL
        AND lat IS NOT NULL ORDER BY region_code, id`,
    )
  ).rows;
  const plan: Record<string, [string, string | null, number][]> = {
    market: [
      ['bulletin_board', 'core_values', 2],
      ['psa', 'civic_pact', 5],
    ],
    back_street: [
      ['psa', 'new_customs', 2],
      ['display_board', 'core_values', 1],
    ],
    compound: [
      ['psa', 'civilised_city', 3],
      ['bulletin_board', 'volunteering', 1],
    ],
    square: [
      ['landscape', 'core_values', 2],
      ['led', 'civilised_city', 1],
    ],
    practice_station: [['bulletin_board', 'good_people', 1]],
    main_road: [['psa', 'core_values', 2]],
    park: [['landscape', 'new_customs', 1]],
  };
  const conditions: Condition[] = ['good', 'good', 'good', 'good', 'good', 'damaged', 'outdated', 'removed'];
  let damagedBoard: number | null = null;
  for (const [pi, p] of points.entries()) {
    const lines = plan[p.point_type] ?? [];
    for (const [li, [k, th, n]] of lines.entries()) {
      // Every fourth point is one short on its first line.
      const count = pi % 4 === 1 && li === 0 ? n - 1 : n;
      for (let i = 0; i < count; i++) {
        const condition = conditions[(pi + li + i) % conditions.length];
        const f = await facilities.create(q, office, {
          name: `${p.name}${t.kinds.find((x) => x.code === k)!.name}${count > 1 ? i + 1 : ''}`,
          kindId: kind(k),
          themeId: th ? theme(th) : null,
          placeId: p.id,
          ownerUnitId: committeeOf(p.region_code.slice(0, 12)),
          installedOn: addDays(today, -r.int(20, 700)),
          condition: condition === 'damaged' ? 'good' : condition,
          lat: Number(p.lat) + r.int(-40, 40) / 100000,
          lng: Number(p.lng) + r.int(-40, 40) / 100000,
          note: condition === 'outdated' ? '内容为去年主题，待更换' : null,
        });
        // The damaged ones were reported damaged (a problem each is too many: the first only; the rest marked on the desk).
        if (condition === 'damaged') {
          if (!damagedBoard && chief && p.region_code.startsWith(chief.grants[0]?.regionCode ?? '-')) damagedBoard = f.id;
          else await facilities.update(q, office, f.id, f.version, { ...inputOf(f), condition: 'damaged' });
        }
      }
    }
  }
  if (damagedBoard && chief)
    await facilities.markDamaged(q, chief, { facilityId: damagedBoard, note: '宣传栏面板破裂，需更换', idempotencyKey: 'demo:publicity:damage' });
}

/** A facility's current values as the service's input (to change one field). */
function inputOf(f: Awaited<ReturnType<typeof facilities.get>>): facilities.FacilityInput {
  return {
    name: f.name,
    kindId: f.kind.id,
    themeId: f.theme?.id ?? null,
    placeId: f.place?.id ?? null,
    regionCode: f.place ? null : f.regionCode,
    ownerUnitId: f.ownerUnit?.id ?? null,
    installedOn: f.installedOn,
    condition: f.condition,
    lat: f.lat,
    lng: f.lng,
    note: f.note,
  };
}
