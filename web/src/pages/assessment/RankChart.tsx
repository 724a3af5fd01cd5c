// Each subject's rank over the published periods: an ECharts line chart with
// rank 1 on top, the subjects named in the legend.
import { useMemo } from 'react';
import type { RankHistory } from '../../../../domain/api/assessment.ts';
import { EChart } from '../../components/charts/EChart.tsx';

export type RankSeries = RankHistory['series'][number];

export function RankChart({ periods, series, height = 320 }: { periods: string[]; series: RankSeries[]; height?: number }) {
  const option = useMemo(() => {
    const maxRank = Math.max(1, ...series.flatMap((s) => s.ranks.filter((r): r is number => r !== null)));
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v == null ? '未参评' : `第 ${String(v)} 名`) },
      legend: { type: 'scroll', orient: 'vertical', right: 0, top: 8, bottom: 8 },
      grid: { left: 48, right: 160, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: periods, boundaryGap: periods.length === 1 },
      yAxis: { type: 'value', inverse: true, min: 1, max: maxRank, minInterval: 1, name: '名次', nameLocation: 'start' },
      series: series.map((s) => ({ name: s.name, type: 'line', data: s.ranks, connectNulls: false, symbolSize: 6 })),
    };
  }, [periods, series]);
  if (!periods.length) return null;
  return <EChart option={option} label="各单位名次变化" height={height} />;
}
