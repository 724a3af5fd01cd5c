// The forecast of the national evaluation's score (issue 21 item 4) for a
// county, a town or a community, from each town's cycle: field = the mock
// evaluations' latest result per place of the point types (and checklist
// items) each 实地考察 standard maps to, over the last 12 months, with the
// share of those places evaluated as coverage; materials = each 材料审核
// standard's completeness (the town's, one definition: domain/evaluation.ts);
// survey = each 问卷调查 standard's rate from the resident surveys
// (server/modules/polls standardRates). Weighted by the cycle's weights
// (forecast.model.ts). A county is the mean of its towns. A trend per month
// and per survey wave (forecast.trend.ts); the standards that lose most, each
// linked to its fix: the open problems at places of the standard's point
// types, the town's materials page, the survey wave's results.
import type { Db } from '../../db/pool.ts';
import { regionScope, type Actor } from '../../../domain/permissions.ts';
import { addDays } from '../../../domain/dates.ts';
import { completeness } from '../../../domain/evaluation.ts';
import { OPEN_STATES } from '../../../domain/problems/vocab.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { codeInScope } from '../../db/scope.ts';
import { todayChina } from '../calendar/index.ts';
import {
  forecastOf,
  meanLosses,
  meanOf,
  pool,
  type ForecastResult,
  type ForecastStandard,
  type Loss,
  type Pillar,
  type StandardRate,
  type Summary,
  type Weights,
} from './forecast.model.ts';
import * as repo from './forecast.repository.ts';
import { slotsOfCycles } from './materials.repository.ts';
import { fieldOf, surveySource, trendDays, trendOf, type SurveyRate, type SurveySource } from './forecast.trend.ts';
import type { Field } from './forecast.field.ts';

export type { SurveyRate } from './forecast.trend.ts';

const TOP_LOSSES = 10;

