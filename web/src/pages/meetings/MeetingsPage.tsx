// 会议台账: meetings of the caller's region with filters (the figures' drill-downs
// arrive here with ?kind=&region=&from=&to=), Excel export and import.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, DatePicker, Input, Space, Table, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/queries.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { MEETING_KIND_SEED } from '../../../../domain/meetings.ts';
import { useKinds, useMeetings, type MeetingListItem } from './api.ts';
import { KindSelect, MeetingsTabs } from './shared.tsx';
import { ImportMeetingsModal, KindsModal } from './modals.tsx';
import { useUrlFilter } from '../../components/useUrlFilter.ts';

const FILTERS = ['region', 'kind', 'kindId', 'from', 'to', 'q'] as const;

export default function MeetingsPage() {
  const [f, set, clear] = useUrlFilter<Partial<Record<(typeof FILTERS)[number], string>>>(FILTERS);
  const list = useMeetings(f);
  const kinds = useKinds();
  const qc = useQueryClient();
  const [importing, setImporting] = useState(false);
  const [editingKinds, setEditingKinds] = useState(false);
  const me = useMe().data;
  const can = { create: !!me?.can['meeting.manage'], import: !!me?.can['meeting.manage'] };
  const figureKinds = f.kind
    ? f.kind
        .split(',')
        .map((c) => MEETING_KIND_SEED.find((k) => k.code === c)?.name ?? c)
        .join('、')
    : null;
  const exportUrl = `/api/meetings/export.xlsx?${new URLSearchParams(Object.entries(f).filter(([k, v]) => v && k !== 'cursor') as [string, string][])}`;
  const filtered = FILTERS.some((k) => f[k]);

  const columns = [
    { title: '召开时间', dataIndex: 'startsAt', width: 170, render: (v: string) => fmtDateTime(v) },
    { title: '类别', dataIndex: 'kindName', width: 110, render: (v: string) => <Tag>{v}</Tag> },
    {
      title: '会议名称',
      dataIndex: 'title',
      render: (t: string, m: MeetingListItem) => (
        <Link to={`/meetings/${m.id}`} className="wrap-anywhere">
          {t}
        </Link>
      ),
    },
    { title: '召开单位', dataIndex: 'regionName', width: 150 },
    { title: '主持人', dataIndex: 'chairName', width: 90, render: (v: string | null) => v ?? '—' },
    {
      title: '出席 / 缺席 / 请假',
      key: 'att',
      width: 150,
      render: (_: unknown, m: MeetingListItem) => `${m.attendance.present} / ${m.attendance.absent} / ${m.attendance.leave}`,
    },
    {
      title: '决定事项',
      key: 'dec',
      width: 190,
      render: (_: unknown, m: MeetingListItem) =>
        m.decisions.open + m.decisions.overdue + m.decisions.done === 0 ? (
          '—'
        ) : (
          <Space size={4} wrap>
            {m.decisions.open > 0 && <Tag color="blue">办理中 {m.decisions.open}</Tag>}
            {m.decisions.overdue > 0 && <Tag color="red">超期 {m.decisions.overdue}</Tag>}
            {m.decisions.done > 0 && <Tag color="green">完成 {m.decisions.done}</Tag>}
          </Space>
        ),
    },
    { title: '附件', key: 'files', width: 110, render: (_: unknown, m: MeetingListItem) => (m.photos + m.files ? `照片 ${m.photos} · 文件 ${m.files}` : '—') },
  ];

  return (
    <Card>
      <PageExtra>
        <Space wrap>
          {can.create && (
            <Link to="/meetings/new">
              <Button type="primary" icon={<PlusOutlined aria-hidden />}>
                登记会议
              </Button>
            </Link>
          )}
          <a href={exportUrl} download>
            <Button icon={<DownloadOutlined aria-hidden />}>导出 Excel</Button>
          </a>
          {can.import && (
            <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
              导入 Excel
            </Button>
          )}
          {kinds.data?.can.manage && <Button onClick={() => setEditingKinds(true)}>会议类别</Button>}
        </Space>
      </PageExtra>
      <MeetingsTabs />
      <div className="toolbar" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <RegionTreeSelect
          value={f.region ?? null}
          onChange={(v) => set({ region: v ?? undefined })}
          levels={['county', 'town', 'community']}
          placeholder="召开单位（乡镇或社区）"
          style={{ width: 220 }}
        />
        <KindSelect
          value={f.kindId ? Number(f.kindId) : null}
          onChange={(v) => set({ kindId: v ? String(v) : undefined, kind: undefined })}
          allowClear
          style={{ width: 150 }}
        />
        <DatePicker.RangePicker
          aria-label="召开日期"
          value={f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : null}
          placeholder={['开始日期', '结束日期']}
          onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
        />
        <Input.Search
          aria-label="搜索会议名称或地点"
          placeholder="会议名称或地点"
          allowClear
          defaultValue={f.q}
          onSearch={(v) => set({ q: v || undefined })}
          style={{ width: 200 }}
        />
      </div>
      {figureKinds && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`按年度数字的口径列出：类别为 ${figureKinds}${f.from ? `，${f.from} 至 ${f.to}` : ''} 召开的会议`}
          action={
            <Button size="small" onClick={() => clear()}>
              清除筛选
            </Button>
          }
        />
      )}
      <Table
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.items}
        columns={columns}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{
          emptyText: filtered ? (
            <EmptyState text="没有符合筛选条件的会议。可以放宽日期或类别，或清除筛选后再看。" action={<Button onClick={() => clear()}>清除筛选</Button>} />
          ) : (
            <EmptyState
              text="还没有登记会议。登记一次会议（动员部署会、专题会、培训会、每周例会或内部工作会议），或用“导入 Excel”批量导入已有的会议台账。"
              action={
                can.create && (
                  <Link to="/meetings/new">
                    <Button type="primary" icon={<PlusOutlined aria-hidden />}>
                      登记会议
                    </Button>
                  </Link>
                )
              }
            />
          ),
        }}
      />
      <LoadMore list={list} />
      {importing && <ImportMeetingsModal onClose={() => setImporting(false)} onImported={() => void qc.invalidateQueries({ queryKey: keys.meetings.all })} />}
      {editingKinds && <KindsModal onClose={() => setEditingKinds(false)} />}
    </Card>
  );
}
