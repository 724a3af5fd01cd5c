// /m/start: what kind of inspection, where (nearby places first when the
// phone may locate itself, my assigned places first when not), a batch name
// for mock evaluations — then the start is queued and the checklist opens.
import { useEffect, useMemo, useState } from 'react';
import { INSPECTION_KIND_LABELS, SCORED_KINDS, type InspectionKind } from '../../../../domain/inspections/vocab.ts';
import { messageOf, type BootPlace } from './api.ts';
import { startInspection } from './draft.ts';
import { currentPosition, distanceM, fmtDistance, GEO_REFUSED, type Pos } from './geo.ts';
import { useSession } from './session.tsx';
import { go } from './nav.tsx';
import { Header, OfflineNote, StatusStrip } from './ui.tsx';
import { useSaveCore } from '../../api/save-core.ts';

const SHOWN = 30;

export function StartPage() {
  const { me, boot, bootError, reloadBoot } = useSession();
  const preset = Number(new URLSearchParams(window.location.search).get('place')) || null;
  const kinds = boot?.data.kinds ?? [];
  const [kind, setKind] = useState<InspectionKind | null>(null);
  const [placeId, setPlaceId] = useState<number | null>(preset);
  const [batch, setBatch] = useState('');
  const [filter, setFilter] = useState('');
  const [showAll, setShowAll] = useState(false);
  const [pos, setPos] = useState<Pos | null>(null);
  const [geo, setGeo] = useState<string | null>('正在定位，附近的点位会排在前面…');
  const [trackOn, setTrackOn] = useState(true);
  const [error, setError] = useState<string | null>(null);
  // Written on the phone first (works offline); the page moves on to the inspection.
  const { save: begin, busy } = useSaveCore({
    run: ({ kind, place }: { kind: InspectionKind; place: BootPlace }) =>
      startInspection({
        personId: me!.user.id,
        kind,
        placeId: place.id,
        placeName: place.name,
        checklistId: place.checklistId,
        batch: kind === 'mock_evaluation' ? batch.trim() : null,
        lat: pos?.lat ?? null,
        lng: pos?.lng ?? null,
        trackOn: trackOn && !!pos,
      }),
    onOk: (d) => go(`/m/inspect/${d.inspectionKey}`, true),
    onFail: (e) => setError(e instanceof Error && /[\u4e00-\u9fff]/.test(e.message) ? e.message : messageOf(e)),
  });

  useEffect(() => {
    let live = true;
    currentPosition(8000).then(
      (p) => {
        if (live) {
          setPos(p);
          setGeo(null);
        }
      },
      (e: { code: number }) => {
        if (live) {
          setGeo(GEO_REFUSED[e.code] ?? GEO_REFUSED[2]);
          setTrackOn(false);
        }
      },
    );
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    if (!kind && kinds.length) setKind(kinds.includes('patrol') ? 'patrol' : kinds[0]);
  }, [kinds, kind]);
  useEffect(() => {
    if (kind === 'mock_evaluation' && !batch && boot) setBatch(`${boot.data.today} 模拟测评`);
  }, [kind, batch, boot]);

  const places = useMemo(() => {
    const all = (boot?.data.places ?? []).filter((p) => kind !== 'demo_visit' || p.isDemoPoint);
    const f = filter.trim();
    const hit = f ? all.filter((p) => `${p.name}${p.address ?? ''}${p.communityName ?? ''}${p.pointTypeLabel ?? ''}`.includes(f)) : all;
    const dist = (p: BootPlace) => (pos && p.lat !== null && p.lng !== null ? distanceM(pos, { lat: p.lat, lng: p.lng }) : null);
    return hit
      .map((p) => ({ p, d: dist(p) }))
      .sort((a, b) => {
        if (pos) {
          if (a.d !== null && b.d !== null && a.d !== b.d) return a.d - b.d;
          if ((a.d === null) !== (b.d === null)) return a.d === null ? 1 : -1;
        }
        return Number(b.p.assigned) - Number(a.p.assigned) || a.p.name.localeCompare(b.p.name, 'zh-CN');
      });
  }, [boot, kind, filter, pos]);

  if (!me) return null;
  if (!boot) {
    return (
      <main className="h5 m-page">
        <Header title="开始巡查" back="/m/" />
        <StatusStrip />
        <section className="h5-card">
          {bootError ? (
            <>
              <p className="h5-alert" role="alert">
                首次使用需要联网下载点位和检查表：{bootError}
              </p>
              <button type="button" className="h5-btn h5-submit" onClick={reloadBoot}>
                重新下载
              </button>
            </>
          ) : (
            <p className="h5-muted">正在读取点位和检查表…</p>
          )}
        </section>
      </main>
    );
  }
  if (!kinds.length) {
    return (
      <main className="h5 m-page">
        <Header title="开始巡查" back="/m/" />
        <section className="h5-card">
          <p className="h5-muted">您的账号没有可记录的巡查类型。如需巡查，请联系镇创城办开通权限。</p>
        </section>
      </main>
    );
  }

  const place = boot.data.places.find((p) => p.id === placeId) ?? null;
  const checklist = place?.checklistId ? boot.data.checklists.find((c) => c.id === place.checklistId) : null;
  const shown = showAll || filter ? places : places.slice(0, SHOWN);

  const start = () => {
    if (!kind) {
      setError('请选择巡查类型');
      return;
    }
    if (!place) {
      setError('请选择要巡查的点位');
      return;
    }
    if (kind === 'mock_evaluation' && !batch.trim()) {
      setError('请填写测评批次，例如“2026年11月模拟测评”');
      return;
    }
    setError(null);
    void begin({ kind, place });
  };

  return (
    <main className="h5 m-page m-has-bar">
      <Header title="开始巡查" back="/m/" />
      <StatusStrip />
      <OfflineNote at={boot.at} offline={boot.offline} />
      {kinds.length > 1 ? (
        <section className="h5-card">
          <h2>巡查类型</h2>
          <div className="h5-chips" role="radiogroup" aria-label="巡查类型">
            {kinds.map((k) => (
              <button
                type="button"
                role="radio"
                aria-checked={k === kind}
                key={k}
                className={`h5-chip ${k === kind ? 'is-on' : ''}`}
                onClick={() => setKind(k)}
              >
                {INSPECTION_KIND_LABELS[k]}
                {SCORED_KINDS.includes(k) ? '（计分）' : ''}
              </button>
            ))}
          </div>
          {kind === 'mock_evaluation' ? (
            <label className="h5-label">
              测评批次
              <input value={batch} onChange={(e) => setBatch(e.target.value)} maxLength={60} />
            </label>
          ) : null}
        </section>
      ) : null}

      <section className="h5-card">
        <h2>选择点位</h2>
        {geo ? <p className="h5-hint m-geo">{geo}</p> : pos ? <p className="h5-hint m-geo">已定位，离您最近的点位排在前面</p> : null}
        <label className="h5-label m-search">
          搜索
          <input type="search" placeholder="点位名称、地址或社区" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
        <div className="m-list" role="radiogroup" aria-label="点位">
          {shown.map(({ p, d }) => (
            <button
              type="button"
              role="radio"
              aria-checked={p.id === placeId}
              key={p.id}
              className={`m-row m-row-btn m-pick ${p.id === placeId ? 'is-on' : ''}`}
              onClick={() => setPlaceId(p.id)}
            >
              <span className="m-row-main">
                <b>{p.name}</b>
                <span className="h5-muted">
                  {[
                    p.pointTypeLabel ?? (p.kind === 'street' ? '街巷' : p.kind === 'compound' ? '小区' : '点位'),
                    p.communityName,
                    d !== null ? fmtDistance(d) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </span>
              {p.assigned ? <span className="m-badge is-due">我负责</span> : null}
              {p.isDemoPoint ? <span className="m-badge is-demo">示范点</span> : null}
            </button>
          ))}
          {!places.length ? (
            <p className="h5-muted">
              {filter ? '没有找到，换个关键字试试' : kind === 'demo_visit' ? '您的范围内没有示范点' : '您的范围内还没有点位，请联系镇创城办添加'}
            </p>
          ) : null}
          {!showAll && !filter && places.length > SHOWN ? (
            <button type="button" className="h5-btn h5-btn-ghost m-more" onClick={() => setShowAll(true)}>
              显示全部 {places.length} 个点位
            </button>
          ) : null}
        </div>
      </section>

      {pos ? (
        <label className="m-check">
          <input type="checkbox" checked={trackOn} onChange={(e) => setTrackOn(e.target.checked)} /> 巡查时记录 GPS 轨迹
        </label>
      ) : null}
      {error ? (
        <p className="h5-alert" role="alert">
          {error}
        </p>
      ) : null}

      <div className="m-bar">
        <div className="m-bar-info">
          {place ? (
            <>
              <b>{place.name}</b>
              <span>{checklist ? `${checklist.title} · ${checklist.items.length} 项` : '此点位暂无检查表，可记录发现的问题'}</span>
            </>
          ) : (
            <span>请选择点位</span>
          )}
        </div>
        <button type="button" className="h5-btn m-bar-btn" disabled={busy || !place} onClick={() => void start()}>
          {busy ? '正在开始…' : '开始'}
        </button>
      </div>
    </main>
  );
}
