// The 大屏 (issue 19 item 6): who is looking (a wall display's token, or a
// signed-in leader or office), the display tokens an office creates and
// revokes, and the screen's three reads. The figures come from the registry
// (figures(): the home pages and the year-end report read the same), the
// ranking from the assessment's live ranking, patrol compliance from the
// inspections; a display reads as a read-only viewer of its token's region.
import crypto from 'node:crypto';
import type { Db } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { now as clockNow, todayChina } from '../../platform/clock.ts';
import { authorize, tokenId } from '../../platform/session.ts';
import { iso } from '../../platform/time.ts';
import { serializeAhead } from '../../platform/openapi.ts';
import { keptBody, type KeptBody } from '../../platform/kept-body.ts';
import { codeInScope } from '../../db/scope.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { addDays } from '../../../domain/dates.ts';
import { FIGURES, type FigureId } from '../../../domain/figures.ts';
import { periodOf, periodTitle } from '../../../domain/assessment/periods.ts';
import { eventLabel } from '../../../domain/problems/events.ts';
import { PROBLEM_STATE_LABELS } from '../../../domain/problems/vocab.ts';
import type { ProblemState } from '../../../domain/problems/vocab.ts';
import type { RankedRow } from '../../../domain/assessment/ranking.ts';
import { SCREEN_REFRESH_SECONDS, screenMap, screenSummary, type ScreenFeed, type ScreenMap, type ScreenSummary } from '../../../domain/api/screen.ts';
import { drillQuery, figures, type FigureValue } from '../figures/index.ts';
import { dailyTrend, PROBLEM_FIGURES } from '../home/index.ts';
import { currentRanking, refreshRanking } from '../assessment/index.ts';
import { compliance } from '../inspections/index.ts';
import { computeForecast } from '../evaluation/index.ts';
import * as repo from './screen.repository.ts';
import { shared } from './shared.ts';

const TREND_DAYS = 30;
const TOP_CATEGORIES = 8;
const MAP_POINTS = 3000;
const HEAT_CELLS = 4000;
const FEED_ITEMS = 30;
const FORECAST_LOSSES = 3;
/** The forecast moves with evaluations, materials and survey waves, not by the minute: recomputed behind every ten minutes. */
const FORECAST_FRESH_MS = 10 * 60_000;
/** The feed looks at the last this many events of the whole table: a quiet region costs a bounded scan. */
const FEED_WINDOW = 200_000;
/** The figures of mobilisation the screen shows: whatever the registry lists under these areas (volunteers come later). */
const MOBILISATION = FIGURES.filter((f) => /^(volunteers|activities)\./.test(f.id)).map((f) => f.id as FigureId);

/** Who the screen is for: the region it shows and, for a wall display, its token's name. */
export interface Viewer {
  region: string;
  displayName: string | null;
}

const tokenUrl = (token: string) => `/screen?token=${token}`;

/** How long a checked token is taken as live without asking the database again (a revocation on this server is at once). */
const TOKEN_CHECKED_MS = 5_000;
const checked = new Map<string, { display: Display; id: number; at: number }>();

/** A wall display's token, checked (revoked or unknown: 401); its last use noted at most once a minute. */
export async function displayOf(db: Db, token: string): Promise<Display> {
  const hash = tokenId(token);
  const hit = checked.get(hash);
  if (hit && Date.now() - hit.at < TOKEN_CHECKED_MS) return hit.display;
  const t = await repo.liveToken(db, hash);
  if (!t) {
    checked.delete(hash);
    throw new AppError('AUTH_REQUIRED', '大屏令牌无效或已被撤销，请向创城办重新获取大屏地址');
  }
  if (t.stale) repo.touchToken(db, t.id).catch(() => {});
  const display = { name: t.name, regionCode: t.regionCode };
  if (checked.size > 1000) checked.clear();
  checked.set(hash, { display, id: t.id, at: Date.now() });
  return display;
}
export interface Display {
  name: string;
  regionCode: string;
}

/**
 * The viewer of a screen request: a wall display (its token's region, or a region inside it), else the signed-in
 * person, who needs screen.view over the region asked (or their one region).
 */
