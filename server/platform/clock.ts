// The one clock of the server: what "now" (and so China's "today") is.
// Production reads the system clock; tests set it, so a test passes whatever
// the real date is (each test file runs in its own process).
let source: () => Date = () => new Date();

export function now(): Date {
  return source();
}

/** Tests: pin the clock (a Date, or a function of nothing); null restores the system clock. */
export function setClock(at: Date | (() => Date) | null): void {
  source = at === null ? () => new Date() : typeof at === 'function' ? at : () => new Date(at.getTime());
}
