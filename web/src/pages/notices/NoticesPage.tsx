// 通报: notices issued by the town (督查通报, 暗访情况通报) and received from the county.
import { Link, useSearchParams } from 'react-router';
import { Button, Card, Progress, Space, Table, Tabs, Tag } from 'antd';
import { PlusOutlined, ImportOutlined } from '@ant-design/icons';
import { useMe } from '../../api/queries.ts';
import { useNotices, type NoticeSummary } from './api.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';

const STATE_COLORS: Record<string, string> = { draft: 'default', submitted: 'gold', approved: 'blue', published: 'green', recorded: 'green' };

export default function NoticesPage() {
  const [sp, setSp] = useSearchParams();
  const direction = sp.get('tab') === 'received' ? 'received' : 'issued';
  const q = useNotices(direction);
  const me = useMe().data;
  const compose = !!me?.can['notice.compose'];
  const draft = !!me?.can['notice.draft'];
  const columns = [
    {
      title: '期号 / 文号',
      key: 'no',
      render: (_: unknown, n: NoticeSummary) => (
        <Link to={`/notices/${n.id}`}>
          {n.docNumber ?? '（未编号）'}
          {n.issueLabel ? <div style={{ color: '#888' }}>{n.issueLabel}</div> : null}
        </Link>
      ),
    },
    { title: '类型', dataIndex: 'kindLabel' },
    { title: '标题', dataIndex: 'title', render: (t: string, n: NoticeSummary) => <Link to={`/notices/${n.id}`}>{t}</Link> },
    { title: '发文日期', dataIndex: 'issueDate' },
    { title: '状态', dataIndex: 'stateLabel', render: (s: string, n: NoticeSummary) => <Tag color={STATE_COLORS[n.state]}>{s}</Tag> },
    {
      title: '整改进度',
      key: 'progress',
      width: 180,
      render: (_: unknown, n: NoticeSummary) =>
        n.itemCount ? (
          <Progress size="small" percent={Math.round(((n.closedCount ?? 0) / n.itemCount) * 100)} format={() => `${n.closedCount}/${n.itemCount}`} />
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Card>
      <PageExtra>
        {draft && (
          <Space>
            <Link to="/notices/new">
              <Button type="primary" icon={<PlusOutlined aria-hidden />}>
                {compose ? '新建通报' : '起草通报'}
              </Button>
            </Link>
            {compose && (
              <Link to="/notices/received/new">
                <Button icon={<ImportOutlined aria-hidden />}>登记县级通报</Button>
              </Link>
            )}
          </Space>
        )}
      </PageExtra>
      <Tabs
        activeKey={direction}
        onChange={(k) => setSp({ tab: k })}
        items={[
          { key: 'issued', label: '本镇印发' },
          { key: 'received', label: '县级通报 / 周报' },
        ]}
      />
      <Table
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.items}
        columns={columns}
        pagination={false}
        locale={{
          emptyText:
            direction === 'issued' ? (
              <EmptyState
                text={
                  draft
                    ? '本镇还没有印发通报。督查发现问题后，点击右上角的按钮，把一段时间的问题编成督查通报，审批后印发并跟踪整改。'
                    : '本镇还没有印发通报。镇创城办印发的督查通报会出现在这里。'
                }
              />
            ) : (
              <EmptyState
                text={
                  compose
                    ? '还没有县级通报或周报。县创城办在系统中下发的通报会自动出现在这里；纸质的通报点击右上角“登记县级通报”录入，逐条跟踪整改。'
                    : '还没有县级通报或周报。县创城办下发的通报会出现在这里。'
                }
              />
            ),
        }}
      />
      <LoadMore list={q} />
    </Card>
  );
}
