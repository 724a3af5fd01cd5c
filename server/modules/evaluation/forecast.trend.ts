// The forecast's trend (issue 21 item 4): the region's forecast as it stood at
// each of the last months' ends and at the end of each of the last survey
// waves. Every point is the same computation as the forecast itself, as of its
// day: the mock evaluations of the 12 months before it (worked out in memory
// from the evaluations of the trend's whole span, read once: forecast.field.ts),
// the materials accepted by it, and each town's latest closed survey wave ended
// by it (a wave's rates are read from the polls module, standardRates, once per
// wave).
import type { Q } from '../../db/pool.ts';
import { addDays } from '../../../domain/dates.ts';
import { standardRates } from '../polls/index.ts';
import type { Summary } from './forecast.model.ts';
import * as repo from './forecast.repository.ts';
import { fieldAt, type Field } from './forecast.field.ts';

export interface SurveyRate {
  standardId: number;
  standardCode: string;
  communityCode: string;
  rate: number;
  n: number;
}

const TREND_MONTHS = 6;
const TREND_WAVES = 6;

/** The survey's rates under a region: now (each town's latest closed wave) and as of a day. */
export interface SurveySource {
  current: SurveyRate[];
  waves: repo.WaveRow[];
  /** Each town's latest closed wave by `day` (inclusive). */
  latest(day: string): repo.WaveRow[];
  asOf(day: string): Promise<SurveyRate[]>;
}

export async function surveySource(q: Q, region: string, any: boolean): Promise<SurveySource> {
  const current: SurveyRate[] = any ? await standardRates(q, { regionCode: region }) : [];
  const waves = any ? await repo.closedWaves(q, region) : [];
  const latest = (day: string) => {
    const by = new Map<string, repo.WaveRow>();
    for (const w of waves) if (w.endsOn <= day) by.set(w.townCode, w); // oldest first: the last one kept is the latest
    return [...by.values()];
  };
  // The current rates are each town's latest wave's (the same order in the polls module): no second read.
  const cache = new Map<number, SurveyRate[]>();
  for (const w of latest('9999-12-31'))
    cache.set(
      w.id,
      current.filter((r) => r.communityCode.startsWith(w.townCode)),
    );
  const ratesOf = async (w: repo.WaveRow) => {
    let r = cache.get(w.id);
    if (!r) cache.set(w.id, (r = await standardRates(q, { regionCode: region, waveId: w.id })));
    return r;
  };
  return {
    current,
    waves,
    latest,
    async asOf(day) {
      const out: SurveyRate[] = [];
      for (const w of latest(day)) out.push(...(await ratesOf(w)));
      return out;
    },
  };
}

type Accepted = Awaited<ReturnType<typeof repo.acceptedAsOf>>;
/** The region's forecast from the data as of a day (the caller's definition, by level). */
export type Evaluate = (accepted: Accepted, field: Field, survey: SurveyRate[]) => Summary;

const point = (s: Summary) => ({ total: s.total, field: s.pillars.field.score, material: s.pillars.material.score, survey: s.pillars.survey.score });
const lastDay = (month: string) => addDays(`${addDays(`${month}-01`, 32).slice(0, 7)}-01`, -1);

/** The trend's days: the last months' ends (the current month as of today) and the last waves' ends (by today). */
export function trendDays(today: string, waves: repo.WaveRow[]) {
  const months: { month: string; day: string }[] = [];
  for (let i = 0, m = today.slice(0, 7); i < TREND_MONTHS; i++, m = addDays(`${m}-01`, -1).slice(0, 7))
    months.unshift({ month: m, day: m === today.slice(0, 7) ? today : lastDay(m) });
  const last = waves.filter((x) => x.endsOn <= today).slice(-TREND_WAVES);
  return { months, waves: last, first: [months[0].day, ...last.map((w) => w.endsOn)].sort()[0] };
}

/** The field pillar's twelve months before a day. */
export const fieldOf = (history: repo.FieldHistory, day: string) => fieldAt(history, addDays(day, -365), day);

/**
 * The last months (field and materials at each month's end, the current month as of today) and the last waves (as of
 * each wave's end). `field` holds the mock evaluations of the twelve months before the first of `trendDays()`, to today.
 */
export async function trendOf(q: Q, o: { cycleIds: number[]; today: string; survey: SurveySource; field: repo.FieldHistory; evaluate: Evaluate }) {
  const memo = new Map<string, Promise<Summary>>();
  const at = (day: string) => {
    let p = memo.get(day);
    if (!p) {
      p = (async () => {
        const accepted = await repo.acceptedAsOf(q, o.cycleIds, day >= o.today ? null : day);
        return o.evaluate(accepted, fieldOf(o.field, day), day >= o.today ? o.survey.current : await o.survey.asOf(day));
      })();
      memo.set(day, p);
    }
    return p;
  };
  const days = trendDays(o.today, o.survey.waves);
  const trend = [];
  for (const { month, day } of days.months) trend.push({ month, ...point(await at(day)) });
  const waves = [];
  for (const w of days.waves) {
    waves.push({ waveId: w.id, name: w.name, townCode: w.townCode, townName: w.townName, endsOn: w.endsOn, ...point(await at(w.endsOn)) });
  }
  return { trend, waves };
}
