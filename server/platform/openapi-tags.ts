// The areas of the API as the docs page (/api/docs) groups them: every
// operation gets the tag of the first area whose url prefix it has, unless the
// route names its own tags. A route in no area stays untagged, which
// tests/integration/openapi.test.ts refuses, so a new area is added here.
export const API_TAGS: { name: string; description: string; prefixes: string[] }[] = [
  { name: '公众', description: '无需登录：随手拍上报与进度查询、社区列表、地图底图、公开的红黑榜', prefixes: ['/api/public/'] },
  { name: '登录与会话', description: '登录、退出、修改密码、当前用户与会话', prefixes: ['/api/auth/', '/api/me'] },
  { name: '系统', description: '健康检查', prefixes: ['/api/health'] },
  { name: '人员', description: '人员、角色授权、街巷长负责的点位、批量导入', prefixes: ['/api/people'] },
  { name: '单位', description: '责任单位、挂钩共建单位、单位联络员、可派遣的单位', prefixes: ['/api/units'] },
  { name: '区划与点位', description: '县、乡镇、社区、网格的区划树与街巷、小区、测评点位', prefixes: ['/api/regions', '/api/places'] },
  { name: '问题类别', description: '数字城管事件与部件类别、群众上报用的类别', prefixes: ['/api/categories'] },
  { name: '派遣规则', description: '按区划与类别的派遣矩阵及类别默认单位', prefixes: ['/api/dispatch-rules'] },
  { name: '工作日历', description: '节假日与调休，整改期限按工作日计算', prefixes: ['/api/calendar'] },
  { name: '问题', description: '问题的上报、立案、派遣、整改、核查与结案，列表、地图、导入导出、照片与延期', prefixes: ['/api/problems', '/api/photos'] },
  { name: '集中整', description: '难问题的整改方案、时间节点、进度与问题责任清单', prefixes: ['/api/plans'] },
  { name: '回头看', description: '结案问题到期复查，复发时另立新问题', prefixes: ['/api/reinspections'] },
  { name: '问责', description: '返工、超期达到阈值时的问责事项与镇领导的决定', prefixes: ['/api/accountability'] },
  { name: '通报', description: '督查通报、暗访情况通报的编写、审批、印发，县级通报与周报的登记和反馈', prefixes: ['/api/notices'] },
  { name: '考核', description: '考核规则、积分台账、红黑榜的提交、审批与发布', prefixes: ['/api/assessment'] },
  {
    name: '巡查',
    description: '巡查、督查、暗访、模拟测评：手机端同步、巡查记录、考勤、测评报告、测评标准与责任分工',
    prefixes: ['/api/inspections', '/api/checklists'],
  },
  { name: '首页', description: '首页按角色显示的数字：今日新增、临期、超期、待核查、近七天趋势、排名、今日巡查、各镇问题', prefixes: ['/api/home'] },
  { name: '待办', description: '等待本人、本人角色或本单位处理的事项', prefixes: ['/api/inbox'] },
  { name: '通知', description: '站内通知：列表、未读数、标记已读', prefixes: ['/api/notifications'] },
  { name: 'Webhook', description: '向外部系统推送事件：Webhook、投递记录、内网主机白名单', prefixes: ['/api/webhooks'] },
  { name: '地图', description: '地图底图（天地图、瓦片地址、本地 PMTiles）与乡镇、社区边界的导入', prefixes: ['/api/map'] },
  { name: '数字', description: '数字登记簿：年度总结与大屏的每个数字，含定义、数值和明细链接', prefixes: ['/api/figures'] },
  {
    name: '会议',
    description: '会议（动员部署会、专题会、培训会、每周例会、内部工作会议）、决定事项、学习考察、例会要求与缺开的周、导入导出',
    prefixes: ['/api/meetings'],
  },
  { name: '文件', description: '文档（PDF、Word、Excel）的上传与下载，按所属记录的查看权限', prefixes: ['/api/files'] },
  {
    name: '大屏',
    description: '指挥大屏：今日与本月指标、点位测评地图与问题热力、排名、趋势、巡查履职、志愿与活动、红黑榜、实时动态；大屏令牌的创建、列表与撤销',
    prefixes: ['/api/screen'],
  },
  {
    name: '活动',
    description: '新时代文明实践所（站）的活动：计划、开展、取消，参与人次、照片、简报、宣传报道，活动类别、年度主题与节日、实践站位置，导入导出',
    prefixes: ['/api/activities'],
  },
  {
    name: '报告',
    description:
      '社区每日创城情况汇报（截止时间、迟报、缺报）、镇级每日汇报与创城周报（起草、编辑、发布、期数、更正）、年度总结与计划（数字字段、附表、.docx）',
    prefixes: ['/api/reports'],
  },
  {
    name: '宣传',
    description:
      '宣传成果（公众号及其他渠道稿件、特色供稿、LED屏节目、宣传单与宣传品、入户宣传）、宣传设施地图、设施类别与主题、各类点位的设施要求及未达标点位、导入导出',
    prefixes: ['/api/publicity'],
  },
  {
    name: '集中整治',
    description: '集中整治专项行动：区域、目标类别、每日投入人次与整治成效、整治前后照片、期间结案问题（进行中实时、结束后固定）、总结与公文、期间合计',
    prefixes: ['/api/campaigns'],
  },
  {
    name: '摸排',
    description: '设施短板摸排：需求登记、对接部门、状态（待对接→已完成或暂缓）、部门清单与联络员答复、地图、导入导出',
    prefixes: ['/api/surveys'],
  },
  { name: '创城基金', description: '创城工作基金：收入、按项目支出、冲正、余额、项目（预算、节点、照片、对应摸排需求）、台账导出', prefixes: ['/api/fund'] },
  {
    name: '测评',
    description: '全国文明城市测评体系（测评项目、内容、标准，版本、导入导出）、测评周期与假定测评月、各部门的申报材料、审核与完整度',
    prefixes: ['/api/evaluation'],
  },
  {
    name: '问卷调查',
    description:
      '模拟问卷调查：问卷（按人群分版本，题目对应测评体系的问卷调查标准）、调查批次（样本量与年龄、性别配额）、调查员手机填答、居民自助填答、按社区和题目的比率与 95% 置信区间、薄弱项交办',
    prefixes: ['/api/polls'],
  },
  {
    name: '志愿服务',
    description:
      '志愿者与志愿服务队、服务记录（登记、确认、更正）与合计、志愿服务记录证明、全国志愿服务信息系统导入表、手机报名与签到签退、群众点单的派单与接单',
    prefixes: ['/api/volunteers'],
  },
  { name: '审计', description: '审计日志与哈希链校验', prefixes: ['/api/audit'] },
];

/** The tag of a url, or null when it lies in no area. */
export function tagOf(url: string): string | null {
  return API_TAGS.find((t) => t.prefixes.some((p) => url === p || url.startsWith(p.endsWith('/') ? p : `${p}/`) || url.startsWith(`${p}?`)))?.name ?? null;
}
