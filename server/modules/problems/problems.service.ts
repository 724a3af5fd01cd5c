// Intake and reading of problems. State changes live in transition.ts.
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/pool.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { audit, auditValues } from '../../platform/audit.ts';
import { iso } from '../../platform/time.ts';
import { storePhoto } from '../../platform/photos.ts';
import { authorize } from '../../platform/session.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { maskPhone } from '../../../domain/people.ts';
import { actionsFrom, PROBLEM_ACTION_LABELS } from '../../../domain/problems/workflow.ts';
import {
  defaultTier, PROBLEM_STATES, PROBLEM_STATE_LABELS, SOURCE_LABELS, SOURCE_REF_REQUIRED, TIER_LABELS,
  type ProblemState, type Source, type Tier,
} from '../../../domain/problems/vocab.ts';
import { getCalendar, todayChina } from '../calendar/calendar.service.ts';
import { resolveLocation, type ResolvedLocation } from './location.ts';
import { categoryInfo, regionExists, suggestedUnit } from './lookups.ts';
import { regionLevelOf } from '../../../domain/regions.ts';
import { partiesFor, problemScope } from './parties.ts';
import { computeDueDate, transition } from './transition.ts';
import * as repo from './problems.repository.ts';
import { overdueSql, runningSql } from './overdue.ts';
import { isOverdue, lateWorkingDays } from '../../../domain/problems/overdue.ts';
import { now as clockNow } from '../../platform/clock.ts';
import { newProblemCode } from './code.ts';

export interface CreateInput {
  source: Source;
  sourceRef?: string | null;
  /** The record the problem came from (an inspection, a notice). */
  sourceId?: number | null;
  categoryId: number;
  tier?: Tier | null;
  description: string;
  lat?: number | null;
  lng?: number | null;
  address?: string | null;
  regionCode?: string | null;
  placeId?: number | null;
  beforePhotoIds?: number[];
  afterPhotoIds?: number[]; // on_spot only
  /** The office may file (and dispatch) in the same step. */
  then?: 'file' | 'dispatch' | null;
  unitId?: number | null;
  dueDate?: string | null;
  idempotencyKey?: string | null;
}

export interface LocationConfig { placeMatchMeters: number; communityMatchMeters: number }

const FIELD = (path: string, message: string) => new AppError('VALIDATION_FAILED', undefined, [{ path, message }]);

export async function uploadPhoto(db: Db, storageDir: string, actor: Actor | null, buf: Buffer, filename: string, uploadKey: string | null = null) {
  const stored = await storePhoto(storageDir, buf, filename);
  const id = await repo.insertPhoto(db, { ...stored, uploadedBy: actor?.personId ?? null, uploadKey });
  return { id, width: stored.width, height: stored.height, takenAt: stored.takenAt, gpsLat: stored.gpsLat, gpsLng: stored.gpsLng };
}

