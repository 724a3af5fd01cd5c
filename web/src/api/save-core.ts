// The one save routine, without antd (the phone pages use it as it is; the
// desk's useSave in api/save.ts adds its toasts and form field errors):
// a TanStack Query mutation that is busy while it runs, invalidates the
// affected query keys (api/keys.ts) after a success (in the background), runs
// `onOk`, and hands a failure to `onFail`. `save(v)` never rejects: it resolves to the
// result, or undefined when the save failed (and was reported).
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback } from 'react';

export interface SaveCoreOptions<V, R> {
  /** The request (or any async step, e.g. the phone's offline queue). */
  run: (v: V) => Promise<R>;
  /** Query keys to refresh after a success (prefix match; not waited for). */
  invalidate?: QueryKey[] | ((r: R, v: V) => QueryKey[]);
  /** After a success (and the invalidation). */
  onOk?: (r: R, v: V) => unknown;
  /** A failure; return true when handled, so the caller's default report is skipped. */
  onFail?: (e: unknown, v: V) => boolean | void;
}

export interface Save<V, R> {
  save: (v: V) => Promise<R | undefined>;
  busy: boolean;
  /** What the running save was given (e.g. which row's button spins). */
  running: V | undefined;
}

export function useSaveCore<V = void, R = unknown>(o: SaveCoreOptions<V, R>, report?: { ok?: (r: R, v: V) => void; fail?: (e: unknown) => void }): Save<V, R> {
  const qc = useQueryClient();
  const m = useMutation<R, unknown, V>({
    mutationFn: o.run,
    // A save runs whatever navigator.onLine says: the request reports a dead network itself, and the
    // phone's offline queue must be written with no network at all.
    networkMode: 'always',
    onSuccess: async (r, v) => {
      report?.ok?.(r, v);
      const ks = typeof o.invalidate === 'function' ? o.invalidate(r, v) : (o.invalidate ?? []);
      // Refreshed in the background: a modal closes (or the page moves on) without waiting for the lists.
      for (const queryKey of ks) void qc.invalidateQueries({ queryKey });
      await o.onOk?.(r, v);
    },
    onError: (e, v) => {
      if (o.onFail?.(e, v) === true) return;
      report?.fail?.(e);
    },
  });
  const { mutateAsync } = m;
  const save = useCallback((v: V) => mutateAsync(v).catch(() => undefined), [mutateAsync]);
  return { save, busy: m.isPending, running: m.isPending ? m.variables : undefined };
}
