// Independent reads side by side: on the pool, each on its own connection; on
// a transaction (one connection), one after the other. pg 8 queues queries
// sent together on one client but flags it as deprecated, and pg 9 refuses it;
// a service called both from a request (the pool) and inside a caller's
// transaction (the demo's history, a sweep) reads through this.
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Q } from './pool.ts';

export async function readAll<T extends readonly unknown[]>(q: Q, reads: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (!(q instanceof PgTransaction)) return Promise.all(reads.map((r) => r())) as unknown as Promise<T>;
  const out: unknown[] = [];
  for (const r of reads) out.push(await r());
  return out as unknown as T;
}
