// 群众点单 on the resident pages (issue 17 item 4): /h5/order — ask a
// 新时代文明实践所/站 for a service (kind, day and time wished, place,
// contact), answered with a tracking code; /h5/order/<code> — follow it and,
// once a volunteer team took it, rate it once.
import { useEffect, useState } from 'react';
import { call, messageOf } from './api.ts';
import { useSaveCore } from '../api/save-core.ts';
import { A, go } from './nav.tsx';
import type { PublicOrder, PublicStations } from '../../../domain/api/volunteers.ts';

function Head({ sub }: { sub: string }) {
  return (
    <header className="h5-head">
      <span className="h5-mark" aria-hidden>
        创
      </span>
      <div>
        <h1>我要点单</h1>
        <p>{sub}</p>
      </div>
    </header>
  );
}

export function OrderPage() {
  const [st, setSt] = useState<PublicStations | null>(null);
  const [v, setV] = useState({ stationId: '', kind: '', wishedOn: '', wishedTime: '', place: '', contactName: '', contactPhone: '', details: '' });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call<PublicStations>('GET', '/order-stations').then(setSt, (e) => setError(messageOf(e)));
  }, []);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const { save, busy } = useSaveCore({
    run: () =>
      call<{ code: string }>('POST', '/orders', { ...v, stationId: Number(v.stationId), wishedTime: v.wishedTime || null, details: v.details || null }),
    onOk: (r) => go(`/h5/order/${r.code}`),
    onFail: (err) => setError(messageOf(err)),
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    void save();
  };
  return (
    <div className="h5">
      <Head sub="新时代文明实践站为您安排志愿服务" />
      <form className="h5-card" onSubmit={submit}>
        <label className="h5-label">
          实践所（站）
          <select required value={v.stationId} onChange={set('stationId')}>
            <option value="">请选择离您最近的实践站</option>
            {st?.items.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="h5-label">
          需要的服务
          <select required value={v.kind} onChange={set('kind')}>
            <option value="">请选择</option>
            {st?.kinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <div className="h5-row">
          <label className="h5-label">
            希望日期
            <input type="date" required value={v.wishedOn} onChange={set('wishedOn')} />
          </label>
          <label className="h5-label">
            时间段
            <input maxLength={30} placeholder="如：上午" value={v.wishedTime} onChange={set('wishedTime')} />
          </label>
        </div>
        <label className="h5-label">
          服务地点
          <input required maxLength={100} value={v.place} onChange={set('place')} />
        </label>
        <div className="h5-row">
          <label className="h5-label">
            联系人
            <input required maxLength={20} value={v.contactName} onChange={set('contactName')} />
          </label>
          <label className="h5-label">
            手机号
            <input required inputMode="numeric" maxLength={11} value={v.contactPhone} onChange={set('contactPhone')} />
          </label>
        </div>
        <label className="h5-label">
          需求说明（选填）
          <textarea rows={3} maxLength={500} value={v.details} onChange={set('details')} />
        </label>
        {error && (
          <p className="h5-field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="h5-btn h5-submit" disabled={busy}>
          {busy ? '正在提交…' : '提交点单'}
        </button>
        <p className="h5-foot">
          <A to="/h5/report">随手拍</A> · <A to="/h5/status">查进度</A>
        </p>
      </form>
    </div>
  );
}

export function OrderStatusPage({ code }: { code: string }) {
  const [o, setO] = useState<PublicOrder | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rating, setRating] = useState(5);
  const [comment, setComment] = useState('');
  useEffect(() => {
    call<PublicOrder>('GET', `/orders/${encodeURIComponent(code)}`).then(setO, (e) => setError(messageOf(e)));
  }, [code]);
  const { save: rate, busy } = useSaveCore({
    run: () => call<PublicOrder>('POST', `/orders/${encodeURIComponent(code)}/rate`, { rating, comment: comment || null }),
    onOk: (r) => {
      setError(null);
      setO(r);
    },
    onFail: (e) => setError(messageOf(e)),
  });
  return (
    <div className="h5">
      <Head sub="点单进度" />
      <section className="h5-card">
        {error && (
          <p className="h5-alert" role="alert">
            {error}
          </p>
        )}
        {o && (
          <>
            <h2>
              {o.kind} · {o.stateLabel}
            </h2>
            <p>
              跟踪码 <b>{o.code}</b>（请保存，凭此查询和评价）
            </p>
            <p className="h5-muted">
              {o.stationName} · 希望 {o.wishedOn}
              {o.teamName ? ` · 由${o.teamName}服务` : ''}
            </p>
            {o.activity && (
              <p>
                已安排活动：{o.activity.title}（{o.activity.onDate}）
              </p>
            )}
            {o.rating && <p className="h5-ok">您的评价：{o.rating} 分，感谢反馈</p>}
            {o.canRate && (
              <div className="m-gap">
                <div className="h5-chips">
                  {[1, 2, 3, 4, 5].map((n) => (
                    <button type="button" key={n} className={`h5-chip ${rating === n ? 'is-on' : ''}`} onClick={() => setRating(n)}>
                      {n} 分
                    </button>
                  ))}
                </div>
                <label className="h5-label">
                  评价（选填）
                  <textarea rows={2} maxLength={300} value={comment} onChange={(e) => setComment(e.target.value)} />
                </label>
                <button type="button" className="h5-btn h5-submit" disabled={busy} onClick={() => void rate()}>
                  提交评价
                </button>
              </div>
            )}
          </>
        )}
        <p className="h5-foot">
          <A to="/h5/order">再点一单</A>
        </p>
      </section>
    </div>
  );
}
