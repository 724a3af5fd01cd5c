// 工作台, the office's landing page: a card per queue with its count, each
// opening the filtered list, and "今天需要我处理的" with overdue first.
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Card, List, Skeleton, Space, Tag, Typography } from 'antd';
import { EnvironmentOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import { fmtDate } from '../../components/format.ts';
import { fmtDay, OverdueTag, StateTag, TierTag } from '../problems/labels.tsx';
import { filterSearch, type ListItem, type ProblemFilter, type Workbench } from '../problems/views-api.ts';
import '../problems/views.css';
import { keys } from '../../api/keys.ts';
import { InboxSummary } from '../inbox/InboxSummary.tsx';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';

interface Queue {
  key: string;
  label: string;
  count: (w: Workbench) => number;
  filter: ProblemFilter;
  sort?: string;
  hint?: string;
  alert?: boolean;
}

const RUNNING: ProblemFilter['state'] = ['dispatched', 'rectifying', 'rectified'];

const QUEUES: Queue[] = [
  { key: 'reported', label: '待立案', count: (w) => w.byState.reported, filter: { state: ['reported'] }, hint: '含群众随手拍' },
  { key: 'filed', label: '待派遣', count: (w) => w.byState.filed, filter: { state: ['filed'] } },
  { key: 'dispatched', label: '待接收', count: (w) => w.byState.dispatched, filter: { state: ['dispatched'] } },
  { key: 'rectifying', label: '整改中', count: (w) => w.byState.rectifying, filter: { state: ['rectifying'] } },
  { key: 'rectified', label: '待核查', count: (w) => w.byState.rectified, filter: { state: ['rectified'] } },
  { key: 'overdue', label: '超期', count: (w) => w.overdue, filter: { overdue: true }, sort: 'due', alert: true },
  { key: 'dueToday', label: '今日到期', count: (w) => w.dueToday, filter: { state: RUNNING }, sort: 'due', hint: '按期限排序', alert: true },
  {
    key: 'extensions',
    label: '延期待批',
    count: (w) => w.pendingExtensions,
    filter: { state: ['dispatched', 'rectifying'] },
    sort: 'due',
    hint: '在问题页审批',
  },
  { key: 'flagged', label: '群众不满意', count: (w) => w.flagged, filter: { flagged: true }, alert: true },
];

function where(p: ListItem) {
  return [p.regionName, p.placeName].filter(Boolean).join(' · ') || '—';
}

export default function WorkbenchPage() {
  const me = useMe().data!;
  const navigate = useNavigate();
  const wb = useQuery({ queryKey: keys.problems.workbench(), queryFn: () => api.get<Workbench>('/problems/workbench'), refetchInterval: 60_000 });
  const w = wb.data;
  const todo = w?.myActions.items ?? [];

  return (
    <div>
      <PageExtra>
        <Space wrap>
          <Link to="/map">
            <Button icon={<EnvironmentOutlined aria-hidden />}>问题地图</Button>
          </Link>
          {me.can['problem.report'] && (
            <Link to="/problems/new">
              <Button type="primary" icon={<PlusOutlined aria-hidden />}>
                上报问题
              </Button>
            </Link>
          )}
        </Space>
      </PageExtra>
      <InboxSummary />
      {wb.isError && (
        <Alert
          type="error"
          showIcon
          title={`工作台加载失败：${errorMessage(wb.error)}`}
          style={{ marginBottom: 12 }}
          action={
            <Button size="small" onClick={() => wb.refetch()}>
              重试
            </Button>
          }
        />
      )}
      <div className="queue-grid" data-testid="queues">
        {QUEUES.filter((q) => q.key !== 'flagged' || (w?.flagged ?? 0) > 0).map((q) => {
          const n = w ? q.count(w) : null;
          return (
            <Link
              key={q.key}
              to={`/problems${filterSearch(q.filter, { sort: q.sort })}`}
              className={`queue-card${n ? (q.alert ? ' queue-alert' : '') : ' queue-zero'}`}
              aria-label={`${q.label} ${n ?? ''} 个`}
            >
              <div className="queue-label">{q.label}</div>
              <div className="queue-count">{n === null ? <Skeleton.Button active size="small" /> : n}</div>
              {q.hint && <div className="queue-hint">{q.hint}</div>}
            </Link>
          );
        })}
      </div>

      <Card
        title={<span>今天需要我处理的{w ? `（${w.myActions.total}）` : ''}</span>}
        size="small"
        extra={w && <Typography.Text type="secondary">{fmtDate(w.today)}</Typography.Text>}
      >
        <List<ListItem>
          loading={wb.isLoading}
          dataSource={todo}
          locale={{ emptyText: <EmptyState text="今天没有等您处理的问题。可以查看各队列，或到“问题地图”看看全镇的情况。" /> }}
          renderItem={(p) => (
            <List.Item
              style={{ cursor: 'pointer', padding: '10px 4px' }}
              onClick={() => navigate(`/problems/${p.id}`)}
              extra={<RightOutlined aria-hidden style={{ color: '#bbb' }} />}
              data-testid="todo-item"
            >
              <div style={{ minWidth: 0, width: '100%' }}>
                <Space size={6} wrap>
                  <StateTag state={p.state} label={p.stateLabel} />
                  <b className="wrap-anywhere">{p.categoryName ?? '未分类'}</b>
                  <TierTag tier={p.tier} />
                  <OverdueTag overdue={p.overdue} days={p.overdueDays} />
                  {p.flagged && <Tag color="red">群众不满意</Tag>}
                  {p.source === 'resident' && <Tag color="gold">随手拍</Tag>}
                </Space>
                <div className="wrap-anywhere" style={{ color: '#555', fontSize: 13, marginTop: 2 }}>
                  {p.description}
                </div>
                <Space size={8} wrap style={{ color: '#999', fontSize: 12 }}>
                  <span className="mono">{p.code}</span>
                  <span>{where(p)}</span>
                  {p.unitName && <span>→ {p.unitName}</span>}
                  {p.dueDate && <span>限 {fmtDay(p.dueDate)}</span>}
                </Space>
              </div>
            </List.Item>
          )}
        />
        {w && w.myActions.total > todo.length && (
          <div style={{ textAlign: 'center', marginTop: 8 }}>
            <Link to="/problems?mine=1">还有 {w.myActions.total - todo.length} 个，查看全部</Link>
          </div>
        )}
      </Card>
    </div>
  );
}