export async function create(db: Db, actor: Actor, input: CreateInput, cfg: LocationConfig, minimal = false) {
  if (SOURCE_REF_REQUIRED.includes(input.source) && !input.sourceRef?.trim()) {
    throw FIELD('sourceRef', `来源为“${SOURCE_LABELS[input.source]}”时须填写其编号（如通报期号、工单号）`);
  }
  const category = await categoryInfo(db, input.categoryId);
  if (!category || !category.active) throw FIELD('categoryId', '问题类别不存在或已停用');
  if (category.level < 2) throw FIELD('categoryId', '请选择具体的问题小类');
  const tier = input.tier ?? defaultTier(category.default_tier as Tier, !!input.beforePhotoIds?.length && !!input.afterPhotoIds?.length);
  // A chosen community or grid needs no spatial lookup; a GPS point or a place does.
  const onlyRegion = input.regionCode && input.lat == null && input.lng == null && !input.placeId;
  const loc: ResolvedLocation = onlyRegion
    ? await (async () => {
        const level = regionLevelOf(input.regionCode!);
        if ((level !== 'community' && level !== 'grid') || !(await regionExists(db, input.regionCode!))) {
          throw FIELD('regionCode', '请选择问题所在的社区或网格');
        }
        const rc = input.regionCode!;
        return { regionCode: rc, communityCode: rc.slice(0, 12), townCode: rc.slice(0, 9), gridCode: rc.length === 15 ? rc : null, placeId: null, placeName: null, placeDistanceM: null };
      })()
    : await resolveLocation(db, input, cfg);
  authorize(actor, 'problem.report', { regionCode: loc.regionCode });
  const before = input.beforePhotoIds ?? [];
  const after = input.afterPhotoIds ?? [];
  if (tier === 'on_spot' && (!before.length || !after.length)) {
    throw FIELD(before.length ? 'afterPhotoIds' : 'beforePhotoIds', '随手整问题须同时上传整改前和整改后的照片');
  }
  if (tier !== 'on_spot' && after.length) throw FIELD('afterPhotoIds', '只有随手整问题在上报时附整改后照片');
  const isOffice = can(actor, 'problem.office', { regionCode: loc.regionCode });
  if (input.then && !isOffice) throw new AppError('FORBIDDEN', '只有镇创城办可以在上报时直接立案或派遣');
  const suggested = await suggestedUnit(db, category.id, loc.regionCode);

  const closed = tier === 'on_spot';
  const row = (code: string): repo.InsertProblem => ({
    code, townCode: loc.townCode, regionCode: loc.regionCode, gridCode: loc.gridCode, placeId: loc.placeId,
    lat: input.lat ?? null, lng: input.lng ?? null, address: input.address ?? null, categoryId: category.id, tier,
    source: input.source, sourceRef: input.sourceRef?.trim() || null, sourceId: input.sourceId ?? null, description: input.description,
    state: 'reported', responsibleUnitId: null, reporterId: actor.personId, reporterName: actor.name,
    reporterPhone: null, dueDate: null, dispatchedAt: null, closedAt: null, closedOnTime: null,
    recurrenceOfId: null, idempotencyKey: input.idempotencyKey ?? null,
  });
  const eventData = { source: input.source, sourceRef: input.sourceRef ?? null, placeId: loc.placeId, placeDistanceM: loc.placeDistanceM, suggestedUnitId: suggested };
  const auditEntry = auditValues({ actor, action: 'problem.report', entity: 'problem', regionCode: loc.regionCode, after: { ...input, tier, regionCode: loc.regionCode, placeId: loc.placeId, state: 'reported' } });

  // Insert problem + history + audit in one statement; photos and on-the-spot closing need a transaction around it.
  const insert = async (q: Db | Tx) => {
    for (let i = 0; i < 5; i++) {
      const r = await repo.insertReported(q, row(newProblemCode()), { actorId: actor.personId, actorName: actor.name, data: eventData }, auditEntry);
      if (r) return r;
      if (input.idempotencyKey) {
        const existing = await repo.findByIdempotencyKey(q, input.idempotencyKey);
        if (existing) return { replay: existing };
      }
    }
    throw new AppError('INTERNAL');
  };
  // The office's file-and-dispatch is part of the report: refused as a whole (an unreachable unit, say), nothing stays.
  const fileAndDispatch = !!input.then && !closed;
  const needsTx = before.length > 0 || closed || fileAndDispatch;
  const created = needsTx
    ? await db.transaction(async (tx) => {
        const r = await insert(tx);
        if ('replay' in r) return r;
        const nb = await repo.attachPhotos(tx, before, r.id, r.event_id, 'before', { personId: actor.personId });
        if (nb !== new Set(before).size) throw FIELD('beforePhotoIds', '部分照片无效或已被使用，请重新上传');
        if (fileAndDispatch) {
          await transition(tx, actor, r.id, 'file', { version: 1 });
          if (input.then === 'dispatch') await transition(tx, actor, r.id, 'dispatch', { version: 2, unitId: input.unitId, dueDate: input.dueDate });
        }
        if (closed) {
          await repo.updateProblem(tx, r.id, 1, { state: 'closed', closed_at: clockNow(), closed_on_time: true });
          const ev2 = await repo.insertEvent(tx, { problemId: r.id, actorId: actor.personId, actorName: actor.name, action: 'close_on_spot', fromState: 'reported', toState: 'closed', note: '现场随手整改完毕' });
          const na = await repo.attachPhotos(tx, after, r.id, ev2, 'after', { personId: actor.personId });
          if (na !== new Set(after).size) throw FIELD('afterPhotoIds', '部分照片无效或已被使用，请重新上传');
          const d = new Date(todayChina() + 'T00:00:00Z');
          d.setUTCDate(d.getUTCDate() + category.reinspect_days);
          await tx.execute(sql`INSERT INTO reinspections (problem_id, due_date) VALUES (${r.id}, ${d.toISOString().slice(0, 10)}) ON CONFLICT DO NOTHING`);
          await audit(tx, { actor, action: 'problem.close_on_spot', entity: 'problem', entityId: r.id, regionCode: loc.regionCode, after: { state: 'closed' } });
        }
        return r;
      })
    : await insert(db);
  if ('replay' in created) {
    // A retried submission (same idempotency key): answer with what the first one created.
    if (created.replay.reporter_id !== actor.personId) throw new AppError('DUPLICATE', '该提交编号已被使用');
    return { ...(await get(db, actor, created.replay.id)), replayed: true };
  }
  const id = created.id;
  if (minimal && !input.then) return { id, state: closed ? 'closed' : 'reported', version: closed ? 2 : 1, url: `/api/problems/${id}` };
  return get(db, actor, id);
}

