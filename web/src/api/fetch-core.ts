// The one fetch routine under the web's three API clients (desk api/client.ts,
// resident mobile/api.ts, staff phone mobile/staff/api.ts): the request, JSON
// in and out, the error body {error:{code,message,fields,details}} read once,
// 401 handed to the client, and the Idempotency-Key header when given. Each
// client only says how a failure becomes its own error class (and its words).
// No React, no antd: the phone pages import it too.
import type { FieldError } from '../../../domain/errors.ts';

export type Query = Record<string, string | number | boolean | null | undefined>;

/** A failed response as the server sent it (the fields the clients turn into their errors). */
export interface Failure {
  status: number;
  /** The server's error code, when the body had one. */
  code?: string;
  /** The server's message, when the body had a string one. */
  message?: string;
  fields: FieldError[];
  details?: unknown;
  /** Seconds from a Retry-After header (429), when positive. */
  retryAfter?: number;
}

export interface FetchOptions<E extends Error> {
  /** Prefix of every path: '/api' or '/api/public'. */
  base: string;
  query?: Query;
  /** Sent as the Idempotency-Key header (a retried POST creates nothing new). */
  idempotencyKey?: string;
  /** Further headers (the 大屏's display token). */
  headers?: Record<string, string>;
  /** The client's error for a response that is not 2xx. */
  toError: (f: Failure, path: string) => E;
  /** The client's error when the request never reached the server. */
  networkError: () => E;
  /** Called with the error of a 401 before it is thrown (e.g. send the user to sign in). */
  onUnauthorized?: (err: E) => void;
  /** Called with every other failure's error before it is thrown. */
  onFailure?: (err: E) => void;
}

export function withQuery(path: string, q?: Query): string {
  if (!q) return path;
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `${path}?${s}` : path;
}

async function readFailure(res: Response): Promise<Failure> {
  let body: any = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON: a proxy or gateway page */
  }
  const e = body?.error;
  const ra = Number(res.headers.get('retry-after'));
  return {
    status: res.status,
    code: typeof e?.code === 'string' ? e.code : undefined,
    message: typeof e?.message === 'string' ? e.message : undefined,
    fields: Array.isArray(e?.fields) ? e.fields : [],
    details: e?.details,
    retryAfter: Number.isFinite(ra) && ra > 0 ? ra : undefined,
  };
}

export async function fetchJson<T, E extends Error>(method: string, path: string, body: unknown, opts: FetchOptions<E>): Promise<T> {
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(withQuery(`${opts.base}${path}`, opts.query), {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
    });
  } catch {
    throw opts.networkError();
  }
  if (!res.ok) {
    const err = opts.toError(await readFailure(res), path);
    if (res.status === 401 && opts.onUnauthorized) opts.onUnauthorized(err);
    else opts.onFailure?.(err);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
