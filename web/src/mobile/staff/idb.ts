// The phone's own database (IndexedDB, no library: three stores and a few
// promise wrappers are all we need, and every KB counts on a phone).
//   queue   what waits to be sent to /api/inspections/sync, in order (seq)
//   drafts  the inspection in progress, so a reload or a dead battery loses nothing
//   cache   the last bootstrap/today answers, shown when the network is down
import type { SyncItem } from '../../../../domain/inspections/sync.ts';

const DB_NAME = 'cc-staff';
const VERSION = 1;

/** One queued item. Photos keep their bytes as a Blob until the moment they are sent. */
export interface QueueRecord {
  seq?: number;
  key: string;
  /** Whose session may send it: a shared phone must not send one person's work as another's. */
  personId: number;
  personName: string;
  item: SyncItem;
  /** photo items: the shrunk JPEG (item.data is filled in only when sending). */
  blob?: Blob;
  /** What the queue page shows, e.g. "巡查 · 水东街 开始". */
  label: string;
  state: 'waiting' | 'failed';
  error?: { code: string; message: string } | null;
  queuedAt: number;
  attempts: number;
}

export interface CacheRecord<T = unknown> {
  name: string;
  data: T;
  at: number;
}

let opened: Promise<IDBDatabase> | null = null;

export function openDb(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('queue')) {
        const q = db.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true });
        q.createIndex('key', 'key', { unique: true });
      }
      if (!db.objectStoreNames.contains('drafts')) db.createObjectStore('drafts', { keyPath: 'inspectionKey' });
      if (!db.objectStoreNames.contains('cache')) db.createObjectStore('cache', { keyPath: 'name' });
    };
    req.onsuccess = () => {
      // Another tab upgrading the schema: let it, and reopen next time.
      req.result.onversionchange = () => {
        req.result.close();
        opened = null;
      };
      resolve(req.result);
    };
    req.onerror = () => {
      opened = null;
      reject(req.error);
    };
    req.onblocked = () => reject(new Error('本机数据库被另一个页面占用，请关闭其他创城通页面后重试'));
  });
  return opened;
}

type StoreName = 'queue' | 'drafts' | 'cache';

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Run `fn` in one transaction and resolve when it has committed (not merely when the request succeeded). */
export async function tx<T>(stores: StoreName | StoreName[], mode: IDBTransactionMode, fn: (t: IDBTransaction) => Promise<T> | T): Promise<T> {
  const db = await openDb();
  const t = db.transaction(stores, mode);
  const committed = new Promise<void>((resolve, reject) => {
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error ?? new Error('本机数据库写入被中止（存储空间可能已满）'));
  });
  const out = await fn(t);
  await committed;
  return out;
}

export const getAll = <T>(store: StoreName) => tx(store, 'readonly', (t) => done(t.objectStore(store).getAll() as IDBRequest<T[]>));
export const getOne = <T>(store: StoreName, key: IDBValidKey) => tx(store, 'readonly', (t) => done(t.objectStore(store).get(key) as IDBRequest<T | undefined>));
export const put = (store: StoreName, value: unknown) => tx(store, 'readwrite', (t) => done(t.objectStore(store).put(value)));
export const del = (store: StoreName, key: IDBValidKey) => tx(store, 'readwrite', (t) => done(t.objectStore(store).delete(key)).then(() => undefined));

/** Append records to the queue in one transaction, so a problem never lands without its photos. */
export function appendQueue(records: QueueRecord[]): Promise<void> {
  return tx('queue', 'readwrite', async (t) => {
    const s = t.objectStore('queue');
    for (const r of records) {
      // A key already queued (a double tap) is not queued twice.
      const existing = await done(s.index('key').getKey(r.key));
      if (existing === undefined) s.add(r);
    }
  });
}

export { done as request };
