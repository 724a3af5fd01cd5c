// The seeded category tree: 数字城管 events (事件) and components (部件)
// after CJ/T 214-2007 / GB/T 30428.2, plus the 创城 items the town's summary
// names. Where the standard has no subclass for a 创城 item (三线交越搭挂,
// 裸房, 无全民健身设施 ...), it gets a local code in the 90-99 range under
// the 大类 it belongs to, so standard codes never collide with local ones.
// Codes are data: an admin may add, rename or deactivate; the seed only
// inserts what is missing by (kind, code).
import type { Tier } from '../../../domain/problems/vocab.ts';

export type CategoryKind = 'event' | 'component';
export type DefaultRoute = 'community' | 'unit';

export interface SeedSub {
  code: string;
  name: string;
  /** What a resident reads in 随手拍; null when the name already says it. */
  plainName: string | null;
  defaultTier: Tier;
  /** Working days for tier community. */
  deadlineDays: number;
  /** Working days for tier centralized. */
  centralizedDeadlineDays: number;
  /** Calendar days from closing to 回头看. */
  reinspectDays: number;
  defaultRoute: DefaultRoute;
  /** A substring of the responsible department's name, for defaultRoute 'unit'. */
  defaultUnitName: string | null;
}

export interface SeedMajor {
  kind: CategoryKind;
  code: string;
  name: string;
  children: SeedSub[];
}

// Responsible departments, matched as substrings of unit names
// (长汀县城市管理局, 长汀县公安局交通警察大队, 国网长汀县供电公司 ...).
const CG = '城市管理局';
const JJ = '交警';
const GD = '供电';
const WT = '文体旅游局';
const MC = '名城管委会';

interface Opts {
  tier?: Tier;
  days?: number;
  cdays?: number;
  re?: number;
  unit?: string;
}

/** A subclass: [code, name, plainName, options]. Defaults: community tier, 3 / 20 working days, 回头看 after 7 days, routed to the community. */
function s(code: string, name: string, plainName: string | null, o: Opts = {}): SeedSub {
  const tier = o.tier ?? 'community';
  return {
    code,
    name,
    plainName,
    defaultTier: tier,
    deadlineDays: o.days ?? (tier === 'on_spot' ? 1 : 3),
    centralizedDeadlineDays: o.cdays ?? (tier === 'centralized' ? 60 : 20),
    reinspectDays: o.re ?? (tier === 'on_spot' ? 3 : tier === 'centralized' ? 30 : 7),
    defaultRoute: o.unit ? 'unit' : 'community',
    defaultUnitName: o.unit ?? null,
  };
}

const ON_SPOT = { tier: 'on_spot' as const };
const HARD = { tier: 'centralized' as const };

