// One ECharts canvas on the 大屏: created once, its option replaced on every
// refresh (no flicker), resized with its box, disposed on unmount.
import { useEffect, useRef } from 'react';
import { echarts } from './echarts.ts';

export function Chart({ option, label, style }: { option: Record<string, unknown>; label: string; style?: React.CSSProperties }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, 'screen', { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: true });
  }, [option]);
  return <div ref={el} role="img" aria-label={label} className="sc-chart" style={style} />;
}
