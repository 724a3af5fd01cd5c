// The desk's API client: JSON over fetch (api/fetch-core.ts) with the session
// cookie. Error bodies {error:{code,message,fields,details}} become ApiError;
// a 401 (other than a failed sign-in) hands control to the registered
// handler, which sends the user to the sign-in page.
import type { ErrorCode, FieldError } from '../../../domain/errors.ts';
import { fetchJson, withQuery, type Failure, type Query } from './fetch-core.ts';

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

export { withQuery };

function toError(f: Failure): ApiError {
  if (f.message !== undefined) return new ApiError(f.status, f.code as ErrorCode, f.message, f.fields, f.details);
  const fallback = f.status >= 500 ? '服务器暂时无法响应，请稍后再试' : `请求失败（${f.status}）`;
  return new ApiError(f.status, f.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', fallback);
}

export function request<T>(method: string, path: string, body?: unknown, opts: { query?: Query; skip401?: boolean; idempotencyKey?: string } = {}): Promise<T> {
  return fetchJson<T, ApiError>(method, path, body, {
    base: '/api',
    query: opts.query,
    idempotencyKey: opts.idempotencyKey,
    toError,
    networkError: () => new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试'),
    onUnauthorized: opts.skip401 ? undefined : () => onUnauthorized?.(),
    onFailure: (err) => {
      if (err.code === 'PASSWORD_CHANGE_REQUIRED') onPasswordChange?.();
    },
  });
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
