// The web's one fetch routine (web/src/api/fetch-core.ts) under the desk,
// resident and staff-phone clients: what goes on the wire and how the
// server's error body {error:{code,message,fields}} reaches each client.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchJson } from '../../web/src/api/fetch-core.ts';
import { call as residentCall, PublicError } from '../../web/src/mobile/api.ts';
import { call as staffCall, StaffError } from '../../web/src/mobile/staff/api.ts';
import { ApiError, request, setUnauthorizedHandler } from '../../web/src/api/client.ts';

interface Sent {
  url: string;
  init: RequestInit;
}
function stub(res: () => Response): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return res();
  });
  return sent;
}
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
/** The error a promise rejects with (the test fails if it resolves). */
const rejection = (p: Promise<unknown>): Promise<any> =>
  p.then(
    () => {
      throw new Error('resolved');
    },
    (x) => x,
  );
const header = (s: Sent, name: string) => (s.init.headers as Record<string, string>)[name];

afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthorizedHandler(null);
});

describe('fetchJson', () => {
  it('sends JSON with the query and the Idempotency-Key, and answers the parsed body (nothing for 204)', async () => {
    const sent = stub(() => json(200, { ok: 1 }));
    const errs = { toError: () => new Error('x'), networkError: () => new Error('net') };
    expect(await fetchJson('POST', '/x', { a: 1 }, { base: '/api', query: { q: '街', empty: '', none: null }, idempotencyKey: 'key-12345', ...errs })).toEqual({
      ok: 1,
    });
    expect(sent[0].url).toBe('/api/x?q=%E8%A1%97');
    expect(sent[0].init.body).toBe('{"a":1}');
    expect(header(sent[0], 'content-type')).toBe('application/json');
    expect(header(sent[0], 'idempotency-key')).toBe('key-12345');
    stub(() => new Response(null, { status: 204 }));
    expect(await fetchJson('DELETE', '/x', undefined, { base: '/api', ...errs })).toBeUndefined();
  });

  it('sends a FormData as it is (the browser sets the multipart type)', async () => {
    const sent = stub(() => json(200, {}));
    const fd = new FormData();
    fd.append('file', new Blob(['x']), 'a.xlsx');
    await request('POST', '/import', fd);
    expect(sent[0].init.body).toBe(fd);
    expect(header(sent[0], 'content-type')).toBeUndefined();
  });
});

describe('the three clients over it', () => {
  it('desk: the server error with its code and fields; a 401 calls the sign-in handler; no network says so', async () => {
    stub(() => json(400, { error: { code: 'VALIDATION_FAILED', message: '请检查填写的内容', fields: [{ path: 'body.name', message: '请输入姓名' }] } }));
    const e = await rejection(request('POST', '/people', {}));
    expect(e).toBeInstanceOf(ApiError);
    expect([e.status, e.code, e.message, e.fields]).toEqual([400, 'VALIDATION_FAILED', '请检查填写的内容', [{ path: 'body.name', message: '请输入姓名' }]]);

    let signIn = 0;
    setUnauthorizedHandler(() => {
      signIn += 1;
    });
    stub(() => json(401, { error: { code: 'UNAUTHENTICATED', message: '请先登录' } }));
    await request('GET', '/me').catch(() => undefined);
    await request('POST', '/auth/login', {}, { skip401: true }).catch(() => undefined);
    expect(signIn).toBe(1);

    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const n = await rejection(request('GET', '/me'));
    expect([n.code, n.message]).toEqual(['NETWORK', '网络连接失败，请检查网络后重试']);
  });

  it('resident: a 429 explains when to try again; a gateway page becomes plain Chinese', async () => {
    stub(() => json(429, { error: { code: 'RATE_LIMITED', message: 'Too Many Requests' } }, { 'retry-after': '120' }));
    const e = await rejection(residentCall('POST', '/reports', {}, { idempotencyKey: 'abcdefgh' }));
    expect(e).toBeInstanceOf(PublicError);
    expect([e.status, e.message, e.retryAfter]).toEqual([429, '提交太频繁了，请 2 分钟后再试', 120]);
    stub(() => new Response('<html>bad gateway</html>', { status: 502 }));
    expect((await rejection(residentCall('GET', '/categories'))).message).toBe('服务暂时无法响应，请稍后再试');
  });

  it('staff phone: 401 is an expired session (the sign-in keeps the server words); other errors keep code and fields', async () => {
    stub(() => json(401, { error: { code: 'UNAUTHENTICATED', message: '账号或密码错误' } }));
    expect((await rejection(staffCall('GET', '/me'))).message).toBe('登录已过期，请重新登录');
    const login = await rejection(staffCall('POST', '/auth/login', {}));
    expect([login.status, login.message]).toEqual([401, '账号或密码错误']);
    stub(() => json(409, { error: { code: 'CONFLICT', message: '已被他人修改', fields: [] } }));
    const c = await rejection(staffCall('POST', '/inspections/sync', { items: [] }));
    expect(c).toBeInstanceOf(StaffError);
    expect([c.status, c.code, c.message]).toEqual([409, 'CONFLICT', '已被他人修改']);
  });
});
