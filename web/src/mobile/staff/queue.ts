// The offline queue: everything the phone records (start, photos, problems,
// finish) is appended here first and sent to POST /api/inspections/sync in
// order, in requests under SYNC_MAX_ITEMS / SYNC_MAX_BYTES. Every item has its
// own key, so sending the same item twice creates nothing new on the server.
//   created / updated / replayed  → removed from the phone
//   failed                        → kept with the server's reason; the person retries or deletes it
//   no network, 5xx, 401, 409 PASSWORD_CHANGE_REQUIRED → kept as waiting; sent again later
import { SYNC_MAX_BYTES, SYNC_MAX_ITEMS, type SyncItem, type SyncResponse } from '../../../../domain/inspections/sync.ts';
import { call, messageOf, SESSION_EXPIRED, StaffError } from './api.ts';

const OFFLINE = '没有网络，联网后自动同步';
import { appendQueue, del, getAll, put, type QueueRecord } from './idb.ts';

export interface QueueStatus {
  waiting: number;
  failed: number;
  /** Items of another account on this phone (sent when that person signs in). */
  others: number;
  syncing: boolean;
  online: boolean;
  /** Why the waiting items are still waiting (no network, session expired, server busy). */
  note: string | null;
  authExpired: boolean;
  lastSyncAt: number | null;
}

let person: { id: number; name: string } | null = null;
let status: QueueStatus = {
  waiting: 0,
  failed: 0,
  others: 0,
  syncing: false,
  online: typeof navigator === 'undefined' || navigator.onLine,
  note: null,
  authExpired: false,
  lastSyncAt: null,
};
const listeners = new Set<(s: QueueStatus) => void>();
const syncedListeners = new Set<() => void>();

function set(p: Partial<QueueStatus>) {
  status = { ...status, ...p };
  for (const l of listeners) l(status);
}

export const queueStatus = () => status;
export function onQueueStatus(l: (s: QueueStatus) => void): () => void {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
}
/** Called after a flush that sent something, so pages can reload what the server now knows. */
export function onSynced(l: () => void): () => void {
  syncedListeners.add(l);
  return () => {
    syncedListeners.delete(l);
  };
}

export function setPerson(p: { id: number; name: string } | null) {
  person = p;
  if (p) set({ authExpired: false, note: status.authExpired ? null : status.note });
  // A (new) sign-in may unblock what waited for it.
  void refreshCounts().then(() => {
    if (p) void flush();
  });
}

export async function listQueue(): Promise<QueueRecord[]> {
  return (await getAll<QueueRecord>('queue')).sort((a, b) => a.seq! - b.seq!);
}

export async function refreshCounts() {
  const all = await listQueue().catch(() => [] as QueueRecord[]);
  const mine = all.filter((r) => person && r.personId === person.id);
  set({
    waiting: mine.filter((r) => r.state === 'waiting').length,
    failed: mine.filter((r) => r.state === 'failed').length,
    others: all.length - mine.length,
  });
}

export type NewRecord = Pick<QueueRecord, 'key' | 'item' | 'label' | 'blob'>;

/** Queue records (in this order, in one transaction) and try to send them at once. */
export async function enqueue(records: NewRecord[]): Promise<void> {
  if (!person) throw new Error('请先登录');
  const now = Date.now();
  await appendQueue(
    records.map((r) => ({ ...r, personId: person!.id, personName: person!.name, state: 'waiting' as const, error: null, queuedAt: now, attempts: 0 })),
  );
  await refreshCounts();
  void flush();
}

export async function retry(seqs: number[]) {
  const all = await listQueue();
  for (const r of all) if (seqs.includes(r.seq!)) await put('queue', { ...r, state: 'waiting', error: null });
  await refreshCounts();
  await flush();
}

export async function discard(seq: number) {
  await del('queue', seq);
  await refreshCounts();
}

function blobBase64(b: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(b);
  });
}

/** Size of an item once in the request body (base64 is 4/3 of the photo). */
function estimate(r: QueueRecord): number {
  return JSON.stringify(r.item).length + (r.blob ? Math.ceil(r.blob.size / 3) * 4 : 0) + 32;
}

