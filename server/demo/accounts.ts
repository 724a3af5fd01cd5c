// The demo accounts: one list shared by the demo loader, the tests and the
// README, so the documented logins are the ones that exist. Every demo
// account has the same password and is not forced to change it.
import type { Role } from '../../domain/roles.ts';

export const DEMO_PASSWORD = 'Demo@2026';
/** 福建省龙岩市长汀县汀州镇: a 国家历史文化名城 county seat, 13 communities. */
export const DEMO_TOWN = '350821100';

/**
 * Units the loader creates, by key. `community.<i>` keys take the index of a
 * community in code order (0 = 水东街社区 in the default town).
 */
export type DemoUnitKey =
  | 'county_office'
  | 'town_office'
  | 'practice_institute'
  | 'dept.urban'
  | 'dept.culture'
  | 'dept.traffic'
  | 'dept.heritage'
  | 'dept.power'
  | `cobuild.${number}`
  | `committee.${number}`
  | `volunteer.town.${number}`
  | `volunteer.community.${number}`;

export type DemoScope = { region: 'county' } | { region: 'town' } | { region: 'community'; community: number } | { unit: DemoUnitKey };

export interface DemoAccount {
  /** Login name for the key accounts; the others sign in with their phone. */
  username: string | null;
  phone: string;
  name: string;
  title: string;
  role: Role;
  scope: DemoScope;
  /** The unit the person works for (people.unit_id). */
  unit: DemoUnitKey | null;
  /** Street chiefs: how many streets/compounds/points of their community they hold. */
  places?: number;
  /** The scope as read in the default town, for the README table. */
  scopeLabel: string;
}

const c = (community: number): DemoScope => ({ region: 'community', community });

