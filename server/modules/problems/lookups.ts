// Reference data that every problem report reads (its category, whether its
// region exists, where the routing matrix would send it) cached per database
// for a few seconds, so intake costs one database round trip. Any write to
// categories, dispatch rules, regions or places in this process clears the
// cache before its reply is sent; another process sees such a change within
// LOOKUP_TTL_MS.
import type { FastifyInstance } from 'fastify';
import type { Db, Tx } from '../../db/pool.ts';
import { resolveUnit } from '../routing/index.ts';
import { categoryInfoRow, regionExistsRow, type CategoryInfo } from './problems.lookups.repository.ts';

const LOOKUP_TTL_MS = 10_000;

export type { CategoryInfo };

interface Entry<T> {
  at: number;
  value: T;
}
const caches = new WeakMap<object, Map<string, Entry<unknown>>>();

function cacheOf(db: object) {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new Map()));
  return c;
}

async function cached<T>(db: Db | Tx, key: string, load: () => Promise<T>): Promise<T> {
  const c = cacheOf(db);
  const hit = c.get(key);
  if (hit && Date.now() - hit.at < LOOKUP_TTL_MS) return hit.value as T;
  const value = await load();
  c.set(key, { at: Date.now(), value });
  return value;
}

let generation = 0;
/** Forget every cached lookup (all databases of this process). */
export function invalidateLookups() {
  generation++;
}

export function categoryInfo(db: Db, id: number): Promise<CategoryInfo | null> {
  return cached(db, `cat:${generation}:${id}`, () => categoryInfoRow(db, id));
}

export function regionExists(db: Db, code: string): Promise<boolean> {
  return cached(db, `region:${generation}:${code}`, () => regionExistsRow(db, code));
}

/** Where the routing matrix would send a problem: shown at intake, applied at dispatch. */
export function suggestedUnit(db: Db, categoryId: number, regionCode: string): Promise<number | null> {
  return cached(db, `route:${generation}:${categoryId}:${regionCode}`, async () => (await resolveUnit(db, { categoryId, regionCode }))?.unitId ?? null);
}

export function registerLookupInvalidation(app: FastifyInstance) {
  app.addHook('onSend', async (req) => {
    if (req.method !== 'GET' && /^\/api\/(categories|dispatch-rules|regions|places)/.test(req.url)) invalidateLookups();
  });
}
