// The mock-evaluation report (issue 5, views): per community, the score rate
// by point type over each point's latest result in a batch or period (the
// national evaluation's 得分率, pooled as domain/inspections/scoring.ts does),
// the items that lost the most, and the problems the inspections raised.
// Read access is inspection.read over the region asked for.
import type { Db } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { regionScope, type Actor } from '../../../domain/permissions.ts';
import { getCalendar, todayChina } from '../calendar/index.ts';
import { GRADE_COEFFICIENT, INSPECTION_KIND_LABELS, INSPECTION_SOURCE, type Grade, type InspectionKind } from '../../../domain/inspections/vocab.ts';
import { pooledRate, rateByPointType, type PointScore } from '../../../domain/inspections/scoring.ts';
import { POINT_TYPES, shortCommunityName, type PointType } from '../../../domain/regions.ts';
import { PROBLEM_STATE_LABELS, PROBLEM_STATES, type ProblemState } from '../../../domain/problems/vocab.ts';
import { pointTypeLabel, problemView } from './points.service.ts';
import * as repo from './report.repository.ts';

export interface EvaluationQuery {
  regionCode: string;
  kind: InspectionKind;
  batch?: string;
  from?: string;
  to?: string;
}

const WORST_ITEMS = 10;
const round4 = (x: number) => Math.round((x + Number.EPSILON) * 10000) / 10000;
const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;
const typeOrder = (t: string) => {
  const i = POINT_TYPES.indexOf(t as PointType);
  return i < 0 ? POINT_TYPES.length : i;
};

function check(actor: Actor, q: { regionCode: string }) {
  if (!/^\d{9}(\d{3})?$/.test(q.regionCode))
    throw new AppError('VALIDATION_FAILED', '请选择乡镇或社区', [{ path: 'regionCode', message: '应为乡镇（9 位）或社区（12 位）区划代码' }]);
  authorize(actor, 'inspection.read', { regionCode: q.regionCode });
}

function filterOf(q: EvaluationQuery): repo.EvalFilter {
  if (!q.batch && !(q.from && q.to)) {
    throw new AppError('VALIDATION_FAILED', '请选择测评批次或起止日期', [{ path: 'batch', message: '请选择测评批次，或填写起止日期' }]);
  }
  if (q.from && q.to && q.from > q.to)
    throw new AppError('VALIDATION_FAILED', '开始日期不能晚于结束日期', [{ path: 'from', message: '开始日期不能晚于结束日期' }]);
  return { region: q.regionCode, kind: q.kind, batch: q.batch ?? null, from: q.from ?? null, to: q.to ?? null };
}

export interface WorstItem {
  pointType: string;
  pointTypeLabel: string | null;
  code: string;
  title: string;
  criterion: string;
  points: number;
  graded: number;
  counts: Record<Grade, number>;
  bad: number;
  avgCoefficient: number;
  lostPoints: number;
}

/** Items that lost points, lowest average coefficient first (then more C/C#, then more points lost). */
export function worstItems(rows: repo.GradeCount[], limit = WORST_ITEMS): WorstItem[] {
  const by = new Map<string, WorstItem & { sum: number }>();
  for (const r of rows) {
    const key = `${r.point_type}|${r.code}`;
    const it = by.get(key) ?? {
      pointType: r.point_type,
      pointTypeLabel: pointTypeLabel(r.point_type),
      code: r.code,
      title: r.title,
      criterion: r.criterion,
      points: r.points,
      graded: 0,
      counts: { A: 0, B: 0, C: 0, 'C#': 0 },
      bad: 0,
      avgCoefficient: 1,
      lostPoints: 0,
      sum: 0,
    };
    const g = r.grade as Grade;
    if (!(g in GRADE_COEFFICIENT)) continue;
    it.graded += r.n;
    it.counts[g] += r.n;
    it.sum += GRADE_COEFFICIENT[g] * r.n;
    it.lostPoints += r.points * (1 - GRADE_COEFFICIENT[g]) * r.n;
    by.set(key, it);
  }
  return [...by.values()]
    .map(({ sum, ...it }) => ({ ...it, bad: it.counts.C + it.counts['C#'], avgCoefficient: round4(sum / it.graded), lostPoints: round2(it.lostPoints) }))
    .filter((it) => it.avgCoefficient < 1)
    .sort((a, b) => a.avgCoefficient - b.avgCoefficient || b.bad - a.bad || b.lostPoints - a.lostPoints || a.code.localeCompare(b.code))
    .slice(0, limit);
}

function byState(problems: { state: string }[]) {
  const n = new Map<string, number>();
  for (const p of problems) n.set(p.state, (n.get(p.state) ?? 0) + 1);
  return PROBLEM_STATES.filter((s) => n.has(s)).map((s) => ({ state: s, label: PROBLEM_STATE_LABELS[s as ProblemState], count: n.get(s)! }));
}

