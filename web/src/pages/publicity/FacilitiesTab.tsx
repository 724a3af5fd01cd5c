// 宣传设施: the register filtered by region, group, kind, condition and
// installation days (the figures ⑪ ⑫ drill down here), each facility linked
// to its page, 登记, 报告破损 (a problem dispatched to the owner), Excel
// export and import.
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/queries.ts';
import { useSave } from '../../api/save.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { ImportDialog } from '../../components/ImportDialog.tsx';
import { CONDITION_LABELS, CONDITIONS, FACILITY_GROUP_LABELS, FACILITY_GROUPS } from '../../../../domain/publicity.ts';
import type { Facility, PublicityImport } from '../../../../domain/api/publicity.ts';
import { apiFilter, useFacilities, type Filter } from './api.ts';
import { FacilityModal } from './FacilityModal.tsx';
import { useUrlFilter } from '../../components/useUrlFilter.ts';

export const CONDITION_COLORS: Record<string, string> = { good: 'green', damaged: 'red', outdated: 'orange', removed: 'default' };
const KEYS = ['region', 'group', 'condition', 'kindId', 'installedFrom', 'installedTo'];

export function DamageButton({ f, button }: { f: Facility; button?: boolean }) {
  const { save, busy } = useSave({
    run: () => api.post<{ code: string }>(`/publicity/facilities/${f.id}/damage`, { note: null }),
    ok: (r) => `已报告破损，问题 ${r.code} 已派给管理单位`,
    invalidate: [keys.publicity.all],
  });
  return (
    <Popconfirm title="报告该设施破损？将立案并派给管理单位。" okText="报告" cancelText="取消" onConfirm={() => save()}>
      <Button size={button ? 'middle' : 'small'} type={button ? 'default' : 'link'} danger={button} loading={busy}>
        报告破损
      </Button>
    </Popconfirm>
  );
}

export function FacilitiesTab() {
  const [f, set] = useUrlFilter<Filter>(KEYS);
  const list = useFacilities(f);
  const me = useMe().data;
  const manage = !!me?.can['publicity.manage'];
  const report = !!me?.can['problem.report'];
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const exportHref = withQuery('/api/publicity/facilities/export.xlsx', apiFilter(f));
  return (
    <>
      <PageExtra>
        <Space wrap>
          {manage && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
              登记宣传设施
            </Button>
          )}
          <Button icon={<DownloadOutlined aria-hidden />} href={exportHref} download>
            导出 Excel
          </Button>
          {manage && (
            <Button icon={<ImportOutlined aria-hidden />} onClick={() => setImporting(true)}>
              导入 Excel
            </Button>
          )}
        </Space>
      </PageExtra>
      <Space wrap style={{ marginBottom: 12 }}>
        <RegionTreeSelect value={f.region ?? null} onChange={(v) => set({ region: v ?? undefined })} placeholder="乡镇或社区（全部）" style={{ width: 220 }} />
        <Select
          allowClear
          placeholder="分组（全部）"
          style={{ width: 220 }}
          value={f.group}
          onChange={(v) => set({ group: v })}
          options={FACILITY_GROUPS.map((g) => ({ value: g, label: FACILITY_GROUP_LABELS[g] }))}
        />
        <Select
          allowClear
          placeholder="状况（全部）"
          style={{ width: 140 }}
          value={f.condition}
          onChange={(v) => set({ condition: v })}
          options={CONDITIONS.map((c) => ({ value: c, label: CONDITION_LABELS[c] }))}
        />
        {(f.installedFrom || f.installedTo) && (
          <Tag closable onClose={() => set({ installedFrom: undefined, installedTo: undefined })}>
            设置于 {f.installedFrom ?? '…'} 至 {f.installedTo ?? '…'}
          </Tag>
        )}
      </Space>
      <Table<Facility>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <EmptyState text={manage ? '还没有宣传设施：点右上角“登记宣传设施”，或用“导入 Excel”批量登记。' : '还没有宣传设施。'} /> }}
        columns={[
          { title: '设施', render: (_, x) => <Link to={`/publicity/facilities/${x.id}`}>{x.name}</Link> },
          { title: '类别', width: 110, render: (_, x) => x.kind.name },
          { title: '主题', width: 160, render: (_, x) => x.theme?.name ?? '—' },
          {
            title: '点位',
            width: 180,
            render: (_, x) => x.place?.name ?? x.regionName ?? '—',
          },
          { title: '管理单位', width: 170, render: (_, x) => x.ownerUnit?.name ?? '—' },
          { title: '设置日期', width: 110, render: (_, x) => x.installedOn ?? '—' },
          {
            title: '状况',
            width: 150,
            render: (_, x) => (
              <>
                <Tag color={CONDITION_COLORS[x.condition]}>{x.conditionLabel}</Tag>
                {x.problem && <Link to={`/problems/${x.problem.id}`}>{x.problem.code}</Link>}
              </>
            ),
          },
          ...(report
            ? [{ title: '操作', width: 100, render: (_: unknown, x: Facility) => (x.condition !== 'removed' && !x.problem ? <DamageButton f={x} /> : null) }]
            : []),
        ]}
      />
      <LoadMore list={list} />
      {adding && <FacilityModal onClose={() => setAdding(false)} />}
      {importing && (
        <ImportDialog<PublicityImport>
          title="导入宣传设施"
          path="/publicity/facilities/import"
          onClose={() => setImporting(false)}
          onImported={() => qc.invalidateQueries({ queryKey: keys.publicity.all })}
          intro={
            <>
              按“宣传设施清单”的格式逐处一行填写（清空“编号”列）：设施名称、设施类别、所在社区、状况、纬度、经度必填。{' '}
              <a href={exportHref} download>
                导出清单作为模板
              </a>
              。任何一行出错，整个文件都不会导入。
            </>
          }
          success={(r) => `导入成功：新增 ${r.created} 处设施`}
        />
      )}
    </>
  );
}
