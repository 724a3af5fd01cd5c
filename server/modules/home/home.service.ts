// The home page's figures for the caller: each part by what the caller may
// read, computed by the modules that own them (the problems' queue counts,
// the live ranking (kept, as the 大屏 reads it), the street chief's day, the county notices awaiting a
// town's feedback). An office, a leader or a community cadre gets its
// region's problem figures (today's new, due within three working days,
// overdue, awaiting verification, open) from the figure registry (figures.ts
// serves them; the 大屏 reads the same); others the same counts over their own
// scope. The week's trend, per town and the worst points are home.repository.ts.
import type { Db } from '../../db/pool.ts';
import { now as clockNow, todayChina } from '../../platform/clock.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { periodOf, periodTitle } from '../../../domain/assessment/periods.ts';
import { addDays, addMonths } from '../../../domain/dates.ts';
import { problemScope, queueCounts, scopeSql } from '../problems/index.ts';
import { currentRanking } from '../assessment/index.ts';
import { inspectionDay as patrolDay } from '../inspections/index.ts';
import { figures } from '../figures/index.ts';
import { dueSoonTo } from './figures.ts';
import { countyNoticesAwaitingFeedback } from '../notices/index.ts';
import type { HomeFigures } from '../../../domain/api/home.ts';
import * as repo from './home.repository.ts';

const TREND_DAYS = 7;
const WORST_POINTS = 5;
/** Recurrences (回头看 found the problem again) count towards a worst point for this many months. */
const RECURRENCE_MONTHS = 6;
const NOTICES_SHOWN = 5;

export async function home(db: Db, actor: Actor, at = clockNow()): Promise<HomeFigures> {
  const today = todayChina(at);
  const [problems, trend, ranking, patrols, towns, worstPoints, countyNotices] = await Promise.all([
    problemFigures(db, actor, today),
    weekTrend(db, actor, today),
    rankingFigures(db, actor, today),
    patrolFigures(db, actor, at),
    townFigures(db, actor, today),
    worstPointFigures(db, actor, today),
    countyNoticeFigures(db, actor, today),
  ]);
  return { today, problems, trend, ranking, patrols, towns, worstPoints, countyNotices };
}

/** Roles whose home shows their region's figures from the registry (the 大屏 reads the same): office, leader, community. */
const REGION_HOMES = new Set(['office_staff', 'town_leader', 'community_staff']);
const HOME_FIGURES = ['problems.new', 'problems.due_soon', 'problems.overdue', 'problems.awaiting_verification', 'problems.open'] as const;

/** The one region an office, a leader or a community cadre reads its figures for; null for everyone else. */
function homeRegion(actor: Actor): string | null {
  if (!actor.grants.some((g) => REGION_HOMES.has(g.role))) return null;
  const scope = regionScope(actor, 'figure.read');
  return scope !== 'all' && scope.length === 1 ? scope[0] : null;
}

async function problemFigures(db: Db, actor: Actor, today: string): Promise<HomeFigures['problems']> {
  if (!can(actor, 'problem.read')) return null;
  const region = homeRegion(actor);
  const dueTo = await dueSoonTo(db, today);
  const [q, f] = await Promise.all([
    queueCounts(db, actor, { openOnly: true }),
    region ? figureNumbers(db, region, today) : ownScopeNumbers(db, actor, today, dueTo),
  ]);
  return { ...f, dueSoonTo: dueTo, dueToday: q.dueToday, byState: q.byState };
}

/** The registry's figures of the region for today (figures(): the same function the 大屏 and the year-end report read). */
async function figureNumbers(db: Db, region: string, today: string) {
  const f = await figures(db, region, { from: today, to: today }, HOME_FIGURES);
  const v = (id: (typeof HOME_FIGURES)[number]) => f.find((x) => x.id === id)?.value ?? 0;
  return {
    newToday: v('problems.new'),
    dueSoon: v('problems.due_soon'),
    overdue: v('problems.overdue'),
    awaitingVerification: v('problems.awaiting_verification'),
    open: v('problems.open'),
  };
}

/** The same figures over a caller's own scope (a liaison's unit, a street chief's reports, an admin's everything). */
async function ownScopeNumbers(db: Db, actor: Actor, today: string, dueTo: string) {
  const scope = scopeSql(problemScope(actor));
  const [now, flows] = await Promise.all([repo.problemsNow(db, scope, today, dueTo), repo.problemFlows(db, scope, today, today)]);
  return { newToday: flows.created, dueSoon: now.dueSoon, overdue: now.overdue, awaitingVerification: now.awaiting, open: now.open };
}

const leads = (actor: Actor) => actor.grants.some((g) => g.role === 'town_leader' || g.role === 'county_viewer');

