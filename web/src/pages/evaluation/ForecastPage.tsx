// 测评预估 (issue 21 item 4): the expected score of the national evaluation for
// a county (by its towns), a town (by its communities) or a community, from
// the three pillars. A pillar without data reads 尚无数据 with what is missing,
// never 0, and the total then reads 部分（覆盖率 x %）. Below: the parts, weakest first; the
// standards losing most, each with its fix; the trend per month or wave.
// The URL carries the region and the year (?region=&year=, or a figure's
// drill-down ?region=&from=&to=).
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Card, Col, Progress, Row, Select, Space, Table, Tag } from 'antd';
import { EmptyState } from '../../components/EmptyState.tsx';
import { RegionTreeSelect } from '../../components/RegionPicker.tsx';
import { useRegionTree } from '../../api/queries.ts';
import { EVAL_METHOD_LABELS, type EvalMethod } from '../../../../domain/evaluation.ts';
import { useForecast, type ForecastAnswer } from './api.ts';
import { ForecastTrend } from './ForecastTrend.tsx';

type Pillar = ForecastAnswer['pillars']['field'];
type Total = ForecastAnswer['total'];
type Part = ForecastAnswer['parts'][number];

const PILLARS: EvalMethod[] = ['field', 'material', 'survey'];
const STATE: Record<Pillar['state'], { label: string; color: string }> = {
  complete: { label: '数据齐全', color: 'green' },
  partial: { label: '部分数据', color: 'orange' },
  incomplete: { label: '尚无数据', color: 'default' },
};
/** What a pillar without data lacks (the page says so instead of a bare 无数据). */
const MISSING: Record<EvalMethod, string> = {
  field: '近 12 个月没有对应点位类型的模拟测评结果',
  material: '还没有需要报送材料的标准',
  survey: '还没有已结束的问卷调查轮次',
};
const NONE = <span style={{ color: '#999' }}>尚无数据</span>;
const LEVEL_PARTS = { county: '各乡镇', town: '各社区', community: '' } as const;
const pct = (r: number) => `${Math.round(r * 1000) / 10} %`;

/** The total as it must be read: 82.3 分, or 部分（覆盖率 63.5 %） beside it. */
export function TotalText({ total }: { total: Total }) {
  if (total.score == null) return NONE;
  return (
    <span>
      {total.score} 分
      {total.partial && (
        <Tag color="orange" style={{ marginLeft: 6 }}>
          部分（覆盖率 {pct(total.coverage)}）
        </Tag>
      )}
    </span>
  );
}

const rateText = (p: Pillar) => (p.rate == null ? NONE : pct(p.rate));
const byTotal = (a: Part, b: Part) => (a.total.score ?? Infinity) - (b.total.score ?? Infinity);
const byRate = (k: EvalMethod) => (a: Part, b: Part) => (a.pillars[k].rate ?? Infinity) - (b.pillars[k].rate ?? Infinity);

function PillarCard({ k, p, weight }: { k: EvalMethod; p: Pillar; weight: number | null }) {
  const s = STATE[p.state];
  return (
    <Card size="small" title={EVAL_METHOD_LABELS[k]} extra={<Tag color={s.color}>{s.label}</Tag>} data-pillar={k}>
      <div style={{ fontSize: 22, marginBottom: 4 }}>
        {p.score == null ? NONE : `${p.score} 分`}
        {weight != null && <span style={{ fontSize: 13, color: '#999' }}> / 权重 {weight}</span>}
      </div>
      <div style={{ color: '#666' }}>得分率 {rateText(p)}</div>
      <div style={{ color: '#666', display: 'flex', alignItems: 'center', gap: 8 }}>
        <span style={{ whiteSpace: 'nowrap' }}>覆盖率</span>
        <Progress percent={Math.round(p.coverage * 1000) / 10} size="small" style={{ margin: 0 }} />
      </div>
      <div style={{ color: '#999', fontSize: 12 }}>
        测评体系中共 {p.points} 分{p.state === 'incomplete' && `；${MISSING[k]}，不按 0 分计`}
      </div>
    </Card>
  );
}

