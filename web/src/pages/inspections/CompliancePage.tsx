// 巡查考勤 (/inspections/compliance): expected vs done per kind and per
// community for a month, a row per person and per place, the misses the daily
// job recorded, and a person's month as a calendar. Figures come from the
// server (compliance.routes.ts); rate = done ÷ (done + missed).
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Card, Col, DatePicker, Result, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { chinaDate } from '../../../../domain/dates.ts';
import dayjs from 'dayjs';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import type { InspectionKind } from '../../../../domain/inspections/vocab.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { useCompliance, useMisses, usePersonCalendar, type Compliance, type Figures, type Miss } from './api.ts';
import { CalendarGrid } from './CalendarGrid.tsx';
import { defaultRegion } from './region.ts';
import { Rate } from './shared.tsx';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { shortCommunityName } from '../../../../domain/regions.ts';

const fig = (f?: Figures) =>
  f ? (
    <span>
      {f.done}/{f.expected} · <Rate rate={f.rate} />
      {f.missed > 0 && (
        <Tag color="red" style={{ marginInlineStart: 4 }}>
          漏 {f.missed}
        </Tag>
      )}
    </span>
  ) : (
    <Typography.Text type="secondary">—</Typography.Text>
  );
const figureColumns = <T extends Figures>() =>
  [
    { title: '应完成', dataIndex: 'expected', width: 80 },
    { title: '已完成', dataIndex: 'done', width: 80 },
    { title: '未完成', dataIndex: 'missed', width: 80, render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n) },
    { title: '待完成', dataIndex: 'due', width: 80 },
    { title: '完成率', dataIndex: 'rate', width: 90, render: (r: number | null) => <Rate rate={r} /> },
  ] as { title: string; dataIndex: keyof T & string; width: number; render?: (v: any) => React.ReactNode }[];

