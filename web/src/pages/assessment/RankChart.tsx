// Each subject's rank over the published periods: a small SVG line chart
// (rank 1 on top), so the page needs no charting library.
import type { RankHistory } from '../../../../domain/api/assessment.ts';

export type RankSeries = RankHistory['series'][number];

const COLORS = ['#cf1322', '#1677ff', '#389e0d', '#d48806', '#722ed1', '#13c2c2', '#eb2f96', '#595959'];

export function RankChart({ periods, series, width = 720, height = 280 }: { periods: string[]; series: RankSeries[]; width?: number; height?: number }) {
  if (!periods.length) return null;
  const pad = { l: 36, r: 140, t: 12, b: 28 };
  const maxRank = Math.max(1, ...series.flatMap((s) => s.ranks.filter((r): r is number => r !== null)));
  const x = (i: number) => pad.l + (periods.length === 1 ? 0 : (i * (width - pad.l - pad.r)) / (periods.length - 1));
  const y = (r: number) => pad.t + ((r - 1) * (height - pad.t - pad.b)) / Math.max(1, maxRank - 1);
  return (
    <svg role="img" aria-label="各单位名次变化" viewBox={`0 0 ${width} ${height}`} style={{ width: '100%', maxWidth: width }}>
      {[1, Math.ceil(maxRank / 2), maxRank].map((r) => (
        <g key={r}>
          <line x1={pad.l} x2={width - pad.r} y1={y(r)} y2={y(r)} stroke="#f0f0f0" />
          <text x={pad.l - 6} y={y(r) + 4} fontSize="11" textAnchor="end" fill="#8c8c8c">{r}</text>
        </g>
      ))}
      {periods.map((p, i) => <text key={p} x={x(i)} y={height - 8} fontSize="11" textAnchor="middle" fill="#8c8c8c">{p}</text>)}
      {series.map((s, k) => {
        const c = COLORS[k % COLORS.length];
        const pts = s.ranks.map((r, i) => (r === null ? null : [x(i), y(r)] as const)).filter((p): p is readonly [number, number] => p !== null);
        const last = pts.at(-1);
        return (
          <g key={s.code}>
            <title>{s.name}</title>
            <polyline fill="none" stroke={c} strokeWidth={1.5} points={pts.map((p) => p.join(',')).join(' ')} />
            {pts.map((p, i) => <circle key={i} cx={p[0]} cy={p[1]} r={2.5} fill={c} />)}
            {last && <text x={width - pad.r + 6} y={last[1] + 4} fontSize="11" fill={c}>{s.name}</text>}
          </g>
        );
      })}
    </svg>
  );
}
