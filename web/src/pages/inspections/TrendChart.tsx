// A point's score rate over time: a small SVG line chart (dates spaced by
// time, 0-100%), one dot per scored inspection coloured by kind, so the page
// needs no charting library (the same approach as the assessment rank chart).
import type { InspectionKind } from '../../../../domain/inspections/vocab.ts';

export interface TrendPoint { id: number; onDate: string; kind: InspectionKind; kindLabel: string; rate: number | null; score: number; max: number }

const KIND_COLORS: Record<InspectionKind, string> = {
  patrol: '#8c8c8c', supervision: '#1677ff', unannounced_visit: '#722ed1', demo_visit: '#d48806', mock_evaluation: '#cf1322',
};
const day = (iso: string) => new Date(`${iso}T00:00:00Z`).getTime();

export function TrendChart({ points, width = 1000, height = 240, onPick }: { points: TrendPoint[]; width?: number; height?: number; onPick?: (id: number) => void }) {
  const pts = points.filter((p) => p.rate !== null);
  if (!pts.length) return null;
  const pad = { l: 44, r: 16, t: 12, b: 28 };
  const t0 = day(pts[0].onDate);
  const t1 = day(pts.at(-1)!.onDate);
  // One day only: the dots stand in the middle rather than on the axis.
  const x = (iso: string) => pad.l + (t1 === t0 ? 0.5 : (day(iso) - t0) / (t1 - t0)) * (width - pad.l - pad.r);
  const y = (r: number) => pad.t + (1 - r) * (height - pad.t - pad.b);
  const kinds = [...new Map(pts.map((p) => [p.kind, p.kindLabel])).entries()];
  // At most ~6 date labels, always the first and the last.
  const every = Math.max(1, Math.ceil(pts.length / 6));
  const labelled = pts.filter((_, i) => i % every === 0 || i === pts.length - 1);
  return (
    <div>
      <svg role="img" aria-label="得分率变化" viewBox={`0 0 ${width} ${height}`} style={{ width: '100%', display: 'block' }}>
        {[0, 0.6, 0.8, 1].map((r) => (
          <g key={r}>
            <line x1={pad.l} x2={width - pad.r} y1={y(r)} y2={y(r)} stroke={r === 0.8 ? '#ffccc7' : '#f0f0f0'} strokeDasharray={r === 0.8 ? '4 3' : undefined} />
            <text x={pad.l - 6} y={y(r) + 4} fontSize="11" textAnchor="end" fill="#8c8c8c">{r * 100}%</text>
          </g>
        ))}
        {labelled.map((p) => <text key={p.id} x={x(p.onDate)} y={height - 8} fontSize="11" textAnchor="middle" fill="#8c8c8c">{p.onDate.slice(5)}</text>)}
        <polyline fill="none" stroke="#bfbfbf" strokeWidth={1.5} points={pts.map((p) => `${x(p.onDate)},${y(p.rate!)}`).join(' ')} />
        {pts.map((p) => (
          <circle key={p.id} cx={x(p.onDate)} cy={y(p.rate!)} r={4} fill={KIND_COLORS[p.kind]} style={{ cursor: onPick ? 'pointer' : undefined }} onClick={() => onPick?.(p.id)}>
            <title>{`${p.onDate} ${p.kindLabel}：${(p.rate! * 100).toFixed(2)}%（${p.score}/${p.max} 分）`}</title>
          </circle>
        ))}
      </svg>
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', fontSize: 12, color: '#595959' }}>
        {kinds.map(([k, label]) => <span key={k}><span style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: KIND_COLORS[k], marginInlineEnd: 4 }} />{label}</span>)}
        <span><span style={{ display: 'inline-block', width: 14, borderTop: '1px dashed #ff7875', marginInlineEnd: 4, verticalAlign: 'middle' }} />80%</span>
      </div>
    </div>
  );
}
