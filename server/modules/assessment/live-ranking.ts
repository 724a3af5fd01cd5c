// The live ranking kept up to date (issue 19: the 大屏 reads it for every
// display instead of recomputing it per request). One definition of the
// ranking, computeRanking; this keeps its latest result per region and period
// (live_rankings) with the time it was computed, which the readers show. The
// assessment page computes it on every view (and keeps what it computed), the
// screen's job refreshes the regions the displays show every few minutes, and
// a read that finds it older than its freshness answers it at once and
// refreshes it behind; with none kept yet, the read computes it.
import type { Db } from '../../db/pool.ts';
import { now as clockNow } from '../../platform/clock.ts';
import type { Period } from '../../../domain/assessment/periods.ts';
import type { RankedRow } from '../../../domain/assessment/ranking.ts';
import { computeRanking, type AssessmentConfig } from './assessment.service.ts';
import * as repo from './live-ranking.repository.ts';

/** How old a kept ranking may be before a read refreshes it (behind its answer). */
export const RANKING_FRESH_MS = 60_000;

export interface CurrentRanking {
  level: 'community' | 'town';
  rows: RankedRow[];
  config: AssessmentConfig;
  /** When these rows were computed. */
  computedAt: Date;
}

const running = new Map<string, Promise<CurrentRanking>>();

/** Compute a region's ranking of a period now and keep it; asks for the same one while it runs share it. */
export function refreshRanking(db: Db, region: string, p: Period, today: string): Promise<CurrentRanking> {
  const key = `${region}:${p.kind}:${p.start}:${today}`;
  const now = running.get(key);
  if (now) return now;
  const run = (async () => {
    const computedAt = clockNow();
    const r = await computeRanking(db, region, p, { today });
    const kept: CurrentRanking = { level: r.level, rows: r.rows, config: r.config, computedAt };
    await repo.keepRanking(db, region, p.kind, p.start, kept);
    return kept;
  })().finally(() => running.delete(key));
  running.set(key, run);
  return run;
}

/**
 * A region's ranking of a period as its readers get it: the kept one when it is at most `maxAgeMs` old; an older
 * one at once, refreshed behind for the next reader; none kept yet, computed now. `maxAgeMs: 0` computes it now.
 */
export async function currentRanking(db: Db, region: string, p: Period, o: { today: string; maxAgeMs?: number }): Promise<CurrentRanking> {
  const maxAge = o.maxAgeMs ?? RANKING_FRESH_MS;
  if (maxAge <= 0) return refreshRanking(db, region, p, o.today);
  const kept = await repo.keptRanking(db, region, p.kind, p.start);
  if (!kept) return refreshRanking(db, region, p, o.today);
  const age = clockNow().getTime() - kept.computedAt.getTime();
  // A clock set back (a test) reads as stale too.
  if (age < 0 || age > maxAge) refreshRanking(db, region, p, o.today).catch(() => {});
  return kept as CurrentRanking;
}
