// The year-end work summary and next-year plan (年度创建全国文明城市工作总结及
// 工作计划, issue 19 item 5): the seed's structure as editable paragraphs whose
// figures are fields `{figure.id}` of the registry (domain/figures.ts), plus
// `{region}`, `{year}` and `{nextYear}`. Rendering replaces each field with
// its value (exact, or the seed's way: rounded down with 余), or says it is
// missing; never an invented number. Pure; shared by server and web.
import { seedStyle } from './figures.ts';

export interface YearendSection {
  key: string;
  /** Printed as a heading before the paragraph (一、… / （一）…), or null for running text. */
  heading: string | null;
  level: 1 | 2 | null;
  template: string;
}

/** The seed's text, its `**` replaced by the fields the records give. */
export const YEAREND_SECTIONS: readonly YearendSection[] = [
  {
    key: 'opening',
    heading: null,
    level: null,
    template:
      '今年以来，在县委、县政府的坚强领导下，在县委文明办的正确指导下，在挂钩共建单位的全力帮助下，{region}扎实开展宣传教育、示范引领、文明劝导、环境整治等各项创建活动，全力推动创建全国文明城市工作的有序开展。现将{year}年度创建全国文明城市工作情况及{nextYear}年工作计划汇报如下：',
  },
  { key: 'part1', heading: '一、{year}年工作情况', level: 1, template: '' },
  {
    key: 'organisation',
    heading: '（一）高度重视，落实责任。',
    level: 2,
    template:
      '通过召开创城动员部署会、创城专题会、创城工作培训会、每周创城工作例会、创城内部工作会议等，传达指示批示精神，及时部署研究，压紧压实责任，为创城工作提供思想保证。今年以来，召开创城工作专题部署动员会议{meetings.mobilisation}次，创城工作培训会{meetings.training}次，每周创城工作例会{meetings.weekly}次，创城内部工作会议{meetings.internal}次。同时，以镇居两级共{volunteers.teams}支创城志愿服务队伍为主导，切实将创城工作扛在肩上、抓在手上、落实到行动上。全年组织外出学习考察{study_trips.participants}人次，并通过创城培训会分享经验。',
  },
  {
    key: 'publicity',
    heading: '（二）积极宣传，营造氛围。',
    level: 2,
    template:
      '一方面，利用宣传阵地，营造浓厚氛围。利用LED屏、微信公众号、公益广告、入户宣传等多种载体宣传，今年以来，微信公众平台发布创城内容{publicity.articles}篇，社区提交每日创城情况汇报共{reports.community_daily}篇，镇级每日创城工作情况汇报{reports.town_daily}篇，创城特色供稿并发布于公众平台{publicity.featured}篇，制作展板、宣传栏、便民张贴栏等{facilities.boards}处，背街小巷及小区增设公益广告及景观小品{facilities.ads}处。实行背街小巷“每日一巡查”，入户发放宣传单{publicity.flyers}份，宣传品{publicity.items}份，提升居民知晓率和参与率。另一方面，充分发挥新时代文明实践所（站）的作用，结合每月主题和节日开展创城系列活动{activities.held}场，开展主题宣讲、先进评选、志愿服务等活动{activities.featured}场。同时，与共建单位深入小区、背街小巷等入户宣传创城知识{publicity.door_to_door}场，营造浓厚创城氛围。',
  },
  {
    key: 'rectification',
    heading: '（三）有效配合，督促整改。',
    level: 2,
    template:
      '组织镇居干部{campaigns.cadres}人次、聘请工人{campaigns.workers}人次，城管局人员{campaigns.urban_management}人次，共建单位人员{campaigns.co_building}人次，开展环境卫生集中整治专项行动{campaigns.sanitation}次，共清理路面垃圾{campaigns.garbage}车处、“牛皮癣”广告{campaigns.posters}处，整治乱堆放{campaigns.piles}处、未规范停车{campaigns.parking}处等。结合督查通报、周报的存在问题及黑榜点位，形成“小问题随手整-大问题社区整-难问题集中整”的整改模式，全年随手整问题{problems.tier_on_spot}个、社区整问题{problems.tier_community}个、集中整问题{problems.tier_centralized}个。',
  },
  {
    key: 'supervision',
    heading: '（四）强化监督，推动落实。',
    level: 2,
    template:
      '结合县创城办下发的《督查通报》和《创城周报》中存在的问题，组织开展主要领导带队暗访和实地督查工作，下发镇级《督查通报》和《暗访情况通报》共{notices.town_published}期，及时发现存在问题，形成问题反馈清单，明确整改期限，定期“回头看”{reinspections.held}次，对多次整改不到位的相关站所、社区及相关责任人进行问责{accountability.items}起。并通过红黑榜的方式定期通报各社区排名情况{rankings.published}期，对红榜社区实施绩效加分，对黑榜社区实施绩效扣分，形成比学赶超的创城氛围。',
  },
  {
    key: 'part2',
    heading: '二、{nextYear}年工作计划',
    level: 1,
    template: '下一步，将继续围绕县委、县政府统一部署安排，做好明年的创城工作，主要有以下四个方面：',
  },
  {
    key: 'plan1',
    heading: null,
    level: null,
    template:
      '一是强化组织领导。以会促学、以会促干，加快全域创建，集中攻坚，对标对表，严格精细化管理，持续补齐短板，提升质效、培育特色。同时，发动共建单位深入社区开展挂钩共建工作，每周进社区、每日一巡查以及常态化创城，形成齐抓共管的文明创建体系。',
  },
  {
    key: 'plan2',
    heading: null,
    level: null,
    template:
      '二是加强沟通协调。积极对接县级相关部门策划争取项目，充分发挥挂钩共建单位作用，用好创城工作基金，多措并举，补齐短板、弥补经费不足问题，提升基础设施建设。',
  },
  {
    key: 'plan3',
    heading: null,
    level: null,
    template:
      '三是持续宣传引导。通过各社区小区、背街小巷示范点打造，突出特色亮点。加大公益广告投放力度，合理利用微信公众号、LED显示屏、户外广告栏、景观小品等多载体播放市民文明公约、公益广告等内容，形成人人支持、个个参与、共建共享的良好氛围。',
  },
  {
    key: 'plan4',
    heading: null,
    level: null,
    template:
      '四是督促整改落实。加大对省、市、县督查发现问题的整改力度，立行立改，即知即改，对于无法即刻整改的问题，建立问题责任清单，明确整改时限。同时，持续开展督查指导工作，加大社区绩效考评比重和定期通报红黑榜排名情况，形成“街巷长每日一巡查、督查组每周一督查、示范点每月一考察”工作制度，确保各项创建工作扎实推进。',
  },
];
export const YEAREND_KEYS = YEAREND_SECTIONS.map((s) => s.key);

