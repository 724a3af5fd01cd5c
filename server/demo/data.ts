// What the demo town is made of: unit names, streets, compounds and point
// names. 汀州镇 (长汀县 county seat) gets real old-street names; any other
// town gets plausible generated ones, so `demo load --town` works anywhere.
import type { PointType } from '../../domain/regions.ts';

/** Centre of 汀州镇 (WGS84), around 三元阁 / 店头街. */
export const TINGZHOU_CENTRE = { lat: 25.842, lng: 116.357 };

/** Deterministic PRNG (mulberry32): the same town gives the same demo. */
export function prng(seedText: string) {
  let a = 0;
  for (const ch of seedText) a = (Math.imul(a, 31) + ch.charCodeAt(0)) | 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    shuffle<T>(xs: readonly T[]): T[] {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
}
export type Prng = ReturnType<typeof prng>;

/** 水东街社区 → 水东: the stem used in market, square and school names. */
export function stemOf(short: string): string {
  const s = short.replace(/(社区|村)$/, '');
  return s.length > 2 ? s.replace(/街$/, '') : s;
}

export function committeeName(short: string) {
  return short.endsWith('村') ? `${short}村委会` : `${short}居委会`;
}

/** 长汀县 → 长汀 (for 中国农业银行长汀支行). */
export function countyStem(county: string) {
  return county.length > 2 ? county.replace(/(县|区|市)$/, '') : county;
}

export function departmentNames(county: string) {
  return {
    'dept.urban': `${county}城市管理局`,
    'dept.culture': `${county}文体旅游局`,
    'dept.traffic': `${county}公安局交警大队`,
    'dept.heritage': `${county}历史文化名城管委会`,
    'dept.power': `国网${county}供电公司`,
  } as const;
}

/** 挂钩共建单位 (县直机关 and a bank); each is paired with 2-3 communities. */
export function coBuildingNames(county: string) {
  return [`${county}财政局`, `${county}住房和城乡建设局`, `${county}教育局`, `中国农业银行${countyStem(county)}支行`, `${county}卫生健康局`];
}

interface CommunityPlaces {
  streets: string[];
  compounds: string[];
  points?: Partial<Record<PointType, string>>;
}

// 汀州镇: the old town's real streets (店头街, 水东街, 五通街, 兆征路, 南大街 …);
// the alleys and compounds are plausible, not surveyed.
const TINGZHOU: Record<string, CommunityPlaces> = {
  '350821100010': {
    streets: ['店头街', '水东街', '五通街', '丽春巷', '半片街', '太平巷'],
    compounds: ['水东花园', '汀江明珠小区', '五通里小区'],
    points: { market: '水东农贸市场' },
  },
  '350821100020': {
    streets: ['东大街', '东后街', '横岗岭', '三元阁巷', '司前街', '东门巷'],
    compounds: ['东门小区', '三元阁公寓'],
    points: { square: '三元阁广场' },
  },
  '350821100021': { streets: ['腾飞大道', '腾飞一路', '汀江大道', '腾飞巷'], compounds: ['腾飞小区', '汀州名苑', '阳光城小区'] },
  '350821100030': {
    streets: ['西大街', '府背街', '西门巷', '营盘巷', '北大街'],
    compounds: ['西门小区', '府背小区'],
    points: { hospital: '长汀县医院', school: '长汀县第一中学及周边' },
  },
  '350821100031': { streets: ['卧龙路', '北山路', '卧龙山巷', '苍玉洞巷', '卧龙后巷'], compounds: ['卧龙山庄', '北山小区'], points: { park: '卧龙山公园' } },
  '350821100040': { streets: ['南大街', '水南路', '南门巷', '济川门巷', '南寨巷'], compounds: ['南门花园', '水南小区'] },
  '350821100050': {
    streets: ['营背街', '兆征路', '县前街', '营背巷', '和平巷'],
    compounds: ['营背小区', '兆征花园', '县前小区'],
    points: { school: '长汀县实验小学及周边' },
  },
  '350821100051': { streets: ['梅林路', '环城路', '梅林巷', '梅林一巷', '果园巷'], compounds: ['梅林花园', '梅林新村'] },
  '350821100060': {
    streets: ['中心坝路', '红旗路', '汀江路', '中心坝巷', '中坝巷'],
    compounds: ['中心坝小区', '汀江花园', '红旗小区'],
    points: { park: '汀江公园', market: '中心坝农贸市场' },
  },
  '350821100061': { streets: ['城东路', '东环路', '沿河路', '东郊巷', '城东一巷'], compounds: ['城东花园', '东郊小区'] },
  '350821100070': { streets: ['和谐路', '建设路', '民主路', '和谐巷', '新街巷'], compounds: ['和谐家园', '建设小区'] },
  '350821100080': { streets: ['新民路', '解放路', '新民巷', '民生巷', '新民二巷'], compounds: ['新民小区', '民生花园'] },
  '350821100401': { streets: ['工业大道', '开发区一路', '开发区二路', '科创路'], compounds: ['开发区职工公寓'] },
};

function generic(stem: string): CommunityPlaces {
  return {
    streets: [`${stem}路`, `${stem}街`, `${stem}一巷`, `${stem}二巷`, `${stem}三巷`, `${stem}新村巷`],
    compounds: [`${stem}小区`, `${stem}花园`, `${stem}新村`],
  };
}

/** Streets (3-6), compounds (1-3) and point names of one community. */
export function communityPlaces(code: string, short: string, r: Prng) {
  const stem = stemOf(short);
  const known = TINGZHOU[code] ?? generic(stem);
  const streets = known.streets.slice(0, Math.min(known.streets.length, r.int(3, 6)));
  const compounds = known.compounds.slice(0, Math.min(known.compounds.length, r.int(1, 3)));
  const alley = known.streets.find((s) => s.endsWith('巷')) ?? known.streets[known.streets.length - 1];
  const names: Record<PointType, string> = {
    back_street: alley,
    market: `${stem}农贸市场`,
    compound: known.compounds[0],
    community: `${short}党群服务中心`,
    square: `${stem}广场`,
    main_road: known.streets[0],
    bus_stop: `${known.streets[0]}公交站台`,
    school: `${stem}小学及周边`,
    hospital: `${stem}社区卫生服务站`,
    park: `${stem}公园`,
    public_toilet: `${known.streets[1]}公厕`,
    construction_hoarding: `${stem}片区改造项目围挡`,
    practice_station: `${short}新时代文明实践站`,
    ...known.points,
  };
  // Every community shows a back street and its practice station; the rest varies.
  const others = r.shuffle([
    'market',
    'compound',
    'square',
    'main_road',
    'bus_stop',
    'school',
    'hospital',
    'park',
    'public_toilet',
    'construction_hoarding',
    'community',
  ] as PointType[]);
  const fixed: PointType[] = ['back_street', 'practice_station'];
  const preferred = (Object.keys(known.points ?? {}) as PointType[]).filter((t) => !fixed.includes(t));
  const rest = [...preferred, ...others.filter((t) => !preferred.includes(t))];
  const types = [...fixed, ...rest].slice(0, r.int(3, 6));
  return { streets, compounds, points: types.map((t) => ({ pointType: t, name: names[t] })) };
}

/** A point `metres` (at most) from `c`, in a random direction. */
export function scatter(c: { lat: number; lng: number }, metres: number, r: Prng) {
  const d = Math.sqrt(r.next()) * metres;
  const a = r.next() * 2 * Math.PI;
  const lat = c.lat + (d * Math.cos(a)) / 111_320;
  const lng = c.lng + (d * Math.sin(a)) / (111_320 * Math.cos((c.lat * Math.PI) / 180));
  return { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 };
}
