// 问题地图: the list's filter (in the URL, the same filter bar) over a Leaflet
// map. Clusters come from the server for the visible box and zoom, refetched
// when the map stops moving. Colour by state or by overdue; a point opens the
// problem, a cluster zooms in. The base layer is the admin's run-time
// setting (components/map/baseLayer.ts); without one, or when it fails, the
// map draws what the records know (components/map/records.ts): imported
// boundaries, communities as the hulls of their places, places with names.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, Card, Segmented, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { api, errorMessage } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import { PROBLEM_STATE_LABELS, type ProblemState } from '../../../../domain/problems/vocab.ts';
import { FilterBar } from '../problems/FilterBar.tsx';
import { filterQuery, parseFilter, type MapResult, type ProblemFilter } from '../problems/views-api.ts';
import '../problems/views.css';
import { mapText, textIcon } from '../../components/map/safe.ts';
import { keys } from '../../api/keys.ts';
import { addBaseLayer, useBaseLayer } from '../../components/map/baseLayer.ts';
import { drawRecords } from '../../components/map/records.ts';
import { useMapRecords } from '../../components/map/useMapRecords.ts';
import { ON_TIME_COLOUR, OVERDUE_COLOUR, RECORDS_COLOURS, STATE_COLOURS } from '../../../../domain/map-palette.ts';
import { PageExtra } from '../../components/PageHeader.tsx';

const DEFAULT_CENTER: L.LatLngTuple = (() => {
  const v = import.meta.env.VITE_MAP_CENTER?.split(',').map(Number);
  return v && v.length === 2 && v.every(Number.isFinite) ? [v[0], v[1]] : [25.8425, 116.3575];
})();
/** The server refuses boxes over 4 square degrees; below zoom 11 a screen could exceed it. */
const MIN_ZOOM = 11;

const STATE_HEX = STATE_COLOURS;
const OVERDUE_HEX = OVERDUE_COLOUR;
const ONTIME_HEX = ON_TIME_COLOUR;
const LEGEND_STATES: ProblemState[] = ['reported', 'filed', 'dispatched', 'rectifying', 'rectified', 'closed'];

type ColorBy = 'state' | 'overdue';
interface View {
  bbox: string;
  zoom: number;
}

function viewOf(map: L.Map): View {
  const b = map.getBounds();
  const r = (n: number) => n.toFixed(5);
  return { bbox: [r(b.getWest()), r(b.getSouth()), r(b.getEast()), r(b.getNorth())].join(','), zoom: Math.round(map.getZoom()) };
}

