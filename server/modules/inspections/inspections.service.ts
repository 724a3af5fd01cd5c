// Who may record what, and what the phone and the desk read: the phone's
// bootstrap (everything to work offline), "today", the history and one
// inspection's detail. Recording itself is the sync (sync.service.ts).
import type { Db } from '../../db/pool.ts';
import { notFound } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { iso } from '../../platform/time.ts';
import { RULES, can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { POINT_TYPE_LABELS, PLACE_KIND_LABELS, type PlaceKind, type PointType } from '../../../domain/regions.ts';
import {
  GRADE_COEFFICIENT,
  INSPECTION_KINDS,
  INSPECTION_KIND_LABELS,
  INSPECTION_STATE_LABELS,
  KIND_ROLES,
  checklistTypeFor,
  type Grade,
  type InspectionKind,
  type InspectionState,
} from '../../../domain/inspections/vocab.ts';
import { CADENCE_PERIOD_LABELS, DEFAULT_CADENCE, isCountedDay, type CadenceConfig } from '../../../domain/inspections/cadence.ts';
import { cadencesOf } from './cadence.settings.ts';
import { PROBLEM_STATE_LABELS, type ProblemState } from '../../../domain/problems/vocab.ts';
import { getCalendar, todayChina } from '../calendar/index.ts';
import { problemScope } from '../problems/index.ts';
import { scopeSql } from '../problems/index.ts';
import * as repo from './inspections.repository.ts';
import * as checklistRepo from './checklists.repository.ts';
import { isOverdue } from '../../../domain/problems/overdue.ts';
import { now as clockNow } from '../../platform/clock.ts';
import { decodeCursor, encodeCursor, isDay, isStamp, pageOf, positiveId } from '../../platform/cursor.ts';
import { INSPECTION_PAGE_DEFAULT } from '../../../domain/api/inspections.ts';

const RECORDERS = new Set<string>(RULES['inspection.record']);

/** May the actor record an inspection of this kind in this region (KIND_ROLES × the grant's region)? */
export function mayRecord(actor: Actor, kind: InspectionKind, regionCode: string): boolean {
  return actor.grants.some((g) => RECORDERS.has(g.role) && KIND_ROLES[kind].includes(g.role) && (g.regionCode === null || regionCode.startsWith(g.regionCode)));
}

/** The kinds the actor may record somewhere. */
export function recordableKinds(actor: Actor): InspectionKind[] {
  return INSPECTION_KINDS.filter((k) => actor.grants.some((g) => RECORDERS.has(g.role) && KIND_ROLES[k].includes(g.role)));
}

const rateOf = (score: number | null, max: number | null) => (score != null && max ? Math.round((score / max) * 10000) / 10000 : null);

/** The patrol cadence summary the phone shows (per kind: period, times, whether weekends/holidays count). */
function cadenceSummary(c: CadenceConfig) {
  return INSPECTION_KINDS.map((k) => ({ kind: k, kindLabel: INSPECTION_KIND_LABELS[k], ...c[k], periodLabel: CADENCE_PERIOD_LABELS[c[k].period] }));
}

/** The town whose cadence applies to the person: of their first place, else of their first town-or-lower grant. */
async function cadenceFor(db: Db, actor: Actor, places: { regionCode: string }[]): Promise<CadenceConfig> {
  const town = places[0]?.regionCode.slice(0, 9) ?? actor.grants.find((g) => g.regionCode && g.regionCode.length >= 9)?.regionCode?.slice(0, 9);
  return town ? ((await cadencesOf(db, [town])).get(town) ?? DEFAULT_CADENCE) : DEFAULT_CADENCE;
}

/** Everything the phone needs to work offline, one query per table. */
export async function bootstrap(db: Db, actor: Actor) {
  authorize(actor, 'inspection.record');
  const scope = regionScope(actor, 'inspection.record');
  const [me, places, checklists, categories] = await Promise.all([
    repo.personCard(db, actor.personId),
    repo.placesFor(db, actor.personId, scope),
    checklistRepo.currentChecklists(db),
    repo.phoneCategories(db),
  ]);
  const byType = new Map(checklists.map((c) => [c.pointType, c.id]));
  return {
    me: { id: actor.personId, name: me?.name ?? actor.name, title: me?.title ?? null },
    today: todayChina(),
    kinds: recordableKinds(actor),
    kindLabels: INSPECTION_KIND_LABELS,
    places: places.map((p) => {
      const type = checklistTypeFor(p);
      return {
        id: p.id,
        kind: p.kind,
        kindLabel: PLACE_KIND_LABELS[p.kind as PlaceKind] ?? p.kind,
        name: p.name,
        address: p.address,
        regionCode: p.regionCode,
        communityCode: p.communityCode,
        communityName: p.communityName,
        pointType: p.pointType,
        pointTypeLabel: p.pointType ? (POINT_TYPE_LABELS[p.pointType as PointType] ?? p.pointType) : null,
        isDemoPoint: p.isDemoPoint,
        lat: p.lat,
        lng: p.lng,
        checklistId: (type && byType.get(type)) || null,
        assigned: p.assigned,
      };
    }),
    checklists: checklists.map((c) => ({
      id: c.id,
      pointType: c.pointType,
      pointTypeLabel: POINT_TYPE_LABELS[c.pointType as PointType] ?? c.pointType,
      version: c.version,
      title: c.title,
      items: c.items.map((it) => ({ id: it.id, code: it.code, title: it.title, criterion: it.criterion, points: it.points, categoryId: it.categoryId })),
    })),
    categories,
    grades: Object.entries(GRADE_COEFFICIENT).map(([grade, coefficient]) => ({ grade: grade as Grade, coefficient })),
    cadence: cadenceSummary(await cadenceFor(db, actor, places)),
  };
}

/** The signed-in person's day: their places (due / done), what they did today, open problems on their places. */
export async function today(db: Db, actor: Actor, now = clockNow()) {
  authorize(actor, 'inspection.read');
  const date = todayChina(now);
  const [cal, places, mine] = await Promise.all([
    getCalendar(db),
    repo.assignedPlacesOn(db, actor.personId, date),
    repo.inspectionsOfPersonOn(db, actor.personId, date),
  ]);
  // A street chief owes a patrol of each assigned place on each counted day of the town's patrol cadence.
  const patrol = (await cadenceFor(db, actor, places)).patrol;
  const counted = patrol.period !== 'none' && patrol.times > 0 && isCountedDay(date, patrol, cal) && recordableKinds(actor).includes('patrol');
  const communities = [...new Set(places.map((p) => p.communityCode))];
  const open = await repo.openProblemsFor(
    db,
    places.map((p) => p.id),
    communities,
    actor.personId,
    scopeSql(problemScope(actor)),
  );
  return {
    date,
    countedDay: counted,
    places: places.map((p) => ({
      placeId: p.id,
      name: p.name,
      communityName: p.communityName,
      kind: p.kind,
      pointType: p.pointType,
      pointTypeLabel: p.pointType ? (POINT_TYPE_LABELS[p.pointType as PointType] ?? p.pointType) : null,
      due: counted,
      doneToday: p.doneToday,
      lastInspectedOn: p.lastInspectedOn,
    })),
    doneToday: mine.map((i) => ({
      id: i.id,
      kind: i.kind,
      kindLabel: INSPECTION_KIND_LABELS[i.kind as InspectionKind] ?? i.kind,
      state: i.state,
      stateLabel: INSPECTION_STATE_LABELS[i.state as InspectionState] ?? i.state,
      placeId: i.placeId,
      placeName: i.placeName ?? i.regionName,
      startedAt: iso(i.startedAt),
      finishedAt: iso(i.finishedAt),
      problemsFound: i.problemsFound,
      score: i.score,
      maxScore: i.maxScore,
      rate: rateOf(i.score, i.maxScore),
    })),
    openProblems: open.map((p) => ({
      id: p.id,
      code: p.code,
      state: p.state,
      stateLabel: PROBLEM_STATE_LABELS[p.state as ProblemState] ?? p.state,
      categoryName: p.categoryName,
      placeName: p.placeName,
      dueDate: p.dueDate,
      overdue: isOverdue(p, date),
    })),
  };
}

const pointTypeLabel = (t: string | null) => (t ? (POINT_TYPE_LABELS[t as PointType] ?? t) : null);
const listItem = (r: repo.ListRow) => ({
  id: r.id,
  kind: r.kind,
  kindLabel: INSPECTION_KIND_LABELS[r.kind as InspectionKind] ?? r.kind,
  state: r.state,
  stateLabel: INSPECTION_STATE_LABELS[r.state as InspectionState] ?? r.state,
  onDate: r.onDate,
  startedAt: iso(r.startedAt),
  finishedAt: iso(r.finishedAt),
  regionCode: r.regionCode,
  regionName: r.regionName,
  communityCode: r.communityCode,
  communityName: r.communityName,
  place: r.placeId ? { id: r.placeId, name: r.placeName, kind: r.placeKind, pointType: r.pointType, pointTypeLabel: pointTypeLabel(r.pointType) } : null,
  inspector: { id: r.inspectorId, name: r.inspectorName },
  batch: r.batch,
  gradedItems: r.gradedItems,
  score: r.score,
  maxScore: r.maxScore,
  rate: rateOf(r.score, r.maxScore),
  problemsFound: r.problemsFound,
});

const isKey = (k: unknown[]): k is repo.InspectionKey => k.length === 3 && isDay(k[0]) && isStamp(k[1]) && positiveId(k[2]);

/** The history, newest first, one keyset page at a time (`cursor` from the previous page's `nextCursor`). */
export async function list(db: Db, actor: Actor, f: repo.ListFilters & { cursor?: string; limit?: number }) {
  authorize(actor, 'inspection.read');
  const limit = f.limit ?? INSPECTION_PAGE_DEFAULT;
  const rows = await repo.listInspections(db, f, repo.visibleSql(actor), f.cursor ? decodeCursor(f.cursor, isKey) : null, limit);
  const page = pageOf(rows, limit, (r) => encodeCursor([r.onDate, r.sortAt, r.id]));
  return { items: page.items.map(listItem), nextCursor: page.nextCursor };
}

const photo = (id: number) => ({ id, url: `/api/photos/${id}`, thumbUrl: `/api/photos/${id}?thumb=1` });

/** One inspection: place, checklist version, every item with its grade, problems found, track, score. */
export async function get(db: Db, actor: Actor, id: number) {
  authorize(actor, 'inspection.read');
  const r = await repo.getInspection(db, id, repo.visibleSql(actor));
  if (!r) throw notFound('该巡查记录不存在或不在您的管辖范围内');
  const [grades, probs, cls] = await Promise.all([
    repo.gradesOf(db, id),
    repo.problemsOf(db, id, r.inspectorId),
    r.checklistId ? checklistRepo.checklistsByIds(db, [r.checklistId]) : Promise.resolve([]),
  ]);
  const cl = cls[0] ?? null;
  const byItem = new Map(grades.map((g) => [g.itemId, g]));
  return {
    ...listItem(r),
    note: r.note,
    lat: r.lat,
    lng: r.lng,
    track: r.track ?? null,
    checklist: cl
      ? { id: cl.id, pointType: cl.pointType, pointTypeLabel: pointTypeLabel(cl.pointType), version: cl.version, title: cl.title, current: cl.current }
      : null,
    items: (cl?.items ?? []).map((it) => {
      const g = byItem.get(it.id);
      return {
        itemId: it.id,
        code: it.code,
        title: it.title,
        criterion: it.criterion,
        points: it.points,
        grade: g?.grade ?? null,
        coefficient: g?.grade ? GRADE_COEFFICIENT[g.grade as Grade] : null,
        score: g?.score ?? null,
        note: g?.note ?? null,
        photos: (g?.photoIds ?? []).map((p) => photo(Number(p))),
      };
    }),
    problems: probs.map((p) => ({
      id: p.id,
      code: p.code,
      state: p.state,
      stateLabel: PROBLEM_STATE_LABELS[p.state as ProblemState] ?? p.state,
      tier: p.tier,
      categoryName: p.categoryName,
      description: p.description,
      dueDate: p.dueDate,
      closedAt: iso(p.closedAt),
      item: p.itemId ? { id: p.itemId, code: p.itemCode, title: p.itemTitle } : null,
    })),
  };
}

/** May the caller see this photo as part of an inspection they may read? */
export async function inspectionPhotoVisible(db: Db, actor: Actor, photoId: number): Promise<boolean> {
  const inspectionId = await repo.photoInspection(db, photoId);
  if (inspectionId === null || !can(actor, 'inspection.read')) return false;
  return !!(await repo.getInspection(db, inspectionId, repo.visibleSql(actor)));
}
