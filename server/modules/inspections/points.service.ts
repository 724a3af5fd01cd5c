// A point's page (issue 5, views): what the place is and who answers for it,
// how it scored the last time a checklist was walked, its score trend, how
// often each kind of inspection came by, and what is still open there.
// Read access is inspection.read over the place's region; a place outside
// the caller's scope does not exist for them (404).
import type { Db } from '../../db/pool.ts';
import { AppError } from '../../platform/errors.ts';
import { regionScope, type Actor } from '../../../domain/permissions.ts';
import { getCalendar, todayChina } from '../calendar/index.ts';
import type { WorkCalendar } from '../../../domain/calendar.ts';
import { PROBLEM_STATE_LABELS, TIER_LABELS, type ProblemState, type Tier } from '../../../domain/problems/vocab.ts';
import {
  checklistTypeFor,
  INSPECTION_KIND_LABELS,
  INSPECTION_KINDS,
  INSPECTION_STATE_LABELS,
  SCORED_KINDS,
  type InspectionKind,
  type InspectionState,
} from '../../../domain/inspections/vocab.ts';
import { POINT_TYPE_LABELS, PLACE_KIND_LABELS, shortCommunityName, type PlaceKind, type PointType } from '../../../domain/regions.ts';
import * as repo from './report.repository.ts';
import { isOverdue, lateWorkingDays } from '../../../domain/problems/overdue.ts';

const rateOf = (score: number | null, max: number | null) => (score !== null && max ? Math.round((score / max) * 10000) / 10000 : null);
const kindLabel = (k: string) => INSPECTION_KIND_LABELS[k as InspectionKind] ?? k;
export const pointTypeLabel = (t: string | null) => (t ? (POINT_TYPE_LABELS[t as PointType] ?? t) : null);

/** A year back from `today` (China date), the trend's window. */
export function yearBefore(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function problemView(p: repo.ProblemRow, today: string, cal: WorkCalendar) {
  const dated = { state: p.state, dueDate: p.due_date };
  return {
    id: p.id,
    code: p.code,
    state: p.state,
    stateLabel: PROBLEM_STATE_LABELS[p.state as ProblemState] ?? p.state,
    categoryName: p.category_name,
    description: p.description,
    tier: p.tier,
    tierLabel: TIER_LABELS[p.tier as Tier] ?? p.tier,
    communityCode: p.community_code,
    communityName: shortCommunityName(p.community_name),
    placeName: p.place_name,
    dueDate: p.due_date,
    overdue: isOverdue(dated, today),
    overdueDays: lateWorkingDays(dated, today, cal),
    createdAt: p.created_at,
  };
}

function head(i: repo.InspectionHead) {
  return {
    id: i.id,
    kind: i.kind,
    kindLabel: kindLabel(i.kind),
    state: i.state,
    stateLabel: INSPECTION_STATE_LABELS[i.state as InspectionState] ?? i.state,
    onDate: i.on_date,
    finishedAt: i.finished_at,
    inspectorName: i.inspector_name,
    batch: i.batch,
    score: i.score,
    max: i.max_score,
    rate: rateOf(i.score, i.max_score),
    problemsFound: i.problems_found,
  };
}

export async function pointPage(db: Db, actor: Actor, placeId: number, today = todayChina()) {
  const scope = regionScope(actor, 'inspection.read');
  const pl = await repo.place(db, placeId, scope);
  if (!pl) throw new AppError('NOT_FOUND', '点位不存在或不在您的管辖范围内');
  const [latest, trend, counts, recent, open, cal] = await Promise.all([
    repo.latestGraded(db, placeId, scope),
    repo.scoreTrend(db, placeId, SCORED_KINDS, yearBefore(today), scope),
    repo.countsByKind(db, placeId, scope),
    repo.recentInspections(db, placeId, scope),
    repo.openProblemsAt(db, placeId, scope),
    getCalendar(db),
  ]);
  const items = latest?.checklist_id ? await repo.grades(db, latest.id, latest.checklist_id) : [];
  const byKind = new Map(counts.map((c) => [c.kind, c]));
  const checklistType = checklistTypeFor({ kind: pl.kind, pointType: pl.point_type });
  return {
    place: {
      id: pl.id,
      kind: pl.kind,
      kindLabel: PLACE_KIND_LABELS[pl.kind as PlaceKind] ?? pl.kind,
      name: pl.name,
      address: pl.address,
      regionCode: pl.region_code,
      communityCode: pl.region_code.slice(0, 12),
      communityName: shortCommunityName(pl.community_name),
      townName: pl.town_name,
      pointType: pl.point_type,
      pointTypeLabel: pointTypeLabel(pl.point_type),
      checklistType,
      checklistTypeLabel: pointTypeLabel(checklistType),
      isDemoPoint: pl.is_demo_point,
      lat: pl.lat,
      lng: pl.lng,
      responsibleUnit: pl.responsible_unit_id ? { id: pl.responsible_unit_id, name: pl.unit_name } : null,
      streetChiefs: pl.assignees,
    },
    latest: latest && {
      ...head(latest),
      checklist: { id: latest.checklist_id, version: latest.checklist_version, title: latest.checklist_title, pointType: latest.point_type },
      items: items.map((g) => ({
        itemId: g.item_id,
        code: g.code,
        title: g.title,
        criterion: g.criterion,
        points: g.points,
        grade: g.grade,
        score: g.score,
        note: g.note,
      })),
    },
    trend: trend.map((t) => ({
      id: t.id,
      onDate: t.on_date,
      kind: t.kind,
      kindLabel: kindLabel(t.kind),
      batch: t.batch,
      score: t.score ?? 0,
      max: t.max_score ?? 0,
      rate: rateOf(t.score, t.max_score),
    })),
    countsByKind: INSPECTION_KINDS.map((k) => ({
      kind: k,
      label: INSPECTION_KIND_LABELS[k],
      count: byKind.get(k)?.count ?? 0,
      lastOn: byKind.get(k)?.last_on ?? null,
    })),
    recent: recent.map(head),
    openProblems: open.map((p) => problemView(p, today, cal)),
  };
}
