// Chinese names for audit actions, entities and common fields, and a
// before/after table that never shows raw English keys when a label exists.
import { Table } from 'antd';
import { PROBLEM_ACTION_LABELS } from '../../../../domain/problems/workflow.ts';
import { NOTICE_ACTION_LABELS } from '../../../../domain/notices/vocab.ts';
import { RANKING_ACTION_LABELS } from '../../../../domain/assessment/publication.ts';

/** Actions written without an area (people, places, units, sessions, settings …). */
export const ACTION_LABELS: Record<string, string> = {
  create: '新增',
  update: '修改',
  delete: '删除',
  import: '导入',
  login: '登录',
  logout: '退出登录',
  lock: '账号锁定',
  unlock: '解锁',
  change_password: '修改密码',
  reset_password: '重置密码',
  set_roles: '设置角色',
  set_places: '设置负责街巷',
  revoke_sessions: '强制下线',
  revoke: '撤销',
  set_place: '设置位置',
  set_password: '设置密码',
  add_liaison: '添加联络员',
  remove_liaison: '移除联络员',
  deactivate: '停用',
  recompute: '重算考核台账',
  reseed: '恢复默认数据',
  retry: '重新投递',
  rotate_secret: '更换签名密钥',
  version: '新增版本',
  progress: '更新进度',
  edit: '修改',
  deny: '拒绝',
  remind: '催办提醒',
  notice: '通知',
  submit: '提交',
  file: '立案',
  follow: '关注',
  rate: '评价',
  merged_in: '合并进来',
  extension_requested: '申请延期',
  extension_refused: '驳回延期',
  plan_progress: '整改方案进度',
  reinspect_due: '回头看到期',
  reinspect_pass: '回头看通过',
  reinspect_recurred: '回头看复发',
  close: '结束',
  reverse: '冲正',
  link: '关联问题',
  answer: '部门答复',
  move: '推进状态',
};

/** The verb of an area's action (problem.dispatch, notice.publish, ranking.approve …). */
const VERB_LABELS: Record<string, string> = {
  ...ACTION_LABELS,
  ...RANKING_ACTION_LABELS,
  ...NOTICE_ACTION_LABELS,
  ...PROBLEM_ACTION_LABELS,
  report: '上报',
  deadline: '调整整改期限',
  extension_request: '申请延期',
  extension_refuse: '驳回延期',
  import_edit: '导入修改',
  compose: '起草',
  record: '登记',
  county_issue: '下发县级通报',
  feedback: '报送整改反馈',
  finish: '完成',
  set_supervision: '设置督查安排',
  decide: '作出决定',
  pass: '回头看通过',
  recurred: '回头看复发',
  publish: '发布',
  plan: '计划活动',
  hold: '登记开展',
  cancel: '取消',
  done: '办结',
  reopen: '重新打开',
  to_problem: '转为问题',
  save: '保存',
  draft: '起草',
  correct: '更正',
  mark_damaged: '报告破损',
  seed: '按预置版本新建',
  review_accept: '审核采纳',
  review_return: '审核退回',
  join: '加入志愿服务队',
  leave: '退出志愿服务队',
  set_role: '设置队内职务',
  give_account: '开通志愿者账号',
  service_record: '登记志愿服务',
  service_confirm: '确认志愿服务记录',
  service_reject: '不予确认志愿服务记录',
  service_correct: '更正志愿服务记录',
  service_import: '导入志愿服务记录',
  export_ids: '导出含证件号码的服务记录',
  checkin_code: '生成签到码',
  signup: '报名',
  withdraw: '取消报名',
  checkin: '签到',
  checkout: '签退',
  order: '群众点单',
  dispatch_order: '派单',
  return_order: '退回点单',
  accept_order: '接单',
  rate_order: '评单',
  package: '导出网上申报材料包',
  answer: '同步问卷答卷',
  answer_self: '居民自助填答问卷',
  questionnaire: '保存问卷（新版本）',
  wave_create: '新建调查批次',
  wave_close: '完成调查批次',
  wave_update: '修改调查批次（抽样计划、自助答卷计入）',
  followup_task: '交办问卷薄弱项',
  followup_activity: '为问卷薄弱项安排活动',
  followup_done: '办结问卷薄弱项',
};

/** What an audit row's action says, in Chinese; an unknown one (which a unit test forbids in the server) falls back to 其他操作. */
export function actionLabel(action: string): string {
  if (ACTION_LABELS[action]) return ACTION_LABELS[action];
  const verb = action.includes('.') ? action.slice(action.indexOf('.') + 1) : action;
  return VERB_LABELS[verb] ?? '其他操作';
}

