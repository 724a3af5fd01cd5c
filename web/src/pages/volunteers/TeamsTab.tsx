// The town's and communities' volunteer teams (the 志愿服务队 units): today's members and leaders.
import { Link } from 'react-router';
import { Table, Tag } from 'antd';
import { EmptyState } from '../../components/EmptyState.tsx';
import type { TeamItem } from '../../../../domain/api/volunteers.ts';
import { useTeams } from './api.ts';

export function TeamsTab() {
  const teams = useTeams();
  return (
    <Table<TeamItem>
      rowKey="id"
      size="middle"
      loading={teams.isLoading}
      dataSource={teams.data?.items ?? []}
      pagination={false}
      locale={{ emptyText: <EmptyState text="还没有志愿服务队：在“单位”页新增类别为“志愿服务队”的单位。" /> }}
      columns={[
        { title: '志愿服务队', dataIndex: 'name', render: (n: string, t) => <Link to={`/volunteers?teamId=${t.id}`}>{n}</Link> },
        { title: '级别', width: 90, render: (_, t) => <Tag>{t.level === 'town' ? '镇级' : '社区级'}</Tag> },
        { title: '所在区域', width: 180, render: (_, t) => t.regionName ?? t.regionCode },
        { title: '今日在队', dataIndex: 'members', width: 100, align: 'right' },
        { title: '队长', width: 200, render: (_, t) => t.leaders.join('、') || '—' },
      ]}
    />
  );
}
