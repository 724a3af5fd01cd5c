// One county notice as the county office follows it: each town's part, how
// much is fixed or overdue, and the town's 整改情况反馈 when it came.
import { Link, useParams } from 'react-router';
import { Card, Descriptions, Progress, Space, Table, Tag, Typography } from 'antd';
import { errorMessage } from '../../../api/client.ts';
import { useCountyNotice, type CountyNotice } from './api.ts';
import { usePageTitle } from '../../../components/PageHeader.tsx';

type Town = CountyNotice['towns'][number];

export default function CountyNoticePage() {
  const id = Number(useParams().id);
  const q = useCountyNotice(id);
  usePageTitle(q.data?.title);
  const n = q.data;
  if (!n) return <Card loading={q.isLoading}>{q.error ? errorMessage(q.error) : null}</Card>;
  const columns = [
    { title: '乡镇', dataIndex: 'townName', width: 140, render: (t: string, r: Town) => <Link to={`/notices/${r.noticeId}`}>{t}</Link> },
    { title: '问题数', dataIndex: 'items', width: 80 },
    {
      title: '整改进度',
      key: 'p',
      width: 200,
      render: (_: unknown, r: Town) => (
        <Progress size="small" percent={r.items ? Math.round((r.closed / r.items) * 100) : 0} format={() => `${r.closed}/${r.items}`} />
      ),
    },
    { title: '超期未办结', dataIndex: 'overdue', width: 110, render: (v: number) => (v ? <Tag color="red">{v} 个</Tag> : '—') },
    {
      title: '整改情况反馈',
      key: 'fb',
      render: (_: unknown, r: Town) =>
        r.feedback ? (
          <div>
            <Tag color="green">已反馈</Tag>
            <Typography.Text type="secondary">
              {r.feedback.at.slice(0, 10)} {r.feedback.byName ?? ''}
            </Typography.Text>
            <div style={{ whiteSpace: 'pre-wrap' }}>{r.feedback.note}</div>
          </div>
        ) : (
          <Tag color="gold">未反馈</Tag>
        ),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={n.title}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'kind', label: '类型', children: n.kindLabel },
            { key: 'no', label: '文号', children: n.docNumber },
            { key: 'issuer', label: '发文机关', children: n.issuer },
            { key: 'date', label: '发文日期', children: n.issueDate },
            { key: 'due', label: '整改期限', children: n.dueDate ?? '按问题类别' },
            { key: 'fed', label: '已反馈', children: `${n.progress.fedBack}/${n.progress.towns} 个乡镇` },
          ]}
        />
        {n.intro && <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{n.intro}</Typography.Paragraph>}
      </Card>
      <Card
        title="各乡镇整改与反馈"
        size="small"
        extra={
          <span>
            已整改 {n.progress.closed}/{n.progress.items}
          </span>
        }
      >
        <Table rowKey="noticeId" size="small" pagination={false} dataSource={n.towns} columns={columns} scroll={{ x: 800 }} />
      </Card>
    </Space>
  );
}
