// 随手拍 step 2: where. The phone's position, a point on the map, or (without
// either) the community from the public list of the towns' communities.
import { lazy, Suspense, useEffect, useState } from 'react';
import { shortCommunityName } from '../../../domain/regions.ts';
import { call, messageOf, type PublicCommunities } from './api.ts';

const MapPicker = lazy(() => import('../components/MapPicker.tsx').then((m) => ({ default: m.MapPicker })));

const GEO_ERRORS: Record<number, string> = {
  1: '没有定位权限。请在地图上点选位置，或选择所在社区',
  2: '暂时无法定位。请在地图上点选位置，或选择所在社区',
  3: '定位超时。请重试，或在地图上点选位置',
};

/** The report's place: a point, or a community's code when there is no point. `onSet` clears the place's error. */
export function usePlace(onSet: () => void) {
  const [point, setPointState] = useState<{ lat: number; lng: number } | null>(null);
  const [regionCode, setRegionCodeState] = useState('');
  const [locating, setLocating] = useState(false);
  const [geoNote, setGeoNote] = useState<string | null>(null);
  const [showMap, setShowMap] = useState(false);
  const [showCommunity, setShowCommunity] = useState(false);
  const [communities, setCommunities] = useState<PublicCommunities['items'] | null>(null);
  const [communitiesError, setCommunitiesError] = useState<string | null>(null);

  useEffect(() => {
    if (!showCommunity || communities) return;
    call<PublicCommunities>('GET', '/communities').then(
      (r) => setCommunities(r.items),
      (e) => setCommunitiesError(messageOf(e)),
    );
  }, [showCommunity, communities]);

  const setPoint = (v: { lat: number; lng: number }) => {
    setPointState(v);
    onSet();
  };
  const setRegionCode = (code: string) => {
    setRegionCodeState(code);
    onSet();
  };
  const fallBack = (note: string) => {
    setGeoNote(note);
    setShowMap(true);
    setShowCommunity(true);
  };
  const locate = () => {
    if (!('geolocation' in navigator)) return fallBack('这个浏览器不能定位，请在地图上点选位置，或选择所在社区');
    setLocating(true);
    setGeoNote(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        setPoint({ lat: Number(pos.coords.latitude.toFixed(6)), lng: Number(pos.coords.longitude.toFixed(6)) });
      },
      (err) => {
        setLocating(false);
        fallBack(GEO_ERRORS[err.code] ?? GEO_ERRORS[2]);
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
    );
  };

  return {
    point,
    regionCode,
    setPoint,
    setRegionCode,
    locate,
    locating,
    geoNote,
    showMap,
    toggleMap: () => setShowMap((s) => !s),
    showCommunity,
    openCommunity: () => setShowCommunity(true),
    communities,
    communitiesError,
  };
}

export function PlaceSection({ place: p, error }: { place: ReturnType<typeof usePlace>; error?: string }) {
  const towns = [...new Set((p.communities ?? []).map((c) => c.townName))];
  return (
    <section className="h5-card">
      <h2>2. 在哪里</h2>
      <div className="h5-row">
        <button type="button" className="h5-btn" onClick={p.locate} disabled={p.locating}>
          {p.locating ? '正在定位…' : '使用我的位置'}
        </button>
        <button type="button" className="h5-btn h5-btn-ghost" onClick={p.toggleMap}>
          {p.showMap ? '收起地图' : '在地图上点选'}
        </button>
      </div>
      {!p.showCommunity && (
        <button type="button" className="h5-link" onClick={p.openCommunity}>
          不方便定位？选择所在社区
        </button>
      )}
      {p.point && (
        <p className="h5-ok">
          已定位：北纬 {p.point.lat.toFixed(5)}°，东经 {p.point.lng.toFixed(5)}°
        </p>
      )}
      {p.geoNote && <p className="h5-warn">{p.geoNote}</p>}
      {p.showMap && (
        <div className="h5-map">
          <Suspense fallback={<div className="h5-map-wait">地图加载中…</div>}>
            <MapPicker value={p.point} onChange={p.setPoint} height={240} />
          </Suspense>
          <p className="h5-hint">点一下地图，标出问题所在的位置</p>
        </div>
      )}
      {p.showCommunity && (
        <label className="h5-label">
          所在社区{p.point ? '（已定位，可不选）' : ''}
          <select value={p.regionCode} onChange={(e) => p.setRegionCode(e.target.value)} data-testid="community-picker">
            <option value="">{p.communities ? '请选择社区' : p.communitiesError ? '社区列表加载失败' : '正在加载社区…'}</option>
            {towns.map((town) => {
              const items = (p.communities ?? [])
                .filter((c) => c.townName === town)
                .map((c) => (
                  <option key={c.code} value={c.code}>
                    {shortCommunityName(c.name)}
                  </option>
                ));
              return towns.length > 1 ? (
                <optgroup key={town} label={town}>
                  {items}
                </optgroup>
              ) : (
                items
              );
            })}
          </select>
        </label>
      )}
      {p.communitiesError && <p className="h5-warn">社区列表加载失败：{p.communitiesError}。请刷新页面重试，或在地图上点选位置。</p>}
      {!p.point && p.regionCode && <p className="h5-hint">将按所选社区提交，处理人员会到社区内查找；能定位或点选地图会更快找到。</p>}
      {error && (
        <p className="h5-field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
