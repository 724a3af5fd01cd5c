// Chinese names for audit actions, entities and common fields, and a
// before/after table that never shows raw English keys when a label exists.
import { Table } from 'antd';

export const ACTION_LABELS: Record<string, string> = {
  create: '新增', update: '修改', delete: '删除', import: '导入', login: '登录', logout: '退出登录', lock: '账号锁定',
  unlock: '解锁', change_password: '修改密码', reset_password: '重置密码', set_roles: '设置角色', set_places: '设置负责街巷',
  revoke_sessions: '强制下线', set_password: '设置密码',
};

export const ENTITY_LABELS: Record<string, string> = {
  region: '区划', place: '街巷/小区/点位', unit: '单位', person: '人员', session: '会话',
};

const FIELD_LABELS: Record<string, string> = {
  id: '编号', code: '代码', name: '名称', level: '级别', parentCode: '上级代码', source: '来源', version: '版本',
  kind: '类别', regionCode: '区划代码', regionName: '区域', pointType: '点位类型', address: '地址', lat: '纬度', lng: '经度',
  isDemoPoint: '示范点', responsibleUnitId: '责任单位', phone: '手机号', username: '用户名', title: '职务', unitId: '所属单位编号',
  unitName: '所属单位', active: '启用', mustChangePassword: '须修改密码', locked: '已锁定', lockedUntil: '锁定至', failedLogins: '失败次数',
  roles: '角色', places: '负责街巷', contactName: '联系人', contactPhone: '联系电话', communities: '挂钩社区', memberCount: '人员数',
  parentUnitId: '上级单位', createdAt: '创建时间', updatedAt: '修改时间', ip: '登录地址', revoked: '下线数量', demoPassword: '演示密码',
};

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) {
    return v.map((x) => (x && typeof x === 'object' ? String((x as { name?: string; roleLabel?: string; role?: string }).name ?? (x as { role?: string }).role ?? JSON.stringify(x)) : String(x))).join('、') || '—';
  }
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function ChangeTable({ before, after }: { before: unknown; after: unknown }) {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => k !== 'createdAt' && k !== 'updatedAt' && k !== 'version' && k !== 'can');
  const rows = keys.map((k) => ({ key: k, label: FIELD_LABELS[k] ?? k, before: show(b[k]), after: show(a[k]) }))
    .filter((r) => !(before && after) || r.before !== r.after);
  return (
    <Table size="small" pagination={false} dataSource={rows} rowKey="key"
      locale={{ emptyText: '没有字段变化' }}
      columns={[
        { title: '字段', dataIndex: 'label', width: 120 },
        ...(before ? [{ title: '修改前', dataIndex: 'before', render: (v: string) => <span className="wrap-anywhere">{v}</span> }] : []),
        ...(after ? [{ title: before ? '修改后' : '内容', dataIndex: 'after', render: (v: string) => <span className="wrap-anywhere">{v}</span> }] : []),
      ]} />
  );
}
