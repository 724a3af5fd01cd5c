// The GPS track of an inspection on a small Leaflet map that needs no tile
// server (like the problem map): a light background with what the records
// know (community areas, places: components/map/records.ts), the track as a
// line, start and end dots, and the place. The admin's base layer, when set,
// is drawn under it instead of the records.
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { mapText } from '../../components/map/safe.ts';
import { addBaseLayer, fetchBaseLayer } from '../../components/map/baseLayer.ts';
import { drawRecords } from '../../components/map/records.ts';
import type { MapRecords } from '../../components/map/useMapRecords.ts';

export function TrackMap({
  track,
  place,
  records,
  height = 260,
}: {
  track: [number, number, number?][];
  place?: { lat: number; lng: number; name: string } | null;
  /** What the records know (useMapRecords), drawn when there are no tiles. */
  records?: MapRecords;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<{ map: L.Map; context: L.LayerGroup; tiles: boolean } | null>(null);
  const recordsRef = useRef(records);
  recordsRef.current = records;
  const drawContext = () => {
    const m = mapRef.current;
    const data = recordsRef.current;
    if (!m) return;
    if (m.tiles || !data) m.context.clearLayers();
    else drawRecords(m.context, { ...data, zoom: m.map.getZoom(), pane: 'records', labelZoom: 17 });
  };
  const key = JSON.stringify([track, place]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for track and place (a new array each render)
  useEffect(() => {
    const map = L.map(box.current!, { zoomControl: true, scrollWheelZoom: false });
    map.attributionControl?.setPrefix(false);
    // The records in a pane under the track (the overlay pane is at 400).
    map.createPane('records').style.zIndex = '390';
    const m = { map, context: L.layerGroup().addTo(map), tiles: false };
    mapRef.current = m;
    map.on('zoomend', drawContext);
    // The admin's run-time base layer (none, or failing: the records).
    let base: ReturnType<typeof addBaseLayer> | null = null;
    let live = true;
    fetchBaseLayer()
      .then((bl) => {
        if (!live) return;
        base = addBaseLayer(map, bl, () => {
          m.tiles = false;
          drawContext();
        });
        m.tiles = base.drawn;
        drawContext();
      })
      .catch(() => {});
    L.control.scale({ imperial: false, metric: true }).addTo(map);
    const pts = track.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1])).map((p) => [p[0], p[1]] as L.LatLngTuple);
    const all: L.LatLngTuple[] = [...pts];
    if (pts.length) {
      L.polyline(pts, { color: '#1677ff', weight: 3 }).addTo(map);
      L.circleMarker(pts[0], { radius: 6, color: '#fff', weight: 2, fillColor: '#52c41a', fillOpacity: 1 }).bindTooltip(mapText('起点')).addTo(map);
      L.circleMarker(pts.at(-1)!, { radius: 6, color: '#fff', weight: 2, fillColor: '#cf1322', fillOpacity: 1 }).bindTooltip(mapText('终点')).addTo(map);
    }
    if (place) {
      all.push([place.lat, place.lng]);
      L.circleMarker([place.lat, place.lng], { radius: 7, color: '#d48806', weight: 2, fillColor: '#ffe58f', fillOpacity: 1 })
        .bindTooltip(mapText(place.name), { permanent: true, direction: 'top' })
        .addTo(map);
    }
    if (all.length > 1) map.fitBounds(L.latLngBounds(all).pad(0.25), { maxZoom: 18 });
    else if (all.length === 1) map.setView(all[0], 17);
    const ro = new ResizeObserver(() => map.invalidateSize());
    ro.observe(box.current!);
    drawContext();
    return () => {
      live = false;
      base?.remove();
      ro.disconnect();
      map.remove();
      mapRef.current = null;
    };
  }, [key]);
  // The records, once they are in.
  // biome-ignore lint/correctness/useExhaustiveDependencies: records is the trigger; drawContext reads it through the ref
  useEffect(drawContext, [records]);
  return <div ref={box} className="map-box" style={{ height, background: '#f4f7f4' }} role="img" aria-label="巡查轨迹地图" />;
}
