// 学习考察: the study trips (date, destination, leader, head count, what was
// learned, the 培训会 where it was shared); one opens in a form to record or change.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Card, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMe } from '../../api/queries.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { useTrips, type StudyTrip } from './api.ts';
import { MeetingsTabs } from './shared.tsx';
import { TripFormModal } from './TripFormModal.tsx';

export default function TripsPage() {
  const [sp] = useSearchParams();
  const f = { region: sp.get('region') || undefined, from: sp.get('from') || undefined, to: sp.get('to') || undefined };
  const list = useTrips(f);
  const can = !!useMe().data?.can['meeting.manage'];
  const [creating, setCreating] = useState(false);
  return (
    <Card>
      <PageExtra>
        {can && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            登记学习考察
          </Button>
        )}
      </PageExtra>
      <MeetingsTabs />
      <div className="toolbar" style={{ marginBottom: 12 }}>
        <span style={{ color: '#888' }}>
          {f.from
            ? `${f.from} 至 ${f.to} 的学习考察，合计 ${list.items.reduce((n, t) => n + t.headCount, 0)} 人`
            : '外出学习考察的记录，人数计入年度总结“学习考察 人”'}
        </span>
      </div>
      <Table
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        locale={{
          emptyText: (
            <EmptyState
              text="还没有学习考察记录。外出学习后登记考察地点、带队领导、人数和学习收获，人数计入年度总结。"
              action={
                can && (
                  <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                    登记学习考察
                  </Button>
                )
              }
            />
          ),
        }}
        columns={[
          { title: '日期', dataIndex: 'day', width: 110 },
          { title: '考察地点', dataIndex: 'destination', render: (t: string, x: StudyTrip) => <Link to={`/meetings/trips/${x.id}`}>{t}</Link> },
          { title: '带队领导', dataIndex: 'leaderName', width: 110 },
          { title: '人数', dataIndex: 'headCount', width: 80 },
          { title: '考察目的', dataIndex: 'purpose', render: (v: string | null) => <span className="wrap-anywhere">{v ?? '—'}</span> },
          {
            title: '分享会议',
            key: 'shared',
            width: 220,
            render: (_: unknown, x: StudyTrip) => (x.sharedMeeting ? <Link to={`/meetings/${x.sharedMeeting.id}`}>{x.sharedMeeting.title}</Link> : '未分享'),
          },
        ]}
      />
      <LoadMore list={list} />
      {creating && <TripFormModal onClose={() => setCreating(false)} />}
    </Card>
  );
}
