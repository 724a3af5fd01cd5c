// The volunteer's phone pages (issue 17 item 3), online only: /m/volunteer —
// one's teams and hours, the planned activities of one's teams' towns with
// 报名 / 取消报名, recent service; /m/volunteer/checkin — check in or out with
// the organiser's 6-digit code (the QR opens this page with it filled in).
// A team's leader also finds their team here (/m/volunteer/team).
import { useCallback, useEffect, useState } from 'react';
import { call, hhmm, messageOf } from './api.ts';
import { useSession } from './session.tsx';
import { go } from './nav.tsx';
import { Header } from './ui.tsx';
import { useSaveCore } from '../../api/save-core.ts';
import type { CheckinResult, MyVolunteer } from '../../../../domain/api/volunteers.ts';

function useMine() {
  const [data, setData] = useState<MyVolunteer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    call<MyVolunteer>('GET', '/volunteers/me').then(
      (d) => {
        setData(d);
        setError(null);
      },
      (e) => setError(messageOf(e)),
    );
  }, []);
  useEffect(load, [load]);
  return { data, error, setData };
}

export function VolunteerHome() {
  const { signOut } = useSession();
  const { data, error, setData } = useMine();
  const [msg, setMsg] = useState<string | null>(null);
  const { save, running } = useSaveCore({
    run: ({ id, signedUp }: { id: number; signedUp: boolean }) =>
      call<MyVolunteer>(
        signedUp ? 'DELETE' : 'POST',
        signedUp ? `/volunteers/me/signups/${id}` : '/volunteers/me/signups',
        signedUp ? undefined : { activityId: id },
      ),
    onOk: (d, v) => {
      setData(d);
      setMsg(v.signedUp ? '已取消报名' : '报名成功');
    },
    onFail: (e) => setMsg(messageOf(e)),
  });
  const busy = running?.id ?? null;
  const toggle = (id: number, signedUp: boolean) => {
    setMsg(null);
    void save({ id, signedUp });
  };
  return (
    <main className="h5">
      <Header
        title="志愿服务"
        right={
          <button type="button" className="h5-link" onClick={() => void signOut()}>
            退出
          </button>
        }
      />
      {error && (
        <p className="h5-alert" role="alert">
          {error}
        </p>
      )}
      {data && (
        <>
          <section className="h5-card">
            <h2>{data.name}</h2>
            <p className="h5-muted">{data.teams.map((t) => t.name).join('、') || '暂未加入志愿服务队'}</p>
            <p>
              累计服务 <b>{data.totals.hours}</b> 小时 · {data.totals.records} 次
            </p>
            <button type="button" className="h5-btn h5-submit" onClick={() => go('/m/volunteer/checkin')}>
              签到 / 签退
            </button>
            {data.leads.length > 0 && (
              <button type="button" className="h5-btn h5-btn-ghost h5-submit m-gap" onClick={() => go('/m/volunteer/team')}>
                我的队伍（{data.leads.map((t) => t.name).join('、')}）：确认时长、接单
              </button>
            )}
          </section>
          <section className="h5-card">
            <h2>可报名的活动</h2>
            {msg && <p className="h5-ok">{msg}</p>}
            {data.upcoming.length === 0 && <p className="h5-muted">近期没有计划中的活动，社区和实践站安排活动后会出现在这里。</p>}
            {data.upcoming.map((a) => (
              <div className="m-row" key={a.id}>
                <span className="m-row-main">
                  <b>{a.title}</b>
                  <span className="h5-muted">
                    {a.onDate}
                    {a.startsAt ? ` ${hhmm(a.startsAt as string)}` : ''} · {a.placeName} · {a.organizerName}
                  </span>
                </span>
                {a.checkinAt ? (
                  <span className="m-badge is-done">{a.checkoutAt ? '已签退' : '已签到'}</span>
                ) : (
                  <button
                    type="button"
                    className={`h5-btn ${a.signedUp ? 'h5-btn-ghost' : ''}`}
                    disabled={busy === a.id}
                    onClick={() => void toggle(a.id, a.signedUp)}
                  >
                    {a.signedUp ? '取消报名' : '报名'}
                  </button>
                )}
              </div>
            ))}
          </section>
          <section className="h5-card">
            <h2>最近的服务记录</h2>
            {data.recent.length === 0 && <p className="h5-muted">还没有服务记录。</p>}
            {data.recent.map((r) => (
              <div className="m-row" key={r.id}>
                <span className="m-row-main">
                  <b>{r.activity.title}</b>
                  <span className="h5-muted">
                    {r.onDate} · {r.activity.organizerName}
                  </span>
                </span>
                <span className={`m-badge ${r.status === 'confirmed' ? 'is-done' : r.status === 'pending' ? 'is-wait' : ''}`}>
                  {r.hours} 小时 · {r.statusLabel}
                </span>
              </div>
            ))}
          </section>
        </>
      )}
    </main>
  );
}

export function VolunteerCheckin() {
  const params = new URLSearchParams(window.location.search);
  const { data } = useMine();
  const [activityId, setActivityId] = useState(params.get('activity') ?? '');
  const [code, setCode] = useState(params.get('code') ?? '');
  const [result, setResult] = useState<CheckinResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { save, busy } = useSaveCore({
    run: (direction: 'in' | 'out') => call<CheckinResult>('POST', '/volunteers/checkin', { activityId: Number(activityId), code, direction }),
    onOk: (r) => setResult(r),
    onFail: (e) => setError(messageOf(e)),
  });
  const send = (direction: 'in' | 'out') => {
    setError(null);
    setResult(null);
    void save(direction);
  };
  const choices = data?.upcoming ?? [];
  return (
    <main className="h5">
      <Header title="签到 / 签退" back="/m/volunteer" />
      <section className="h5-card">
        <label className="h5-label">
          活动
          <select value={activityId} onChange={(e) => setActivityId(e.target.value)}>
            <option value="">请选择活动</option>
            {choices.map((a) => (
              <option key={a.id} value={a.id}>
                {a.onDate} {a.title}
              </option>
            ))}
            {activityId && !choices.some((a) => String(a.id) === activityId) && <option value={activityId}>扫码带入的活动</option>}
          </select>
        </label>
        <label className="h5-label">
          签到码（组织方出示的 6 位数字）
          <input inputMode="numeric" maxLength={6} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} autoComplete="off" />
        </label>
        {error && (
          <p className="h5-field-error" role="alert">
            {error}
          </p>
        )}
        {result && (
          <p className="h5-ok" role="status">
            {result.message}
          </p>
        )}
        <div className="h5-row m-gap">
          <button type="button" className="h5-btn" disabled={busy || !activityId || code.length !== 6} onClick={() => void send('in')}>
            签到
          </button>
          <button type="button" className="h5-btn h5-btn-ghost" disabled={busy || !activityId || code.length !== 6} onClick={() => void send('out')}>
            签退
          </button>
        </div>
        <p className="h5-hint">签到码只在活动进行期间有效（开始前 30 分钟起可签到）；签退后服务时长由组织方确认。</p>
      </section>
    </main>
  );
}
