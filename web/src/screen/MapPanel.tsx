// The 大屏's map: the points coloured by their latest evaluation score (grey:
// not yet evaluated) over a heat layer of the open problems; on the admin's
// base layer when one is set (BaseMap, Leaflet, loaded only then), else — or
// when its tiles fail — inside the region's area drawn as the hull of
// everything the records know (ECharts, no tiles needed).
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { ScreenMap } from '../../../domain/api/screen.ts';
import { bboxOf, convexHull, type Position } from '../../../domain/geo.ts';
import { echarts } from './echarts.ts';
import { Chart } from './Chart.tsx';
import { HEAT_RAMP, NO_SCORE, SCORE_BANDS, scoreColor } from './mapColors.ts';
import { fetchBaseLayer, type BaseLayer } from '../components/map/baseLayer.ts';

const BaseMap = lazy(() => import('./BaseMap.tsx'));

let registered = '';

/** Register the area as a map once per shape: the hull of the points, widened a little. */
function area(coords: Position[]): string | null {
  const hull = convexHull(coords);
  const box = bboxOf(coords);
  if (!box || hull.length < 3) return null;
  const [x, y] = [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
  const ring = hull.map(([a, b]): Position => [x + (a - x) * 1.08, y + (b - y) * 1.08]);
  const key = JSON.stringify(ring);
  if (key !== registered) {
    echarts.registerMap('screen-area', {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name: '' }, geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] } }],
    } as any);
    registered = key;
  }
  return 'screen-area';
}

/** The admin's base layer, read once (none, or unreadable: the records' drawing). */
function useBase() {
  const [base, setBase] = useState<BaseLayer | null>(null);
  useEffect(() => {
    fetchBaseLayer()
      .then((b) => setBase(b.kind === 'none' ? null : b))
      .catch(() => setBase(null));
  }, []);
  return base;
}

export function MapPanel({ map }: { map: ScreenMap | null }) {
  const base = useBase();
  const [failed, setFailed] = useState<string | null>(null);
  const onBase = !!base && !failed && !!map;
  const option = useMemo(() => {
    if (!map || onBase) return null;
    const coords: Position[] = [...map.points.map((p): Position => [p.lng, p.lat]), ...map.heat.map((h): Position => [h[0], h[1]])];
    const name = area(coords);
    if (!name) return null;
    const max = Math.max(1, ...map.heat.map((h) => h[2]));
    return {
      tooltip: { trigger: 'item' },
      geo: {
        map: name,
        roam: false,
        silent: true,
        layoutSize: '96%',
        itemStyle: { areaColor: 'rgba(30, 80, 140, 0.25)', borderColor: '#2f6fb0', borderWidth: 2 },
      },
      visualMap: {
        type: 'continuous',
        seriesIndex: 0,
        min: 0,
        max,
        calculable: false,
        orient: 'horizontal',
        left: 16,
        bottom: 8,
        itemWidth: 10,
        itemHeight: 120,
        text: ['多', '未结案问题 少'],
        textStyle: { color: '#9fb3c8', fontSize: 13 },
        inRange: { color: HEAT_RAMP },
      },
      series: [
        { name: '未结案问题', type: 'heatmap', coordinateSystem: 'geo', data: map.heat, pointSize: 10, blurSize: 16 },
        {
          name: '点位测评得分',
          type: 'scatter',
          coordinateSystem: 'geo',
          symbolSize: 9,
          data: map.points.map((p) => ({
            name: p.name,
            value: [p.lng, p.lat, p.score ?? -1],
            itemStyle: { color: scoreColor(p.score), borderColor: '#0b1a2e', borderWidth: 1 },
          })),
          tooltip: {
            formatter: (x: { name: string; value: number[] }) => `${x.name}：${x.value[2] < 0 ? '尚未测评' : `${x.value[2]} 分`}`,
          },
        },
      ],
    };
  }, [map, onBase]);
  return (
    <section className="sc-panel sc-map">
      <h2>
        点位测评与问题热力
        {failed && <small className="sc-asof">{failed}</small>}
      </h2>
      {onBase ? (
        <Suspense fallback={<div style={{ height: 428 }} />}>
          <BaseMap map={map} base={base} onFail={setFailed} />
        </Suspense>
      ) : option ? (
        <Chart option={option} label="点位测评得分和未结案问题热力地图" style={{ height: 428 }} />
      ) : (
        <p className="sc-empty">暂无带坐标的点位和问题</p>
      )}
      <ul className="sc-legend">
        {SCORE_BANDS.map((b) => (
          <li key={b.label}>
            <i style={{ background: b.color }} />
            {b.label}
          </li>
        ))}
        <li>
          <i style={{ background: NO_SCORE }} />
          尚未测评
        </li>
      </ul>
    </section>
  );
}
