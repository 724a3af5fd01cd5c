// Meetings (issue 16, seed 一(一)): the seeded kinds and which figure counts
// each, attendance, decisions (action items) with a due date in working days
// and overdue by the problems' rule, and the weekly 例会 cadence's missed weeks.
// Pure: the calendar and the records are data.
import { addWorkingDays, isWorkingDay, workingDaysBetween, type WorkCalendar } from './calendar.ts';
import { addDays, weekday } from './dates.ts';
import type { FigureId } from './figures.ts';

/** The seeded kinds (code → name, figure). An admin renames them or adds others; only these codes count in the seed's figures. */
export const MEETING_KIND_SEED = [
  { code: 'mobilisation', name: '动员部署会', figure: 'meetings.mobilisation' },
  { code: 'topic', name: '专题会', figure: 'meetings.mobilisation' },
  { code: 'training', name: '培训会', figure: 'meetings.training' },
  { code: 'weekly', name: '每周例会', figure: 'meetings.weekly' },
  { code: 'internal', name: '内部工作会议', figure: 'meetings.internal' },
] as const satisfies readonly { code: string; name: string; figure: FigureId }[];
export type MeetingKindCode = (typeof MEETING_KIND_SEED)[number]['code'];
export const MEETING_KIND_CODES = MEETING_KIND_SEED.map((k) => k.code) as MeetingKindCode[];
/** The 例会 kind the weekly cadence counts. */
export const WEEKLY_KIND: MeetingKindCode = 'weekly';

/** The seeded kind codes a meeting figure counts. */
export function kindsOfFigure(id: FigureId): MeetingKindCode[] {
  return MEETING_KIND_SEED.filter((k) => k.figure === id).map((k) => k.code);
}
export const MEETING_FIGURES = [...new Set(MEETING_KIND_SEED.map((k) => k.figure))] as FigureId[];

export const ATTENDANCE = ['present', 'absent', 'leave'] as const;
export type Attendance = (typeof ATTENDANCE)[number];
export const ATTENDANCE_LABELS: Record<Attendance, string> = { present: '出席', absent: '缺席', leave: '请假' };

export const DECISION_STATES = ['open', 'done'] as const;
export type DecisionState = (typeof DECISION_STATES)[number];
/** What the list shows: open, overdue (open past its due date: the problems' rule) or done. */
export const DECISION_VIEWS = ['open', 'overdue', 'done'] as const;
export type DecisionView = (typeof DECISION_VIEWS)[number];
export const DECISION_VIEW_LABELS: Record<DecisionView, string> = { open: '办理中', overdue: '已超期', done: '已完成' };

/** Longest a decision may be given, in working days. */
export const MAX_DECISION_WORKING_DAYS = 250;

/** A decision's due date: `n` working days after the meeting's day (the problems' deadline rule). */
export function decisionDueDate(meetingDay: string, n: number, cal: WorkCalendar): string {
  return addWorkingDays(meetingDay, n, cal);
}

/**
 * Overdue, as for problems (domain/problems/overdue.ts): an open decision is
 * overdue from 00:00 China time of the day after its due date; how late counts
 * working days after it.
 */
export function decisionOverdue(d: { state: string; dueDate: string }, today: string): boolean {
  return d.state === 'open' && today > d.dueDate;
}
export function decisionLateWorkingDays(d: { state: string; dueDate: string }, today: string, cal: WorkCalendar): number {
  return decisionOverdue(d, today) ? workingDaysBetween(d.dueDate, today, cal) : 0;
}
export function decisionView(d: { state: string; dueDate: string }, today: string): DecisionView {
  return d.state === 'done' ? 'done' : decisionOverdue(d, today) ? 'overdue' : 'open';
}

/** The Monday of `day`'s week (weeks run Monday to Sunday). */
export function weekStart(day: string): string {
  return addDays(day, -((weekday(day) + 6) % 7));
}

export interface MissedWeek {
  week: string;
  end: string;
  held: number;
  required: number;
}

/**
 * The full weeks (Monday to Sunday) inside [from, to] that ended before `today`, in which the
 * town held fewer 例会 than `perWeek` (days of the 每周例会 held: `heldDays`).
 * A week with no working day (a holiday week) owes none. perWeek 0: nothing missed.
 */
export function missedWeeks(from: string, to: string, today: string, perWeek: number, heldDays: readonly string[], cal: WorkCalendar): MissedWeek[] {
  if (perWeek <= 0) return [];
  const count = new Map<string, number>();
  for (const d of heldDays) count.set(weekStart(d), (count.get(weekStart(d)) ?? 0) + 1);
  const out: MissedWeek[] = [];
  // Only weeks that have ended by today (a week still running may still hold its 例会), at most ~10 years of them.
  const first = weekStart(from) === from ? from : addDays(weekStart(from), 7);
  for (let w = first, n = 0; n < 530; w = addDays(w, 7), n++) {
    const end = addDays(w, 6);
    if (end > to || end >= today) break;
    let working = false;
    for (let i = 0; i < 7 && !working; i++) working = isWorkingDay(addDays(w, i), cal);
    if (!working) continue;
    const held = count.get(w) ?? 0;
    if (held < perWeek) out.push({ week: w, end, held, required: perWeek });
  }
  return out;
}
