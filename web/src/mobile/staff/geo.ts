// Where the phone is: one position for "nearby places" and problems, and an
// optional thinned track while an inspection runs. Distances are computed on
// the phone from the cached places, so "nearby" works offline.
export interface Pos {
  lat: number;
  lng: number;
  accuracy?: number;
}

export const GEO_REFUSED: Record<number, string> = {
  1: '没有定位权限，已按您负责的点位排序',
  2: '暂时无法定位，已按您负责的点位排序',
  3: '定位超时，已按您负责的点位排序',
};

/** Great-circle distance in metres (haversine; plenty for a town). */
export function distanceM(a: Pos, b: Pos): number {
  const R = 6371000;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function fmtDistance(m: number): string {
  return m < 1000 ? `${Math.round(m)} 米` : `${(m / 1000).toFixed(1)} 公里`;
}

/** One position, or the reason there is none (code 1 refused, 2 unavailable, 3 timeout). */
export function currentPosition(timeoutMs = 10_000): Promise<Pos> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject({ code: 2 });
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: round6(p.coords.latitude), lng: round6(p.coords.longitude), accuracy: p.coords.accuracy }),
      (e) => reject({ code: e.code }),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Keep a point when the phone moved ≥ 15 m or 60 s passed, and at most MAX_POINTS (a day's walk). */
export const MIN_STEP_M = 15;
export const MIN_STEP_MS = 60_000;
export const MAX_POINTS = 2000;

export function thin(track: [number, number, number][], p: [number, number, number]): boolean {
  const last = track[track.length - 1];
  if (track.length >= MAX_POINTS) return false;
  if (!last) return true;
  return distanceM({ lat: last[0], lng: last[1] }, { lat: p[0], lng: p[1] }) >= MIN_STEP_M || p[2] - last[2] >= MIN_STEP_MS;
}

/** Watch the position; `onPoint` gets the points worth keeping. Returns a stop function. */
export function watchTrack(initial: [number, number, number][], onPoint: (p: [number, number, number]) => void): () => void {
  if (!('geolocation' in navigator)) return () => {};
  const track = [...initial];
  const id = navigator.geolocation.watchPosition(
    (pos) => {
      // Fixes worse than 100 m are noise in an alley.
      if (pos.coords.accuracy > 100) return;
      const p: [number, number, number] = [round6(pos.coords.latitude), round6(pos.coords.longitude), pos.timestamp || Date.now()];
      if (thin(track, p)) {
        track.push(p);
        onPoint(p);
      }
    },
    () => {
      /* no fix now; the track resumes when one comes */
    },
    { enableHighAccuracy: true, maximumAge: 10_000 },
  );
  return () => navigator.geolocation.clearWatch(id);
}
