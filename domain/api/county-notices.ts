// The county office's own notices (/api/notices/county): issued to its towns
// in the system, each town's progress and feedback; and a town's feedback on
// its copy (/api/notices/:id/feedback).
import { z } from 'zod';
import { RECEIVED_KINDS } from '../notices/vocab.ts';
import { day, instant, page, rowId, type Wire } from './common.ts';

export const countyNoticeSummary = z.object({
  id: rowId,
  kind: z.enum(RECEIVED_KINDS),
  kindLabel: z.string(),
  countyCode: z.string(),
  year: z.number().int(),
  seq: z.number().int().nullable(),
  issueLabel: z.string().nullable().describe('如 2026年第3期'),
  docNumber: z.string().nullable().describe('如 长汀县创城办〔2026〕3号'),
  title: z.string(),
  issuer: z.string(),
  issueDate: day,
  dueDate: day.nullable(),
  intro: z.string().nullable(),
  publishedAt: instant.nullable(),
  createdAt: instant,
  progress: z.object({
    towns: z.number().int().describe('收到通报的乡镇数'),
    items: z.number().int(),
    closed: z.number().int(),
    fedBack: z.number().int().describe('已报送反馈的乡镇数'),
  }),
});

/** GET /api/notices/county: newest first, by the opaque cursor. */
export const countyNoticeList = page(countyNoticeSummary);

export const countyNotice = countyNoticeSummary.extend({
  towns: z.array(
    z.object({
      noticeId: rowId.describe('该乡镇收到的通报（/api/notices/:id）'),
      townCode: z.string(),
      townName: z.string(),
      items: z.number().int(),
      closed: z.number().int(),
      overdue: z.number().int().describe('已超期未办结'),
      feedback: z.object({ note: z.string(), at: instant, byName: z.string().nullable() }).nullable(),
    }),
  ),
});

export const issuedRef = z.object({ id: rowId });

export type CountyNoticeSummary = Wire<typeof countyNoticeSummary>;
export type CountyNotice = Wire<typeof countyNotice>;
