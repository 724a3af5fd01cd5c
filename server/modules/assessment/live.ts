// The live ledger: what a region's ledger would hold over a period if it were
// recomputed now. Rule entries come from the same pure function as the nightly
// recompute (applyRules over the same facts), read and never written; ranking
// entries (red/black list points of published rankings) are stored ones. The
// unpublished ranking and the "why" of a score read this, so a closure or a
// rework shows the moment it happens, not after the night's job.
import type { Db } from '../../db/pool.ts';
import { addDays } from '../../../domain/dates.ts';
import { missedWeeksIn } from '../meetings/index.ts';
import { missingDailyReportsBefore } from '../reports/index.ts';
import { getCalendar } from '../calendar/index.ts';
import { monthsOf, periodOf } from '../../../domain/assessment/periods.ts';
import { applyRules, type LedgerEntry } from '../../../domain/assessment/rules.ts';
import * as repo from './assessment.repository.ts';
import { readAll } from '../../db/reads.ts';

/** A ledger entry as read: stored ones carry their id, live-derived ones none yet. */
export type LiveEntry = LedgerEntry & { id: number | null; derived: boolean };

/** Canonical ledger order (the repository's ledgerOf order). */
const ORDER: ((e: LiveEntry) => string | number)[] = [
  (e) => e.onDate,
  (e) => e.causeId,
  (e) => e.eventKind,
  (e) => e.ruleKey,
  (e) => e.ruleVersion,
  (e) => e.subjectKind,
  (e) => e.subjectRef,
];
function compare(a: LiveEntry, b: LiveEntry): number {
  for (const f of ORDER) {
    const x = f(a);
    const y = f(b);
    if (x !== y) return x < y ? -1 : 1;
  }
  return (a.id ?? Number.MAX_SAFE_INTEGER) - (b.id ?? Number.MAX_SAFE_INTEGER);
}

/** The entries of a town or county (6 or 9 digits) over a period, as a recompute now would leave them. */
export async function liveEntries(db: Db, region: string, p: { start: string; end: string }, today: string): Promise<LiveEntry[]> {
  const [rules, cal, stored] = await readAll(db, [
    () => repo.rulesFor(db, region),
    () => getCalendar(db),
    () => repo.ledgerOf(db, region, p, { derived: false }),
  ]);
  const out: LiveEntry[] = [...stored];
  for (const m of monthsOf(p)) {
    const month = periodOf('month', m);
    const [facts, misses, activities, weeks, dailyMisses] = await readAll(db, [
      () => repo.problemFacts(db, region, month),
      () => repo.missFacts(db, region, month),
      () => repo.activityFacts(db, region, month),
      () => missedWeeksIn(db, region, addDays(month.start, -6), month.end),
      () => missingDailyReportsBefore(db, region, month.start, month.end, today),
    ]);
    for (const e of applyRules(facts, rules, month, today, cal, misses, activities, weeks, dailyMisses)) {
      if (e.onDate >= p.start && e.onDate <= p.end) out.push({ ...e, id: null, derived: true });
    }
  }
  return out.sort(compare);
}

/** Points per subject of a kind, rounded as the ledger's sums are. */
export function pointsOf(entries: LiveEntry[], subjectKind: string, inRegion: (e: LiveEntry) => boolean = () => true): Map<string, number> {
  const sum = new Map<string, number>();
  for (const e of entries) if (e.subjectKind === subjectKind && inRegion(e)) sum.set(e.subjectRef, (sum.get(e.subjectRef) ?? 0) + e.points);
  return new Map([...sum].map(([k, v]) => [k, Math.round(v * 100) / 100]));
}
