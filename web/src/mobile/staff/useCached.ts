// One hook for a page's cached read (api.ts cachedGet: the server's answer,
// or the phone's last copy when offline), read again after a sync and when
// `refresh` changes. The today, tasks and task pages use it.
import { useCallback, useEffect, useState } from 'react';
import { cachedGet, messageOf, StaffError, type Cached } from './api.ts';
import { onSynced } from './queue.ts';

export interface CachedRead<T> {
  got: Cached<T> | null;
  /** 'EXPIRED' when the session ended (the page offers to sign in again), else a message; null when read. */
  error: string | null;
  /** The server refused the record (gone, no longer the caller's): only with `dropOnRefusal`. */
  gone: boolean;
  /** Counts the reads, so a page can read its own phone-side state again alongside. */
  tick: number;
  reload: () => void;
}

export function useCached<T>(personId: number | null, name: string, path: string, opts: { refresh?: unknown; dropOnRefusal?: boolean } = {}): CachedRead<T> {
  const [got, setGot] = useState<Cached<T> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [gone, setGone] = useState(false);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => onSynced(reload), [reload]);
  const { refresh, dropOnRefusal = false } = opts;
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick and refresh are the triggers to read again
  useEffect(() => {
    if (personId === null) return;
    let live = true;
    cachedGet<T>(personId, name, path).then(
      (d) => {
        if (live) {
          setGot(d);
          setError(null);
          setGone(false);
        }
      },
      (e) => {
        if (!live) return;
        setError(e instanceof StaffError && e.status === 401 ? 'EXPIRED' : messageOf(e));
        // The server's answer (gone, no longer theirs): the copy shown before is no longer true.
        if (dropOnRefusal && e instanceof StaffError && e.status >= 400 && e.status < 500) {
          setGot(null);
          setGone(true);
        }
      },
    );
    return () => {
      live = false;
    };
  }, [personId, name, path, dropOnRefusal, tick, refresh]);
  return { got, error, gone, tick, reload };
}