export default function ForecastPage() {
  const [params, setParams] = useSearchParams();
  const tree = useRegionTree();
  const thisYear = new Date().getFullYear();
  const region = params.get('region') ?? tree.data?.[0]?.code ?? null;
  const year = Number(params.get('year') ?? params.get('to')?.slice(0, 4)) || thisYear;
  const f = useForecast(region, year);
  const set = (k: string, v: string) =>
    setParams((p) => {
      p.set(k, v);
      p.delete('from');
      p.delete('to');
      if (k === 'region') p.set('year', String(year));
      return p;
    });
  const years = useMemo(() => [thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y} 年度` })), [thisYear]);
  const d = f.data;
  const parts = useMemo(() => (d ? [...d.parts].sort(byTotal) : []), [d]);
  const townName = useMemo(() => new Map(parts.map((p) => [p.code, p.name])), [parts]);
  return (
    <div>
      <div className="toolbar" style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 12, flexWrap: 'wrap' }}>
        <RegionTreeSelect
          id="forecast-region"
          value={region}
          onChange={(v) => v && set('region', v)}
          levels={['county', 'town', 'community']}
          allowClear={false}
          style={{ width: 260 }}
        />
        <Select aria-label="年度" value={year} onChange={(y) => set('year', String(y))} options={years} style={{ width: 120 }} />
        {d?.weights && (
          <span style={{ color: '#666' }}>
            权重：实地考察 {d.weights.field} · 材料审核 {d.weights.material} · 问卷调查 {d.weights.survey}
          </span>
        )}
      </div>
      {f.isError && <EmptyState text="测评预估加载失败，请稍后重试。" />}
      {d && !d.cycleId && d.level !== 'county' && <EmptyState text="该区域还没有本年度的测评周期：创城办在“测评体系”页设置测评周期后，这里显示测评预估。" />}
      {d && d.level === 'county' && !d.parts.length && <EmptyState text="该县（区）各乡镇还没有设置测评周期，暂无测评预估。" />}
      {d && (d.cycleId || d.parts.length > 0) && (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={24} lg={6}>
              <Card size="small" title="预估总分" data-testid="forecast-total">
                <div style={{ fontSize: 28 }}>
                  <TotalText total={d.total} />
                </div>
                <div style={{ color: '#999', fontSize: 12 }}>
                  {d.total.score == null ? '三项均尚无数据' : d.total.partial ? '按有数据的权重折算；缺少数据的项目不按 0 分计' : '三项数据齐全'}
                  {d.level === 'county' && '；县级为各乡镇的平均'}
                </div>
              </Card>
            </Col>
            {PILLARS.map((k) => (
              <Col xs={24} md={8} lg={6} key={k}>
                <PillarCard k={k} p={d.pillars[k]} weight={d.weights?.[k] ?? null} />
              </Col>
            ))}
          </Row>
          <Row gutter={[12, 12]}>
            {d.level !== 'community' && (
              <Col span={24}>
                <Card size="small" title={`${LEVEL_PARTS[d.level]}（最弱的在前）`}>
                  <Table
                    rowKey="code"
                    size="small"
                    pagination={parts.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                    dataSource={parts}
                    locale={{ emptyText: <EmptyState compact text="没有下级区域。" /> }}
                    columns={[
                      {
                        title: '名称',
                        dataIndex: 'name',
                        ellipsis: true,
                        render: (n: string, p) => (
                          <Link to={`/evaluation/forecast?region=${p.code}&year=${year}`} title={n}>
                            {n}
                          </Link>
                        ),
                      },
                      { title: '预估总分', key: 'total', width: 260, sorter: byTotal, render: (_: unknown, p) => <TotalText total={p.total} /> },
                      ...PILLARS.map((k) => ({
                        title: EVAL_METHOD_LABELS[k],
                        key: k,
                        width: 120,
                        sorter: byRate(k),
                        render: (_: unknown, p: Part) => rateText(p.pillars[k]),
                      })),
                    ]}
                  />
                </Card>
              </Col>
            )}
            <Col xs={24} xl={14}>
              <Card size="small" title="失分最多的标准">
                <Table
                  rowKey={(l) => `${l.pillar}-${l.code}`}
                  size="small"
                  pagination={false}
                  dataSource={d.losses}
                  locale={{ emptyText: <EmptyState compact text="有数据的标准都没有失分。" /> }}
                  columns={[
                    {
                      title: '标准',
                      key: 'name',
                      ellipsis: true,
                      render: (_: unknown, l) => (
                        <span title={`${l.code} ${l.name}`}>
                          {l.code} {l.name}
                        </span>
                      ),
                    },
                    ...(d.level === 'county'
                      ? [{ title: '最弱乡镇', dataIndex: 'town', width: 96, ellipsis: true, render: (t: string) => townName.get(t) ?? t }]
                      : []),
                    { title: '方式', dataIndex: 'pillar', width: 84, render: (p: EvalMethod) => EVAL_METHOD_LABELS[p] },
                    { title: '得分率', dataIndex: 'rate', width: 72, render: (r: number) => pct(r) },
                    { title: '失分', dataIndex: 'lost', width: 60 },
                    { title: '整改', key: 'fix', width: 130, render: (_: unknown, l) => <Link to={l.link}>{l.fix}</Link> },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title="变化趋势">
                <ForecastTrend f={d} />
              </Card>
            </Col>
          </Row>
        </>
      )}
      {!d && f.isLoading && <Space style={{ color: '#999' }}>正在计算测评预估…</Space>}
    </div>
  );
}