function KindCards({ c }: { c: Compliance }) {
  return (
    <Row gutter={[12, 12]}>
      {c.kinds.map((k) => (
        <Col key={k.kind} flex="1 1 200px">
          <Card size="small">
            <Statistic
              title={`${k.label}（${k.periodLabel}）`}
              value={k.rate === null ? '—' : (k.rate * 100).toFixed(1)}
              suffix={k.rate === null ? '' : '%'}
              valueStyle={{ color: k.rate !== null && k.rate < 0.9 ? '#cf1322' : undefined }}
            />
            <Typography.Text type="secondary">
              应 {k.expected} · 完成 {k.done} · 未完成 {k.missed} · 待完成 {k.due}
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function Communities({ c }: { c: Compliance }) {
  const kinds = c.kinds.filter((k) => c.communities.some((x) => x.kinds[k.kind]));
  return (
    <Table
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={c.communities}
      scroll={{ x: 200 + kinds.length * 170 }}
      locale={{ emptyText: '该范围内没有需要考勤的社区' }}
      columns={[
        { title: '社区', dataIndex: 'name', width: 160, fixed: 'left', render: (n: string) => shortCommunityName(n) },
        ...kinds.map((k) => ({
          title: k.label,
          key: k.kind,
          width: 170,
          render: (_: unknown, x: Compliance['communities'][number]) => fig(x.kinds[k.kind as InspectionKind]),
        })),
        { title: '合计完成率', key: 'total', width: 110, render: (_: unknown, x: Compliance['communities'][number]) => <Rate rate={x.total.rate} strong /> },
        { title: '未完成', key: 'missed', width: 80, render: (_: unknown, x: Compliance['communities'][number]) => x.total.missed },
      ]}
    />
  );
}

function Misses({ regionCode, month }: { regionCode: string; month: string }) {
  const [kind, setKind] = useState<string | undefined>();
  const q = useMisses({ regionCode, month, kind, limit: 50 });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        aria-label="类型"
        allowClear
        placeholder="全部类型"
        style={{ width: 140 }}
        value={kind}
        onChange={setKind}
        options={[
          { value: 'patrol', label: '街巷长巡查' },
          { value: 'supervision', label: '督查组督查' },
          { value: 'unannounced_visit', label: '领导暗访' },
          { value: 'demo_visit', label: '示范点考察' },
        ]}
      />
      <Table<Miss>
        rowKey="id"
        size="small"
        loading={q.isFetching && !q.isFetchingNextPage}
        dataSource={q.items}
        scroll={{ x: 760 }}
        pagination={false}
        locale={{ emptyText: '本月还没有记入的未完成记录。系统每天凌晨核对前一天及以前的巡查，把未完成的记入此表，供考核扣分。' }}
        columns={[
          {
            title: '应完成期间',
            key: 'period',
            width: 200,
            render: (_: unknown, m) => (m.periodStart === m.periodEnd ? m.periodStart : `${m.periodStart} 至 ${m.periodEnd}`),
          },
          { title: '类型', dataIndex: 'kindLabel', width: 110 },
          { title: '人员', dataIndex: 'personName', width: 100, render: (n: string | null) => shortCommunityName(n) ?? '—' },
          {
            title: '地点',
            dataIndex: 'placeName',
            render: (n: string | null, m) => (m.placeId ? <Link to={`/inspections/points/${m.placeId}`}>{n}</Link> : (n ?? '—')),
          },
          { title: '社区', dataIndex: 'communityName', width: 140, render: (n: string | null) => shortCommunityName(n) ?? '—' },
        ]}
      />
      <LoadMore list={q} />
    </Space>
  );
}

/** "（12-08 起）", "（至 12-07）": when a place was held for part of the month only. */
const heldSpan = (p: { validFrom: string; validTo: string | null }, range: { from: string; to: string }) => {
  const last = p.validTo ? dayjs(p.validTo).subtract(1, 'day').format('YYYY-MM-DD') : null;
  const from = p.validFrom > range.from ? `${p.validFrom.slice(5)} 起` : '';
  const to = last && last < range.to ? `至 ${last.slice(5)}` : '';
  return from || to ? `（${[from, to].filter(Boolean).join('，')}）` : '';
};

function PersonMonth({
  personId,
  month,
  people,
  onPick,
}: {
  personId: number | null;
  month: string;
  people: Compliance['people'];
  onPick: (id: number) => void;
}) {
  const q = usePersonCalendar(personId, month);
  const options = [...new Map(people.map((p) => [p.personId, p])).values()].map((p) => ({
    value: p.personId,
    label: `${p.name}（${p.kindLabel}${p.communityName ? `，${shortCommunityName(p.communityName)}` : ''}）`,
  }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        aria-label="人员"
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="选择街巷长或镇领导"
        style={{ width: 320 }}
        value={personId ?? undefined}
        onChange={onPick}
        options={options}
        notFoundContent="该范围内没有需要考勤的人员"
      />
      {!personId && <EmptyState text="选择一位街巷长或镇领导，查看其本月每天的巡查完成情况。" />}
      {q.error && <Result status="warning" title={q.error.message} />}
      {q.data && (
        <>
          <Space wrap>
            <b>{q.data.person.name}</b>
            {Object.entries(q.data.totals).map(([k, f]) => (
              <span key={k}>
                {k === 'patrol' ? '巡查' : '暗访'}：{fig(f)}
              </span>
            ))}
            {q.data.places.length > 0 && (
              <Typography.Text type="secondary">负责：{q.data.places.map((p) => p.name + heldSpan(p, q.data!.range)).join('、')}</Typography.Text>
            )}
          </Space>
          <div style={{ maxWidth: 760 }}>
            <CalendarGrid cal={q.data} />
          </div>
        </>
      )}
    </Space>
  );
}

export default function CompliancePage() {
  const me = useMe().data;
  const [sp, setSp] = useSearchParams();
  const region = sp.get('regionCode') ?? (me ? defaultRegion(me, 6) : null);
  const month = sp.get('month') ?? chinaDate(new Date()).slice(0, 7);
  const tab = sp.get('tab') ?? 'communities';
  const person = sp.get('person') ? Number(sp.get('person')) : null;
  const set = (patch: Record<string, string | null>) => {
    const n = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch))
      if (v) n.set(k, v);
      else n.delete(k);
    setSp(n, { replace: true });
  };
  const q = useCompliance(region ? { regionCode: region, month } : null);
  const c = q.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <PageExtra>
          {c && (
            <Typography.Text type="secondary">
              {c.range.from} 至 {c.range.to}（截至 {c.today}）
            </Typography.Text>
          )}
        </PageExtra>
        <Space wrap style={{ marginBottom: 12 }}>
          <RegionTreeSelect
            value={region}
            onChange={(v) => set({ regionCode: v, person: null })}
            levels={['county', 'town', 'community']}
            allowClear={false}
            style={{ width: 220 }}
          />
          <DatePicker
            picker="month"
            aria-label="月份"
            value={dayjs(`${month}-01`)}
            allowClear={false}
            inputReadOnly
            onChange={(d) => d && set({ month: d.format('YYYY-MM') })}
          />
        </Space>
        {!region && <EmptyState text="请选择县、镇或社区" />}
        {q.error && <Result status={q.error instanceof ApiError && q.error.status === 403 ? '403' : 'warning'} title={q.error.message} />}
        {region && q.isLoading && <Card loading bordered={false} />}
        {c && <KindCards c={c} />}
      </Card>
      {c && (
        <Card>
          <Tabs
            activeKey={tab}
            onChange={(k) => set({ tab: k })}
            items={[
              { key: 'communities', label: '按社区', children: <Communities c={c} /> },
              {
                key: 'people',
                label: `按人员（${c.people.length}）`,
                children: (
                  <Table
                    rowKey={(p) => `${p.personId}-${p.kind}`}
                    size="small"
                    dataSource={c.people}
                    pagination={{ pageSize: 30, showSizeChanger: false, hideOnSinglePage: true }}
                    scroll={{ x: 900 }}
                    locale={{ emptyText: '该范围内没有街巷长或镇领导需要考勤。在“人员与角色”中为街巷长分配负责的街巷。' }}
                    columns={[
                      { title: '姓名', dataIndex: 'name', width: 100 },
                      { title: '类型', dataIndex: 'kindLabel', width: 110 },
                      { title: '社区', dataIndex: 'communityName', width: 140, render: (n: string | null) => shortCommunityName(n) ?? '—' },
                      { title: '负责地点', dataIndex: 'places', width: 90 },
                      ...figureColumns(),
                      {
                        title: '',
                        key: 'cal',
                        width: 80,
                        render: (_: unknown, p) => (
                          <Button type="link" size="small" onClick={() => set({ tab: 'calendar', person: String(p.personId) })}>
                            日历
                          </Button>
                        ),
                      },
                    ]}
                  />
                ),
              },
              {
                key: 'places',
                label: `按地点（${c.places.length}）`,
                children: (
                  <Table
                    rowKey={(p) => `${p.placeId}-${p.kind}`}
                    size="small"
                    dataSource={c.places}
                    pagination={{ pageSize: 30, showSizeChanger: false, hideOnSinglePage: true }}
                    scroll={{ x: 1000 }}
                    locale={{ emptyText: '该范围内没有需要按期巡查的地点' }}
                    columns={[
                      { title: '地点', dataIndex: 'name', render: (n: string, p) => <Link to={`/inspections/points/${p.placeId}`}>{n}</Link> },
                      { title: '类型', dataIndex: 'kindLabel', width: 110 },
                      { title: '社区', dataIndex: 'communityName', width: 140, render: (n: string | null) => shortCommunityName(n) ?? '—' },
                      { title: '负责人', dataIndex: 'people', width: 140, render: (ps: { name: string }[]) => ps.map((p) => p.name).join('、') || '—' },
                      ...figureColumns(),
                    ]}
                  />
                ),
              },
              { key: 'misses', label: '未完成记录', children: <Misses regionCode={region!} month={month} /> },
              {
                key: 'calendar',
                label: '个人日历',
                children: <PersonMonth personId={person} month={month} people={c.people} onPick={(id) => set({ person: String(id) })} />,
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
