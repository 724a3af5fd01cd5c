// /m/queue: what this phone has not handed to the server yet — waiting items
// (in the order they will be sent) and failed ones with the server's reason,
// each with 重试 / 删除.
import { useEffect, useState } from 'react';
import type { QueueRecord } from './idb.ts';
import { hhmm } from './api.ts';
import { discard, flush, listQueue, retry } from './queue.ts';
import { useSession } from './session.tsx';
import { A } from './nav.tsx';
import { BlobImg, Header, StatusStrip, useQueueStatus } from './ui.tsx';

export function QueuePage() {
  const { me } = useSession();
  const q = useQueueStatus();
  const [rows, setRows] = useState<QueueRecord[] | null>(null);
  const [confirm, setConfirm] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    void listQueue().then(
      (r) => {
        if (live) setRows(r);
      },
      () => {
        if (live) setRows([]);
      },
    );
    return () => {
      live = false;
    };
  }, [q.waiting, q.failed, q.others, q.syncing]);

  if (!me) return null;
  const mine = (rows ?? []).filter((r) => r.personId === me.user.id);
  const failed = mine.filter((r) => r.state === 'failed');
  const waiting = mine.filter((r) => r.state === 'waiting');
  const others = (rows ?? []).filter((r) => r.personId !== me.user.id);

  const row = (r: QueueRecord) => (
    <div className={`m-qrow ${r.state === 'failed' ? 'is-failed' : ''}`} key={r.seq} data-testid="queue-row">
      {r.blob ? (
        <span className="m-qthumb">
          <BlobImg blob={r.blob} alt="待同步照片" />
        </span>
      ) : null}
      <div className="m-row-main">
        <b>{r.label}</b>
        <span className="h5-muted">
          {hhmm(r.queuedAt)} 记录{r.attempts ? ` · 已尝试 ${r.attempts} 次` : ''}
        </span>
        {r.error ? (
          <span className="m-qerr" role="alert">
            失败原因：{r.error.message}
          </span>
        ) : null}
      </div>
      <div className="m-qact">
        {r.state === 'failed' ? (
          <button type="button" className="h5-btn m-small-btn" onClick={() => void retry([r.seq!])}>
            重试
          </button>
        ) : null}
        {confirm === r.seq ? (
          <button
            type="button"
            className="h5-btn m-small-btn m-danger"
            onClick={() => {
              setConfirm(null);
              void discard(r.seq!);
            }}
          >
            确认删除
          </button>
        ) : (
          <button type="button" className="h5-btn h5-btn-ghost m-small-btn" onClick={() => setConfirm(r.seq!)}>
            删除
          </button>
        )}
      </div>
    </div>
  );

  return (
    <main className="h5 m-page">
      <Header title="待同步" back="/m/" />
      <StatusStrip />
      {q.authExpired ? (
        <p className="h5-warn" role="alert">
          登录已过期，请<A to="/m/login">重新登录</A>后同步
        </p>
      ) : null}
      {q.note && !q.authExpired ? <p className="h5-hint">{q.note}</p> : null}

      <section className="h5-card">
        <h2>同步失败（{failed.length}）</h2>
        {failed.length ? (
          <>
            <p className="h5-hint">服务器没有接受这些记录。看清原因后可以重试；确实不需要的可以删除。</p>
            {failed.map(row)}
            {failed.length > 1 ? (
              <button type="button" className="h5-btn h5-submit m-gap" onClick={() => void retry(failed.map((r) => r.seq!))}>
                全部重试
              </button>
            ) : null}
          </>
        ) : (
          <p className="h5-muted">没有同步失败的记录。</p>
        )}
      </section>

      <section className="h5-card">
        <h2>等待同步（{waiting.length}）</h2>
        {waiting.length ? (
          <>
            <p className="h5-hint">联网后会按顺序自动发送，每条只会记录一次。</p>
            {waiting.map(row)}
            <button type="button" className="h5-btn h5-submit m-gap" disabled={q.syncing} onClick={() => void flush()}>
              {q.syncing ? '同步中…' : '立即同步'}
            </button>
          </>
        ) : (
          <p className="h5-muted">全部已同步。{q.lastSyncAt ? `最近一次同步 ${hhmm(q.lastSyncAt)}。` : ''}</p>
        )}
      </section>

      {others.length ? (
        <section className="h5-card">
          <h2>其他账号的记录（{others.length}）</h2>
          <p className="h5-hint">这些是 {[...new Set(others.map((r) => r.personName))].join('、')} 在这台手机上记录的，需要用该账号登录后才能同步。</p>
        </section>
      ) : null}
    </main>
  );
}
