// The forecast of the national evaluation's score (issue 21 item 4) for a
// county, a town or a community, from each town's cycle: field = the mock
// evaluations' latest result per place of the point types (and checklist
// items) each 实地考察 standard maps to, over the last 12 months, with the
// share of those places evaluated as coverage; materials = each 材料审核
// standard's completeness (the town's, one definition: domain/evaluation.ts);
// survey = each 问卷调查 standard's rate from the resident surveys
// (server/modules/polls standardRates). Weighted by the cycle's weights
// (forecast.model.ts). A trend per month (field and materials as of each
// month's end); the standards that lose most, each linked to its fix.
import type { Db, Q } from '../../db/pool.ts';
import { regionScope, type Actor } from '../../../domain/permissions.ts';
import { addDays } from '../../../domain/dates.ts';
import { completeness } from '../../../domain/evaluation.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { codeInScope } from '../../db/scope.ts';
import { todayChina } from '../calendar/index.ts';
import { forecastOf, pool, type ForecastResult, type ForecastStandard, type Pillar, type StandardRate, type Weights } from './forecast.model.ts';
import { standardRates } from '../polls/index.ts';
import * as repo from './forecast.repository.ts';
import { slotsOfCycles } from './materials.repository.ts';

export interface SurveyRate {
  standardId: number;
  standardCode: string;
  communityCode: string;
  rate: number;
  n: number;
}

const TREND_MONTHS = 6;
const TOP_LOSSES = 10;
const monthEnd = (month: string) => addDays(`${month}-01`, 32).slice(0, 7);
const lastDay = (month: string) => addDays(`${monthEnd(month)}-01`, -1);

const pillarOf = (methods: string[]): Pillar | null => (['field', 'material', 'survey'].includes(methods[0]) ? (methods[0] as Pillar) : null);

function fieldRate(s: repo.StandardRow, f: { places: repo.PlaceRow[]; items: repo.ItemRow[] }, prefix: string): StandardRate | null {
  const types = new Set(s.pointTypes);
  if (!types.size) return null; // mapped to no point type: nothing in the field measures it
  const inType = (r: { community: string; pointType: string }) => r.community.startsWith(prefix) && types.has(r.pointType);
  const places = f.places.filter(inType);
  const total = places.reduce((n, p) => n + p.places, 0);
  const evaluated = places.reduce((n, p) => n + p.evaluated, 0);
  if (!evaluated) return null;
  const codes = new Set(s.checklistItems);
  const items = codes.size ? f.items.filter((r) => inType(r) && codes.has(r.item)) : [];
  const itemPoints = items.reduce((n, r) => n + r.points, 0);
  const [score, max] = itemPoints
    ? [items.reduce((n, r) => n + r.score, 0), itemPoints]
    : [places.reduce((n, p) => n + p.score, 0), places.reduce((n, p) => n + p.max, 0)];
  if (!max) return null;
  return { rate: Math.max(0, Math.min(1, score / max)), coverage: total ? evaluated / total : 0, n: evaluated };
}

interface TownData {
  cycle: repo.ForecastCycle;
  standards: repo.StandardRow[];
  material: Map<number, StandardRate>;
}

function materialRates(cycleId: number, slots: Awaited<ReturnType<typeof slotsOfCycles>>, accepted: Awaited<ReturnType<typeof repo.acceptedAsOf>>) {
  const c = completeness(
    slots.filter((s) => s.cycleId === cycleId),
    accepted.filter((a) => a.cycleId === cycleId),
  );
  const out = new Map<number, StandardRate>();
  for (const [nodeId, s] of c.perStandard) out.set(nodeId, { rate: s.rate, coverage: 1, n: s.required });
  return out;
}

/** The forecast of one region (a town or a community) of one town's cycle. */
function regionForecast(t: TownData, prefix: string, field: { places: repo.PlaceRow[]; items: repo.ItemRow[] }, survey: SurveyRate[]): ForecastResult {
  const list: ForecastStandard[] = [];
  const rates = new Map<number, StandardRate>();
  for (const s of t.standards) {
    const pillar = pillarOf(s.methods);
    if (!pillar) continue;
    list.push({ id: s.id, code: s.code, name: s.name, pillar, points: s.points });
    const r =
      pillar === 'field'
        ? fieldRate(s, field, prefix)
        : pillar === 'material'
          ? (t.material.get(s.id) ?? null)
          : // The questionnaire item's standard: this version's node, or the same handbook code in another version of the tree.
            pool(
              survey
                .filter((x) => (x.standardId === s.id || x.standardCode === s.code) && x.communityCode.startsWith(prefix))
                .map((x) => ({ rate: x.rate, coverage: 1, n: x.n })),
            );
    if (r) rates.set(s.id, r);
  }
  return forecastOf(list, rates, t.cycle.weights as Weights);
}

const FIX: Record<Pillar, string> = { field: '整改点位问题', material: '补齐测评材料', survey: '提升问卷薄弱项' };
function fixLink(p: Pillar, region: string, cycleId: number) {
  if (p === 'field') return `/problems?regionCode=${region}&source=mock_evaluation`;
  if (p === 'material') return `/evaluation/materials?cycle=${cycleId}`;
  return `/polls?region=${region}`;
}

function scopeOf(actor: Actor, region: string) {
  authorize(actor, 'evaluation.read');
  if (!codeInScope(region, regionScope(actor, 'evaluation.read'))) throw new AppError('NOT_FOUND', '该区划不在您的管辖范围内');
}

