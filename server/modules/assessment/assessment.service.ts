// Assessment services: the settings, recompute of the points ledger,
// indicators, the "why" of a score, rankings and their publication (the
// rules, versioned: rules.service.ts).
// Access: reading needs assessment.read over the region (otherwise 404: a
// region one may not read does not exist for them); changing needs
// assessment.manage there (otherwise 403).
import ExcelJS from 'exceljs';
import type { Db } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { getSetting, setSetting } from '../../platform/bootstrap.ts';
import { AppError } from '../../platform/errors.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { addDays } from '../../../domain/dates.ts';
import { missedWeeksIn } from '../meetings/index.ts';
import { missingDailyReportsBefore } from '../reports/index.ts';
import { getCalendar, todayChina } from '../calendar/index.ts';
import { DEFAULT_WEIGHTS, indicators, validWeights, type IndicatorWeights, type Indicators } from '../../../domain/assessment/indicators.ts';
import { periodOf, periodTitle, type Period, type PeriodKind } from '../../../domain/assessment/periods.ts';
import { applyRules, EVENT_KIND_LABELS, type EventKind, type SubjectKind } from '../../../domain/assessment/rules.ts';
import { DEFAULT_LISTS, rank, type ListConfig, type RankedRow } from '../../../domain/assessment/ranking.ts';
import * as repo from './assessment.repository.ts';
import { readAll } from '../../db/reads.ts';
import { iso } from '../../platform/time.ts';
import { liveEntries, pointsOf, type LiveEntry } from './live.ts';

export interface AssessmentConfig {
  baseScore: number;
  weights: IndicatorWeights;
  lists: ListConfig;
}
export const DEFAULT_CONFIG: AssessmentConfig = { baseScore: 100, weights: DEFAULT_WEIGHTS, lists: DEFAULT_LISTS };
const configKey = (region: string) => (region ? `assessment.config:${region}` : 'assessment.config');

/** Read access to a region, or 404. */
export function canRead(actor: Actor, region: string) {
  if (!can(actor, 'assessment.read', { regionCode: region }) && !can(actor, 'assessment.manage', { regionCode: region })) throw new AppError('NOT_FOUND');
}
/** Manage access to a region: 404 if not even readable, 403 if readable only. */
export function canManage(actor: Actor, region: string) {
  canRead(actor, region);
  if (!can(actor, 'assessment.manage', { regionCode: region })) throw new AppError('FORBIDDEN');
}

/** Settings of a town, falling back to its county's, then the global ones, then defaults. */
export async function getConfig(db: Db, region: string): Promise<AssessmentConfig> {
  for (const r of [region.slice(0, 9), region.slice(0, 6), '']) {
    if (r.length > region.length) continue;
    const v = await getSetting<Partial<AssessmentConfig>>(db, configKey(r));
    if (v) return { ...DEFAULT_CONFIG, ...v, weights: { ...DEFAULT_WEIGHTS, ...v.weights }, lists: { ...DEFAULT_LISTS, ...v.lists } };
  }
  return DEFAULT_CONFIG;
}

export async function setConfig(db: Db, actor: Actor, region: string, c: AssessmentConfig) {
  canManage(actor, region);
  if (!validWeights(c.weights)) throw new AppError('VALIDATION_FAILED', '权重须为非负数且不能全为 0');
  const before = await getConfig(db, region);
  await setSetting(db, configKey(region), c);
  await audit(db, { actor, action: 'update', entity: 'assessment_config', entityId: region, regionCode: region, before, after: c });
  return c;
}

// ---- ledger ----

const CAUSE_LABELS: Record<string, string> = {
  problem: '问题',
  miss: '未巡查',
  ranking: '红黑榜',
  activity: '活动',
  activity_month: '月度活动',
  meeting_week: '例会',
  daily_report: '社区日报',
};

/**
 * Recompute the derived ledger of one month for a town or a county: the
 * facts are read, the rules applied (pure), and the month's derived entries
 * replaced in one transaction. Twice in a row gives the identical ledger.
 */
export async function recompute(db: Db, actor: Actor | null, region: string, date: string, today = todayChina()) {
  if (actor) canManage(actor, region);
  const month = periodOf('month', date);
  const [rules, cal] = await readAll(db, [() => repo.rulesFor(db, region), () => getCalendar(db)]);
  const { facts, misses, entries, diff } = await db.transaction(async (tx) => {
    await repo.lockMonth(tx, month);
    // On the pool the facts come over other connections while this one reads what the ledger holds; inside a
    // caller's transaction (the demo's history) all of it is one connection, read in turn (readAll).
    const [facts, misses, activities, weeks, dailyMisses, existing] = await readAll(db, [
      () => repo.problemFacts(db, region, month),
      () => repo.missFacts(db, region, month),
      () => repo.activityFacts(db, region, month),
      () => missedWeeksIn(db, region, addDays(month.start, -6), month.end),
      () => missingDailyReportsBefore(db, region, month.start, month.end, today),
      () => repo.existingKeys(tx, region, month),
    ]);
    const entries = applyRules(facts, rules, month, today, cal, misses, activities, weeks, dailyMisses);
    return { facts, misses, entries, diff: await repo.applyDiff(tx, existing, entries) };
  });
  if (actor)
    await audit(db, {
      actor,
      action: 'recompute',
      entity: 'points_ledger',
      entityId: `${region}:${month.start}`,
      regionCode: region,
      after: { entries: entries.length },
    });
  return {
    region,
    month: month.start,
    problems: facts.length,
    missedPatrols: misses.length,
    entries: entries.length,
    ...diff,
    points: Math.round(entries.reduce((s, e) => s + e.points, 0) * 100) / 100,
  };
}

