// Service records (issue 17 item 2), under 民政部令第67号: whoever organises
// the activity records the service (volunteer.manage over the activity's
// community; a confirmed record), check-out produces a pending record the
// organiser confirms or rejects, and confirmed hours never change in place: a
// correction is a new confirmed record naming the one it corrects, which
// stops counting. Team and person totals per period.
import type { Db } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { todayChina } from '../../platform/clock.ts';
import { decodeCursor, encodeCursor, isDay, pageOf, positiveId } from '../../platform/cursor.ts';
import { codeInScope } from '../../db/scope.ts';
import { authorize } from '../../platform/session.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { monthRange } from '../../../domain/activities.ts';
import {
  hoursOf,
  MAX_SERVICE_MINUTES,
  minutesOf,
  SERVICE_SOURCE_LABELS,
  SERVICE_STATUS_LABELS,
  type ServiceSource,
  type ServiceStatus,
} from '../../../domain/volunteers.ts';
import { readerScope, readScope } from './members.service.ts';
import * as mrepo from './members.repository.ts';
import * as srepo from './service.repository.ts';
import * as crepo from './checkin.repository.ts';
import { readAll } from '../../db/reads.ts';

/** `ledTeams`: the teams the caller leads, whose pending records they confirm or reject (not correct: that stays the organiser's). */
export function itemView(actor: Actor, r: srepo.ServiceRow, ledTeams: readonly number[] = []) {
  const manage = can(actor, 'volunteer.manage', { regionCode: r.regionCode });
  const leads = r.teamId !== null && ledTeams.includes(r.teamId);
  return {
    id: r.id,
    person: { id: r.personId, name: r.personName },
    team: r.teamId ? { id: r.teamId, name: r.teamName ?? '' } : null,
    activity: { id: r.activityId, title: r.activityTitle, organizerName: r.organizerName },
    regionCode: r.regionCode,
    onDate: r.onDate,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    hours: hoursOf(r.minutes),
    content: r.content,
    status: r.status as ServiceStatus,
    statusLabel: SERVICE_STATUS_LABELS[r.status as ServiceStatus] ?? r.status,
    source: r.source as ServiceSource,
    sourceLabel: SERVICE_SOURCE_LABELS[r.source as ServiceSource] ?? r.source,
    correctsId: r.correctsId,
    supersededBy: r.supersededBy,
    reason: r.reason,
    recordedByName: r.recordedByName,
    confirmedByName: r.confirmedByName,
    confirmedAt: r.confirmedAt,
    createdAt: r.createdAt,
    can: { confirm: (manage || leads) && r.status === 'pending', correct: manage && r.status === 'confirmed' && r.supersededBy === null },
  };
}

export interface ListQuery extends srepo.ServiceFilter {
  month?: string;
  cursor?: string;
  limit?: number;
}

/** The URL filter as the repository's (a month is its first and last day, overlapping from/to). */
export function toFilter(q: Omit<ListQuery, 'cursor' | 'limit'>): srepo.ServiceFilter {
  let { from, to } = q;
  if (q.month) {
    const m = monthRange(q.month);
    if (!from || from < m.from) from = m.from;
    if (!to || to > m.to) to = m.to;
  }
  return { teamId: q.teamId, personId: q.personId, activityId: q.activityId, regionCode: q.regionCode, from, to, status: q.status };
}

const cursorKey = (k: unknown[]): k is [string, number] => k.length === 2 && isDay(k[0]) && positiveId(k[1]);

export async function list(db: Db, actor: Actor, q: ListQuery) {
  const scope = await readerScope(db, actor);
  const limit = q.limit ?? 50;
  const after = q.cursor ? decodeCursor(q.cursor, cursorKey) : null;
  const rows = await srepo.listPage(db, toFilter(q), scope, after, limit + 1);
  const page = pageOf(rows, limit, (last) => encodeCursor([last.onDate, last.id]));
  return { items: page.items.map((r) => itemView(actor, r, scope.teams)), nextCursor: page.nextCursor };
}

// ---- recording ----

export interface Entry {
  personId: number;
  hours?: number | null;
  startedAt?: string | null;
  endedAt?: string | null;
  content?: string | null;
}

