// GET /api/home: the figures the caller's home page shows, by what the caller
// may read (each part is null when the caller has no such work). The inbox
// counts come from GET /api/inbox/counts, so the page makes at most three requests
// (with the region tree).
import { z } from 'zod';
import { day, instant, type Wire } from './common.ts';

export const homeQuery = z.object({});

const count = z.number().int();

export const homeFigures = z.object({
  today: day,
  problems: z
    .object({
      newToday: count.describe('今日新增（今天上报或登记的）'),
      dueSoon: count.describe('三日内到期：已派遣、整改中或待核查，整改期限在今天至第 3 个工作日之间'),
      dueSoonTo: day.describe('三日内到期的最后一天（今天之后的第 3 个工作日）；问题列表 dueFrom=today&dueTo=此日 即是这些问题'),
      overdue: count,
      dueToday: count,
      awaitingVerification: count.describe('待核查'),
      open: count.describe('未结案'),
      byState: z.record(z.string(), count),
    })
    .nullable()
    .describe('管辖范围内的问题；无问题查看权限时为 null'),
  trend: z
    .array(z.object({ day, reported: count, closed: count }))
    .nullable()
    .describe('近七天每天上报和结案的问题数'),
  ranking: z
    .object({
      regionCode: z.string(),
      periodTitle: z.string(),
      computedAt: instant.describe('这份排名的计算时间（保持更新，至多约一分钟前）'),
      total: count,
      top: z.array(z.object({ code: z.string(), name: z.string(), rank: count.nullable(), score: z.number() })),
      bottom: z.array(z.object({ code: z.string(), name: z.string(), rank: count.nullable(), score: z.number() })),
      own: z.object({ code: z.string(), name: z.string(), rank: count.nullable(), score: z.number() }).nullable().describe('社区干部所在社区'),
    })
    .nullable()
    .describe('本月实时排名（未发布）'),
  patrols: z.object({ countedDay: z.boolean(), places: count, done: count, openProblems: count }).nullable().describe('街长今日巡查'),
  towns: z
    .array(z.object({ code: z.string(), name: z.string(), open: count, overdue: count, newToday: count }))
    .nullable()
    .describe('县创城办：各镇的问题'),
  worstPoints: z
    .array(
      z.object({
        placeId: z.number().int(),
        name: z.string(),
        communityName: z.string().nullable(),
        open: count.describe('未结案问题'),
        recurred: count.describe('近半年回头看复发的问题'),
      }),
    )
    .nullable()
    .describe('镇领导：问题最多的点位（未结案加复发），最多 5 个'),
  countyNotices: z
    .array(
      z.object({
        id: z.number().int(),
        title: z.string(),
        docNumber: z.string().nullable(),
        dueDate: day.nullable(),
        overdue: z.boolean(),
        items: count,
        closed: count,
      }),
    )
    .nullable()
    .describe('镇创城办：待报送整改情况反馈的县级通报（本镇的副本），最多 5 个'),
});
export type HomeFigures = Wire<typeof homeFigures>;