export async function ledger(db: Db, actor: Actor, region: string, p: Period) {
  canRead(actor, region);
  return repo.ledgerOf(db, region, p);
}

function subjectRegion(kind: SubjectKind, ref: string, unitRegion?: string): string {
  if (kind === 'community' || kind === 'town') return ref;
  return unitRegion ?? ref;
}

/** Why does a subject have this score in this period: base + every entry, each with its cause and rule version. */
export async function why(db: Db, actor: Actor, subjectKind: SubjectKind, ref: string, p: Period) {
  let name = ref;
  let region = ref;
  if (subjectKind === 'unit') {
    const u = (await repo.unitsByIds(db, [Number(ref)])).get(ref);
    if (!u) throw new AppError('NOT_FOUND');
    name = u.name;
    region = subjectRegion(subjectKind, ref, u.regionCode);
  } else if (subjectKind === 'street_chief') {
    // A street chief is scored as a person: readable where their home region is.
    const p = await repo.personBrief(db, Number(ref));
    if (!p) throw new AppError('NOT_FOUND');
    name = p.name;
    region = p.regionCode;
  } else {
    name = (await repo.regionName(db, ref)) ?? ref;
  }
  canRead(actor, region);
  const cfg = await getConfig(db, region);
  // As the live ranking counts it: rule entries derived now, ranking entries as stored.
  const town = region.slice(0, 9);
  const [all, rules] = await readAll(db, [() => liveEntries(db, town, p, todayChina()), () => repo.rulesFor(db, town)]);
  const ruleName = new Map(rules.map((r) => [r.id, r.name]));
  const entries = all.filter((e) => e.subjectKind === subjectKind && e.subjectRef === ref).map((e) => ({ ...e, ruleName: ruleName.get(e.ruleId) ?? null }));
  const points = Math.round(entries.reduce((s, e) => s + e.points, 0) * 100) / 100;
  return {
    subject: { kind: subjectKind, ref, name },
    period: { ...p, title: periodTitle(p) },
    baseScore: cfg.baseScore,
    points,
    score: Math.round((cfg.baseScore + points) * 100) / 100,
    entries: entries.map((e) => ({ ...e, eventLabel: EVENT_KIND_LABELS[e.eventKind as EventKind] ?? e.eventKind })),
  };
}

