// 群众点单: residents' orders to the practice institute/stations, unanswered
// first with their age; each opens its page (派单, 接单, 退回).
import { Link, useSearchParams } from 'react-router';
import { Select, Space, Table, Tag } from 'antd';
import { LoadMore } from '../../components/LoadMore.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ORDER_STATE_LABELS, ORDER_STATES } from '../../../../domain/volunteers.ts';
import type { OrderItem } from '../../../../domain/api/volunteers.ts';
import { useOrders } from './api.ts';

export const ORDER_COLORS: Record<string, string> = { received: 'red', dispatched: 'orange', accepted: 'blue', rated: 'green' };

export function OrdersTab({ params }: { params: URLSearchParams }) {
  const [, setSp] = useSearchParams();
  const f = Object.fromEntries(['state', 'unanswered', 'answered', 'region', 'from', 'to'].map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v));
  const list = useOrders(f);
  const view = f.unanswered === '1' ? 'unanswered' : (f.state ?? 'all');
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 180 }}
          value={view}
          onChange={(v) => setSp(v === 'all' ? {} : v === 'unanswered' ? { unanswered: '1' } : { state: v }, { replace: true })}
          options={[
            { value: 'all', label: '全部点单' },
            { value: 'unanswered', label: '未接单（待派单、待接单）' },
            ...ORDER_STATES.map((s) => ({ value: s, label: ORDER_STATE_LABELS[s] })),
          ]}
        />
      </Space>
      <Table<OrderItem>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{
          emptyText: list.isPending ? (
            '正在加载…'
          ) : (
            <EmptyState text="没有符合条件的点单。群众在“随手拍”页面的“我要点单”提交后会出现在这里，并进入实践站的待办。" />
          ),
        }}
        columns={[
          { title: '点单日期', width: 110, render: (_, o) => String(o.createdAt).slice(0, 10) },
          { title: '服务类别', dataIndex: 'kind', width: 110, render: (k: string, o) => <Link to={`/volunteers/orders/${o.id}`}>{k}</Link> },
          { title: '实践所（站）', width: 200, render: (_, o) => o.station.name },
          { title: '期望时间', width: 150, render: (_, o) => `${o.wishedOn}${o.wishedTime ? ` ${o.wishedTime}` : ''}` },
          { title: '地点', dataIndex: 'place' },
          { title: '志愿服务队', width: 180, render: (_, o) => o.team?.name ?? '—' },
          {
            title: '状态',
            width: 150,
            render: (_, o) => (
              <>
                <Tag color={ORDER_COLORS[o.state]}>{o.stateLabel}</Tag>
                {(o.state === 'received' || o.state === 'dispatched') && <span>已等 {o.ageDays} 天</span>}
              </>
            ),
          },
          { title: '评价', width: 80, render: (_, o) => (o.rating ? `${o.rating} 分` : '—') },
        ]}
      />
      <LoadMore list={list} />
    </>
  );
}
