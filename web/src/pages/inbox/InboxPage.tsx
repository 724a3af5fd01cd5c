// 待办: what waits on me — directly, through my role over my region, or
// through my unit: notices awaiting my approval, problems to accept or verify,
// extensions, 问责 decisions, rankings. Filter by kind, state and overdue;
// open an item to go to the page that resolves it.
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Card, Checkbox, List, Segmented, Select, Space, Tag, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { fmtDate, fmtDateTime } from '../../components/format.ts';
import type { InboxItem } from '../../../../domain/api/inbox.ts';
import { INBOX_KINDS } from '../../../../domain/inbox.ts';
import { useInboxCounts, useInboxList } from './api.ts';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';

const STATES = [
  { value: 'open', label: '待办' },
  { value: 'done', label: '已办' },
  { value: 'cancelled', label: '已撤销' },
];
const OWNER_LABELS = { person: '本人', role: '本岗位', unit: '本单位' } as const;

function Due({ item }: { item: InboxItem }) {
  if (!item.dueDate) return null;
  if (item.overdue)
    return (
      <Tag color="red" icon={<ClockCircleOutlined aria-hidden />}>
        {item.lateLabel}（期限 {item.dueDate}）
      </Tag>
    );
  return <Tag icon={<ClockCircleOutlined aria-hidden />}>{item.state === 'open' ? `请于 ${item.dueDate} 前办理` : `期限 ${item.dueDate}`}</Tag>;
}

export default function InboxPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') ?? undefined;
  const state = params.get('state') ?? 'open';
  const overdue = params.get('overdue') === '1';
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const counts = useInboxCounts();
  const list = useInboxList(kind, state, overdue);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const c = counts.data;
  const kindOptions = (c?.kinds ?? []).map((k) => ({ value: k.kind, label: k.open ? `${k.label}（${k.open}）` : k.label }));
  const filtered = !!kind || overdue || state !== 'open';
  const empty = filtered
    ? '没有符合条件的事项，可以换个类型或状态看看。'
    : '暂无待办，您已全部办完。需要您审批的通报、待接收或待核查的问题、延期申请、问责决定和红黑榜审批，会自动出现在这里，并同时发通知提醒。';

  return (
    <div className="narrow-page">
      <PageExtra>
        {c && (
          <Typography.Text type="secondary">
            共 {c.open} 项待办
            {c.overdue ? (
              <>
                ，其中 <Typography.Text type="danger">{c.overdue} 项已超期</Typography.Text>
              </>
            ) : (
              ''
            )}
          </Typography.Text>
        )}
      </PageExtra>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size={[12, 8]}>
          <Segmented options={STATES} value={state} onChange={(v) => set('state', v === 'open' ? undefined : String(v))} aria-label="状态" />
          <Select
            allowClear
            placeholder="全部类型"
            style={{ width: 200 }}
            value={kind}
            options={kindOptions}
            onChange={(v) => set('kind', v)}
            aria-label="待办类型"
          />
          {state === 'open' && (
            <Checkbox checked={overdue} onChange={(e) => set('overdue', e.target.checked ? '1' : undefined)}>
              只看已超期{c?.overdue ? `（${c.overdue}）` : ''}
            </Checkbox>
          )}
        </Space>
      </Card>
      <Card>
        <List<InboxItem>
          loading={list.isLoading}
          dataSource={items}
          locale={{ emptyText: <EmptyState text={empty} /> }}
          renderItem={(it) => (
            <List.Item
              style={{ cursor: 'pointer' }}
              onClick={() => navigate(it.link)}
              actions={[
                <Link key="go" to={it.link} onClick={(e) => e.stopPropagation()}>
                  {it.state === 'open' ? '去办理' : '查看'}
                </Link>,
              ]}
            >
              <div style={{ minWidth: 0 }}>
                <Space size={6} wrap>
                  <Tag color={it.state === 'open' ? (it.overdue ? 'red' : 'blue') : 'default'} style={{ marginInlineEnd: 0 }}>
                    {it.kindLabel}
                  </Tag>
                  <span className="wrap-anywhere" style={{ fontWeight: it.state === 'open' ? 600 : undefined }}>
                    {it.title}
                  </span>
                </Space>
                <div style={{ marginTop: 4 }}>
                  <Space size={4} wrap>
                    <Due item={it} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {OWNER_LABELS[it.owner.type]}：{it.owner.label} · {fmtDateTime(it.createdAt)}
                      {it.state !== 'open' &&
                        ` · ${it.stateLabel}${it.closedByName ? `（${it.closedByName}，${fmtDate(it.closedAt)}）` : ''}${it.closedNote ? `：${it.closedNote}` : ''}`}
                    </Typography.Text>
                  </Space>
                </div>
              </div>
            </List.Item>
          )}
        />
        {list.hasNextPage && (
          <div style={{ textAlign: 'center', marginTop: 12 }}>
            <Button onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
              加载更多
            </Button>
          </div>
        )}
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        待办由各业务自动生成和办结：
        {Object.values(INBOX_KINDS)
          .map((k) => k.label)
          .join('、')}
        。
      </Typography.Paragraph>
    </div>
  );
}