export async function whyXlsx(db: Db, actor: Actor, subjectKind: SubjectKind, ref: string, p: Period): Promise<{ name: string; buffer: Buffer }> {
  const w = await why(db, actor, subjectKind, ref, p);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('得分明细');
  ws.addRow([`${w.subject.name} ${w.period.title} 考核得分明细`]);
  ws.addRow(['基础分', w.baseScore, '加减分合计', w.points, '得分', w.score]);
  ws.addRow([]);
  ws.addRow(['日期', '事项', '分值', '数量', '原因记录', '记录编号', '时间线编号', '规则', '规则版本', '说明']);
  for (const e of w.entries) {
    ws.addRow([
      e.onDate,
      e.eventLabel,
      e.points,
      e.quantity,
      CAUSE_LABELS[e.causeKind] ?? e.causeKind,
      e.causeRef,
      e.causeEventId,
      e.ruleName,
      e.ruleVersion,
      e.note,
    ]);
  }
  ws.columns.forEach((c, i) => {
    c.width = [12, 22, 8, 6, 8, 16, 10, 24, 8, 40][i];
  });
  return { name: `${w.subject.name}-${w.period.title}-得分明细.xlsx`, buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}

// ---- indicators ----

export async function indicatorTable(db: Db, actor: Actor, region: string, groupBy: repo.GroupBy, p: Period) {
  canRead(actor, region);
  const cfg = await getConfig(db, region);
  const counts = await repo.indicatorCounts(db, region, groupBy, p, todayChina());
  let names = new Map<string, string>();
  if (groupBy === 'unit') names = new Map([...(await repo.unitsByIds(db, [...counts.keys()].map(Number))).entries()].map(([k, v]) => [k, v.name]));
  else for (const r of await repo.childRegions(db, groupBy === 'community' ? region.slice(0, 9) : region.slice(0, 6), groupBy)) names.set(r.code, r.name);
  const total = { filed: 0, due: 0, closed: 0, onTime: 0, rework: 0, overdue: 0 };
  const rows = [...counts.entries()]
    .map(([code, c]) => {
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += c[k];
      return { code, name: names.get(code) ?? code, ...indicators(c, cfg.weights) };
    })
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  return { period: { ...p, title: periodTitle(p) }, groupBy, weights: cfg.weights, rows, total: indicators(total, cfg.weights) };
}

// ---- rankings ----

const levelOf = (region: string): 'community' | 'town' => (region.length >= 9 ? 'community' : 'town');

/**
 * The ranking of a town's communities (or a county's towns) over a period.
 * Live by default: points from the live ledger (live.ts: the nightly
 * recompute's pure function, read without writing). `from: 'ledger'` reads
 * the stored ledger instead, for a caller that has just recomputed it (a
 * ranking being frozen); `entries` passes a live ledger already read (a
 * county's, shared by its towns).
 */
export async function computeRanking(
  db: Db,
  region: string,
  p: Period,
  opts: { from?: 'live' | 'ledger'; entries?: LiveEntry[]; today?: string } = {},
): Promise<{ level: 'community' | 'town'; rows: RankedRow[]; config: AssessmentConfig }> {
  const level = levelOf(region);
  const today = opts.today ?? todayChina();
  const cfg = await getConfig(db, region);
  const subjects = await repo.childRegions(db, region, level);
  const pointsNow = async () =>
    opts.from === 'ledger'
      ? repo.pointsBySubject(db, region, level, p)
      : pointsOf(opts.entries ?? (await liveEntries(db, region, p, today)), level, (e) => e.townCode.startsWith(region.slice(0, 9)));
  const [points, counts] = await readAll(db, [pointsNow, () => repo.indicatorCounts(db, region, level, p, today)]);
  const empty = { filed: 0, due: 0, closed: 0, onTime: 0, rework: 0, overdue: 0 };
  const rows = rank(
    subjects.map((s) => {
      const pts = points.get(s.code) ?? 0;
      return {
        code: s.code,
        name: s.name,
        points: pts,
        score: Math.round((cfg.baseScore + pts) * 100) / 100,
        indicators: indicators(counts.get(s.code) ?? empty, cfg.weights) as Indicators,
      };
    }),
    cfg.lists,
  );
  return { level, rows, config: cfg };
}

/** The county's town ranking and every town's community ranking (independent, so computed side by side). */
export async function computeCountyRankings(db: Db, county: string, p: Period, from: 'live' | 'ledger' = 'live', today = todayChina()) {
  const towns = await repo.childRegions(db, county.slice(0, 6), 'town');
  const entries = from === 'live' ? await liveEntries(db, county.slice(0, 6), p, today) : undefined;
  const opts = { from, entries, today };
  const [countyRanking, ...townRankings] = await readAll(db, [
    () => computeRanking(db, county.slice(0, 6), p, opts),
    ...towns.map((t) => () => computeRanking(db, t.code, p, opts)),
  ]);
  return { county: countyRanking, towns: townRankings };
}

/** Each subject's rank over the published rankings of a kind (the chart). */
export async function rankHistory(db: Db, actor: Actor, region: string, kind: PeriodKind) {
  canRead(actor, region);
  const list = await repo.rankingHistory(db, region, levelOf(region), kind);
  const series = new Map<string, { code: string; name: string; ranks: (number | null)[] }>();
  list.forEach((r, i) => {
    for (const row of r.rows as RankedRow[]) {
      const s = series.get(row.code) ?? series.set(row.code, { code: row.code, name: row.name, ranks: list.map(() => null) }).get(row.code)!;
      s.ranks[i] = row.rank;
    }
  });
  return { periods: list.map((r) => ({ start: r.periodStart, title: periodTitle(periodOf(kind, r.periodStart)) })), series: [...series.values()] };
}

/** The public page's town list: every town that has published a ranking of its communities. */
export async function publicTowns(db: Db) {
  return { items: (await repo.publishedTowns(db)).map((t) => ({ code: t.code, name: t.name, title: t.title, publishedAt: iso(t.publishedAt) })) };
}

/** The public page: the latest published ranking of a town's communities, lists only. */
export async function publicLatest(db: Db, town: string) {
  const r = await repo.latestRanking(db, town, levelOf(town));
  if (!r) throw new AppError('NOT_FOUND', '暂无已发布的红黑榜');
  const rows = r.rows as RankedRow[];
  const pick = (x: RankedRow) => ({ code: x.code, name: x.name, rank: x.rank, score: x.score });
  return {
    title: r.title,
    periodKind: r.periodKind,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    publishedAt: r.publishedAt,
    red: rows.filter((x) => x.list === 'red').map(pick),
    black: rows.filter((x) => x.list === 'black').map(pick),
  };
}