async function load(db: Db, region: string, year: number, asOf: string) {
  const cycles = await repo.cycles(db, region.length > 9 ? region.slice(0, 9) : region, year);
  const standards = await repo.standards(
    db,
    cycles.map((c) => c.systemId),
  );
  const ids = cycles.map((c) => c.id);
  const slots = await slotsOfCycles(db, ids);
  const accepted = await repo.acceptedAsOf(db, ids, null);
  const towns: TownData[] = cycles.map((c) => ({
    cycle: c,
    standards: standards.filter((s) => s.systemId === c.systemId),
    material: materialRates(c.id, slots, accepted),
  }));
  const field = await repo.fieldResults(db, region, addDays(asOf, -365), asOf);
  return { towns, field, slots };
}

type Summary = Pick<ForecastResult, 'pillars' | 'total'>;
const summary = (f: ForecastResult): Summary => ({ pillars: f.pillars, total: f.total });

/** Mean of several regions' forecasts (a county over its towns): each figure averaged over the regions that have it. */
function mean(list: Summary[]): Summary {
  const avg = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x != null);
    return v.length ? Math.round((v.reduce((a, b) => a + b, 0) / v.length) * 1000) / 1000 : null;
  };
  const pillars = {} as Summary['pillars'];
  for (const p of ['field', 'material', 'survey'] as Pillar[]) {
    const xs = list.map((f) => f.pillars[p]);
    const rate = avg(xs.map((x) => x.rate));
    const coverage = avg(xs.map((x) => x.coverage)) ?? 0;
    pillars[p] = {
      points: avg(xs.map((x) => x.points)) ?? 0,
      rate,
      coverage,
      score: avg(xs.map((x) => x.score)),
      state: rate == null ? 'incomplete' : coverage >= 0.999 ? 'complete' : 'partial',
    };
  }
  const coverage = avg(list.map((f) => f.total.coverage)) ?? 0;
  const score = avg(list.map((f) => f.total.score));
  return { pillars, total: { score: score == null ? null : Math.round(score * 10) / 10, coverage, partial: coverage < 0.999 } };
}

export interface ForecastQuery {
  region: string;
  year?: number;
}

/** The forecast of a region the actor reads. */
export async function forecast(db: Db, actor: Actor, q: ForecastQuery) {
  scopeOf(actor, q.region);
  return computeForecast(db, q);
}

/** The forecast of a county (its towns), a town (its communities) or a community, with trend and losses for a town or community. */
export async function computeForecast(db: Db, q: ForecastQuery, opts: { trend?: boolean } = {}) {
  const today = todayChina();
  const year = q.year ?? Number(today.slice(0, 4));
  const { towns, field } = await load(db, q.region, year, today);
  const survey: SurveyRate[] = towns.length ? await standardRates(db, { regionCode: q.region }) : [];
  const county = q.region.length === 6;
  if (county) {
    const parts = towns.map((t) => ({
      code: t.cycle.townCode,
      name: t.cycle.townName,
      cycleId: t.cycle.id,
      ...summary(regionForecast(t, t.cycle.townCode, field, survey)),
    }));
    return { region: q.region, level: 'county' as const, year, weights: null, cycleId: null, ...mean(parts), parts, losses: [], trend: [] };
  }
  const t = towns[0];
  if (!t)
    return {
      region: q.region,
      level: q.region.length === 9 ? ('town' as const) : ('community' as const),
      year,
      weights: null,
      cycleId: null,
      ...mean([]),
      parts: [],
      losses: [],
      trend: [],
    };
  const f = regionForecast(t, q.region, field, survey);
  const parts =
    q.region.length === 9
      ? (await repo.communities(db, q.region)).map((c) => ({
          code: c.code,
          name: c.name,
          cycleId: t.cycle.id,
          ...summary(regionForecast(t, c.code, field, survey)),
        }))
      : [];
  const losses = f.losses.slice(0, TOP_LOSSES).map((l) => ({ ...l, fix: FIX[l.pillar], link: fixLink(l.pillar, q.region, t.cycle.id) }));
  const trend = opts.trend === false ? [] : await trendOf(db, t, q.region, today, survey);
  return {
    region: q.region,
    level: q.region.length === 9 ? ('town' as const) : ('community' as const),
    year,
    weights: t.cycle.weights,
    cycleId: t.cycle.id,
    ...summary(f),
    parts,
    losses,
    trend,
  };
}

/** The last months' forecast: field and materials as they stood at each month's end; the survey as its latest rates. */
async function trendOf(db: Db, t: TownData, region: string, today: string, survey: SurveyRate[]) {
  const out: { month: string; total: ForecastResult['total']; field: number | null; material: number | null; survey: number | null }[] = [];
  let month = today.slice(0, 7);
  const months: string[] = [];
  for (let i = 0; i < TREND_MONTHS; i++) {
    months.unshift(month);
    month = addDays(`${month}-01`, -1).slice(0, 7);
  }
  const slots = await slotsOfCycles(db, [t.cycle.id]);
  for (const m of months) {
    const current = m === today.slice(0, 7);
    const end = current ? today : lastDay(m);
    const accepted = await repo.acceptedAsOf(db, [t.cycle.id], current ? null : end);
    const field = await repo.fieldResults(db, region, addDays(end, -365), end);
    const f = regionForecast({ ...t, material: materialRates(t.cycle.id, slots, accepted) }, region, field, survey);
    out.push({ month: m, total: f.total, field: f.pillars.field.score, material: f.pillars.material.score, survey: f.pillars.survey.score });
  }
  return out;
}
