// The problems a campaign closed, as the campaign's page and one day's page list them (live while it runs, fixed
// when it ends), with 加载更多.
import { Link } from 'react-router';
import { Table } from 'antd';
import { LoadMore } from '../../components/LoadMore.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { shortCommunityName } from '../../../../domain/regions.ts';
import { useLinked } from './api.ts';

export function LinkedTable({ list, empty }: { list: ReturnType<typeof useLinked>; empty: string }) {
  return (
    <>
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        locale={{ emptyText: <EmptyState text={empty} /> }}
        columns={[
          { title: '编号', width: 120, render: (_, p) => <Link to={`/problems/${p.id}`}>{p.code}</Link> },
          { title: '问题描述', dataIndex: 'description', ellipsis: true, render: (t: string) => <span title={t}>{t}</span> },
          { title: '类别', dataIndex: 'categoryName', width: 140 },
          { title: '社区', width: 140, render: (_, p) => shortCommunityName(p.communityName) ?? '—' },
          { title: '结案时间', width: 160, render: (_, p) => fmtDateTime(p.closedAt) },
        ]}
      />
      <LoadMore list={list} />
    </>
  );
}
