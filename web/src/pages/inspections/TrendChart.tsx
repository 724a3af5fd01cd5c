// A point's score rate over time: an ECharts chart with dates spaced by time
// (0-100%), one dot per scored inspection coloured by kind, a grey line
// through them and the 80% mark dashed; clicking a dot opens the inspection.
import { useMemo } from 'react';
import type { InspectionKind } from '../../../../domain/inspections/vocab.ts';
import type { Wire } from '../../../../domain/api/common.ts';
import type { pointPage } from '../../../../domain/api/inspection-reports.ts';
import { EChart } from '../../components/charts/EChart.tsx';

/** A point of a place's trend, as GET /api/inspections/points/:id declares it. */
export type TrendPoint = Wire<typeof pointPage>['trend'][number];

const KIND_COLORS: Record<InspectionKind, string> = {
  patrol: '#8c8c8c',
  supervision: '#1f6feb',
  unannounced_visit: '#722ed1',
  demo_visit: '#d48806',
  mock_evaluation: '#c0392b',
};

interface Dot {
  value: [string, number];
  id: number;
  tip: string;
}

export function TrendChart({ points, height = 260, onPick }: { points: TrendPoint[]; height?: number; onPick?: (id: number) => void }) {
  const pts = useMemo(() => points.filter((p) => p.rate !== null), [points]);
  const option = useMemo(() => {
    const kinds = [...new Map(pts.map((p) => [p.kind, p.kindLabel])).entries()];
    const dot = (p: TrendPoint): Dot => ({
      value: [p.onDate, Math.round(p.rate! * 10000) / 100],
      id: p.id,
      tip: `${p.onDate} ${p.kindLabel}：${(p.rate! * 100).toFixed(2)}%（${p.score}/${p.max} 分）`,
    });
    return {
      tooltip: { trigger: 'item', formatter: (p: { data?: Dot }) => p.data?.tip ?? '' },
      legend: { bottom: 0, data: kinds.map(([, label]) => label) },
      grid: { left: 52, right: 24, top: 16, bottom: 56 },
      xAxis: { type: 'time', axisLabel: { formatter: '{MM}-{dd}', hideOverlap: true } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: '得分率',
          type: 'line',
          data: pts.map((p) => [p.onDate, Math.round(p.rate! * 10000) / 100]),
          showSymbol: false,
          lineStyle: { color: '#bfbfbf', width: 1.5 },
          itemStyle: { color: '#bfbfbf' },
          silent: true,
          tooltip: { show: false },
          markLine: {
            silent: true,
            symbol: 'none',
            label: { formatter: '80%', color: '#ff7875' },
            lineStyle: { color: '#ff7875', type: 'dashed' },
            data: [{ yAxis: 80 }],
          },
        },
        ...kinds.map(([k, label]) => ({
          name: label,
          type: 'scatter',
          symbolSize: 9,
          itemStyle: { color: KIND_COLORS[k] },
          cursor: onPick ? 'pointer' : 'default',
          data: pts.filter((p) => p.kind === k).map(dot),
        })),
      ],
    };
  }, [pts, !!onPick]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!pts.length) return null;
  return (
    <EChart
      option={option}
      label="得分率变化"
      height={height}
      onPick={(d) => {
        const id = (d as Dot | undefined)?.id;
        if (id) onPick?.(id);
      }}
    />
  );
}
