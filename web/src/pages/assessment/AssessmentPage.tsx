// 考核评比: red/black lists with the rank chart, standard indicators, the
// "why" of a score (with .xlsx export, WhyTab.tsx) and the reward/punishment
// rules (RulesTab.tsx).
// Everything is computed by the server; this page only displays and asks.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { App, Button, Card, DatePicker, Input, Modal, Result, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.ts';
import { useMe, useRegionTree } from '../../api/queries.ts';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { PERIOD_KINDS, PERIOD_LABELS, type PeriodKind } from '../../../../domain/assessment/periods.ts';
import { RankChart, type RankSeries } from './RankChart.tsx';
import { Why } from './WhyTab.tsx';
import { Rules } from './RulesTab.tsx';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import type { PublicRanking, RankedRow, RankingView } from '../../../../domain/api/assessment.ts';

const pct = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(2)}%`);
type Ind = RankedRow['indicators'];
type Row = RankedRow;
type RankingAction = RankingView['can']['actions'][number]['action'];

function indicatorColumns<T>(get: (r: T) => Ind) {
  return [
    { title: '立案数', render: (_: unknown, r: T) => get(r).filed },
    { title: '应结案数', render: (_: unknown, r: T) => get(r).due },
    { title: '结案率', render: (_: unknown, r: T) => pct(get(r).closeRate) },
    { title: '按期结案率', render: (_: unknown, r: T) => pct(get(r).onTimeRate) },
    { title: '返工率', render: (_: unknown, r: T) => pct(get(r).reworkRate) },
    { title: '超期数', render: (_: unknown, r: T) => get(r).overdue },
  ];
}

const STATE_COLORS: Record<RankingView['state'], string> = { none: 'default', draft: 'orange', submitted: 'gold', published: 'green' };
const STATE_HINTS: Record<RankingView['state'], string> = {
  none: '按当前台账实时计算，尚未提交',
  draft: '已退回修改，按当前台账实时计算',
  submitted: '名次已冻结，等待镇领导审批',
  published: '已发布，名次冻结',
};
const CONFIRM: Record<RankingAction, string> = {
  submit: '提交后名次冻结，由镇领导审批；审批通过即发布。',
  approve: '审批通过后红黑榜即发布：按奖惩规则记入红黑榜加减分，并在公开页面展示。',
  reject: '退回后由镇创城办修改并重新提交。',
  publish: '发布后名次冻结，按奖惩规则记入红黑榜加减分，并在公开页面展示。',
};

function Rankings({ region, kind, date, whyHref }: { region: string; kind: PeriodKind; date: string; whyHref: (subjectKind: string, ref: string) => string }) {
  const { modal } = App.useApp();
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const q = useQuery({
    queryKey: keys.assessment.rankings(region, kind, date),
    queryFn: () => api.get<RankingView>('/assessment/rankings', { region, kind, date }),
  });
  const h = useQuery({
    queryKey: keys.assessment.history(region, kind),
    queryFn: () => api.get<{ periods: { title: string }[]; series: RankSeries[] }>('/assessment/rankings/history', { region, kind }),
  });
  const { save: send } = useSave({
    run: ({ action, extra }: { action: RankingAction; extra?: { note?: string } }) => {
      const r = q.data?.ranking;
      if (action === 'submit') return api.post('/assessment/rankings/submit', { region, kind, date });
      if (action === 'publish') return api.post('/assessment/rankings/publish', { region, kind, date });
      return api.post(`/assessment/rankings/${r!.id}/actions/${action}`, { version: r!.version, ...extra });
    },
    ok: (_, { action }) => (action === 'submit' ? '已提交，等待镇领导审批' : action === 'reject' ? '已退回镇创城办修改' : '红黑榜已发布'),
    invalidate: [keys.assessment.all],
    onOk: (_, { action }) => {
      if (action === 'reject') setRejecting(false);
    },
  });
  if (q.error) return <Result status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'} title={q.error.message} />;
  const d = q.data;
  const run = (a: { action: RankingAction; label: string }) => {
    if (a.action === 'reject') {
      setNote('');
      setRejecting(true);
      return;
    }
    modal.confirm({
      title: a.label,
      content: CONFIRM[a.action],
      okText: a.label,
      cancelText: '取消',
      onOk: () => send({ action: a.action }),
    });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text strong>{d?.period.title}</Typography.Text>
        {d && (
          <Tag color={STATE_COLORS[d.state]} title={STATE_HINTS[d.state]}>
            {d.stateLabel}
          </Tag>
        )}
        {d && <Typography.Text type="secondary">{STATE_HINTS[d.state]}</Typography.Text>}
        {d?.can.actions.map((a) => (
          <Button key={a.action} type={a.action === 'reject' ? 'default' : 'primary'} danger={a.action === 'reject'} onClick={() => run(a)}>
            {a.label}
          </Button>
        ))}
      </Space>
      {d?.state === 'draft' && d.rejectNote && <Typography.Text type="warning">退回原因：{d.rejectNote}</Typography.Text>}
      <Modal
        open={rejecting}
        title="退回修改"
        okText="退回"
        cancelText="取消"
        okButtonProps={{ danger: true, disabled: !note.trim() }}
        onCancel={() => setRejecting(false)}
        onOk={() => send({ action: 'reject', extra: { note: note.trim() } })}
      >
        <Input.TextArea
          aria-label="退回原因"
          rows={3}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="请说明退回修改的原因"
        />
      </Modal>
      <Table<Row>
        rowKey="code"
        size="small"
        loading={q.isLoading}
        dataSource={d?.rows ?? []}
        pagination={false}
        columns={[
          {
            title: '名次',
            dataIndex: 'rank',
            width: 80,
            render: (n: number | null) => (n == null ? <Tag title="本期没有立案、到期的问题或任何加减分，不参加排名">无数据</Tag> : n),
          },
          {
            title: '名称',
            dataIndex: 'name',
            render: (n: string, r: Row) => (
              <Link to={whyHref(region.length > 6 ? 'community' : 'town', r.code)} replace title="查看得分明细">
                {n}
              </Link>
            ),
          },
          {
            title: '榜单',
            dataIndex: 'list',
            render: (l: Row['list']) => (l === 'red' ? <Tag color="red">红榜</Tag> : l === 'black' ? <Tag color="black">黑榜</Tag> : null),
          },
          { title: '得分', dataIndex: 'score' },
          ...indicatorColumns<Row>((r) => r.indicators),
        ]}
      />
      <Card size="small" title="名次变化（已发布各期）">
        {h.data?.periods.length ? (
          <RankChart periods={h.data.periods.map((p) => p.title)} series={h.data.series} />
        ) : (
          <Typography.Text type="secondary">暂无已发布的榜单</Typography.Text>
        )}
      </Card>
      <Typography.Text type="secondary">
        排序规则：得分高者在前；得分相同依次比较按期结案率、结案率（高者在前）、超期数（少者在前），仍相同按区划代码排序。本期没有立案、到期问题和加减分的显示为“无数据”，不参加排名，也不上红黑榜。
      </Typography.Text>
    </Space>
  );
}

function Indicators({ region, kind, date }: { region: string; kind: PeriodKind; date: string }) {
  const [groupBy, setGroupBy] = useState<'community' | 'unit' | 'town'>(region.length > 6 ? 'community' : 'town');
  const q = useQuery({
    queryKey: keys.assessment.indicators(region, kind, date, groupBy),
    queryFn: () => api.get<{ rows: (Ind & { code: string; name: string })[]; total: Ind }>('/assessment/indicators', { region, kind, date, groupBy }),
  });
  type R = Ind & { code: string; name: string };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        value={groupBy}
        onChange={setGroupBy}
        style={{ width: 160 }}
        options={[
          { value: 'community', label: '按社区' },
          { value: 'unit', label: '按责任单位' },
          { value: 'town', label: '按乡镇' },
        ]}
      />
      <Table<R>
        rowKey="code"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.rows ?? []}
        pagination={false}
        columns={[
          { title: '名称', dataIndex: 'name' },
          ...indicatorColumns<R>((r) => r),
          { title: '结案数', dataIndex: 'closed' },
          { title: '按期结案数', dataIndex: 'onTime' },
          { title: '综合指标值', dataIndex: 'composite', render: (v: number | null) => v ?? '—' },
        ]}
      />
      {q.data && (
        <Typography.Text>
          合计：应结案 {q.data.total.due}，结案率 {pct(q.data.total.closeRate)}，按期结案率 {pct(q.data.total.onTimeRate)}
        </Typography.Text>
      )}
    </Space>
  );
}

/** A community's view of its town's lists: the latest published red/black list (the live ranking is the town's business). */
function PublishedLists({ town }: { town: string }) {
  const q = useQuery({
    queryKey: keys.publicRankings(town),
    retry: false,
    queryFn: () => api.get<PublicRanking>('/public/rankings/latest', { town }),
  });
  if (q.isLoading) return <Card loading />;
  if (!q.data) return <Result status="info" title="本镇尚未发布红黑榜" subTitle="镇领导审批发布后，这里显示最新一期红榜和黑榜；本社区的得分请看“得分明细”。" />;
  const list = (rows: PublicRanking['red']) =>
    rows.length ? (
      rows.map((r) => (
        <div key={r.code}>
          第 {r.rank} 名 {r.name}（{r.score} 分）
        </div>
      ))
    ) : (
      <Typography.Text type="secondary">本期无</Typography.Text>
    );
  return (
    <Card title={q.data.title} size="small">
      <Space align="start" size={48} wrap>
        <div>
          <Tag color="red">红榜</Tag>
          {list(q.data.red)}
        </div>
        <div>
          <Tag>黑榜</Tag>
          {list(q.data.black)}
        </div>
      </Space>
    </Card>
  );
}

export default function AssessmentPage() {
  const me = useMe();
  const tree = useRegionTree();
  const [params, setParams] = useSearchParams();
  // The caller's own region (a cadre's community, an office's town); a global admin starts at the first county or town it sees.
  const defaultRegion = me.data?.roles.find((r) => r.scopeRegionCode)?.scopeRegionCode || me.data?.user.regionCode || tree.data?.[0]?.code || '';
  const region = params.get('region') ?? defaultRegion;
  const kind = (params.get('kind') as PeriodKind) ?? 'month';
  const date = params.get('date') ?? dayjs().subtract(1, 'month').format('YYYY-MM-DD');
  const tab = params.get('tab') ?? 'rankings';
  const set = (k: string, v: string) => {
    const p = new URLSearchParams(params);
    p.set(k, v);
    setParams(p, { replace: true });
  };
  const subject = { kind: params.get('subjectKind') ?? 'community', ref: params.get('subject') ?? '' };
  const whyParams = (subjectKind: string, ref: string) => {
    const p = new URLSearchParams(params);
    p.set('tab', 'why');
    p.set('subjectKind', subjectKind);
    p.set('subject', ref);
    return p;
  };
  const showWhy = (subjectKind: string, ref: string) => setParams(whyParams(subjectKind, ref), { replace: true });
  const whyHref = (subjectKind: string, ref: string) => `?${whyParams(subjectKind, ref).toString()}`;
  const rankRegion = region.length > 9 ? region.slice(0, 9) : region;
  const community = region.length > 9;
  // A community's own score is what its cadre looks for first.
  const ownSubject = community && !subject.ref ? { kind: 'community', ref: region.slice(0, 12) } : subject;
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <RegionTreeSelect
          placeholder="请选择区划"
          allowClear={false}
          levels={['county', 'town', 'community']}
          value={region}
          onChange={(v) => v && set('region', v)}
          style={{ width: 240 }}
        />
        <Select
          aria-label="统计周期"
          value={kind}
          onChange={(v) => set('kind', v)}
          style={{ width: 100 }}
          options={PERIOD_KINDS.map((k) => ({ value: k, label: PERIOD_LABELS[k] }))}
        />
        <DatePicker aria-label="统计日期" value={dayjs(date)} allowClear={false} inputReadOnly onChange={(d) => d && set('date', d.format('YYYY-MM-DD'))} />
      </Space>
      {!region ? (
        <Result status="info" title="请先在上方选择区划" subTitle="选择一个县、镇或社区，查看红黑榜、标准指标和得分明细。" />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(k) => set('tab', k)}
          destroyOnHidden
          items={[
            {
              key: 'rankings',
              label: '红黑榜',
              children: community ? (
                <PublishedLists town={rankRegion} />
              ) : (
                /^\d{6}(\d{3})?$/.test(rankRegion) && <Rankings region={rankRegion} kind={kind} date={date} whyHref={whyHref} />
              ),
            },
            { key: 'indicators', label: '标准指标', children: <Indicators region={region} kind={kind} date={date} /> },
            { key: 'why', label: '得分明细', children: <Why region={region} kind={kind} date={date} subject={ownSubject} onSubject={showWhy} /> },
            ...(community ? [] : [{ key: 'rules', label: '奖惩规则', children: <Rules region={rankRegion} /> }]),
          ]}
        />
      )}
    </div>
  );
}
