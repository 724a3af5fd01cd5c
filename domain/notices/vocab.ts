// Notices (issue 6): kinds, states, numbering. Pure; shared by server and web.
import type { Source } from '../problems/vocab.ts';

export const ISSUED_KINDS = ['supervision', 'unannounced_visit'] as const;
export const RECEIVED_KINDS = ['county_notice', 'county_weekly'] as const;
export const NOTICE_KINDS = [...ISSUED_KINDS, ...RECEIVED_KINDS] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export type IssuedKind = (typeof ISSUED_KINDS)[number];
export type ReceivedKind = (typeof RECEIVED_KINDS)[number];

export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  supervision: '督查通报',
  unannounced_visit: '暗访情况通报',
  county_notice: '县督查通报',
  county_weekly: '县创城周报',
};

/**
 * Where a notice stands: issued by a town office, received by a town (entered
 * by hand, or its copy of one its county issued in the system), or issued by
 * a county office to its towns (kinds as received: 县督查通报, 县创城周报).
 */
export const NOTICE_DIRECTIONS = ['issued', 'received', 'county'] as const;
export type NoticeDirection = (typeof NOTICE_DIRECTIONS)[number];

/** A county notice's 文号: 长汀县创城办〔2026〕3号 for a 督查通报; a 周报 goes by its 期数 only (创城周报2026年第3期). */
export const countyDocNumber = (kind: ReceivedKind, issuer: string, year: number, seq: number) =>
  kind === 'county_weekly' ? `创城周报${issueLabel(year, seq)}` : docNumber(issuer, year, seq);

/** The problem source an item of a received notice gets. */
export const RECEIVED_SOURCE: Record<ReceivedKind, Source> = { county_notice: 'county_notice', county_weekly: 'county_weekly' };

export const NOTICE_STATES = ['draft', 'submitted', 'approved', 'published', 'recorded'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];
export const NOTICE_STATE_LABELS: Record<NoticeState, string> = {
  draft: '草稿',
  submitted: '待审批',
  approved: '已审批',
  published: '已印发',
  recorded: '已登记',
};

export const NOTICE_ACTIONS = ['submit', 'approve', 'reject', 'publish'] as const;
export type NoticeAction = (typeof NOTICE_ACTIONS)[number];
export const NOTICE_ACTION_LABELS: Record<NoticeAction, string> = { submit: '提交审批', approve: '审批通过', reject: '退回修改', publish: '印发' };

/** The issued notice's workflow: who moves it where. */
export const NOTICE_TRANSITIONS: readonly { from: NoticeState; action: NoticeAction; to: NoticeState; who: 'compose' | 'approve' }[] = [
  { from: 'draft', action: 'submit', to: 'submitted', who: 'compose' },
  { from: 'submitted', action: 'approve', to: 'approved', who: 'approve' },
  { from: 'submitted', action: 'reject', to: 'draft', who: 'approve' },
  { from: 'approved', action: 'publish', to: 'published', who: 'compose' },
];

/**
 * 期数 count per (office, kind, year); 文号 count per (office, year) across
 * every official document it sends out, so a 督查通报 and an 暗访情况通报 of
 * one office never share a number. The 文号 series is a counter of its own.
 */
export const DOC_NUMBER_SERIES = 'doc_number';

/** "2026年第5期" */
export const issueLabel = (year: number, seq: number) => `${year}年第${seq}期`;

/** 发文字号: 发文机关代字〔年份〕序号号, e.g. 汀州镇创城办〔2026〕5号 (GB/T 9704 §7.2.4: 〔〕 brackets, no leading zeros). */
export const docNumber = (issuerAbbr: string, year: number, seq: number) => `${issuerAbbr}〔${year}〕${seq}号`;
