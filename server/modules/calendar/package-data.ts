// China's statutory holidays and make-up working days (调休) as published by
// the State Council, from the maintained npm package `chinese-days`. Only the
// days that differ from the Monday-Friday rule are kept: weekday days off
// ('holiday', with the festival's Chinese name) and weekend working days
// ('workday', e.g. 国庆节调休上班). A year the package has not published yet
// (chinese-days 1.5.7 stops at 2026) yields no days and published = false,
// so the admin page can warn and the admin can enter the year by hand.
import chineseDays from 'chinese-days';
import type { DayKind } from './calendar.repository.ts';

export interface PackageDay {
  day: string;
  kind: DayKind;
  name: string;
}

/** The package names festival days "National Day,国庆节,3"; plain days by their weekday ("Friday"). */
function festivalName(raw: string): string | null {
  const parts = raw.split(',');
  return parts.length >= 2 && parts[1] ? parts[1].trim() : null;
}

function* daysOf(year: number): Generator<string> {
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    yield d.toISOString().slice(0, 10);
  }
}

export function packageYear(year: number): { published: boolean; days: PackageDay[] } {
  const days: PackageDay[] = [];
  let published = false;
  for (const iso of daysOf(year)) {
    const detail = chineseDays.getDayDetail(iso);
    const festival = festivalName(detail.name);
    if (festival) published = true;
    const dow = new Date(iso + 'T00:00:00Z').getUTCDay();
    const weekend = dow === 0 || dow === 6;
    if (!weekend && !detail.work) days.push({ day: iso, kind: 'holiday', name: festival ?? '法定节假日' });
    else if (weekend && detail.work) days.push({ day: iso, kind: 'workday', name: festival ? `${festival}调休上班` : '调休上班' });
  }
  return { published, days };
}

/** Is this year published in the package? Memoised: the package is static data. */
const publishedMemo = new Map<number, boolean>();
export function isPublished(year: number): boolean {
  let v = publishedMemo.get(year);
  if (v === undefined) publishedMemo.set(year, (v = packageYear(year).published));
  return v;
}

/** The package's verdict for one day (null when it is an ordinary day). */
export function packageDay(iso: string): PackageDay | null {
  return packageYear(Number(iso.slice(0, 4))).days.find((d) => d.day === iso) ?? null;
}
