// What a weak item of a wave becomes: a task in the community cadres' inbox
// (which they report done) or a planned activity, once each per item and
// community; and where a follow-up points (the inbox item's link).
import type { Db } from '../../db/pool.ts';
import { regionScope, type Actor } from '../../../domain/permissions.ts';
import { codeInScope } from '../../db/scope.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { closeItems, openItem } from '../inbox/index.ts';
import { planActivity } from '../activities/index.ts';
import * as repo from './polls.repository.ts';
import { townOf } from './questionnaires.service.ts';
import { results, waveOf } from './waves.service.ts';

export interface FollowupInput {
  itemCode: string;
  communityCode: string;
  kind: 'task' | 'activity';
  note?: string | null;
  /** kind activity: the activity planned (activities module's plan input). */
  activity?: { title: string; kindId: number; unitId: number; placeId: number; onDate: string };
}

/** A weak item of the wave in a community becomes a task in the community cadres' inbox or a planned activity (once each). */
export async function followup(db: Db, actor: Actor, id: number, body: FollowupInput) {
  const w = await waveOf(db, actor, id, 'poll.manage');
  const res = await results(db, actor, id);
  const weak = res.weak.find((c) => c.itemCode === body.itemCode && c.communityCode === body.communityCode);
  if (!weak) throw fieldError('body.itemCode', '该题在该社区不是薄弱项（或没有答卷）');
  if (weak.followups.some((f) => f.kind === body.kind)) throw new AppError('DUPLICATE', body.kind === 'task' ? '该薄弱项已交办给社区' : '该薄弱项已安排活动');
  let activityId: number | null = null;
  if (body.kind === 'activity') {
    if (!body.activity) throw fieldError('body.activity', '请填写要安排的活动');
    activityId = Number((await planActivity(db, actor, { ...body.activity, theme: `问卷薄弱项：${weak.text}` })).id);
  }
  const fid = await db.transaction(async (tx) => {
    const fid = await repo.insertFollowup(tx, {
      waveId: id,
      itemCode: body.itemCode,
      communityCode: body.communityCode,
      kind: body.kind,
      activityId,
      note: body.note ?? null,
      by: actor.personId,
    });
    if (!fid) throw new AppError('DUPLICATE', '该薄弱项已处理');
    if (body.kind === 'task') {
      const rate = `${Math.round(weak.rate * 1000) / 10}%`;
      const inbox = await openItem(tx, {
        kind: 'poll_weak_item',
        regionCode: body.communityCode,
        owner: { role: 'community_staff', regionCode: body.communityCode },
        subjectId: fid,
        title: `${w.name}：${weak.communityName}“${weak.text}”${weak.indicatorLabel} ${rate}，请改进${body.note ? `（${body.note}）` : ''}`,
      });
      await repo.setFollowupInbox(tx, fid, inbox);
    }
    await audit(tx, {
      actor,
      action: `poll.followup_${body.kind}`,
      entity: 'poll_followup',
      entityId: fid,
      regionCode: body.communityCode,
      after: { waveId: id, ...body, activityId },
    });
    return fid;
  });
  return { id: fid, kind: body.kind, inboxItemId: (await repo.followups(db, id)).find((f) => f.id === fid)?.inboxItemId ?? null, activityId };
}

/** Where a follow-up points (the inbox item's link): its wave and the community. */
export async function followupOf(db: Db, actor: Actor, fid: number) {
  const f = await repo.followup(db, fid);
  if (!f) throw new AppError('NOT_FOUND', '薄弱项交办记录不存在');
  townOf(actor, f.townCode, 'poll.read');
  const row = (await repo.followups(db, f.waveId)).find((x) => x.id === fid)!;
  if (!codeInScope(row.communityCode, regionScope(actor, 'poll.read'))) throw new AppError('NOT_FOUND', '薄弱项交办记录不存在');
  return {
    id: row.id,
    kind: row.kind,
    inboxItemId: row.inboxItemId,
    activityId: row.activityId,
    itemCode: row.itemCode,
    communityCode: row.communityCode,
    waveId: f.waveId,
  };
}

/** The community's cadres (or the office) report the task done: the inbox item closes. */
export async function followupDone(db: Db, actor: Actor, fid: number, note: string) {
  const f = await followupOf(db, actor, fid);
  if (f.kind !== 'task') throw new AppError('INVALID_STATE', '只有交办任务可以办结');
  await db.transaction(async (tx) => {
    if (!(await closeItems(tx, actor, fid, ['poll_weak_item'], 'done', note))) throw new AppError('INVALID_STATE', '该任务已办结');
    await audit(tx, { actor, action: 'poll.followup_done', entity: 'poll_followup', entityId: fid, regionCode: f.communityCode, after: { note } });
  });
  return { id: fid, kind: f.kind, inboxItemId: f.inboxItemId, activityId: f.activityId };
}
