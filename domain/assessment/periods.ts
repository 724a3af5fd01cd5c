// Assessment periods as China dates: day, week (Monday-Sunday, ISO), month,
// quarter, year. A period is named by its kind and the date it contains.
import { addDays } from '../dates.ts';
export const PERIOD_KINDS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_LABELS: Record<PeriodKind, string> = { day: '日', week: '周', month: '月', quarter: '季度', year: '年度' };

export interface Period {
  kind: PeriodKind;
  start: string;
  end: string;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (s: string) => new Date(s + 'T00:00:00Z');

export function periodOf(kind: PeriodKind, date: string): Period {
  const d = utc(date);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (kind) {
    case 'day':
      return { kind, start: date, end: date };
    case 'week': {
      const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
      const start = addDays(date, -dow);
      return { kind, start, end: addDays(start, 6) };
    }
    case 'month':
      return { kind, start: iso(new Date(Date.UTC(y, m, 1))), end: iso(new Date(Date.UTC(y, m + 1, 0))) };
    case 'quarter': {
      const q = Math.floor(m / 3) * 3;
      return { kind, start: iso(new Date(Date.UTC(y, q, 1))), end: iso(new Date(Date.UTC(y, q + 3, 0))) };
    }
    case 'year':
      return { kind, start: `${y}-01-01`, end: `${y}-12-31` };
  }
}

/** A period spans at most a year: a bound on every month loop, whatever the dates. */
const MAX_MONTHS = 12;

/** The months (first days) a period touches: the ledger is recomputed month by month. */
export function monthsOf(p: { start: string; end: string }): string[] {
  const out: string[] = [];
  for (let s = periodOf('month', p.start).start; s <= p.end && out.length < MAX_MONTHS; s = addDays(periodOf('month', s).end, 1)) out.push(s);
  return out;
}

/** 2026年11月, 2026年第4季度, 2026年第47周 (ISO week), 2026年度. */
export function periodTitle(p: Period): string {
  const y = p.start.slice(0, 4);
  switch (p.kind) {
    case 'day':
      return p.start;
    case 'week': {
      const thursday = utc(addDays(p.start, 3));
      const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
      const week = Math.floor((thursday.getTime() - jan1) / 86400_000 / 7) + 1;
      return `${thursday.getUTCFullYear()}年第${week}周`;
    }
    case 'month':
      return `${y}年${Number(p.start.slice(5, 7))}月`;
    case 'quarter':
      return `${y}年第${Math.floor((Number(p.start.slice(5, 7)) - 1) / 3) + 1}季度`;
    case 'year':
      return `${y}年度`;
  }
}
