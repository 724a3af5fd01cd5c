// Meetings, decisions, study trips and the weekly 例会 cadence (issue 16): the
// wire shapes of /api/meetings/*.
import { z } from 'zod';
import { attachments } from './files.ts';
import { day, instant, page, rowId, type Wire } from './common.ts';
import { ATTENDANCE, DECISION_VIEWS } from '../meetings.ts';

export const MEETINGS_PAGE_MAX = 200;

export const meetingKind = z.object({
  id: rowId,
  code: z.string().nullable().describe('预置类别的代码（数字按它统计）；管理员新增的类别为 null'),
  name: z.string(),
  sort: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
  figure: z.string().nullable().describe('计入的年度数字'),
});
export const meetingKinds = z.object({ items: z.array(meetingKind), can: z.object({ manage: z.boolean() }) });

export const meetingListItem = z.object({
  id: rowId,
  townCode: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  kindId: rowId,
  kindName: z.string(),
  title: z.string(),
  startsAt: instant,
  day,
  place: z.string().nullable(),
  chairName: z.string().nullable(),
  attendance: z.object({ present: z.number().int(), absent: z.number().int(), leave: z.number().int() }),
  decisions: z.object({ open: z.number().int(), overdue: z.number().int(), done: z.number().int() }),
  photos: z.number().int(),
  files: z.number().int(),
});
export const meetingPage = page(meetingListItem).extend({ can: z.object({ create: z.boolean(), import: z.boolean() }) });

export const attendee = z.object({ id: rowId, personId: rowId.nullable(), name: z.string(), org: z.string().nullable(), status: z.enum(ATTENDANCE) });

export const decision = z.object({
  id: rowId,
  meetingId: rowId,
  meetingTitle: z.string(),
  meetingDay: day,
  regionCode: z.string(),
  content: z.string(),
  owner: z.object({ kind: z.enum(['unit', 'person']), id: rowId, name: z.string().nullable() }),
  workingDays: z.number().int(),
  dueDate: day,
  place: z.object({ id: rowId, name: z.string().nullable() }).nullable(),
  state: z.enum(['open', 'done']),
  view: z.enum(DECISION_VIEWS).describe('办理中 / 已超期 / 已完成'),
  lateWorkingDays: z.number().int(),
  doneAt: instant.nullable(),
  problem: z.object({ id: rowId, code: z.string().nullable() }).nullable(),
  lastNote: z.string().nullable(),
  lastNoteAt: instant.nullable(),
  notes: z.number().int(),
  version: z.number().int(),
});
export const decisionDetail = decision.extend({
  progress: z.array(z.object({ id: rowId, at: instant, byName: z.string().nullable(), note: z.string() })),
  can: z.object({ edit: z.boolean(), progress: z.boolean(), toProblem: z.boolean() }),
});
export const decisionPage = page(decision);

export const meetingDetail = meetingListItem.omit({ photos: true, files: true }).extend({
  chairPersonId: rowId.nullable(),
  agenda: z.string().nullable(),
  minutes: z.string().nullable(),
  relayed: z.string().nullable(),
  version: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
  attendees: z.array(attendee),
  decisionList: z.array(decision),
  attachments,
  trips: z.array(z.object({ id: rowId, destination: z.string(), day })).describe('在此会上分享的学习考察'),
  can: z.object({ edit: z.boolean(), addDecision: z.boolean() }),
});

export const studyTrip = z.object({
  id: rowId,
  townCode: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  day,
  destination: z.string(),
  leaderPersonId: rowId.nullable(),
  leaderName: z.string(),
  headCount: z.number().int(),
  purpose: z.string().nullable(),
  learned: z.string().nullable(),
  sharedMeeting: z.object({ id: rowId, title: z.string().nullable() }).nullable(),
  version: z.number().int(),
});
export const studyTripDetail = studyTrip.extend({
  participants: z.array(z.object({ id: rowId, personId: rowId.nullable(), name: z.string() })),
  attachments,
  can: z.object({ edit: z.boolean() }),
});
export const studyTripPage = page(studyTrip).extend({ can: z.object({ create: z.boolean() }) });

export const missedWeek = z.object({ week: day.describe('周一'), end: day.describe('周日'), held: z.number().int(), required: z.number().int() });
export const cadenceTown = z.object({
  townCode: z.string(),
  townName: z.string().nullable(),
  perWeek: z.number().int().describe('每周应开例会次数；0 为不要求'),
  effectiveFrom: day.nullable(),
  version: z.number().int(),
  updatedAt: instant.nullable(),
  updatedByName: z.string().nullable(),
  missed: z.array(missedWeek).describe('所选年份中未按要求召开例会的周（已结束的周）'),
});
export const cadenceAnswer = z.object({ year: z.number().int(), towns: z.array(cadenceTown), can: z.object({ manage: z.boolean() }) });

export const importResult = z.object({ imported: z.number().int(), ids: z.array(rowId) });

export type MeetingKind = Wire<typeof meetingKind>;
export type MeetingListItem = Wire<typeof meetingListItem>;
export type MeetingPage = Wire<typeof meetingPage>;
export type MeetingDetail = Wire<typeof meetingDetail>;
export type Decision = Wire<typeof decision>;
export type DecisionDetail = Wire<typeof decisionDetail>;
export type StudyTrip = Wire<typeof studyTrip>;
export type StudyTripDetail = Wire<typeof studyTripDetail>;
export type CadenceAnswer = Wire<typeof cadenceAnswer>;
