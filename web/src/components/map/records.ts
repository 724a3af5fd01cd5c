// What a map draws when it has no tiles: what the records know. Imported
// boundaries (town and community, GeoJSON), a community's area as the convex
// hull of its places where none is imported, the places as points with their
// names, and each community's name at its middle. Text goes through safe.ts.
import L from 'leaflet';
import { convexHull, type Position } from '../../../../domain/geo.ts';
import { RECORDS_COLOURS as C } from '../../../../domain/map-palette.ts';
import { mapText, textIcon } from './safe.ts';
import { shortCommunityName } from '../../../../domain/regions.ts';
import './map.css';

export interface RecordPlace {
  id: number;
  name: string;
  regionCode: string;
  lat: number | null;
  lng: number | null;
}
export interface RecordBoundary {
  regionCode: string;
  regionName: string;
  level: 'town' | 'community';
  geometry: { coordinates: [number, number][][][] };
}

/** Place names are drawn from this zoom on (below it they would overlap). */
export const LABEL_ZOOM = 15;

export function drawRecords(
  layer: L.LayerGroup,
  o: {
    places: RecordPlace[];
    boundaries: RecordBoundary[];
    /** community code → name */
    names: Map<string, string>;
    zoom: number;
    /** A map pane to draw in (one below the caller's own marks, so neither areas nor names cover them). */
    pane?: string;
    /** Place names from this zoom on (default LABEL_ZOOM; a small map wants fewer). */
    labelZoom?: number;
  },
) {
  layer.clearLayers();
  const pane = o.pane ? { pane: o.pane } : {};
  const imported = new Set(o.boundaries.map((b) => b.regionCode));
  const rings = (b: RecordBoundary) => b.geometry.coordinates.map((poly) => poly.map((ring) => ring.map(([lng, lat]) => [lat, lng] as L.LatLngTuple)));
  for (const b of o.boundaries) {
    const town = b.level === 'town';
    L.polygon(rings(b), {
      color: town ? C.townBoundary : C.boundary,
      weight: town ? 3 : 2,
      dashArray: town ? '8 6' : undefined,
      fillColor: C.hullFill,
      fillOpacity: town ? 0 : 0.35,
      interactive: false,
      ...pane,
    }).addTo(layer);
  }
  // Communities: their places' hull unless a boundary was imported.
  const byCommunity = new Map<string, Position[]>();
  for (const p of o.places) {
    if (p.lat == null || p.lng == null) continue;
    const c = p.regionCode.slice(0, 12);
    byCommunity.set(c, [...(byCommunity.get(c) ?? []), [p.lng, p.lat]]);
  }
  for (const [code, pts] of byCommunity) {
    if (imported.has(code)) continue;
    const hull = convexHull(pts);
    if (hull.length >= 3) {
      L.polygon(
        hull.map(([lng, lat]) => [lat, lng] as L.LatLngTuple),
        { color: C.hull, weight: 1.5, dashArray: '4 4', fillColor: C.hullFill, fillOpacity: 0.45, interactive: false, ...pane },
      ).addTo(layer);
    } else if (hull.length) {
      // One or two places: a ring around them so the community still shows.
      const [lng, lat] = hull.reduce((a, p) => [a[0] + p[0] / hull.length, a[1] + p[1] / hull.length], [0, 0]);
      L.circle([lat, lng], {
        radius: 120,
        color: C.hull,
        weight: 1.5,
        dashArray: '4 4',
        fillColor: C.hullFill,
        fillOpacity: 0.45,
        interactive: false,
        ...pane,
      }).addTo(layer);
    }
  }
  for (const p of o.places) {
    if (p.lat == null || p.lng == null) continue;
    // Its name on hover at any zoom (as text: safe.ts).
    L.circleMarker([p.lat, p.lng], { radius: 4, color: C.place, weight: 1.5, fillColor: C.placeFill, fillOpacity: 1, ...pane })
      .bindTooltip(mapText(p.name), { direction: 'top' })
      .addTo(layer);
    if (o.zoom >= (o.labelZoom ?? LABEL_ZOOM)) {
      L.marker([p.lat, p.lng], {
        interactive: false,
        keyboard: false,
        ...pane,
        icon: textIcon(p.name, { className: 'map-place-label', iconSize: [120, 14], iconAnchor: [-6, 7] }),
      }).addTo(layer);
    }
  }
  // Community names at the middle of their places (or of the imported boundary).
  const middles = new Map<string, [number, number]>();
  for (const [code, pts] of byCommunity) middles.set(code, [pts.reduce((s, p) => s + p[1], 0) / pts.length, pts.reduce((s, p) => s + p[0], 0) / pts.length]);
  for (const b of o.boundaries) {
    if (b.level !== 'community') continue;
    const outer = b.geometry.coordinates[0]?.[0] ?? [];
    if (outer.length) middles.set(b.regionCode, [outer.reduce((s, p) => s + p[1], 0) / outer.length, outer.reduce((s, p) => s + p[0], 0) / outer.length]);
  }
  for (const [code, at] of middles) {
    const name = o.names.get(code);
    if (!name) continue;
    L.marker(at, {
      interactive: false,
      keyboard: false,
      ...pane,
      icon: textIcon(shortCommunityName(name), { className: 'map-community', iconSize: [120, 18], iconAnchor: [60, 9] }),
    }).addTo(layer);
  }
}
