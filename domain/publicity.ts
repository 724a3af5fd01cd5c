// Publicity (DOMAIN.md §6, seed 一(二)): the output registers and the
// publicity facilities on the map with their requirements per point type.
// Pure; the SQL twins live in server/modules/publicity/*.repository.ts.
//
// What the figures count (definitions in domain/figures.ts):
//   ⑦  publicity.articles      articles on the 公众号 channel published in the period
//   ⑩  publicity.featured      articles flagged 特色供稿 published in the period
//   ⑪  facilities.boards       facilities of a kind in group 'boards' installed in the period
//   ⑫  facilities.ads          facilities of a kind in group 'ads' installed in the period
//   ⑬  publicity.flyers        quantity of 宣传单 handed out in the period
//   ⑭  publicity.items         quantity of 宣传品 handed out in the period
//   ⑰  publicity.door_to_door  入户宣传 sessions held in the period
//       publicity.led          LED programmes starting in the period (the product's own)

export const CHANNELS = ['wechat', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = { wechat: '公众号', other: '其他渠道' };

export const HANDOUT_KINDS = ['flyer', 'item'] as const;
export type HandoutKind = (typeof HANDOUT_KINDS)[number];
export const HANDOUT_KIND_LABELS: Record<HandoutKind, string> = { flyer: '宣传单', item: '宣传品' };

export const CONDITIONS = ['good', 'damaged', 'outdated', 'removed'] as const;
export type Condition = (typeof CONDITIONS)[number];
export const CONDITION_LABELS: Record<Condition, string> = { good: '完好', damaged: '破损', outdated: '内容过期', removed: '已拆除' };
/** Conditions that still count towards a point's requirement (a damaged board is still there; a removed one is not). */
export const COUNTED_CONDITIONS: Condition[] = ['good', 'damaged', 'outdated'];

/** The figure group of a facility kind: 展板/宣传栏/便民张贴栏 (⑪), 公益广告/景观小品 (⑫), LED screens, others. */
export const FACILITY_GROUPS = ['boards', 'ads', 'led', 'other'] as const;
export type FacilityGroup = (typeof FACILITY_GROUPS)[number];
export const FACILITY_GROUP_LABELS: Record<FacilityGroup, string> = {
  boards: '展板、宣传栏、便民张贴栏',
  ads: '公益广告及景观小品',
  led: 'LED屏',
  other: '其他',
};

export interface SeedTerm {
  code: string;
  name: string;
  grp?: FacilityGroup;
}
/** Seeded facility kinds (the admin renames, adds and retires kinds; a code never changes). */
export const SEEDED_FACILITY_KINDS: SeedTerm[] = [
  { code: 'display_board', name: '展板', grp: 'boards' },
  { code: 'bulletin_board', name: '宣传栏', grp: 'boards' },
  { code: 'notice_board', name: '便民张贴栏', grp: 'boards' },
  { code: 'psa', name: '公益广告', grp: 'ads' },
  { code: 'landscape', name: '景观小品', grp: 'ads' },
  { code: 'led', name: 'LED屏', grp: 'led' },
];
/** Seeded content themes. */
export const SEEDED_THEMES: SeedTerm[] = [
  { code: 'core_values', name: '社会主义核心价值观' },
  { code: 'civic_pact', name: '市民文明公约' },
  { code: 'new_customs', name: '讲文明树新风' },
  { code: 'civilised_city', name: '创建文明城市' },
  { code: 'good_people', name: '中国好人榜' },
  { code: 'volunteering', name: '志愿服务' },
];

/** Seeded requirements (the seed's example: a market needs ≥ 2 core-values displays and ≥ 5 public-service ads). */
export const SEEDED_REQUIREMENTS: { pointType: string; items: { kind?: string; theme?: string; minCount: number }[] }[] = [
  {
    pointType: 'market',
    items: [
      { theme: 'core_values', minCount: 2 },
      { kind: 'psa', minCount: 5 },
    ],
  },
  {
    pointType: 'back_street',
    items: [
      { kind: 'psa', minCount: 2 },
      { theme: 'core_values', minCount: 1 },
    ],
  },
  {
    pointType: 'compound',
    items: [
      { kind: 'psa', minCount: 3 },
      { kind: 'bulletin_board', minCount: 1 },
    ],
  },
  { pointType: 'square', items: [{ theme: 'core_values', minCount: 2 }] },
  { pointType: 'practice_station', items: [{ kind: 'bulletin_board', minCount: 1 }] },
];

/** Largest count on one record (households, quantities). */
export const MAX_QUANTITY = 1_000_000;

/** How far outside the town's extent (its places and boundary) a facility may stand, in degrees (about 2 km). */
export const FACILITY_NEAR_DEGREES = 0.02;

export interface RequirementLine {
  kindId: number | null;
  themeId: number | null;
  minCount: number;
}
export interface FacilityBrief {
  kindId: number;
  themeId: number | null;
  condition: string;
}

/** Does a facility satisfy a line: its kind when the line names one, its theme when the line names one; removed ones never. */
export function matchesLine(f: FacilityBrief, l: RequirementLine): boolean {
  if (!COUNTED_CONDITIONS.includes(f.condition as Condition)) return false;
  if (l.kindId != null && f.kindId !== l.kindId) return false;
  if (l.themeId != null && f.themeId !== l.themeId) return false;
  return true;
}

/** A point's facilities against its requirement: each line with how many it has and how many it lacks. */
export function checkRequirement(facilities: FacilityBrief[], lines: RequirementLine[]) {
  const out = lines.map((l) => {
    const have = facilities.filter((f) => matchesLine(f, l)).length;
    return { ...l, have, short: Math.max(0, l.minCount - have) };
  });
  return { lines: out, met: out.every((l) => l.short === 0), short: out.reduce((s, l) => s + l.short, 0) };
}
