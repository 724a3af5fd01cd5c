// Clean-up campaigns (集中整治专项行动, DOMAIN.md §6, seed 一(三)): their kinds,
// what a daily record counts (people mobilised in person-times and results,
// each kind with its one unit), states, and which figures ⑱-㉖ read which
// tally. Pure; the SQL lives in server/modules/campaigns/.

export const CAMPAIGN_STATES = ['running', 'closed'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];
export const CAMPAIGN_STATE_LABELS: Record<CampaignState, string> = { running: '进行中', closed: '已结束' };

/** The seeded campaign kinds; the first is the default of a new campaign. */
export const SEEDED_CAMPAIGN_KINDS: { code: string; name: string }[] = [
  { code: 'sanitation', name: '环境卫生集中整治' },
  { code: 'traffic', name: '交通秩序集中整治' },
  { code: 'market', name: '农贸市场集中整治' },
  { code: 'backstreet', name: '背街小巷集中整治' },
];
export const DEFAULT_CAMPAIGN_KIND = 'sanitation';

export const TALLY_MEASURES = ['staff', 'result'] as const;
export type TallyMeasure = (typeof TALLY_MEASURES)[number];
export const TALLY_MEASURE_LABELS: Record<TallyMeasure, string> = { staff: '投入人次', result: '整治成效' };

/**
 * The seeded tally kinds: people by kind (人次) and results by kind, each in
 * one unit (路面垃圾 in 车处: a truckload or a spot counts one, as the seed
 * counts). Admins rename, add and retire kinds; a code never changes.
 */
export const SEEDED_TALLY_KINDS: { measure: TallyMeasure; code: string; name: string; unit: string }[] = [
  { measure: 'staff', code: 'cadres', name: '镇居干部', unit: '人次' },
  { measure: 'staff', code: 'workers', name: '聘请工人', unit: '人次' },
  { measure: 'staff', code: 'urban_management', name: '城管局人员', unit: '人次' },
  { measure: 'staff', code: 'co_building', name: '共建单位人员', unit: '人次' },
  { measure: 'staff', code: 'volunteers', name: '志愿者', unit: '人次' },
  { measure: 'result', code: 'garbage', name: '清理路面垃圾', unit: '车处' },
  { measure: 'result', code: 'posters', name: '清理“牛皮癣”广告', unit: '处' },
  { measure: 'result', code: 'piles', name: '整治乱堆放', unit: '处' },
  { measure: 'result', code: 'parking', name: '整治未规范停车', unit: '处' },
  { measure: 'result', code: 'other', name: '其他', unit: '处' },
];

/** The figures of the seed these records hold: figure id → the tally kind code it sums (㉒ counts campaigns instead). */
export const TALLY_FIGURES = {
  'campaigns.cadres': 'cadres',
  'campaigns.workers': 'workers',
  'campaigns.urban_management': 'urban_management',
  'campaigns.co_building': 'co_building',
  'campaigns.garbage': 'garbage',
  'campaigns.posters': 'posters',
  'campaigns.piles': 'piles',
  'campaigns.parking': 'parking',
} as const;
/** Figure ㉒ counts campaigns of this kind that started in the period. */
export const SANITATION_FIGURE = 'campaigns.sanitation';

/** Largest count of one kind on one day (person-times or results). */
export const MAX_TALLY = 100_000;
/** Longest campaign, in days. */
export const MAX_CAMPAIGN_DAYS = 366;
/** Most areas (communities and places) of one campaign. */
export const MAX_AREAS = 200;

/** Days from `from` to `to`, inclusive (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Why a campaign's dates cannot be, or null: end before start, or longer than MAX_CAMPAIGN_DAYS. */
export function campaignDatesProblem(start: string, end: string): string | null {
  if (end < start) return '结束日期不能早于开始日期';
  if (daysBetween(start, end) > MAX_CAMPAIGN_DAYS) return `一次专项行动最长 ${MAX_CAMPAIGN_DAYS} 天`;
  return null;
}

/** A campaign's phase as seen on a day: not started yet, under way, past its end but not closed, or closed. */
export function campaignPhase(state: CampaignState, start: string, end: string, today: string): 'upcoming' | 'running' | 'ended' | 'closed' {
  if (state === 'closed') return 'closed';
  if (today < start) return 'upcoming';
  return today > end ? 'ended' : 'running';
}
export const PHASE_LABELS = { upcoming: '未开始', running: '进行中', ended: '待结束', closed: '已结束' } as const;
