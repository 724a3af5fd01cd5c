// The staff phone app's client: the shared fetch core (api/fetch-core.ts) with the session cookie, errors
// in plain Chinese, and the two GETs the app needs offline (bootstrap, today)
// remembered in IndexedDB so the last answer can be shown without a network.
import type { Grade, InspectionKind } from '../../../../domain/inspections/vocab.ts';
import { fetchJson, type Failure } from '../../api/fetch-core.ts';
import { del, getOne, put, type CacheRecord } from './idb.ts';
import type { Me as ApiMe } from '../../../../domain/api/auth.ts';
import type { Wire } from '../../../../domain/api/common.ts';
import { chinaClock } from '../../../../domain/dates.ts';
import type { inspectionBootstrap, inspectionToday } from '../../../../domain/api/inspections.ts';

export class StaffError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public fields: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export const NETWORK_DOWN = '网络连接失败，请检查网络后重试';
export const SESSION_EXPIRED = '登录已过期，请重新登录后同步';

function toError(f: Failure, path: string): StaffError {
  if (f.status === 401) return new StaffError(401, f.code ?? 'UNAUTHENTICATED', path === '/auth/login' && f.message ? f.message : '登录已过期，请重新登录');
  const msg = f.message !== undefined ? f.message : f.status >= 500 ? '服务暂时无法响应，请稍后再试' : `操作失败（${f.status}）`;
  return new StaffError(f.status, f.code ?? `HTTP_${f.status}`, msg, f.fields);
}

export function call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, opts: { idempotencyKey?: string } = {}): Promise<T> {
  return fetchJson<T, StaffError>(method, path, body, {
    base: '/api',
    idempotencyKey: opts.idempotencyKey,
    toError,
    networkError: () => new StaffError(0, 'NETWORK', NETWORK_DOWN),
  });
}

export function messageOf(e: unknown): string {
  return e instanceof StaffError ? e.message : '操作失败，请稍后再试';
}

/** The part of GET /api/me the phone keeps (remembered across starts, so older copies may lack the optional fields). */
export interface Me {
  user: Pick<ApiMe['user'], 'id' | 'name' | 'title' | 'regionName'> & Partial<Pick<ApiMe['user'], 'mustChangePassword'>>;
  roles: Pick<ApiMe['roles'][number], 'role' | 'roleLabel' | 'scopeRegionName'>[];
  can?: ApiMe['can'];
}

// The bootstrap and today pages as the server declares them (domain/api/inspections.ts).
export type Bootstrap = Wire<typeof inspectionBootstrap>;
export type BootPlace = Bootstrap['places'][number];
export type BootChecklist = Bootstrap['checklists'][number];
export type BootItem = BootChecklist['items'][number];
export type BootCategory = Bootstrap['categories'][number];
export type Today = Wire<typeof inspectionToday>;
export type TodayPlace = Today['places'][number];
export type TodayDone = Today['doneToday'][number];
export type TodayProblem = Today['openProblems'][number];

/** What a cached GET gives the page: the data, when it was fetched, and whether it came from the phone. */
export interface Cached<T> {
  data: T;
  at: number;
  offline: boolean;
  error?: string;
}

/**
 * GET with a fallback: the network's answer (remembered per person), or the
 * last one remembered when the network is down (or the server fails). A 4xx
 * is not hidden: 401 sends the person to sign in, 404 says the record is gone.
 */
export async function cachedGet<T>(personId: number, name: string, path: string): Promise<Cached<T>> {
  const key = `${personId}:${name}`;
  try {
    const data = await call<T>('GET', path);
    const rec: CacheRecord<T> = { name: key, data, at: Date.now() };
    await put('cache', rec).catch(() => {
      /* a full disk must not hide the answer */
    });
    return { data, at: rec.at, offline: false };
  } catch (e) {
    // Only a missing network (or a server in trouble) falls back: a 4xx is the server's answer (401: sign in; 404: gone).
    if (e instanceof StaffError && e.status > 0 && e.status < 500) throw e;
    const rec = await getOne<CacheRecord<T>>('cache', key).catch(() => undefined);
    if (rec) return { data: rec.data, at: rec.at, offline: true, error: messageOf(e) };
    throw e;
  }
}

/** The person last signed in on this phone, so the app opens offline without asking the server. */
export async function rememberedMe(): Promise<Me | null> {
  const rec = await getOne<CacheRecord<Me>>('cache', 'me').catch(() => undefined);
  return rec?.data ?? null;
}
export const rememberMe = (me: Me | null) => (me ? put('cache', { name: 'me', data: me, at: Date.now() }) : del('cache', 'me')).catch(() => undefined);

export type { Grade, InspectionKind };

/** 14:05 (the phone's clock is China time for these users). */
export function hhmm(at: number | string | null | undefined): string {
  if (at === null || at === undefined) return '';
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return '';
  const c = chinaClock(d);
  return `${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')}`;
}

export function newKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
