// Reading problems, and the desk's report (a view over intake.ts). State and
// deadline changes live in transition.ts; every new problem comes from intake.ts.
import type { Db, Tx } from '../../db/pool.ts';
import { notFound } from '../../platform/errors.ts';
import { iso } from '../../platform/time.ts';
import { storePhoto } from '../../platform/photos.ts';
import { authorize } from '../../platform/session.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { maskPhone } from '../../../domain/people.ts';
import { actionsFrom, PROBLEM_ACTION_LABELS } from '../../../domain/problems/workflow.ts';
import {
  OPEN_STATES,
  PROBLEM_STATES,
  PROBLEM_STATE_LABELS,
  SOURCE_LABELS,
  TIER_LABELS,
  type ProblemState,
  type Source,
  type Tier,
} from '../../../domain/problems/vocab.ts';
import { getCalendar, todayChina } from '../calendar/index.ts';
import { partiesFor, problemScope } from './parties.ts';
import { computeDueDate } from './transition.ts';
import { intake, type IntakeInput, type LocationConfig } from './intake.ts';
import * as repo from './problems.repository.ts';
import * as photoRepo from './problems.photos.repository.ts';
import { extensionRequests } from './extensions.repository.ts';
import { isOverdue, lateWorkingDays } from '../../../domain/problems/overdue.ts';

export type { IntakeInput as CreateInput, LocationConfig } from './intake.ts';

export async function uploadPhoto(db: Db, storageDir: string, actor: Actor | null, buf: Buffer, filename: string, uploadKey: string | null = null) {
  const stored = await storePhoto(storageDir, buf, filename);
  const id = await photoRepo.insertPhoto(db, { ...stored, uploadedBy: actor?.personId ?? null, uploadKey });
  return { id, width: stored.width, height: stored.height, takenAt: iso(stored.takenAt), gpsLat: stored.gpsLat, gpsLng: stored.gpsLng };
}

/** A report from a signed-in person (the desk's form, POST /api/problems), answered with the problem's page or, minimal, its head. */
export async function create(db: Db, actor: Actor, input: IntakeInput, cfg: LocationConfig, minimal = false) {
  const r = await intake(db, { actor }, input, cfg);
  if (r.replayed) return { ...(await get(db, actor, r.id)), replayed: true as const };
  if (minimal) return { id: r.id, state: r.state as ProblemState, version: r.version, url: `/api/problems/${r.id}` };
  return get(db, actor, r.id);
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
  const parties = partiesFor(actor, {
    regionCode: p.region_code,
    responsibleUnitId: p.responsible_unit_id,
    responsibleUnitRegion: p.unit_region,
    responsibleUnitKind: p.unit_kind,
  });
  const [events, photos, ext] = await Promise.all([repo.events(db, id), photoRepo.photos(db, id), extensionRequests(db, id)]);
  const pendingExtension = ext.find((e) => e.state === 'pending') ?? null;
  const seePhone = can(actor, 'problem.office', { regionCode: p.region_code });
  const actions = actionsFrom(p.state as ProblemState, parties).map((a) => ({ action: a, label: PROBLEM_ACTION_LABELS[a] }));
  return {
    id: p.id,
    code: p.code,
    state: p.state,
    stateLabel: PROBLEM_STATE_LABELS[p.state as ProblemState],
    tier: p.tier,
    tierLabel: TIER_LABELS[p.tier as Tier],
    source: p.source,
    sourceLabel: SOURCE_LABELS[p.source as Source],
    sourceRef: p.source_ref,
    category: { id: p.category_id, name: p.category_name, code: p.category_code, kind: p.category_kind },
    description: p.description,
    regionCode: p.region_code,
    regionName: p.region_name,
    townCode: p.town_code,
    gridCode: p.grid_code,
    place: p.place_id ? { id: p.place_id, name: p.place_name, lat: p.place_lat, lng: p.place_lng } : null,
    lat: p.lat,
    lng: p.lng,
    address: p.address,
    unit: p.responsible_unit_id ? { id: p.responsible_unit_id, name: p.unit_name } : null,
    reporter: { id: p.reporter_id, name: p.reporter_name, phone: seePhone ? p.reporter_phone : maskPhone(p.reporter_phone) },
    dueDate: p.due_date,
    overdue,
    overdueDays,
    dispatchedAt: iso(p.dispatched_at),
    rectifiedAt: iso(p.rectified_at),
    closedAt: iso(p.closed_at),
    closedOnTime: p.closed_on_time,
    reworkCount: p.rework_count,
    extensionCount: p.extension_count,
    returnCount: p.return_count,
    rejectReason: p.reject_reason,
    mergedIntoId: p.merged_into_id,
    recurrenceOfId: p.recurrence_of_id,
    version: p.version,
    createdAt: iso(p.created_at),
    updatedAt: iso(p.updated_at),
    timeline: events.map((e: any) => ({
      id: e.id,
      at: iso(e.at)!,
      actorName: e.actor_name,
      action: e.action,
      fromState: e.from_state,
      toState: e.to_state,
      note: e.note,
      data: e.data,
      photoIds: photos.filter((ph: any) => ph.event_id === e.id).map((ph: any) => ph.id),
    })),
    photos: photos.map((ph: any) => ({
      id: ph.id,
      kind: ph.kind,
      width: ph.width,
      height: ph.height,
      takenAt: iso(ph.taken_at),
      gpsLat: ph.gps_lat,
      gpsLng: ph.gps_lng,
      url: `/api/photos/${ph.id}`,
      thumbUrl: `/api/photos/${ph.id}?thumb=1`,
    })),
    extensions: ext.map((e) => ({
      id: e.id,
      days: e.days,
      reason: e.reason,
      state: e.state,
      decisionNote: e.decision_note,
      oldDueDate: e.old_due_date,
      newDueDate: e.new_due_date,
      createdAt: iso(e.created_at)!,
      decidedAt: iso(e.decided_at),
      requestedByName: e.requested_by_name,
      decidedByName: e.decided_by_name,
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
export async function counts(db: Db, actor: Actor, opts: { openOnly?: boolean } = {}) {
  authorize(actor, 'problem.read');
  const today = todayChina();
  const rows = await repo.stateCounts(db, problemScope(actor), today, !!opts.openOnly);
  const byState: Record<string, number> = Object.fromEntries((opts.openOnly ? OPEN_STATES : PROBLEM_STATES).map((s) => [s, 0]));
  let overdue = 0;
  let dueToday = 0;
  for (const row of rows) {
    byState[row.state] = Number(row.n);
    overdue += Number(row.overdue);
    dueToday += Number(row.due_today);
  }
  return { byState, overdue, dueToday, today };
}

export { computeDueDate };

/**
 * A problem listed in a published notice: the notice becomes its source when
 * it had none, and its history says where it was listed. Called by the
 * notices module (which never writes problems itself).
 */
export async function listInNotice(tx: Tx, actor: Actor, problemId: number, l: { noticeId: number; docNumber: string; note: string; state: string }) {
  await repo.markListedInNotice(tx, problemId, l.noticeId, l.docNumber);
  await repo.insertEvent(tx, {
    problemId,
    actorId: actor.personId,
    actorName: actor.name,
    action: 'notice',
    fromState: l.state,
    toState: l.state,
    note: l.note,
    data: { noticeId: l.noticeId },
  });
}
