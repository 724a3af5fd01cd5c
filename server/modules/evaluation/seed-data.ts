// The seeded 测评体系: modelled on the main areas of the 全国文明城市测评体系
// (操作手册 2021年版) at the depth a town works with: 测评项目 → 测评内容 →
// 测评标准, each standard with its method(s), points, the departments the
// handbook makes responsible (named as a county's departments end: a unit
// named 长汀县城市管理局 answers to 城市管理局), for field standards the point
// types and checklist item codes of domain/inspections/checklists.ts it is
// inspected by, for material standards the kinds of material required.
// Wording and points are a plausible rendering, not the handbook's text: a
// town imports its own year's handbook as .xlsx (same columns as the export).
import type { EvalMethod, MaterialKind } from '../../../domain/evaluation.ts';
import type { PointType } from '../../../domain/regions.ts';

export interface SeedStandard {
  name: string;
  methods: EvalMethod[];
  points: number;
  departments: string[];
  pointTypes?: PointType[];
  checklistItems?: string[];
  kinds?: MaterialKind[];
}
export interface SeedContent {
  name: string;
  standards: SeedStandard[];
}
export interface SeedItem {
  name: string;
  contents: SeedContent[];
}

export const SEED_EDITION_NAME = '全国文明城市测评体系（参照2021年版）';

const M = (name: string, points: number, departments: string[], kinds: MaterialKind[] = ['regulation', 'explanation', 'photo']): SeedStandard => ({
  name,
  methods: ['material'],
  points,
  departments,
  kinds,
});
const F = (name: string, points: number, departments: string[], pointTypes: PointType[], checklistItems: string[]): SeedStandard => ({
  name,
  methods: ['field'],
  points,
  departments,
  pointTypes,
  checklistItems,
});
const S = (name: string, points: number, departments: string[]): SeedStandard => ({ name, methods: ['survey'], points, departments });

