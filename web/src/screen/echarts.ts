// The 大屏's ECharts, tree-shaken: only what the screen draws (bars, lines,
// pie, scatter on a map, heat) and a dark theme. The desk's charts are in
// components/charts/echarts.ts; the screen loads none of the desk.
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  PieChart,
  ScatterChart,
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export const SCREEN_PALETTE = ['#ff6b5b', '#4fc3f7', '#ffd166', '#7bd88f', '#b39ddb', '#ff9f43', '#5ee7df', '#f48fb1'];
const AXIS = { axisLabel: { color: '#9fb3c8' }, axisLine: { lineStyle: { color: '#2b4a6b' } }, splitLine: { lineStyle: { color: '#16324f' } } };

echarts.registerTheme('screen', {
  color: SCREEN_PALETTE,
  backgroundColor: 'transparent',
  textStyle: { fontFamily: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif', color: '#d6e4f0' },
  legend: { textStyle: { color: '#9fb3c8', fontSize: 14 } },
  categoryAxis: AXIS,
  valueAxis: AXIS,
});

export { echarts };
