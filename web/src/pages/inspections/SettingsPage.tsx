// 巡查设置 (/inspections/settings): who supervises which community (edited
// here), which street chief patrols which places and which unit answers for
// each demo point (read here, edited where people and places are kept), and
// the cadence of each kind.
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Card, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { CadenceForm } from './CadenceForm.tsx';
import { defaultRegion } from './region.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import type { Wire } from '../../../../domain/api/common.ts';
import type { responsibility, supervision } from '../../../../domain/api/inspections.ts';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { shortCommunityName } from '../../../../domain/regions.ts';

// As the server declares them (domain/api/inspections.ts).
type Supervision = Wire<typeof supervision>;
type Responsibility = Wire<typeof responsibility>;
type Supervisor = Supervision['supervisors'][number];

function SupervisionEditor({ town }: { town: string }) {
  const q = useQuery({
    queryKey: keys.inspections.supervision(town),
    queryFn: () => api.get<Supervision>('/inspections/supervision-assignments', { regionCode: town }),
  });
  const [draft, setDraft] = useState<Record<number, string[]>>({});
  const { save, busy: saving } = useSave({
    run: () =>
      api.put(`/inspections/supervision-assignments?regionCode=${town}`, {
        items: Object.entries(draft).map(([personId, communityCodes]) => ({ personId: Number(personId), communityCodes })),
      }),
    ok: '督查分工已保存',
    invalidate: [keys.inspections.all],
  });
  useEffect(() => {
    setDraft({});
  }, [q.data]);
  const d = q.data;
  if (q.error) return <Alert type="warning" showIcon message={q.error.message} />;
  const options = (d?.communities ?? []).map((c) => ({ value: c.code, label: shortCommunityName(c.name)! }));
  const changed = Object.keys(draft).length > 0;
  const uncovered = (d?.communities ?? []).filter((c) => !c.supervisors.length);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {uncovered.length > 0 && (
        <Alert type="warning" showIcon message={`${uncovered.length} 个社区还没有督查组成员：${uncovered.map((c) => shortCommunityName(c.name)).join('、')}`} />
      )}
      <Table<Supervisor>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={d?.supervisors ?? []}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{
          emptyText: (
            <span>
              还没有督查组成员。请在 <Link to="/people">人员与角色</Link> 中为人员授予“督查组”角色。
            </span>
          ),
        }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 110 },
          { title: '职务', dataIndex: 'title', width: 140, render: (t: string | null) => t ?? '—' },
          {
            title: '负责督查的社区',
            key: 'communities',
            render: (_: unknown, s) => (
              <Select
                aria-label={`${s.name}负责的社区`}
                mode="multiple"
                style={{ width: '100%', minWidth: 260 }}
                disabled={!d?.canManage}
                placeholder="选择社区"
                value={draft[s.id] ?? s.communities.map((c) => c.code)}
                options={options}
                showSearch={{ optionFilterProp: 'label' }}
                onChange={(v: string[]) => setDraft((x) => ({ ...x, [s.id]: v }))}
              />
            ),
          },
        ]}
      />
      {d?.canManage && (
        <Space>
          <Button type="primary" disabled={!changed} loading={saving} onClick={() => save()}>
            保存督查分工
          </Button>
          {changed && <Button onClick={() => setDraft({})}>撤销修改</Button>}
        </Space>
      )}
    </Space>
  );
}

function ResponsibilityView({ town }: { town: string }) {
  const q = useQuery({
    queryKey: keys.inspections.responsibility(town),
    queryFn: () => api.get<Responsibility>('/inspections/responsibility', { regionCode: town }),
  });
  const d = q.data;
  if (q.error) return <Alert type="warning" showIcon message={q.error.message} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title="街巷长与负责地点" extra={<Link to="/people?role=street_chief">到“人员与角色”中调整</Link>}>
        <Table
          rowKey="id"
          size="small"
          loading={q.isLoading}
          dataSource={d?.streetChiefs ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 600 }}
          locale={{ emptyText: '还没有街巷长。在“人员与角色”中授予“街巷长”角色并分配负责的街巷、小区或点位。' }}
          columns={[
            { title: '街巷长', dataIndex: 'name', width: 110 },
            {
              title: '负责地点',
              dataIndex: 'places',
              render: (ps: Responsibility['streetChiefs'][number]['places']) =>
                ps.length ? (
                  <Space size={[4, 4]} wrap>
                    {ps.map((p) => (
                      <Link key={p.id} to={`/inspections/points/${p.id}`}>
                        <Tag style={{ cursor: 'pointer' }}>
                          {p.name}
                          <span style={{ color: '#8c8c8c' }}>（{p.kindLabel}）</span>
                        </Tag>
                      </Link>
                    ))}
                  </Space>
                ) : (
                  <Typography.Text type="danger">未分配地点</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title="示范点与责任单位" extra={<Link to="/regions">到“区划与点位”中调整</Link>}>
        <Table
          rowKey="id"
          size="small"
          loading={q.isLoading}
          dataSource={d?.demoPoints ?? []}
          pagination={false}
          scroll={{ x: 760 }}
          locale={{ emptyText: '还没有示范点。在“区划与点位”中编辑点位，勾选“示范点”并指定责任单位。' }}
          columns={[
            { title: '示范点', dataIndex: 'name', render: (n: string, p) => <Link to={`/inspections/points/${p.id}`}>{n}</Link> },
            { title: '点位类型', dataIndex: 'pointTypeLabel', width: 150, render: (t: string | null) => t ?? '—' },
            { title: '社区', dataIndex: 'communityName', width: 150, render: (n: string | null) => shortCommunityName(n) ?? '—' },
            {
              title: '责任单位',
              dataIndex: 'unit',
              width: 180,
              render: (u: { name: string } | null) => u?.name ?? <Typography.Text type="danger">未指定</Typography.Text>,
            },
          ]}
        />
      </Card>
    </Space>
  );
}

export default function SettingsPage() {
  const me = useMe().data;
  const [sp, setSp] = useSearchParams();
  const home = me ? defaultRegion(me) : null;
  const town = sp.get('regionCode') ?? (home ? home.slice(0, 9) : null);
  const tab = sp.get('tab') ?? 'supervision';
  const set = (k: string, v: string | null) => {
    const n = new URLSearchParams(sp);
    if (v) n.set(k, v);
    else n.delete(k);
    setSp(n, { replace: true });
  };
  return (
    <Card>
      <PageExtra>
        <RegionTreeSelect value={town} onChange={(v) => set('regionCode', v)} levels={['town']} allowClear={false} style={{ width: 200 }} />
      </PageExtra>
      {!town ? (
        <EmptyState text="请在右上角选择乡镇（街道），再设置督查组分工和巡查频次" />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(k) => set('tab', k)}
          destroyOnHidden
          items={[
            { key: 'supervision', label: '督查组分工', children: <SupervisionEditor town={town} /> },
            { key: 'responsibility', label: '街巷长与示范点', children: <ResponsibilityView town={town} /> },
            { key: 'cadence', label: '巡查频次', children: <CadenceForm regionCode={town} /> },
          ]}
        />
      )}
    </Card>
  );
}
