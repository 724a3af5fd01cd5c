// /m/task/:id: one problem dispatched to the person — what, where, by when,
// its photos and history — and the assignee's moves: 接收, 退回 (with the
// reason), 提交整改 (a note and the after-photos taken now). A move goes into
// the phone's queue (tasks.ts) and is sent when there is a network.
import { useState } from 'react';
import { eventLabel } from '../../../../domain/problems/events.ts';
import { hhmm } from './api.ts';
import { discard } from './queue.ts';
import { useCached } from './useCached.ts';
import { useSession } from './session.tsx';
import { A, go, setFlash } from './nav.tsx';
import { Header, OfflineNote, PhotoInput, StatusStrip, useQueueStatus, type LocalPhoto } from './ui.tsx';
import { ACTION_WORDS, afterMoves, queueMove, usePendingMoves, taskCacheName, taskPath, type Problem } from './tasks.ts';
import { useSaveCore } from '../../api/save-core.ts';
import type { PhoneAction } from '../../../../domain/inspections/sync.ts';

const day = (at: string) => {
  const d = new Date(at);
  return `${d.getMonth() + 1}月${d.getDate()}日 ${hhmm(at)}`;
};
const PHOTO_KIND: Record<string, string> = { before: '问题照片', after: '整改后照片', progress: '过程照片' };