/** The problem as its page shows it: fields, derived overdue, timeline, photos, allowed actions. */
export async function get(db: Db | Tx, actor: Actor, id: number) {
  const p = await repo.getProblem(db, id, problemScope(actor));
  if (!p) throw notFound('该问题不存在或不在您的管辖范围内');
  const cal = await getCalendar(db as Db);
  const today = todayChina();
  const dated = { state: p.state, dueDate: p.due_date };
  const overdue = isOverdue(dated, today);
  const overdueDays = lateWorkingDays(dated, today, cal);
  const parties = partiesFor(actor, { regionCode: p.region_code, responsibleUnitId: p.responsible_unit_id, responsibleUnitRegion: p.unit_region, responsibleUnitKind: p.unit_kind });
  const [events, photos, ext] = await Promise.all([
    repo.events(db, id),
    repo.photos(db, id),
    db.execute<any>(sql`SELECT e.id, e.days, e.reason, e.state, e.decision_note, e.old_due_date::text, e.new_due_date::text, e.created_at, e.decided_at,
      rp.name AS requested_by_name, dp.name AS decided_by_name
      FROM extension_requests e LEFT JOIN people rp ON rp.id = e.requested_by LEFT JOIN people dp ON dp.id = e.decided_by
      WHERE e.problem_id = ${id} ORDER BY e.id`),
  ]);
  const pendingExtension = ext.rows.find((e) => e.state === 'pending') ?? null;
  const seePhone = can(actor, 'problem.office', { regionCode: p.region_code });
  const actions = actionsFrom(p.state as ProblemState, parties).map((a) => ({ action: a, label: PROBLEM_ACTION_LABELS[a] }));
  return {
    id: p.id, code: p.code, state: p.state, stateLabel: PROBLEM_STATE_LABELS[p.state as ProblemState],
    tier: p.tier, tierLabel: TIER_LABELS[p.tier as Tier], source: p.source, sourceLabel: SOURCE_LABELS[p.source as Source], sourceRef: p.source_ref,
    category: { id: p.category_id, name: p.category_name, code: p.category_code, kind: p.category_kind },
    description: p.description, regionCode: p.region_code, regionName: p.region_name, townCode: p.town_code, gridCode: p.grid_code,
    place: p.place_id ? { id: p.place_id, name: p.place_name } : null, lat: p.lat, lng: p.lng, address: p.address,
    unit: p.responsible_unit_id ? { id: p.responsible_unit_id, name: p.unit_name } : null,
    reporter: { id: p.reporter_id, name: p.reporter_name, phone: seePhone ? p.reporter_phone : maskPhone(p.reporter_phone) },
    dueDate: p.due_date, overdue, overdueDays, dispatchedAt: iso(p.dispatched_at), rectifiedAt: iso(p.rectified_at),
    closedAt: iso(p.closed_at), closedOnTime: p.closed_on_time, reworkCount: p.rework_count, extensionCount: p.extension_count,
    returnCount: p.return_count, rejectReason: p.reject_reason, mergedIntoId: p.merged_into_id, recurrenceOfId: p.recurrence_of_id,
    version: p.version, createdAt: iso(p.created_at), updatedAt: iso(p.updated_at),
    timeline: events.map((e: any) => ({
      id: e.id, at: iso(e.at), actorName: e.actor_name, action: e.action, fromState: e.from_state, toState: e.to_state, note: e.note, data: e.data,
      photoIds: photos.filter((ph: any) => ph.event_id === e.id).map((ph: any) => ph.id),
    })),
    photos: photos.map((ph: any) => ({ id: ph.id, kind: ph.kind, width: ph.width, height: ph.height, takenAt: iso(ph.taken_at), gpsLat: ph.gps_lat, gpsLng: ph.gps_lng, url: `/api/photos/${ph.id}`, thumbUrl: `/api/photos/${ph.id}?thumb=1` })),
    extensions: ext.rows.map((e: any) => ({
      id: e.id, days: e.days, reason: e.reason, state: e.state, decisionNote: e.decision_note, oldDueDate: e.old_due_date,
      newDueDate: e.new_due_date, createdAt: iso(e.created_at), decidedAt: iso(e.decided_at), requestedByName: e.requested_by_name, decidedByName: e.decided_by_name,
    })),
    can: {
      actions,
      requestExtension: parties.has('assignee') && ['dispatched', 'rectifying'].includes(p.state) && !pendingExtension,
      decideExtension: parties.has('office') && !!pendingExtension,
      plan: p.tier === 'centralized' && (parties.has('office') || parties.has('assignee')),
    },
  };
}

