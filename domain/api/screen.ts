// The 大屏 (issue 19 item 6): its display tokens (created by an office, shown
// once, revocable) and the three reads the screen makes for its first render
// (summary, map, feed), each for one region: a display token's, or the one a
// signed-in leader or office picks.
import { z } from 'zod';
import { day, instant, page, rowId, type Wire } from './common.ts';
import { idParam, intParam, text } from '../input.ts';
import { EVAL_METHODS } from '../evaluation.ts';
import { forecastPillars, forecastTotal } from './evaluation.ts';

export const SCREEN_TOKEN_PAGE_MAX = 100;
export { DISPLAY_TOKEN_HEADER, SCREEN_REFRESH_SECONDS } from '../screen.ts';

const regionCode = z.string().regex(/^(\d{6}|\d{9}|\d{12})$/, '请选择县、乡镇（街道）或社区');

export const tokenCreate = z.object({
  name: text(40).min(1, '请填写大屏名称').describe('大屏名称，如“镇政府一楼大厅”'),
  regionCode: regionCode.describe('大屏显示的区划：县、乡镇或社区'),
});
export const tokenIdParams = z.object({ id: idParam });

export const displayToken = z.object({
  id: rowId,
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  createdByName: z.string().nullable(),
  createdAt: instant,
  lastUsedAt: instant.nullable().describe('大屏最近一次取数的时间（约每分钟更新一次）'),
  revokedAt: instant.nullable(),
  canRevoke: z.boolean(),
});
export const displayTokenPage = page(displayToken);
export const displayTokenCreated = displayToken.extend({
  token: z.string().describe('令牌本身：只在创建时返回这一次，服务器只保存其摘要'),
  url: z.string().describe('大屏打开的地址（带令牌）'),
});

export const screenQuery = z.object({
  region: regionCode.optional().describe('区划（仅登录用户；大屏令牌固定为其区划）'),
});
export const feedQuery = screenQuery.extend({
  after: intParam(0, Number.MAX_SAFE_INTEGER).optional().describe('只要此编号之后的事件（上次返回的 lastId）'),
});

const figure = z.object({
  id: z.string(),
  name: z.string(),
  unit: z.string(),
  value: z.number().nullable().describe('null：缺失（尚无台账提供，或比率无分母）'),
  drillUrl: z.string().nullable(),
});
const rankRow = z.object({ code: z.string(), name: z.string(), rank: z.number().int().nullable(), score: z.number() });

export const screenSummary = z.object({
  region: z.string(),
  regionName: z.string(),
  level: z.enum(['county', 'town', 'community']),
  displayName: z.string().nullable().describe('大屏令牌的名称；登录用户为 null'),
  today: day,
  generatedAt: instant,
  refreshSeconds: z.number().int(),
  kpis: z.object({ today: z.array(figure), month: z.array(figure) }).describe('今日与本月：新增、结案、未结案、超期、按期结案率、结案率、返工率'),
  ranking: z
    .object({
      regionCode: z.string(),
      title: z.string(),
      computedAt: instant.describe('这份排名的计算时间：排名保持更新（至多约一分钟前），不随每次请求重算'),
      rows: z.array(rankRow),
      own: z.string().nullable(),
    })
    .nullable()
    .describe('本月实时排名：县为各镇，镇为各社区，社区为所在镇的各社区（own 为本社区）'),
  trend: z.array(z.object({ day, reported: z.number().int(), closed: z.number().int() })).describe('近 30 天每天上报和结案'),
  categories: z.array(z.object({ name: z.string(), count: z.number().int() })).describe('近 30 天上报最多的问题类别（前 8）'),
  patrols: z
    .object({ from: day, to: day, expected: z.number().int(), done: z.number().int(), missed: z.number().int(), rate: z.number().nullable() })
    .nullable()
    .describe('本月巡查履职：应巡、已巡、漏巡、履职率（已巡 ÷ 已到期）'),
  mobilisation: z.array(figure).describe('志愿服务和文明实践活动（本年）：尚无台账提供的数字为 null，显示为缺失'),
  redBlack: z
    .object({ title: z.string(), publishedAt: instant.nullable(), red: z.array(rankRow), black: z.array(rankRow) })
    .nullable()
    .describe('最近一期已发布的红黑榜'),
  forecast: z
    .object({
      year: z.number().int(),
      computedAt: instant.describe('预测的计算时间（预测变化慢，约每 10 分钟重算一次）'),
      pillars: forecastPillars,
      total: forecastTotal,
      losses: z.array(z.object({ code: z.string(), name: z.string(), pillar: z.enum(EVAL_METHODS), lost: z.number() })).describe('失分最多的标准（前 3）'),
      drillUrl: z.string().describe('工作台的测评预测页'),
    })
    .nullable()
    .describe('全国文明城市测评预测（实地考察、材料审核、问卷调查三项，与 GET /api/evaluation/forecast 同一计算）；区划内尚无本年测评周期时为 null'),
});

/** GET /api/screen/map when the display already holds this version (its If-None-Match is the map's ETag). */
export const notModified = z.void().describe('地图未变化：请求头 If-None-Match 与当前版本的 ETag 相同，无内容（沿用已有的地图）');
export const screenMap = z.object({
  points: z
    .array(z.object({ id: rowId, name: z.string(), lng: z.number(), lat: z.number(), score: z.number().nullable(), onDate: day.nullable() }))
    .describe('点位及最近一次测评（模拟测评）得分率 0-100'),
  heat: z.array(z.tuple([z.number(), z.number(), z.number().int()])).describe('未结案问题的热力：[经度, 纬度, 件数]（约 100 米格）'),
});

export const screenFeed = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      at: instant,
      code: z.string(),
      communityName: z.string().nullable(),
      category: z.string().nullable(),
      action: z.string(),
      text: z.string(),
    }),
  ),
  lastId: z.number().int().nullable(),
});

export type DisplayToken = Wire<typeof displayToken>;
export type DisplayTokenCreated = Wire<typeof displayTokenCreated>;
export type ScreenSummary = Wire<typeof screenSummary>;
export type ScreenMap = Wire<typeof screenMap>;
export type ScreenFeed = Wire<typeof screenFeed>;
