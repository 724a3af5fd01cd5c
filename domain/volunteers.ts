// Rules of volunteers and their service (issue 17), shared by server and web.
// 民政部令第67号《志愿服务记录与证明出具办法（试行）》: whoever organises the service
// records it and certifies it; a record holds the person, the service (what,
// when, hours); the national system consolidates them. The server decides.

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

export const POLITICAL_STATUSES = ['cpc_member', 'cpc_probationary', 'cyl_member', 'democratic_party', 'masses'] as const;
export type PoliticalStatus = (typeof POLITICAL_STATUSES)[number];
export const POLITICAL_STATUS_LABELS: Record<PoliticalStatus, string> = {
  cpc_member: '中共党员',
  cpc_probationary: '中共预备党员',
  cyl_member: '共青团员',
  democratic_party: '民主党派',
  masses: '群众',
};

export const MEMBER_ROLES = ['member', 'leader'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const MEMBER_ROLE_LABELS: Record<MemberRole, string> = { member: '队员', leader: '队长' };

/**
 * A service record's status: confirmed (recorded by the organiser, imported,
 * or a check-out the organiser confirmed), pending (a check-out awaiting the
 * organiser), rejected (a check-out the organiser refused, with the reason).
 * A confirmed record that a correction replaced keeps its status and hours
 * and names the correction (superseded_by): totals skip it.
 */
export const SERVICE_STATUSES = ['confirmed', 'pending', 'rejected'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];
export const SERVICE_STATUS_LABELS: Record<ServiceStatus, string> = { confirmed: '已确认', pending: '待确认', rejected: '未采纳' };

export const SERVICE_SOURCES = ['organiser', 'checkin', 'import', 'correction'] as const;
export type ServiceSource = (typeof SERVICE_SOURCES)[number];
export const SERVICE_SOURCE_LABELS: Record<ServiceSource, string> = { organiser: '组织方登记', checkin: '签到签退', import: '导入', correction: '更正' };

/** One record covers at most a day of service. */
export const MAX_SERVICE_MINUTES = 24 * 60;

/** Hours as the certificate and the national upload print them: minutes / 60, two decimals at most (1.5, 2.25). */
export function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}

/** Minutes of `hours` (0.25 h steps are what organisers record). */
export function minutesOf(hours: number): number {
  return Math.round(hours * 60);
}

// ---- the ID number (证件号码) ----

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** What is wrong with an 18-digit resident ID number (GB 11643: region, birth date, check digit), or null. */
export function idNumberProblem(v: string): string | null {
  if (!/^\d{17}[\dX]$/.test(v)) return '证件号码应为 18 位居民身份证号（末位可为 X）';
  const y = Number(v.slice(6, 10)),
    m = Number(v.slice(10, 12)),
    d = Number(v.slice(12, 14));
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return '证件号码中的出生日期无效';
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(v[i]), 0);
  if (ID_CHECK[sum % 11] !== v[17]) return '证件号码校验位不正确，请核对';
  return null;
}

/** 3508**********123X: what everyone sees of an ID number (first 4 and last 4). */
export function maskIdNumber(v: string): string {
  return v.length <= 8 ? '*'.repeat(v.length) : `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}`;
}

// ---- check-in at an activity ----

/** Check-in codes are 6 digits. */
export const CHECKIN_CODE_RE = /^\d{6}$/;

/**
 * When the code works, around the time the organiser says the activity runs
 * (starts_at … ends_at on its day): check-in from `earlyMinutes` before the
 * start until the end; check-out from the start until `lateCheckoutMinutes`
 * after the end. Wrong codes are counted per person and per activity within
 * `windowMinutes`; over either limit the answer is 429 whatever the code.
 */
export const CHECKIN = {
  earlyMinutes: 30,
  lateCheckoutMinutes: 60,
  windowMinutes: 10,
  wrongPerPerson: 5,
  wrongPerActivity: 50,
  /** Longest time an organiser may open a code for. */
  maxRunHours: 12,
} as const;

export type CheckinWindow = 'early' | 'open' | 'late';

/** Where `at` falls for a check-in (direction in) or a check-out (out). */
export function checkinWindow(dir: 'in' | 'out', at: Date, startsAt: Date, endsAt: Date): CheckinWindow {
  const t = at.getTime();
  const from = dir === 'in' ? startsAt.getTime() - CHECKIN.earlyMinutes * 60_000 : startsAt.getTime();
  const to = dir === 'in' ? endsAt.getTime() : endsAt.getTime() + CHECKIN.lateCheckoutMinutes * 60_000;
  return t < from ? 'early' : t > to ? 'late' : 'open';
}

/** Minutes served between check-in and check-out, counted within the activity's time (at least 1). */
export function servedMinutes(checkin: Date, checkout: Date, startsAt: Date, endsAt: Date): number {
  const from = Math.max(checkin.getTime(), startsAt.getTime());
  const to = Math.min(checkout.getTime(), endsAt.getTime());
  return Math.min(MAX_SERVICE_MINUTES, Math.max(1, Math.round((to - from) / 60_000)));
}

/** The QR's content: the phone page's check-in URL with the activity and the code. */
export const checkinUrl = (activityId: number, code: string) => `/m/volunteer/checkin?activity=${activityId}&code=${code}`;

// ---- residents' service orders (点单 → 派单 → 接单 → 评单) ----

export const ORDER_KINDS = ['政策宣讲', '文明劝导', '环境整治', '关爱帮扶', '文体服务', '医疗健康', '法律咨询', '其他'] as const;

export const ORDER_STATES = ['received', 'dispatched', 'accepted', 'rated'] as const;
export type OrderState = (typeof ORDER_STATES)[number];
export const ORDER_STATE_LABELS: Record<OrderState, string> = { received: '待派单', dispatched: '待接单', accepted: '已接单', rated: '已评单' };
/** Orders nobody has answered yet (listed with their age, and in the station's inbox). */
export const UNANSWERED_STATES: readonly OrderState[] = ['received', 'dispatched'];

export type OrderAction = 'dispatch' | 'return' | 'accept' | 'rate';
/** The order's one transition table. */
export const ORDER_MOVES: { action: OrderAction; from: OrderState; to: OrderState }[] = [
  { action: 'dispatch', from: 'received', to: 'dispatched' },
  { action: 'return', from: 'dispatched', to: 'received' },
  { action: 'accept', from: 'dispatched', to: 'accepted' },
  { action: 'rate', from: 'accepted', to: 'rated' },
];
export const orderMove = (from: string, action: OrderAction) => ORDER_MOVES.find((m) => m.from === from && m.action === action) ?? null;

/** Tracking codes: FW + 8 characters without 0/O/1/I (read over the phone). */
export const ORDER_CODE_RE = /^FW[2-9A-HJ-NP-Z]{8}$/;
const CODE_CHARS = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export function orderCode(random: (n: number) => number[]): string {
  return `FW${random(8)
    .map((b) => CODE_CHARS[b % CODE_CHARS.length])
    .join('')}`;
}

/** Whole days between an order's creation day and `today` (both China dates). */
export function orderAgeDays(createdDay: string, today: string): number {
  return Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${createdDay}T00:00:00Z`)) / 86_400_000));
}
