// A chart drawn by Apache ECharts in the desk theme. ECharts itself is
// imported when the first chart mounts (see echarts.ts), not with the page.
import { useEffect, useRef } from 'react';
import type { EChartsCoreOption, ECharts } from 'echarts/core';

/** `label` names the chart for screen readers (role="img"); `onPick` gets the `data` item clicked. */
export function EChart({
  option,
  label,
  height = 280,
  onPick,
}: {
  option: EChartsCoreOption;
  label: string;
  height?: number;
  onPick?: (data: unknown) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('./echarts.ts').then(({ echarts }) => {
      if (disposed || !el.current) return;
      const c = echarts.init(el.current, 'chuangcheng', { renderer: 'canvas' });
      chart.current = c;
      c.setOption(option);
      c.on('click', (p) => pick.current?.(p.data));
      observer = new ResizeObserver(() => c.resize());
      observer.observe(el.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
    // The chart is created once; option changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={el} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
