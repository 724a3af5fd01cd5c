// Region codes after GB/T 2260 and the statistical division codes: the code
// of a child always starts with the code of its parent, so "everything under
// X" is simply "code starts with X". Grids extend a community code by 3 digits.
export const REGION_LEVELS = ['province', 'city', 'county', 'town', 'community', 'grid'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  province: '省',
  city: '市',
  county: '县（市、区）',
  town: '镇（街道）',
  community: '社区（村）',
  grid: '单元网格',
};

/** 水东街社区居民委员会 → 水东街社区, 某某村民委员会 → 某某村: what people call a community (reports, lists, imports). */
export function shortCommunityName(name: string): string;
export function shortCommunityName(name: string | null | undefined): string | null;
export function shortCommunityName(name: string | null | undefined): string | null {
  return name == null
    ? null
    : name
        .replace(/居民委员会$/, '')
        .replace(/村民委员会$/, '村')
        .replace(/居委会$/, '');
}

const LEVEL_BY_LENGTH: Record<number, RegionLevel> = {
  2: 'province',
  4: 'city',
  6: 'county',
  9: 'town',
  12: 'community',
  15: 'grid',
};

export function regionLevelOf(code: string): RegionLevel | null {
  if (!/^\d+$/.test(code)) return null;
  return LEVEL_BY_LENGTH[code.length] ?? null;
}

export function parentCodeOf(code: string): string | null {
  switch (code.length) {
    case 15:
      return code.slice(0, 12);
    case 12:
      return code.slice(0, 9);
    case 9:
      return code.slice(0, 6);
    case 6:
      return code.slice(0, 4);
    case 4:
      return code.slice(0, 2);
    default:
      return null;
  }
}

export function isTownCode(code: string): boolean {
  return /^\d{9}$/.test(code);
}

/** True when `code` lies in the subtree rooted at `scope`. */
export function regionWithin(code: string, scope: string): boolean {
  return code.startsWith(scope);
}

/** Grid code: community code + 3-digit sequence. */
export function gridCode(communityCode: string, seq: number): string {
  return communityCode + String(seq).padStart(3, '0');
}

export const PLACE_KINDS = ['street', 'compound', 'point'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
export const PLACE_KIND_LABELS: Record<PlaceKind, string> = {
  street: '街巷',
  compound: '小区',
  point: '点位',
};

// Point types of the national field evaluation (DOMAIN.md §4).
export const POINT_TYPES = [
  'back_street',
  'market',
  'compound',
  'community',
  'square',
  'main_road',
  'bus_stop',
  'school',
  'hospital',
  'park',
  'public_toilet',
  'construction_hoarding',
  'practice_station',
] as const;
export type PointType = (typeof POINT_TYPES)[number];
export const POINT_TYPE_LABELS: Record<PointType, string> = {
  back_street: '背街小巷',
  market: '农贸（集贸）市场',
  compound: '小区',
  community: '社区',
  square: '公共广场',
  main_road: '主次干道',
  bus_stop: '公交站台',
  school: '中小学校及周边',
  hospital: '医院',
  park: '公园',
  public_toilet: '室外公共厕所',
  construction_hoarding: '建筑围挡',
  practice_station: '新时代文明实践站',
};
