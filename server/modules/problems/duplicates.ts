// Duplicate hints while a problem is entered: open problems of the same
// category within DUP_METERS and reported in the last DUP_DAYS, nearest
// first, with thumbnails. Choosing one adds the reporter as a follower
// (problem_followers) instead of creating a new problem.
import type { Db, Tx } from '../../db/pool.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { audit } from '../../platform/audit.ts';
import { iso } from '../../platform/time.ts';
import { authorize } from '../../platform/session.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { PROBLEM_STATE_LABELS, TERMINAL_STATES, type ProblemState } from '../../../domain/problems/vocab.ts';
import { problemScope } from './parties.ts';
import { findDuplicates, followerCount, insertFollower, type DupConfig } from './duplicates.repository.ts';
import * as repo from './problems.repository.ts';

export async function duplicates(db: Db, actor: Actor, cfg: DupConfig, input: { categoryId: number; lat: number; lng: number }) {
  authorize(actor, 'problem.report');
  const rows = await findDuplicates(db, cfg, input, problemScope(actor));
  return {
    meters: cfg.dupMeters,
    days: cfg.dupDays,
    items: rows.map((p) => ({
      id: p.id,
      code: p.code,
      state: p.state,
      stateLabel: PROBLEM_STATE_LABELS[p.state as ProblemState],
      categoryName: p.category_name,
      regionName: p.region_name,
      description: p.description,
      createdAt: iso(p.created_at),
      distanceM: Math.round(Number(p.distance)),
      followerCount: p.follower_count,
      photos: (p.photo_ids ?? []).map((id) => ({ id, url: `/api/photos/${id}`, thumbUrl: `/api/photos/${id}?thumb=1` })),
    })),
  };
}

/** Add a follower (the caller, or a resident's phone number given by staff) to an open problem. */
export async function follow(db: Db, actor: Actor, problemId: number, phone: string | null) {
  authorize(actor, 'problem.report');
  return db.transaction(async (tx) => {
    const p = await repo.getProblem(tx, problemId, problemScope(actor));
    if (!p) throw notFound('该问题不存在或不在您的管辖范围内');
    authorize(actor, 'problem.report', { regionCode: p.region_code });
    if (TERMINAL_STATES.includes(p.state as ProblemState)) throw new AppError('INVALID_STATE', '该问题已结束，不能再关注，请上报新问题');
    const key = phone ? `phone:${phone}` : `person:${actor.personId}`;
    await addFollowerWithEvent(tx, p.id, p.state, key, actor, p.region_code);
    return { problemId: p.id, code: p.code, followed: true as const, followers: await followerCount(tx, p.id) };
  });
}

export async function addFollowerWithEvent(tx: Tx, problemId: number, state: string, key: string, actor: Actor | null, regionCode: string) {
  if (!(await insertFollower(tx, problemId, key))) return false;
  await repo.insertEvent(tx, {
    problemId,
    actorId: actor?.personId ?? null,
    actorName: actor?.name ?? null,
    action: 'follow',
    fromState: state,
    toState: state,
    note: '同一问题的上报人加入关注，未重复立案',
  });
  // The key may hold a phone number: the audit row records only that one was added.
  await audit(tx, {
    actor,
    action: 'problem.follow',
    entity: 'problem',
    entityId: problemId,
    regionCode,
    after: { follower: key.startsWith('phone:') ? 'phone' : key },
  });
  return true;
}