export const SEED_CATEGORIES: SeedMajor[] = [
  // ── 事件 ──────────────────────────────────────────────
  {
    kind: 'event',
    code: '01',
    name: '市容环境',
    children: [
      s('0101', '私搭乱建', '乱搭乱建', { days: 10, unit: CG }),
      s('0102', '暴露垃圾', '路面垃圾', ON_SPOT),
      s('0103', '积存垃圾渣土', '垃圾渣土堆积', { days: 2 }),
      s('0104', '道路不洁', '道路不干净', ON_SPOT),
      s('0105', '水域不洁', '河道水面有垃圾', { days: 3 }),
      s('0106', '绿地脏乱', '绿地里有垃圾', ON_SPOT),
      s('0107', '废弃家具设备', '废旧家具乱放', { days: 2 }),
      s('0108', '废弃车辆', '僵尸车', { days: 5, unit: JJ }),
      s('0109', '焚烧垃圾树叶', '焚烧垃圾', ON_SPOT),
      s('0110', '油烟污染', '餐饮油烟扰民', { days: 5 }),
      s('0111', '噪声扰民', null, { days: 3 }),
      s('0112', '违规饲养家禽家畜', '乱养家禽', { days: 3 }),
      s('0113', '乱泼乱倒污水', '乱倒污水', ON_SPOT),
      s('0190', '卫生死角', '卫生死角（长期无人清理）', { days: 3 }),
    ],
  },
  {
    kind: 'event',
    code: '02',
    name: '宣传广告',
    children: [
      s('0201', '非法小广告', '牛皮癣小广告', ON_SPOT),
      s('0202', '违章张贴悬挂广告牌匾', '乱挂广告牌', { days: 5, unit: CG }),
      s('0203', '占道广告牌', '广告牌占道', { days: 3, unit: CG }),
      s('0204', '街头散发广告', '街头发传单', ON_SPOT),
      s('0205', '广告招牌破损', '招牌破损', { days: 5 }),
      s('0206', '乱拉横幅', '乱拉横幅标语', ON_SPOT),
    ],
  },
  {
    kind: 'event',
    code: '03',
    name: '施工管理',
    children: [
      s('0301', '施工扰民', null, { days: 3, unit: CG }),
      s('0302', '工地扬尘', null, { days: 2, unit: CG }),
      s('0303', '道路遗撒', '渣土撒漏', { days: 1, unit: CG }),
      s('0304', '施工废弃料', '建筑垃圾乱倒', { days: 2 }),
      s('0305', '施工占道', null, { days: 3, unit: CG }),
      s('0306', '无证掘路', '随意挖路', { days: 2, unit: CG }),
      s('0307', '建筑围挡破损', '工地围挡破损或不整洁', { days: 3 }),
    ],
  },
  {
    kind: 'event',
    code: '04',
    name: '突发事件',
    children: [
      s('0401', '路面塌陷', null, { days: 1, unit: CG }),
      s('0402', '自来水管破裂', '水管爆裂', { days: 1, unit: '供水' }),
      s('0403', '燃气管道破裂', '燃气泄漏', { days: 1, unit: '燃气' }),
      s('0404', '下水道堵塞或破损', '下水道堵了', { days: 2, unit: CG }),
      s('0405', '道路积水', '路面积水', { days: 1, unit: CG }),
      s('0406', '架空线缆脱落', '电线掉落', { days: 1, unit: GD }),
      s('0407', '树木倒伏', '树倒了', { days: 1 }),
    ],
  },
  {
    kind: 'event',
    code: '05',
    name: '街面秩序',
    children: [
      s('0501', '无照经营游商', '流动摊贩', { days: 1 }),
      s('0502', '流浪乞讨', null, { days: 1 }),
      s('0503', '占道废品收购', '占道收废品', { days: 2 }),
      s('0504', '店外经营 / 占道经营', '占道经营', { days: 1 }),
      s('0505', '机动车乱停放', '未规范停车', { days: 1, unit: JJ }),
      s('0506', '非机动车乱停放', '电动车自行车乱停', { days: 1 }),
      s('0507', '乱堆物堆料', '乱堆放', { days: 2 }),
      s('0508', '黑车拉客', null, { days: 3, unit: JJ }),
      s('0509', '乱拉绳挂物', '乱拉乱挂、乱晾晒', ON_SPOT),
      s('0510', '露天烧烤', null, { days: 1 }),
      s('0590', '不文明养犬', '遛狗不牵绳、不清理粪便', { days: 3 }),
    ],
  },
  // ── 部件 ──────────────────────────────────────────────
  {
    kind: 'component',
    code: '01',
    name: '公用设施',
    children: [
      s('0101', '上水井盖', '自来水井盖破损或缺失', { days: 2, unit: CG }),
      s('0102', '污水井盖', '污水井盖破损或缺失', { days: 2, unit: CG }),
      s('0103', '雨水井盖', '雨水井盖破损或缺失', { days: 2, unit: CG }),
      s('0104', '雨水箅子', '雨水箅子破损或堵塞', { days: 2, unit: CG }),
      s('0105', '电力井盖', '电力井盖破损或缺失', { days: 2, unit: GD }),
      s('0106', '通信井盖', '通信井盖破损或缺失', { days: 3 }),
      s('0107', '路灯', '路灯不亮或损坏', { days: 3, unit: CG }),
      s('0108', '架空线', '电线网线杂乱', { days: 10, unit: GD }),
      s('0109', '消防栓', '消防栓损坏', { days: 3 }),
      s('0110', '电线杆', '电线杆倾斜或损坏', { days: 5, unit: GD }),
      s('0111', '配电箱', '配电箱破损', { days: 3, unit: GD }),
      s('0190', '三线交越搭挂', '电线网线乱拉乱挂（三线）', { ...HARD, days: 10, unit: GD }),
    ],
  },
  {
    kind: 'component',
    code: '02',
    name: '道路交通',
    children: [
      s('0201', '停车场', '停车场设施损坏', { days: 5, unit: CG }),
      s('0202', '停车泊位', '停车位标线不清', { days: 5, unit: CG }),
      s('0203', '公交站亭', '公交站台破损或脏乱', { days: 5 }),
      s('0204', '交通标志牌', '交通标志牌损坏', { days: 5, unit: JJ }),
      s('0205', '交通信号灯', '红绿灯故障', { days: 1, unit: JJ }),
      s('0206', '道路护栏', '护栏损坏', { days: 5, unit: CG }),
      s('0207', '盲道', '盲道被占或损坏', { days: 5, unit: CG }),
      s('0208', '人行道', '人行道砖松动破损', { days: 5, unit: CG }),
      s('0290', '需划停车线', '需要划停车位', { days: 10, unit: JJ }),
      s('0291', '路面破损', '道路坑洼破损', { ...HARD, days: 10, unit: CG }),
    ],
  },
  {
    kind: 'component',
    code: '03',
    name: '市容环境',
    children: [
      s('0301', '公共厕所', '公厕脏乱或损坏', { days: 2 }),
      s('0302', '宣传栏/公益广告牌', '宣传栏破损', { days: 5 }),
      s('0303', '报刊亭', '报刊亭破损', { days: 5 }),
      s('0304', '垃圾箱', '垃圾桶破损或满溢', { days: 1 }),
      s('0305', '垃圾收集点', '垃圾收集点脏乱', { days: 1 }),
      s('0306', '灯箱霓虹灯', '灯箱破损', { days: 5 }),
      s('0390', '无垃圾分类收集点', '缺少垃圾分类投放点', { days: 15, cdays: 30, re: 14, unit: CG }),
      s('0391', '烟头垃圾桶缺失', '缺少烟头垃圾桶', { days: 10, re: 14 }),
      s('0392', '公益广告缺失或破损', '公益广告缺失或破损', { days: 5 }),
    ],
  },
  {
    kind: 'component',
    code: '04',
    name: '园林绿化',
    children: [
      s('0401', '古树名木', '古树受损', { days: 5 }),
      s('0402', '行道树', '行道树缺株或死亡', { days: 10, unit: CG }),
      s('0403', '护树设施', '树池护栏损坏', { days: 5 }),
      s('0404', '绿地', '绿地被毁或黄土裸露', { days: 10 }),
      s('0405', '花坛花架', '花坛损坏', { days: 5 }),
      s('0406', '城市雕塑', '雕塑小品破损', { days: 10 }),
    ],
  },
  {
    kind: 'component',
    code: '05',
    name: '房屋土地',
    children: [
      s('0501', '房屋', '房屋破损', { days: 10 }),
      s('0502', '待建地', '空地杂乱', { days: 10 }),
      s('0503', '危房', null, { ...HARD, days: 5 }),
      s('0590', '裸房', '房子外墙没装修（裸房）', { ...HARD, days: 20, cdays: 90, re: 60, unit: MC }),
      s('0591', '立面破旧', '外立面破旧', { ...HARD, days: 20, cdays: 90, re: 60, unit: MC }),
    ],
  },
  {
    kind: 'component',
    code: '06',
    name: '其他设施',
    children: [
      s('0601', '健身设施', '健身器材损坏', { days: 5, unit: WT }),
      s('0602', '公共座椅', '公共座椅损坏', { days: 5 }),
      s('0603', '便民张贴栏', '便民张贴栏破损或缺失', { days: 5 }),
      s('0604', '景观小品', '景观小品破损', { days: 10 }),
      s('0690', '无全民健身设施', '缺少健身设施', { ...HARD, days: 20, cdays: 90, re: 30, unit: WT }),
    ],
  },
];

/** (kind, code) keys of the seed, so deleting a seeded item deactivates it instead (the seed would re-insert it). */
export const SEED_KEYS: ReadonlySet<string> = new Set(SEED_CATEGORIES.flatMap((m) => [`${m.kind}:${m.code}`, ...m.children.map((c) => `${m.kind}:${c.code}`)]));
