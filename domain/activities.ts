// Activities at the 新时代文明实践所/站 (DOMAIN.md §6, seed 一(二)): who may
// organise them, their kinds, states and participants, the year's calendar
// of themes and festivals, and what the figures ⑮ ⑯ count. Pure; the SQL
// twins live in server/modules/activities/activities.repository.ts.
import { z } from 'zod';
import type { UnitKind } from './units.ts';

export const ACTIVITY_STATES = ['planned', 'held', 'cancelled'] as const;
export type ActivityState = (typeof ACTIVITY_STATES)[number];
export const ACTIVITY_STATE_LABELS: Record<ActivityState, string> = { planned: '计划中', held: '已开展', cancelled: '已取消' };

/** The moves: planned → held, planned → cancelled (with a reason). Held and cancelled are final. */
export const ACTIVITY_MOVES: Record<'hold' | 'cancel', { from: ActivityState; to: ActivityState; label: string }> = {
  hold: { from: 'planned', to: 'held', label: '登记开展' },
  cancel: { from: 'planned', to: 'cancelled', label: '取消活动' },
};

/** The seeded kinds (admins rename, add and retire kinds; a code never changes). 入户宣传 is a publicity register, not a kind. */
export const SEEDED_KINDS: { code: string; name: string }[] = [
  { code: 'talk', name: '主题宣讲' },
  { code: 'selection', name: '先进评选' },
  { code: 'volunteer_service', name: '志愿服务' },
  { code: 'tree_planting', name: '义务植树' },
  { code: 'civility_persuasion', name: '文明劝导' },
  { code: 'culture_sports', name: '文体活动' },
  { code: 'festival', name: '节日活动' },
];

/** Figure ⑯ (主题宣讲、先进评选、志愿服务等活动): held activities of these kinds. */
export const FEATURED_KIND_CODES = ['talk', 'selection', 'volunteer_service'] as const;

/** Units that organise activities: the practice institute and stations, community committees, and other units of the town. */
export const ORGANIZER_UNIT_KINDS: UnitKind[] = [
  'practice_institute',
  'practice_station',
  'community_committee',
  'co_building',
  'department',
  'party_org',
  'volunteer_team',
  'town_office',
];
/** Units linked to a place on the map (the new link): the practice institute and its stations. */
export const STATION_UNIT_KINDS: UnitKind[] = ['practice_institute', 'practice_station'];

/** Participants by kind (person-times). */
export const PARTICIPANT_KINDS = ['residents', 'volunteers', 'cadres', 'coBuildingStaff'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];
export const PARTICIPANT_LABELS: Record<ParticipantKind, string> = {
  residents: '群众',
  volunteers: '志愿者',
  cadres: '镇村干部',
  coBuildingStaff: '共建单位人员',
};
/** Largest count of one participant kind at one activity. */
export const MAX_PARTICIPANTS = 100_000;

/** A publicity article's address: http(s), a host, no credentials, at most 500 characters. Null when good, else why not. */
export function publicityUrlProblem(s: string): string | null {
  if (s.length > 500) return '链接最多 500 个字符';
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return '链接格式不正确，应以 http:// 或 https:// 开头，如 https://mp.weixin.qq.com/s/…';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return '链接须以 http:// 或 https:// 开头';
  if (!u.hostname || !/[a-z0-9]\.[a-z0-9]|^\[|^\d+\.\d+\.\d+\.\d+$/i.test(u.hostname)) return '链接缺少有效的网站域名';
  if (u.username || u.password) return '链接不能包含用户名或密码';
  if (/\s/.test(s)) return '链接不能包含空格';
  return null;
}

/** The publicity URL at the edge (a body field, an imported cell). */
export const publicityUrl = z
  .string('应为文本')
  .trim()
  .superRefine((s, ctx) => {
    const p = publicityUrlProblem(s);
    if (p) ctx.addIssue({ code: 'custom', message: p, input: s });
  });

// ---- the year's calendar of themes and festivals ----

/** The month's theme (每月主题) as seeded; a town's office plans to it. */
export const MONTH_THEMES: Record<number, string> = {
  1: '迎新春·送温暖',
  2: '我们的节日·春节',
  3: '学雷锋志愿服务月',
  4: '文明祭扫·绿色清明',
  5: '劳动最光荣',
  6: '践行绿色发展·保护生态环境',
  7: '永远跟党走',
  8: '拥军优属·军民共建',
  9: '尊师重教·情满中秋',
  10: '喜迎国庆·敬老爱老',
  11: '消防安全·平安家园',
  12: '宪法宣传·志愿服务',
};

/** Festivals on a fixed day (MM-DD). */
export const FIXED_FESTIVALS: { date: string; name: string }[] = [
  { date: '01-01', name: '元旦' },
  { date: '03-05', name: '学雷锋纪念日' },
  { date: '03-08', name: '妇女节' },
  { date: '03-12', name: '植树节' },
  { date: '05-01', name: '劳动节' },
  { date: '05-04', name: '青年节' },
  { date: '06-01', name: '儿童节' },
  { date: '07-01', name: '七一建党节' },
  { date: '08-01', name: '八一建军节' },
  { date: '09-10', name: '教师节' },
  { date: '10-01', name: '国庆节' },
  { date: '12-04', name: '国家宪法日' },
  { date: '12-05', name: '国际志愿者日' },
];

/** Festivals on a lunar day (MM-DD of the lunar year), and 清明 (a solar term). */
export const LUNAR_FESTIVALS: { lunar: string; name: string }[] = [
  { lunar: '01-01', name: '春节' },
  { lunar: '01-15', name: '元宵节' },
  { lunar: '05-05', name: '端午节' },
  { lunar: '08-15', name: '中秋节' },
  { lunar: '09-09', name: '重阳节' },
];
export const QINGMING = '清明节';

export interface CalendarEntry {
  month: number;
  kind: 'theme' | 'festival';
  name: string;
  onDate: string | null;
}

/**
 * A year's calendar: the twelve themes and the festivals, lunar ones placed
 * by `solarOf` (lunar MM-DD of the year → solar date, null when unknown) and
 * 清明 by `qingming` (the solar term's date).
 */
export function yearCalendar(year: number, solarOf: (lunar: string) => string | null, qingming: string | null): CalendarEntry[] {
  const out: CalendarEntry[] = [];
  for (let m = 1; m <= 12; m++) out.push({ month: m, kind: 'theme', name: MONTH_THEMES[m], onDate: null });
  for (const f of FIXED_FESTIVALS) out.push({ month: Number(f.date.slice(0, 2)), kind: 'festival', name: f.name, onDate: `${year}-${f.date}` });
  for (const f of LUNAR_FESTIVALS) {
    const d = solarOf(`${year}-${f.lunar}`);
    if (d?.startsWith(`${year}-`)) out.push({ month: Number(d.slice(5, 7)), kind: 'festival', name: f.name, onDate: d });
  }
  if (qingming) out.push({ month: Number(qingming.slice(5, 7)), kind: 'festival', name: QINGMING, onDate: qingming });
  return out.sort((a, b) => a.month - b.month || (a.kind === b.kind ? (a.onDate ?? '').localeCompare(b.onDate ?? '') : a.kind === 'theme' ? -1 : 1));
}

/** The first and last day of a month (YYYY-MM). */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
