// Seeded checklists after the national evaluation's field criteria (全国文明城市
// 测评体系 实地考察): per point type, the items a visitor checks, their points
// and what counts as a problem. The admin edits them as new versions; an
// inspection keeps the version it used. `category` names the problem category
// (kind:code of server/modules/categories/seed-data.ts) a finding usually is.
import type { PointType } from '../regions.ts';

export interface ChecklistItemSeed {
  code: string;
  title: string;
  /** What the visitor checks, and what counts as a problem. */
  criterion: string;
  points: number;
  category?: string;
}
export interface ChecklistSeed {
  pointType: PointType;
  title: string;
  items: ChecklistItemSeed[];
}

const i = (code: string, title: string, criterion: string, points: number, category?: string): ChecklistItemSeed => ({
  code,
  title,
  criterion,
  points,
  category,
});

// Shared items: public-service advertising and civilised behaviour are checked at almost every point.
const ADS = (code: string, min: number, points = 2) =>
  i(code, '公益广告', `有社会主义核心价值观、讲文明树新风等公益广告不少于${min}处，内容规范、无破损褪色`, points, 'component:0392');
const LITTER = (code: string, points = 2) => i(code, '环境卫生', '无暴露垃圾、无卫生死角、无乱扔烟头纸屑，垃圾桶无满溢', points, 'event:0102');
const POSTERS = (code: string, points = 1) => i(code, '乱贴乱画', '无“牛皮癣”小广告、无乱涂乱画、无乱拉横幅', points, 'event:0201');

