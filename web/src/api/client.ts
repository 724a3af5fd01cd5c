// The one way the web talks to the API: JSON over fetch with the session
// cookie. Error bodies {error:{code,message,fields,details}} become ApiError;
// a 401 (other than a failed sign-in) hands control to the registered
// handler, which sends the user to the sign-in page.
import type { ErrorCode, FieldError } from '../../../domain/errors.ts';

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: ErrorCode | 'NETWORK',
    message: string,
    public fields: FieldError[] = [],
    public details?: unknown,
  ) {
    super(message);
  }
}

let onUnauthorized: (() => void) | null = null;
export function setUnauthorizedHandler(fn: (() => void) | null) {
  onUnauthorized = fn;
}

// 409 PASSWORD_CHANGE_REQUIRED (e.g. an admin reset the password meanwhile): the app reloads /api/me,
// which then says so, and RequireMe shows the change-password form.
let onPasswordChange: (() => void) | null = null;
export function setPasswordChangeHandler(fn: (() => void) | null) {
  onPasswordChange = fn;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, q?: Query): string {
  if (!q) return path;
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `${path}?${s}` : path;
}

async function toError(res: Response): Promise<ApiError> {
  let body: any = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON: a proxy or gateway page */
  }
  const e = body?.error;
  if (e && typeof e.message === 'string') return new ApiError(res.status, e.code, e.message, e.fields ?? [], e.details);
  const fallback = res.status >= 500 ? '服务器暂时无法响应，请稍后再试' : `请求失败（${res.status}）`;
  return new ApiError(res.status, res.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', fallback);
}

export async function request<T>(method: string, path: string, body?: unknown, opts: { query?: Query; skip401?: boolean } = {}): Promise<T> {
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  let res: Response;
  try {
    res = await fetch(withQuery(`/api${path}`, opts.query), {
      method,
      credentials: 'same-origin',
      headers: body === undefined || isForm ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (res.status === 401 && !opts.skip401) {
    const err = await toError(res);
    onUnauthorized?.();
    throw err;
  }
  if (!res.ok) {
    const err = await toError(res);
    if (err.code === 'PASSWORD_CHANGE_REQUIRED') onPasswordChange?.();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: <T = void>(path: string) => request<T>('DELETE', path),
};

/** Human message for any thrown value. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return '操作失败，请稍后再试';
}
