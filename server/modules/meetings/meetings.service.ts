// Meetings: who may read and record them (meeting.read / meeting.manage over
// the meeting's region), the kinds list (meeting.kinds), and saving a meeting
// with its attendees, photos and files in one transaction with its audit row.
import type { Db, Tx } from '../../db/pool.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { chinaDate } from '../../../domain/dates.ts';
import { decisionLateWorkingDays, decisionView, MEETING_KIND_SEED } from '../../../domain/meetings.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { audit } from '../../platform/audit.ts';
import { decodeCursor, encodeCursor, isDay, positiveId } from '../../platform/cursor.ts';
import { codeInScope } from '../../db/scope.ts';
import { readAll } from '../../db/reads.ts';
import { getCalendar, todayChina } from '../calendar/index.ts';
import { attach, attachmentCounts, attachmentsOf } from '../files/index.ts';
import * as repo from './meetings.repository.ts';
import * as drepo from './decisions.repository.ts';
import * as trepo from './trips.repository.ts';

const figureOf = (code: string | null) => MEETING_KIND_SEED.find((k) => k.code === code)?.figure ?? null;

export async function listKinds(db: Db, actor: Actor) {
  authorize(actor, 'meeting.read');
  const items = (await repo.kinds(db)).map((k) => ({ ...k, figure: figureOf(k.code) }));
  return { items, can: { manage: can(actor, 'meeting.kinds') } };
}

export async function createKind(db: Db, actor: Actor, k: { name: string; sort?: number | null }) {
  authorize(actor, 'meeting.kinds');
  if ((await repo.kinds(db)).some((x) => x.name === k.name)) throw fieldError('body.name', `已有会议类别“${k.name}”`);
  await db.transaction(async (tx) => {
    const id = await repo.insertKind(tx, { name: k.name, sort: k.sort ?? 100 });
    await audit(tx, { actor, action: 'meeting_kind.create', entity: 'meeting_kind', entityId: id, after: k });
  });
  return listKinds(db, actor);
}

export async function updateKind(db: Db, actor: Actor, id: number, k: { version: number; name: string; sort: number; active: boolean }) {
  authorize(actor, 'meeting.kinds');
  const before = await repo.kindById(db, id);
  if (!before) throw notFound('会议类别不存在');
  if ((await repo.kinds(db)).some((x) => x.name === k.name && x.id !== id)) throw fieldError('body.name', `已有会议类别“${k.name}”`);
  await db.transaction(async (tx) => {
    if (!(await repo.updateKind(tx, id, k.version, k))) throw new AppError('CONFLICT');
    await audit(tx, { actor, action: 'meeting_kind.update', entity: 'meeting_kind', entityId: id, before, after: k });
  });
  return listKinds(db, actor);
}

// ---- meetings ----

export interface MeetingInput {
  regionCode: string;
  kindId: number;
  title: string;
  startsAt: string;
  place?: string | null;
  chairPersonId?: number | null;
  chairName?: string | null;
  agenda?: string | null;
  minutes?: string | null;
  relayed?: string | null;
  attendees: { personId?: number | null; name?: string | null; org?: string | null; status: 'present' | 'absent' | 'leave' }[];
  photoIds?: number[];
  fileIds?: number[];
}

/** A person the town may name (attendee, chair, leader): of the town, or of its county (a department's liaison). */
export const personOfTown = (p: { region_code: string }, town: string) =>
  p.region_code.length > 0 && (p.region_code.startsWith(town) || town.startsWith(p.region_code));

/** The region a meeting is held by: the town or one of its communities, one the caller records meetings for. */
export async function checkRegion(db: Db | Tx, actor: Actor, regionCode: string, path = 'body.regionCode') {
  if (![9, 12].includes(regionCode.length)) throw fieldError(path, '请选择乡镇或社区');
  if (!codeInScope(regionCode, regionScope(actor, 'meeting.manage'))) throw fieldError(path, '该区划不在您的管辖范围内');
  if (!(await repo.regionExists(db, regionCode))) throw fieldError(path, '区划不存在');
  return regionCode.slice(0, 9);
}

