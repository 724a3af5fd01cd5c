// What every display of a region shares, so a wall of screens costs the
// database what one does: a region's summary and map are computed once and
// kept in this process; a read of a kept answer older than its freshness gets
// it at once and starts its refresh behind (one at a time), so no display
// waits for a recomputation once the region has been shown. Each answer says
// when it was computed (the screen shows it). An answer nobody asked for in
// ten minutes is dropped.
const DROP_MS = 10 * 60_000;

interface Kept<T> {
  value: T;
  at: number;
  usedAt: number;
  refreshing: boolean;
}
const kept = new Map<string, Kept<unknown>>();
const first = new Map<string, Promise<unknown>>();

function drop(now: number) {
  for (const [k, e] of kept) if (now - e.usedAt > DROP_MS) kept.delete(k);
}

/** The kept answer of `key` (refreshed behind when older than `freshMs`), or the first one computed now. */
export function shared<T>(key: string, freshMs: number, compute: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const e = kept.get(key) as Kept<T> | undefined;
  if (e) {
    e.usedAt = now;
    if (now - e.at >= freshMs && !e.refreshing) {
      e.refreshing = true;
      compute()
        .then((value) => Object.assign(e, { value, at: Date.now() }))
        .catch(() => {}) // the kept answer stays; the next read tries again
        .finally(() => {
          e.refreshing = false;
        });
    }
    return Promise.resolve(e.value);
  }
  const running = first.get(key) as Promise<T> | undefined;
  if (running) return running;
  const p = compute()
    .then((value) => {
      kept.set(key, { value, at: Date.now(), usedAt: Date.now(), refreshing: false });
      return value;
    })
    .finally(() => first.delete(key));
  first.set(key, p);
  if (kept.size > 500) drop(now);
  return p;
}

/** Forget every kept answer (tests that change the records under a screen). */
export function forgetShared() {
  kept.clear();
}