/** Minutes of an entry: hours, or its start and end; null with the field error when neither works. */
export function entryMinutes(e: Pick<Entry, 'hours' | 'startedAt' | 'endedAt'>, fail: (field: string, message: string) => void): number | null {
  if (e.startedAt && e.endedAt) {
    const m = Math.round((Date.parse(e.endedAt) - Date.parse(e.startedAt)) / 60_000);
    if (m <= 0) fail('endedAt', '结束时间应晚于开始时间');
    else if (m > MAX_SERVICE_MINUTES) fail('endedAt', '一条服务记录不能超过 24 小时');
    else return m;
    return null;
  }
  if (e.hours == null) {
    fail('hours', '请填写服务时长（小时），或开始和结束时间');
    return null;
  }
  const m = minutesOf(e.hours);
  if (m <= 0 || m > MAX_SERVICE_MINUTES) {
    fail('hours', '服务时长应大于 0、不超过 24 小时');
    return null;
  }
  return m;
}

/** The activity a record is written for: visible (else 404), organised in a community the caller manages (else 403), not cancelled. */
export async function organisedActivity(db: Db, actor: Actor, activityId: number, path = 'activityId') {
  const a = await crepo.activityBrief(db, activityId);
  if (!a || !codeInScope(a.regionCode, readScope(actor))) throw fieldError(path, '活动不存在或不在您的管辖范围内');
  if (!can(actor, 'volunteer.manage', { regionCode: a.regionCode }))
    throw new AppError('FORBIDDEN', '谁组织谁记录：只有活动所在社区（或乡镇）的创城办、社区干部可以登记该活动的志愿服务');
  if (a.state === 'cancelled') throw new AppError('INVALID_STATE', '该活动已取消，不能登记志愿服务');
  return a;
}

/** The team a record counts for: the person's team today in the activity's town, town teams after community ones. */
export async function teamFor(db: Db, personId: number, town: string, day: string): Promise<number | null> {
  const teams = await mrepo.currentTeams(db, personId, day);
  const inTown = teams.filter((t) => t.regionCode.startsWith(town)).sort((a, b) => b.regionCode.length - a.regionCode.length);
  return inTown[0]?.id ?? teams[0]?.id ?? null;
}

/** The organiser records the service of people at an activity: confirmed records, one per person and activity. */
export async function record(db: Db, actor: Actor, input: { activityId: number; entries: Entry[] }) {
  authorize(actor, 'volunteer.manage');
  const a = await organisedActivity(db, actor, input.activityId);
  if (a.onDate > todayChina()) throw fieldError('activityId', `活动日期 ${a.onDate} 还没到：活动开展后再登记服务时长`);
  const fields: { path: string; message: string }[] = [];
  const seen = new Set<number>();
  const rows: srepo.NewRecord[] = [];
  const already = new Set(
    await srepo.countedAt(
      db,
      a.id,
      input.entries.map((e) => e.personId),
    ),
  );
  for (const [i, e] of input.entries.entries()) {
    const fail = (f: string, message: string) => fields.push({ path: `entries.${i}.${f}`, message });
    if (seen.has(e.personId)) fail('personId', '同一志愿者在一份登记中只能出现一次');
    seen.add(e.personId);
    const m = await mrepo.getMember(db, e.personId, readScope(actor));
    if (!m) {
      fail('personId', '志愿者不存在或不在您的管辖范围内');
      continue;
    }
    if (already.has(e.personId)) fail('personId', `${m.name}在该活动已有服务记录：如需修改请更正原记录`);
    const minutes = entryMinutes(e, fail);
    if (minutes === null) continue;
    rows.push({
      personId: e.personId,
      teamId: await teamFor(db, e.personId, a.townCode, a.onDate),
      activityId: a.id,
      townCode: a.townCode,
      regionCode: a.regionCode,
      onDate: a.onDate,
      startedAt: e.startedAt ? new Date(e.startedAt) : null,
      endedAt: e.endedAt ? new Date(e.endedAt) : null,
      minutes,
      content: e.content ?? null,
      status: 'confirmed',
      source: 'organiser',
      correctsId: null,
      reason: null,
      recordedBy: actor.personId,
      confirmedBy: actor.personId,
    });
  }
  if (fields.length) throw new AppError('VALIDATION_FAILED', undefined, fields);
  const ids = await db.transaction(async (tx) => {
    const ids = await srepo.insertRecords(tx, rows);
    await audit(tx, {
      actor,
      action: 'volunteer.service_record',
      entity: 'activity',
      entityId: a.id,
      regionCode: a.regionCode,
      after: { records: rows.map((r, i) => ({ id: ids[i], personId: r.personId, minutes: r.minutes, teamId: r.teamId })) },
    });
    return ids;
  });
  return { ids };
}

/**
 * A record for a change: visible (else 404), its activity's organiser (else
 * 403); a pending record also by the leader of the team it counts for, who
 * confirms or rejects their members' check-outs (`byLeader`).
 */
