// 问题列表: the whole filter (and the sort) lives in the URL query, so a
// list can be shared and back/forward works; quick tabs are presets of the
// same filter. Keyset pages from the server's cursor ("加载更多"); the
// filtered list exports as .xlsx; the office imports a list from .xlsx.
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Card, Grid, List, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, EnvironmentOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import type { ProblemState } from '../../../../domain/problems/vocab.ts';
import { fmtDateTime } from '../../components/format.ts';
import { FilterBar } from './FilterBar.tsx';
import { ImportProblemsModal } from './ImportProblemsModal.tsx';
import { fmtDay, OverdueTag, StateTag, TierTag } from './labels.tsx';
import {
  filterQuery,
  filterSearch,
  isEmptyFilter,
  parseFilter,
  parseSort,
  SORT_LABELS,
  SORTS,
  type ListItem,
  type ListPage,
  type ProblemFilter,
  type Sort,
} from './views-api.ts';
import { keys } from '../../api/keys.ts';
import { BulkBar, bulkSelectable } from './BulkActions.tsx';
import { ProblemDrawer } from './ProblemDrawer.tsx';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';

const TABS: { key: string; label: string; filter: ProblemFilter }[] = [
  { key: 'all', label: '全部', filter: {} },
  { key: 'mine', label: '我的', filter: { mine: true } },
  { key: 'reported', label: '待立案', filter: { state: ['reported'] } },
  { key: 'filed', label: '待派遣', filter: { state: ['filed'] } },
  { key: 'dispatched', label: '待接收', filter: { state: ['dispatched'] } },
  { key: 'rectifying', label: '整改中', filter: { state: ['rectifying'] } },
  { key: 'rectified', label: '待核查', filter: { state: ['rectified'] } },
  { key: 'overdue', label: '超期', filter: { overdue: true } },
  { key: 'closed', label: '已结案', filter: { state: ['closed'] } },
];

const EMPTY: Record<string, string> = {
  mine: '还没有与您相关的问题。发现问题请点击“上报问题”；派给您单位的问题也会出现在这里。',
  reported: '没有待立案的问题。新上报的问题（包括群众随手拍）会先出现在这里，由镇创城办立案或不予立案。',
  filed: '没有待派遣的问题。已立案的问题在这里派往责任单位。',
  dispatched: '没有待接收的问题。',
  rectifying: '没有正在整改的问题。',
  rectified: '没有待核查的问题。责任单位提交整改后会出现在这里。',
  overdue: '没有超期的问题。',
  closed: '还没有已结案的问题。',
  all: '还没有问题。点击“上报问题”记录发现的第一个问题。',
};

function tabOf(f: ProblemFilter): string | undefined {
  const key = JSON.stringify(filterQuery(f));
  return TABS.find((t) => JSON.stringify(filterQuery(t.filter)) === key)?.key;
}

function where(p: ListItem) {
  return [p.regionName, p.placeName].filter(Boolean).join(' · ') || '—';
}

/** 社区 / 点位 in two lines: the community (or grid), then the place or the address. */
function Where({ p }: { p: ListItem }) {
  const place = p.placeName ?? p.address;
  return (
    <div className="wrap-anywhere">
      <div>{p.regionName ?? '—'}</div>
      {place && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {place}
        </Typography.Text>
      )}
    </div>
  );
}

function Due({ p }: { p: ListItem }) {
  if (!p.dueDate) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4} wrap>
      <span>{fmtDay(p.dueDate)}</span>
      <OverdueTag overdue={p.overdue} days={p.overdueDays} />
    </Space>
  );
}