export async function viewerOf(db: Db, display: Display | null, actor: Actor | null, asked: string | undefined): Promise<Viewer> {
  if (display) {
    const region = asked ?? display.regionCode;
    if (!region.startsWith(display.regionCode)) throw notFound('区划不存在或不在此大屏的范围内');
    return { region: await known(db, region), displayName: display.name };
  }
  if (!actor) throw new AppError('AUTH_REQUIRED');
  authorize(actor, 'screen.view');
  const scope = regionScope(actor, 'screen.view');
  let region = asked;
  if (!region) {
    if (scope === 'all' || scope.length !== 1) throw fieldError('querystring.region', '请选择区划');
    region = scope[0];
  }
  if (!codeInScope(region, scope)) throw notFound('区划不存在或不在您的管辖范围内');
  return { region: await known(db, region), displayName: null };
}

/** Regions known to exist (regions are not deleted while a screen shows them: a minute's memory is safe). */
const knownAt = new Map<string, number>();
async function known(db: Db, code: string): Promise<string> {
  const at = knownAt.get(code);
  if (at && Date.now() - at < 60_000) return code;
  if (!(await repo.region(db, code))) throw notFound('区划不存在');
  if (knownAt.size > 5000) knownAt.clear();
  knownAt.set(code, Date.now());
  return code;
}

/** A display's read-only view of its region: the county office's reading rights, over that region only. */
const viewerActor = (region: string): Actor => ({ personId: 0, name: '大屏', grants: [{ role: 'county_viewer', regionCode: region, unitId: null }] });

const levelOf = (region: string) => (region.length === 6 ? 'county' : region.length === 9 ? 'town' : 'community') as ScreenSummary['level'];
const slim = (f: FigureValue) => ({ id: f.id, name: f.name, unit: f.unit, value: f.value, drillUrl: f.drillUrl });
const rankRow = (r: RankedRow) => ({ code: r.code, name: r.name, rank: r.rank, score: r.score });

// A region's summary and map are computed once and kept for every display and signed-in viewer of it (shared.ts):
// a read older than half a refresh period is answered with the kept one and refreshes it behind, so only the first
// read of a region in this process waits for the computation. The feed is kept per region too, fetching only the
// events after the last one it has seen, and only when there are newer ones at all.
const FRESH_MS = (SCREEN_REFRESH_SECONDS * 1000) / 2;

/**
 * The screen's summary of the viewer's region as the JSON the route sends (and the stream pushes): checked against its
 * schema once when computed and kept serialised, so a read costs no validation or serialisation of the whole answer.
 */
export async function summaryJson(db: Db, v: Viewer, at = clockNow()): Promise<string> {
  const kept = await shared(`summary:${v.region}:${todayChina(at)}`, FRESH_MS, async () => {
    const data = await regionSummary(db, v.region, clockNow());
    return { data, json: serializeAhead(screenSummary, data, 'GET /api/screen/summary') };
  });
  return v.displayName === null ? kept.json : JSON.stringify({ ...kept.data, displayName: v.displayName });
}

async function regionSummary(db: Db, region: string, at: Date): Promise<ScreenSummary> {
  const v = { region, displayName: null };
  const today = todayChina(at);
  const monthStart = `${today.slice(0, 8)}01`;
  const info = (await repo.region(db, v.region))!;
  const rankRegion = v.region.length === 6 ? v.region : v.region.slice(0, 9);
  const actor = viewerActor(v.region);
  const [kToday, kMonth, ranking, trend, categories, patrols, mobilisation, redBlack, forecast] = await Promise.all([
    figures(db, v.region, { from: today, to: today }, PROBLEM_FIGURES),
    figures(db, v.region, { from: monthStart, to: today }, PROBLEM_FIGURES),
    monthRanking(db, rankRegion, v.region, today),
    dailyTrend(db, v.region, addDays(today, -(TREND_DAYS - 1)), TREND_DAYS),
    repo.topCategories(db, v.region, addDays(today, -(TREND_DAYS - 1)), TOP_CATEGORIES),
    patrolFigures(db, actor, v.region, monthStart, today),
    figures(db, v.region, { from: `${today.slice(0, 4)}-01-01`, to: today }, MOBILISATION),
    latestLists(db, rankRegion),
    forecastSlot(db, v.region, today),
  ]);
  return {
    region: v.region,
    regionName: info.name,
    level: levelOf(v.region),
    displayName: v.displayName,
    today,
    generatedAt: at.toISOString(),
    refreshSeconds: SCREEN_REFRESH_SECONDS,
    kpis: { today: kToday.map(slim), month: kMonth.map(slim) },
    ranking,
    trend,
    categories,
    patrols,
    mobilisation: mobilisation.map(slim),
    redBlack,
    forecast,
  };
}

