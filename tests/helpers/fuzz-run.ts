// The route-table fuzzer's run (shared by tests/integration/fuzz.test.ts and
// bench/sections/security.ts): every route of the app's table, each caller's
// seeded requests from fuzz.ts, and the verdict on each answer — a 5xx, an
// error body not in the documented shape, an INTERNAL hidden in a 2xx (the
// sync queue's items), or no answer at all within the hang cap.
import type { FastifyInstance } from 'fastify';
import { ERROR_CODES } from '../../domain/errors.ts';
import type { RouteEntry } from '../../server/platform/route-table.ts';
import { fuzzRequests, hash } from './fuzz.ts';

// ---- answers ----

const CHINESE = /[\u4e00-\u9fa5]/;
const ERROR_KEYS = new Set(['code', 'message', 'fields', 'details']);

/** What is wrong with an answer (null: nothing). */
export function verdict(method: string, res: { statusCode: number; body: string }): string | null {
  if (res.statusCode >= 500) return `HTTP ${res.statusCode} ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) {
    return res.statusCode < 300 && /"code"\s*:\s*"INTERNAL"/.test(res.body.slice(0, 200_000))
      ? `INTERNAL inside a ${res.statusCode}: ${res.body.slice(0, 300)}`
      : null;
  }
  if (method === 'HEAD') return null;
  let j: any;
  try {
    j = JSON.parse(res.body);
  } catch {
    return `HTTP ${res.statusCode} with a body that is not JSON: ${res.body.slice(0, 200)}`;
  }
  const e = j?.error;
  const shape = `HTTP ${res.statusCode} ${res.body.slice(0, 300)}`;
  if (!e || typeof e !== 'object' || Object.keys(j).length !== 1) return `not {error: …}: ${shape}`;
  if (!Object.keys(e).every((k) => ERROR_KEYS.has(k))) return `unexpected keys in error: ${shape}`;
  if (!(e.code in ERROR_CODES)) return `code not in domain/errors.ts: ${shape}`;
  if (typeof e.message !== 'string' || !CHINESE.test(e.message)) return `message not Chinese: ${shape}`;
  if (
    e.fields !== undefined &&
    !(Array.isArray(e.fields) && e.fields.every((f: any) => typeof f?.path === 'string' && typeof f?.message === 'string' && CHINESE.test(f.message)))
  ) {
    return `fields not [{path, message}] in Chinese: ${shape}`;
  }
  return null;
}

/** Resolves to the answer, or to null after `ms` (a request that never answers). */
export function capped<T>(p: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

// ---- a run over the whole route table ----

export interface FuzzRun {
  requests: number;
  failures: string[];
  seconds: number;
  /** Requests per route (method and URL). */
  perRoute: Map<string, number>;
}

/**
 * Every route of `app.routeTable`, each caller its share of requests
 * (`perCaller`: cookie header or null for anonymous, and a count), one
 * request at a time, each from its own address so per-IP rate limits leave
 * the routes reachable. A failure is a verdict(), no answer within `hangMs`,
 * or `extraCheck`'s complaint. `afterRoute` runs after each route (to put
 * back what the fuzzer changed).
 */
export async function runFuzz(
  app: FastifyInstance,
  o: {
    seed: number;
    callers: { name: string; cookie: () => string | null; count: number; sweep?: boolean }[];
    known?: readonly string[];
    hangMs?: number;
    extraCheck?: (caller: string, route: RouteEntry, res: { statusCode: number; body: string }) => string | null;
    afterRoute?: (route: RouteEntry) => Promise<void>;
  },
): Promise<FuzzRun> {
  const hangMs = o.hangMs ?? 10_000;
  const failures: string[] = [];
  const perRoute = new Map<string, number>();
  let requests = 0;
  let ip = 0;
  const t0 = performance.now();
  for (const route of app.routeTable) {
    const key = `${route.method} ${route.url}`;
    for (const caller of o.callers) {
      const cookie = caller.cookie();
      for (const req of fuzzRequests(route, o.seed ^ hash(caller.name), caller.count, { known: o.known, sweep: caller.sweep })) {
        ip++;
        const res = await capped(
          app.inject({
            method: req.method as any,
            url: req.url,
            payload: req.payload,
            remoteAddress: `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`,
            headers: { ...req.headers, ...(cookie ? { cookie } : {}) },
          }),
          hangMs,
        );
        requests++;
        perRoute.set(key, (perRoute.get(key) ?? 0) + 1);
        const what = `${caller.name} ${key} [${req.attack}] ${req.url.slice(0, 120)}`;
        if (!res) {
          failures.push(`no answer after ${hangMs / 1000} s ← ${what}`);
          continue;
        }
        const bad = verdict(req.method, res) ?? o.extraCheck?.(caller.name, route, res) ?? null;
        if (bad) failures.push(`${bad} ← ${what}`);
      }
    }
    await o.afterRoute?.(route);
  }
  return { requests, failures, seconds: (performance.now() - t0) / 1000, perRoute };
}