export const DEMO_ACCOUNTS: DemoAccount[] = [
  // 镇领导
  {
    username: 'leader',
    phone: '13859710001',
    name: '陈建华',
    title: '镇党委书记',
    role: 'town_leader',
    scope: { region: 'town' },
    unit: 'town_office',
    scopeLabel: '汀州镇',
  },
  {
    username: null,
    phone: '13859710002',
    name: '李志强',
    title: '镇长',
    role: 'town_leader',
    scope: { region: 'town' },
    unit: 'town_office',
    scopeLabel: '汀州镇',
  },
  // 镇创城办
  {
    username: 'office',
    phone: '13859710011',
    name: '王丽萍',
    title: '镇创城办主任',
    role: 'office_staff',
    scope: { region: 'town' },
    unit: 'town_office',
    scopeLabel: '汀州镇',
  },
  {
    username: null,
    phone: '13859710012',
    name: '张文斌',
    title: '镇创城办副主任',
    role: 'office_staff',
    scope: { region: 'town' },
    unit: 'town_office',
    scopeLabel: '汀州镇',
  },
  {
    username: null,
    phone: '13859710013',
    name: '刘晓燕',
    title: '镇创城办干事',
    role: 'office_staff',
    scope: { region: 'town' },
    unit: 'town_office',
    scopeLabel: '汀州镇',
  },
  // 督查组
  {
    username: 'supervisor',
    phone: '13859710021',
    name: '黄国平',
    title: '督查组组长',
    role: 'supervisor',
    scope: { region: 'town' },
    unit: 'town_office',
    scopeLabel: '汀州镇',
  },
  {
    username: null,
    phone: '13859710022',
    name: '赖春生',
    title: '督查组成员',
    role: 'supervisor',
    scope: { region: 'town' },
    unit: 'town_office',
    scopeLabel: '汀州镇',
  },
  {
    username: null,
    phone: '13859710023',
    name: '钟秀兰',
    title: '督查组成员',
    role: 'supervisor',
    scope: { region: 'town' },
    unit: 'town_office',
    scopeLabel: '汀州镇',
  },
  // 社区干部
  {
    username: 'community',
    phone: '13859710031',
    name: '罗美玲',
    title: '社区党委书记',
    role: 'community_staff',
    scope: c(0),
    unit: 'committee.0',
    scopeLabel: '水东街社区',
  },
  {
    username: null,
    phone: '13859710032',
    name: '丘永辉',
    title: '社区主任',
    role: 'community_staff',
    scope: c(1),
    unit: 'committee.1',
    scopeLabel: '东门街社区',
  },
  {
    username: null,
    phone: '13859710033',
    name: '曹小芳',
    title: '社区创城专干',
    role: 'community_staff',
    scope: c(2),
    unit: 'committee.2',
    scopeLabel: '腾飞社区',
  },
  {
    username: null,
    phone: '13859710034',
    name: '吴海燕',
    title: '社区主任',
    role: 'community_staff',
    scope: c(3),
    unit: 'committee.3',
    scopeLabel: '西门街社区',
  },
  {
    username: null,
    phone: '13859710035',
    name: '温建军',
    title: '社区党委书记',
    role: 'community_staff',
    scope: c(4),
    unit: 'committee.4',
    scopeLabel: '卧龙社区',
  },
  {
    username: null,
    phone: '13859710036',
    name: '戴丽华',
    title: '社区创城专干',
    role: 'community_staff',
    scope: c(5),
    unit: 'committee.5',
    scopeLabel: '南门街社区',
  },
  {
    username: null,
    phone: '13859710037',
    name: '涂志明',
    title: '社区主任',
    role: 'community_staff',
    scope: c(6),
    unit: 'committee.6',
    scopeLabel: '营背街社区',
  },
  // The other six communities' committees: every committee has an account (routed work lands there).
  {
    username: null,
    phone: '13859710081',
    name: '钟丽娟',
    title: '社区主任',
    role: 'community_staff',
    scope: c(7),
    unit: 'committee.7',
    scopeLabel: '梅林社区',
  },
  {
    username: null,
    phone: '13859710082',
    name: '黄伟东',
    title: '社区党委书记',
    role: 'community_staff',
    scope: c(8),
    unit: 'committee.8',
    scopeLabel: '中心坝社区',
  },
  {
    username: null,
    phone: '13859710083',
    name: '蓝秀琴',
    title: '社区创城专干',
    role: 'community_staff',
    scope: c(9),
    unit: 'committee.9',
    scopeLabel: '城东社区',
  },
  {
    username: null,
    phone: '13859710084',
    name: '揭志勇',
    title: '社区主任',
    role: 'community_staff',
    scope: c(10),
    unit: 'committee.10',
    scopeLabel: '和谐社区',
  },
  {
    username: null,
    phone: '13859710085',
    name: '黎春花',
    title: '社区党委书记',
    role: 'community_staff',
    scope: c(11),
    unit: 'committee.11',
    scopeLabel: '新民社区',
  },
  {
    username: null,
    phone: '13859710086',
    name: '邓国荣',
    title: '社区主任',
    role: 'community_staff',
    scope: c(12),
    unit: 'committee.12',
    scopeLabel: '腾飞经济开发区社区',
  },
  // 街巷长
  {
    username: 'chief',
    phone: '13859710041',
    name: '赖福林',
    title: '街巷长',
    role: 'street_chief',
    scope: c(0),
    unit: 'committee.0',
    places: 4,
    scopeLabel: '水东街社区',
  },
  {
    username: null,
    phone: '13859710042',
    name: '邱桂英',
    title: '街巷长',
    role: 'street_chief',
    scope: c(1),
    unit: 'committee.1',
    places: 3,
    scopeLabel: '东门街社区',
  },
  {
    username: null,
    phone: '13859710043',
    name: '范德明',
    title: '街巷长',
    role: 'street_chief',
    scope: c(2),
    unit: 'committee.2',
    places: 2,
    scopeLabel: '腾飞社区',
  },
  {
    username: null,
    phone: '13859710044',
    name: '杨秀珍',
    title: '街巷长',
    role: 'street_chief',
    scope: c(3),
    unit: 'committee.3',
    places: 3,
    scopeLabel: '西门街社区',
  },
  {
    username: null,
    phone: '13859710045',
    name: '修金龙',
    title: '街巷长',
    role: 'street_chief',
    scope: c(4),
    unit: 'committee.4',
    places: 2,
    scopeLabel: '卧龙社区',
  },
  {
    username: null,
    phone: '13859710046',
    name: '游春梅',
    title: '街巷长',
    role: 'street_chief',
    scope: c(5),
    unit: 'committee.5',
    places: 3,
    scopeLabel: '南门街社区',
  },
  {
    username: null,
    phone: '13859710047',
    name: '马荣华',
    title: '街巷长',
    role: 'street_chief',
    scope: c(6),
    unit: 'committee.6',
    places: 4,
    scopeLabel: '营背街社区',
  },
  // 单位联络员
  {
    username: 'liaison',
    phone: '13859710051',
    name: '李建新',
    title: '城管局联络员',
    role: 'unit_liaison',
    scope: { unit: 'dept.urban' },
    unit: 'dept.urban',
    scopeLabel: '长汀县城市管理局',
  },
  {
    username: null,
    phone: '13859710052',
    name: '陈志伟',
    title: '供电公司联络员',
    role: 'unit_liaison',
    scope: { unit: 'dept.power' },
    unit: 'dept.power',
    scopeLabel: '国网长汀县供电公司',
  },
  {
    username: null,
    phone: '13859710053',
    name: '林晓东',
    title: '挂钩共建联络员',
    role: 'unit_liaison',
    scope: { unit: 'cobuild.0' },
    unit: 'cobuild.0',
    scopeLabel: '长汀县财政局',
  },
  {
    username: null,
    phone: '13859710054',
    name: '廖文华',
    title: '名城管委会联络员',
    role: 'unit_liaison',
    scope: { unit: 'dept.heritage' },
    unit: 'dept.heritage',
    scopeLabel: '长汀县历史文化名城管委会',
  },
  // Every other unit the dispatch matrix routes to (category defaults: 交警 for 0505 机动车乱停放, 文体旅游局)
  // and every co-building unit a problem may be dispatched to.
  {
    username: null,
    phone: '13859710055',
    name: '钟海涛',
    title: '交警大队联络员',
    role: 'unit_liaison',
    scope: { unit: 'dept.traffic' },
    unit: 'dept.traffic',
    scopeLabel: '长汀县公安局交警大队',
  },
  {
    username: null,
    phone: '13859710056',
    name: '王晓华',
    title: '文体旅游局联络员',
    role: 'unit_liaison',
    scope: { unit: 'dept.culture' },
    unit: 'dept.culture',
    scopeLabel: '长汀县文体旅游局',
  },
  {
    username: null,
    phone: '13859710057',
    name: '罗振华',
    title: '挂钩共建联络员',
    role: 'unit_liaison',
    scope: { unit: 'cobuild.1' },
    unit: 'cobuild.1',
    scopeLabel: '长汀县住房和城乡建设局',
  },
  {
    username: null,
    phone: '13859710058',
    name: '赖小红',
    title: '挂钩共建联络员',
    role: 'unit_liaison',
    scope: { unit: 'cobuild.2' },
    unit: 'cobuild.2',
    scopeLabel: '长汀县教育局',
  },
  {
    username: null,
    phone: '13859710059',
    name: '刘伟',
    title: '挂钩共建联络员',
    role: 'unit_liaison',
    scope: { unit: 'cobuild.3' },
    unit: 'cobuild.3',
    scopeLabel: '中国农业银行长汀支行',
  },
  {
    username: null,
    phone: '13859710060',
    name: '张丽芳',
    title: '挂钩共建联络员',
    role: 'unit_liaison',
    scope: { unit: 'cobuild.4' },
    unit: 'cobuild.4',
    scopeLabel: '长汀县卫生健康局',
  },
  // 志愿者
  {
    username: 'volunteer',
    phone: '13859710061',
    name: '郑雨欣',
    title: '志愿者',
    role: 'volunteer',
    scope: { unit: 'volunteer.town.0' },
    unit: 'volunteer.town.0',
    scopeLabel: '汀州镇创城志愿服务总队',
  },
  {
    username: null,
    phone: '13859710062',
    name: '傅俊杰',
    title: '志愿者',
    role: 'volunteer',
    scope: { unit: 'volunteer.community.0' },
    unit: 'volunteer.community.0',
    scopeLabel: '水东街社区创城志愿服务队',
  },
  // 调查员 (issue 21): the town's mock-survey interviewers, on the phone app
  {
    username: 'interviewer',
    phone: '13859710091',
    name: '陈晓琳',
    title: '调查员',
    role: 'interviewer',
    scope: { region: 'town' },
    unit: 'town_office',
    scopeLabel: '汀州镇',
  },
  {
    username: null,
    phone: '13859710092',
    name: '邱文杰',
    title: '调查员',
    role: 'interviewer',
    scope: { region: 'town' },
    unit: 'town_office',
    scopeLabel: '汀州镇',
  },
  {
    username: 'county',
    phone: '13859710071',
    name: '刘建明',
    title: '县创城办副主任',
    role: 'county_viewer',
    scope: { region: 'county' },
    unit: 'county_office',
    scopeLabel: '长汀县',
  },
];
