// 进度查询 by tracking code: progress steps, the before and after photos,
// no personal data. After closure the resident rates the fix once.
import { useEffect, useState } from 'react';
import { A, go } from './entry.tsx';
import { call, fmtTime, messageOf, PublicError, RATINGS, type PublicStatus, type PublicStep } from './api.ts';

/** The resident's view of the loop, when the server sends no steps of its own. */
const STEP_STATES: { label: string; states: string[] }[] = [
  { label: '已提交', states: ['reported', 'filed', 'dispatched', 'rectifying', 'rectified', 'closed'] },
  { label: '已受理', states: ['filed', 'dispatched', 'rectifying', 'rectified', 'closed'] },
  { label: '处理中', states: ['dispatched', 'rectifying', 'rectified', 'closed'] },
  { label: '已整改', states: ['rectified', 'closed'] },
  { label: '已结案', states: ['closed'] },
];

function stepsOf(s: PublicStatus): PublicStep[] {
  if (s.steps?.length) return s.steps;
  return STEP_STATES.map((st, i) => ({ label: st.label, done: st.states.includes(s.state), at: i === 0 ? s.createdAt : st.label === '已结案' ? s.closedAt ?? null : null }));
}

function photosOf(s: PublicStatus, kind: 'before' | 'after'): string[] {
  const list = s.photos?.filter((p) => p.kind === kind).map((p) => p.thumbUrl ?? p.url) ?? [];
  return list.length ? list : (kind === 'before' ? s.beforePhotos : s.afterPhotos) ?? [];
}

export function StatusPage({ code }: { code: string }) {
  const [data, setData] = useState<PublicStatus | null>(null);
  const [error, setError] = useState<PublicError | null>(null);
  const [rating, setRating] = useState<string | null>(null);
  const [rateBusy, setRateBusy] = useState(false);
  const [rateError, setRateError] = useState<string | null>(null);

  const load = () => {
    setError(null);
    call<PublicStatus>('GET', `/reports/${encodeURIComponent(code)}`).then(setData, (e) => setError(e instanceof PublicError ? e : new PublicError(0, messageOf(e))));
  };
  useEffect(load, [code]);

  const rate = async (value: string) => {
    setRateBusy(true);
    setRateError(null);
    try {
      const r = await call<PublicStatus | undefined>('POST', `/reports/${encodeURIComponent(code)}/rating`, { rating: value });
      setRating(value);
      if (r && typeof r === 'object' && 'state' in r) setData(r);
      else setData((d) => (d ? { ...d, rating: value, canRate: false } : d));
    } catch (e) {
      setRateError(messageOf(e));
    } finally {
      setRateBusy(false);
    }
  };

  if (error) {
    return (
      <div className="h5">
        <section className="h5-card">
          <h1 className="h5-title">进度查询</h1>
          <div className="h5-alert" role="alert">{error.status === 404 ? `没有找到查询码“${code}”对应的问题，请核对后重新输入。` : error.message}</div>
          <div className="h5-row">
            {error.status !== 404 && <button type="button" className="h5-btn" onClick={load}>重试</button>}
            <A to="/h5/status" className="h5-btn h5-btn-ghost">重新输入查询码</A>
          </div>
        </section>
      </div>
    );
  }
  if (!data) return <div className="h5"><p className="h5-hint h5-loading">正在查询…</p></div>;

  const steps = stepsOf(data);
  const before = photosOf(data, 'before');
  const after = photosOf(data, 'after');
  const closed = data.state === 'closed';
  const rejected = data.state === 'rejected' || data.state === 'merged';
  const given = data.rating ?? rating;
  const ratingLabel = RATINGS.find((r) => r.value === given)?.label ?? given;

  return (
    <div className="h5">
      <header className="h5-head">
        <span className="h5-mark">创</span>
        <div>
          <h1>处理进度</h1>
          <p>查询码 <b className="h5-code-inline">{data.trackingCode ?? code}</b></p>
        </div>
      </header>
      <section className="h5-card">
        <div className="h5-state-line">
          <span className={`h5-state h5-state-${closed ? 'closed' : rejected ? 'rejected' : 'open'}`} data-testid="public-state">{data.stateLabel}</span>
          {data.categoryName && <span className="h5-muted">{data.categoryName}</span>}
        </div>
        {data.regionName && <p className="h5-muted">{data.regionName}</p>}
        {data.description && <p className="h5-desc">{data.description}</p>}
        {!rejected && (
          <ol className="h5-steps">
            {steps.map((s, i) => (
              <li key={i} className={s.done ? 'is-done' : ''}>
                <span className="h5-dot" aria-hidden>{s.done ? '✓' : ''}</span>
                <div>
                  <div className="h5-step-label">{s.label}</div>
                  {s.at && s.done && <div className="h5-muted">{fmtTime(s.at)}</div>}
                  {s.note && <div className="h5-muted">{s.note}</div>}
                </div>
              </li>
            ))}
          </ol>
        )}
        {rejected && <p className="h5-warn">这个问题没有立案（可能是重复上报或不在本镇范围）。感谢您的关注。</p>}
      </section>

      {(before.length > 0 || after.length > 0) && (
        <section className="h5-card">
          {before.length > 0 && <><h2>处理前</h2><div className="h5-photos">{before.map((u) => <a key={u} href={u} className="h5-photo" target="_blank" rel="noreferrer"><img src={u} alt="处理前的照片" /></a>)}</div></>}
          {after.length > 0 && <><h2>处理后</h2><div className="h5-photos">{after.map((u) => <a key={u} href={u} className="h5-photo" target="_blank" rel="noreferrer"><img src={u} alt="处理后的照片" /></a>)}</div></>}
        </section>
      )}

      {closed && (
        <section className="h5-card">
          <h2>您对处理结果满意吗？</h2>
          {given ? (
            <p className="h5-ok" data-testid="rating-done">您的评价：{ratingLabel}。谢谢！</p>
          ) : data.canRate === false ? (
            <p className="h5-hint">这个问题已经评价过了。</p>
          ) : (
            <div className="h5-row">
              {RATINGS.map((r) => (
                <button key={r.value} type="button" className={`h5-btn ${r.value === 'dissatisfied' ? 'h5-btn-ghost' : ''}`} disabled={rateBusy} onClick={() => rate(r.value)}>{r.label}</button>
              ))}
            </div>
          )}
          {rateError && <div className="h5-alert" role="alert">{rateError}</div>}
        </section>
      )}
      <p className="h5-foot"><button type="button" className="h5-link" onClick={load}>刷新</button> · <A to="/h5/report">我也要随手拍</A></p>
    </div>
  );
}

export function StatusLookup() {
  const [code, setCode] = useState('');
  const [err, setErr] = useState<string | null>(null);
  return (
    <div className="h5">
      <header className="h5-head">
        <span className="h5-mark">创</span>
        <div><h1>进度查询</h1><p>输入提交时拿到的查询码</p></div>
      </header>
      <form className="h5-card" onSubmit={(e) => {
        e.preventDefault();
        const c = code.trim();
        if (!c) { setErr('请输入查询码'); return; }
        go(`/h5/status/${encodeURIComponent(c)}`);
      }}>
        <label className="h5-label">查询码
          <input value={code} onChange={(e) => { setCode(e.target.value.toUpperCase()); setErr(null); }} autoCapitalize="characters" autoComplete="off" />
        </label>
        {err && <p className="h5-field-error" role="alert">{err}</p>}
        <button type="submit" className="h5-btn h5-submit">查询</button>
      </form>
      <p className="h5-foot"><A to="/h5/report">我要随手拍</A></p>
    </div>
  );
}
