// A small Leaflet map that works with no tile server: a plain light
// background with a coordinate grid and, on the desk, what the records know
// (community areas, places and names: map/records.ts), the other places as
// grey dots, the chosen position as a red dot; click to set it. The base
// layer the admin configured (components/map/baseLayer.ts, read at run time)
// is drawn underneath; the grid and the records only without it. WGS84.
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { mapText, textIcon } from './map/safe.ts';
import { addBaseLayer, fetchBaseLayer } from './map/baseLayer.ts';
import { drawRecords } from './map/records.ts';
import type { MapRecords } from './map/useMapRecords.ts';

export interface LatLng {
  lat: number;
  lng: number;
}
export interface MapMark extends LatLng {
  name: string;
}

// Default view: the demo town (长汀县汀州镇), overridable with VITE_MAP_CENTER="lat,lng".
const DEFAULT_CENTER: L.LatLngTuple = (() => {
  const v = import.meta.env.VITE_MAP_CENTER?.split(',').map(Number);
  return v && v.length === 2 && v.every(Number.isFinite) ? [v[0], v[1]] : [25.8425, 116.3575];
})();

/** Grid step in degrees that gives a handful of lines at this zoom. */
function gridStep(zoom: number): number {
  const steps = [10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 0.0005, 0.0002, 0.0001];
  const target = (360 / 2 ** zoom) * 0.6;
  return steps.find((s) => s <= target) ?? 0.0001;
}

function drawGrid(map: L.Map, layer: L.LayerGroup) {
  layer.clearLayers();
  const b = map.getBounds();
  const step = gridStep(map.getZoom());
  const decimals = Math.max(0, Math.ceil(-Math.log10(step)));
  const style = { color: '#b7c4b7', weight: 1, interactive: false };
  for (let lat = Math.ceil(b.getSouth() / step) * step; lat <= b.getNorth(); lat += step) {
    L.polyline(
      [
        [lat, b.getWest()],
        [lat, b.getEast()],
      ],
      style,
    ).addTo(layer);
    L.marker([lat, b.getWest()], {
      interactive: false,
      icon: textIcon(`北纬${lat.toFixed(decimals)}°`, { className: 'map-grid-label', iconSize: [90, 14], iconAnchor: [-4, 14] }),
    }).addTo(layer);
  }
  for (let lng = Math.ceil(b.getWest() / step) * step; lng <= b.getEast(); lng += step) {
    L.polyline(
      [
        [b.getSouth(), lng],
        [b.getNorth(), lng],
      ],
      style,
    ).addTo(layer);
    L.marker([b.getSouth(), lng], {
      interactive: false,
      icon: textIcon(`东经${lng.toFixed(decimals)}°`, { className: 'map-grid-label', iconSize: [90, 14], iconAnchor: [-4, 16] }),
    }).addTo(layer);
  }
}

export function MapPicker({
  value,
  onChange,
  others = [],
  records,
  height = 320,
}: {
  value: LatLng | null;
  onChange?: (v: LatLng) => void;
  others?: MapMark[];
  /** What the records know (useMapRecords), drawn when there are no tiles; the resident page has none. */
  records?: MapRecords;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const markRef = useRef<L.CircleMarker | null>(null);
  const othersRef = useRef<L.LayerGroup | null>(null);
  const recordsRef = useRef<{ layer: L.LayerGroup; draw: () => void; data?: MapRecords } | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const map = L.map(box.current!, { minZoom: 3, maxZoom: 19, zoomControl: true });
    map.attributionControl?.setPrefix(false);
    L.control.scale({ imperial: false, metric: true }).addTo(map);
    const grid = L.layerGroup().addTo(map);
    // The records in a pane under the marks (the overlay pane is at 400).
    map.createPane('records').style.zIndex = '390';
    const context = L.layerGroup().addTo(map);
    // The grid and the records until (unless) the configured base layer draws.
    let tiles = false;
    const drawContext = () => {
      const data = recordsRef.current?.data;
      if (tiles || !data) context.clearLayers();
      else drawRecords(context, { ...data, zoom: map.getZoom(), pane: 'records', labelZoom: 17 });
    };
    recordsRef.current = { layer: context, draw: drawContext };
    const regrid = () => {
      if (tiles) grid.clearLayers();
      else drawGrid(map, grid);
      drawContext();
    };
    map.on('zoomend', drawContext);
    map.on('moveend', () => {
      if (tiles) grid.clearLayers();
      else drawGrid(map, grid);
    });
    let base: ReturnType<typeof addBaseLayer> | null = null;
    // Used on the resident page too (no QueryClient there): a plain fetch.
    fetchBaseLayer()
      .then((bl) => {
        if (!mapRef.current) return;
        base = addBaseLayer(map, bl, () => {
          tiles = false;
          regrid();
        });
        tiles = base.drawn;
        regrid();
      })
      .catch(() => {
        /* no setting readable: the grid stays */
      });
    othersRef.current = L.layerGroup().addTo(map);
    map.on('click', (e: L.LeafletMouseEvent) => {
      if (!onChangeRef.current) return;
      onChangeRef.current({ lat: Number(e.latlng.lat.toFixed(6)), lng: Number(e.latlng.lng.toFixed(6)) });
    });
    map.setView(DEFAULT_CENTER, 15);
    mapRef.current = map;
    // Inside a modal the box has no size at first; follow its real size.
    const ro = new ResizeObserver(() => map.invalidateSize());
    ro.observe(box.current!);
    return () => {
      ro.disconnect();
      base?.remove();
      map.remove();
      mapRef.current = null;
      markRef.current = null;
      recordsRef.current = null;
    };
  }, []);

  // The records, once they are in.
  useEffect(() => {
    const r = recordsRef.current;
    if (!r) return;
    r.data = records;
    r.draw();
  }, [records]);

  // Context: the other places, and the initial view.
  const othersKey = JSON.stringify(others);
  // biome-ignore lint/correctness/useExhaustiveDependencies: othersKey stands for others (a new array each render); value only frames the first view
  useEffect(() => {
    const map = mapRef.current;
    const layer = othersRef.current;
    if (!map || !layer) return;
    layer.clearLayers();
    for (const o of others) {
      L.circleMarker([o.lat, o.lng], { radius: 5, color: '#8c8c8c', weight: 1, fillColor: '#bfbfbf', fillOpacity: 0.9 })
        .bindTooltip(mapText(o.name), { direction: 'top' })
        .addTo(layer);
    }
    if (!value && others.length) {
      map.fitBounds(L.latLngBounds(others.map((o) => [o.lat, o.lng] as L.LatLngTuple)).pad(0.3), { maxZoom: 17 });
    }
  }, [othersKey]);

  // The chosen position.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the position's numbers, not the object (a new one each render)
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const ok = value && Number.isFinite(value.lat) && Number.isFinite(value.lng) && Math.abs(value.lat) <= 90 && Math.abs(value.lng) <= 180;
    if (!ok) {
      markRef.current?.remove();
      markRef.current = null;
      return;
    }
    const ll: L.LatLngTuple = [value.lat, value.lng];
    if (!markRef.current) {
      markRef.current = L.circleMarker(ll, { radius: 8, color: '#fff', weight: 2, fillColor: '#c0392b', fillOpacity: 1 }).addTo(map);
      map.setView(ll, Math.max(map.getZoom(), 16)); // the first position: centred
    } else {
      markRef.current.setLatLng(ll);
      if (!map.getBounds().contains(ll)) map.panTo(ll);
    }
  }, [value?.lat, value?.lng]);

  return <div ref={box} className="map-box" style={{ height }} role="application" aria-label="地图：点击设置位置" />;
}
