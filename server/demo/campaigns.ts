// The demo's clean-up campaigns, 摸排 survey and campaign fund (issue 18 items
// 3-5), recorded through the services as the office, a community cadre and a
// department's liaison, each step on its own day (the clock pinned there):
// a spring and an autumn 环境卫生集中整治 closed with their daily records (the
// problems they closed frozen), and a 交通秩序集中整治 running now; a survey with
// needs in every state (one answered by 城管局's liaison, one deferred, one
// linked to a problem); a fund with county and co-building income, three
// projects with milestones and the needs they answer, spending, one overspend
// confirmed and one entry reversed.
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import type { Db } from '../db/pool.ts';
import type { Actor } from '../../domain/permissions.ts';
import { addDays } from '../../domain/dates.ts';
import { atTime } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { todayChina } from '../modules/calendar/index.ts';
import { uploadPhoto } from '../modules/problems/index.ts';
import { campaignService, listKinds } from '../modules/campaigns/index.ts';
import { surveyService } from '../modules/surveys/index.ts';
import { fundService, projectService } from '../modules/fund/index.ts';
import { demoActors } from './actors.ts';
import { prng } from './data.ts';

const evening = (day: string) => new Date(`${day}T18:00:00+08:00`);

export async function loadDemoCampaigns(q: Db, townCode: string, storageDir = loadConfig(process.env, []).storageDir) {
  const { byUsername } = await demoActors(q);
  const office = byUsername('office');
  const cadre = byUsername('community');
  const liaison = byUsername('liaison');
  if (!office) return { campaigns: 0, needs: 0, entries: 0 };
  const r = prng(`demo-campaigns-${townCode}`);
  const today = todayChina();
  const communities = (
    await q.execute<{ code: string; name: string }>(sql`SELECT code, name FROM regions WHERE parent_code = ${townCode} AND level = 'community' ORDER BY code`)
  ).rows;
  const places = (
    await q.execute<{ id: number; name: string; region_code: string }>(
      sql`SELECT id, name, region_code FROM places WHERE region_code LIKE ${townCode + '%'} AND lat IS NOT NULL ORDER BY id`,
    )
  ).rows;
  const units = (
    await q.execute<{ id: number; name: string }>(sql`SELECT id, name FROM units WHERE region_code LIKE ${townCode.slice(0, 6) + '%'} ORDER BY id`)
  ).rows;
  const unit = (part: string) => units.find((u) => u.name.includes(part))?.id;
  const cats = (
    await q.execute<{ id: number; name: string }>(
      sql`SELECT id, name FROM categories WHERE level = 2 AND name = ANY(${sql.param(['暴露垃圾', '乱堆物堆料', '非法小广告', '机动车乱停放'])}::text[])`,
    )
  ).rows;
  const cat = (name: string) => cats.filter((c) => c.name === name).map((c) => c.id);
  const photo = async (by: Actor, colour: { r: number; g: number; b: number }, name: string) => {
    const buf = await sharp({ create: { width: 640, height: 480, channels: 3, background: colour } })
      .jpeg({ quality: 70 })
      .toBuffer();
    return (await uploadPhoto(q, storageDir, by, buf, name)).id;
  };

  // ---- campaigns ----
  const k = await campaignService.kinds(q, office);
  const tally = new Map(k.tallyKinds.map((t) => [t.code, t.id]));
  const kindId = (code: string) => k.kinds.find((x) => x.code === code)?.id ?? null;
  let campaigns = 0;
  const campaign = async (o: {
    kind: string;
    theme: string;
    start: string;
    end: string;
    areas: string[];
    placeIds?: number[];
    cats: number[];
    close: boolean;
  }) => {
    const c = await atTime(new Date(`${o.start}T08:30:00+08:00`), () =>
      campaignService.create(q, office, {
        kindId: kindId(o.kind),
        theme: o.theme,
        startDate: o.start,
        endDate: o.end,
        communityCodes: o.areas,
        placeIds: o.placeIds ?? [],
        categoryIds: o.cats,
      }),
    );
    campaigns++;
    const lastDay = o.end < today ? o.end : addDays(today, -1);
    let n = 0;
    for (let day = o.start; day <= lastDay; day = addDays(day, 1), n++) {
      const by = n % 3 === 2 && cadre ? cadre : office;
      const counts = [
        ['cadres', 20 + r.int(0, 40)],
        ['workers', 8 + r.int(0, 15)],
        ['urban_management', r.int(0, 12)],
        ['co_building', r.int(0, 20)],
        ['volunteers', r.int(0, 25)],
        ['garbage', 3 + r.int(0, 10)],
        ['posters', 10 + r.int(0, 60)],
        ['piles', 2 + r.int(0, 10)],
        ['parking', o.kind === 'traffic' ? 10 + r.int(0, 30) : r.int(0, 6)],
      ] as const;
      await atTime(evening(day), async () => {
        const withPhotos = n % 4 === 0;
        const beforePhotoIds = withPhotos ? [await photo(by, { r: 120, g: 110, b: 90 }, '整治前.jpg')] : undefined;
        const afterPhotoIds = withPhotos ? [await photo(by, { r: 70, g: 140, b: 90 }, '整治后.jpg')] : undefined;
        await campaignService.saveDay(q, by, c.id, day, {
          counts: counts.map(([code, value]) => ({ kindId: tally.get(code)!, value })).filter((x) => x.kindId),
          note: n === 0 ? '召开动员会后分片区开展整治' : null,
          beforePhotoIds,
          afterPhotoIds,
        });
      });
    }
    if (o.close)
      await atTime(evening(o.end), async () => {
        const v = (await campaignService.get(q, office, c.id)).version;
        await campaignService.close(q, office, c.id, v, `${o.theme}圆满完成，累计登记 ${n} 天。`);
      });
  };
  const codes = communities.map((c) => c.code);
  await campaign({
    kind: 'sanitation',
    theme: '春季城乡环境卫生集中整治',
    start: addDays(today, -100),
    end: addDays(today, -90),
    areas: codes.slice(0, 6),
    cats: [...cat('暴露垃圾'), ...cat('乱堆物堆料'), ...cat('非法小广告')],
    close: true,
  });
  await campaign({
    kind: 'sanitation',
    theme: '背街小巷环境卫生百日攻坚',
    start: addDays(today, -40),
    end: addDays(today, -26),
    areas: codes,
    cats: [],
    close: true,
  });
  await campaign({
    kind: 'traffic',
    theme: '主街沿线机动车乱停放整治',
    start: addDays(today, -6),
    end: addDays(today, 8),
    areas: codes.slice(0, 2),
    placeIds: places
      .filter((p) => !codes.slice(0, 2).some((c) => p.region_code.startsWith(c)))
      .slice(0, 2)
      .map((p) => p.id),
    cats: cat('机动车乱停放'),
    close: false,
  });

  // ---- the survey ----
  const needKinds = new Map((await listKinds(q, 'need')).map((x) => [x.code, x.id]));
  const dept = {
    urban: unit('城市管理局'),
    culture: unit('文体旅游局'),
    traffic: unit('交警'),
    heritage: unit('名城管委会'),
    power: unit('供电公司'),
  };
  const NEEDS: { kind: string; text: string; qty: number; size?: string; units: (keyof typeof dept)[]; to: string[]; reason?: string }[] = [
    { kind: 'fitness', text: '小区内无全民健身器材', qty: 1, size: '约150平方米', units: ['culture'], to: [] },
    { kind: 'parking_lines', text: '主街两侧需施划停车泊位线', qty: 60, size: '约400米', units: ['traffic', 'urban'], to: ['contact'] },
    { kind: 'road_damage', text: '巷道路面破损坑洼', qty: 3, size: '约80平方米', units: ['urban'], to: ['contact', 'approve'] },
    { kind: 'overhead_wires', text: '沿街三线交越搭挂凌乱', qty: 12, units: ['power', 'urban'], to: ['contact', 'approve', 'start'] },
    { kind: 'cigarette_bins', text: '广场周边需配置烟头垃圾桶', qty: 8, units: ['urban'], to: ['contact', 'approve', 'start', 'finish'] },
    {
      kind: 'bare_house',
      text: '临街裸房外立面未装饰',
      qty: 4,
      units: ['heritage'],
      to: ['contact', 'defer'],
      reason: '涉及历史风貌区，待名城管委会统一设计方案',
    },
    { kind: 'sorting_point', text: '小区无垃圾分类收集点', qty: 2, units: ['urban'], to: [] },
    { kind: 'fitness', text: '社区公园健身器材老化缺失', qty: 6, units: ['culture'], to: ['contact', 'approve'] },
    {
      kind: 'parking_lines',
      text: '农贸市场周边非机动车停放区需划线',
      qty: 1,
      size: '约120米',
      units: ['traffic'],
      to: ['contact', 'approve', 'start', 'finish'],
    },
    { kind: 'overhead_wires', text: '老城区巷道弱电线缆乱拉乱挂', qty: 20, units: ['power'], to: [] },
  ];
  const needIds: number[] = [];
  for (const [i, n] of NEEDS.entries()) {
    const place = places[(i * 7) % Math.max(1, places.length)];
    const by = i % 2 === 0 || !cadre ? office : cadre;
    const found = addDays(today, -80 + i * 3);
    const unitIds = n.units.map((u) => dept[u]).filter((x): x is number => !!x);
    if (!place || !needKinds.get(n.kind) || !unitIds.length) continue;
    const need = await atTime(evening(found), async () => {
      try {
        return await surveyService.create(q, by, {
          placeId: place.id,
          kindId: needKinds.get(n.kind)!,
          description: `${place.name}${n.text}`,
          quantity: n.qty,
          size: n.size ?? null,
          foundBy: by.name,
          foundOn: found,
          unitIds,
          photoIds: i % 3 === 0 ? [await photo(by, { r: 150, g: 150, b: 140 }, '摸排现场.jpg')] : undefined,
        });
      } catch {
        // the cadre's community may not hold that place: the office records it
        return surveyService.create(q, office, {
          placeId: place.id,
          kindId: needKinds.get(n.kind)!,
          description: `${place.name}${n.text}`,
          quantity: n.qty,
          size: n.size ?? null,
          foundBy: office.name,
          foundOn: found,
          unitIds,
        });
      }
    });
    needIds.push(need.id);
    let day = found;
    for (const m of n.to) {
      day = addDays(day, 4);
      await atTime(evening(day), async () => {
        const v = (await surveyService.get(q, office, need.id)).version;
        await surveyService.move(q, office, need.id, {
          version: v,
          move: m as 'contact',
          note: m === 'contact' ? '已与部门电话对接' : null,
          reason: n.reason ?? null,
        });
      });
    }
  }
  // 城管局's liaison answers a pending need listing their unit.
  if (liaison) {
    const page = await surveyService.department(q, liaison).catch(() => null);
    const pending = page?.items.find((x) => x.state === 'pending');
    if (pending)
      await atTime(evening(addDays(today, -10)), () => surveyService.answer(q, liaison, pending.id, { answer: '已安排专人现场查看，下周报送实施方案' }));
  }

  // ---- the fund ----
  let entries = 0;
  const voucher = async () => ({ voucherPhotoIds: [await photo(office, { r: 235, g: 235, b: 225 }, '凭证.jpg')] });
  const entry = async (day: string, x: Omit<Parameters<typeof fundService.record>[2], 'regionCode' | 'onDate'>) => {
    entries++;
    return atTime(evening(day), async () => fundService.record(q, office, { regionCode: townCode, onDate: day, ...x, ...(await voucher()) }));
  };
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const start = addDays(today, -150) < yearStart ? addDays(today, -150) : yearStart;
  await entry(start, { direction: 'income', source: 'county_allocation', amountFen: 200_000_000, note: '县创城办拨付年度创城工作经费' });
  const project = async (day: string, x: Omit<Parameters<typeof projectService.create>[2], 'regionCode'>) =>
    atTime(evening(day), () => projectService.create(q, office, { regionCode: townCode, ...x }));
  const facade = await project(addDays(start, 5), {
    kind: '立面改造',
    name: '兆征路沿街立面改造',
    budgetFen: 80_000_000,
    unitId: dept.heritage ?? dept.urban ?? units[0].id,
    description: '兆征路两侧 32 栋临街建筑立面整治',
    state: 'in_progress',
    milestones: [
      { name: '设计方案评审', progress: 100, doneOn: addDays(start, 30) },
      { name: '一期施工', progress: 100, doneOn: addDays(start, 90) },
      { name: '二期施工', progress: 45, dueDate: addDays(today, 40) },
    ],
    needIds: needIds.slice(5, 6),
  });
  const wires = await project(addDays(start, 10), {
    kind: '三线整治',
    name: '老城区三线下地整治',
    budgetFen: 50_000_000,
    unitId: dept.power ?? units[0].id,
    state: 'in_progress',
    milestones: [
      { name: '线路普查', progress: 100, doneOn: addDays(start, 40) },
      { name: '入地改造', progress: 30, dueDate: addDays(today, 60) },
    ],
    needIds: needIds.filter((_, i) => NEEDS[i]?.kind === 'overhead_wires'),
  });
  const fitness = await project(addDays(start, 20), {
    kind: '健身器材安装',
    name: '社区健身路径建设',
    budgetFen: 12_000_000,
    unitId: dept.culture ?? units[0].id,
    state: 'done',
    milestones: [{ name: '器材采购安装', progress: 100, doneOn: addDays(start, 70) }],
    needIds: needIds.filter((_, i) => NEEDS[i]?.kind === 'fitness'),
  });
  const cobuild = units.find((u) => u.name.includes('银行') || u.name.includes('公司'));
  await entry(addDays(start, 25), {
    direction: 'income',
    source: 'co_building',
    amountFen: 5_000_000,
    note: '共建单位捐资用于健身路径建设',
    projectId: fitness.id,
    unitId: cobuild?.id ?? null,
  });
  await entry(addDays(start, 35), { direction: 'income', source: 'project_bid', amountFen: 30_000_000, note: '争取省级老旧小区改造补助资金' });
  await entry(addDays(start, 40), { direction: 'spend', amountFen: 24_000_000, projectId: facade.id, note: '立面改造一期进度款' });
  await entry(addDays(start, 60), { direction: 'spend', amountFen: 12_500_000, projectId: wires.id, note: '三线整治材料款' });
  const wrong = await entry(addDays(start, 70), { direction: 'spend', amountFen: 1_250_000, projectId: fitness.id, note: '健身器材尾款' });
  await atTime(evening(addDays(start, 72)), async () =>
    fundService.reverse(q, office, wrong.id, { reason: '金额录入错误（应为 12,500.00 元）', onDate: addDays(start, 72), ...(await voucher()) }),
  );
  await entry(addDays(start, 72), { direction: 'spend', amountFen: 11_000_000, projectId: fitness.id, note: '健身器材采购安装款' });
  await entry(addDays(start, 80), {
    direction: 'spend',
    amountFen: 1_500_000,
    projectId: fitness.id,
    note: '健身器材增补（超出预算，经领导同意）',
    confirmOverspend: true,
  });
  await entry(addDays(today, -20), { direction: 'spend', amountFen: 30_000_000, projectId: facade.id, note: '立面改造二期进度款' });
  return { campaigns, needs: needIds.length, entries };
}
