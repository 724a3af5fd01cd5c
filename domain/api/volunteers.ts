// /api/volunteers (issue 17): volunteers (people of the directory with a
// profile and teams), service records and totals, the certificate, the
// national upload, sign-up and check-in on the phone, and residents' service
// orders (点单 → 派单 → 接单 → 评单).
import { z } from 'zod';
import { day, instant, page, rowId, type Wire } from './common.ts';
import { ORDER_STATES, SERVICE_SOURCES, SERVICE_STATUSES } from '../volunteers.ts';

const ref = z.object({ id: rowId, name: z.string() });

export const membership = z.object({
  id: rowId,
  name: z.string(),
  regionCode: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  joinedOn: day,
  leftOn: day.nullable(),
});

export const volunteerItem = z.object({
  personId: rowId,
  name: z.string(),
  phone: z.string().nullable().describe('手机号（管理者可见全号，其他人为 138****5678）'),
  regionCode: z.string(),
  active: z.boolean().describe('人员是否在用（停用的人保留服务记录）'),
  hasAccount: z.boolean().describe('是否已开通账号（有角色）'),
  gender: z.string().nullable(),
  genderLabel: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  politicalStatus: z.string().nullable(),
  politicalStatusLabel: z.string().nullable(),
  skills: z.array(z.string()),
  idNumber: z.string().nullable().describe('证件号码，始终脱敏显示（3508**********123X）'),
  teams: z.array(membership),
});
export const volunteerList = page(volunteerItem).extend({ can: z.object({ manage: z.boolean(), exportIds: z.boolean() }) });

export const serviceTotals = z.object({ records: z.number().int(), hours: z.number(), people: z.number().int() });

export const volunteerDetail = volunteerItem.extend({
  note: z.string().nullable(),
  version: z.number().int(),
  totals: serviceTotals.describe('全部已确认服务（被更正的按更正后计）'),
  can: z.object({ manage: z.boolean(), giveAccount: z.boolean() }),
});

export const teamItem = z.object({
  id: rowId,
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  level: z.enum(['town', 'community']),
  members: z.number().int().describe('今日在队人数'),
  leaders: z.array(z.string()),
});
export const teamList = z.object({ items: z.array(teamItem) });

export const serviceItem = z.object({
  id: rowId,
  person: ref,
  team: ref.nullable(),
  activity: z.object({ id: rowId, title: z.string(), organizerName: z.string() }),
  regionCode: z.string(),
  onDate: day,
  startedAt: instant.nullable(),
  endedAt: instant.nullable(),
  hours: z.number(),
  content: z.string().nullable(),
  status: z.enum(SERVICE_STATUSES),
  statusLabel: z.string(),
  source: z.enum(SERVICE_SOURCES),
  sourceLabel: z.string(),
  correctsId: rowId.nullable().describe('本条更正的记录'),
  supersededBy: rowId.nullable().describe('更正本条的记录（本条不再计入合计）'),
  reason: z.string().nullable(),
  recordedByName: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  confirmedAt: instant.nullable(),
  createdAt: instant,
  can: z.object({ confirm: z.boolean(), correct: z.boolean() }),
});
export const serviceList = page(serviceItem);
export const serviceImport = z.object({ created: z.number().int(), items: z.array(z.object({ id: rowId, row: z.number().int() })) });
export const serviceRecorded = z.object({ ids: z.array(rowId) });

const totalRow = z.object({ id: rowId.nullable(), name: z.string().nullable(), records: z.number().int(), hours: z.number(), people: z.number().int() });
export const serviceTotalsReport = z.object({
  from: day.nullable(),
  to: day.nullable(),
  total: serviceTotals,
  byTeam: z.array(totalRow),
  byPerson: z.array(totalRow),
});

/** The certificate's content (the printable page; the .docx carries the same). */
export const certificate = z.object({
  personId: rowId,
  name: z.string(),
  idNumber: z.string().nullable(),
  from: day.nullable(),
  to: day.nullable(),
  records: z.number().int(),
  hours: z.number(),
  organisers: z.array(z.string()),
  teams: z.array(z.string()),
  issuer: z.string(),
  issuedOn: day,
  rows: z.array(z.object({ onDate: day, activity: z.string(), organiser: z.string(), hours: z.number() })),
});

export const importResult = z.object({ created: z.number().int() });

// ---- account, check-in ----

export const accountGiven = z.object({ personId: rowId, login: z.string(), initialPassword: z.string().nullable() });

