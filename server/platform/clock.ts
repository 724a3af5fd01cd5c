// The one clock of the server: what "now" (and so China's "today") is.
// Production reads the system clock; tests set it, so a test passes whatever
// the real date is (each test file runs in its own process).
import { chinaDate } from '../../domain/dates.ts';

let source: () => Date = () => new Date();

export function now(): Date {
  return source();
}

/** Tests: pin the clock (a Date, or a function of nothing); null restores the system clock. */
export function setClock(at: Date | (() => Date) | null): void {
  source = at === null ? () => new Date() : typeof at === 'function' ? at : () => new Date(at.getTime());
}

/** Today's date (YYYY-MM-DD) in China Standard Time: deadlines are China dates wherever the server runs. */
export function todayChina(at: Date = now()): string {
  return chinaDate(at);
}

/**
 * Run `fn` with the clock pinned at `at`, then put back whatever clock was in
 * force (the system's, or a test's). For recording history as of a past day
 * (the demo town's months of records).
 */
export async function atTime<T>(at: Date, fn: () => Promise<T>): Promise<T> {
  const saved = source;
  source = () => new Date(at.getTime());
  try {
    return await fn();
  } finally {
    source = saved;
  }
}