/** The evaluation forecast of the region's year (the figures' and the desk page's computeForecast), null before any cycle. */
function forecastSlot(db: Db, region: string, today: string): Promise<ScreenSummary['forecast']> {
  const year = Number(today.slice(0, 4));
  return shared(`forecast:${region}:${year}`, FORECAST_FRESH_MS, async () => {
    const f = await computeForecast(db, { region, year }, { trend: false });
    if (f.level === 'county' ? !f.parts.length : f.cycleId === null) return null;
    return {
      year,
      computedAt: clockNow().toISOString(),
      pillars: f.pillars,
      total: f.total,
      losses: f.losses.slice(0, FORECAST_LOSSES).map((l) => ({ code: l.code, name: l.name, pillar: l.pillar, lost: l.lost })),
      drillUrl: `/evaluation/forecast${drillQuery({}, { region, from: `${year}-01-01`, to: today })}`, // as the forecast figures' drill-down
    };
  });
}

async function monthRanking(db: Db, rankRegion: string, region: string, today: string): Promise<ScreenSummary['ranking']> {
  const p = periodOf('month', today);
  const { rows, computedAt } = await currentRanking(db, rankRegion, p, { today });
  return {
    regionCode: rankRegion,
    title: `${periodTitle(p)}实时排名`,
    computedAt: computedAt.toISOString(),
    rows: rows.map(rankRow),
    own: region.length === 12 ? region : null,
  };
}

async function patrolFigures(db: Db, actor: Actor, region: string, from: string, today: string): Promise<ScreenSummary['patrols']> {
  const c = await compliance(db, actor, region, { from, to: today }, today);
  const k = c.kinds.find((x) => x.kind === 'patrol');
  return k ? { from, to: today, expected: k.expected, done: k.done, missed: k.missed, rate: k.rate } : null;
}

async function latestLists(db: Db, rankRegion: string): Promise<ScreenSummary['redBlack']> {
  const r = await repo.latestPublishedRanking(db, rankRegion, rankRegion.length === 6 ? 'town' : 'community');
  if (!r) return null;
  const rows = r.rows as RankedRow[];
  return {
    title: r.title,
    publishedAt: iso(r.published_at),
    red: rows.filter((x) => x.list === 'red').map(rankRow),
    black: rows.filter((x) => x.list === 'black').map(rankRow),
  };
}

/**
 * The region's map as kept JSON, with its gzip and an ETag made once when computed: a county's map (3,000 points and
 * 4,000 heat cells, about 400 KB) goes to every display of the county every refresh, so the read sends the kept bytes
 * (about a fifth of that gzipped) or, when the display already holds them, 304.
 */
export async function mapBody(db: Db, v: Viewer): Promise<KeptBody> {
  return shared(`map:${v.region}`, FRESH_MS, async () => {
    const [points, heat] = await Promise.all([repo.pointScores(db, v.region, MAP_POINTS), repo.openHeat(db, v.region, HEAT_CELLS)]);
    return keptBody(serializeAhead(screenMap, { points, heat } satisfies ScreenMap, 'GET /api/screen/map'));
  });
}

