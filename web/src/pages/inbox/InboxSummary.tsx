// 我的待办 on the home page and the workbench: the open items per kind, each a
// link into the inbox filtered to that kind; overdue ones in red.
import { Link } from 'react-router';
import { Badge, Card, Space, Tag } from 'antd';
import { useInboxCounts } from './api.ts';
import { EmptyState } from '../../components/EmptyState.tsx';

export function InboxSummary() {
  const c = useInboxCounts().data;
  const kinds = (c?.kinds ?? []).filter((k) => k.open > 0);
  return (
    <Card
      size="small"
      title={<Space>我的待办{c && <Badge count={c.open} overflowCount={999} color={c.overdue ? '#f5222d' : '#fa8c16'} showZero={false} />}</Space>}
      extra={<Link to="/inbox">全部待办</Link>}
      style={{ marginBottom: 16 }}
    >
      {!c ? (
        <div style={{ color: '#999' }}>正在加载…</div>
      ) : kinds.length === 0 ? (
        <EmptyState text="暂无待办。需要您审批、接收或核查的事项会出现在这里。" />
      ) : (
        <Space wrap>
          {kinds.map((k) => (
            <Link key={k.kind} to={`/inbox?kind=${k.kind}`}>
              <Tag color={k.overdue ? 'red' : 'blue'} style={{ padding: '4px 10px', fontSize: 14, cursor: 'pointer' }}>
                {k.label} {k.open}
                {k.overdue ? `（超期 ${k.overdue}）` : ''}
              </Tag>
            </Link>
          ))}
        </Space>
      )}
    </Card>
  );
}
