// 问题地图: the list's filter (in the URL, the same filter bar) over a Leaflet
// map. Clusters come from the server for the visible box and zoom, refetched
// when the map stops moving. Colour by state or by overdue; a point opens the
// problem, a cluster zooms in. Without a tile URL (VITE_TILE_URL) the map
// draws a plain background with a coordinate grid, the places and community
// names, and a scale.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, Card, Segmented, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { api, errorMessage } from '../../api/client.ts';
import { flattenTree, useMe, useRegionTree } from '../../api/queries.ts';
import type { Place } from '../../api/types.ts';
import { PROBLEM_STATE_LABELS, type ProblemState } from '../../../../domain/problems/vocab.ts';
import { FilterBar } from '../problems/FilterBar.tsx';
import { filterQuery, parseFilter, type MapResult, type ProblemFilter } from '../problems/views-api.ts';
import '../problems/views.css';
import { mapText, textIcon } from '../../components/map/safe.ts';
import { keys } from '../../api/keys.ts';
import { ON_TIME_COLOUR, OVERDUE_COLOUR, STATE_COLOURS } from '../../../../domain/map-palette.ts';

const TILE_URL = import.meta.env.VITE_TILE_URL;
const TILE_ATTRIBUTION = import.meta.env.VITE_TILE_ATTRIBUTION;
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
interface View { bbox: string; zoom: number }

function gridStep(zoom: number): number {
  const steps = [0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 0.0005, 0.0002];
  const target = (360 / 2 ** zoom) * 0.6;
  return steps.find((s) => s <= target) ?? 0.0002;
}

