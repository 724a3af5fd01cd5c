// The forecast's trend: the total and each pillar's expected points, per month
// or per survey wave, as an ECharts line chart (ECharts is loaded by EChart.tsx
// when the chart mounts, so only this page pays for it). A point without data
// is a gap in its line, never a zero.
import { useMemo, useState } from 'react';
import { Segmented } from 'antd';
import { EChart } from '../../components/charts/EChart.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { EVAL_METHOD_LABELS } from '../../../../domain/evaluation.ts';
import type { ForecastAnswer } from './api.ts';

type By = 'month' | 'wave';
interface Point {
  label: string;
  total: number | null;
  partial: boolean;
  field: number | null;
  material: number | null;
  survey: number | null;
}

export function ForecastTrend({ f }: { f: ForecastAnswer }) {
  const [by, setBy] = useState<By>('month');
  const points: Point[] = useMemo(
    () =>
      by === 'month'
        ? f.trend.map((t) => ({
            label: `${Number(t.month.slice(5))}月`,
            total: t.total.score,
            partial: t.total.partial,
            field: t.field,
            material: t.material,
            survey: t.survey,
          }))
        : f.waves.map((w) => ({
            label: f.level === 'county' ? `${w.townName}${w.name}` : w.name,
            total: w.total.score,
            partial: w.total.partial,
            field: w.field,
            material: w.material,
            survey: w.survey,
          })),
    [f, by],
  );
  const option = useMemo(
    () => ({
      animation: false, // six points: drawn at once, so a screenshot shows them all
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v == null ? '尚无数据' : `${v} 分`) },
      legend: { bottom: 0 },
      grid: { left: 44, right: 24, top: 16, bottom: 56 },
      xAxis: { type: 'category', data: points.map((p) => p.label), axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}' } },
      series: [
        // Every point drawn (a pillar's first month with data may stand alone between gaps).
        { name: '预估总分', type: 'line', data: points.map((p) => p.total), showAllSymbol: true, lineStyle: { width: 3 } },
        ...(['field', 'material', 'survey'] as const).map((k) => ({
          name: EVAL_METHOD_LABELS[k],
          type: 'line',
          data: points.map((p) => p[k]),
          showAllSymbol: true,
          lineStyle: { type: 'dashed' },
        })),
      ],
    }),
    [points],
  );
  return (
    <div>
      <Segmented
        size="small"
        value={by}
        onChange={(v) => setBy(v as By)}
        options={[
          { value: 'month', label: '按月' },
          { value: 'wave', label: '按问卷轮次' },
        ]}
        style={{ marginBottom: 8 }}
      />
      {points.some((p) => p.total != null) ? (
        <EChart option={option} label={by === 'month' ? '近 6 个月测评预估' : '各轮问卷调查结束时的测评预估'} height={260} />
      ) : (
        <EmptyState compact text={by === 'month' ? '近 6 个月还没有可计算的数据。' : '还没有已结束的问卷调查轮次：一轮调查结束后，这里显示其结束时的预估。'} />
      )}
    </div>
  );
}
