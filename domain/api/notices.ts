// Notices: issued (compose → submit → approve/reject → publish) and received
// (entered or imported from .xlsx), with their items' progress; the .docx
// documents are binary.
import { z } from 'zod';
import { NOTICE_ACTIONS, NOTICE_DIRECTIONS, NOTICE_KINDS, NOTICE_STATES } from '../notices/vocab.ts';
import { PROBLEM_STATES, SOURCES } from '../problems/vocab.ts';
import { day, instant, page, rowId, type Wire } from './common.ts';

export const noticeSummary = z.object({
  id: rowId,
  direction: z.enum(NOTICE_DIRECTIONS),
  kind: z.enum(NOTICE_KINDS),
  kindLabel: z.string(),
  townCode: z.string(),
  year: z.number().int(),
  seq: z.number().int().nullable(),
  issueLabel: z.string().nullable().describe('如 2026年第3期'),
  docNumber: z.string().nullable(),
  title: z.string(),
  issuer: z.string(),
  issueDate: day,
  dueDate: day.nullable(),
  intro: z.string().nullable(),
  state: z.enum(NOTICE_STATES),
  stateLabel: z.string(),
  rejectNote: z.string().nullable(),
  approvedAt: instant.nullable(),
  publishedAt: instant.nullable(),
  version: z.number().int(),
  createdAt: instant,
  /** A town's copy of a notice its county office issued in the system: the county follows its progress and feedback. */
  fromCounty: z.boolean(),
  feedback: z.object({ note: z.string(), at: instant }).nullable().describe('镇报送给发文单位的整改情况反馈'),
});

/** GET /api/notices: a direction's notices, newest first, keyset pages (`limit` ≤ NOTICE_PAGE_MAX), each with its items' count and how many are closed. */
export const NOTICE_PAGE_MAX = 200;
export const noticeList = page(noticeSummary.extend({ itemCount: z.number().int(), closedCount: z.number().int() }));

export const noticeItem = z.object({
  position: z.number().int(),
  problemId: rowId,
  code: z.string(),
  state: z.enum(PROBLEM_STATES),
  stateLabel: z.string(),
  regionCode: z.string(),
  communityName: z.string().nullable(),
  placeName: z.string().nullable(),
  address: z.string().nullable(),
  description: z.string(),
  categoryName: z.string().nullable(),
  unitName: z.string().nullable(),
  dueDate: day.nullable(),
  overdue: z.boolean(),
  overdueDays: z.number().int(),
  closedAt: instant.nullable(),
  version: z.number().int(),
});

export const notice = noticeSummary.extend({
  items: z.array(noticeItem),
  progress: z.object({ total: z.number().int(), closed: z.number().int(), overdue: z.number().int(), allClosed: z.boolean() }),
  can: z.object({
    actions: z.array(z.object({ action: z.enum(NOTICE_ACTIONS), label: z.string() })),
    edit: z.boolean(),
    download: z.boolean(),
    feedback: z.boolean(),
    /** The town office may send (or send again) its feedback to the county in the system. */
    sendFeedback: z.boolean(),
  }),
});

/** A problem a notice may be composed from (the newest 500 matching; fields as the database names them). */
export const noticeCandidate = z.object({
  id: rowId,
  code: z.string(),
  source: z.enum(SOURCES),
  state: z.enum(PROBLEM_STATES),
  region_code: z.string(),
  community_name: z.string().nullable(),
  place_name: z.string().nullable(),
  address: z.string().nullable(),
  description: z.string(),
  category_name: z.string().nullable(),
  due_date: day.nullable(),
  created_at: z.string().describe('上报时间（PostgreSQL 文本格式）'),
});
export const noticeCandidates = z.object({ items: z.array(noticeCandidate) });

export type NoticeSummary = Wire<typeof noticeList>['items'][number];
export type NoticeItem = Wire<typeof noticeItem>;
export type Notice = Wire<typeof notice>;
export type Candidate = Wire<typeof noticeCandidate>;