export async function evaluation(db: Db, actor: Actor, q: EvaluationQuery, today = todayChina()) {
  check(actor, q);
  const f = filterOf(q);
  const scope = regionScope(actor, 'inspection.read');
  const [inspections, grades, problems, cal] = await Promise.all([
    repo.evaluationInspections(db, f, scope),
    repo.gradeCounts(db, f, scope),
    repo.problemsRaised(db, f, INSPECTION_SOURCE[q.kind], scope),
    getCalendar(db),
  ]);
  const communityCodes = [...new Set([...inspections.map((i) => i.community_code), ...problems.map((p) => p.community_code)])].sort();
  const names = await repo.regionNames(db, [...new Set([q.regionCode, q.regionCode.slice(0, 9), ...communityCodes])]);

  // A point evaluated twice in the batch counts once, with its latest result (rows come oldest first).
  const latest = new Map<string, Map<string, repo.EvalInspection>>();
  for (const i of inspections) {
    const m = latest.get(i.community_code) ?? new Map<string, repo.EvalInspection>();
    m.set(i.place_id !== null ? `p${i.place_id}` : `i${i.id}`, i);
    latest.set(i.community_code, m);
  }
  const scoreOf = (i: repo.EvalInspection): PointScore => ({ pointType: i.point_type, score: i.score ?? 0, max: i.max_score ?? 0 });
  const withLabels = (rates: ReturnType<typeof rateByPointType>) =>
    rates.map((r) => ({ ...r, label: pointTypeLabel(r.pointType) })).sort((a, b) => typeOrder(a.pointType) - typeOrder(b.pointType));

  const communities = communityCodes.map((code) => {
    const pts = [...(latest.get(code)?.values() ?? [])];
    const mine = problems.filter((p) => p.community_code === code);
    return {
      code,
      name: shortCommunityName(names.get(code) ?? code),
      overall: pooledRate(pts.map(scoreOf)),
      pointsEvaluated: pts.length,
      inspections: inspections.filter((i) => i.community_code === code).length,
      byType: withLabels(rateByPointType(pts.map(scoreOf))),
      points: pts
        .sort((a, b) => typeOrder(a.point_type) - typeOrder(b.point_type) || (a.place_name ?? '').localeCompare(b.place_name ?? '', 'zh-CN'))
        .map((i) => ({
          placeId: i.place_id,
          name: i.place_name ?? '（未指定点位）',
          pointType: i.point_type,
          pointTypeLabel: pointTypeLabel(i.point_type),
          inspectionId: i.id,
          onDate: i.on_date,
          inspectorName: i.inspector_name,
          score: i.score ?? 0,
          max: i.max_score ?? 0,
          rate: i.max_score ? round4((i.score ?? 0) / i.max_score) : null,
          problemsFound: i.problems_found,
        })),
      worstItems: worstItems(grades.filter((g) => g.community_code === code)),
      problems: { total: mine.length, byState: byState(mine), items: mine.map((p) => ({ ...problemView(p, today, cal), inspectionId: p.inspection_id })) },
    };
  });

  const allPoints = [...latest.values()].flatMap((m) => [...m.values()]);
  const pointTypes = [...new Set(allPoints.map((p) => p.point_type))].sort((a, b) => typeOrder(a) - typeOrder(b));
  const townName = names.get(q.regionCode.slice(0, 9)) ?? q.regionCode.slice(0, 9);
  const regionName = shortCommunityName(names.get(q.regionCode) ?? q.regionCode);
  const period = f.batch ? f.batch : `${f.from} 至 ${f.to}`;
  const kindLabel = INSPECTION_KIND_LABELS[q.kind];
  return {
    title: `${regionName}${kindLabel}报告（${period}）`,
    town: { code: q.regionCode.slice(0, 9), name: townName },
    region: { code: q.regionCode, name: regionName },
    filter: { kind: q.kind, kindLabel, batch: f.batch ?? null, from: f.from ?? null, to: f.to ?? null, period },
    pointTypes: pointTypes.map((t) => ({ pointType: t, label: pointTypeLabel(t) })),
    total: {
      overall: pooledRate(allPoints.map(scoreOf)),
      pointsEvaluated: allPoints.length,
      inspections: inspections.length,
      byType: withLabels(rateByPointType(allPoints.map(scoreOf))),
      worstItems: worstItems(grades),
      problems: { total: problems.length, byState: byState(problems) },
    },
    communities,
  };
}

export type EvaluationReport = Awaited<ReturnType<typeof evaluation>>;

export async function batches(db: Db, actor: Actor, regionCode: string, kind: InspectionKind) {
  if (!/^\d{6}(\d{3}(\d{3})?)?$/.test(regionCode))
    throw new AppError('VALIDATION_FAILED', '区划代码应为 6、9 或 12 位数字', [{ path: 'regionCode', message: '区划代码应为 6、9 或 12 位数字' }]);
  authorize(actor, 'inspection.read', { regionCode });
  const rows = await repo.batches(db, regionCode, kind, regionScope(actor, 'inspection.read'));
  return {
    items: rows.map((b) => ({
      batch: b.batch,
      from: b.from,
      to: b.to,
      points: b.points,
      inspections: b.inspections,
      inProgress: b.in_progress,
      communities: b.communities,
      inspectors: b.inspectors,
    })),
  };
}