async function values(
  tx: Tx,
  actor: Actor,
  m: MeetingInput,
  sameKind: number | null,
): Promise<{ v: repo.MeetingValues; att: { personId: number | null; name: string; org: string | null; status: string }[] }> {
  const town = await checkRegion(tx, actor, m.regionCode);
  const kind = await repo.kindById(tx, m.kindId);
  if (!kind || (!kind.active && kind.id !== sameKind)) throw fieldError('body.kindId', '会议类别不存在或已停用');
  const ids = [...new Set([...m.attendees.map((a) => a.personId).filter((x): x is number => !!x), ...(m.chairPersonId ? [m.chairPersonId] : [])])];
  const people = new Map((await repo.peopleBrief(tx, ids)).map((p) => [p.id, p]));
  const named = (id: number, path: string) => {
    const p = people.get(id);
    if (!p || !personOfTown(p, town)) throw fieldError(path, '人员不存在或不属于本镇');
    return p.name;
  };
  const seen = new Set<number>();
  const att = m.attendees.map((a, i) => {
    if (a.personId) {
      if (seen.has(a.personId)) throw fieldError(`body.attendees.${i}.personId`, '同一人员重复登记');
      seen.add(a.personId);
      return { personId: a.personId, name: named(a.personId, `body.attendees.${i}.personId`), org: null, status: a.status };
    }
    if (!a.name) throw fieldError(`body.attendees.${i}.name`, '请填写参会人员姓名，或从人员名单中选择');
    return { personId: null, name: a.name, org: a.org ?? null, status: a.status };
  });
  const chairName = m.chairPersonId ? named(m.chairPersonId, 'body.chairPersonId') : (m.chairName ?? null);
  return {
    att,
    v: {
      townCode: town,
      regionCode: m.regionCode,
      kindId: m.kindId,
      title: m.title,
      startsAt: m.startsAt,
      day: chinaDate(new Date(m.startsAt)),
      place: m.place ?? null,
      chairPersonId: m.chairPersonId ?? null,
      chairName,
      agenda: m.agenda ?? null,
      minutes: m.minutes ?? null,
      relayed: m.relayed ?? null,
    },
  };
}

export async function create(db: Db, actor: Actor, m: MeetingInput) {
  authorize(actor, 'meeting.manage');
  const id = await db.transaction(async (tx) => {
    const { v, att } = await values(tx, actor, m, null);
    const id = await repo.insert(tx, v, actor.personId);
    await repo.setAttendees(tx, id, att);
    await attach(tx, actor, 'meeting', id, { photoIds: m.photoIds ?? [], fileIds: m.fileIds ?? [] });
    await audit(tx, {
      actor,
      action: 'meeting.create',
      entity: 'meeting',
      entityId: id,
      regionCode: v.regionCode,
      after: { ...v, attendees: att, photoIds: m.photoIds, fileIds: m.fileIds },
    });
    return id;
  });
  return get(db, actor, id);
}

export async function update(db: Db, actor: Actor, id: number, version: number, m: MeetingInput) {
  authorize(actor, 'meeting.manage');
  await db.transaction(async (tx) => {
    const cur = await repo.lock(tx, id, regionScope(actor, 'meeting.manage'));
    if (!cur) throw notFound('会议不存在或无权修改');
    if (cur.version !== version) throw new AppError('CONFLICT');
    const before = await repo.byId(tx, id, 'all', todayChina());
    const { v, att } = await values(tx, actor, m, before!.kind_id);
    if (v.townCode !== cur.town_code) throw fieldError('body.regionCode', '会议不能改到其他乡镇');
    await repo.update(tx, id, v);
    await repo.setAttendees(tx, id, att);
    await attach(tx, actor, 'meeting', id, { photoIds: m.photoIds, fileIds: m.fileIds });
    await audit(tx, { actor, action: 'meeting.update', entity: 'meeting', entityId: id, regionCode: v.regionCode, before, after: { ...v, attendees: att } });
  });
  return get(db, actor, id);
}

const listItem = (r: repo.MeetingRow, counts?: { photos: number; documents: number }) => ({
  id: r.id,
  townCode: r.town_code,
  regionCode: r.region_code,
  regionName: r.region_name,
  kindId: r.kind_id,
  kindName: r.kind_name,
  title: r.title,
  startsAt: r.starts_at,
  day: r.day,
  place: r.place,
  chairName: r.chair_name,
  attendance: { present: r.present, absent: r.absent, leave: r.leave },
  decisions: { open: r.decisions_open - r.decisions_overdue, overdue: r.decisions_overdue, done: r.decisions_done },
  photos: counts?.photos ?? 0,
  files: counts?.documents ?? 0,
});

