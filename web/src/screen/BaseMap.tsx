// The 大屏's map over the admin's base layer (系统配置 → 地图底图), drawn by the
// same code as the 问题地图 (components/map/baseLayer.ts: XYZ/天地图 tiles or a
// local .pmtiles archive) on Leaflet, loaded only when a base layer is set:
// the open problems' heat as cells coloured and sized by their count, the
// points coloured by their latest evaluation score on top. When the tiles
// cannot be loaded, `onFail` hands the map back to the drawing of the records.
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { ScreenMap } from '../../../domain/api/screen.ts';
import { addBaseLayer, type BaseLayer } from '../components/map/baseLayer.ts';
import { mapText } from '../components/map/safe.ts';
import { heatColor, scoreColor } from './mapColors.ts';

export default function BaseMap({ map, base, onFail }: { map: ScreenMap; base: BaseLayer; onFail: (why: string) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const lmap = useRef<L.Map | null>(null);
  const overlay = useRef<L.LayerGroup | null>(null);
  const framed = useRef(false);
  const fail = useRef(onFail);
  fail.current = onFail;

  useEffect(() => {
    const m = L.map(box.current!, { zoomControl: false, attributionControl: true, preferCanvas: true, keyboard: false });
    m.setView([25.8425, 116.3575], 13);
    const b = addBaseLayer(m, base, (why) => fail.current(why));
    overlay.current = L.layerGroup().addTo(m);
    lmap.current = m;
    const ro = new ResizeObserver(() => m.invalidateSize());
    ro.observe(box.current!);
    return () => {
      ro.disconnect();
      b.remove();
      m.remove();
      lmap.current = null;
    };
  }, [base]);

  useEffect(() => {
    const m = lmap.current;
    const g = overlay.current;
    if (!m || !g) return;
    g.clearLayers();
    const max = Math.max(1, ...map.heat.map((h) => h[2]));
    for (const [lng, lat, n] of map.heat) {
      L.circleMarker([lat, lng], { radius: 4 + 10 * Math.sqrt(n / max), stroke: false, fillColor: heatColor(n / max), fillOpacity: 0.55 })
        .bindTooltip(mapText(`未结案问题 ${n} 件`))
        .addTo(g);
    }
    for (const p of map.points) {
      L.circleMarker([p.lat, p.lng], { radius: 5, color: '#0b1a2e', weight: 1, fillColor: scoreColor(p.score), fillOpacity: 1 })
        .bindTooltip(mapText(`${p.name}：${p.score === null ? '尚未测评' : `${p.score} 分`}`)) // a point's name is user text: never HTML
        .addTo(g);
    }
    const coords = [...map.points.map((p): L.LatLngTuple => [p.lat, p.lng]), ...map.heat.map((h): L.LatLngTuple => [h[1], h[0]])];
    if (!framed.current && coords.length) {
      framed.current = true;
      m.fitBounds(L.latLngBounds(coords).pad(0.05), { maxZoom: 16 });
    }
  }, [map]);

  return <div ref={box} className="sc-basemap" role="img" aria-label="底图上的点位测评得分和未结案问题热力地图" style={{ height: 428 }} />;
}
