// /m/ for community cadres and unit liaisons (/m/tasks for anyone who also
// patrols): the problems dispatched to their unit or community — 待接收,
// 返工, 整改中 — earliest deadline first, with what this phone still has to
// send. Works from the last answer when offline.
import { useEffect, useState } from 'react';
import { useCached } from './useCached.ts';
import { useSession } from './session.tsx';
import { A, clearFlash, go, peekFlash } from './nav.tsx';
import { Header, OfflineNote, ReadError, StatusStrip, useQueueStatus } from './ui.tsx';
import { ACTION_WORDS, TASKS_PATH, patrols, sections, usePendingMoves, type MoveRecord, type ProblemList, type ProblemListItem } from './tasks.ts';

type Pending = Map<number, MoveRecord[]>;

export function TasksPage() {
  const { me, signOut } = useSession();
  const q = useQueueStatus();
  const { got: list, error } = useCached<ProblemList>(me?.user.id ?? null, 'tasks', TASKS_PATH);
  const pending: Pending = usePendingMoves(me?.user.id ?? null, q) ?? new Map();
  const [flash] = useState(peekFlash);
  useEffect(clearFlash, []);

  if (!me) return null;
  const items = list?.data.items ?? [];
  const { toAccept, rework, rectifying } = sections(items);
  const overdue = items.filter((p) => p.overdue).length;

  const row = (p: ProblemListItem) => {
    const moves = pending.get(p.id) ?? [];
    const m = moves.find((x) => x.state === 'failed') ?? moves.at(-1);
    return (
      <button type="button" key={p.id} className="m-row m-row-btn" onClick={() => go(`/m/task/${p.id}`)} data-testid="task-row">
        <span className="m-row-main">
          <b>{p.categoryName ?? '问题'}</b>
          <span className="h5-muted">
            {[p.code, p.placeName ?? p.address ?? p.regionName, p.dueDate ? `期限 ${p.dueDate}` : null].filter(Boolean).join(' · ')}
          </span>
        </span>
        {m ? (
          <span className={`m-badge ${m.state === 'failed' ? 'is-bad' : 'is-wait'}`}>
            {m.state === 'failed' ? `${ACTION_WORDS[m.item.action]}失败` : `已${ACTION_WORDS[m.item.action]}·待同步`}
          </span>
        ) : p.overdue ? (
          <span className="m-badge is-bad">{p.overdueDays ? `超期 ${p.overdueDays} 天` : '已超期'}</span>
        ) : (
          <span className={`m-badge ${p.state === 'dispatched' ? 'is-due' : ''}`}>
            {p.state === 'dispatched' ? '待接收' : p.reworkCount ? `返工 ${p.reworkCount} 次` : '整改中'}
          </span>
        )}
      </button>
    );
  };
  const section = (title: string, rows: ProblemListItem[], empty: string) => (
    <section className="h5-card">
      <h2>
        {title}（{rows.length}）
      </h2>
      {!list ? <p className="h5-muted">{error ? '联网后可查看' : '正在读取…'}</p> : rows.length ? rows.map(row) : <p className="h5-muted">{empty}</p>}
    </section>
  );

  return (
    <main className="h5 m-page">
      <Header
        title="整改任务"
        right={
          <button
            type="button"
            className="h5-link m-small"
            onClick={() => {
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
        {me.user.title ? `（${me.user.title}）` : ''}
        {list ? ` · 待处理 ${items.length} 件${overdue ? `，其中超期 ${overdue} 件` : ''}` : ''}
      </p>
      {list ? <OfflineNote at={list.at} offline={list.offline} /> : null}
      {flash ? (
        <p className="h5-ok m-flash" role="status">
          {flash}
        </p>
      ) : null}
      <ReadError error={error} what="整改任务" />
      {patrols(me) ? (
        <A to="/m/today" className="h5-btn m-gap m-switch">
          今日巡查 ›
        </A>
      ) : null}

      {list && !items.length ? (
        <section className="h5-card">
          <h2>暂无整改任务</h2>
          <p className="h5-muted">
            镇创城办派给{me.roles.some((r) => r.role === 'unit_liaison') ? '您单位' : '您社区'}
            的问题会出现在这里：先“接收”，整改后拍下整改后的照片“提交整改”；不属于您处理的可以“退回”并说明原因。没有网络时也可以操作，联网后自动同步。
          </p>
        </section>
      ) : (
        <>
          {section('待接收', toAccept, '没有待接收的问题。')}
          {section('返工', rework, '没有需要返工的问题。')}
          {section('整改中', rectifying, '没有正在整改的问题。')}
        </>
      )}
    </main>
  );
}
