// Small pieces every staff phone page shares: the header, the queue/network
// strip, the "offline data" note, and the camera input that shrinks photos.
import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { A } from './nav.tsx';
import { hhmm, newKey } from './api.ts';
import { onQueueStatus, queueStatus } from './queue.ts';
import { shrinkPhoto } from './photo.ts';
import { useSaveCore } from '../../api/save-core.ts';

export function Header({ title, back, right }: { title: string; back?: string; right?: ReactNode }) {
  return (
    <header className="m-head">
      {back ? (
        <A to={back} className="m-back">
          ‹ 返回
        </A>
      ) : (
        <span className="m-mark" aria-hidden>
          创
        </span>
      )}
      <h1>{title}</h1>
      <div className="m-head-right">{right}</div>
    </header>
  );
}

export function useQueueStatus() {
  return useSyncExternalStore(onQueueStatus, queueStatus);
}

/** Network and queue at a glance; a tap opens the queue page. */
export function StatusStrip() {
  const s = useQueueStatus();
  const online = s.online;
  return (
    <A to="/m/queue" className={`m-strip ${s.failed ? 'is-failed' : s.waiting ? 'is-waiting' : ''}`}>
      <span className={`m-net ${online ? 'is-on' : 'is-off'}`}>{online ? '在线' : '离线'}</span>
      <span data-testid="queue-waiting">待同步 {s.waiting} 条</span>
      <span className="m-sep">/</span>
      <span data-testid="queue-failed" className={s.failed ? 'm-bad' : undefined}>
        同步失败 {s.failed} 条
      </span>
      {s.syncing ? <span className="m-syncing">同步中…</span> : null}
      {s.note && online ? <span className="m-strip-note">{s.note}</span> : null}
    </A>
  );
}

export function OfflineNote({ at, offline }: { at: number; offline: boolean }) {
  if (!offline) return null;
  return (
    <p className="m-offline" role="status">
      离线数据，更新于 {hhmm(at)}
    </p>
  );
}

/** Why a page's cached read failed (useCached's `error`): the session ended, or `what` could not be read now. */
export function ReadError({ error, what }: { error: string | null; what: string }) {
  if (!error) return null;
  return (
    <p className="h5-alert" role="alert">
      {error === 'EXPIRED' ? (
        <>
          登录已过期，请<A to="/m/login">重新登录</A>（本机记录不会丢失）
        </>
      ) : (
        `暂时无法读取${what}：${error}`
      )}
    </p>
  );
}

export function BlobImg({ blob, alt }: { blob: Blob; alt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  return url ? <img src={url} alt={alt} /> : null;
}

export interface LocalPhoto {
  key: string;
  blob: Blob;
}

/**
 * Photos taken now: the camera (or the album), shrunk before anything is
 * stored. `label` names the input for screen readers and tests ("整改前照片").
 */
export function PhotoInput({
  label,
  photos,
  onChange,
  max = 6,
  error,
}: {
  label: string;
  photos: LocalPhoto[];
  onChange: (p: LocalPhoto[]) => void;
  max?: number;
  error?: string | null;
}) {
  const camera = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Shrinking is the slow step: busy while it runs; a photo that cannot be read is named, the others kept.
  const { save: shrink, busy } = useSaveCore({
    run: async (files: File[]) => {
      const fresh: LocalPhoto[] = [];
      let failed: string | null = null;
      for (const f of files) {
        try {
          fresh.push({ key: newKey(), blob: await shrinkPhoto(f) });
        } catch (e) {
          failed = (e as Error).message;
        }
      }
      return { fresh, failed };
    },
    onOk: ({ fresh, failed }) => {
      setProblem(failed);
      if (camera.current) camera.current.value = '';
      if (fresh.length) onChange([...photos, ...fresh]);
    },
  });
  const add = (files: FileList | null) => {
    if (!files?.length) return;
    setProblem(null);
    void shrink([...files].slice(0, Math.max(0, max - photos.length)));
  };
  return (
    <div className="m-photos">
      <div className="h5-photos">
        {photos.map((p, i) => (
          <div className="h5-photo" key={p.key}>
            <BlobImg blob={p.blob} alt={`${label}${i + 1}`} />
            <button type="button" className="h5-photo-x" aria-label={`删除${label}${i + 1}`} onClick={() => onChange(photos.filter((x) => x.key !== p.key))}>
              ×
            </button>
          </div>
        ))}
        {photos.length < max ? (
          <label className="m-shoot">
            <input ref={camera} type="file" accept="image/*" capture="environment" multiple aria-label={label} onChange={(e) => void add(e.target.files)} />
            <svg
              className="m-shoot-icon"
              viewBox="0 0 24 24"
              width="28"
              height="28"
              aria-hidden="true"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinejoin="round"
            >
              <path d="M4 7h3l2-2.5h6L17 7h3a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1z" />
              <circle cx="12" cy="13" r="3.5" />
            </svg>
            <span>{busy ? '处理中…' : label}</span>
          </label>
        ) : null}
      </div>
      {problem ? <p className="h5-field-error">{problem}</p> : null}
      {error ? <p className="h5-field-error">{error}</p> : null}
    </div>
  );
}