async function forChange(db: Db, actor: Actor, id: number, byLeader = false) {
  const scope = await readerScope(db, actor);
  const r = await srepo.getRecord(db, id, scope);
  if (!r) throw notFound('该服务记录不存在或不在您的管辖范围内');
  if (can(actor, 'volunteer.manage', { regionCode: r.regionCode })) return r;
  if (byLeader && r.teamId !== null && scope.teams.includes(r.teamId)) return r;
  throw new AppError('FORBIDDEN', '谁组织谁记录：只有活动的组织方（或志愿者所在队的队长）可以确认服务记录，更正只能由组织方进行');
}

export async function get(db: Db, actor: Actor, id: number) {
  const scope = await readerScope(db, actor);
  const r = await srepo.getRecord(db, id, scope);
  if (!r) throw notFound('该服务记录不存在或不在您的管辖范围内');
  return itemView(actor, r, scope.teams);
}

/** Confirm (or reject, with the reason) a pending record from a check-out. */
export async function decide(db: Db, actor: Actor, id: number, decision: 'confirmed' | 'rejected', reason: string | null) {
  const r = await forChange(db, actor, id, true);
  await db.transaction(async (tx) => {
    const now = await srepo.lockRecord(tx, id);
    if (now?.status !== 'pending') throw new AppError('INVALID_STATE', `该记录${SERVICE_STATUS_LABELS[now?.status as ServiceStatus] ?? ''}，不是待确认的记录`);
    await srepo.decide(tx, id, decision, actor.personId, reason);
    await audit(tx, {
      actor,
      action: decision === 'confirmed' ? 'volunteer.service_confirm' : 'volunteer.service_reject',
      entity: 'volunteer_service',
      entityId: id,
      regionCode: r.regionCode,
      before: { status: 'pending', minutes: r.minutes },
      after: { status: decision, reason },
    });
  });
  return get(db, actor, id);
}

/** Correct a confirmed record: a new confirmed record with the right hours; the old one stays, superseded. */
export async function correct(
  db: Db,
  actor: Actor,
  id: number,
  input: { hours?: number | null; startedAt?: string | null; endedAt?: string | null; reason: string },
) {
  const r = await forChange(db, actor, id);
  const fields: { path: string; message: string }[] = [];
  const minutes = entryMinutes(input, (path, message) => fields.push({ path, message }));
  if (fields.length || minutes === null) throw new AppError('VALIDATION_FAILED', undefined, fields);
  const newId = await db.transaction(async (tx) => {
    const now = await srepo.lockRecord(tx, id);
    if (now?.status !== 'confirmed' || now.supersededBy !== null)
      throw new AppError('INVALID_STATE', now?.supersededBy ? '该记录已被更正：请更正最新的记录' : '只有已确认的记录可以更正');
    const [newId] = await srepo.insertRecords(tx, [
      {
        personId: r.personId,
        teamId: r.teamId,
        activityId: r.activityId,
        townCode: r.regionCode.slice(0, 9),
        regionCode: r.regionCode,
        onDate: r.onDate,
        startedAt: input.startedAt ? new Date(input.startedAt) : null,
        endedAt: input.endedAt ? new Date(input.endedAt) : null,
        minutes,
        content: r.content,
        status: 'confirmed',
        source: 'correction',
        correctsId: id,
        reason: input.reason,
        recordedBy: actor.personId,
        confirmedBy: actor.personId,
      },
    ]);
    await srepo.supersede(tx, id, newId);
    await audit(tx, {
      actor,
      action: 'volunteer.service_correct',
      entity: 'volunteer_service',
      entityId: id,
      regionCode: r.regionCode,
      before: { id, minutes: r.minutes },
      after: { id: newId, minutes, reason: input.reason },
    });
    return newId;
  });
  return get(db, actor, newId);
}

// ---- totals ----

const totalView = (t: srepo.Totals) => ({ records: t.records, hours: hoursOf(t.minutes), people: t.people });

export async function totals(db: Db, actor: Actor, q: Omit<ListQuery, 'cursor' | 'limit' | 'status'>) {
  const f = toFilter(q);
  const scope = await readerScope(db, actor);
  const [total, byTeam, byPerson] = await readAll(db, [
    () => srepo.totals(db, f, scope),
    () => srepo.totalsBy(db, 'team', f, scope, 200),
    () => srepo.totalsBy(db, 'person', f, scope, 200),
  ]);
  const row = (r: { id: number | null; name: string | null } & srepo.Totals) => ({ id: r.id, name: r.name, ...totalView(r) });
  return { from: f.from ?? null, to: f.to ?? null, total: totalView(total), byTeam: byTeam.map(row), byPerson: byPerson.map(row) };
}
