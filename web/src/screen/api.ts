// The 大屏's client: the shared fetch core with the display token (kept in this
// browser's localStorage once the screen has been opened with ?token=…; the
// address bar then drops it) or, without one, the signed-in person's cookie.
import { fetchJson, type Failure, type Query } from '../api/fetch-core.ts';
import { DISPLAY_TOKEN_HEADER } from '../../../domain/screen.ts';

const KEY = 'cc_display_token';

export class ScreenError extends Error {
  constructor(
    public status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Take a token from the address (?token=…) into storage, once; the address is left without it. */
export function adoptToken(): void {
  const url = new URL(window.location.href);
  const t = url.searchParams.get('token');
  if (!t) return;
  try {
    localStorage.setItem(KEY, t);
  } catch {
    /* private mode: the token lives in this page only */
    memo = t;
  }
  url.searchParams.delete('token');
  window.history.replaceState(null, '', `${url.pathname}${url.search}`);
}
let memo: string | null = null;
const token = () => {
  try {
    return localStorage.getItem(KEY) ?? memo;
  } catch {
    return memo;
  }
};

function toError(f: Failure): ScreenError {
  if (f.status === 401) return new ScreenError(401, f.message && f.message !== '请先登录' ? f.message : '未授权：请用创城办提供的大屏地址打开，或先登录');
  // 5xx: the server restarting or the database reconnecting; the screen keeps its figures and asks again.
  if (f.status >= 500) return new ScreenError(f.status, '服务器暂时无法响应（可能正在重启），正在重连…');
  return new ScreenError(f.status, f.message ?? `数据读取失败（${f.status}）`);
}

/** The display token's header (none for a signed-in viewer, whose cookie goes along). */
export function authHeaders(): Record<string, string> {
  const t = token();
  return t ? { [DISPLAY_TOKEN_HEADER]: t } : {};
}

export function get<T>(path: string, query?: Query): Promise<T> {
  const t = token();
  return fetchJson<T, ScreenError>('GET', path, undefined, {
    base: '/api',
    query,
    headers: t ? { [DISPLAY_TOKEN_HEADER]: t } : undefined,
    toError,
    networkError: () => new ScreenError(0, '与服务器的连接中断，正在重连…'),
  });
}
