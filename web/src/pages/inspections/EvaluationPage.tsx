// 模拟测评报告 (/inspections/evaluation): pick a batch or a period and a town or
// community; per community the score rate by point type, the points, the
// items that lost the most and the problems raised; download as .xlsx.
// The filter lives in the URL so a report can be sent as a link.
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, DatePicker, Result, Row, Segmented, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { chinaDate } from '../../../../domain/dates.ts';
import dayjs from 'dayjs';
import { ApiError, withQuery } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { INSPECTION_KIND_LABELS, SCORED_KINDS } from '../../../../domain/inspections/vocab.ts';
import { useBatches, useEvaluation, type EvaluationCommunity, type EvaluationReport, type TypeRate, type WorstItem } from './api.ts';
import { GradeTag, ProblemTable, Rate } from './shared.tsx';
import { defaultRegion } from './region.ts';
import { PageExtra } from '../../components/PageHeader.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';

type CommunityRow = { code: string; name: string; pointsEvaluated: number; overall: number | null; byType: TypeRate[]; problems: number; total?: boolean };

function SummaryTable({ r }: { r: EvaluationReport }) {
  const rows: CommunityRow[] = [
    ...r.communities.map((c) => ({
      code: c.code,
      name: c.name,
      pointsEvaluated: c.pointsEvaluated,
      overall: c.overall,
      byType: c.byType,
      problems: c.problems.total,
    })),
    ...(r.communities.length > 1
      ? [
          {
            code: 'total',
            name: '合计',
            pointsEvaluated: r.total.pointsEvaluated,
            overall: r.total.overall,
            byType: r.total.byType,
            problems: r.total.problems.total,
            total: true,
          },
        ]
      : []),
  ];
  return (
    <Table<CommunityRow>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 430 + r.pointTypes.length * 100 }}
      rowClassName={(x) => (x.total ? 'ant-table-row-total' : '')}
      columns={[
        { title: '社区', dataIndex: 'name', fixed: 'left', width: 140, render: (n: string, x) => (x.total ? <b>{n}</b> : n) },
        { title: '测评点位', dataIndex: 'pointsEvaluated', width: 90 },
        ...r.pointTypes.map((t) => ({
          title: t.label ?? t.pointType,
          key: t.pointType,
          width: 100,
          render: (_: unknown, x: CommunityRow) => {
            const b = x.byType.find((y) => y.pointType === t.pointType);
            return b ? (
              <span title={`${b.points} 个点位，${b.score}/${b.max} 分`}>
                <Rate rate={b.rate} />
              </span>
            ) : (
              <Typography.Text type="secondary">—</Typography.Text>
            );
          },
        })),
        { title: '综合得分率', dataIndex: 'overall', width: 110, render: (v: number | null) => <Rate rate={v} strong /> },
        { title: '发现问题', dataIndex: 'problems', width: 90 },
      ]}
    />
  );
}

export function WorstItems({ items, showType = true }: { items: WorstItem[]; showType?: boolean }) {
  return (
    <Table<WorstItem>
      rowKey={(w) => `${w.pointType}|${w.code}`}
      size="small"
      pagination={false}
      dataSource={items}
      scroll={{ x: 1080 }}
      locale={{ emptyText: '没有失分项：每个被评价的项目都是 A' }}
      columns={[
        ...(showType ? [{ title: '点位类型', dataIndex: 'pointTypeLabel', width: 130 }] : []),
        { title: '编号', dataIndex: 'code', width: 70, className: 'mono' },
        { title: '测评项目', dataIndex: 'title', width: 130 },
        { title: '测评标准', dataIndex: 'criterion' },
        { title: '评价次数', dataIndex: 'graded', width: 80 },
        {
          title: '等级分布',
          key: 'counts',
          width: 190,
          render: (_: unknown, w) => (
            <Space size={4} wrap>
              {(['A', 'B', 'C', 'C#'] as const)
                .filter((g) => w.counts[g])
                .map((g) => (
                  <span key={g}>
                    <GradeTag grade={g} />×{w.counts[g]}
                  </span>
                ))}
            </Space>
          ),
        },
        { title: '平均得分系数', dataIndex: 'avgCoefficient', width: 110, render: (v: number) => v.toFixed(2) },
        { title: '失分', dataIndex: 'lostPoints', width: 70 },
      ]}
    />
  );
}

