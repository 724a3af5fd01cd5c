// Reports (issue 19): the community daily report's cut-off and lateness, the
// days a report is owed, the town's own reports (daily and weekly: 期数,
// revisions), and the year-end summary's template. Pure; shared by server and web.
import { isWorkingDay, type WorkCalendar } from './calendar.ts';
import { addDays, weekday } from './dates.ts';

/** A town's settings; DEFAULT_REPORT_SETTINGS when it has saved none. */
export interface ReportSettings {
  /** China time HH:MM: a community report submitted after it (on its day, or any later day) is late. */
  cutoff: string;
  /** Reports are owed on weekends and holidays too; false: only on the calendar's working days. */
  restDays: boolean;
  /** China time HH:MM at which the town's daily report is drafted from the community reports. */
  draftAt: string;
}
export const DEFAULT_REPORT_SETTINGS: ReportSettings = { cutoff: '18:00', restDays: false, draftAt: '18:30' };

export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The instant a day's report is due: `day` at the cut-off, China time. */
export const cutoffInstant = (day: string, cutoff: string): Date => new Date(`${day}T${cutoff}:00+08:00`);

/** Submitted after the cut-off of its day: accepted, and marked late. */
export const isLate = (day: string, cutoff: string, submittedAt: Date): boolean => submittedAt.getTime() > cutoffInstant(day, cutoff).getTime();

/** Is a community report owed on `day` under the town's settings and the working-day calendar? */
export const reportOwed = (day: string, s: Pick<ReportSettings, 'restDays'>, cal: WorkCalendar): boolean => s.restDays || isWorkingDay(day, cal);

/**
 * The days in [from, to] a report was owed and whose cut-off has passed at `now`:
 * a community without a report on one of them is missing it.
 */
export function dueDays(from: string, to: string, s: ReportSettings, cal: WorkCalendar, now: Date): string[] {
  const out: string[] = [];
  for (let d = from, n = 0; d <= to && n < 400; d = addDays(d, 1), n++) {
    if (cutoffInstant(d, s.cutoff).getTime() > now.getTime()) break;
    if (reportOwed(d, s, cal)) out.push(d);
  }
  return out;
}

/** What a community did on a day, as its report's form is pre-filled (null: no register records it yet). */
export interface DailyFacts {
  patrolsDone: number;
  patrolsMissed: number;
  problemsFound: number;
  problemsClosed: number;
  problemsOverdue: number;
  activitiesHeld: number;
  meetingsHeld: number;
  /** Publicity output of the day (articles, handouts …) from the figure registry; null until that register exists. */
  publicity: number | null;
  /** Clean-up campaign records of the day from the figure registry; null until that register exists. */
  campaigns: number | null;
}
export const DAILY_FACT_LABELS: Record<keyof DailyFacts, string> = {
  patrolsDone: '完成巡查',
  patrolsMissed: '漏巡',
  problemsFound: '发现问题',
  problemsClosed: '办结问题',
  problemsOverdue: '超期未办结',
  activitiesHeld: '开展活动',
  meetingsHeld: '召开会议',
  publicity: '宣传',
  campaigns: '集中整治',
};

// ---- the town's own reports ----

export const TOWN_REPORT_KINDS = ['daily', 'weekly'] as const;
export type TownReportKind = (typeof TOWN_REPORT_KINDS)[number];
export const TOWN_REPORT_KIND_LABELS: Record<TownReportKind, string> = { daily: '镇级每日创城工作情况汇报', weekly: '创城周报' };

export const TOWN_REPORT_STATES = ['draft', 'published', 'superseded'] as const;
export type TownReportState = (typeof TOWN_REPORT_STATES)[number];
export const TOWN_REPORT_STATE_LABELS: Record<TownReportState, string> = { draft: '草稿', published: '已发布', superseded: '已更正' };

/** 期数 label: 2026年第5期 (a town's reports have no 文号). */
export const issueLabel = (year: number, seq: number) => `${year}年第${seq}期`;

/** The Monday of `day`'s week (weeks run Monday–Sunday). */
export const weekStart = (day: string) => addDays(day, -((weekday(day) + 6) % 7));

/** The office's text around a report's figures: an opening, the body, and what comes next. */
export interface ReportBody {
  opening: string;
  body: string;
  closing: string;
}