/** A region's latest events, kept: each read asks only whether anything happened since, and fetches only that. */
const feeds = new Map<string, { loaded: boolean; seen: number; rows: repo.FeedRow[]; next: Promise<void> }>();
async function regionFeed(db: Db, region: string): Promise<repo.FeedRow[]> {
  const last = await repo.lastEventId(db);
  let f = feeds.get(region);
  if (!f) {
    if (feeds.size > 500) feeds.clear();
    f = { loaded: false, seen: 0, rows: [], next: Promise.resolve() };
    feeds.set(region, f);
  }
  const k = f;
  // One fetch at a time per region: displays asking together wait for the same one.
  k.next = k.next.then(async () => {
    if (k.loaded && last <= k.seen) return;
    const newer = await repo.feed(db, region, k.seen, FEED_ITEMS, FEED_WINDOW);
    const ids = new Set(newer.map((r) => r.id));
    k.rows = [...newer, ...k.rows.filter((r) => !ids.has(r.id))].sort((a, b) => b.id - a.id).slice(0, FEED_ITEMS);
    k.seen = Math.max(k.seen, last);
    k.loaded = true;
  });
  const done = k.next;
  k.next = done.catch(() => {}); // a failed fetch fails this read (503), not the next one
  await done;
  return k.rows;
}

export async function feed(db: Db, v: Viewer, after: number | undefined): Promise<ScreenFeed> {
  const rows = (await regionFeed(db, v.region)).filter((r) => r.id > (after ?? 0));
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: iso(r.at),
      code: r.code,
      communityName: r.community,
      category: r.category,
      action: r.action,
      text: `${eventLabel(r.action)}${r.to_state ? ` → ${PROBLEM_STATE_LABELS[r.to_state as ProblemState] ?? ''}` : ''}`,
    })),
    lastId: rows[0]?.id ?? after ?? null,
  };
}

/** The job: every region a live display shows gets its month ranking computed now, so displays read it fresh. */
export async function refreshDisplayedRankings(db: Db, at = clockNow()) {
  const today = todayChina(at);
  const regions = await repo.displayedRankingRegions(db);
  for (const r of regions) await refreshRanking(db, r, periodOf('month', today), today);
  return { regions: regions.length };
}

// ---- display tokens ----

const present = (t: repo.TokenRow, actor: Actor) => ({
  id: t.id,
  name: t.name,
  regionCode: t.regionCode,
  regionName: t.regionName,
  createdByName: t.createdByName,
  createdAt: iso(t.createdAt),
  lastUsedAt: iso(t.lastUsedAt),
  revokedAt: iso(t.revokedAt),
  canRevoke: t.revokedAt === null && can(actor, 'screen.tokens', { regionCode: t.regionCode }),
});

export async function createToken(db: Db, actor: Actor, body: { name: string; regionCode: string }) {
  authorize(actor, 'screen.tokens');
  if (!can(actor, 'screen.tokens', { regionCode: body.regionCode })) throw fieldError('regionCode', '只能为本人管辖的区划创建大屏令牌');
  if (!(await repo.region(db, body.regionCode))) throw fieldError('regionCode', '区划不存在');
  const token = crypto.randomBytes(32).toString('base64url');
  const id = await db.transaction(async (tx) => {
    const id = await repo.insertToken(tx, { hash: tokenId(token), name: body.name, regionCode: body.regionCode, by: actor.personId });
    // The token itself never reaches the audit log: only its name and region.
    await audit(tx, { actor, action: 'create', entity: 'display_token', entityId: id, regionCode: body.regionCode, after: body });
    return id;
  });
  const row = (await repo.tokenById(db, id))!;
  return { ...present(row, actor), token, url: tokenUrl(token) };
}

export async function listTokens(db: Db, actor: Actor, before: number | null, limit: number) {
  authorize(actor, 'screen.tokens');
  const rows = await repo.tokenPage(db, regionScope(actor, 'screen.tokens'), before, limit + 1);
  return { rows: rows.slice(0, limit).map((t) => present(t, actor)), more: rows.length > limit };
}

export async function revokeToken(db: Db, actor: Actor, id: number) {
  authorize(actor, 'screen.tokens');
  return db.transaction(async (tx) => {
    const t = await repo.tokenById(tx, id, true);
    if (!t || !can(actor, 'screen.tokens', { regionCode: t.regionCode })) throw notFound('大屏令牌不存在');
    if (t.revokedAt) throw new AppError('INVALID_STATE', '该大屏令牌已撤销');
    await repo.revokeToken(tx, id, actor.personId);
    for (const [hash, c] of checked) if (c.id === id) checked.delete(hash);
    await audit(tx, { actor, action: 'revoke', entity: 'display_token', entityId: id, regionCode: t.regionCode, before: { name: t.name } });
    return present((await repo.tokenById(tx, id))!, actor);
  });
}
