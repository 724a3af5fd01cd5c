// The figure registry's catalogue (issue 16): every figure the product counts,
// with its id, Chinese name, unit and definition (what is counted, over which
// records, for which region and period). The values come from the registers'
// providers (server/modules/figures/); a figure no provider serves yet reads
// null ("missing"), never an invented number.
//
// Adding a figure is an entry here; serving it is a provider in the register's
// own module (see README "The figure registry"). `seq` is the figure's number
// in the seed's year-end summary (①-㉗), where it is one of those.

export interface FigureDef {
  id: string;
  /** Number in the seed's year-end summary (1-27), or null for a figure of the product's own. */
  seq: number | null;
  name: string;
  /** 次, 人, 篇, 处 … */
  unit: string;
  /** What is counted, over which records, for which region and period. */
  definition: string;
}

const def = (seq: number | null, id: string, name: string, unit: string, definition: string): FigureDef => ({ seq, id, name, unit, definition });

/** The period and region every definition is read against. */
const IN = '期间内、所选区划内';

export const FIGURES = [
  // (一) 组织领导
  def(1, 'meetings.mobilisation', '专题部署动员会议', '次', `${IN}召开的会议中类别为“动员部署会”或“专题会”的次数（按会议时间）`),
  def(2, 'meetings.training', '创城工作培训会', '次', `${IN}召开的“培训会”次数（按会议时间）`),
  def(3, 'meetings.weekly', '每周创城工作例会', '次', `${IN}召开的“每周例会”次数（按会议时间）`),
  def(4, 'meetings.internal', '创城内部工作会议', '次', `${IN}召开的“内部工作会议”次数（按会议时间）`),
  def(5, 'volunteers.teams', '创城志愿服务队伍', '支', `${IN}存在的镇级和社区级创城志愿服务队伍支数`),
  def(6, 'study_trips.participants', '学习考察', '人', `${IN}外出学习考察的参加人数之和（按考察日期，每次取登记的人数）`),
  // (二) 宣传氛围
  def(7, 'publicity.articles', '公众号发布创城内容', '篇', `${IN}镇政府微信公众平台发布的创城内容篇数`),
  def(8, 'reports.community_daily', '社区每日创城情况汇报', '篇', `${IN}各社区提交的每日创城情况汇报篇数`),
  def(9, 'reports.town_daily', '镇级每日创城工作情况汇报', '篇', `${IN}已发布的镇级每日创城工作情况汇报篇数`),
  def(10, 'publicity.featured', '创城特色供稿', '篇', `${IN}创城特色供稿并发布于公众平台的篇数`),
  def(11, 'facilities.boards', '展板、宣传栏、便民张贴栏', '处', `${IN}制作或新增的展板、宣传栏、便民张贴栏处数`),
  def(12, 'facilities.ads', '公益广告及景观小品', '处', `${IN}背街小巷及小区增设的公益广告及景观小品处数`),
  def(13, 'publicity.flyers', '宣传单', '份', `${IN}入户发放的宣传单份数`),
  def(14, 'publicity.items', '宣传品', '份', `${IN}发放的宣传品份数`),
  def(15, 'activities.held', '创城系列活动', '场', `${IN}已举办的创城系列活动场数（各类活动）`),
  def(16, 'activities.featured', '主题宣讲、先进评选、志愿服务等活动', '场', `${IN}已举办的主题宣讲、先进评选、志愿服务类活动场数`),
  def(17, 'publicity.door_to_door', '入户宣传', '场', `${IN}入户宣传场次`),
  // (三) 督促整改
  def(18, 'campaigns.cadres', '镇居干部', '人次', `${IN}集中整治行动动员的镇居干部人次`),
  def(19, 'campaigns.workers', '聘请工人', '人次', `${IN}集中整治行动动员的聘请工人人次`),
  def(20, 'campaigns.urban_management', '城管局人员', '人次', `${IN}集中整治行动动员的城管局人员人次`),
  def(21, 'campaigns.co_building', '共建单位人员', '人次', `${IN}集中整治行动动员的共建单位人员人次`),
  def(22, 'campaigns.sanitation', '环境卫生集中整治专项行动', '次', `${IN}开展的环境卫生集中整治专项行动次数`),
  def(23, 'campaigns.garbage', '清理路面垃圾', '车处', `${IN}集中整治清理路面垃圾的车处数`),
  def(24, 'campaigns.posters', '清理“牛皮癣”广告', '处', `${IN}集中整治清理“牛皮癣”广告处数`),
  def(25, 'campaigns.piles', '整治乱堆放', '处', `${IN}集中整治整治乱堆放处数`),
  def(26, 'campaigns.parking', '整治未规范停车', '处', `${IN}集中整治整治未规范停车处数`),
  // (四) 监督落实
  def(27, 'notices.town_published', '镇级《督查通报》《暗访情况通报》', '期', `${IN}印发的镇级《督查通报》和《暗访情况通报》期数`),
  // 问题现状 (screen19, issue 19 item 6 / issue 15 item 2): what the home pages and the 大屏 show. The flows count
  // over the period; the states (未结案, 已超期, 三日内到期, 待核查) are as of today whatever the period; the rates are
  // the assessment's indicators (domain/assessment/indicators.ts) over problems due in the period, null with none due.
  def(null, 'problems.new', '新增问题', '件', `${IN}上报或登记的问题数（按上报时间）`),
  def(null, 'problems.closed', '结案问题', '件', `${IN}结案的问题数（按结案时间）`),
  def(null, 'problems.open', '未结案问题', '件', '所选区划内当前未结案的问题数（待立案、待派遣、待接收、整改中、待核查；截至今天，不按期间）'),
  def(null, 'problems.overdue', '已超期问题', '件', '所选区划内当前已超期的问题数：已派遣、整改中或待核查且已过整改期限（截至今天，不按期间）'),
  def(
    null,
    'problems.due_soon',
    '三日内到期问题',
    '件',
    '所选区划内已派遣、整改中或待核查，整改期限在今天至其后第 3 个工作日之间的问题数（截至今天，不按期间）',
  ),
  def(null, 'problems.awaiting_verification', '待核查问题', '件', '所选区划内当前已整改、等待核查结案的问题数（截至今天，不按期间）'),
  def(null, 'problems.on_time_rate', '按期结案率', '%', `${IN}整改期限到期的问题（应结案）中，在期限当天或之前结案的比例；没有应结案问题时为空`),
  def(null, 'problems.close_rate', '结案率', '%', `${IN}整改期限到期的问题（应结案）中已结案（含超期结案）的比例；没有应结案问题时为空`),
  def(null, 'problems.rework_rate', '返工率', '%', `${IN}整改期限到期的问题（应结案）中核查不通过、退回返工过的比例；没有应结案问题时为空`),
  // 宣传 (issue 18): the product's own
  def(null, 'publicity.led', 'LED屏播放创城内容', '期', `${IN}开始播放的LED屏创城节目期数`),
  def(null, 'publicity.households', '入户宣传覆盖户数', '户', `${IN}入户宣传走访的户数之和`),
  // 全国文明城市测评·网上申报材料 (issue 20): each town's cycle of the period's last year (else its latest before).
  def(null, 'evaluation.completeness', '测评材料完整度', '%', '所选区划内各乡镇测评周期中，材料审核标准所需材料类型已采纳的比例（按标准×类型计）'),
  def(null, 'evaluation.materials_accepted', '测评材料已采纳', '份', '所选区划内各乡镇测评周期中已采纳的材料份数'),
  def(null, 'evaluation.materials_returned', '测评材料已退回', '份', '所选区划内各乡镇测评周期中被退回的材料份数'),
  def(null, 'evaluation.materials_missing', '测评材料缺项', '项', '所选区划内各乡镇测评周期中尚无报送（或仅有被退回材料）的标准×材料类型项数'),
  def(
    null,
    'evaluation.departments_incomplete',
    '材料未齐的责任单位',
    '个',
    '所选区划内各乡镇测评周期中，所负责标准的材料尚未全部采纳的责任单位个数（按乡镇分别计）',
  ),
  // 全国文明城市测评·预估 (issue 21): each town's cycle of the period's last year; a county averages its towns. null: no data.
  def(
    null,
    'evaluation.forecast_total',
    '测评预估总分',
    '分',
    '按实地考察、材料审核、问卷调查三项得分率和权重折算的百分制预估分（仅按有数据的项折算，见覆盖率）',
  ),
  def(
    null,
    'evaluation.forecast_coverage',
    '测评预估覆盖率',
    '%',
    '预估总分所依据数据的覆盖率：按权重计，有数据的标准分值占比（实地考察再乘以已测评点位占比）',
  ),
  def(null, 'evaluation.forecast_field', '实地考察预估得分', '分', '实地考察标准对应点位类型（及清单条目）近 12 个月最新模拟测评得分率 × 权重'),
  def(null, 'evaluation.forecast_material', '材料审核预估得分', '分', '材料审核标准的材料完整度（按分值加权）× 权重'),
  def(null, 'evaluation.forecast_survey', '问卷调查预估得分', '分', '问卷调查标准在最近一轮居民问卷中的得分率（按分值加权）× 权重'),
  // reports (issue 19): what the year-end summary says besides the seed's 27 (served by server/modules/reports)
  def(null, 'problems.tier_on_spot', '随手整问题', '个', `${IN}上报的“随手整”问题个数（不含不予立案、已合并，按上报时间）`),
  def(null, 'problems.tier_community', '社区整问题', '个', `${IN}上报的“社区整”问题个数（不含不予立案、已合并，按上报时间）`),
  def(null, 'problems.tier_centralized', '集中整问题', '个', `${IN}上报的“集中整”问题个数（不含不予立案、已合并，按上报时间）`),
  def(null, 'reinspections.held', '回头看', '次', `${IN}完成的“回头看”复查次数（通过或复发，按复查时间）`),
  def(null, 'accountability.items', '问责', '起', `${IN}作出决定的问责事项数（按决定日期；社区不计）`),
  def(null, 'rankings.published', '红黑榜通报', '期', `${IN}发布的红黑榜期数（社区为所在乡镇的）`),
  // Volunteers and residents' service orders (issue 17)
  def(null, 'volunteers.members', '志愿者', '人', `${IN}在镇级、社区级志愿服务队中的志愿者人数（按加入、退出日期，每人计一次）`),
  def(null, 'volunteers.hours', '志愿服务时长', '小时', `${IN}已确认的志愿服务记录时长之和（按服务日期；被更正的记录按更正后计）`),
  def(null, 'volunteers.person_times', '志愿服务人次', '人次', `${IN}已确认的志愿服务记录条数（按服务日期）`),
  def(null, 'orders.received', '群众点单', '单', `${IN}新时代文明实践所（站）收到的群众点单数（按点单日期）`),
  def(null, 'orders.answered', '已接单', '单', `${IN}收到且已由志愿服务队接单的群众点单数（按点单日期）`),
  def(null, 'orders.rated', '已评单', '单', `${IN}收到且群众已评价的点单数（按点单日期）`),
  // Resident surveys (issue 21): the rates pool the interviewer answers of each town's latest wave completed in the period
  def(null, 'polls.responses', '问卷调查答卷', '份', `${IN}调查员入户填答的问卷份数（按填答时间；含超配额，不含居民自助填答）`),
  def(null, 'polls.self_responses', '居民自助填答问卷', '份', `${IN}居民通过链接或二维码自助填答的问卷份数（按填答时间，单独统计）`),
  def(null, 'polls.awareness', '问卷知晓率', '%', '所选区划内各乡镇期间内最近一次完成的调查批次中，知晓类题目的肯定回答（知道）占全部回答的比例；无答卷时为空'),
  def(null, 'polls.support', '问卷支持率', '%', '所选区划内各乡镇期间内最近一次完成的调查批次中，支持类题目的肯定回答（支持）占全部回答的比例；无答卷时为空'),
  def(
    null,
    'polls.satisfaction',
    '问卷满意度',
    '%',
    '所选区划内各乡镇期间内最近一次完成的调查批次中，满意类题目回答“满意”或“比较满意”占全部回答的比例；无答卷时为空',
  ),
] as const satisfies readonly FigureDef[];