export const checkinCode = z.object({
  activityId: rowId,
  code: z.string(),
  startsAt: instant,
  endsAt: instant,
  url: z.string().describe('二维码内容：手机签到页的地址'),
});
export const rosterItem = z.object({
  personId: rowId,
  name: z.string(),
  phone: z.string().nullable(),
  signedAt: instant,
  checkinAt: instant.nullable(),
  checkoutAt: instant.nullable(),
  serviceId: rowId.nullable(),
  serviceStatus: z.string().nullable(),
  hours: z.number().nullable(),
});
export const activityRoster = z.object({ activity: ref, code: checkinCode.nullable(), items: z.array(rosterItem), can: z.object({ manage: z.boolean() }) });

export const myActivity = z.object({
  id: rowId,
  title: z.string(),
  onDate: day,
  organizerName: z.string(),
  placeName: z.string(),
  signedUp: z.boolean(),
  checkinAt: instant.nullable(),
  checkoutAt: instant.nullable(),
  startsAt: instant.nullable(),
  endsAt: instant.nullable(),
});
export const myVolunteer = z.object({
  personId: rowId,
  name: z.string(),
  teams: z.array(ref),
  leads: z.array(ref).describe('本人任队长的队伍：队长可查看本队队员、确认本队服务记录、接本队的派单'),
  totals: serviceTotals,
  upcoming: z.array(myActivity),
  recent: z.array(serviceItem.omit({ can: true })),
});

export const checkinResult = z.object({
  direction: z.enum(['in', 'out']),
  at: instant,
  replayed: z.boolean().describe('已签到（或已签退）过：这是同一次的重复提交，不另记一条'),
  serviceId: rowId.nullable().describe('签退生成的服务记录（待组织方确认）'),
  hours: z.number().nullable(),
  message: z.string(),
});

// ---- orders ----

export const orderItem = z.object({
  id: rowId,
  code: z.string(),
  station: ref,
  regionCode: z.string(),
  kind: z.string(),
  wishedOn: day,
  wishedTime: z.string().nullable(),
  place: z.string(),
  contactName: z.string(),
  contactPhone: z.string().describe('管理者可见全号，其他人脱敏'),
  details: z.string().nullable(),
  state: z.enum(ORDER_STATES),
  stateLabel: z.string(),
  team: ref.nullable(),
  activityId: rowId.nullable(),
  returnReason: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  createdAt: instant,
  ageDays: z.number().int().describe('点单至今的天数'),
  version: z.number().int(),
  can: z.object({ dispatch: z.boolean(), accept: z.boolean(), return: z.boolean() }),
});
export const orderList = page(orderItem);

export const publicOrderCreated = z.object({ code: z.string().describe('跟踪码：凭此查询进度和评价') });
export const publicOrder = z.object({
  code: z.string(),
  stationName: z.string(),
  kind: z.string(),
  wishedOn: day,
  state: z.enum(ORDER_STATES),
  stateLabel: z.string(),
  teamName: z.string().nullable(),
  activity: z.object({ title: z.string(), onDate: day, state: z.string() }).nullable(),
  rating: z.number().int().nullable(),
  createdAt: instant,
  canRate: z.boolean(),
});
export const publicStations = z.object({
  items: z.array(z.object({ id: rowId, name: z.string(), regionCode: z.string(), regionName: z.string().nullable() })),
  kinds: z.array(z.string()),
});

export type Membership = Wire<typeof membership>;
export type VolunteerItem = Wire<typeof volunteerItem>;
export type VolunteerList = Wire<typeof volunteerList>;
export type VolunteerDetail = Wire<typeof volunteerDetail>;
export type TeamItem = Wire<typeof teamItem>;
export type TeamList = Wire<typeof teamList>;
export type ServiceItem = Wire<typeof serviceItem>;
export type ServiceList = Wire<typeof serviceList>;
export type ServiceTotalsReport = Wire<typeof serviceTotalsReport>;
export type Certificate = Wire<typeof certificate>;
export type AccountGiven = Wire<typeof accountGiven>;
export type CheckinCode = Wire<typeof checkinCode>;
export type ActivityRoster = Wire<typeof activityRoster>;
export type ServiceImport = Wire<typeof serviceImport>;
export type MyVolunteer = Wire<typeof myVolunteer>;
export type CheckinResult = Wire<typeof checkinResult>;
export type OrderItem = Wire<typeof orderItem>;
export type OrderList = Wire<typeof orderList>;
export type PublicOrder = Wire<typeof publicOrder>;
export type PublicStations = Wire<typeof publicStations>;