export const ENTITY_LABELS: Record<string, string> = {
  region: '区划',
  place: '街巷/小区/点位',
  unit: '单位',
  person: '人员',
  session: '会话',
  problem: '问题',
  notice: '通报',
  inspection: '巡查记录',
  inspection_cadence: '巡查频次',
  checklist: '检查清单',
  ranking: '红黑榜',
  points_ledger: '考核台账',
  assessment_rule: '奖惩规则',
  assessment_config: '考核设置',
  accountability_item: '问责事项',
  reinspection: '回头看',
  rectification_plan: '整改方案',
  plan_milestone: '整改节点',
  category: '问题类别',
  dispatch_rule: '派遣规则',
  calendar: '工作日历',
  calendar_day: '工作日历',
  setting: '系统设置',
  webhook: '消息推送',
  webhook_delivery: '推送记录',
  region_boundary: '区划边界',
  map_setting: '地图底图',
  activity: '活动',
  activity_kind: '活动类别',
  station_place: '实践站位置',
  meeting: '会议',
  meeting_kind: '会议类别',
  meeting_decision: '会议决定事项',
  meeting_cadence: '例会要求',
  display_token: '大屏令牌',
  study_trip: '学习考察',
  report_settings: '报告设置',
  daily_report: '社区日报',
  town_report: '镇级报告',
  yearend_doc: '年度总结',
  publicity_article: '宣传稿件',
  publicity_led: 'LED屏节目',
  publicity_handout: '宣传品发放',
  publicity_door_session: '入户宣传',
  publicity_facility: '宣传设施',
  publicity_term: '宣传设施类别或主题',
  publicity_requirement: '宣传设施要求',
  campaign: '集中整治专项行动',
  campaign_kind: '专项行动类别',
  campaign_tally_kind: '专项行动统计项',
  campaign_day: '专项行动日记录',
  survey_need: '摸排需求',
  survey_need_kind: '摸排需求类别',
  fund_entry: '基金收支',
  fund_project: '基金项目',
  evaluation_system: '测评体系版本',
  evaluation_cycle: '测评周期',
  evaluation_material: '测评材料',
  poll_questionnaire: '问卷',
  poll_wave: '调查批次',
  poll_response: '问卷答卷',
  poll_followup: '问卷薄弱项交办',
  volunteer: '志愿者',
  volunteer_service: '志愿服务记录',
  service_order: '群众点单',
};

const FIELD_LABELS: Record<string, string> = {
  id: '编号',
  code: '代码',
  name: '名称',
  level: '级别',
  parentCode: '上级代码',
  source: '来源',
  version: '版本',
  kind: '类别',
  regionCode: '区划代码',
  regionName: '区域',
  pointType: '点位类型',
  address: '地址',
  lat: '纬度',
  lng: '经度',
  isDemoPoint: '示范点',
  responsibleUnitId: '责任单位',
  phone: '手机号',
  username: '用户名',
  title: '职务',
  unitId: '所属单位编号',
  unitName: '所属单位',
  active: '启用',
  mustChangePassword: '须修改密码',
  locked: '已锁定',
  lockedUntil: '锁定至',
  failedLogins: '失败次数',
  roles: '角色',
  places: '负责街巷',
  contactName: '联系人',
  contactPhone: '联系电话',
  communities: '挂钩社区',
  memberCount: '人员数',
  parentUnitId: '上级单位',
  createdAt: '创建时间',
  updatedAt: '修改时间',
  ip: '登录地址',
  revoked: '下线数量',
  demoPassword: '演示密码',
};

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) {
    return (
      v
        .map((x) =>
          x && typeof x === 'object'
            ? String((x as { name?: string; roleLabel?: string; role?: string }).name ?? (x as { role?: string }).role ?? JSON.stringify(x))
            : String(x),
        )
        .join('、') || '—'
    );
  }
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function ChangeTable({ before, after }: { before: unknown; after: unknown }) {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => k !== 'createdAt' && k !== 'updatedAt' && k !== 'version' && k !== 'can');
  const rows = keys
    .map((k) => ({ key: k, label: FIELD_LABELS[k] ?? k, before: show(b[k]), after: show(a[k]) }))
    .filter((r) => !(before && after) || r.before !== r.after);
  return (
    <Table
      size="small"
      pagination={false}
      dataSource={rows}
      rowKey="key"
      locale={{ emptyText: '没有字段变化' }}
      columns={[
        { title: '字段', dataIndex: 'label', width: 120 },
        ...(before ? [{ title: '修改前', dataIndex: 'before', render: (v: string) => <span className="wrap-anywhere">{v}</span> }] : []),
        ...(after ? [{ title: before ? '修改后' : '内容', dataIndex: 'after', render: (v: string) => <span className="wrap-anywhere">{v}</span> }] : []),
      ]}
    />
  );
}
