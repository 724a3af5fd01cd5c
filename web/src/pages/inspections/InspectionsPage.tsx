// 巡查记录 (/inspections): the history of patrols, supervisions, visits and
// mock evaluations, filtered by kind, community, person, place, dates, state
// and batch (all in the URL, so a filtered list can be shared); a row opens
// the inspection. Keyset pages of 50, newest first ("加载更多").
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Card, DatePicker, Grid, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { INSPECTION_STATE_LABELS, INSPECTION_STATES } from '../../../../domain/inspections/vocab.ts';
import { useBatches, useInspections, type InspectionRow } from './api.ts';
import { PersonSelect, PlaceSelect } from './pickers.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { defaultRegion } from './region.ts';
import { KIND_OPTIONS, Rate } from './shared.tsx';
import { shortCommunityName } from '../../../../domain/regions.ts';

const FILTER_KEYS = ['kind', 'regionCode', 'inspectorId', 'placeId', 'from', 'to', 'state', 'batch'] as const;

export default function InspectionsPage() {
  const me = useMe().data;
  const navigate = useNavigate();
  const wide = !!Grid.useBreakpoint().xl;
  const [sp, setSp] = useSearchParams();
  const get = (k: string) => sp.get(k) ?? undefined;
  const set = (patch: Record<string, string | number | null | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch))
      if (v === null || v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    setSp(next, { replace: true });
  };
  const filter = Object.fromEntries(FILTER_KEYS.map((k) => [k, get(k)]));
  const q = useInspections({ ...filter, limit: 50 });
  const home = me ? defaultRegion(me) : null;
  const batches = useBatches(filter.regionCode ?? home);
  const range = filter.from && filter.to ? ([dayjs(filter.from), dayjs(filter.to)] as [dayjs.Dayjs, dayjs.Dayjs]) : null;
  const anyFilter = FILTER_KEYS.some((k) => sp.has(k));

  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label="检查类型"
          allowClear
          placeholder="检查类型"
          style={{ width: 130 }}
          value={filter.kind}
          onChange={(v) => set({ kind: v })}
          options={KIND_OPTIONS}
        />
        <RegionTreeSelect
          value={filter.regionCode ?? null}
          onChange={(v) => set({ regionCode: v, placeId: null })}
          levels={['town', 'community']}
          placeholder="社区"
          style={{ width: 190 }}
        />
        {me?.can['person.read'] && (
          <PersonSelect
            value={filter.inspectorId ? Number(filter.inspectorId) : null}
            onChange={(v) => set({ inspectorId: v })}
            regionCode={filter.regionCode}
            style={{ width: 150 }}
          />
        )}
        <PlaceSelect
          value={filter.placeId ? Number(filter.placeId) : null}
          onChange={(v) => set({ placeId: v })}
          regionCode={filter.regionCode}
          style={{ width: 190 }}
        />
        <DatePicker.RangePicker
          aria-label="日期范围"
          value={range}
          inputReadOnly
          placeholder={['开始日期', '结束日期']}
          onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD') ?? null, to: v?.[1]?.format('YYYY-MM-DD') ?? null })}
        />
        <Select
          aria-label="状态"
          allowClear
          placeholder="状态"
          style={{ width: 100 }}
          value={filter.state}
          onChange={(v) => set({ state: v })}
          options={INSPECTION_STATES.map((s) => ({ value: s, label: INSPECTION_STATE_LABELS[s] }))}
        />
        <Select
          aria-label="批次"
          allowClear
          placeholder="测评批次"
          style={{ width: 200 }}
          value={filter.batch}
          onChange={(v) => set({ batch: v })}
          notFoundContent="还没有测评批次"
          options={(batches.data?.items ?? []).map((b) => ({ value: b.batch, label: b.batch }))}
        />
        {anyFilter && (
          <Button type="link" onClick={() => setSp(new URLSearchParams(), { replace: true })}>
            清除筛选
          </Button>
        )}
      </Space>
      {q.error && <Typography.Paragraph type="danger">{q.error instanceof ApiError ? q.error.message : '加载失败，请稍后重试'}</Typography.Paragraph>}
      <Table<InspectionRow>
        rowKey="id"
        size="middle"
        loading={q.isFetching && !q.isFetchingNextPage}
        dataSource={q.items}
        scroll={wide ? undefined : { x: 960 }}
        pagination={false}
        locale={{
          emptyText: anyFilter ? (
            <EmptyState text="没有符合筛选条件的记录。请放宽条件，或清除筛选。" />
          ) : (
            <EmptyState
              text="还没有巡查记录。街巷长、督查组在手机端“开始巡查”后，记录会出现在这里。"
              action={me?.can['inspection.record'] && <Button href="/m/">打开手机巡查</Button>}
            />
          ),
        }}
        onRow={(r) => ({ onClick: () => navigate(`/inspections/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: '日期',
            dataIndex: 'onDate',
            width: 108,
            render: (d: string, r) => (
              <Link to={`/inspections/${r.id}`} onClick={(e) => e.stopPropagation()}>
                {d}
              </Link>
            ),
          },
          { title: '类型', dataIndex: 'kindLabel', width: 100 },
          {
            title: '地点',
            key: 'place',
            render: (_: unknown, r) => (
              <span className="wrap-anywhere">
                {r.place ? (
                  <Link to={`/inspections/points/${r.place.id}`} onClick={(e) => e.stopPropagation()}>
                    {r.place.name}
                  </Link>
                ) : (
                  (r.regionName ?? '—')
                )}
              </span>
            ),
          },
          { title: '社区', dataIndex: 'communityName', width: 110, render: (n: string | null) => shortCommunityName(n) ?? '—' },
          { title: '检查人', key: 'inspector', width: 90, render: (_: unknown, r) => r.inspector.name },
          { title: '评价项数', dataIndex: 'gradedItems', width: 80, render: (n: number, r) => (r.kind === 'patrol' && !n ? '—' : n) },
          { title: '得分率', dataIndex: 'rate', width: 84, render: (r: number | null) => <Rate rate={r} /> },
          { title: '发现问题', dataIndex: 'problemsFound', width: 80 },
          { title: '批次', dataIndex: 'batch', width: 140, ellipsis: { showTitle: true }, render: (b: string | null) => b ?? '—' },
          { title: '状态', dataIndex: 'stateLabel', width: 76 },
        ]}
      />
      <LoadMore list={q} />
    </Card>
  );
}
