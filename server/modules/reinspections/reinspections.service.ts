// 回头看: a closed problem is re-inspected after its category's delay
// (the reinspections row is written when the problem closes, in
// transition.ts, for a 核查通过 and for an on-the-spot fix). A verifier
// (problem.verify: office, supervisor, admin) records the result once:
// 'pass', or 'recurred', which opens a NEW problem linked to the old one
// (recurrence_of_id), all in one transaction.
//
// Choice for a recurrence: the new problem (source self_check 自查/回头看,
// same category, place and region) comes through intake and is dispatched at
// once to the old problem's responsible unit with a fresh deadline — the unit
// already owns the spot and the deadline clock should start today. When the
// old problem had no unit (an on-the-spot fix), or that unit can no longer be
// reached, it is filed for the office to dispatch.
import type { Db, Tx } from '../../db/pool.ts';
import { AppError, notFound, fieldError } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/session.ts';
import { can, type Actor } from '../../../domain/permissions.ts';
import { chinaDate } from '../../../domain/calendar.ts';
import { defaultTier, type ProblemState, type Tier } from '../../../domain/problems/vocab.ts';
import { notify } from '../notifications/index.ts';
import { emitWebhook } from '../webhooks/index.ts';
import { problemScope, locationAt } from '../problems/index.ts';
import * as repo from '../problems/index.ts';
import * as reinspections from './reinspections.repository.ts';
import { now as clockNow } from '../../platform/clock.ts';
import { intake } from '../problems/index.ts';
import { iso } from '../../platform/time.ts';
import { decodeCursor, encodeCursor, isDay, pageOf, positiveId } from '../../platform/cursor.ts';

export type ReinspectionResult = 'pass' | 'recurred';
export interface ResultInput {
  result: ReinspectionResult;
  note?: string | null;
  photoIds?: number[];
}

const STATE_LABELS: Record<string, string> = { scheduled: '待回头看', passed: '回头看通过', recurred: '复发' };

export interface ListFilter {
  due?: boolean;
  state?: 'scheduled' | 'passed' | 'recurred';
  limit?: number;
  cursor?: string;
}

export async function list(db: Db, actor: Actor, f: ListFilter, now: Date = clockNow()) {
  authorize(actor, 'problem.read');
  const after = f.cursor ? decodeCursor(f.cursor, (k): k is [string, number] => k.length === 2 && isDay(k[0]) && positiveId(k[1])) : null;
  const limit = f.limit ?? 50;
  const rows = await reinspections.list(db, repo.scopeSql(problemScope(actor)), { dueBy: f.due ? chinaDate(now) : undefined, state: f.state, after, limit });
  const page = pageOf(rows, limit, (x) => encodeCursor([x.due_date, x.id]));
  return {
    items: page.items.map((x) => ({
      id: x.id,
      state: x.state,
      stateLabel: STATE_LABELS[x.state] ?? x.state,
      dueDate: x.due_date,
      doneAt: iso(x.done_at),
      doneByName: x.done_by_name,
      note: x.note,
      problem: {
        id: x.problem_id,
        code: x.code,
        categoryName: x.category_name,
        placeName: x.place_name,
        address: x.address,
        regionCode: x.region_code,
        regionName: x.region_name,
        unitName: x.unit_name,
        closedAt: iso(x.closed_at),
      },
      newProblem: x.new_problem_id ? { id: x.new_problem_id, code: x.new_problem_code! } : null,
      canRecord: x.state === 'scheduled' && can(actor, 'problem.verify', { regionCode: x.region_code }),
    })),
    nextCursor: page.nextCursor,
  };
}

