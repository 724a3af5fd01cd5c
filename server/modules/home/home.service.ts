// The home page's figures for the caller: each part by what the caller may
// read, computed by the modules that own them (the problems' queue counts,
// the live ranking, the street chief's day), plus the few counts no other
// page needs (today's new, due in three days, the week's trend, per town).
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/pool.ts';
import { now as clockNow, todayChina } from '../../platform/clock.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { periodOf, periodTitle } from '../../../domain/assessment/periods.ts';
import { addDays } from '../../../domain/dates.ts';
import { overdueSql, problemScope, queueCounts, runningSql, scopeSql } from '../problems/index.ts';
import { OPEN_STATES } from '../../../domain/problems/vocab.ts';
import { computeRanking } from '../assessment/index.ts';
import { inspectionDay as patrolDay } from '../inspections/index.ts';
import type { HomeFigures } from '../../../domain/api/home.ts';

/** "Due soon": running, not overdue, due within this many calendar days from today. */
export const DUE_SOON_DAYS = 3;
const TREND_DAYS = 7;
/** The start of a China date as an instant (China has no daylight saving). */
const chinaStart = (d: string) => sql`(${d}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;

export async function home(db: Db, actor: Actor, at = clockNow()): Promise<HomeFigures> {
  const today = todayChina(at);
  const [problems, trend, ranking, patrols, towns] = await Promise.all([
    problemFigures(db, actor, today), weekTrend(db, actor, today), rankingFigures(db, actor, today), patrolFigures(db, actor, at), townFigures(db, actor, today),
  ]);
  return { today, problems, trend, ranking, patrols, towns };
}

async function problemFigures(db: Db, actor: Actor, today: string): Promise<HomeFigures['problems']> {
  if (!can(actor, 'problem.read')) return null;
  const scope = scopeSql(problemScope(actor));
  const [q, extra] = await Promise.all([
    queueCounts(db, actor, { openOnly: true }),
    db.execute<{ new_today: number; due_soon: number }>(sql`SELECT
        (SELECT count(*) FROM problems p WHERE p.created_at >= ${chinaStart(today)} AND ${scope}) AS new_today,
        (SELECT count(*) FROM problems p WHERE ${runningSql()} AND p.due_date >= ${today}::date
           AND p.due_date <= ${addDays(today, DUE_SOON_DAYS)}::date AND ${scope}) AS due_soon`),
  ]);
  const open = Object.values(q.byState).reduce((a, b) => a + b, 0);
  return {
    newToday: Number(extra.rows[0].new_today), dueSoon: Number(extra.rows[0].due_soon), overdue: q.overdue, dueToday: q.dueToday,
    awaitingVerification: q.byState.rectified ?? 0, open, byState: q.byState,
  };
}

/** The last seven days (today included): problems reported and closed each day. Offices and leaders only. */
async function weekTrend(db: Db, actor: Actor, today: string): Promise<HomeFigures['trend']> {
  if (!can(actor, 'problem.office') && !actor.grants.some((g) => g.role === 'town_leader' || g.role === 'county_viewer')) return null;
  const from = addDays(today, -(TREND_DAYS - 1));
  const scope = scopeSql(problemScope(actor));
  const day = (col: string) => sql.raw(`(p.${col} AT TIME ZONE 'Asia/Shanghai')::date::text`);
  const r = await db.execute<{ day: string; reported: number; closed: number }>(sql`
    SELECT d AS day, sum(reported) AS reported, sum(closed) AS closed FROM (
      SELECT ${day('created_at')} AS d, count(*) AS reported, 0 AS closed FROM problems p
        WHERE p.created_at >= ${chinaStart(from)} AND ${scope} GROUP BY 1
      UNION ALL
      SELECT ${day('closed_at')} AS d, 0, count(*) FROM problems p
        WHERE p.state = 'closed' AND p.closed_at >= ${chinaStart(from)} AND ${scope} GROUP BY 1
    ) x GROUP BY d`);
  const byDay = new Map(r.rows.map((row) => [row.day, row]));
  return Array.from({ length: TREND_DAYS }, (_, i) => {
    const d = addDays(from, i);
    const row = byDay.get(d);
    return { day: d, reported: Number(row?.reported ?? 0), closed: Number(row?.closed ?? 0) };
  });
}

/** The month's live ranking a leader, a county office or a community cadre acts on. */
async function rankingFigures(db: Db, actor: Actor, today: string): Promise<HomeFigures['ranking']> {
  const grant = actor.grants.find((g) => (g.role === 'town_leader' || g.role === 'county_viewer' || g.role === 'community_staff') && g.regionCode);
  if (!grant?.regionCode) return null;
  const region = grant.role === 'community_staff' ? grant.regionCode.slice(0, 9) : grant.regionCode.slice(0, grant.role === 'county_viewer' ? 6 : 9);
  if (!can(actor, 'assessment.read', { regionCode: region }) && grant.role !== 'community_staff') return null;
  const p = periodOf('month', today);
  const { rows } = await computeRanking(db, region, p, { today });
  const slim = (r: (typeof rows)[number]) => ({ code: r.code, name: r.name, rank: r.rank, score: r.score });
  const ranked = rows.filter((r) => r.rank !== null);
  const own = grant.role === 'community_staff' ? rows.find((r) => r.code === grant.regionCode) : undefined;
  return {
    regionCode: region, periodTitle: periodTitle(p), total: ranked.length,
    top: ranked.slice(0, 3).map(slim), bottom: ranked.slice(Math.max(3, ranked.length - 3)).reverse().map(slim),
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
  const counties = actor.grants.filter((g) => g.role === 'county_viewer' && g.regionCode?.length === 6 && can(actor, 'problem.read', { regionCode: g.regionCode }))
    .map((g) => g.regionCode!);
  if (!counties.length) return null;
  const r = await db.execute<{ code: string; name: string; open: number; overdue: number; new_today: number }>(sql`
    SELECT t.code, t.name,
      (SELECT count(*) FROM problems p WHERE p.town_code = t.code AND p.state IN (${sql.join(OPEN_STATES.map((st) => sql`${st}`), sql`, `)})) AS open,
      (SELECT count(*) FROM problems p WHERE p.town_code = t.code AND ${overdueSql(today)}) AS overdue,
      (SELECT count(*) FROM problems p WHERE p.town_code = t.code AND p.created_at >= ${chinaStart(today)}) AS new_today
    FROM regions t WHERE t.level = 'town' AND left(t.code, 6) = ANY(${sql.param(counties)}::text[]) ORDER BY t.code`);
  return r.rows.map((x) => ({ code: x.code, name: x.name, open: Number(x.open), overdue: Number(x.overdue), newToday: Number(x.new_today) }));
}