export type FigureId = (typeof FIGURES)[number]['id'];
export const FIGURE_IDS = FIGURES.map((f) => f.id) as FigureId[];
export const figureDef = (id: string): FigureDef | undefined => FIGURES.find((f) => f.id === id);

/** A period the figures are counted over: inclusive calendar dates. */
export interface FigurePeriod {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * A period as the API takes it: a year `2026`, a month `2026-03`, or two dates
 * `2026-01-01..2026-06-30`; null when it is none of these (or runs backwards).
 */
export function parsePeriod(s: string): FigurePeriod | null {
  const y0 = Number(s.slice(0, 4));
  if (!(y0 >= 2000 && y0 <= 2100)) return null;
  let m = /^(\d{4})$/.exec(s);
  if (m) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) {
    const y = Number(m[1]),
      mo = Number(m[2]);
    if (mo < 1 || mo > 12) return null;
    return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${pad(lastDay(y, mo))}` };
  }
  m = /^(\d{4})-(\d{2})-(\d{2})\.\.(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) {
    const ok = (y: string, mo: string, d: string) => Number(mo) >= 1 && Number(mo) <= 12 && Number(d) >= 1 && Number(d) <= lastDay(Number(y), Number(mo));
    if (!ok(m[1], m[2], m[3]) || !ok(m[4], m[5], m[6])) return null;
    const from = `${m[1]}-${m[2]}-${m[3]}`,
      to = `${m[4]}-${m[5]}-${m[6]}`;
    return from <= to ? { from, to } : null;
  }
  return null;
}

/** The seed's way of printing a figure in running text: rounded down, with 余 (372 → 370余; under 10 exact). */
export function seedStyle(n: number): string {
  if (n < 10) return String(n);
  const mag = 10 ** Math.max(1, Math.floor(Math.log10(n)) - 1);
  const r = Math.floor(n / mag) * mag;
  return r === n ? String(n) : `${r}余`;
}