export default function MapPage() {
  const me = useMe().data!;
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => parseFilter(params), [params]);
  const colorBy: ColorBy = params.get('color') === 'overdue' ? 'overdue' : 'state';
  const query = filterQuery(filter);
  const go = (f: ProblemFilter, c: ColorBy = colorBy) => setParams(new URLSearchParams({ ...filterQuery(f), ...(c === 'overdue' ? { color: c } : {}) }));

  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const markers = useRef<L.LayerGroup | null>(null);
  const context = useRef<L.LayerGroup | null>(null);
  const [view, setView] = useState<View | null>(null);
  const navRef = useRef(navigate);
  navRef.current = navigate;

  const data = useQuery({
    queryKey: keys.problems.map(query, view),
    queryFn: () => api.get<MapResult>('/problems/map', { ...query, bbox: view!.bbox, zoom: view!.zoom }),
    enabled: !!view,
    placeholderData: keepPreviousData,
  });
  const records = useMapRecords(me.can['region.read']);
  const base = useBaseLayer();
  const [tilesFailed, setTilesFailed] = useState<string | null>(null);
  const [zoom, setZoom] = useState(14);

  // The map, once.
  useEffect(() => {
    const map = L.map(box.current!, { minZoom: MIN_ZOOM, maxZoom: 19 });
    map.attributionControl?.setPrefix(false);
    const scale = L.control.scale({ imperial: false, metric: true }).addTo(map);
    // The scale in Chinese units (米 / 公里).
    const bar = scale.getContainer()?.querySelector<HTMLElement>('.leaflet-control-scale-line');
    const chinese = () => {
      if (bar) bar.textContent = bar.textContent!.replace(/ km$/, ' 公里').replace(/ m$/, ' 米');
    };
    map.on('zoomend moveend', chinese);
    chinese();
    context.current = L.layerGroup().addTo(map);
    markers.current = L.layerGroup().addTo(map);
    let timer: ReturnType<typeof setTimeout> | undefined;
    map.on('moveend', () => {
      setZoom(map.getZoom());
      clearTimeout(timer);
      timer = setTimeout(() => setView(viewOf(map)), 250);
    });
    map.setView(DEFAULT_CENTER, 14);
    mapRef.current = map;
    const ro = new ResizeObserver(() => map.invalidateSize());
    ro.observe(box.current!);
    return () => {
      clearTimeout(timer);
      ro.disconnect();
      map.remove();
      mapRef.current = null;
    };
  }, []);

  // The base layer, as the admin set it; none (or failing): the records layer is the map.
  const drawnTiles = !!base.data && base.data.kind !== 'none' && !tilesFailed;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !base.data) return;
    const b = addBaseLayer(map, base.data, setTilesFailed);
    return b.remove;
  }, [base.data]);
  useEffect(() => {
    box.current?.classList.toggle('map-records', !drawnTiles);
  }, [drawnTiles]);

  // What the records know: boundaries, community hulls, places and names.
  useEffect(() => {
    const layer = context.current;
    if (!layer || !records) return;
    drawRecords(layer, { ...records, zoom });
  }, [records, zoom]);

  // With no problems in view yet, frame the town's places once.
  const framed = useRef(false);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || framed.current || !records?.places.length || data.data?.total) return;
    framed.current = true;
    map.fitBounds(L.latLngBounds(records.places.map((p) => [p.lat!, p.lng!] as L.LatLngTuple)).pad(0.1), { maxZoom: 16 });
  }, [records, data.data]);

  // Clusters and points.
  useEffect(() => {
    const layer = markers.current;
    const map = mapRef.current;
    if (!layer || !map || !data.data) return;
    layer.clearLayers();
    for (const c of data.data.clusters) {
      const color = colorBy === 'overdue' ? (c.overdue > 0 ? OVERDUE_HEX : ONTIME_HEX) : STATE_HEX[c.worstState];
      const size = Math.round(Math.min(64, 28 + Math.log10(c.count) * 14));
      const label = c.count >= 10000 ? `${Math.floor(c.count / 1000)}千` : String(c.count);
      L.marker([c.lat, c.lng], {
        title: `${c.count} 个问题`,
        icon: textIcon(
          label,
          { className: '', iconSize: [size, size], iconAnchor: [size / 2, size / 2] },
          { className: 'map-cluster', testId: 'map-cluster', style: { width: `${size}px`, height: `${size}px`, background: color } },
        ),
      })
        .bindTooltip(mapText(`${c.count} 个问题${c.overdue ? `，超期 ${c.overdue} 个` : ''}（最需处理：${c.worstStateLabel}）`), { direction: 'top' })
        .on('click', () => map.setView([c.lat, c.lng], Math.min(map.getZoom() + 2, 19)))
        .addTo(layer);
    }
    for (const p of data.data.points) {
      const color = colorBy === 'overdue' ? (p.overdue ? OVERDUE_HEX : ONTIME_HEX) : STATE_HEX[p.state];
      // A dark ring: the light state colours (待接收 yellow) stay visible on the light records background.
      L.circleMarker([p.lat, p.lng], { radius: 8, color: '#262626', weight: 1.5, fillColor: color, fillOpacity: 1, className: 'map-point' })
        .bindTooltip(mapText(`${p.code} · ${p.stateLabel}${p.overdue ? ' · 超期' : ''}`), { direction: 'top' })
        .on('click', () => navRef.current(`/problems/${p.id}`))
        .addTo(layer);
    }
  }, [data.data, colorBy]);

  const d = data.data;
  return (
    <div>
      <PageExtra>
        <Segmented<ColorBy>
          value={colorBy}
          onChange={(c) => go(filter, c)}
          options={[
            { value: 'state', label: '按状态着色' },
            { value: 'overdue', label: '按超期着色' },
          ]}
        />
      </PageExtra>
      <Card size="small">
        <FilterBar value={filter} onChange={(f) => go(f)} />
        {(base.data?.problem || tilesFailed) && <Alert type="warning" showIcon title={base.data?.problem ?? tilesFailed} style={{ marginBottom: 8 }} />}
        {data.isError && <Alert type="error" showIcon title={`地图数据加载失败：${errorMessage(data.error)}`} style={{ marginBottom: 8 }} />}
        <div ref={box} className="map-page-box" role="application" aria-label="问题地图" data-testid="problem-map" />
        <div className="map-legend" aria-label="图例">
          {colorBy === 'state' ? (
            LEGEND_STATES.map((s) => (
              <span key={s}>
                <i style={{ background: STATE_HEX[s] }} />
                {PROBLEM_STATE_LABELS[s]}
              </span>
            ))
          ) : (
            <>
              <span>
                <i style={{ background: OVERDUE_HEX }} />
                超期
              </span>
              <span>
                <i style={{ background: ONTIME_HEX }} />
                未超期
              </span>
            </>
          )}
          <span>
            <i style={{ background: RECORDS_COLOURS.placeFill, border: `1.5px solid ${RECORDS_COLOURS.place}` }} />
            点位
          </span>
          {/* The communities' areas are drawn over a base map too. */}
          <span>
            <i style={{ background: RECORDS_COLOURS.hullFill, border: `1px dashed ${RECORDS_COLOURS.hull}`, borderRadius: 2 }} />
            社区范围（由点位围成，或导入的边界）
          </span>
          <span style={{ flex: 1 }} />
          <span aria-live="polite">
            {d
              ? d.total
                ? `视野内 ${d.total} 个问题${d.truncated ? '（点太多，仅显示一部分，请放大）' : ''}`
                : '视野内没有符合条件的问题，可拖动或缩小地图，或放宽筛选'
              : '加载中…'}
          </span>
        </div>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 0' }}>
          点击圆点打开问题；点击聚合的数字放大查看。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
