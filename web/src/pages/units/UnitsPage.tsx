// 单位: every kind of organisation, filtered by kind, name and region;
// create, edit and delete where the API says the user may.
import { useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Unit, UnitList } from '../../api/types.ts';
import { UNIT_KINDS, UNIT_KIND_LABELS, type UnitKind } from '../../../../domain/units.ts';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { useFeedback } from '../../components/useActions.ts';
import { UnitFormModal } from './UnitFormModal.tsx';
import { LiaisonsModal } from './LiaisonsModal.tsx';
import { LIAISON_UNIT_KINDS } from '../../../../domain/units.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';

export default function UnitsPage() {
  const [kind, setKind] = useState<UnitKind | undefined>();
  const [q, setQ] = useState('');
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const [liaisonsOf, setLiaisonsOf] = useState<Unit | null>(null);
  const list = useQuery({ queryKey: keys.units.list(kind, q, regionCode), queryFn: () => api.get<UnitList>('/units', { kind, q, regionCode }) });
  const { confirm } = useFeedback();
  const filtered = !!(kind || q || regionCode);

  const del = useSave({ run: (u: Unit) => api.del(`/units/${u.id}`), ok: '单位已删除', invalidate: [keys.units.all] });
  const remove = (u: Unit) => confirm('删除单位', `确定删除“${u.name}”吗？`, () => del.save(u));

  return (
    <div>
      <PageExtra>
        {list.data?.can.create && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
            新增单位
          </Button>
        )}
      </PageExtra>
      <Card>
        <div className="toolbar">
          <Select
            allowClear
            placeholder="全部类型"
            value={kind}
            onChange={setKind}
            style={{ width: 180 }}
            options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))}
          />
          <RegionTreeSelect value={regionCode} onChange={setRegionCode} placeholder="全部区域" style={{ width: 200 }} />
          <Input.Search allowClear placeholder="搜索单位名称" onSearch={(v) => setQ(v.trim())} style={{ width: 220 }} />
        </div>
        <Table<Unit>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false, showTotal: (t) => `共 ${t} 个单位` }}
          locale={{
            emptyText: (
              <EmptyState
                text={
                  filtered
                    ? '没有符合条件的单位，请调整筛选条件'
                    : list.data?.can.create
                      ? '还没有登记任何单位，点击“新增单位”添加镇创城办、社区居委会、共建单位等'
                      : '还没有登记任何单位'
                }
              />
            ),
          }}
          expandable={{
            expandedRowRender: (u) => (
              <div className="wrap-anywhere">
                <div>所属区域：{u.regionName ?? u.regionCode}</div>
                <div>
                  联系人：{u.contactName || '—'}　联系电话：{u.contactPhone || '—'}
                </div>
                <div>挂钩社区：{u.communities.length ? u.communities.map((c) => c.name).join('、') : '无'}</div>
                <div>人员数：{u.memberCount}</div>
              </div>
            ),
          }}
          columns={[
            { title: '单位名称', dataIndex: 'name', render: (v: string) => <span className="wrap-anywhere">{v}</span> },
            { title: '类型', dataIndex: 'kindLabel', responsive: ['sm'], render: (v: string) => <Tag>{v}</Tag> },
            { title: '所属区域', dataIndex: 'regionName', responsive: ['md'], render: (v: string | null, u) => v ?? u.regionCode },
            {
              title: '联系人',
              dataIndex: 'contactName',
              responsive: ['lg'],
              width: 150,
              render: (v: string | null, u) => (v ? `${v}${u.contactPhone ? ` ${u.contactPhone}` : ''}` : '—'),
            },
            {
              title: '挂钩社区',
              dataIndex: 'communities',
              responsive: ['xl'],
              render: (cs: Unit['communities']) =>
                cs.length ? (
                  <Space size={[4, 4]} wrap>
                    {cs.slice(0, 3).map((c) => (
                      <Tag key={c.code}>{c.name}</Tag>
                    ))}
                    {cs.length > 3 && <Tag>等 {cs.length} 个</Tag>}
                  </Space>
                ) : (
                  '—'
                ),
            },
            { title: '人员', dataIndex: 'memberCount', responsive: ['lg'], width: 70 },
            {
              title: '操作',
              key: 'ops',
              width: 160,
              render: (_: unknown, u) => (
                <Space size={0}>
                  {LIAISON_UNIT_KINDS.includes(u.kind) && (
                    <Button type="link" size="small" onClick={() => setLiaisonsOf(u)}>
                      联络员
                    </Button>
                  )}
                  {u.can.update && (
                    <Button type="link" size="small" onClick={() => setEditing(u)}>
                      编辑
                    </Button>
                  )}
                  {u.can.delete && (
                    <Button type="link" size="small" danger onClick={() => remove(u)}>
                      删除
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {liaisonsOf && <LiaisonsModal unit={liaisonsOf} onClose={() => setLiaisonsOf(null)} />}
      {editing && <UnitFormModal unit={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => setEditing(null)} />}
    </div>
  );
}