export const SEED_TREE: SeedItem[] = [
  {
    name: '理想信念教育',
    contents: [
      {
        name: '学习宣传党的创新理论',
        standards: [
          M('党委（党组）理论学习中心组学习制度健全，年度学习计划和专题学习记录完整', 1.5, ['创城办'], ['regulation', 'explanation']),
          M('开展面向基层群众的理论宣讲，宣讲活动有计划、有记录、有影像', 1.5, ['新时代文明实践所'], ['explanation', 'photo', 'table']),
        ],
      },
      {
        name: '党史学习教育常态化',
        standards: [M('利用红色资源开展党史学习教育，红色场馆免费开放并有讲解服务', 1, ['文体旅游局'], ['explanation', 'photo'])],
      },
    ],
  },
  {
    name: '社会主义核心价值观',
    contents: [
      {
        name: '核心价值观宣传普及',
        standards: [
          F(
            '主次干道、广场、公园等公共场所设置核心价值观公益广告，数量充足、内容规范',
            2,
            ['城市管理局', '文体旅游局'],
            ['main_road', 'square', 'park'],
            ['MR06', 'SQ01', 'PK01'],
          ),
          F('农贸市场内有核心价值观宣传不少于2处、公益广告不少于5处', 1.5, ['城市管理局'], ['market'], ['MK01', 'MK02']),
          F('建筑工地围挡公益广告占比不低于30%，画面整洁', 1, ['住房和城乡建设局'], ['construction_hoarding'], ['CH02']),
          M('制定公益广告刊播计划，各类媒体按比例刊播公益广告', 1, ['文体旅游局', '创城办'], ['regulation', 'table', 'photo']),
        ],
      },
      {
        name: '核心价值观融入法治建设',
        standards: [M('开展宪法宣传周、法律进社区等普法活动，有方案、有记录', 1, ['创城办'], ['regulation', 'explanation', 'photo'])],
      },
    ],
  },
  {
    name: '思想道德建设',
    contents: [
      {
        name: '道德模范和身边好人',
        standards: [
          M('开展道德模范、身边好人评选推荐，有评选办法和宣传报道', 1, ['新时代文明实践所'], ['regulation', 'explanation', 'photo']),
          F('社区设置道德讲堂、善行义举榜，内容及时更新', 1, ['新时代文明实践所'], ['community'], ['CM02']),
        ],
      },
      {
        name: '诚信建设',
        standards: [
          M('建立守信联合激励和失信联合惩戒机制，公开失信被执行人信息', 1, ['财政局'], ['regulation', 'table']),
          F('农贸市场设置公平秤，计量准确，明码标价', 1, ['城市管理局'], ['market'], ['MK03']),
        ],
      },
      {
        name: '移风易俗',
        standards: [M('村（社区）红白理事会、村规民约（居民公约）健全，倡导婚事新办、丧事简办', 1, ['创城办'], ['regulation', 'explanation', 'photo'])],
      },
    ],
  },
  {
    name: '未成年人思想道德建设',
    contents: [
      {
        name: '学校德育',
        standards: [
          M('中小学校开展爱国主义教育和文明礼仪教育，有计划、有记录', 1.5, ['教育局'], ['regulation', 'explanation', 'photo']),
          F('中小学校周边200米内无网吧、无违规经营场所，上下学时段交通秩序良好', 1.5, ['教育局', '公安局交警大队'], ['school'], ['SC01', 'SC02', 'SC03']),
        ],
      },
      {
        name: '校外教育',
        standards: [M('乡镇（街道）少年宫、社区儿童之家常态开放，有活动记录', 1, ['文体旅游局'], ['explanation', 'photo', 'table'])],
      },
    ],
  },
  {
    name: '新时代文明实践',
    contents: [
      {
        name: '阵地建设',
        standards: [
          F('新时代文明实践站有场地、有队伍、有活动、有制度，标识规范', 2, ['新时代文明实践所'], ['practice_station'], ['PS01', 'PS02', 'PS04']),
          M('文明实践所（站）活动档案完整，每月至少开展1次主题活动', 1.5, ['新时代文明实践所'], ['explanation', 'photo', 'table']),
        ],
      },
      {
        name: '志愿服务',
        standards: [
          M('注册志愿者占城市常住人口比例达标，志愿服务记录规范', 1.5, ['新时代文明实践所'], ['table', 'explanation']),
          F('社区设有志愿服务站，公共场所有志愿者提供服务', 1, ['新时代文明实践所', '卫生健康局'], ['community', 'hospital'], ['CM04', 'HO02']),
          M('开展“我为群众办实事”等志愿服务项目，群众点单、中心派单、志愿者接单、群众评单', 1, ['新时代文明实践所'], ['regulation', 'explanation', 'photo']),
        ],
      },
    ],
  },
  {
    name: '公共文化服务',
    contents: [
      {
        name: '公共文化设施',
        standards: [
          F('社区综合性文化服务中心设施完好、免费开放', 1, ['文体旅游局'], ['community'], ['CM05']),
          M('公共图书馆、文化馆（站）免费开放，年度开放时间和服务人次有统计', 1, ['文体旅游局'], ['table', 'explanation']),
        ],
      },
      {
        name: '文化惠民',
        standards: [M('开展送戏下乡、广场文化活动等群众文化活动，有计划、有影像', 1, ['文体旅游局'], ['explanation', 'photo'])],
      },
    ],
  },
  {
    name: '城乡环境卫生',
    contents: [
      {
        name: '市容市貌',
        standards: [
          F('背街小巷路面平整，无暴露垃圾、无乱堆乱放、无“牛皮癣”', 3, ['城市管理局'], ['back_street'], ['BS01', 'BS02', 'BS03', 'BS04']),
          F('主次干道无占道经营，店招店牌规范，路面整洁', 2, ['城市管理局'], ['main_road'], ['MR03', 'MR04', 'MR05']),
          F('路灯设施完好，亮灯率不低于95%；无乱拉乱接线缆', 1, ['国网供电公司', '城市管理局'], ['back_street'], ['BS06', 'BS07']),
          M('建立门前三包责任制，有制度、有台账、有检查考核', 1, ['城市管理局'], ['regulation', 'table', 'photo']),
        ],
      },
      {
        name: '小区和公共厕所',
        standards: [
          F('居民小区垃圾分类投放设施齐全，楼道整洁，车辆有序停放', 2, ['住房和城乡建设局'], ['compound'], ['CP02', 'CP03', 'CP04', 'CP07']),
          F('公共厕所干净无异味，设施完好，标识清楚', 1, ['城市管理局'], ['public_toilet'], ['PT01', 'PT02', 'PT03']),
        ],
      },
      {
        name: '农贸市场',
        standards: [F('农贸市场无占道经营，分区合理，地面无积水无异味', 2, ['城市管理局'], ['market'], ['MK04', 'MK05', 'MK06', 'MK07'])],
      },
    ],
  },
  {
    name: '公共秩序',
    contents: [
      {
        name: '交通秩序',
        standards: [
          F('机动车、非机动车有序停放，行人走斑马线，车辆礼让行人', 2, ['公安局交警大队'], ['main_road', 'back_street'], ['MR02', 'BS05']),
          F('公交站台设施完好，候车秩序良好', 1, ['公安局交警大队', '住房和城乡建设局'], ['bus_stop'], ['BU01', 'BU05']),
          M('开展文明交通劝导和交通违法整治，有方案、有数据', 1, ['公安局交警大队'], ['regulation', 'table', 'photo']),
        ],
      },
      {
        name: '公共场所秩序',
        standards: [F('广场、公园秩序良好，无乱扔垃圾、随地吐痰等不文明行为', 1, ['城市管理局'], ['square', 'park'], ['SQ04', 'SQ06', 'PK05'])],
      },
    ],
  },
  {
    name: '创建工作长效机制',
    contents: [
      {
        name: '组织领导',
        standards: [
          M('成立创建工作领导机构，年度工作方案和任务分解表明确到单位', 1.5, ['创城办'], ['regulation', 'table']),
          M('每周召开创城工作例会，问题交办、督办、销号闭环', 1.5, ['创城办'], ['explanation', 'table', 'photo']),
          M('创城工作经费纳入财政预算，专款专用', 1, ['财政局', '创城办'], ['regulation', 'table']),
        ],
      },
      {
        name: '群众参与和满意度',
        standards: [
          S('市民对创建工作的知晓率、支持率和满意度', 5, ['创城办']),
          S('市民对城市环境卫生、公共秩序的满意度', 3, ['城市管理局']),
          M('开展入户宣传，发放创城倡议书、告市民书，有发放台账', 1, ['创城办'], ['explanation', 'photo', 'table']),
        ],
      },
    ],
  },
];
