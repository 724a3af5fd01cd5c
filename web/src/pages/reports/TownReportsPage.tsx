// 镇级日报与周报: the town's daily and weekly reports (?kind=daily|weekly,
// figure ⑨ drills down here with state=published), each with its 期数 and
// revision; the office drafts today's (or this week's) from the records.
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Card, Segmented, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/queries.ts';
import { useSave } from '../../api/save.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { TOWN_REPORT_KIND_LABELS, TOWN_REPORT_STATE_LABELS, type TownReportKind, type TownReportState } from '../../../../domain/reports.ts';
import { useTownReports, type TownReport, type TownReportDetail } from './api.ts';
import { ReportsTabs } from './shared.tsx';

const STATE_COLORS: Record<TownReportState, string> = { draft: 'default', published: 'green', superseded: 'orange' };

export default function TownReportsPage() {
  const [sp, setSp] = useSearchParams();
  const kind = (sp.get('kind') === 'weekly' ? 'weekly' : 'daily') as TownReportKind;
  const f = {
    kind,
    region: sp.get('region') || undefined,
    from: sp.get('from') || undefined,
    to: sp.get('to') || undefined,
    state: sp.get('state') || undefined,
  };
  const list = useTownReports(f);
  const me = useMe().data;
  const navigate = useNavigate();
  const town = me?.roles.find((r) => r.role === 'office_staff' && r.scopeRegionCode?.length === 9)?.scopeRegionCode ?? null;
  const { save: draft, busy } = useSave({
    run: () => api.post<{ report: TownReportDetail }>('/reports/town/draft', { kind, townCode: town, day: dayjs().format('YYYY-MM-DD') }),
    invalidate: [keys.reports.all],
    onOk: (r) => navigate(`/reports/town/${r.report.id}`),
  });
  return (
    <Card>
      <PageExtra>
        {!!me?.can['report.manage'] && town && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} loading={busy} onClick={() => draft()}>
            {kind === 'daily' ? '起草今日镇级日报' : '起草本周周报'}
          </Button>
        )}
      </PageExtra>
      <ReportsTabs />
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented
          value={kind}
          onChange={(v) => setSp({ kind: String(v) })}
          options={[
            { value: 'daily', label: TOWN_REPORT_KIND_LABELS.daily },
            { value: 'weekly', label: TOWN_REPORT_KIND_LABELS.weekly },
          ]}
        />
        {f.state && (
          <Tag closable onClose={() => setSp({ kind })}>
            {TOWN_REPORT_STATE_LABELS[f.state as TownReportState] ?? f.state}
          </Tag>
        )}
      </Space>
      <Table
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        locale={{ emptyText: <EmptyState text="还没有报告。每天到了设定时间系统会根据社区日报和当天记录自动起草，镇创城办修改后发布。" /> }}
        columns={[
          {
            title: '期间',
            key: 'period',
            width: 200,
            render: (_: unknown, r: TownReport) => (r.periodFrom === r.periodTo ? r.periodFrom : `${r.periodFrom} 至 ${r.periodTo}`),
          },
          { title: '期数', dataIndex: 'issue', width: 130, render: (v: string | null) => v ?? '—' },
          { title: '标题', dataIndex: 'title', render: (t: string, r: TownReport) => <Link to={`/reports/town/${r.id}`}>{t}</Link> },
          {
            title: '状态',
            key: 'state',
            width: 160,
            render: (_: unknown, r: TownReport) => (
              <Space size={4}>
                <Tag color={STATE_COLORS[r.state]}>{TOWN_REPORT_STATE_LABELS[r.state]}</Tag>
                {r.revision > 1 && <Tag color="purple">更正第 {r.revision - 1} 次</Tag>}
              </Space>
            ),
          },
          { title: '发布时间', dataIndex: 'publishedAt', width: 170, render: (v: string | null) => (v ? fmtDateTime(v) : '—') },
        ]}
      />
      <LoadMore list={list} />
    </Card>
  );
}
