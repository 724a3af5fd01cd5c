// A team leader's phone page (issue 17 item 6), /m/volunteer/team: the team
// they lead (a volunteer account, no staff role) — the check-out records to
// confirm or reject, the orders the station dispatched to the team (接单:
// planning its activity; 退回 with the reason), and today's members. The
// server decides what a leader may do (the items' `can`); this page only
// offers it.
import { useCallback, useEffect, useState } from 'react';
import { call, messageOf } from './api.ts';
import { Header } from './ui.tsx';
import { useSaveCore } from '../../api/save-core.ts';
import type { MyVolunteer, OrderList, ServiceList, VolunteerList } from '../../../../domain/api/volunteers.ts';
import type { ActivityKindList } from '../../../../domain/api/activities.ts';
import type { PlaceList } from '../../../../domain/api/regions.ts';

interface TeamData {
  team: { id: number; name: string };
  pending: ServiceList['items'];
  orders: OrderList['items'];
  members: VolunteerList['items'];
}

function useTeam() {
  const [data, setData] = useState<TeamData | null>(null);
  const [none, setNone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const me = await call<MyVolunteer>('GET', '/volunteers/me');
      const team = me.leads[0];
      if (!team) return setNone(true);
      const [pending, orders, members] = await Promise.all([
        call<ServiceList>('GET', `/volunteers/service?teamId=${team.id}&status=pending&limit=100`),
        call<OrderList>('GET', `/volunteers/orders?teamId=${team.id}&state=dispatched&limit=100`),
        call<VolunteerList>('GET', `/volunteers?teamId=${team.id}&current=1&limit=200`),
      ]);
      setData({ team, pending: pending.items, orders: orders.items, members: members.items });
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  return { data, none, error, reload: load };
}

type Move =
  | { kind: 'confirm' | 'reject'; id: number; reason?: string }
  | { kind: 'return'; id: number; version: number; reason: string }
  | { kind: 'accept'; id: number; version: number; plan: { title: string; kindId: number; placeId: number; onDate: string } };

function run(m: Move) {
  switch (m.kind) {
    case 'confirm':
      return call('POST', `/volunteers/service/${m.id}/confirm`);
    case 'reject':
      return call('POST', `/volunteers/service/${m.id}/reject`, { reason: m.reason });
    case 'return':
      return call('POST', `/volunteers/orders/${m.id}/return`, { version: m.version, reason: m.reason });
    case 'accept':
      return call('POST', `/volunteers/orders/${m.id}/accept`, { version: m.version, plan: m.plan });
  }
}

export function VolunteerTeamPage() {
  const { data, none, error, reload } = useTeam();
  const [msg, setMsg] = useState<string | null>(null);
  const [fail, setFail] = useState<string | null>(null);
  const [reasonFor, setReasonFor] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [planFor, setPlanFor] = useState<number | null>(null);
  const { save, busy } = useSaveCore({
    run,
    onOk: (_r, m) => {
      setMsg({ confirm: '已确认', reject: '已不予确认', return: '已退回实践站', accept: '已接单，活动已排入计划' }[m.kind]);
      setReasonFor(null);
      setPlanFor(null);
      setReason('');
      void reload();
    },
    onFail: (e) => setFail(messageOf(e)),
  });
  const act = (m: Move) => {
    setMsg(null);
    setFail(null);
    void save(m);
  };
  const reasonBox = (key: string, label: string, send: (r: string) => void) =>
    reasonFor === key && (
      <div className="m-gap">
        <label className="h5-label">
          {label}
          <input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="button" className="h5-btn" disabled={busy || reason.trim().length < 2} onClick={() => send(reason.trim())}>
          提交
        </button>
      </div>
    );
  return (
    <main className="h5">
      <Header title={data ? data.team.name : '我的队伍'} back="/m/volunteer" />
      {error && (
        <p className="h5-alert" role="alert">
          {error}
        </p>
      )}
      {none && <p className="h5-card h5-muted">您目前不是任何志愿服务队的队长。队长由社区或镇创城办任命。</p>}
      {msg && (
        <p className="h5-ok" role="status">
          {msg}
        </p>
      )}
      {fail && (
        <p className="h5-field-error" role="alert">
          {fail}
        </p>
      )}
      {data && (
        <>
          <section className="h5-card">
            <h2>待确认的服务时长（{data.pending.length}）</h2>
            {data.pending.length === 0 && <p className="h5-muted">队员签退后的服务记录会出现在这里，由您或活动组织方确认。</p>}
            {data.pending.map((r) => (
              <div key={r.id}>
                <div className="m-row">
                  <span className="m-row-main">
                    <b>
                      {r.person.name} · {r.hours} 小时
                    </b>
                    <span className="h5-muted">
                      {r.onDate} {r.activity.title}
                    </span>
                  </span>
                  {r.can.confirm && (
                    <span className="h5-row">
                      <button type="button" className="h5-btn" disabled={busy} onClick={() => act({ kind: 'confirm', id: r.id })}>
                        确认
                      </button>
                      <button type="button" className="h5-btn h5-btn-ghost" disabled={busy} onClick={() => setReasonFor(`s${r.id}`)}>
                        不予确认
                      </button>
                    </span>
                  )}
                </div>
                {reasonBox(`s${r.id}`, '不予确认的原因', (why) => act({ kind: 'reject', id: r.id, reason: why }))}
              </div>
            ))}
          </section>
          <section className="h5-card">
            <h2>派给本队的点单（{data.orders.length}）</h2>
            {data.orders.length === 0 && <p className="h5-muted">实践站把群众点单派给本队后，会出现在这里等您接单。</p>}
            {data.orders.map((o) => (
              <div key={o.id}>
                <div className="m-row">
                  <span className="m-row-main">
                    <b>
                      {o.kind} · 期望 {o.wishedOn}
                      {o.wishedTime ? ` ${o.wishedTime}` : ''}
                    </b>
                    <span className="h5-muted">
                      {o.place} · {o.contactName} {o.contactPhone} · 已等 {o.ageDays} 天
                    </span>
                    {o.details && <span className="h5-muted">{o.details}</span>}
                  </span>
                  <span className="h5-row">
                    {o.can.accept && (
                      <button type="button" className="h5-btn" disabled={busy} onClick={() => setPlanFor(o.id)}>
                        接单
                      </button>
                    )}
                    {o.can.return && (
                      <button type="button" className="h5-btn h5-btn-ghost" disabled={busy} onClick={() => setReasonFor(`o${o.id}`)}>
                        退回
                      </button>
                    )}
                  </span>
                </div>
                {reasonBox(`o${o.id}`, '退回原因', (why) => act({ kind: 'return', id: o.id, version: o.version, reason: why }))}
                {planFor === o.id && (
                  <PlanForm
                    order={o}
                    busy={busy}
                    onSubmit={(plan) => act({ kind: 'accept', id: o.id, version: o.version, plan })}
                    onCancel={() => setPlanFor(null)}
                  />
                )}
              </div>
            ))}
          </section>
          <section className="h5-card">
            <h2>队员（{data.members.length}）</h2>
            {data.members.map((m) => (
              <div className="m-row" key={m.personId}>
                <span className="m-row-main">
                  <b>{m.name}</b>
                  <span className="h5-muted">{m.phone ?? '未登记手机号'}</span>
                </span>
                {m.teams.some((t) => t.id === data.team.id && t.role === 'leader' && !t.leftOn) && <span className="m-badge is-done">队长</span>}
              </div>
            ))}
          </section>
        </>
      )}
    </main>
  );
}

const PLACE_PAGE = 30;

/** The places of the leader's team (their scope) whose name holds what they typed: searched on the server, a page of PLACE_PAGE. */
function usePlaceSearch() {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ items: PlaceList['items']; more: boolean }>({ items: [], more: false });
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      const query = new URLSearchParams({ limit: String(PLACE_PAGE + 1), ...(q.trim() ? { q: q.trim() } : {}) });
      call<PlaceList>('GET', `/places?${query}`).then(
        (x) => live && setFound({ items: x.items.slice(0, PLACE_PAGE), more: x.items.length > PLACE_PAGE }),
        () => live && setFound({ items: [], more: false }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q]);
  return { q, setQ, ...found };
}

