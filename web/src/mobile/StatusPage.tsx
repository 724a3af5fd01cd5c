// 进度查询 by tracking code: progress steps, what happened when, the before
// and after photos, no personal data. After closure the resident rates the
// fix once (满意/基本满意/不满意).
import { useEffect, useState } from 'react';
import { A, go } from './nav.tsx';
import { call, fmtTime, messageOf, PublicError, RATINGS, type PublicStatus } from './api.ts';
import { useSaveCore } from '../api/save-core.ts';

/** The resident's view of the loop: which events complete which step. */
const STEPS: { label: string; states: string[]; actions: string[] }[] = [
  { label: '已提交', states: ['reported', 'filed', 'dispatched', 'rectifying', 'rectified', 'closed'], actions: ['report'] },
  { label: '已受理', states: ['filed', 'dispatched', 'rectifying', 'rectified', 'closed'], actions: ['file'] },
  { label: '整改中', states: ['dispatched', 'rectifying', 'rectified', 'closed'], actions: ['dispatch', 'accept'] },
  { label: '已整改', states: ['rectified', 'closed'], actions: ['submit'] },
  { label: '已结案', states: ['closed'], actions: ['verify_pass', 'close_on_spot'] },
];

export function StatusPage({ code }: { code: string }) {
  const [data, setData] = useState<PublicStatus | null>(null);
  const [error, setError] = useState<PublicError | null>(null);
  const [rateError, setRateError] = useState<string | null>(null);

  const load = () => {
    setError(null);
    call<PublicStatus>('GET', `/reports/${encodeURIComponent(code)}`).then(setData, (e) =>
      setError(e instanceof PublicError ? e : new PublicError(0, messageOf(e))),
    );
  };
  useEffect(load, [code]);

  const { save: rateSave, busy: rateBusy } = useSaveCore({
    run: (rating: string) => call<PublicStatus>('POST', `/reports/${encodeURIComponent(code)}/rating`, { rating }),
    onOk: setData,
    onFail: (e) => {
      setRateError(messageOf(e));
      if (e instanceof PublicError && e.status === 409) load();
    },
  });
  const rate = (rating: string) => {
    setRateError(null);
    void rateSave(rating);
  };

  if (error) {
    return (
      <div className="h5">
        <section className="h5-card">
          <h1 className="h5-title">进度查询</h1>
          <div className="h5-alert" role="alert">
            {error.status === 404 ? `没有找到查询码“${code}”对应的问题，请核对后重新输入。` : error.message}
          </div>
          <div className="h5-row">
            {error.status !== 404 && (
              <button type="button" className="h5-btn" onClick={load}>
                重试
              </button>
            )}
            <A to="/h5/status" className="h5-btn h5-btn-ghost">
              重新输入查询码
            </A>
          </div>
        </section>
      </div>
    );
  }
  if (!data)
    return (
      <div className="h5">
        <p className="h5-hint h5-loading">正在查询…</p>
      </div>
    );

  const closed = data.state === 'closed';
  const stopped = data.state === 'rejected' || data.state === 'merged';
  const { before, after } = data.photos;

  return (
    <div className="h5">
      <header className="h5-head">
        <span className="h5-mark">创</span>
        <div>
          <h1>处理进度</h1>
          <p>
            查询码 <b className="h5-code-inline">{data.trackingCode}</b>
          </p>
        </div>
      </header>
      <section className="h5-card">
        <div className="h5-state-line">
          <span className={`h5-state h5-state-${closed ? 'closed' : stopped ? 'rejected' : 'open'}`} data-testid="public-state">
            {data.stateLabel}
          </span>
          {data.categoryName && <span className="h5-muted">{data.categoryName}</span>}
        </div>
        {data.communityName && (
          <p className="h5-muted" style={{ margin: '6px 0 0' }}>
            {data.communityName}
          </p>
        )}
        {data.dueDate && (
          <p className="h5-muted" style={{ margin: '2px 0 0' }}>
            整改期限：{data.dueDate.replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}
          </p>
        )}
        {stopped ? (
          <p className="h5-warn">
            {data.state === 'merged'
              ? `这个问题与已有的同一问题合并处理${data.mergedIntoCode ? `（查询码 ${data.mergedIntoCode}）` : ''}。`
              : '这个问题没有立案（可能是重复上报或不在本镇范围）。'}
            感谢您的关注。
          </p>
        ) : (
          <ol className="h5-steps" aria-label="处理步骤">
            {STEPS.map((s) => {
              const done = s.states.includes(data.state);
              const at = [...data.timeline].reverse().find((e) => s.actions.includes(e.action))?.at ?? null;
              return (
                <li key={s.label} className={done ? 'is-done' : ''}>
                  <span className="h5-dot" aria-hidden>
                    {done ? '✓' : ''}
                  </span>
                  <div>
                    <div className="h5-step-label">{s.label}</div>
                    {done && at && <div className="h5-muted">{fmtTime(at)}</div>}
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </section>

      {(before.length > 0 || after.length > 0) && (
        <section className="h5-card">
          {before.length > 0 && (
            <>
              <h2>处理前</h2>
              <div className="h5-photos">
                {before.map((p) => (
                  <a key={p.url} href={p.url} className="h5-photo" target="_blank" rel="noreferrer">
                    <img src={p.thumbUrl} alt="处理前的照片" />
                  </a>
                ))}
              </div>
            </>
          )}
          {after.length > 0 && (
            <>
              <h2 style={{ marginTop: 12 }}>处理后</h2>
              <div className="h5-photos">
                {after.map((p) => (
                  <a key={p.url} href={p.url} className="h5-photo" target="_blank" rel="noreferrer">
                    <img src={p.thumbUrl} alt="处理后的照片" />
                  </a>
                ))}
              </div>
            </>
          )}
        </section>
      )}

      {closed && (
        <section className="h5-card">
          <h2>您对处理结果满意吗？</h2>
          {data.rating ? (
            <p className="h5-ok" data-testid="rating-done">
              您的评价：{data.rating.rating}。谢谢您的参与！
            </p>
          ) : data.canRate ? (
            <div className="h5-row">
              {RATINGS.map((r) => (
                <button key={r} type="button" className={`h5-btn${r === '不满意' ? ' h5-btn-ghost' : ''}`} disabled={rateBusy} onClick={() => rate(r)}>
                  {r}
                </button>
              ))}
            </div>
          ) : (
            <p className="h5-hint">这个问题已经评价过了。</p>
          )}
          {rateError && (
            <div className="h5-alert" role="alert" style={{ marginTop: 8 }}>
              {rateError}
            </div>
          )}
        </section>
      )}

      {data.timeline.length > 0 && (
        <section className="h5-card">
          <h2>处理记录</h2>
          <ul className="h5-log">
            {[...data.timeline].reverse().map((e, i) => (
              <li key={i}>
                <span className="h5-muted">{fmtTime(e.at)}</span>
                <div>{e.label}</div>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="h5-foot">
        <button type="button" className="h5-link" onClick={load}>
          刷新
        </button>{' '}
        · <A to="/h5/report">我也要随手拍</A>
      </p>
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
        <div>
          <h1>进度查询</h1>
          <p>输入提交时拿到的查询码</p>
        </div>
      </header>
      <form
        className="h5-card"
        onSubmit={(e) => {
          e.preventDefault();
          const c = code.trim();
          if (!/^[A-Za-z0-9]{6,20}$/.test(c)) {
            setErr('查询码是 6 到 20 位的数字或字母，请核对');
            return;
          }
          go(`/h5/status/${encodeURIComponent(c)}`);
        }}
      >
        <label className="h5-label">
          查询码
          <input
            value={code}
            inputMode="numeric"
            onChange={(e) => {
              setCode(e.target.value.replace(/\s/g, ''));
              setErr(null);
            }}
            autoComplete="off"
          />
        </label>
        {err && (
          <p className="h5-field-error" role="alert">
            {err}
          </p>
        )}
        <button type="submit" className="h5-btn h5-submit">
          查询
        </button>
      </form>
      <p className="h5-foot">
        <A to="/h5/report">我要随手拍</A>
      </p>
    </div>
  );
}