export const SEED_CHECKLISTS: ChecklistSeed[] = [
  {
    pointType: 'back_street',
    title: '背街小巷实地考察标准',
    items: [
      i('BS01', '路面状况', '路面硬化平整，无坑洼破损、无积水', 3, 'component:0291'),
      LITTER('BS02', 3),
      POSTERS('BS03', 2),
      i('BS04', '乱堆乱放', '无乱堆物堆料、无乱拉乱挂乱晾晒', 2, 'event:0507'),
      i('BS05', '车辆停放', '机动车、非机动车有序停放，不堵塞通道', 2, 'event:0505'),
      i('BS06', '路灯照明', '路灯设施完好，亮灯率不低于95%', 2, 'component:0107'),
      i('BS07', '架空线缆', '无“蜘蛛网”式乱拉乱接线缆', 1, 'component:0108'),
      ADS('BS08', 2, 1),
    ],
  },
  {
    pointType: 'market',
    title: '农贸（集贸）市场实地考察标准',
    items: [
      i('MK01', '核心价值观宣传', '市场内有社会主义核心价值观宣传不少于2处', 2, 'component:0392'),
      ADS('MK02', 5, 2),
      i('MK03', '公平秤', '市场入口处设置公平秤，有明显标识，计量准确', 2),
      i('MK04', '占道经营', '市场内外无占道经营、无店外经营', 3, 'event:0504'),
      i('MK05', '分区经营', '按功能分区经营，摊位整齐，活禽宰杀区隔离', 2),
      LITTER('MK06', 3),
      i('MK07', '排水与异味', '地面无积水污水，排水通畅，无明显异味', 2, 'event:0113'),
      i('MK08', '消防通道', '消防设施完好，消防通道畅通', 1, 'component:0109'),
    ],
  },
  {
    pointType: 'compound',
    title: '小区实地考察标准',
    items: [
      ADS('CP01', 3, 2),
      LITTER('CP02', 3),
      i('CP03', '垃圾分类', '设置垃圾分类投放点，分类标识清楚', 2, 'component:0390'),
      i('CP04', '车辆停放', '车辆有序停放，消防通道畅通', 2, 'event:0506'),
      POSTERS('CP05', 2),
      i('CP06', '绿化管护', '绿地无黄土裸露、无毁绿种菜', 2, 'component:0404'),
      i('CP07', '楼道环境', '楼道无乱堆杂物、无飞线充电', 2, 'event:0507'),
      i('CP08', '文明养犬', '无遛狗不牵绳、宠物粪便及时清理', 1, 'event:0590'),
    ],
  },
  {
    pointType: 'community',
    title: '社区实地考察标准',
    items: [
      i('CM01', '新时代文明实践阵地', '设有新时代文明实践站（点），有活动安排和记录', 3),
      i('CM02', '道德讲堂与榜单', '有道德讲堂，设“好人榜”“善行义举榜”', 2),
      ADS('CM03', 5, 2),
      i('CM04', '志愿服务站', '有志愿服务站点，标识清楚，有服务记录', 2),
      i('CM05', '公共文化设施', '文体活动室、阅览室正常开放', 2, 'component:0601'),
      LITTER('CM06', 2),
    ],
  },
  {
    pointType: 'square',
    title: '公共广场实地考察标准',
    items: [
      ADS('SQ01', 3, 2),
      LITTER('SQ02', 3),
      i('SQ03', '公共设施', '座椅、健身器材、景观小品完好', 2, 'component:0602'),
      i('SQ04', '秩序管理', '无流动摊贩、无乱停车、无露天烧烤', 2, 'event:0501'),
      POSTERS('SQ05', 1),
      i('SQ06', '文明行为', '无随地吐痰、无踩踏绿地、无不文明养犬', 1, 'event:0590'),
    ],
  },
  {
    pointType: 'main_road',
    title: '主次干道实地考察标准',
    items: [
      i('MR01', '道路设施', '路面、人行道平整完好，盲道畅通', 3, 'component:0208'),
      i('MR02', '交通秩序', '无机动车乱停、无非机动车乱停乱放', 3, 'event:0505'),
      i('MR03', '占道经营', '沿街无占道经营、店外经营', 2, 'event:0504'),
      i('MR04', '店招店牌', '门头招牌规范整洁，无破损', 2, 'event:0205'),
      LITTER('MR05', 3),
      ADS('MR06', 5, 2),
      i('MR07', '交通设施', '交通标志、信号灯、护栏完好', 1, 'component:0204'),
    ],
  },
  {
    pointType: 'bus_stop',
    title: '公交站台实地考察标准',
    items: [
      i('BU01', '站亭设施', '站亭、站牌完好整洁，信息清楚', 3, 'component:0203'),
      ADS('BU02', 1, 2),
      POSTERS('BU03', 2),
      LITTER('BU04', 2),
      i('BU05', '候车秩序', '无占用站台经营、无车辆停放站台', 1, 'event:0505'),
    ],
  },
  {
    pointType: 'school',
    title: '中小学校及周边实地考察标准',
    items: [
      i('SC01', '周边秩序', '校门口200米内无流动摊贩、无占道经营', 3, 'event:0501'),
      i('SC02', '交通安全', '上下学时段有人值守疏导，无乱停车', 2, 'event:0505'),
      i('SC03', '经营场所', '周边200米内无网吧、歌舞娱乐场所', 2),
      ADS('SC04', 3, 2),
      LITTER('SC05', 2),
      i('SC06', '食品安全', '周边小卖部无“三无”食品', 1),
    ],
  },
  {
    pointType: 'hospital',
    title: '医院实地考察标准',
    items: [
      i('HO01', '就医秩序', '挂号、候诊秩序良好，有导诊服务', 2),
      i('HO02', '志愿服务', '有志愿服务站点，有人在岗', 2),
      ADS('HO03', 5, 2),
      LITTER('HO04', 2),
      i('HO05', '周边秩序', '门口无乱停车、无占道经营', 2, 'event:0505'),
    ],
  },
  {
    pointType: 'park',
    title: '公园实地考察标准',
    items: [
      ADS('PK01', 5, 2),
      LITTER('PK02', 3),
      i('PK03', '园林绿化', '绿化管护良好，无毁绿、无黄土裸露', 2, 'component:0404'),
      i('PK04', '设施完好', '座椅、路灯、健身器材、标识完好', 2, 'component:0602'),
      i('PK05', '文明游园', '无踩踏草坪、无乱涂乱画、无不文明养犬', 1, 'event:0590'),
    ],
  },
  {
    pointType: 'public_toilet',
    title: '室外公共厕所实地考察标准',
    items: [
      i('PT01', '卫生状况', '地面洁净、无积水、无异味、无蚊蝇', 3, 'component:0301'),
      i('PT02', '设施完好', '洁具、照明、洗手设施完好，有厕纸', 2, 'component:0301'),
      i('PT03', '标识与开放', '有指引标识，按时开放，有保洁记录', 1),
      ADS('PT04', 1, 1),
    ],
  },
  {
    pointType: 'construction_hoarding',
    title: '建筑工地围挡实地考察标准',
    items: [
      i('CH01', '围挡设置', '围挡连续封闭、整洁无破损', 3, 'event:0307'),
      i('CH02', '围挡公益广告', '围挡公益广告占比不低于30%，无破损褪色', 3, 'component:0392'),
      i('CH03', '扬尘控制', '裸土覆盖，出入口车辆冲洗，无道路遗撒', 2, 'event:0302'),
      POSTERS('CH04', 1),
    ],
  },
  {
    pointType: 'practice_station',
    title: '新时代文明实践站实地考察标准',
    items: [
      i('PS01', '阵地建设', '有固定场所、有标识牌、有管理制度上墙', 3),
      i('PS02', '队伍建设', '有志愿服务队伍，有在册志愿者名单', 2),
      i('PS03', '活动开展', '每月开展文明实践活动，有活动记录和照片', 3),
      i('PS04', '宣传氛围', '有核心价值观、文明实践宣传展示', 2, 'component:0392'),
    ],
  },
];