export function TaskPage({ id }: { id: number }) {
  const { me } = useSession();
  const q = useQueueStatus();
  const pending = usePendingMoves(me?.user.id ?? null, q);
  const [open, setOpen] = useState<'return' | 'submit' | null>(null);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<LocalPhoto[]>([]);
  const [errors, setErrors] = useState<{ note?: string; photos?: string; form?: string }>({});
  // A move refused by the server (q.failed): read the problem again, to show it as it is now.
  const { got, error, gone, reload } = useCached<Problem>(me?.user.id ?? null, taskCacheName(id), taskPath(id), { refresh: q.failed, dropOnRefusal: true });

  const moves = pending?.get(id) ?? [];
  const move = moves.find((m) => m.state === 'failed') ?? moves.at(-1);
  // Moves still waiting on the phone: show the problem as it will be once they are sent.
  const p = got ? afterMoves(got.data, moves) : null;

  const { save, busy } = useSaveCore({
    run: ({ action, text, shots }: { action: PhoneAction; text: string | null; shots: LocalPhoto[] }) => queueMove(p!, action, text, shots),
    onOk: (_r, v) => {
      // Accepted: stay, to rectify next. Returned or submitted: back to the queue.
      if (v.action === 'accept') {
        reload();
        return;
      }
      setFlash(`已${ACTION_WORDS[v.action]}问题 ${p!.code}${q.online ? '，正在同步' : '，联网后自动同步'}`);
      go('/m/');
    },
    onFail: (e) => setErrors({ form: `没有保存：${(e as Error).message}` }),
  });

  if (!me) return null;
  // A move the server refused (the problem changed meanwhile): its reason, and a way to give it up.
  const moveNote =
    move?.state === 'failed' ? (
      <div className="h5-alert m-move-failed" role="alert">
        <p>
          “{ACTION_WORDS[move.item.action]}”没有成功：{move.error?.message ?? '服务器未接受'}
        </p>
        <button type="button" className="h5-btn m-small-btn" onClick={() => void discard(move.seq!).then(reload)}>
          放弃这次操作{p ? '，按最新状态重新处理' : ''}
        </button>
      </div>
    ) : move ? (
      <p className="h5-warn" role="status">
        已{ACTION_WORDS[move.item.action]}，等待同步到服务器。
      </p>
    ) : null;
  if (!p) {
    return (
      <main className="h5 m-page">
        <Header title="问题详情" back="/m/" />
        <StatusStrip />
        {moveNote}
        {error === 'EXPIRED' ? (
          <p className="h5-alert" role="alert">
            登录已过期，请<A to="/m/login">重新登录</A>
          </p>
        ) : error ? (
          <p className="h5-alert" role="alert">
            {gone ? `无法打开这个问题：${error}。` : `暂时无法打开这个问题：${error}。联网后再试。`}
          </p>
        ) : (
          <p className="h5-muted">正在读取…</p>
        )}
      </main>
    );
  }
  const can = new Set(p.can.actions.map((a) => a.action));
  const mine = (['accept', 'return', 'submit'] as const).filter((a) => can.has(a));
  const send = (action: PhoneAction) => {
    const text = note.trim();
    const e: typeof errors = {};
    if (action === 'return' && text.length < 2) e.note = '请说明退回原因（如：不属于本单位职责，应由哪个单位处理）';
    if (action === 'submit' && text.length < 2) e.note = '请简单说明整改情况';
    if (action === 'submit' && !photos.length) e.photos = '请拍一张整改后的照片';
    setErrors(e);
    if (Object.keys(e).length) return;
    void save({ action, text: action === 'accept' ? null : text, shots: action === 'submit' ? photos : [] });
  };

  return (
    <main className="h5 m-page">
      <Header title={p.category.name} back="/m/" />
      <StatusStrip />
      <OfflineNote at={got!.at} offline={got!.offline} />
      {moveNote}

      <section className="h5-card m-summary">
        <h2>
          {p.code}{' '}
          <span className={`m-badge ${p.overdue ? 'is-bad' : 'is-due'}`}>
            {p.overdue ? `已超期${p.overdueDays ? ` ${p.overdueDays} 个工作日` : ''}` : p.stateLabel}
          </span>
        </h2>
        <p className="m-desc">{p.description}</p>
        <dl>
          <dt>地点</dt>
          <dd>{[p.regionName, p.place?.name, p.address].filter(Boolean).join(' · ') || '—'}</dd>
          <dt>整改期限</dt>
          <dd>{p.dueDate ?? '—'}</dd>
          <dt>责任单位</dt>
          <dd>{p.unit?.name ?? '—'}</dd>
          <dt>层级</dt>
          <dd>{p.tierLabel}</dd>
          {p.reworkCount ? (
            <>
              <dt>返工</dt>
              <dd className="m-bad">已返工 {p.reworkCount} 次</dd>
            </>
          ) : null}
          <dt>来源</dt>
          <dd>
            {p.sourceLabel}
            {p.sourceRef ? `（${p.sourceRef}）` : ''}
          </dd>
        </dl>
      </section>

      <section className="h5-card">
        <h2>照片</h2>
        {p.photos.length ? (
          <div className="h5-photos">
            {p.photos.map((ph) => (
              <a className="h5-photo" key={ph.id} href={ph.url} target="_blank" rel="noreferrer">
                <img src={ph.thumbUrl} alt={PHOTO_KIND[ph.kind] ?? '照片'} loading="lazy" />
                <span className="m-photo-kind">{PHOTO_KIND[ph.kind] ?? '照片'}</span>
              </a>
            ))}
          </div>
        ) : (
          <p className="h5-muted">没有照片。</p>
        )}
      </section>

      <section className="h5-card">
        <h2>处理经过</h2>
        <ol className="m-timeline">
          {[...p.timeline].reverse().map((e) => (
            <li key={e.id}>
              <b>{eventLabel(e.action)}</b>
              <span className="h5-muted">
                {day(e.at)}
                {e.actorName ? ` · ${e.actorName}` : ''}
              </span>
              {e.note ? <span>{e.note}</span> : null}
            </li>
          ))}
        </ol>
      </section>

      {mine.length && move?.state !== 'failed' ? (
        <section className="h5-card" aria-label="处理">
          <h2>处理</h2>
          {open === 'submit' ? (
            <>
              <label className="h5-label m-first">
                整改说明
                <textarea
                  rows={3}
                  maxLength={500}
                  value={note}
                  placeholder="如：已清理堆放杂物，恢复通行"
                  onChange={(e) => {
                    setNote(e.target.value);
                    setErrors((x) => ({ ...x, note: undefined }));
                  }}
                />
              </label>
              {errors.note ? <p className="h5-field-error">{errors.note}</p> : null}
              <h3 className="m-sub">整改后照片</h3>
              <PhotoInput
                label="整改后照片"
                photos={photos}
                onChange={(x) => {
                  setPhotos(x);
                  setErrors((y) => ({ ...y, photos: undefined }));
                }}
                error={errors.photos}
              />
              <button type="button" className="h5-btn h5-submit m-gap" disabled={busy} onClick={() => send('submit')}>
                {busy ? '正在保存…' : '提交整改'}
              </button>
              <button type="button" className="h5-btn h5-btn-ghost m-gap" onClick={() => setOpen(null)}>
                取消
              </button>
            </>
          ) : open === 'return' ? (
            <>
              <label className="h5-label m-first">
                退回原因
                <textarea
                  rows={3}
                  maxLength={500}
                  value={note}
                  placeholder="如：该路段属城管局管理，不属于本社区"
                  onChange={(e) => {
                    setNote(e.target.value);
                    setErrors((x) => ({ ...x, note: undefined }));
                  }}
                />
              </label>
              {errors.note ? <p className="h5-field-error">{errors.note}</p> : null}
              <button type="button" className="h5-btn h5-submit m-gap" disabled={busy} onClick={() => send('return')}>
                {busy ? '正在保存…' : '确认退回'}
              </button>
              <button type="button" className="h5-btn h5-btn-ghost m-gap" onClick={() => setOpen(null)}>
                取消
              </button>
            </>
          ) : (
            <div className="m-actions">
              {can.has('accept') ? (
                <button type="button" className="h5-btn h5-submit" disabled={busy} onClick={() => send('accept')}>
                  接收
                </button>
              ) : null}
              {can.has('submit') ? (
                <button
                  type="button"
                  className="h5-btn h5-submit"
                  onClick={() => {
                    setNote('');
                    setOpen('submit');
                  }}
                >
                  提交整改
                </button>
              ) : null}
              {can.has('return') ? (
                <button
                  type="button"
                  className="h5-btn h5-btn-ghost"
                  onClick={() => {
                    setNote('');
                    setOpen('return');
                  }}
                >
                  退回
                </button>
              ) : null}
            </div>
          )}
          {errors.form ? (
            <p className="h5-alert" role="alert">
              {errors.form}
            </p>
          ) : null}
        </section>
      ) : !move ? (
        <p className="h5-muted m-gap">{p.state === 'rectified' ? '已提交整改，等待镇创城办核查。' : '这个问题现在不需要您处理。'}</p>
      ) : null}
    </main>
  );
}
