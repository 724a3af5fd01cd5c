// The forecast's figures (issue 21 item 4): the total and each pillar's
// expected points, and the total's coverage, for the region's towns' cycles
// of the period's last year — the same numbers as GET /api/evaluation/forecast
// (its trend left out). A pillar without data reads null (missing), never 0.
import type { FigureProvider } from '../figures/index.ts';
import { drillQuery } from '../figures/index.ts';
import { computeForecast } from './forecast.service.ts';

export const FORECAST_FIGURES = [
  'evaluation.forecast_total',
  'evaluation.forecast_coverage',
  'evaluation.forecast_field',
  'evaluation.forecast_material',
  'evaluation.forecast_survey',
] as const;

export const forecastFigures: FigureProvider = {
  ids: FORECAST_FIGURES,
  async compute(db, q, ids) {
    // The registry has checked the caller's scope over q.region.
    const f = await computeForecast(db, { region: q.region, year: Number(q.to.slice(0, 4)) }, { trend: false });
    const all: Record<(typeof FORECAST_FIGURES)[number], number | null> = {
      'evaluation.forecast_total': f.total.score,
      'evaluation.forecast_coverage': Math.round(f.total.coverage * 1000) / 10,
      'evaluation.forecast_field': f.pillars.field.score,
      'evaluation.forecast_material': f.pillars.material.score,
      'evaluation.forecast_survey': f.pillars.survey.score,
    };
    return Object.fromEntries(ids.map((id) => [id, all[id as (typeof FORECAST_FIGURES)[number]] ?? null]));
  },
  drillUrl: (_id, q) => `/evaluation/forecast${drillQuery({}, q)}`,
};
