// 决定事项: every decision of the meetings one reads, by state (办理中, 已超期 —
// the problems' rule —, 已完成), earliest deadline first.
import { Link, useSearchParams } from 'react-router';
import { Card, Segmented, Table } from 'antd';
import { EmptyState } from '../../components/EmptyState.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { DECISION_VIEW_LABELS, DECISION_VIEWS, type DecisionView } from '../../../../domain/meetings.ts';
import { useDecisions, type Decision } from './api.ts';
import { DecisionTag, MeetingsTabs } from './shared.tsx';

const EMPTY: Record<DecisionView | 'all', string> = {
  all: '还没有会议决定事项。在会议页面点击“添加决定事项”，把会上交办的工作交给责任单位或责任人。',
  open: '没有办理中的事项。',
  overdue: '没有超期的事项。',
  done: '还没有办结的事项；责任方在事项页面填写进展并“办结”后会出现在这里。',
};

export default function DecisionsPage() {
  const [sp, setSp] = useSearchParams();
  const view = (DECISION_VIEWS as readonly string[]).includes(sp.get('view') ?? '') ? (sp.get('view') as DecisionView) : undefined;
  const list = useDecisions({ view });
  return (
    <Card>
      <MeetingsTabs />
      <Segmented
        style={{ marginBottom: 12 }}
        value={view ?? 'all'}
        onChange={(v) => setSp(v === 'all' ? {} : { view: String(v) })}
        options={[{ value: 'all', label: '全部' }, ...DECISION_VIEWS.map((v) => ({ value: v, label: DECISION_VIEW_LABELS[v] }))]}
      />
      <Table
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <EmptyState text={EMPTY[view ?? 'all']} /> }}
        columns={[
          {
            title: '事项',
            dataIndex: 'content',
            render: (t: string, d: Decision) => (
              <Link to={`/meetings/decisions/${d.id}`} className="wrap-anywhere">
                {t}
              </Link>
            ),
          },
          {
            title: '会议',
            key: 'meeting',
            width: 220,
            render: (_: unknown, d: Decision) => (
              <Link to={`/meetings/${d.meetingId}`}>
                {d.meetingDay} {d.meetingTitle}
              </Link>
            ),
          },
          { title: '责任单位 / 责任人', key: 'owner', width: 190, render: (_: unknown, d: Decision) => d.owner.name },
          { title: '办理期限', dataIndex: 'dueDate', width: 110 },
          { title: '状态', key: 'state', width: 160, render: (_: unknown, d: Decision) => <DecisionTag d={d} /> },
          { title: '最新进展', dataIndex: 'lastNote', width: 220, render: (v: string | null) => v ?? '—' },
        ]}
      />
      <LoadMore list={list} />
    </Card>
  );
}