/** Consecutive batches under the request limits (a margin left for the envelope). */
export function batches(records: QueueRecord[], maxBytes = SYNC_MAX_BYTES * 0.9, maxItems = SYNC_MAX_ITEMS): QueueRecord[][] {
  const out: QueueRecord[][] = [];
  let cur: QueueRecord[] = [];
  let bytes = 0;
  for (const r of records) {
    const n = estimate(r);
    if (cur.length && (cur.length >= maxItems || bytes + n > maxBytes)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(r);
    bytes += n;
  }
  if (cur.length) out.push(cur);
  return out;
}

let running: Promise<void> | null = null;
let again = false;
/** Halved when the server answers 413 (a proxy in front of it may allow less than we think). */
let maxBytes = SYNC_MAX_BYTES * 0.9;

/**
 * Send what waits. One flush at a time per tab (a call during a flush runs
 * once more after it) and, where the browser has Web Locks, per phone.
 */
export function flush(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        const locks = (navigator as any).locks;
        if (locks?.request)
          await locks.request('cc-staff-sync', { ifAvailable: true }, async (lock: unknown) => {
            if (lock) await flushOnce();
          });
        else await flushOnce();
      } while (again);
    } finally {
      running = null;
      set({ syncing: false });
    }
  })();
  return running;
}

async function flushOnce(): Promise<void> {
  if (!person) return;
  const me = person.id;
  const waiting = (await listQueue()).filter((r) => r.personId === me && r.state === 'waiting');
  if (!waiting.length) {
    await refreshCounts();
    return;
  }
  set({ syncing: true });
  let sent = 0;
  try {
    for (const batch of batches(waiting, maxBytes)) {
      const items: SyncItem[] = [];
      for (const r of batch) items.push(r.item.type === 'photo' && r.blob ? { ...r.item, data: await blobBase64(r.blob) } : r.item);
      let res: SyncResponse;
      try {
        res = await call<SyncResponse>('POST', '/inspections/sync', { items });
      } catch (e) {
        if (!(e instanceof StaffError) || e.status === 0) {
          set({ online: false, note: OFFLINE });
          return;
        }
        if (e.status === 401) {
          set({ online: true, authExpired: true, note: SESSION_EXPIRED });
          return;
        }
        // Not the items' fault: they wait until the person has changed the password.
        if (e.code === 'PASSWORD_CHANGE_REQUIRED') {
          set({ online: true, note: e.message });
          return;
        }
        if (e.status >= 500 || e.status === 429) {
          set({ online: true, note: `${e.message}，稍后自动重试` });
          return;
        }
        if (e.status === 413 && batch.length > 1 && maxBytes > 256 * 1024) {
          maxBytes = Math.max(256 * 1024, maxBytes / 2);
          again = true;
          return;
        }
        // The whole request was refused: put the reason on the items the server named, or on all of them.
        await markRefused(batch, e);
        again = true;
        return;
      }
      set({ online: true, note: null, authExpired: false });
      const byKey = new Map(res.results.map((x) => [x.key, x]));
      for (const r of batch) {
        const x = byKey.get(r.key);
        if (!x) await put('queue', { ...r, attempts: r.attempts + 1 });
        else if (x.status === 'failed')
          await put('queue', { ...r, state: 'failed', attempts: r.attempts + 1, error: { code: x.error?.code ?? 'FAILED', message: reason(x.error) } });
        else {
          await del('queue', r.seq!);
          sent++;
        }
      }
      await refreshCounts();
    }
    set({ lastSyncAt: Date.now() });
  } finally {
    await refreshCounts();
    if (sent) for (const l of syncedListeners) l();
  }
}

/** The server's words, with the fields it names ("提交的内容有误：请描述问题（至少 2 个字）"). */
function reason(e: { message: string; fields?: { message: string }[] } | undefined): string {
  if (!e) return '服务器未能处理这一条';
  const fields = [...new Set((e.fields ?? []).map((f) => f.message))];
  return fields.length ? `${e.message}：${fields.join('；')}` : e.message;
}

async function markRefused(batch: QueueRecord[], e: StaffError) {
  const named = new Map<number, string>();
  for (const f of e.fields) {
    const m = /(?:^|\.)items\.(\d+)(?:\.|$)/.exec(f.path);
    if (m && !named.has(Number(m[1]))) named.set(Number(m[1]), `${e.message}：${f.message}`);
  }
  for (const [i, r] of batch.entries()) {
    const msg = named.size ? named.get(i) : messageOf(e);
    if (msg) await put('queue', { ...r, state: 'failed', attempts: r.attempts + 1, error: { code: e.code, message: msg } });
  }
}

/** Start the triggers: now, when the network comes back, and every 30 s while something waits. */
export function startSyncLoop(): () => void {
  const online = () => {
    set({ online: true, note: null });
    void flush();
  };
  const offline = () => set({ online: false, note: OFFLINE });
  const visible = () => {
    if (document.visibilityState === 'visible') void flush();
  };
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  document.addEventListener('visibilitychange', visible);
  const timer = window.setInterval(() => {
    if (status.waiting > 0 && !status.authExpired) void flush();
  }, 30_000);
  void flush();
  return () => {
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
    document.removeEventListener('visibilitychange', visible);
    window.clearInterval(timer);
  };
}