/**
 * The office's queue counts: problems per state and the ones overdue, in the
 * caller's scope. One index-only pass over (town_code, state, due_date).
 */
export async function counts(db: Db, actor: Actor) {
  authorize(actor, 'problem.read');
  const today = todayChina();
  const scope = problemScope(actor);
  const agg = sql`p.state, count(*) AS n,
      count(*) FILTER (WHERE ${overdueSql(today)}) AS overdue,
      count(*) FILTER (WHERE ${runningSql()} AND p.due_date = ${today}::date) AS due_today`;
  // The region part and the rest counted apart (the rest excluding the region),
  // so the big part is an index-only scan on (town_code, state, due_date).
  const region = repo.regionScopeSql(scope);
  const query = !region
    ? sql`SELECT ${agg} FROM problems p WHERE ${repo.assignedScopeSql(scope)} GROUP BY p.state`
    : scope.regions === 'all'
      ? sql`SELECT ${agg} FROM problems p GROUP BY p.state`
      : sql`SELECT state, sum(n) AS n, sum(overdue) AS overdue, sum(due_today) AS due_today FROM (
          SELECT ${agg} FROM problems p WHERE ${region} GROUP BY p.state
          UNION ALL
          SELECT ${agg} FROM problems p WHERE ${repo.assignedScopeSql(scope)} AND NOT ${region} GROUP BY p.state) x GROUP BY state`;
  const r = await db.execute<{ state: string; n: number; overdue: number; due_today: number }>(query);
  const byState: Record<string, number> = Object.fromEntries(PROBLEM_STATES.map((s) => [s, 0]));
  let overdue = 0;
  let dueToday = 0;
  for (const row of r.rows) {
    byState[row.state] = Number(row.n);
    overdue += Number(row.overdue);
    dueToday += Number(row.due_today);
  }
  return { byState, overdue, dueToday, today };
}

export { computeDueDate };
