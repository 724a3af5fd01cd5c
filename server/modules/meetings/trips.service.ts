// Study trips (学习考察): date, destination, leader, participants (people of the
// directory and a head count), purpose, what was learned, photos, and the
// training meeting where it was shared. Read and recorded like meetings.
import type { Db } from '../../db/pool.ts';
import { can, regionScope, type Actor } from '../../../domain/permissions.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { authorize } from '../../platform/session.ts';
import { audit } from '../../platform/audit.ts';
import { decodeCursor, encodeCursor, isDay, positiveId } from '../../platform/cursor.ts';
import { codeInScope } from '../../db/scope.ts';
import { readAll } from '../../db/reads.ts';
import { attach, attachmentsOf } from '../files/index.ts';
import * as repo from './meetings.repository.ts';
import * as trepo from './trips.repository.ts';
import { checkRegion, personOfTown } from './meetings.service.ts';

export interface TripInput {
  regionCode: string;
  day: string;
  destination: string;
  leaderPersonId?: number | null;
  leaderName?: string | null;
  headCount: number;
  purpose?: string | null;
  learned?: string | null;
  sharedMeetingId?: number | null;
  participants: { personId?: number | null; name?: string | null }[];
  photoIds?: number[];
  fileIds?: number[];
}

async function values(db: Db, actor: Actor, t: TripInput) {
  const town = await checkRegion(db, actor, t.regionCode);
  const ids = [...new Set([...t.participants.map((p) => p.personId).filter((x): x is number => !!x), ...(t.leaderPersonId ? [t.leaderPersonId] : [])])];
  const people = new Map((await repo.peopleBrief(db, ids)).map((p) => [p.id, p]));
  const named = (id: number, path: string) => {
    const p = people.get(id);
    if (!p || !personOfTown(p, town)) throw fieldError(path, '人员不存在或不属于本镇');
    return p.name;
  };
  const participants = t.participants.map((p, i) => {
    if (p.personId) return { personId: p.personId, name: named(p.personId, `body.participants.${i}.personId`) };
    if (!p.name) throw fieldError(`body.participants.${i}.name`, '请填写人员姓名，或从人员名单中选择');
    return { personId: null, name: p.name };
  });
  const leaderName = t.leaderPersonId ? named(t.leaderPersonId, 'body.leaderPersonId') : t.leaderName;
  if (!leaderName) throw fieldError('body.leaderName', '请填写带队领导');
  if (t.headCount < participants.length) throw fieldError('body.headCount', `人数不能少于登记的 ${participants.length} 名人员`);
  if (t.sharedMeetingId) {
    const m = await repo.byId(db, t.sharedMeetingId, regionScope(actor, 'meeting.read'), t.day);
    if (!m || m.town_code !== town) throw fieldError('body.sharedMeetingId', '分享会议不存在或不属于本镇');
    if (m.kind_code !== 'training') throw fieldError('body.sharedMeetingId', `“${m.title}”不是培训会：学习考察的经验在培训会上分享`);
  }
  const v: trepo.TripValues = {
    townCode: town,
    regionCode: t.regionCode,
    day: t.day,
    destination: t.destination,
    leaderPersonId: t.leaderPersonId ?? null,
    leaderName,
    headCount: t.headCount,
    purpose: t.purpose ?? null,
    learned: t.learned ?? null,
    sharedMeetingId: t.sharedMeetingId ?? null,
  };
  return { v, participants };
}

export async function create(db: Db, actor: Actor, t: TripInput) {
  authorize(actor, 'meeting.manage');
  const { v, participants } = await values(db, actor, t);
  const id = await db.transaction(async (tx) => {
    const id = await trepo.insert(tx, v, actor.personId);
    await trepo.setParticipants(tx, id, participants);
    await attach(tx, actor, 'study_trip', id, { photoIds: t.photoIds ?? [], fileIds: t.fileIds ?? [] });
    await audit(tx, { actor, action: 'study_trip.create', entity: 'study_trip', entityId: id, regionCode: v.regionCode, after: { ...v, participants } });
    return id;
  });
  return get(db, actor, id);
}

export async function update(db: Db, actor: Actor, id: number, version: number, t: TripInput) {
  authorize(actor, 'meeting.manage');
  const { v, participants } = await values(db, actor, t);
  await db.transaction(async (tx) => {
    const cur = await trepo.lock(tx, id, regionScope(actor, 'meeting.manage'));
    if (!cur) throw notFound('学习考察记录不存在或无权修改');
    if (cur.version !== version) throw new AppError('CONFLICT');
    if (cur.town_code !== v.townCode) throw fieldError('body.regionCode', '不能改到其他乡镇');
    await trepo.update(tx, id, v);
    await trepo.setParticipants(tx, id, participants);
    await attach(tx, actor, 'study_trip', id, { photoIds: t.photoIds, fileIds: t.fileIds });
    await audit(tx, { actor, action: 'study_trip.update', entity: 'study_trip', entityId: id, regionCode: v.regionCode, after: { ...v, participants } });
  });
  return get(db, actor, id);
}

const view = (t: trepo.TripRow) => ({
  id: t.id,
  townCode: t.town_code,
  regionCode: t.region_code,
  regionName: t.region_name,
  day: t.day,
  destination: t.destination,
  leaderPersonId: t.leader_person_id,
  leaderName: t.leader_name,
  headCount: t.head_count,
  purpose: t.purpose,
  learned: t.learned,
  sharedMeeting: t.shared_meeting_id ? { id: t.shared_meeting_id, title: t.shared_meeting_title } : null,
  version: t.version,
});

export async function get(db: Db, actor: Actor, id: number) {
  authorize(actor, 'meeting.read');
  const t = await trepo.byId(db, id, regionScope(actor, 'meeting.read'));
  if (!t) throw notFound('学习考察记录不存在或无权查看');
  const [participants, attachments] = await readAll(db, [() => trepo.participants(db, id), () => attachmentsOf(db, 'study_trip', id)]);
  return {
    ...view(t),
    participants: participants.map((p) => ({ id: p.id, personId: p.person_id, name: p.name })),
    attachments,
    can: { edit: can(actor, 'meeting.manage', { regionCode: t.region_code }) },
  };
}

const pageKey = (k: unknown[]): k is [string, number] => k.length === 2 && isDay(k[0]) && positiveId(k[1]);

export async function list(db: Db, actor: Actor, f: { region?: string; from?: string; to?: string; cursor?: string; limit: number }) {
  authorize(actor, 'meeting.read');
  const after = f.cursor ? decodeCursor(f.cursor, pageKey) : null;
  const rows = await trepo.list(db, regionScope(actor, 'meeting.read'), { ...f, after });
  const more = rows.length > f.limit;
  const items = rows.slice(0, f.limit);
  return {
    items: items.map(view),
    nextCursor: more ? encodeCursor([items.at(-1)!.day, items.at(-1)!.id]) : null,
    can: { create: can(actor, 'meeting.manage') },
  };
}

export async function tripVisible(db: Db, actor: Actor, id: number): Promise<boolean> {
  const t = await trepo.byId(db, id, 'all');
  return !!t && codeInScope(t.region_code, regionScope(actor, 'meeting.read'));
}
