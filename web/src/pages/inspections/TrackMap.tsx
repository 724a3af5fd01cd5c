// The GPS track of an inspection on a small Leaflet map that needs no tile
// server (like the problem map): a light background, the track as a line,
// start and end dots, and the place. A configured tile URL is drawn under it.
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { mapText } from '../../components/map/safe.ts';
import { addBaseLayer, fetchBaseLayer } from '../../components/map/baseLayer.ts';


export function TrackMap({ track, place, height = 260 }: { track: [number, number, number?][]; place?: { lat: number; lng: number; name: string } | null; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const key = JSON.stringify([track, place]);
  useEffect(() => {
    const map = L.map(box.current!, { zoomControl: true, scrollWheelZoom: false });
    map.attributionControl?.setPrefix(false);
    // The admin's run-time base layer (none: the plain background).
    let base: { remove: () => void } | null = null;
    let live = true;
    fetchBaseLayer().then((bl) => { if (live) base = addBaseLayer(map, bl); }).catch(() => {});
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
      L.circleMarker([place.lat, place.lng], { radius: 7, color: '#d48806', weight: 2, fillColor: '#ffe58f', fillOpacity: 1 }).bindTooltip(mapText(place.name), { permanent: true, direction: 'top' }).addTo(map);
    }
    if (all.length > 1) map.fitBounds(L.latLngBounds(all).pad(0.25), { maxZoom: 18 });
    else if (all.length === 1) map.setView(all[0], 17);
    const ro = new ResizeObserver(() => map.invalidateSize());
    ro.observe(box.current!);
    return () => { live = false; base?.remove(); ro.disconnect(); map.remove(); };
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  return <div ref={box} className="map-box" style={{ height, background: '#f4f7f4' }} role="img" aria-label="巡查轨迹地图" />;
}
