// @fastify/rate-limit's counters kept in PostgreSQL (table rate_counters), so
// a restart or a second server behind the same database counts on: one
// atomic upsert per counted request (`hits + 1`, or a fresh window once
// reset_at has passed). Rows whose window ended are deleted now and then.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;
interface RouteOptions {
  routeInfo?: { method?: string; url?: string };
}

/** The store class to pass as `store` when registering @fastify/rate-limit. */
export function pgRateLimitStore(db: Db) {
  return class PgRateLimitStore {
    constructor(
      _global?: unknown,
      private prefix = '',
    ) {}

    incr(key: string, cb: Callback, timeWindow: number) {
      incr(db, this.prefix + key, timeWindow).then(
        (r) => cb(null, r),
        (e) => cb(e),
      );
    }

    read(key: string, cb: Callback) {
      db.execute<{ hits: number; ttl: number }>(sql`
        SELECT hits, ceil(extract(epoch FROM reset_at - now()) * 1000)::float8 AS ttl FROM rate_counters
        WHERE key = ${this.prefix + key} AND reset_at > now()`).then(
        (r) => cb(null, r.rows[0] ? { current: Number(r.rows[0].hits), ttl: Number(r.rows[0].ttl) } : { current: 0, ttl: 0 }),
        (e) => cb(e),
      );
    }

    /** Per route: its own key space (a route's counters never mix with another's). */
    child(opts: RouteOptions) {
      const r = opts.routeInfo;
      return new PgRateLimitStore(undefined, r?.url ? `${this.prefix}${r.method} ${r.url}|` : this.prefix);
    }
  };
}

let calls = 0;

/** Count one hit of `key` in a window of `windowMs` (a fresh window once the last ended): the hits so far and the ms left. */
export async function countHit(db: Db, key: string, windowMs: number) {
  return incr(db, key, windowMs);
}

/** The hits of `key` in its current window (0 when none or ended), without counting one: an int expression a caller's statement reads beside its own columns. */
export const hitsSql = (key: string) => sql`COALESCE((SELECT hits FROM rate_counters WHERE key = ${key} AND reset_at > now()), 0)::int`;

async function incr(db: Db, key: string, windowMs: number) {
  const r = await db.execute<{ hits: number; ttl: number }>(sql`
    INSERT INTO rate_counters AS c (key, hits, reset_at)
    VALUES (${key}, 1, now() + make_interval(secs => ${windowMs / 1000}))
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN c.reset_at <= now() THEN 1 ELSE c.hits + 1 END,
      reset_at = CASE WHEN c.reset_at <= now() THEN EXCLUDED.reset_at ELSE c.reset_at END
    RETURNING hits, ceil(extract(epoch FROM reset_at - now()) * 1000)::float8 AS ttl`);
  if (++calls % 500 === 0) {
    db.execute(sql`DELETE FROM rate_counters WHERE reset_at < now() - interval '1 minute'`).catch(() => {});
  }
  return { current: Number(r.rows[0].hits), ttl: Math.max(0, Number(r.rows[0].ttl)) };
}