const pillarOf = (methods: string[]): Pillar | null => (['field', 'material', 'survey'].includes(methods[0]) ? (methods[0] as Pillar) : null);
function fieldRate(s: repo.StandardRow, f: Field, prefix: string): StandardRate | null {
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
function regionForecast(t: TownData, prefix: string, field: Field, survey: SurveyRate[]): ForecastResult {
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

/**
 * Where a standard's loss is mended: field, the open problems at the region's places of the standard's point
 * types; materials, the materials page of the town losing it; the survey, the results of that town's latest
 * wave (its weak items).
 */
function fixLink(l: Loss, region: string, town: string, standards: Map<number, repo.StandardRow>, survey: SurveySource) {
  if (l.pillar === 'field') {
    const types = standards.get(l.standardId)?.pointTypes ?? [];
    const q = new URLSearchParams({ regionCode: region, state: OPEN_STATES.join(',') });
    if (types.length) q.set('pointType', types.join(','));
    return `/problems?${q.toString().replaceAll('%2C', ',')}`;
  }
  if (l.pillar === 'material') return `/evaluation/materials?town=${town}`;
  const wave = survey.latest('9999-12-31').find((w) => w.townCode === town);
  return wave ? `/polls/waves/${wave.id}` : '/polls';
}

function scopeOf(actor: Actor, region: string) {
  authorize(actor, 'evaluation.read');
  if (!codeInScope(region, regionScope(actor, 'evaluation.read'))) throw new AppError('NOT_FOUND', '该区划不在您的管辖范围内');
}

/** The data the forecast reads as of a day (`current`: the materials accepted so far, else those accepted by `asOf`); the field's apart. */
async function load(db: Db, region: string, year: number, asOf: string, current: boolean) {
  const cycles = await repo.cycles(db, region.length > 9 ? region.slice(0, 9) : region, year);
  const standards = await repo.standards(
    db,
    cycles.map((c) => c.systemId),
  );
  const ids = cycles.map((c) => c.id);
  const slots = await slotsOfCycles(db, ids);
  const accepted = await repo.acceptedAsOf(db, ids, current ? null : asOf);
  const towns: TownData[] = cycles.map((c) => ({
    cycle: c,
    standards: standards.filter((s) => s.systemId === c.systemId),
    material: materialRates(c.id, slots, accepted),
  }));
  return { towns, slots, standards: new Map(standards.map((s) => [s.id, s])) };
}

const summary = (f: ForecastResult): Summary => ({ pillars: f.pillars, total: f.total });

export interface ForecastQuery {
  region: string;
  year?: number;
}

/** The forecast of a region the actor reads. */
export async function forecast(db: Db, actor: Actor, q: ForecastQuery) {
  scopeOf(actor, q.region);
  return computeForecast(db, q);
}

const levelOf = (region: string) => (region.length === 6 ? ('county' as const) : region.length === 9 ? ('town' as const) : ('community' as const));

/** The forecast of a county (the mean of its towns), a town (by its communities) or a community, with losses and trend. */
export async function computeForecast(db: Db, q: ForecastQuery, opts: { trend?: boolean } = {}) {
  const now = todayChina();
  const year = q.year ?? Number(now.slice(0, 4));
  // A past year's forecast is as that year ended (its last twelve months of mock evaluations, the materials accepted
  // and the survey waves closed by 31 December), not today's data under last year's name.
  const today = `${year}-12-31` < now ? `${year}-12-31` : now;
  const past = today !== now;
  const level = levelOf(q.region);
  const { towns, slots, standards } = await load(db, q.region, year, today, !past);
  const source = await surveySource(db, q.region, towns.length > 0);
  const survey = past ? { ...source, current: await source.asOf(today) } : source;
  // The region's forecast from a day's data: a county's towns each over itself, a town or community over itself.
  const townsOf = (accepted: Awaited<ReturnType<typeof repo.acceptedAsOf>> | null) =>
    accepted ? towns.map((t) => ({ ...t, material: materialRates(t.cycle.id, slots, accepted) })) : towns;
  const perTown = (ts: TownData[], f: Field, rates: SurveyRate[]) => {
    // Each town reads its own communities' rates (a county's are thousands of rows).
    const byTown = new Map<string, SurveyRate[]>();
    for (const r of rates) {
      const k = r.communityCode.slice(0, 9);
      const list = byTown.get(k);
      if (list) list.push(r);
      else byTown.set(k, [r]);
    }
    return ts.map((t) => ({
      code: t.cycle.townCode,
      name: t.cycle.townName,
      cycleId: t.cycle.id,
      forecast: regionForecast(t, t.cycle.townCode, f, byTown.get(t.cycle.townCode) ?? []),
    }));
  };
  const evaluate = (ts: TownData[], f: Field, rates: SurveyRate[]): Summary =>
    level === 'county' ? meanOf(perTown(ts, f, rates).map((x) => summary(x.forecast))) : summary(regionForecast(ts[0], q.region, f, rates));
  const t = towns[0];
  if (!t) return { region: q.region, level, year, weights: null, cycleId: null, ...meanOf([]), parts: [], losses: [], trend: [], waves: [] };
  // The mock evaluations are read once, over the twelve months before the trend's first day (or today's), to today.
  const withTrend = opts.trend !== false;
  const history = await repo.fieldHistory(db, q.region, addDays(withTrend ? trendDays(today, survey.waves).first : today, -365), today);
  const field = fieldOf(history, today);

  let head: Summary;
  let parts: { code: string; name: string; cycleId: number; pillars: Summary['pillars']; total: Summary['total'] }[];
  let losses: (Loss & { worst?: string })[];
  if (level === 'county') {
    const list = perTown(towns, field, survey.current);
    parts = list.map((x) => ({ code: x.code, name: x.name, cycleId: x.cycleId, ...summary(x.forecast) }));
    head = meanOf(parts);
    losses = meanLosses(list);
  } else {
    const f = regionForecast(t, q.region, field, survey.current);
    head = summary(f);
    losses = f.losses.filter((l) => l.lost > 0);
    parts =
      level === 'town'
        ? (await repo.communities(db, q.region)).map((c) => ({
            code: c.code,
            name: c.name,
            cycleId: t.cycle.id,
            ...summary(regionForecast(t, c.code, field, survey.current)),
          }))
        : [];
  }
  const trend = !withTrend
    ? { trend: [], waves: [] }
    : await trendOf(db, {
        cycleIds: towns.map((x) => x.cycle.id),
        today,
        survey,
        field: history,
        evaluate: (accepted, f, rates) => evaluate(townsOf(accepted), f, rates),
      });
  return {
    region: q.region,
    level,
    year,
    weights: level === 'county' ? null : t.cycle.weights,
    cycleId: level === 'county' ? null : t.cycle.id,
    ...head,
    parts,
    losses: losses.slice(0, TOP_LOSSES).map(({ worst, ...l }) => {
      const town = worst ?? t.cycle.townCode;
      return { ...l, town, fix: FIX[l.pillar], link: fixLink(l, level === 'county' ? town : q.region, town, standards, survey) };
    }),
    ...trend,
  };
}
