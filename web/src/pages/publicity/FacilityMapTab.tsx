// 设施地图: the publicity facilities as a map layer (GET
// /api/publicity/facilities/map for the visible box and zoom: clusters with
// their damaged count, points coloured by condition), over the admin's base
// layer or what the records know, like the problem map. Text reaches the map
// only through components/map/safe.ts.
import { useEffect, useRef, useState } from 'react';
import { Alert, Card, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { api, errorMessage } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/queries.ts';
import { mapText, textIcon } from '../../components/map/safe.ts';
import { addBaseLayer, useBaseLayer } from '../../components/map/baseLayer.ts';
import { drawRecords } from '../../components/map/records.ts';
import { useMapRecords } from '../../components/map/useMapRecords.ts';
import { CONDITION_LABELS, CONDITIONS, type Condition } from '../../../../domain/publicity.ts';
import type { FacilityMap } from '../../../../domain/api/publicity.ts';
import '../problems/views.css';

const CENTER: L.LatLngTuple = [25.8425, 116.3575];
const COLOURS: Record<Condition, string> = { good: '#389e0d', damaged: '#cf1322', outdated: '#d48806', removed: '#8c8c8c' };

export function FacilityMapTab() {
  const me = useMe().data!;
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const markers = useRef<L.LayerGroup | null>(null);
  const context = useRef<L.LayerGroup | null>(null);
  const [view, setView] = useState<{ bbox: string; zoom: number } | null>(null);
  const [zoom, setZoom] = useState(15);
  const data = useQuery({
    queryKey: keys.publicity.list('map', view),
    queryFn: () => api.get<FacilityMap>('/publicity/facilities/map', { bbox: view!.bbox, zoom: view!.zoom }),
    enabled: !!view,
    placeholderData: keepPreviousData,
  });
  const records = useMapRecords(me.can['region.read']);
  const base = useBaseLayer();
  const [tilesFailed, setTilesFailed] = useState<string | null>(null);

  useEffect(() => {
    const map = L.map(box.current!, { minZoom: 11, maxZoom: 19 });
    map.attributionControl?.setPrefix(false);
    context.current = L.layerGroup().addTo(map);
    markers.current = L.layerGroup().addTo(map);
    let timer: ReturnType<typeof setTimeout> | undefined;
    map.on('moveend', () => {
      setZoom(map.getZoom());
      clearTimeout(timer);
      timer = setTimeout(() => {
        const b = map.getBounds();
        const r = (n: number) => n.toFixed(5);
        setView({ bbox: [r(b.getWest()), r(b.getSouth()), r(b.getEast()), r(b.getNorth())].join(','), zoom: Math.round(map.getZoom()) });
      }, 250);
    });
    map.setView(CENTER, 15);
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

  const drawnTiles = !!base.data && base.data.kind !== 'none' && !tilesFailed;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !base.data) return;
    return addBaseLayer(map, base.data, setTilesFailed).remove;
  }, [base.data]);
  useEffect(() => {
    box.current?.classList.toggle('map-records', !drawnTiles);
  }, [drawnTiles]);
  useEffect(() => {
    if (context.current && records) drawRecords(context.current, { ...records, zoom });
  }, [records, zoom]);
  // Frame the town's places once.
  const framed = useRef(false);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || framed.current || !records?.places.length) return;
    framed.current = true;
    map.fitBounds(L.latLngBounds(records.places.map((p) => [p.lat!, p.lng!] as L.LatLngTuple)).pad(0.1), { maxZoom: 16 });
  }, [records]);

  useEffect(() => {
    const layer = markers.current;
    const map = mapRef.current;
    if (!layer || !map || !data.data) return;
    layer.clearLayers();
    for (const c of data.data.clusters) {
      const size = Math.round(Math.min(60, 26 + Math.log10(c.count) * 14));
      L.marker([c.lat, c.lng], {
        title: `${c.count} 处设施`,
        icon: textIcon(
          String(c.count),
          { className: '', iconSize: [size, size], iconAnchor: [size / 2, size / 2] },
          { className: 'map-cluster', style: { width: `${size}px`, height: `${size}px`, background: c.damaged ? COLOURS.damaged : COLOURS.good } },
        ),
      })
        .bindTooltip(mapText(`${c.count} 处宣传设施${c.damaged ? `，破损 ${c.damaged} 处` : ''}`), { direction: 'top' })
        .on('click', () => map.setView([c.lat, c.lng], Math.min(map.getZoom() + 2, 19)))
        .addTo(layer);
    }
    for (const p of data.data.points) {
      L.circleMarker([p.lat, p.lng], { radius: 7, color: '#262626', weight: 1.5, fillColor: COLOURS[p.condition], fillOpacity: 1 })
        .bindTooltip(mapText(`${p.name} · ${CONDITION_LABELS[p.condition]}`), { direction: 'top' })
        .addTo(layer);
    }
  }, [data.data]);

  const d = data.data;
  return (
    <Card size="small">
      {(base.data?.problem || tilesFailed) && <Alert type="warning" showIcon title={base.data?.problem ?? tilesFailed} style={{ marginBottom: 8 }} />}
      {data.isError && <Alert type="error" showIcon title={`地图数据加载失败：${errorMessage(data.error)}`} style={{ marginBottom: 8 }} />}
      <div ref={box} className="map-page-box" role="application" aria-label="宣传设施地图" />
      <div className="map-legend" aria-label="图例">
        {CONDITIONS.filter((c) => c !== 'removed').map((c) => (
          <span key={c}>
            <i style={{ background: COLOURS[c] }} />
            {CONDITION_LABELS[c]}
          </span>
        ))}
        <span style={{ flex: 1 }} />
        <span aria-live="polite">
          {d ? (d.total ? `视野内 ${d.total} 处设施${d.truncated ? '（太多，仅显示一部分，请放大）' : ''}` : '视野内没有宣传设施') : '加载中…'}
        </span>
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 0' }}>
        点击聚合的数字放大查看；已拆除的设施不显示。
      </Typography.Paragraph>
    </Card>
  );
}