export async function recordResult(db: Db, actor: Actor, id: number, input: ResultInput, now: Date = clockNow()) {
  const note = input.note?.trim() || null;
  if (input.result === 'recurred' && !note) throw fieldError('note', '请说明复发的情况');
  const photoIds = input.photoIds ?? [];
  return db.transaction(async (tx) => {
    const ri = await reinspections.lockOne(tx, id);
    const p = ri ? await repo.getProblem(tx, ri.problem_id, problemScope(actor)) : null;
    if (!ri || !p) throw notFound('该回头看不存在或不在您的管辖范围内');
    if (!can(actor, 'problem.verify', { regionCode: p.region_code })) throw new AppError('FORBIDDEN', '只有镇创城办、督查组可以记录回头看结果');
    if (ri.state !== 'scheduled') throw new AppError('INVALID_STATE', `该回头看已记录结果（${STATE_LABELS[ri.state] ?? ri.state}），不能重复记录`);

    if (input.result === 'pass') {
      const ev = await repo.insertEvent(tx, {
        problemId: p.id,
        actorId: actor.personId,
        actorName: actor.name,
        action: 'reinspect_pass',
        fromState: p.state,
        toState: p.state,
        note,
        data: { reinspectionId: id },
      });
      await attach(tx, actor, photoIds, p.id, ev, 'progress');
      await reinspections.markResult(tx, id, { state: 'passed', at: now, by: actor.personId, note });
      await repo.reinspectionRecorded(tx, actor, p.id);
      await audit(tx, {
        actor,
        action: 'reinspection.pass',
        entity: 'reinspection',
        entityId: id,
        regionCode: p.region_code,
        before: { state: 'scheduled' },
        after: { state: 'passed', problemId: p.id, note, photoIds },
      });
      await emitWebhook(tx, p.region_code, 'problem.reinspection_passed', { id: p.id, code: p.code, reinspectionId: id, note }, `reinspection:${id}`);
      return { id, state: 'passed' as const, newProblem: null };
    }

    const created = await openRecurrence(tx, actor, p, id, note!, photoIds);
    const ev = await repo.insertEvent(tx, {
      problemId: p.id,
      actorId: actor.personId,
      actorName: actor.name,
      action: 'reinspect_recurred',
      fromState: p.state,
      toState: p.state,
      note,
      data: { reinspectionId: id, newProblemId: created.id, newCode: created.code },
    });
    await reinspections.markResult(tx, id, { state: 'recurred', at: now, by: actor.personId, note, newProblemId: created.id });
    await repo.reinspectionRecorded(tx, actor, p.id);
    await audit(tx, {
      actor,
      action: 'reinspection.recurred',
      entity: 'reinspection',
      entityId: id,
      regionCode: p.region_code,
      before: { state: 'scheduled' },
      after: { state: 'recurred', problemId: p.id, newProblemId: created.id, note, photoIds },
    });
    await notify(tx, await repo.officePeople(tx, p.region_code), {
      kind: 'reinspection_recurred',
      title: `回头看发现问题 ${p.code} 复发，已生成新问题 ${created.code}`,
      body: note,
      problemId: created.id,
      dedupeKey: `event:${ev}`,
    });
    await emitWebhook(
      tx,
      p.region_code,
      'problem.reinspection_recurred',
      { id: p.id, code: p.code, reinspectionId: id, note, newProblemId: created.id, newCode: created.code, newState: created.state },
      `reinspection:${id}`,
    );
    return { id, state: 'recurred' as const, newProblem: created };
  });
}

async function attach(tx: Tx, actor: Actor, photoIds: number[], problemId: number, eventId: number, kind: string) {
  if (!photoIds.length) return;
  const n = await repo.attachPhotos(tx, photoIds, problemId, eventId, kind, { personId: actor.personId });
  if (n !== new Set(photoIds).size) throw fieldError('photoIds', '部分照片无效或已被使用，请重新上传');
}

/**
 * The linked problem of a recurrence, through intake like every report: reported
 * where the old one was, filed for the office, and dispatched back to the same
 * unit (a unit that can no longer be reached leaves it filed for the office).
 * Each move with its history, audit, notification and webhook.
 */
async function openRecurrence(tx: Tx, actor: Actor, old: repo.ProblemRow, reinspectionId: number, note: string, photoIds: number[]) {
  const cat = await repo.category(tx, old.category_id);
  const tier = old.tier === 'on_spot' ? defaultTier((cat?.default_tier ?? 'community') as Tier, false) : (old.tier as Tier);
  const location = locationAt(old.region_code, old.place_id);
  const r = await intake(
    tx,
    { actor },
    {
      source: 'self_check',
      sourceRef: `回头看 ${old.code}`,
      sourceId: reinspectionId,
      categoryId: old.category_id,
      tier,
      description: '回头看复发：' + note,
      lat: old.lat,
      lng: old.lng,
      address: old.address,
      beforePhotoIds: photoIds,
      unitId: old.responsible_unit_id,
    },
    { placeMatchMeters: 0, communityMatchMeters: 0 },
    {
      location,
      recurrenceOfId: old.id,
      eventData: { recurrenceOfId: old.id, recurrenceOfCode: old.code, reinspectionId },
      system: { fileNote: '回头看复发，自动立案', dispatchNote: `回头看复发（原问题 ${old.code}），派回原责任单位`, route: 'recurrence' },
    },
  );
  return { id: r.id, code: r.code, state: r.state as ProblemState, dueDate: r.dueDate, unitId: r.unitId };
}