const pageKey = (k: unknown[]): k is [string, number] => k.length === 2 && isDay(k[0]) && positiveId(k[1]);

export interface ListQuery {
  region?: string;
  kindId?: number;
  kind?: string;
  from?: string;
  to?: string;
  q?: string;
  cursor?: string;
  limit: number;
}

/** The filter a list (and the export, and a figure's drill-down) applies: `kind` is a figure's kind codes, comma-separated. */
export const filterOf = (f: ListQuery) => ({
  region: f.region,
  kindId: f.kindId,
  kindCodes: f.kind ? f.kind.split(',').filter(Boolean) : undefined,
  from: f.from,
  to: f.to,
  q: f.q,
});

export async function list(db: Db, actor: Actor, f: ListQuery) {
  authorize(actor, 'meeting.read');
  const scope = regionScope(actor, 'meeting.read');
  const after = f.cursor ? decodeCursor(f.cursor, pageKey) : null;
  const rows = await repo.list(db, scope, { ...filterOf(f), after, limit: f.limit }, todayChina());
  const more = rows.length > f.limit;
  const items = rows.slice(0, f.limit);
  const counts = new Map(
    (
      await attachmentCounts(
        db,
        'meeting',
        items.map((r) => r.id),
      )
    ).map((c) => [Number(c.owner_id), c]),
  );
  return {
    items: items.map((r) => listItem(r, counts.get(r.id))),
    nextCursor: more ? encodeCursor([items.at(-1)!.day, items.at(-1)!.id]) : null,
    can: { create: can(actor, 'meeting.manage'), import: can(actor, 'meeting.manage') },
  };
}

export async function get(db: Db, actor: Actor, id: number) {
  authorize(actor, 'meeting.read');
  const today = todayChina();
  const r = await repo.byId(db, id, regionScope(actor, 'meeting.read'), today);
  if (!r) throw notFound('会议不存在或无权查看');
  const cal = await getCalendar(db);
  // On the pool side by side; inside a caller's transaction (the demo) in turn.
  const [att, decisions, files, trips] = await readAll(db, [
    () => repo.attendees(db, id),
    () => drepo.list(db, null, { meetingId: id, limit: 500 }, today),
    () => attachmentsOf(db, 'meeting', id),
    () => trepo.sharedAt(db, id),
  ]);
  const { photos: _p, files: _f, ...item } = listItem(r);
  const edit = can(actor, 'meeting.manage', { regionCode: r.region_code });
  return {
    ...item,
    chairPersonId: r.chair_person_id,
    agenda: r.agenda,
    minutes: r.minutes,
    relayed: r.relayed,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    attendees: att.map((a) => ({ id: a.id, personId: a.person_id, name: a.name, org: a.org, status: a.status as 'present' })),
    decisionList: decisions.slice(0, 500).map((d) => decisionView_(d, today, cal)),
    attachments: files,
    trips,
    can: { edit, addDecision: edit },
  };
}

/** A decision as the wire shows it. */
export function decisionView_(d: drepo.DecisionRow, today: string, cal: Awaited<ReturnType<typeof getCalendar>>) {
  const dd = { state: d.state, dueDate: d.due_date };
  return {
    id: d.id,
    meetingId: d.meeting_id,
    meetingTitle: d.meeting_title,
    meetingDay: d.meeting_day,
    regionCode: d.region_code,
    content: d.content,
    owner: d.owner_unit_id
      ? { kind: 'unit' as const, id: d.owner_unit_id, name: d.owner_unit_name }
      : { kind: 'person' as const, id: d.owner_person_id!, name: d.owner_person_name },
    workingDays: d.working_days,
    dueDate: d.due_date,
    place: d.place_id ? { id: d.place_id, name: d.place_name } : null,
    state: d.state as 'open' | 'done',
    view: decisionView(dd, today),
    lateWorkingDays: decisionLateWorkingDays(dd, today, cal),
    doneAt: d.done_at,
    problem: d.problem_id ? { id: d.problem_id, code: d.problem_code } : null,
    lastNote: d.last_note,
    lastNoteAt: d.last_note_at,
    notes: d.notes,
    version: d.version,
  };
}

/** May the actor see the meeting (its photos and files)? */
export async function meetingVisible(db: Db, actor: Actor, id: number): Promise<boolean> {
  const r = await repo.regionOf(db, id);
  return !!r && codeInScope(r.region_code, regionScope(actor, 'meeting.read'));
}
