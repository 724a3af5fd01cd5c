// 文明实践活动: activities at the 新时代文明实践所/站, filtered by community or
// station, month, kind and state (the URL holds the filter, so a figure's
// drill-down opens exactly its records); plan, export, import; the stations'
// places; the kinds (admin).
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Card, DatePicker, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { withQuery } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/queries.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { ACTIVITY_STATE_LABELS, ACTIVITY_STATES } from '../../../../domain/activities.ts';
import type { ActivityItem } from '../../../../domain/api/activities.ts';
import { apiFilter, useActivities, useKinds, useStations, type ActivityFilter } from './api.ts';
import { PlanModal } from './PlanModal.tsx';
import { ImportActivitiesModal } from './ImportActivitiesModal.tsx';
import { StationsTab } from './StationsTab.tsx';
import { KindsTab } from './KindsTab.tsx';
import { shortCommunityName } from '../../../../domain/regions.ts';
import { useUrlFilter } from '../../components/useUrlFilter.ts';

export const STATE_COLORS: Record<string, string> = { planned: 'blue', held: 'green', cancelled: 'default' };
const FILTER_KEYS = ['region', 'unitId', 'month', 'from', 'to', 'kinds', 'state'] as const;

function Filters({ f, set }: { f: ActivityFilter; set: (patch: Partial<ActivityFilter>) => void }) {
  const kinds = useKinds().data?.items ?? [];
  const stations = useStations().data?.items ?? [];
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <RegionTreeSelect value={f.region ?? null} onChange={(v) => set({ region: v ?? undefined })} placeholder="社区（全部）" style={{ width: 220 }} />
      <Select
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder="实践所（站）（全部）"
        style={{ width: 240 }}
        value={f.unitId ? Number(f.unitId) : undefined}
        onChange={(v) => set({ unitId: v ? String(v) : undefined })}
        options={stations.map((s) => ({ value: s.id, label: s.name }))}
      />
      <DatePicker
        picker="month"
        placeholder="月份（全部）"
        value={f.month ? dayjs(`${f.month}-01`) : null}
        inputReadOnly
        onChange={(d) => set({ month: d ? d.format('YYYY-MM') : undefined, from: undefined, to: undefined })}
      />
      <Select
        allowClear
        mode="multiple"
        placeholder="活动类别（全部）"
        style={{ minWidth: 200 }}
        value={f.kinds ? f.kinds.split(',') : []}
        onChange={(v: string[]) => set({ kinds: v.length ? v.join(',') : undefined })}
        options={kinds.map((k) => ({ value: k.code, label: k.name }))}
      />
      <Select
        allowClear
        placeholder="状态（全部）"
        style={{ width: 140 }}
        value={f.state}
        onChange={(v) => set({ state: v })}
        options={ACTIVITY_STATES.map((s) => ({ value: s, label: ACTIVITY_STATE_LABELS[s] }))}
      />
      {(f.from || f.to) && (
        <Tag closable onClose={() => set({ from: undefined, to: undefined })}>
          {f.from ?? '…'} 至 {f.to ?? '…'}
        </Tag>
      )}
    </Space>
  );
}

function ActivityList() {
  const [f, set, clear] = useUrlFilter<ActivityFilter>(FILTER_KEYS);
  const list = useActivities(f);
  const me = useMe().data;
  const manage = !!me?.can['activity.manage'];
  const qc = useQueryClient();
  const [planning, setPlanning] = useState(false);
  const [importing, setImporting] = useState(false);
  const exportHref = withQuery('/api/activities/export.xlsx', apiFilter(f));
  const filtered = Object.keys(f).length > 0;
  return (
    <>
      <PageExtra>
        <Space wrap>
          {manage && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setPlanning(true)}>
              计划活动
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
      <Filters f={f} set={set} />
      <Table<ActivityItem>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{
          emptyText: filtered ? (
            <EmptyState text="没有符合筛选条件的活动：可以放宽月份、类别或状态再看。" action={<Button onClick={() => clear()}>清空筛选</Button>} />
          ) : manage ? (
            <EmptyState
              text="还没有活动记录：登记本月的宣讲、志愿服务等活动，或用“导入 Excel”批量登记。"
              action={
                <Button type="primary" onClick={() => setPlanning(true)}>
                  计划活动
                </Button>
              }
            />
          ) : (
            <EmptyState text="还没有活动记录。社区和创城办登记活动后会出现在这里。" />
          ),
        }}
        columns={[
          { title: '日期', dataIndex: 'onDate', width: 110 },
          { title: '活动名称', dataIndex: 'title', render: (t: string, a) => <Link to={`/activities/${a.id}`}>{t}</Link> },
          { title: '类别', width: 110, render: (_, a) => a.kind.name },
          { title: '组织单位', width: 190, render: (_, a) => a.organizer.name },
          {
            title: '地点',
            width: 190,
            render: (_, a) => (
              <>
                {a.place.name}
                <div style={{ color: '#888' }}>{shortCommunityName(a.communityName)}</div>
              </>
            ),
          },
          { title: '主题 / 节日', width: 150, render: (_, a) => [a.theme, a.festival].filter(Boolean).join(' · ') || '—' },
          { title: '参与人次', width: 90, align: 'right', render: (_, a) => (a.state === 'held' ? a.participants.total : '—') },
          { title: '状态', width: 90, render: (_, a) => <Tag color={STATE_COLORS[a.state]}>{a.stateLabel}</Tag> },
        ]}
      />
      <LoadMore list={list} />
      {planning && <PlanModal onClose={() => setPlanning(false)} />}
      {importing && (
        <ImportActivitiesModal
          exportHref={exportHref}
          onClose={() => setImporting(false)}
          onImported={() => qc.invalidateQueries({ queryKey: keys.activities.all })}
        />
      )}
    </>
  );
}

export default function ActivitiesPage() {
  const [sp, setSp] = useSearchParams();
  const me = useMe().data;
  const tab = sp.get('tab') ?? 'list';
  return (
    <Card>
      <Typography.Paragraph type="secondary">
        新时代文明实践所（站）、社区和共建单位组织的主题宣讲、先进评选、志愿服务等活动：先计划，开展后登记参与人次、照片、简报和宣传报道链接。
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp(k === 'list' ? {} : { tab: k })}
        items={[
          { key: 'list', label: '活动', children: <ActivityList /> },
          { key: 'stations', label: '实践所（站）', children: <StationsTab /> },
          ...(me?.can['activity.kinds'] ? [{ key: 'kinds', label: '活动类别', children: <KindsTab /> }] : []),
        ]}
      />
    </Card>
  );
}
