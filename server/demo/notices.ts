// The demo county's own notices: a 县督查通报 issued twelve days ago, due in
// three days (the town has fed back on it), and this week's 县创城周报
// not yet answered, both through the real county service, so the county
// office's page, the town's received notices, their problems and the
// feedback all have something to show.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import { addDays } from '../../domain/dates.ts';
import { todayChina } from '../modules/calendar/calendar.service.ts';
import { feedback, issue } from '../modules/notices/county.ts';
import { demoActors } from './actors.ts';
import { shortCommunityName } from '../../domain/regions.ts';

const NO_MATCHING = { placeMatchMeters: 0, communityMatchMeters: 0 };

export async function loadDemoCountyNotices(q: Db, townCode: string, now = new Date()) {
  const { byUsername } = await demoActors(q);
  const county = byUsername('county');
  const office = byUsername('office');
  if (!county || !office) return { notices: 0 };
  const today = todayChina(now);
  const cat = async (name: string) =>
    Number((await q.execute<{ id: number }>(sql`SELECT id FROM categories WHERE name = ${name} AND level = 2 ORDER BY id LIMIT 1`)).rows[0]?.id);
  const communities = (
    await q.execute<{ code: string; name: string }>(sql`SELECT code, name FROM regions WHERE parent_code = ${townCode} AND level = 'community' ORDER BY code`)
  ).rows.map((c) => ({ code: c.code, name: shortCommunityName(c.name) }));
  if (communities.length < 3) return { notices: 0 };
  const [parking, litter, ads] = [await cat('机动车乱停放'), await cat('暴露垃圾'), await cat('非法小广告')];
  const first = await issue(
    q,
    county,
    {
      kind: 'county_notice',
      title: '关于全县创建全国文明城市第四季度督查情况的通报',
      issueDate: addDays(today, -12),
      dueDate: addDays(today, 3),
      intro: '近期，县创城办组织对各乡镇创建工作进行了督查，现将发现的主要问题通报如下，请各乡镇于整改期限内整改到位并报送整改情况反馈。',
      items: [
        {
          regionCode: communities[0].code,
          categoryId: parking,
          description: `${communities[0].name}农贸市场门口机动车占用人行道停放`,
          address: '农贸市场东门',
        },
        { regionCode: communities[1].code, categoryId: litter, description: `${communities[1].name}背街小巷垃圾桶满溢、周边暴露垃圾`, address: null },
        { regionCode: communities[2].code, categoryId: ads, description: `${communities[2].name}居民楼道张贴非法小广告`, address: null },
      ],
    },
    NO_MATCHING,
  );
  const copy = (
    await q.execute<{ id: number; version: number }>(sql`SELECT id, version FROM notices WHERE parent_id = ${first.id} AND town_code = ${townCode}`)
  ).rows[0];
  if (copy) {
    await feedback(q, office, copy.id, {
      version: copy.version,
      note: '接到通报后，镇创城办当日将问题派至责任单位：农贸市场门口已施划停车泊位并安排专人劝导；背街小巷垃圾已清运，增设垃圾桶 2 个；楼道小广告已清理，纳入社区网格员日常巡查。',
    });
  }
  await issue(
    q,
    county,
    {
      kind: 'county_weekly',
      title: '长汀县创城工作周报',
      issueDate: addDays(today, -2),
      dueDate: addDays(today, 7),
      items: [
        { regionCode: communities[0].code, categoryId: litter, description: `${communities[0].name}沿街店铺门前垃圾未及时清扫`, address: null },
        {
          regionCode: communities[Math.min(3, communities.length - 1)].code,
          categoryId: parking,
          description: `${communities[Math.min(3, communities.length - 1)].name}小区出入口车辆乱停放`,
          address: null,
        },
      ],
    },
    NO_MATCHING,
  );
  return { notices: 2 };
}
