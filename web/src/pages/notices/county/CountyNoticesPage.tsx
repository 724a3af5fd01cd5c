// 县级通报: the county office's own 督查通报 and 创城周报, issued to its towns in
// the system; each with how far the towns have got and how many fed back.
import { Link } from 'react-router';
import { Button, Card, Progress, Table, Tag } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useCountyNotices, type CountyNoticeSummary } from './api.ts';
import { PageExtra } from '../../../components/PageHeader.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';

export default function CountyNoticesPage() {
  const q = useCountyNotices();
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const columns = [
    { title: '文号 / 期号', key: 'no', width: 260, render: (_: unknown, n: CountyNoticeSummary) => <Link to={`/notices/county/${n.id}`}>{n.docNumber}</Link> },
    { title: '类型', dataIndex: 'kindLabel', width: 110 },
    { title: '标题', dataIndex: 'title', render: (t: string, n: CountyNoticeSummary) => <Link to={`/notices/county/${n.id}`}>{t}</Link> },
    { title: '发文日期', dataIndex: 'issueDate', width: 110 },
    { title: '整改期限', dataIndex: 'dueDate', width: 110, render: (d: string | null) => d ?? '按问题类别' },
    {
      title: '整改进度',
      key: 'progress',
      width: 180,
      render: (_: unknown, n: CountyNoticeSummary) => (
        <Progress
          size="small"
          percent={n.progress.items ? Math.round((n.progress.closed / n.progress.items) * 100) : 0}
          format={() => `${n.progress.closed}/${n.progress.items}`}
        />
      ),
    },
    {
      title: '乡镇反馈',
      key: 'fed',
      width: 120,
      render: (_: unknown, n: CountyNoticeSummary) => (
        <Tag color={n.progress.fedBack === n.progress.towns ? 'green' : 'gold'}>
          {n.progress.fedBack}/{n.progress.towns} 个乡镇
        </Tag>
      ),
    },
  ];
  return (
    <Card>
      <PageExtra>
        <Link to="/notices/county/new">
          <Button type="primary" icon={<SendOutlined aria-hidden />}>
            下发通报
          </Button>
        </Link>
      </PageExtra>
      <Table
        rowKey="id"
        loading={q.isLoading}
        dataSource={rows}
        columns={columns}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <EmptyState text="尚未下发县级通报。点击“下发通报”，把督查发现的问题直接派到各乡镇；各乡镇的整改进度和反馈会汇总在这里。" /> }}
      />
      {q.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button loading={q.isFetchingNextPage} onClick={() => q.fetchNextPage()}>
            加载更早的通报
          </Button>
        </div>
      )}
    </Card>
  );
}