/** The last seven days (today included): problems reported and closed each day. Offices and leaders only. */
async function weekTrend(db: Db, actor: Actor, today: string): Promise<HomeFigures['trend']> {
  if (!can(actor, 'problem.office') && !leads(actor)) return null;
  return trendOver(db, scopeSql(problemScope(actor)), addDays(today, -(TREND_DAYS - 1)), TREND_DAYS);
}

/** Problems reported and closed each day of a region, `days` days from `from` (the 大屏's 30 days). */
export const dailyTrend = (db: Db, region: string, from: string, days: number) => trendOver(db, repo.inRegionSql(region), from, days);

async function trendOver(db: Db, where: repo.Where, from: string, days: number) {
  const byDay = new Map((await repo.trendFrom(db, where, from)).map((row) => [row.day, row]));
  return Array.from({ length: days }, (_, i) => {
    const d = addDays(from, i);
    const row = byDay.get(d);
    return { day: d, reported: row?.reported ?? 0, closed: row?.closed ?? 0 };
  });
}

/** A town leader's worst points: the places with the most open problems and recent recurrences. */
async function worstPointFigures(db: Db, actor: Actor, today: string): Promise<HomeFigures['worstPoints']> {
  if (!actor.grants.some((g) => g.role === 'town_leader') || !can(actor, 'problem.read')) return null;
  const rows = await repo.worstPlaces(db, scopeSql(problemScope(actor)), addMonths(today, -RECURRENCE_MONTHS), WORST_POINTS);
  return rows.map((r) => ({ placeId: r.id, name: r.name, communityName: r.community, open: r.open, recurred: r.recurred }));
}

/** The county notices whose feedback the caller's town office owes (those who must answer see them). */
async function countyNoticeFigures(db: Db, actor: Actor, today: string): Promise<HomeFigures['countyNotices']> {
  const towns = [
    ...new Set(actor.grants.filter((g) => g.role === 'office_staff' && (g.regionCode?.length ?? 0) >= 9).map((g) => g.regionCode!.slice(0, 9))),
  ].filter((t) => can(actor, 'notice.compose', { regionCode: t }));
  if (!towns.length) return null;
  const rows = await countyNoticesAwaitingFeedback(db, towns, NOTICES_SHOWN);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    docNumber: r.doc_number,
    dueDate: r.due_date,
    overdue: r.due_date !== null && r.due_date < today,
    items: r.items,
    closed: r.closed,
  }));
}

/** The month's live ranking a leader, a county office or a community cadre acts on. */
async function rankingFigures(db: Db, actor: Actor, today: string): Promise<HomeFigures['ranking']> {
  const grant = actor.grants.find((g) => (g.role === 'town_leader' || g.role === 'county_viewer' || g.role === 'community_staff') && g.regionCode);
  if (!grant?.regionCode) return null;
  const region = grant.role === 'community_staff' ? grant.regionCode.slice(0, 9) : grant.regionCode.slice(0, grant.role === 'county_viewer' ? 6 : 9);
  if (!can(actor, 'assessment.read', { regionCode: region }) && grant.role !== 'community_staff') return null;
  const p = periodOf('month', today);
  // The kept live ranking (at most a minute old, refreshed behind): the same rows the 大屏 and the assessment page show.
  const { rows, computedAt } = await currentRanking(db, region, p, { today });
  const slim = (r: (typeof rows)[number]) => ({ code: r.code, name: r.name, rank: r.rank, score: r.score });
  const ranked = rows.filter((r) => r.rank !== null);
  const own = grant.role === 'community_staff' ? rows.find((r) => r.code === grant.regionCode) : undefined;
  return {
    regionCode: region,
    periodTitle: periodTitle(p),
    computedAt: computedAt.toISOString(),
    total: ranked.length,
    top: ranked.slice(0, 3).map(slim),
    bottom: ranked
      .slice(Math.max(3, ranked.length - 3))
      .reverse()
      .map(slim),
    own: own ? slim(own) : null,
  };
}

async function patrolFigures(db: Db, actor: Actor, at: Date): Promise<HomeFigures['patrols']> {
  if (!actor.grants.some((g) => g.role === 'street_chief')) return null;
  const t = await patrolDay(db, actor, at);
  return { countedDay: t.countedDay, places: t.places.length, done: t.places.filter((p) => p.doneToday).length, openProblems: t.openProblems.length };
}

/** A county office's towns: open, overdue and new today per town in its county. */
async function townFigures(db: Db, actor: Actor, today: string): Promise<HomeFigures['towns']> {
  // Only the county office's own county grants: a liaison's unit may sit in the county without reading its towns.
  const counties = actor.grants
    .filter((g) => g.role === 'county_viewer' && g.regionCode?.length === 6 && can(actor, 'problem.read', { regionCode: g.regionCode }))
    .map((g) => g.regionCode!);
  if (!counties.length) return null;
  return repo.townCounts(db, counties, today);
}
