// 问题: a simple list by state (and 我的), newest first, "加载更多" by id.
// The full workbench (search, map, Excel) is a later issue.
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Card, Empty, Grid, List, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import type { ProblemState } from '../../../../domain/problems/vocab.ts';
import type { ProblemList, ProblemListItem } from './api.ts';
import { fmtDay, OverdueTag, StateTag, TierTag } from './labels.tsx';

const TABS: { key: string; label: string; state?: ProblemState; mine?: boolean }[] = [
  { key: 'mine', label: '我的', mine: true },
  { key: 'reported', label: '待立案', state: 'reported' },
  { key: 'filed', label: '待派遣', state: 'filed' },
  { key: 'dispatched', label: '待接收', state: 'dispatched' },
  { key: 'rectifying', label: '整改中', state: 'rectifying' },
  { key: 'rectified', label: '待核查', state: 'rectified' },
  { key: 'closed', label: '已结案', state: 'closed' },
  { key: 'all', label: '全部' },
];

function where(p: ProblemListItem) {
  return [p.regionName, p.placeName].filter(Boolean).join(' · ') || '—';
}

function Due({ p }: { p: ProblemListItem }) {
  if (!p.dueDate) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Space size={4} wrap><span>{fmtDay(p.dueDate)}</span><OverdueTag days={p.overdueDays} /></Space>;
}

const EMPTY: Record<string, string> = {
  mine: '还没有与您相关的问题。发现问题请点击“上报问题”；派给您单位的问题也会出现在这里。',
  reported: '没有待立案的问题。新上报的问题会先出现在这里，由镇创城办立案或不予立案。',
  filed: '没有待派遣的问题。已立案的问题在这里派往责任单位。',
  dispatched: '没有待接收的问题。',
  rectifying: '没有正在整改的问题。',
  rectified: '没有待核查的问题。责任单位提交整改后会出现在这里。',
  closed: '还没有已结案的问题。',
  all: '还没有问题。点击“上报问题”记录发现的第一个问题。',
};

export default function ProblemsPage() {
  const me = useMe().data!;
  const wide = !!Grid.useBreakpoint().md;
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const office = me.can['problem.office'];
  const tabKey = params.get('tab') ?? (office ? 'reported' : 'mine');
  const tab = TABS.find((t) => t.key === tabKey) ?? TABS[0];
  const [limit] = useState(50);

  const list = useInfiniteQuery({
    queryKey: ['problems', 'list', tab.key],
    queryFn: ({ pageParam }) => api.get<ProblemList>('/problems', { state: tab.state, mine: tab.mine ? 1 : undefined, before: pageParam, limit }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={EMPTY[tab.key]} />;

  return (
    <div>
      <div className="page-title">
        <Typography.Title level={3}>问题</Typography.Title>
        <Space wrap>
          {office && <Button href="/api/plans/responsibility-list.xlsx" icon={<DownloadOutlined aria-hidden />}>问题责任清单</Button>}
          {me.can['problem.report'] && (
            <Link to="/problems/new"><Button type="primary" icon={<PlusOutlined aria-hidden />}>上报问题</Button></Link>
          )}
        </Space>
      </div>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs activeKey={tab.key} onChange={(k) => setParams({ tab: k }, { replace: true })} items={TABS.map((t) => ({ key: t.key, label: t.label }))} />
        {wide ? (
          <Table<ProblemListItem>
            rowKey="id"
            size="middle"
            loading={list.isLoading}
            dataSource={items}
            pagination={false}
            locale={{ emptyText: empty }}
            onRow={(p) => ({ onClick: () => navigate(`/problems/${p.id}`), style: { cursor: 'pointer' } })}
            columns={[
              { title: '编号', dataIndex: 'code', width: 130, render: (v: string, p) => <Link to={`/problems/${p.id}`} className="mono">{v}</Link> },
              { title: '状态', dataIndex: 'state', width: 90, render: (_: unknown, p) => <StateTag state={p.state} label={p.stateLabel} /> },
              { title: '类别', dataIndex: 'categoryName', render: (v: string | null, p) => <Space size={4} wrap>{v ?? '—'}<TierTag tier={p.tier} /></Space> },
              { title: '社区 / 点位', key: 'where', render: (_: unknown, p) => where(p) },
              { title: '责任单位', dataIndex: 'unitName', responsive: ['lg'], render: (v: string | null) => v ?? <Typography.Text type="secondary">未派遣</Typography.Text> },
              { title: '整改期限', dataIndex: 'dueDate', render: (_: unknown, p) => <Due p={p} /> },
              { title: '返工', dataIndex: 'reworkCount', width: 70, render: (v: number) => (v ? <Tag color="volcano">返工 {v}</Tag> : '—') },
            ]}
          />
        ) : (
          <List<ProblemListItem>
            loading={list.isLoading}
            dataSource={items}
            locale={{ emptyText: empty }}
            renderItem={(p) => (
              <List.Item style={{ padding: '10px 0', cursor: 'pointer' }} onClick={() => navigate(`/problems/${p.id}`)}>
                <div style={{ width: '100%', minWidth: 0 }}>
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
                    <b className="wrap-anywhere">{p.categoryName ?? '未分类'}</b>
                    <StateTag state={p.state} label={p.stateLabel} />
                  </div>
                  <div className="wrap-anywhere" style={{ color: '#666', fontSize: 13, margin: '2px 0' }}>{where(p)}{p.unitName ? ` → ${p.unitName}` : ''}</div>
                  <Space size={4} wrap style={{ fontSize: 12 }}>
                    <span className="mono" style={{ color: '#999' }}>{p.code}</span>
                    <TierTag tier={p.tier} />
                    {p.dueDate && <span style={{ color: '#666' }}>限 {fmtDay(p.dueDate)}</span>}
                    <OverdueTag days={p.overdueDays} />
                    {p.reworkCount > 0 && <Tag color="volcano">返工 {p.reworkCount}</Tag>}
                  </Space>
                </div>
              </List.Item>
            )}
          />
        )}
        {list.hasNextPage && (
          <div style={{ textAlign: 'center', marginTop: 12 }}>
            <Button loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>加载更多</Button>
          </div>
        )}
        {list.isError && <Typography.Text type="danger">问题列表加载失败，请刷新重试</Typography.Text>}
      </Card>
    </div>
  );
}