export default function ProblemsPage() {
  const me = useMe().data!;
  const wide = !!Grid.useBreakpoint().md;
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => parseFilter(params), [params]);
  const sort = parseSort(params);
  const query = filterQuery(filter);
  const office = me.can['problem.office'];
  const tab = tabOf(filter);
  const [importing, setImporting] = useState(false);
  const [selected, setSelected] = useState<ListItem[]>([]);
  const [peek, setPeek] = useState<ListItem | null>(null);
  const queryKey = JSON.stringify([query, sort]);
  // Another filter shows other rows: what was selected is no longer in view.
  useEffect(() => setSelected([]), [queryKey]);

  // Every change is a new history entry: back returns to the previous filter.
  const go = (f: ProblemFilter, s: Sort = sort) => setParams(new URLSearchParams({ ...filterQuery(f), ...(s !== 'created' ? { sort: s } : {}) }));

  const list = useInfiniteQuery({
    queryKey: keys.problems.list(query, sort),
    queryFn: ({ pageParam }) => api.get<ListPage>('/problems', { ...query, sort, cursor: pageParam, limit: 50, withTotal: pageParam ? undefined : 1 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const first = list.data?.pages[0];
  const exportHref = `/api/problems/export.xlsx${filterSearch(filter, { sort: sort !== 'created' ? sort : undefined })}`;
  const emptyText = tab ? EMPTY[tab] : '没有符合条件的问题。可以放宽筛选条件，或点击“清空筛选”。';
  const empty = <EmptyState text={emptyText} />;
  const sortOrder = (s: Sort) => (sort === s ? (s === 'due' ? ('ascend' as const) : ('descend' as const)) : null);

  return (
    <div>
      <PageExtra>
        <Space wrap>
          <Link to={`/map${filterSearch(filter)}`}>
            <Button icon={<EnvironmentOutlined aria-hidden />}>地图</Button>
          </Link>
          <Button href={exportHref} icon={<DownloadOutlined aria-hidden />}>
            导出 Excel
          </Button>
          {office && (
            <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
              导入 Excel
            </Button>
          )}
          {office && (
            <Button href="/api/plans/responsibility-list.xlsx" icon={<DownloadOutlined aria-hidden />}>
              问题责任清单
            </Button>
          )}
          {me.can['problem.report'] && (
            <Link to="/problems/new">
              <Button type="primary" icon={<PlusOutlined aria-hidden />}>
                上报问题
              </Button>
            </Link>
          )}
        </Space>
      </PageExtra>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs activeKey={tab ?? ''} onChange={(k) => go(TABS.find((t) => t.key === k)!.filter)} items={TABS.map((t) => ({ key: t.key, label: t.label }))} />
        <FilterBar
          value={filter}
          onChange={(f) => go(f)}
          extra={
            <Select
              aria-label="排序"
              value={sort}
              onChange={(s) => go(filter, s)}
              options={SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))}
              style={{ minWidth: 140 }}
            />
          }
        />
        {first?.total !== undefined && (
          <div style={{ color: '#666', marginBottom: 8 }} aria-live="polite">
            共 {first.total}
            {first.totalCapped ? '+' : ''} 个问题{!isEmptyFilter(filter) && !tab ? '（已筛选）' : ''}
          </div>
        )}
        {office && wide && <BulkBar selected={selected} onClear={() => setSelected([])} onDone={() => void list.refetch()} />}
        {wide ? (
          <Table<ListItem>
            rowKey="id"
            size="middle"
            loading={list.isLoading}
            dataSource={items}
            pagination={false}
            locale={{ emptyText: empty }}
            showSorterTooltip={false}
            // The office selects new and filed problems to 立案 / 立案并派遣 together.
            rowSelection={
              office
                ? {
                    selectedRowKeys: selected.map((p) => p.id),
                    onChange: (_k, rows) => setSelected(rows),
                    getCheckboxProps: (p) => ({ disabled: !bulkSelectable(p), 'aria-label': `选择 ${p.code}` }),
                  }
                : undefined
            }
            onChange={(_p, _f, sorter) => {
              const s = Array.isArray(sorter) ? sorter[0] : sorter;
              const key = s?.columnKey as Sort | undefined;
              if (key && (SORTS as readonly string[]).includes(key) && key !== sort) go(filter, key);
              else if (!s?.order && sort !== 'created') go(filter, 'created');
            }}
            onRow={(p) => ({
              // A click on the selection box selects, on a link follows it; elsewhere on the row it opens the drawer with the rest.
              onClick: (e) => {
                if (!(e.target as HTMLElement).closest('.ant-table-selection-column, a')) setPeek(p);
              },
              style: { cursor: 'pointer' },
            })}
            // What the office acts on, whole at 1440 px (nothing cut off); the rest is in the row's drawer.
            columns={[
              {
                title: '问题',
                key: 'what',
                render: (_: unknown, p) => (
                  <div className="wrap-anywhere">
                    <div>{p.description}</div>
                    <Space size={4} wrap style={{ fontSize: 12, marginTop: 2 }}>
                      <Link to={`/problems/${p.id}`} className="mono">
                        {p.code}
                      </Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {p.categoryName ?? '未分类'}
                      </Typography.Text>
                      <TierTag tier={p.tier} />
                      {p.flagged && <Tag color="red">群众不满意</Tag>}
                      {p.reworkCount > 0 && <Tag color="volcano">返工 {p.reworkCount}</Tag>}
                    </Space>
                  </div>
                ),
              },
              { title: '社区 / 点位', key: 'where', width: 190, render: (_: unknown, p) => <Where p={p} /> },
              { title: '状态', dataIndex: 'state', width: 96, render: (_: unknown, p) => <StateTag state={p.state as ProblemState} label={p.stateLabel} /> },
              {
                title: '整改期限',
                key: 'due',
                dataIndex: 'dueDate',
                width: 140,
                sorter: true,
                sortOrder: sortOrder('due'),
                sortDirections: ['ascend'],
                render: (_: unknown, p) => <Due p={p} />,
              },
              {
                title: '责任单位',
                dataIndex: 'unitName',
                width: 170,
                render: (v: string | null) => <span className="wrap-anywhere">{v ?? <Typography.Text type="secondary">未派遣</Typography.Text>}</span>,
              },
              {
                title: '上报时间',
                key: 'created',
                dataIndex: 'createdAt',
                width: 150,
                sorter: true,
                sortOrder: sortOrder('created'),
                sortDirections: ['descend'],
                render: (v: string) => fmtDateTime(v),
              },
            ]}
          />
        ) : (
          <List<ListItem>
            loading={list.isLoading}
            dataSource={items}
            locale={{ emptyText: empty }}
            renderItem={(p) => (
              <List.Item style={{ padding: '10px 0', cursor: 'pointer' }} onClick={() => navigate(`/problems/${p.id}`)}>
                <div style={{ width: '100%', minWidth: 0 }}>
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
                    <b className="wrap-anywhere">{p.categoryName ?? '未分类'}</b>
                    <StateTag state={p.state as ProblemState} label={p.stateLabel} />
                  </div>
                  <div className="wrap-anywhere" style={{ color: '#666', fontSize: 13, margin: '2px 0' }}>
                    {where(p)}
                    {p.unitName ? ` → ${p.unitName}` : ''}
                  </div>
                  <Space size={4} wrap style={{ fontSize: 12 }}>
                    <span className="mono" style={{ color: '#999' }}>
                      {p.code}
                    </span>
                    <TierTag tier={p.tier} />
                    {p.dueDate && <span style={{ color: '#666' }}>限 {fmtDay(p.dueDate)}</span>}
                    <OverdueTag overdue={p.overdue} days={p.overdueDays} />
                    {p.reworkCount > 0 && <Tag color="volcano">返工 {p.reworkCount}</Tag>}
                    {p.flagged && <Tag color="red">群众不满意</Tag>}
                  </Space>
                </div>
              </List.Item>
            )}
          />
        )}
        {list.hasNextPage && (
          <div style={{ textAlign: 'center', marginTop: 12 }}>
            <Button loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
              加载更多
            </Button>
          </div>
        )}
        {list.isError && <Typography.Text type="danger">问题列表加载失败：{(list.error as Error)?.message ?? '请刷新重试'}</Typography.Text>}
      </Card>
      <ProblemDrawer p={peek} onClose={() => setPeek(null)} />
      {importing && (
        <ImportProblemsModal
          exportHref={exportHref}
          onClose={() => setImporting(false)}
          onImported={() => {
            void qc.invalidateQueries({ queryKey: keys.problems.all });
          }}
        />
      )}
    </div>
  );
}
