// The one place that loads Apache ECharts: tree-shaken (only the charts and
// components registered here reach the bundle) and imported lazily by
// EChart.tsx, so no page pays for it until it draws a chart.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/** The desk theme: the brand red first, then colours told apart from it. */
export const PALETTE = ['#c0392b', '#1f6feb', '#389e0d', '#d48806', '#722ed1', '#13a8a8', '#eb2f96', '#595959'];

echarts.registerTheme('chuangcheng', {
  color: PALETTE,
  textStyle: { fontFamily: '-apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif', fontSize: 12 },
  legend: { textStyle: { color: '#595959', fontSize: 12 } },
  categoryAxis: { axisLabel: { color: '#8c8c8c' }, axisLine: { lineStyle: { color: '#d9d9d9' } }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
  valueAxis: { axisLabel: { color: '#8c8c8c' }, axisLine: { lineStyle: { color: '#d9d9d9' } }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
  timeAxis: { axisLabel: { color: '#8c8c8c' }, axisLine: { lineStyle: { color: '#d9d9d9' } }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
});

export { echarts };
