// 设施摸排: the needs the survey found, filtered by community, state, kind and
// department (filtered by a department, the export is the list to send it);
// the map layer; record a need, import needs from Excel.
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { withQuery } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/queries.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ImportDialog } from '../../components/ImportDialog.tsx';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { NEED_STATE_LABELS, NEED_STATES } from '../../../../domain/surveys.ts';
import type { NeedImport, NeedItem } from '../../../../domain/api/surveys.ts';
import { apiFilter, useNeedKinds, useNeedOptions, useNeeds, type NeedFilter } from './api.ts';
import { NeedModal } from './NeedModal.tsx';
import { shortCommunityName } from '../../../../domain/regions.ts';
import { useUrlFilter } from '../../components/useUrlFilter.ts';

const NeedMapTab = lazy(() => import('./NeedMapTab.tsx'));
export const NEED_COLORS: Record<string, string> = {
  pending: 'red',
  contacted: 'orange',
  approved: 'blue',
  in_progress: 'cyan',
  done: 'green',
  deferred: 'default',
};
const FILTER_KEYS = ['region', 'state', 'kindId', 'unitId', 'q'] as const;

export default function SurveysPage() {
  const [f, set, clear, sp] = useUrlFilter<NeedFilter>(FILTER_KEYS);
  const tab = sp.get('tab') ?? 'list';
  const list = useNeeds(f);
  const kinds = useNeedKinds().data?.items ?? [];
  const me = useMe().data;
  const manage = !!me?.can['survey.manage'];
  const town = me?.user.regionCode?.slice(0, 9) ?? null;
  const departments = useNeedOptions(manage && town && town.length === 9 ? town : null).data?.departments ?? [];
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const exportHref = withQuery('/api/surveys/needs/export.xlsx', apiFilter(f));
  const filtered = FILTER_KEYS.some((k) => f[k]);
  return (
    <Card>
      <PageExtra>
        <Space wrap>
          {manage && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              登记需求
            </Button>
          )}
          <Button icon={<DownloadOutlined aria-hidden />} href={exportHref} download>
            {f.unitId ? '导出该部门清单' : '导出 Excel'}
          </Button>
          {manage && (
            <Button icon={<ImportOutlined aria-hidden />} onClick={() => setImporting(true)}>
              导入 Excel
            </Button>
          )}
        </Space>
      </PageExtra>
      <Typography.Paragraph type="secondary">
        设施短板摸排：逐条登记缺失的设施和需要整治的问题，与相关部门对接，按“待对接 → 已对接 → 已立项 → 实施中 →
        已完成”推进（暂缓须说明原因）。按部门筛选后导出，即为发给该部门的清单。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <RegionTreeSelect value={f.region ?? null} onChange={(v) => set({ region: v ?? undefined })} placeholder="社区（全部）" style={{ width: 200 }} />
        <Select
          allowClear
          placeholder="需求类别（全部）"
          style={{ width: 200 }}
          value={f.kindId ? Number(f.kindId) : undefined}
          onChange={(v) => set({ kindId: v ? String(v) : undefined })}
          options={kinds.map((k) => ({ value: k.id, label: k.name }))}
        />
        <Select
          allowClear
          placeholder="状态（全部）"
          style={{ width: 130 }}
          value={f.state}
          onChange={(v) => set({ state: v })}
          options={NEED_STATES.map((s) => ({ value: s, label: NEED_STATE_LABELS[s] }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="对接部门（全部）"
          style={{ width: 220 }}
          value={f.unitId ? Number(f.unitId) : undefined}
          onChange={(v) => set({ unitId: v ? String(v) : undefined })}
          options={departments.map((d) => ({ value: d.id, label: d.name }))}
        />
        <Input.Search allowClear placeholder="搜索描述或地址" style={{ width: 200 }} defaultValue={f.q} onSearch={(v) => set({ q: v || undefined })} />
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k === 'list' ? undefined : k } as Partial<NeedFilter>)}
        items={[
          {
            key: 'list',
            label: '清单',
            children: (
              <>
                <Table<NeedItem>
                  rowKey="id"
                  size="middle"
                  loading={list.isLoading}
                  dataSource={list.items}
                  pagination={false}
                  scroll={{ x: 1100 }}
                  locale={{
                    emptyText: filtered ? (
                      <EmptyState text="没有符合筛选条件的需求。" action={<Button onClick={() => clear()}>清空筛选</Button>} />
                    ) : (
                      <EmptyState text={manage ? '还没有摸排需求：点击右上角“登记需求”，或用“导入 Excel”批量登记。' : '还没有摸排需求。'} />
                    ),
                  }}
                  columns={[
                    { title: '发现日期', dataIndex: 'foundOn', width: 110 },
                    { title: '类别', width: 160, render: (_, n) => n.kind.name },
                    {
                      title: '需求描述',
                      render: (_, n) => (
                        <Link to={`/surveys/${n.id}`} title={n.description}>
                          {n.description}
                        </Link>
                      ),
                    },
                    {
                      title: '位置',
                      width: 180,
                      render: (_, n) => (
                        <>
                          {n.place?.name ?? n.address ?? '—'}
                          <div style={{ color: '#888' }}>{shortCommunityName(n.communityName)}</div>
                        </>
                      ),
                    },
                    { title: '数量', width: 80, align: 'right', render: (_, n) => `${n.quantity}${n.size ? `（${n.size}）` : ''}` },
                    {
                      title: '对接部门',
                      width: 200,
                      ellipsis: true,
                      render: (_, n) => <span title={n.units.map((u) => u.name).join('、')}>{n.units.map((u) => u.name).join('、')}</span>,
                    },
                    { title: '状态', width: 90, render: (_, n) => <Tag color={NEED_COLORS[n.state]}>{n.stateLabel}</Tag> },
                  ]}
                />
                <LoadMore list={list} />
              </>
            ),
          },
          {
            key: 'map',
            label: '地图',
            children: (
              <Suspense fallback={<Card loading />}>
                <NeedMapTab f={f} />
              </Suspense>
            ),
          },
        ]}
      />
      {creating && <NeedModal onClose={() => setCreating(false)} />}
      {importing && (
        <ImportDialog<NeedImport>
          title="导入摸排需求"
          path="/surveys/needs/import"
          onClose={() => setImporting(false)}
          onImported={() => qc.invalidateQueries({ queryKey: keys.surveys.all })}
          intro={
            <Typography.Paragraph>
              每条需求一行：社区、需求类别、需求描述、发现人、发现日期、对接部门（多个用顿号分隔）必填；地点、地址、数量、规模、纬度、经度选填。可先
              <a href={exportHref} download>
                导出摸排需求清单
              </a>
              ，清空“编号”列后作为模板。文件中有任何一行出错，整个文件都不会导入。
            </Typography.Paragraph>
          }
          success={(r) => <Alert type="success" showIcon title={`导入成功：新增 ${r.created} 条需求`} />}
        />
      )}
    </Card>
  );
}
