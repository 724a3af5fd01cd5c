// /m/: the street chief's day — places due today (done or not), inspections
// in progress on this phone, what I did today (synced or still waiting), and
// the open problems on my streets. Works from the last answer when offline.
import { useEffect, useState } from 'react';
import { INSPECTION_KIND_LABELS } from '../../../../domain/inspections/vocab.ts';
import type { SyncInspection } from '../../../../domain/inspections/sync.ts';
import { hhmm, type Today } from './api.ts';
import { useCached } from './useCached.ts';
import { myDrafts, type Draft } from './draft.ts';
import { listQueue } from './queue.ts';
import { useSession } from './session.tsx';
import { A, clearFlash, go, peekFlash } from './nav.tsx';
import { Header, OfflineNote, ReadError, StatusStrip, useQueueStatus } from './ui.tsx';
import { formatRate } from '../../../../domain/inspections/scoring.ts';
import { rectifies } from './tasks.ts';

interface Pending {
  key: string;
  kind: SyncInspection['kind'];
  placeId: number | null;
  placeName: string;
  finishedAt: string;
}

export function TodayPage() {
  const { me, boot, signOut } = useSession();
  const q = useQueueStatus();
  const { got: today, error, tick } = useCached<Today>(me?.user.id ?? null, 'today', '/inspections/today');
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [pending, setPending] = useState<Pending[]>([]);
  const [flash] = useState(peekFlash);
  useEffect(clearFlash, []);
  // The phone's unfinished inspections, read again whenever today's list is.
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick is the trigger to read again
  useEffect(() => {
    if (!me) return;
    let live = true;
    void myDrafts(me.user.id).then((d) => {
      if (live) setDrafts(d);
    });
    return () => {
      live = false;
    };
  }, [me, tick]);
  // What this phone finished but the server has not heard of yet (read again as the queue moves).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the queue counts are the trigger to read again
  useEffect(() => {
    if (!me) return;
    let live = true;
    void listQueue().then((rs) => {
      if (!live) return;
      const places = new Map((boot?.data.places ?? []).map((p) => [p.id, p.name]));
      setPending(
        rs
          .filter((r) => r.personId === me.user.id && r.item.type === 'inspection' && r.item.finishedAt)
          .map((r) => {
            const it = r.item as SyncInspection;
            return {
              key: r.key,
              kind: it.kind,
              placeId: it.placeId ?? null,
              placeName: places.get(it.placeId ?? -1) ?? r.label.split(' · ')[1] ?? '',
              finishedAt: it.finishedAt!,
            };
          }),
      );
    });
    return () => {
      live = false;
    };
  }, [me, boot, q.waiting, q.failed]);

  if (!me) return null;
  const t = today?.data;
  const pendingPlaces = new Set(pending.map((p) => p.placeId));
  const places = [...(t?.places ?? [])].sort(
    (a, b) => Number(b.due) - Number(a.due) || Number(a.doneToday) - Number(b.doneToday) || a.name.localeCompare(b.name, 'zh-CN'),
  );
  const due = places.filter((p) => p.due);
  const doneCount = due.filter((p) => p.doneToday || pendingPlaces.has(p.placeId)).length;

  return (
    <main className="h5 m-page">
      <Header
        title="今日巡查"
        right={
          <button
            type="button"
            className="h5-link m-small"
            onClick={() => {
              // Work queued on the phone is sent only under its own account: say so before leaving.
              const left = q.waiting + q.failed;
              if (left && !window.confirm(`本机还有 ${left} 条记录未同步，退出后需用本账号重新登录才能同步。确定退出吗？`)) return;
              void signOut();
            }}
          >
            退出
          </button>
        }
      />
      <StatusStrip />
      <p className="m-hello">
        {me.user.name}
        {me.user.title ? `（${me.user.title}）` : ''}，{t?.date ?? boot?.data.today ?? ''}
        {due.length ? ` · 今日应巡 ${due.length} 处，已巡 ${doneCount} 处` : ''}
      </p>
      {today ? <OfflineNote at={today.at} offline={today.offline} /> : null}
      {flash ? (
        <p className="h5-ok m-flash" role="status">
          {flash}
        </p>
      ) : null}
      <ReadError error={error} what="今日任务" />

      <A to="/m/start" className="h5-btn h5-submit m-start">
        开始巡查
      </A>
      {rectifies(me) ? (
        <A to="/m/tasks" className="h5-btn m-switch">
          整改任务 ›
        </A>
      ) : null}
      <A to="/m/damage" className="h5-btn m-switch">
        宣传设施报损 ›
      </A>

      {drafts.length ? (
        <section className="h5-card">
          <h2>进行中</h2>
          {drafts.map((d) => (
            <button type="button" key={d.inspectionKey} className="m-row m-row-btn" onClick={() => go(`/m/inspect/${d.inspectionKey}`)}>
              <span className="m-row-main">
                <b>{d.placeName}</b>
                <span className="h5-muted">
                  {INSPECTION_KIND_LABELS[d.kind]} · {hhmm(d.startedAt)} 开始 · 问题 {d.problems.length} 个
                </span>
              </span>
              <span className="m-badge is-due">继续</span>
            </button>
          ))}
        </section>
      ) : null}

      <section className="h5-card">
        <h2>我负责的点位</h2>
        {!t ? (
          <p className="h5-muted">{error ? '联网后可查看今日应巡点位' : '正在读取…'}</p>
        ) : places.length === 0 ? (
          <p className="h5-muted">
            {boot?.data.kinds.includes('patrol') && !boot.data.kinds.includes('supervision')
              ? '您还没有负责的街巷或点位。请联系社区或镇创城办在“人员”里为您分配；也可以点“开始巡查”选择附近的点位。'
              : '您的检查不按固定点位安排。点“开始巡查”，选择巡查类型和要检查的点位。'}
          </p>
        ) : (
          places.map((p) => {
            const done = p.doneToday || pendingPlaces.has(p.placeId);
            return (
              <button type="button" key={p.placeId} className="m-row m-row-btn" onClick={() => go(`/m/start?place=${p.placeId}`)}>
                <span className="m-row-main">
                  <b>{p.name}</b>
                  <span className="h5-muted">
                    {[p.communityName, p.lastInspectedOn ? `上次 ${p.lastInspectedOn}` : '尚未巡查过'].filter(Boolean).join(' · ')}
                  </span>
                </span>
                {done ? (
                  <span className="m-badge is-done">{p.doneToday ? '已巡' : '已巡·待同步'}</span>
                ) : p.due ? (
                  <span className="m-badge is-due">待巡</span>
                ) : (
                  <span className="m-badge">今日不需巡</span>
                )}
              </button>
            );
          })
        )}
      </section>

      <section className="h5-card">
        <h2>我今天的记录</h2>
        {pending.map((p) => (
          <div className="m-row" key={p.key}>
            <span className="m-row-main">
              <b>{p.placeName}</b>
              <span className="h5-muted">
                {INSPECTION_KIND_LABELS[p.kind]} · {hhmm(p.finishedAt)} 完成
              </span>
            </span>
            <span className="m-badge is-wait">待同步</span>
          </div>
        ))}
        {(t?.doneToday ?? []).map((d) => (
          <div className="m-row" key={d.id}>
            <span className="m-row-main">
              <b>{d.placeName ?? '—'}</b>
              <span className="h5-muted">
                {INSPECTION_KIND_LABELS[d.kind]} · {d.finishedAt ? `${hhmm(d.finishedAt)} 完成` : `${hhmm(d.startedAt)} 开始`} · 问题 {d.problemsFound} 个
                {d.rate !== null ? ` · 得分率 ${formatRate(d.rate)}` : ''}
              </span>
            </span>
            {d.state === 'finished' ? <span className="m-badge is-done">已同步</span> : <span className="m-badge is-due">{d.stateLabel}</span>}
          </div>
        ))}
        {!pending.length && !t?.doneToday.length ? <p className="h5-muted">今天还没有完成的巡查。点“开始巡查”，到点位后逐项检查并记录问题。</p> : null}
      </section>

      <section className="h5-card">
        <h2>我的街巷上未办结的问题</h2>
        {!t ? null : t.openProblems.length === 0 ? (
          <p className="h5-muted">没有未办结的问题。</p>
        ) : (
          t.openProblems.map((p) => (
            <div className="m-row" key={p.id}>
              <span className="m-row-main">
                <b>{p.categoryName ?? '问题'}</b>
                <span className="h5-muted">{[p.code, p.placeName, p.dueDate ? `期限 ${p.dueDate}` : null].filter(Boolean).join(' · ')}</span>
              </span>
              <span className={`m-badge ${p.overdue ? 'is-bad' : ''}`}>{p.overdue ? '已超期' : p.stateLabel}</span>
            </div>
          ))
        )}
      </section>
    </main>
  );
}