function CommunityPanel({ c }: { c: EvaluationCommunity }) {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap size="large">
        <span>
          综合得分率 <Rate rate={c.overall} strong />
        </span>
        {c.byType.map((t) => (
          <span key={t.pointType}>
            {t.label}：<Rate rate={t.rate} />（{t.points} 个点位）
          </span>
        ))}
      </Space>
      <Card size="small" title="测评点位（每个点位取本批次最近一次结果）">
        <Table
          rowKey="inspectionId"
          size="small"
          pagination={false}
          dataSource={c.points}
          scroll={{ x: 880 }}
          columns={[
            { title: '点位', dataIndex: 'name', render: (n: string, p) => (p.placeId ? <Link to={`/inspections/points/${p.placeId}`}>{n}</Link> : n) },
            { title: '类型', dataIndex: 'pointTypeLabel', width: 140 },
            { title: '日期', dataIndex: 'onDate', width: 110, render: (d: string, p) => <Link to={`/inspections/${p.inspectionId}`}>{d}</Link> },
            { title: '测评人', dataIndex: 'inspectorName', width: 100 },
            { title: '得分', key: 'score', width: 100, render: (_: unknown, p) => `${p.score} / ${p.max}` },
            { title: '得分率', dataIndex: 'rate', width: 90, render: (v: number | null) => <Rate rate={v} /> },
            { title: '发现问题', dataIndex: 'problemsFound', width: 80 },
          ]}
        />
      </Card>
      <Card size="small" title="失分项（平均得分系数最低的项目）">
        <WorstItems items={c.worstItems} />
      </Card>
      <Card
        size="small"
        title={
          <Space wrap>
            {`发现问题（${c.problems.total}）`}
            {c.problems.byState.map((s) => (
              <Tag key={s.state}>
                {s.label} {s.count}
              </Tag>
            ))}
          </Space>
        }
      >
        <ProblemTable items={c.problems.items} empty="本批次在该社区没有发现问题" />
      </Card>
    </Space>
  );
}