/** 接单: the activity the team will hold for the order (the station organises it, the team co-organises). */
function PlanForm(p: {
  order: OrderList['items'][number];
  busy: boolean;
  onSubmit: (plan: { title: string; kindId: number; placeId: number; onDate: string }) => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(`${p.order.kind}志愿服务`);
  const [onDate, setOnDate] = useState(p.order.wishedOn);
  const [kindId, setKindId] = useState('');
  const [placeId, setPlaceId] = useState('');
  const [kinds, setKinds] = useState<ActivityKindList['items']>([]);
  const places = usePlaceSearch();
  const [chosen, setChosen] = useState<PlaceList['items'][number] | null>(null);
  useEffect(() => {
    call<ActivityKindList>('GET', '/activities/kinds').then(
      (k) => setKinds(k.items.filter((x) => x.active)),
      () => setKinds([]),
    );
  }, []);
  return (
    <div className="m-gap">
      <label className="h5-label">
        活动名称
        <input value={title} maxLength={100} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="h5-label">
        活动类别
        <select value={kindId} onChange={(e) => setKindId(e.target.value)}>
          <option value="">请选择</option>
          {kinds.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name}
            </option>
          ))}
        </select>
      </label>
      <label className="h5-label">
        查找活动地点
        <input type="search" value={places.q} maxLength={50} placeholder="输入街巷、小区或点位名称" onChange={(e) => places.setQ(e.target.value)} />
      </label>
      <label className="h5-label">
        活动地点
        <select
          value={placeId}
          onChange={(e) => {
            setPlaceId(e.target.value);
            setChosen(places.items.find((x) => String(x.id) === e.target.value) ?? null);
          }}
        >
          <option value="">{places.items.length ? '请选择' : places.q ? '没有匹配的地点' : '请选择本队所在社区的街巷、小区或点位'}</option>
          {/* the place chosen stays choosable while another name is searched */}
          {[...(chosen && !places.items.some((x) => x.id === chosen.id) ? [chosen] : []), ...places.items].map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </label>
      {places.more && <p className="h5-hint">只列出前 {PLACE_PAGE} 个，输入名称查找其他地点</p>}
      <label className="h5-label">
        活动日期
        <input type="date" value={onDate} onChange={(e) => setOnDate(e.target.value)} />
      </label>
      <div className="h5-row m-gap">
        <button
          type="button"
          className="h5-btn"
          disabled={p.busy || title.trim().length < 2 || !kindId || !placeId || !onDate}
          onClick={() => p.onSubmit({ title: title.trim(), kindId: Number(kindId), placeId: Number(placeId), onDate })}
        >
          确认接单
        </button>
        <button type="button" className="h5-btn h5-btn-ghost" onClick={p.onCancel}>
          取消
        </button>
      </div>
    </div>
  );
}