function drawGrid(map: L.Map, layer: L.LayerGroup) {
  layer.clearLayers();
  const b = map.getBounds();
  const step = gridStep(map.getZoom());
  const style = { color: '#cdd8cd', weight: 1, interactive: false };
  for (let lat = Math.ceil(b.getSouth() / step) * step; lat <= b.getNorth(); lat += step) L.polyline([[lat, b.getWest()], [lat, b.getEast()]], style).addTo(layer);
  for (let lng = Math.ceil(b.getWest() / step) * step; lng <= b.getEast(); lng += step) L.polyline([[b.getSouth(), lng], [b.getNorth(), lng]], style).addTo(layer);
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
  const places = useQuery({
    queryKey: keys.places.located(),
    queryFn: () => api.get<{ items: Place[] }>('/places').then((r) => r.items.filter((p) => p.lat != null && p.lng != null)),
    enabled: me.can['region.read'],
    staleTime: 5 * 60_000,
  });
  const tree = useRegionTree(me.can['region.read']);

  // The map, once.
  useEffect(() => {
    const map = L.map(box.current!, { minZoom: MIN_ZOOM, maxZoom: 19, attributionControl: !!TILE_URL });
    map.attributionControl?.setPrefix(false);
    if (TILE_URL) L.tileLayer(TILE_URL, { maxZoom: 19, attribution: TILE_ATTRIBUTION ?? '' }).addTo(map);
    const scale = L.control.scale({ imperial: false, metric: true }).addTo(map);
    // The scale in Chinese units (米 / 公里).
    const bar = scale.getContainer()?.querySelector<HTMLElement>('.leaflet-control-scale-line');
    const chinese = () => { if (bar) bar.textContent = bar.textContent!.replace(/ km$/, ' 公里').replace(/ m$/, ' 米'); };
    map.on('zoomend moveend', chinese);
    chinese();
    const grid = L.layerGroup().addTo(map);
    context.current = L.layerGroup().addTo(map);
    markers.current = L.layerGroup().addTo(map);
    let timer: ReturnType<typeof setTimeout> | undefined;
    map.on('moveend', () => {
      if (!TILE_URL) drawGrid(map, grid);
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

  // Places as small grey dots, community names at the middle of their places.
  useEffect(() => {
    const layer = context.current;
    if (!layer || !places.data) return;
    layer.clearLayers();
    const names = new Map(flattenTree(tree.data).map((n) => [n.code, n.name]));
    const byCommunity = new Map<string, { lat: number; lng: number; n: number }>();
    for (const p of places.data) {
      L.circleMarker([p.lat!, p.lng!], { radius: 3, color: '#8c8c8c', weight: 1, fillColor: '#d9d9d9', fillOpacity: 1 }).bindTooltip(mapText(p.name), { direction: 'top' }).addTo(layer);
      const c = p.regionCode.slice(0, 12);
      const acc = byCommunity.get(c) ?? { lat: 0, lng: 0, n: 0 };
      byCommunity.set(c, { lat: acc.lat + p.lat!, lng: acc.lng + p.lng!, n: acc.n + 1 });
    }
    for (const [code, a] of byCommunity) {
      const name = names.get(code);
      if (!name) continue;
      L.marker([a.lat / a.n, a.lng / a.n], { interactive: false, keyboard: false, icon: textIcon(name.replace(/居民委员会$/, ''), { className: 'map-community', iconSize: [96, 16], iconAnchor: [48, -6] }) }).addTo(layer);
    }
    // With no problems in view yet, frame the town's places.
    const map = mapRef.current;
    if (map && places.data.length && !data.data?.total) map.fitBounds(L.latLngBounds(places.data.map((p) => [p.lat!, p.lng!] as L.LatLngTuple)).pad(0.1), { maxZoom: 16 });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [places.data, tree.data]);

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
        icon: textIcon(label, { className: '', iconSize: [size, size], iconAnchor: [size / 2, size / 2] }, { className: 'map-cluster', testId: 'map-cluster', style: { width: `${size}px`, height: `${size}px`, background: color } }),
      }).bindTooltip(mapText(`${c.count} 个问题${c.overdue ? `，超期 ${c.overdue} 个` : ''}（最需处理：${c.worstStateLabel}）`), { direction: 'top' })
        .on('click', () => map.setView([c.lat, c.lng], Math.min(map.getZoom() + 2, 19)))
        .addTo(layer);
    }
    for (const p of data.data.points) {
      const color = colorBy === 'overdue' ? (p.overdue ? OVERDUE_HEX : ONTIME_HEX) : STATE_HEX[p.state];
      L.circleMarker([p.lat, p.lng], { radius: 8, color: '#fff', weight: 2, fillColor: color, fillOpacity: 1, className: 'map-point' })
        .bindTooltip(mapText(`${p.code} · ${p.stateLabel}${p.overdue ? ' · 超期' : ''}`), { direction: 'top' })
        .on('click', () => navRef.current(`/problems/${p.id}`))
        .addTo(layer);
    }
  }, [data.data, colorBy]);

  const d = data.data;
  return (
    <div>
      <div className="page-title">
        <Typography.Title level={3}>问题地图</Typography.Title>
        <Segmented<ColorBy> value={colorBy} onChange={(c) => go(filter, c)} options={[{ value: 'state', label: '按状态着色' }, { value: 'overdue', label: '按超期着色' }]} />
      </div>
      <Card size="small">
        <FilterBar value={filter} onChange={(f) => go(f)} />
        {data.isError && <Alert type="error" showIcon title={`地图数据加载失败：${errorMessage(data.error)}`} style={{ marginBottom: 8 }} />}
        <div ref={box} className="map-page-box" role="application" aria-label="问题地图" data-testid="problem-map" />
        <div className="map-legend" aria-label="图例">
          {colorBy === 'state'
            ? LEGEND_STATES.map((s) => <span key={s}><i style={{ background: STATE_HEX[s] }} />{PROBLEM_STATE_LABELS[s]}</span>)
            : <><span><i style={{ background: OVERDUE_HEX }} />超期</span><span><i style={{ background: ONTIME_HEX }} />未超期</span></>}
          <span><i style={{ background: '#d9d9d9', border: '1px solid #8c8c8c' }} />点位</span>
          <span style={{ flex: 1 }} />
          <span aria-live="polite">
            {d ? (d.total ? `视野内 ${d.total} 个问题${d.truncated ? '（点太多，仅显示一部分，请放大）' : ''}` : '视野内没有符合条件的问题，可拖动或缩小地图，或放宽筛选') : '加载中…'}
          </span>
        </div>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 0' }}>点击圆点打开问题；点击聚合的数字放大查看。</Typography.Paragraph>
      </Card>
    </div>
  );
}
