import type { Db } from '../db/pool.ts';
import type { Logger } from '../platform/logger.ts';
export async function loadDemoIfEmpty(_db: Db, _town: string, _log: Logger) {}