export const FIELD = /\{([a-zA-Z_.]+)\}/g;
const WORDS = ['region', 'year', 'nextYear'] as const;

/** Fields a text names that are neither words nor figure ids of `known`. */
export function unknownFields(text: string, known: ReadonlySet<string>): string[] {
  return [...text.matchAll(FIELD)].map((m) => m[1]).filter((f) => !(WORDS as readonly string[]).includes(f) && !known.has(f));
}

export type YearendStyle = 'exact' | 'seed';
export const MISSING_TEXT = '（暂无数据）';

/** How a figure's value reads in the text: exact, or the seed's 余 style; null is missing, never a number. */
export const shown = (value: number | null, style: YearendStyle) => (value === null ? MISSING_TEXT : style === 'seed' ? seedStyle(value) : String(value));

export type Segment = { text: string } | { field: string; shown: string };

/** A template as text and fields, the words filled in. */
export function render(template: string, words: { region: string; year: number }, values: ReadonlyMap<string, number | null>, style: YearendStyle): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  const push = (t: string) => {
    if (!t) return;
    const last = out[out.length - 1];
    if (last && 'text' in last) last.text += t;
    else out.push({ text: t });
  };
  for (const m of template.matchAll(FIELD)) {
    push(template.slice(at, m.index));
    at = m.index! + m[0].length;
    const f = m[1];
    if (f === 'region') push(words.region);
    else if (f === 'year') push(String(words.year));
    else if (f === 'nextYear') push(String(words.year + 1));
    else if (values.has(f)) out.push({ field: f, shown: shown(values.get(f)!, style) });
    else push(m[0]);
  }
  push(template.slice(at));
  return out;
}

export const plain = (segments: Segment[]) => segments.map((s) => ('text' in s ? s.text : s.shown)).join('');