export default function EvaluationPage() {
  const me = useMe().data;
  const [sp, setSp] = useSearchParams();
  const region = sp.get('regionCode') ?? (me ? defaultRegion(me) : null);
  const mode = sp.get('mode') === 'period' ? 'period' : 'batch';
  const kind = sp.get('kind') ?? 'mock_evaluation';
  const from = sp.get('from') ?? dayjs().startOf('month').format('YYYY-MM-DD');
  const to = sp.get('to') ?? chinaDate(new Date());
  const batches = useBatches(region);
  const batch = sp.get('batch') ?? batches.data?.items[0]?.batch ?? null;
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch))
      if (v === null) next.delete(k);
      else next.set(k, v);
    setSp(next, { replace: true });
  };
  const query =
    region && region.length >= 9 ? (mode === 'batch' ? (batch ? { regionCode: region, kind, batch } : null) : { regionCode: region, kind, from, to }) : null;
  const q = useEvaluation(query);
  const r = q.data;
  useEffect(() => {
    if (kind !== 'mock_evaluation' && mode === 'batch') set({ mode: 'period' });
  }, [kind]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <PageExtra>
          {r && query && (
            <a href={withQuery('/api/inspections/reports/evaluation.xlsx', query)} download>
              <Button icon={<DownloadOutlined aria-hidden />}>下载 Excel</Button>
            </a>
          )}
        </PageExtra>
        <Space wrap>
          <RegionTreeSelect
            value={region}
            onChange={(v) => set({ regionCode: v, batch: null })}
            levels={['town', 'community']}
            allowClear={false}
            style={{ width: 220 }}
          />
          <Select
            aria-label="检查类型"
            value={kind}
            onChange={(v) => set({ kind: v, batch: null })}
            style={{ width: 130 }}
            options={SCORED_KINDS.map((k) => ({ value: k, label: INSPECTION_KIND_LABELS[k] }))}
          />
          <Segmented
            value={mode}
            onChange={(v) => set({ mode: v as string })}
            options={[
              { value: 'batch', label: '按批次', disabled: kind !== 'mock_evaluation' },
              { value: 'period', label: '按时间段' },
            ]}
          />
          {mode === 'batch' ? (
            <Select
              aria-label="测评批次"
              value={batch ?? undefined}
              onChange={(v) => set({ batch: v })}
              style={{ width: 260 }}
              loading={batches.isLoading}
              placeholder="选择测评批次"
              notFoundContent="还没有测评批次"
              options={(batches.data?.items ?? []).map((b) => ({
                value: b.batch,
                label: `${b.batch}（${b.points} 个点位）`,
                title: `${b.from} 至 ${b.to}，测评人：${b.inspectors.join('、')}`,
              }))}
            />
          ) : (
            <DatePicker.RangePicker
              aria-label="起止日期"
              value={[dayjs(from), dayjs(to)]}
              allowClear={false}
              inputReadOnly
              onChange={(v) => v?.[0] && v[1] && set({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
            />
          )}
        </Space>
        {mode === 'batch' && batches.data && !batches.data.items.length && (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            message="还没有模拟测评批次"
            description="在手机端“开始巡查”中选择“模拟测评”、填写批次名称，逐个点位按测评标准评定等级后，这里即可生成该批次的报告；也可以改为按时间段查看。"
          />
        )}
      </Card>

      {!query && !(mode === 'batch' && batches.data && !batches.data.items.length) && (
        <Card>
          <EmptyState text={!region || region.length < 9 ? '请选择一个乡镇（街道）或社区' : '请选择测评批次或时间段'} />
        </Card>
      )}
      {q.error && <Result status={q.error instanceof ApiError && q.error.status === 403 ? '403' : 'warning'} title={q.error.message} />}
      {query && q.isLoading && <Card loading />}
      {r && (
        <>
          <Card title={r.title}>
            <Row gutter={[16, 16]}>
              <Col flex="1 1 160px">
                <Statistic
                  title="综合得分率"
                  value={r.total.overall === null ? '—' : (r.total.overall * 100).toFixed(2)}
                  suffix={r.total.overall === null ? '' : '%'}
                />
              </Col>
              <Col flex="1 1 160px">
                <Statistic title="测评点位" value={r.total.pointsEvaluated} suffix="个" />
              </Col>
              <Col flex="1 1 160px">
                <Statistic title="检查次数" value={r.total.inspections} suffix="次" />
              </Col>
              <Col flex="1 1 160px">
                <Statistic title="发现问题" value={r.total.problems.total} suffix="个" />
              </Col>
            </Row>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 12 }}>
              评分方法：状态描述法，A 得全部分值、B 得 66%、C 得 33%、C# 不得分；每个点位取本期最近一次结果，社区得分率按点位类型合并计算。
            </Typography.Paragraph>
            {r.communities.length ? (
              <SummaryTable r={r} />
            ) : (
              <EmptyState text={`${r.filter.period} 在${r.region.name}没有已完成的${r.filter.kindLabel}记录。请换一个批次或时间段。`} />
            )}
          </Card>
          {r.communities.length > 1 && r.total.worstItems.length > 0 && (
            <Card title={`${r.region.name}失分项`}>
              <WorstItems items={r.total.worstItems} />
            </Card>
          )}
          {r.communities.length > 0 && (
            <Card title="各社区明细">
              <Tabs
                activeKey={sp.get('community') ?? r.communities[0].code}
                onChange={(k) => set({ community: k })}
                items={r.communities.map((c) => ({ key: c.code, label: `${c.name}（${c.pointsEvaluated}）`, children: <CommunityPanel c={c} /> }))}
              />
            </Card>
          )}
        </>
      )}
    </Space>
  );
}
