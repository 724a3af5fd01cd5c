// Where a webhook may point (SSRF): `https://` to a public address, or any
// scheme the admin's allow-list (settings `webhooks.allowedHosts`) names the
// host of, which is how a town reaches a chat robot on its intranet over
// `http://`. Without an entry, every address the name resolves to must be
// public unicast: loopback, private (RFC 1918), CGNAT (100.64/10), link-local,
// unspecified (0/8), multicast, broadcast, reserved, IPv6 ULA (fc00::/7),
// ::1, fe80::/10 and IPv4-mapped/translated forms of those are refused.
// Checked when a webhook is saved and again before every delivery, and the
// delivery connects to the address checked (no second DNS answer, no
// rebinding); redirects are never followed.
import dns from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import type { Q } from '../../db/pool.ts';
import { getSetting } from '../../platform/bootstrap.ts';

export const ALLOWED_HOSTS_SETTING = 'webhooks.allowedHosts';

export type Target = { ok: true; url: URL; address: string | null; family: 4 | 6 | null } | { ok: false; reason: string };

/** A host as the allow-list keeps it: lower case, IPv6 without brackets. */
export function normalizeHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

export async function allowedHosts(db: Q): Promise<string[]> {
  const v = await getSetting<unknown>(db, ALLOWED_HOSTS_SETTING);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** True when the address is ordinary public unicast (IPv4-mapped IPv6 judged as its IPv4). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

async function resolveAll(host: string): Promise<{ address: string; family: number }[]> {
  if (net.isIP(host)) return [{ address: host, family: net.isIP(host) }];
  return dns.lookup(host, { all: true, verbatim: true });
}

/** Whether `raw` may be called, and the address to connect to. */
export async function checkTarget(raw: string, allowList: string[]): Promise<Target> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: '地址格式不正确' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: '请填写 https:// 开头的地址' };
  if (url.username || url.password) return { ok: false, reason: '地址中不能包含用户名或密码' };
  const host = normalizeHost(url.hostname);
  if (allowList.map(normalizeHost).includes(host)) return { ok: true, url, address: null, family: null };
  if (url.protocol === 'http:') {
    return { ok: false, reason: `http:// 只能用于系统管理员允许的内网主机（${host} 不在允许列表中），其他地址请使用 https://` };
  }
  let addrs: { address: string; family: number }[];
  try {
    addrs = await resolveAll(host);
  } catch {
    return { ok: false, reason: `无法解析主机名 ${host}` };
  }
  if (!addrs.length) return { ok: false, reason: `无法解析主机名 ${host}` };
  if (addrs.some((a) => !isPublicAddress(a.address))) {
    return { ok: false, reason: `${host} 指向本机、内网或保留地址，不能作为 Webhook 地址；如确需推送到内网，请系统管理员将该主机加入允许列表` };
  }
  return { ok: true, url, address: addrs[0].address, family: addrs[0].family === 6 ? 6 : 4 };
}

export interface PostResult {
  status: number;
  body: string;
}

/**
 * POST to the checked target, connecting to the address that was checked
 * (TLS still verifies the certificate against the host name). A redirect is
 * an answer like any other: its status is recorded, it is not followed.
 */
export function postTo(target: Extract<Target, { ok: true }>, headers: Record<string, string>, body: string, timeoutMs: number): Promise<PostResult> {
  const mod = target.url.protocol === 'https:' ? https : http;
  const pinned = target.address;
  const family = target.family ?? 4;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      target.url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        timeout: timeoutMs,
        ...(pinned
          ? {
              lookup: (_host: string, opts: { all?: boolean }, cb: (...a: any[]) => void) =>
                opts?.all ? cb(null, [{ address: pinned, family }]) : cb(null, pinned, family),
            }
          : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < 4096) chunks.push(c);
          size += c.length;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8').slice(0, 300) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })));
    req.on('error', reject);
    req.end(body);
  });
}
